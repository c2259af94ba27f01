// The as-of control and the forecast's history window, through the filter bar, on real data that ended years
// ago (the DevLake Jira issues of board 8): the app starts as of the core's suggested day, every figure and the
// forecast equal the core's for that as-of, a done-window is the forecast's history, and the history days apply.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowMetrics } from '../../shared/metrics/flow-metrics.ts';
import type { Forecast } from '../../shared/metrics/forecast.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { formatDate, formatEndDate, formatNumber } from '../../renderer/src/common/format.ts';
import { devlakeEeMap, jiraBoard8Issues } from '../fixtures/devlake.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serve, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-as-of-'));
const file = path.join(tmp, 'devlake.vsm');
let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let mapId: number;
const problems: string[] = [];
const api = <T>(m: string, input: unknown) => callApi<T>(served, m, input);
type Info = { suggestedAsOf: { at: string; lastChange: string; reason: string } | null };

const headline = (id: string) => page.locator(`[data-figure="${id}"] .headline__value`).innerText();

/** Runs the forecast on the page, waits for an answer over `days` of history, and reads it back. */
async function forecastShown(days: number): Promise<{ items: number; days: number; p50: string | null }> {
  await page.getByTestId('forecast-run').click();
  const result = page.getByTestId('forecast-result');
  await page.waitForSelector(`[data-testid="forecast"][data-state="ready"] [data-testid="forecast-result"][data-history-days="${days}"]`, { timeout: 60_000 });
  const p50 = (await result.getAttribute('data-state')) === 'ready' ? await page.getByTestId('forecast-p50').innerText() : null;
  return { items: Number(await result.getAttribute('data-history-items')), days: Number(await result.getAttribute('data-history-days')), p50 };
}

async function openCharts() {
  await page.getByTestId('charts-open').click();
  await page.waitForSelector('[data-testid="charts"][data-state="ready"]', { timeout: 60_000 });
}

async function closeCharts() {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="charts"]', { state: 'detached', timeout: 15_000 });
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serve(['--workspace', file]);
  const issues = path.join(tmp, 'board8.json');
  fs.writeFileSync(issues, JSON.stringify(jiraBoard8Issues()));
  await api('importJiraFiles', { path: issues });
  mapId = (
    await api<{ id: number }>('saveMap', {
      map: devlakeEeMap(),
    })
  ).id;
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems, { refusalsExpected: true });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('as-of and the forecast history in the filter bar (DevLake board 8)', () => {
  it("starts as of the end of the day of the last status change, with the core's figures for it", async () => {
    const info = await api<Info>('workspaceInfo', {});
    expect(info.suggestedAsOf).not.toBeNull();
    const s = info.suggestedAsOf!;
    expect(s.reason).toContain('last status change');
    // The end of the UTC day of the last change.
    expect(Date.parse(s.at) - Date.parse(s.lastChange)).toBeGreaterThan(0);
    expect(Date.parse(s.at) - Date.parse(s.lastChange)).toBeLessThanOrEqual(86_400_000);
    expect(s.at.endsWith('T00:00:00.000Z')).toBe(true);
    const day = new Date(Date.parse(s.at) - 1).toISOString().slice(0, 10);
    expect(await page.getByTestId('filter-as-of').inputValue()).toBe(day);

    const m = await api<FlowMetrics>('flowMetrics', { mapId, asOf: s.at });
    expect(m.items.done).toBe(30);
    await page.locator('[data-figure="done"] .headline__value', { hasText: formatNumber(m.items.done) }).waitFor({ timeout: 15_000 });
    expect(await headline('throughput')).toBe(formatNumber(m.throughputPerWeek, 1));
    expect(await headline('wip')).toBe(formatNumber(m.wip.current));
    expect(await page.locator('.app__window').innerText()).toContain(`As of ${formatDate(m.asOf)}`);
    // Without the suggestion (now), throughput is diluted over the years since.
    const now = await api<FlowMetrics>('flowMetrics', { mapId });
    expect(now.throughputPerWeek).toBeLessThan(m.throughputPerWeek);

    await openCharts();
    const f = await forecastShown(90);
    const by = `${await page.getByTestId('forecast-by').inputValue()}T00:00:00.000Z`;
    // The 90 days before as-of hold none of the 30 completions (done Jun–Jul 2020; the last change is Mar 2021):
    // the page says so, as the core does, and names the way out.
    const core = await api<Forecast>('forecast', { mapId, asOf: s.at, items: 20, by });
    expect(core.history.items).toBe(0);
    expect(f).toEqual({ items: 0, days: 90, p50: null });
    expect(await page.getByTestId('forecast-result').innerText()).toContain('widen the forecast history or set a done window');
    // A year of history reaches them.
    await closeCharts();
    await page.getByTestId('filter-history-days').fill('365');
    await openCharts();
    const year = await forecastShown(365);
    const coreYear = await api<Forecast>('forecast', { mapId, asOf: s.at, historyDays: 365, items: 20, by });
    expect(coreYear.history.items).toBe(30);
    expect(year).toEqual({ items: 30, days: 365, p50: formatDate(coreYear.when!.p50!.date) });
    await page.screenshot({ path: shotPath('as-of-forecast.png') });
    await closeCharts();
  });

  it("a done-window is the forecast's history, before as-of, even with as-of cleared to now", async () => {
    const all = await api<{ items: { done: string | null }[] }>('metricItems', { mapId, asOf: (await api<Info>('workspaceInfo', {})).suggestedAsOf!.at });
    const dones = all.items
      .map((i) => i.done)
      .filter((d): d is string => d !== null)
      .sort();
    const from = dones[0]!.slice(0, 10);
    const to = dones.at(-1)!.slice(0, 10);
    await page.getByTestId('filter-history-days').fill('');
    await page.getByTestId('filter-as-of').fill('');
    await page.getByTestId('filter-from').fill(from);
    await page.getByTestId('filter-to').fill(to);
    const window = { from: `${from}T00:00:00.000Z`, to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() };
    const m = await api<FlowMetrics>('flowMetrics', { mapId, ...window });
    expect(m.items.done).toBe(30);
    // Both ends applied: with only "from" applied the done count can already read 30 (nothing is done after "to").
    const shownWindow = `${formatDate(m.window.from)} – ${formatEndDate(m.window.to)}`;
    await page.locator('.app__window', { hasText: shownWindow }).waitFor({ timeout: 15_000 });
    await page.locator('[data-figure="done"] .headline__value', { hasText: formatNumber(m.items.done) }).waitFor({ timeout: 15_000 });
    // "done to" the picked day is shown as that day (the window's end is the next midnight, exclusive).
    expect(await page.locator('.app__window').innerText()).toContain(shownWindow);
    expect(formatEndDate(m.window.to)).toBe(formatDate(`${to}T00:00:00Z`));

    await openCharts();
    const by = `${await page.getByTestId('forecast-by').inputValue()}T00:00:00.000Z`;
    const core = await api<Forecast>('forecast', { mapId, ...window, items: 20, by });
    const f = await forecastShown(core.history.days);
    expect(core.history.items).toBe(30);
    expect(core.history.to).toBe(window.to);
    expect(f).toEqual({ items: 30, days: core.history.days, p50: core.when!.p50 ? formatDate(core.when!.p50.date) : null });
    await closeCharts();
  });

  it('the history days apply to the forecast; Clear returns to the suggested as-of', async () => {
    await page.getByTestId('filter-clear').click();
    const info = await api<Info>('workspaceInfo', {});
    const day = new Date(Date.parse(info.suggestedAsOf!.at) - 1).toISOString().slice(0, 10);
    await page.waitForFunction((d) => (document.querySelector('[data-testid="filter-as-of"]') as HTMLInputElement).value === d, day);
    expect(await page.getByTestId('filter-from').inputValue()).toBe('');
    expect(await page.getByTestId('filter-history-days').inputValue()).toBe('');
    await page.getByTestId('filter-history-days').fill('300');
    await openCharts();
    const f = await forecastShown(300);
    const by = `${await page.getByTestId('forecast-by').inputValue()}T00:00:00.000Z`;
    const core = await api<Forecast>('forecast', { mapId, asOf: info.suggestedAsOf!.at, historyDays: 300, items: 20, by });
    expect(core.history.items).toBe(30);
    expect(f).toEqual({ items: 30, days: 300, p50: formatDate(core.when!.p50!.date) });
    await closeCharts();
    expect(problems).toEqual([]);
  });
});
