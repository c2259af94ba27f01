// The filter bar: item types, a label and a window of done dates change every figure on screen to what
// the core computes for the same query, the drill-down and the report follow, and a window the core
// refuses leaves the figures as they were with its message shown.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type Metrics = { items: { total: number; done: number }; steps: { id: string; wip: number }[]; window: { from: string | null; to: string } };

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let mapId: number;
const problems: string[] = [];
const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);
const fmt = (n: number) => n.toLocaleString('en-US');
const shownDone = () => page.locator('[data-figure="done"] .headline__value').innerText();
const shownQaWip = () => page.locator('[data-testid="step-node"][data-step-id="qa"] [data-figure="wip"]').innerText();

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems, { refusalsExpected: true });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  mapId = (await api<{ id: number }>('getMap', {})).id;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('filter bar', () => {
  it("offers the workspace's item types with their counts", async () => {
    const facets = await api<{ types: { value: string; items: number }[] }>('itemFacets', {});
    const chips = (await page.locator('.filter-chip').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(chips).toEqual(facets.types.map((t) => `${t.value} ${fmt(t.items)}`));
  });

  it("filters to Bugs: the headline, the map and the drill-down show the core's figures for Bugs", async () => {
    const all = await api<Metrics>('flowMetrics', { mapId });
    const bugs = await api<Metrics>('flowMetrics', { mapId, types: ['Bug'] });
    expect(bugs.items.done).toBeLessThan(all.items.done);
    await page.locator('.filter-chip', { hasText: 'Bug' }).click();
    await page.waitForFunction((n) => document.querySelector('[data-figure="done"] .headline__value')?.textContent === n, fmt(bugs.items.done));
    expect(await shownQaWip()).toBe(String(bugs.steps.find((s) => s.id === 'qa')!.wip));
    expect(await page.getByTestId('report-link').getAttribute('href')).toContain('types=Bug');

    await page.locator('[data-testid="step-node"][data-step-id="qa"] .step__name').click();
    await page.waitForSelector('[data-testid="step-items"][data-state="ready"]');
    const types = await page.locator('[data-testid="step-items"] .drill__type').allInnerTexts();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types.map((t) => t.toLowerCase()))).toEqual(new Set(['bug']));
    await page.getByTestId('step-items-close').click();
  });

  it('adds a window of done dates (the last day included) and states it', async () => {
    await page.getByTestId('filter-from').fill('2026-03-01');
    await page.getByTestId('filter-to').fill('2026-05-31');
    const expected = await api<Metrics>('flowMetrics', { mapId, types: ['Bug'], from: '2026-03-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' });
    await page.waitForFunction((n) => document.querySelector('[data-figure="done"] .headline__value')?.textContent === n, fmt(expected.items.done));
    expect(await page.locator('.app__window').innerText()).toMatch(/items done 1 Mar 2026 – 31 May 2026/);
    await page.screenshot({ path: shotPath('filters.png') });
  });

  it('a window the core refuses shows its message and leaves the figures as they were', async () => {
    const before = await shownDone();
    await page.getByTestId('filter-from').fill('2026-07-01');
    const error = page.getByTestId('filter-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/window from 2026-07-01T00:00:00.000Z is not before to 2026-06-01T00:00:00.000Z/);
    expect(await shownDone()).toBe(before);
  });

  it('Clear brings back every item', async () => {
    const all = await api<Metrics>('flowMetrics', { mapId });
    await page.getByTestId('filter-clear').click();
    await page.waitForFunction((n) => document.querySelector('[data-figure="done"] .headline__value')?.textContent === n, fmt(all.items.done));
    expect(await page.getByTestId('filter-error').count()).toBe(0);
    expect(await page.getByTestId('report-link').getAttribute('href')).not.toContain('types=');
    expect(problems).toEqual([]);
  });
});
