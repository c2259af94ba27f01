// "Why do the numbers differ?" on the demo: every convention's figures as the core computes them, and the
// items that change most between two conventions, with the rule.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowMetricsOutput } from '../../shared/contract/contract.ts';
import type { ConventionComparison } from '../../shared/metrics/conventions.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  await page.setViewportSize({ width: 1500, height: 1000 });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('definitions view', () => {
  it('shows every convention\'s cycle time as the core computes it, and the items behind the difference', async () => {
    const mapId = (await callApi<{ id: number }>(served, 'getMap', {})).id;
    await page.getByTestId('conventions-open').click();
    await page.waitForSelector('[data-testid="conventions"][data-state="ready"]');
    const c = await callApi<ConventionComparison>(served, 'compareConventions', { mapId, a: 'flowmap', b: 'jirametrics', limit: 20 });
    const jm = c.figures.find((f) => f.convention === 'jirametrics')!;
    expect(await page.locator('tr[data-convention="jirametrics"] [data-figure="cycle-p50"]').innerText()).toBe(`${jm.cycleTime.p50} d`);
    expect(await page.locator('tr[data-convention="jirametrics"] td').first().innerText()).toBe(String(jm.done));
    const first = c.items[0]!;
    expect(await page.locator('[data-testid="conventions-items"] tbody tr').first().getAttribute('data-key')).toBe(first.key);
    await page.getByTestId('convention-b').selectOption('jira-agile-metrics');
    const c2 = await callApi<ConventionComparison>(served, 'compareConventions', { mapId, a: 'flowmap', b: 'jira-agile-metrics', limit: 20 });
    await page.waitForFunction((k) => document.querySelector('[data-testid="conventions-items"] tbody tr')?.getAttribute('data-key') === k, c2.items[0]!.key);
    await page.screenshot({ path: shotPath('conventions.png') });
    expect(problems).toEqual([]);
  });

  it('the convention selector switches the headline to that convention, and every figure names its convention and unit', async () => {
    const mapId = (await callApi<{ id: number }>(served, 'getMap', {})).id;
    await page.keyboard.press('Escape');
    const flowmapTitle = await page.locator('[data-testid="headline"] [data-figure="cycle"]').getAttribute('title');
    expect(flowmapTitle).toMatch(/^cycle time: exact elapsed time .*Flowmap convention/);
    await page.getByTestId('filter-convention').selectOption('jirametrics');
    await page.waitForSelector('[data-testid="headline"][data-convention="jirametrics"]');
    const m = await callApi<FlowMetricsOutput>(served, 'flowMetrics', { mapId, convention: 'jirametrics' });
    expect(m.convention?.convention).toBe('jirametrics');
    expect(await page.locator('[data-testid="headline"] [data-figure="cycle"] .headline__value').innerText()).toBe(`${m.convention!.cycleTime.p50} d`);
    expect(await page.locator('[data-testid="headline"] [data-figure="done"] .headline__value').innerText()).toBe(m.convention!.done.toLocaleString('en-US'));
    expect(await page.locator('[data-testid="headline"] [data-figure="cycle"]').getAttribute('title')).toMatch(/^cycle time: whole days counting both ends, jirametrics convention/);
    expect(await page.getByTestId('headline-convention').innerText()).toContain('jirametrics convention');
    await page.screenshot({ path: shotPath('conventions-selector.png') });
    await page.getByTestId('filter-convention').selectOption('');
    await page.waitForSelector('[data-testid="headline"][data-convention="flowmap"]');
    expect(problems).toEqual([]);
  });
});
