// Current vs future state and measured-after in the app: take a baseline of the demo's measured figures,
// create a future state, give it faster estimates, and read the gain table the core computes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import type { StateComparison } from '../../shared/metrics/state-comparison.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let mapId: number;
const problems: string[] = [];
const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  mapId = (await api<{ id: number }>('getMap', {})).id;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const cell = (figure: string, col: number) => page.locator(`[data-testid="gain-table"] tr[data-figure="${figure}"] td`).nth(col).innerText();

describe('future state and measured-after', () => {
  it('opens on the current state, takes a baseline and creates a future state', async () => {
    await page.getByTestId('compare-open').click();
    await page.waitForSelector('[data-testid="compare"][data-state="ready"]');
    await page.getByTestId('baseline-name').fill('before kaizen week');
    await page.getByTestId('baseline-take').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-notice"]')?.textContent?.includes('taken'));
    await page.getByTestId('future-create').click();
    await page.waitForSelector('[data-testid="ladder-future"]');
    const baselines = await api<{ name: string }[]>('listBaselines', { mapId });
    expect(baselines.map((b) => b.name)).toEqual(['before kaizen week']);
    const maps = await api<{ name: string }[]>('listMaps', {});
    expect(maps.some((m) => m.name.endsWith('— future state'))).toBe(true);
  });

  it('shows the gain table the core computes once the future state has faster estimates', async () => {
    const maps = await api<{ id: number; name: string }[]>('listMaps', {});
    const future = maps.find((m) => m.name.endsWith('— future state'))!;
    const doc = await api<{ steps: { estimate?: { processTimeHours?: number; leadTimeHours?: number } }[] }>('getMap', { mapId: future.id });
    // The room's target: every step's wait halved.
    const steps = doc.steps.map((s) =>
      s.estimate?.processTimeHours !== undefined && s.estimate.leadTimeHours !== undefined
        ? { ...s, estimate: { ...s.estimate, leadTimeHours: s.estimate.processTimeHours + (s.estimate.leadTimeHours - s.estimate.processTimeHours) / 2 } }
        : s,
    );
    await api('saveMap', { map: { ...doc, id: undefined, updatedAt: undefined, steps }, mapId: future.id });
    await page.getByTestId('compare-close').click();
    await page.getByTestId('compare-open').click();
    await page.waitForSelector('[data-testid="compare"][data-state="ready"]');
    const c = await api<StateComparison>('compareStates', { mapId });
    expect(c.reference).toBe('baseline');
    expect(c.future!.mapId).toBe(future.id);
    const lead = c.rows.find((r) => r.figure === 'totalLeadTimeHours')!;
    expect(lead.target!).toBeLessThan(c.current.ladder.estimate!.totalLeadTimeHours);
    // The table shows the core's numbers, formatted: hours as days past a day, ratios with one decimal.
    const fmtHours = (h: number) =>
      h < 24 ? `${h.toFixed(1).replace(/\.0$/, '')} h` : `${h / 24 >= 100 ? Math.round(h / 24).toString() : (h / 24).toFixed(1).replace(/\.0$/, '')} d`;
    expect(await cell('totalLeadTimeHours', 0)).toBe(fmtHours(lead.reference!));
    expect(await cell('totalLeadTimeHours', 1)).toBe(fmtHours(lead.target!));
    const ratio = c.rows.find((r) => r.figure === 'activityRatio')!;
    expect(await cell('activityRatio', 0)).toBe(`${(ratio.reference! * 100).toFixed(1)} %`);
    expect(await cell('activityRatio', 1)).toBe(`${(ratio.target! * 100).toFixed(1)} %`);
    // Measured now equals the baseline (same data, same window): nothing achieved yet.
    expect(lead.now).toBe(lead.reference);
    expect(await cell('totalLeadTimeHours', 4)).toBe('0.0 %');
    await page.screenshot({ path: shotPath('compare.png') });
    expect(problems).toEqual([]);
  });
});
