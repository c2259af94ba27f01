// The dashboard in headless Chromium against the real host: on the demo workspace (with a generated git
// repository imported for DORA) and on an imported fixture (the DevLake Jira issues of board 8), every chart
// renders with data whose numbers equal the CLI's (`vsm metrics --series --json`, `vsm dora --trend --json`,
// a separate process on the same workspace file), a click on a bar lists the items the core names for it, a
// filter changes the map and the charts consistently, and the exports are real PNG, SVG and CSV files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGitRepo } from '../../bench/generate-git.ts';
import type { DoraTrend } from '../../shared/contract/contract.ts';
import type { ChartItems } from '../../shared/metrics/chart-items.ts';
import type { ChartSeries } from '../../shared/metrics/chart-series.ts';
import type { FlowMetrics } from '../../shared/metrics/flow-metrics.ts';
import type { FlowSeries } from '../../shared/metrics/series.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { formatNumber, formatPercent } from '../../renderer/src/common/format.ts';
import { devlakeEeMap, jiraBoard8Issues } from '../fixtures/devlake.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, REPO_ROOT, serve, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

type Cli = FlowSeries & { charts: ChartSeries };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-dash-'));
let browser: Awaited<ReturnType<typeof launchChromium>>;

function vsm(args: string[]): string {
  return execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
}

async function openDashboard(page: Page) {
  await page.getByTestId('charts-open').click();
  await page.waitForSelector('[data-testid="charts"][data-state="ready"]', { timeout: 60_000 });
  for (const id of [
    'chart-cycle-histogram',
    'chart-lead-cycle',
    'chart-efficiency',
    'chart-wip',
    'chart-wait',
    'chart-forecast-when',
    'chart-forecast-howmany',
  ]) {
    await page.waitForSelector(`[data-testid="${id}"] svg`, { timeout: 60_000 });
  }
  await page.waitForSelector('[data-testid="chart-dora"][data-state="ready"]', { timeout: 60_000 });
}

const values = (page: Page, sel: string) =>
  page.locator(sel).evaluateAll((els) => els.map((e) => (e.getAttribute('data-values') ?? '').split(',').map(Number)));

/** Every chart's drawn numbers against the CLI's series for the same workspace and filters. */
async function expectChartsEqualCli(page: Page, cli: Cli, metrics: FlowMetrics) {
  const c = cli.charts;
  expect(c.items.completed).toBe(metrics.items.done);
  expect(await values(page, '[data-testid="hist-bar"]')).toEqual(c.cycleHistogram.bins.map((b) => [b.count]));
  expect(await values(page, '[data-testid="lc-bar"]')).toEqual(c.leadVsCycle.bins.map((b) => [b.lead, b.cycle]));
  expect(await values(page, '[data-testid="eff-bar"]')).toEqual(c.flowEfficiency.bins.map((b) => [b.count]));
  if (c.flowEfficiency.pooled !== null)
    expect(await page.getByTestId('efficiency-summary').innerText()).toContain(`Pooled ${formatPercent(c.flowEfficiency.pooled)}`);
  expect(await values(page, '[data-testid="throughput-bar"]')).toEqual(cli.throughputWeekly.map((w) => [w.count]));
  expect((await page.getByTestId('wip-days').getAttribute('data-totals'))!.split(',').map(Number)).toEqual(cli.wipRun.total);
  expect(Number(await page.getByTestId('scatter-canvas').getAttribute('data-points'))).toBe(
    rowsOf(cli.scatter.points).filter((p) => p.cycleTimeHours !== null).length,
  );
  const agingDots = await page.locator('[data-testid="aging-dots"]').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
  expect(agingDots.reduce((a, b) => a + b, 0)).toBe(rowsOf(cli.aging.items).length);
  expect(await values(page, '[data-testid="wait-bar"]')).toEqual(metrics.steps.map((s) => [s.waitHours.total / 24]));
  expect(await values(page, '[data-testid="wait-p85-bar"]')).toEqual(metrics.steps.map((s) => [s.waitHours.p85 / 24]));
}

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('dashboard on the demo workspace, with a git repository imported for DORA', () => {
  let served: Served;
  let page: Page;
  let mapId: number;
  let workspace = '';
  const problems: string[] = [];
  const api = <T>(m: string, input: unknown) => callApi<T>(served, m, input);

  beforeAll(async () => {
    // The demo written to a file, a git repository imported into it by the CLI, then served.
    workspace = path.join(tmp, 'demo.vsm');
    vsm(['demo', '--out', workspace]);
    const repo = path.join(tmp, 'repo');
    generateGitRepo(repo, { commits: 4000, tagEvery: 40, startMs: Date.UTC(2026, 7, 20) });
    vsm(['import', 'git', repo, '--workspace', workspace]);
    served = await serve(['--workspace', workspace]);
    mapId = (await api<{ id: number }>('getMap', {})).id;
    page = await newWatchedPage(browser, problems);
    await page.goto(served.openUrl);
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    await openDashboard(page);
  });
  afterAll(async () => {
    await page?.close();
    await served?.stop();
  });

  it('every chart draws the numbers of `vsm metrics --series --json`', async () => {
    const cli = JSON.parse(vsm(['metrics', '--workspace', workspace, '--series', '--json'])) as Cli;
    const metrics = await api<FlowMetrics>('flowMetrics', { mapId });
    expect(cli.charts.cycleHistogram.bins.length).toBeGreaterThan(10);
    await expectChartsEqualCli(page, cli, metrics);
    // The daily switch draws one bar per day of the series.
    await page.getByTestId('throughput-day').click();
    expect(await values(page, '[data-testid="throughput-bar"]')).toEqual(cli.throughputDaily!.map((d) => [d.count]));
    await page.getByTestId('throughput-week').click();
    // The bottleneck is marked in the wait chart, as on the map.
    expect(await page.getByTestId('wait-bottleneck').innerText()).toContain(metrics.bottleneck!.reason);
  });

  it('Monte Carlo histograms: every simulated future counted, p50/p85/p95 and the history window stated', async () => {
    const when = await page
      .locator('[data-testid="forecast-when-bar"]')
      .evaluateAll((els) => els.reduce((a, e) => a + Number(e.getAttribute('data-values')), 0));
    const howMany = await page
      .locator('[data-testid="forecast-howmany-bar"]')
      .evaluateAll((els) => els.reduce((a, e) => a + Number(e.getAttribute('data-values')), 0));
    expect(when).toBe(10_000);
    expect(howMany).toBe(10_000);
    expect(await page.locator('[data-testid="chart-forecast-when"] [data-testid="bar-marker"]').count()).toBe(3);
    expect(await page.getByTestId('forecast-when-basis').innerText()).toMatch(/90 days of history \(.+ – .+\)/);
    const by = await page.getByTestId('forecast-by').inputValue();
    const f = await api<{ howMany: { p50: number; p85: number; p95: number } }>('forecast', { mapId, items: 20, by: `${by}T00:00:00.000Z` });
    expect(await page.getByTestId('forecast-howmany-summary').innerText()).toContain(
      `p50 at least ${formatNumber(f.howMany.p50)}, p85 at least ${formatNumber(f.howMany.p85)}`,
    );
  });

  it('DORA: the four figures and their monthly trends equal `vsm dora --trend --json`', async () => {
    const t = JSON.parse(vsm(['dora', '--workspace', workspace, '--trend', '--json'])) as DoraTrend;
    expect(t.whole.releases).toBe(100);
    expect(await page.getByTestId('dora-frequency-value').innerText()).toBe(`${formatNumber(t.whole.deploymentsPerWeek, 2)} a week`);
    expect(await page.getByTestId('dora-failure-value').innerText()).toBe(formatPercent(t.whole.changeFailureRate));
    const bars = await page
      .locator('[data-testid="dora-frequency-trend"] g[data-month]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-month'), Number(e.getAttribute('data-value'))]));
    expect(bars).toEqual(t.months.map((m) => [m.month, m.deploymentsPerWeek]));
    expect(await page.getByTestId('dora-basis').innerText()).toContain('releases are git release tags');
    // No incident or hotfix data: time to restore cannot be computed and says so (never 0).
    if (t.whole.timeToRestoreHours.p50 === null) expect(await page.getByTestId('dora-restore-value').innerText()).toBe('not enough data');
  });

  it('a click on a bar lists the items the core names for it; Enter on a focused bar does the same', async () => {
    const charts = await api<ChartSeries>('flowCharts', { mapId });
    const i = charts.cycleHistogram.bins.findIndex((b) => b.count > 3 && b.count < 200);
    const bin = charts.cycleHistogram.bins[i]!;
    await page.locator('[data-testid="hist-bar"]').nth(i).click();
    await page.waitForSelector('[data-testid="chart-items"][data-state="ready"]');
    expect(await page.getByTestId('chart-items-count').innerText()).toBe(formatNumber(bin.count));
    const listed = await page.locator('[data-testid="chart-items-table"] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-key')));
    const core = await api<ChartItems>('chartItems', {
      mapId,
      select: { kind: 'cycle-bin', binHours: charts.cycleHistogram.binHours, bins: charts.cycleHistogram.bins.length, index: i },
      limit: 200,
    });
    expect(listed).toEqual(core.items.map((x) => x.key));
    for (const k of bin.keys) expect(listed).toContain(k);
    // The wait bar of the bottleneck, from the keyboard.
    const metrics = await api<FlowMetrics>('flowMetrics', { mapId });
    const b = metrics.steps.findIndex((s) => s.id === metrics.bottleneck!.stepId);
    await page.locator('[data-testid="wait-bar"]').nth(b).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="chart-items-title"]')?.textContent?.includes('bottleneck'));
    await page.waitForSelector('[data-testid="chart-items"][data-state="ready"]');
    const step = await api<{ completed: { count: number } }>('stepItems', { mapId, stepId: metrics.bottleneck!.stepId });
    expect(await page.getByTestId('chart-items-count').innerText()).toBe(formatNumber(step.completed.count));
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('chart-items').count()).toBe(0);

    // A WIP day, picked with the pointer, then with the arrow keys: the tooltip names its count, Enter lists its items.
    const series = await api<FlowSeries>('flowSeries', { mapId });
    const D = series.days.length;
    const hit = page.getByTestId('wip-days');
    await hit.scrollIntoViewIfNeeded();
    const box = (await hit.boundingBox())!;
    const d = Math.floor(D / 2);
    await page.mouse.move(box.x + ((d + 0.5) / D) * box.width, box.y + box.height / 2);
    expect(await hit.getAttribute('data-day')).toBe(series.days[d]);
    expect(await page.getByTestId('wip-tooltip').textContent()).toContain(`${formatNumber(series.wipRun.total[d]!)} in progress`);
    await page.mouse.move(box.x + box.width / 2, box.y - 40);
    expect(await page.getByTestId('wip-tooltip').count()).toBe(0);
    await hit.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    expect(await hit.getAttribute('data-day')).toBe(series.days[D - 2]);
    await page.keyboard.press('Enter');
    await page.waitForFunction((day) => document.querySelector('[data-testid="chart-items-title"]')?.textContent?.includes(day), series.days[D - 2]!);
    await page.waitForSelector('[data-testid="chart-items"][data-state="ready"]');
    const wip = await api<ChartItems>('chartItems', { mapId, select: { kind: 'wip', at: series.sampledAt[D - 2]! }, limit: 200 });
    expect(wip.count).toBe(series.wipRun.total[D - 2]);
    expect(await page.getByTestId('chart-items-count').innerText()).toBe(formatNumber(wip.count));
    await page.keyboard.press('Escape');
  });

  it('scrolled down to a chart, a click on its bar keeps it in place, with the filters and the item list in view', async () => {
    const charts = await api<ChartSeries>('flowCharts', { mapId });
    const i = charts.cycleHistogram.bins.findIndex((b) => b.count > 0);
    const scroller = () => page.evaluate(() => document.querySelector('[data-testid="charts"]')!.scrollTop);
    const rect = (sel: string) => page.evaluate((q) => document.querySelector(q)!.getBoundingClientRect().toJSON() as DOMRect, sel);
    const filtersSel = '[data-testid="charts"] [data-testid="filter-bar"]';
    await page.evaluate(() => document.querySelector('[data-testid="chart-cycle-histogram"]')!.scrollIntoView());
    const scrolled = await scroller();
    expect(scrolled).toBeGreaterThan(400);
    const filters = await rect(filtersSel);
    expect(filters.top).toBeGreaterThanOrEqual(0);
    expect(filters.top).toBeLessThan(2);
    // Scrolled into view below the sticky filter bar, not under it.
    expect((await rect('[data-testid="chart-cycle-histogram"]')).top).toBeGreaterThanOrEqual(filters.bottom);
    // A pointer's click where the bar is (Playwright's own click would first scroll the bar as it likes).
    const bar = page.locator('[data-testid="hist-bar"]').nth(i);
    const box = (await bar.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="chart-items"][data-state="ready"]');
    // Opening the list used to scroll the view back to its top (the focus moved into the list).
    expect(await scroller()).toBe(scrolled);
    expect((await rect(filtersSel)).top).toBe(filters.top);
    const clicked = (await bar.boundingBox())!;
    expect(clicked.y).toBeGreaterThan(filters.bottom);
    expect(clicked.y + clicked.height).toBeLessThan(page.viewportSize()!.height);
    const list = (await page.getByTestId('chart-items').boundingBox())!;
    expect(list.y).toBeGreaterThanOrEqual(filters.bottom - 1);
    expect(list.y).toBeLessThan(page.viewportSize()!.height / 2);
    // A filter redraws the chart under the list: the list, read for the filters before, closes.
    const chip = (await page.getByTestId('charts').locator('.filter-chip', { hasText: 'Bug' }).first().boundingBox())!;
    await page.mouse.click(chip.x + chip.width / 2, chip.y + chip.height / 2);
    await page.waitForSelector(`${filtersSel}[data-active="true"]`);
    await page.waitForSelector('[data-testid="chart-items"]', { state: 'detached' });
    expect(await scroller()).toBe(scrolled);
    await page.getByTestId('charts').getByTestId('filter-clear').click();
    await page.waitForSelector(`${filtersSel}[data-active="false"]`);
    // A bar under the sticky filter bar, reached from the keyboard, comes out from under it.
    await page.evaluate(() => {
      const view = document.querySelector('[data-testid="charts"]')!;
      view.scrollTop += document.querySelector('[data-testid="chart-cycle-histogram"]')!.getBoundingClientRect().top + 100;
    });
    expect((await bar.boundingBox())!.y).toBeLessThan(filters.bottom);
    await bar.focus();
    expect((await bar.boundingBox())!.y).toBeGreaterThanOrEqual(filters.bottom);
    await page.evaluate(() => document.querySelector('[data-testid="charts"]')!.scrollTo(0, 0));
  });

  it('exports a chart as PNG, SVG and CSV (formula-looking cells escaped)', async () => {
    const card = page.getByTestId('chart-cycle-histogram');
    const save = async (testId: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), card.getByTestId(testId).click()]);
      const file = path.join(tmp, dl.suggestedFilename());
      await dl.saveAs(file);
      return fs.readFileSync(file);
    };
    const png = await save('export-png');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(10_000);
    const svg = (await save('export-svg')).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Cycle time');
    const csv = (await save('export-csv')).toString('utf8').split('\r\n');
    expect(csv[0]).toBe('lo_hours,hi_hours,items,sample_keys');
    const charts = await api<ChartSeries>('flowCharts', { mapId });
    expect(csv.slice(1, 4).map((l) => Number(l.split(',')[2]))).toEqual(charts.cycleHistogram.bins.slice(0, 3).map((b) => b.count));
    // The scatter's SVG carries its canvas points as SVG circles.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-scatter').getByTestId('export-svg').click()]);
    const f = path.join(tmp, 'scatter.svg');
    await dl.saveAs(f);
    expect((fs.readFileSync(f, 'utf8').match(/<circle /g) ?? []).length).toBeGreaterThanOrEqual(charts.items.withCycleTime);
  });

  it('a filter changes the map and every chart consistently', async () => {
    await page.getByTestId('charts-close').click();
    const bugs = page.locator('.filter-chip', { hasText: 'Bug' }).first();
    await bugs.locator('input').check();
    await page.waitForSelector('[data-testid="filter-bar"][data-active="true"]');
    const metrics = await api<FlowMetrics>('flowMetrics', { mapId, types: ['Bug'] });
    await page.waitForFunction(
      (done) => document.querySelector('[data-testid="headline"]')?.textContent?.includes(done) ?? true,
      formatNumber(metrics.items.done),
    );
    await openDashboard(page);
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('[data-testid="hist-bar"]')].reduce((a, e) => a + Number(e.getAttribute('data-values')), 0) === n,
      metrics.items.done - (metrics.items.doneNeverStarted ?? 0),
      { timeout: 30_000 },
    );
    const cli = JSON.parse(vsm(['metrics', '--workspace', workspace, '--series', '--json', '--type', 'Bug'])) as Cli;
    await expectChartsEqualCli(page, cli, metrics);
    expect(cli.charts.flowEfficiency.pooled).toBe(metrics.flowEfficiency);
  });

  it('with the dashboard open, its own filter bar asks for every figure in one round: series, map, waste, distributions, forecast', async () => {
    // The dashboard is open with Bug ticked (the test before). Its filter bar is the one on screen (the map's
    // is not rendered under the panel): clear it with a real click, and note the core reads the page sends.
    expect(await page.getByTestId('charts').getByTestId('filter-bar').isVisible()).toBe(true);
    expect(await page.getByTestId('filter-bar').count()).toBe(1);
    const asked: string[] = [];
    const note = (r: { url(): string }) => {
      const m = /\/api\/(\w+)$/.exec(r.url());
      if (m) asked.push(m[1]!);
    };
    page.on('request', note);
    // The unfiltered answers are the ones the page had on opening: the core says so (304) and sends no body.
    const statuses: Record<string, number> = {};
    const status = (r: { url(): string; status(): number }) => {
      const m = /\/api\/(\w+)$/.exec(r.url());
      if (m) statuses[m[1]!] = r.status();
    };
    page.on('response', status);
    const where = () =>
      page.evaluate(() => [
        document.querySelector('[data-testid="chart-cfd"]')!.getBoundingClientRect().top,
        document.querySelector('.charts [data-testid="filter-bar"]')!.getBoundingClientRect().height,
      ]);
    const before = await where();
    await page.getByTestId('charts').getByTestId('filter-clear').click();
    const metrics = await api<FlowMetrics>('flowMetrics', { mapId });
    const forecast = await api<{ history: { items: number } }>('forecast', { mapId, items: 20 });
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[data-testid="hist-bar"]')].reduce((a, e) => a + Number(e.getAttribute('data-values')), 0) === n[0] &&
        document.querySelector('[data-testid="forecast-result"]')?.getAttribute('data-history-items') === String(n[1]),
      [metrics.items.done - (metrics.items.doneNeverStarted ?? 0), forecast.history.items],
      { timeout: 30_000 },
    );
    // Time for a read that would follow the figures' arrival (none should: they were asked with them).
    await page.waitForTimeout(500);
    page.off('request', note);
    page.off('response', status);
    expect([statuses.flowSeries, statuses.flowCharts, statuses.flowMetrics]).toEqual([304, 304, 200]);
    // Nothing moved: Clear stays in the bar, disabled (a button that came and went wrapped the bar onto a
    // second line at 1,600 px and moved every chart under the pointer).
    expect(await where()).toEqual(before);
    expect(await page.getByTestId('charts').getByTestId('filter-clear').isDisabled()).toBe(true);
    const reads = asked.filter((m) => ['flowSeries', 'flowMetrics', 'wasteAnalysis', 'flowCharts', 'forecast'].includes(m));
    expect(reads).toEqual(['flowSeries', 'flowMetrics', 'wasteAnalysis', 'flowCharts', 'forecast']);
    const cli = JSON.parse(vsm(['metrics', '--workspace', workspace, '--series', '--json'])) as Cli;
    await expectChartsEqualCli(page, cli, metrics);
    // The map's waste heat under the panel follows too: each step's share of the wait, as the core has it.
    const waste = await api<{ steps: Array<{ waitShare: number }> }>('wasteAnalysis', { mapId });
    const heat = await page.locator('[data-testid="step-heat"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-wait-share')).sort());
    expect(heat).toEqual(waste.steps.map((x) => String(x.waitShare)).sort());
    // Bug again, for the next test's Clear.
    await page.getByTestId('charts').locator('.filter-chip', { hasText: 'Bug' }).first().click();
    await page.waitForSelector('[data-testid="filter-bar"][data-active="true"]');
  });

  it('writes the full dashboard screenshot', async () => {
    await page.getByTestId('charts-close').click();
    await page.getByTestId('filter-clear').click();
    await page.waitForSelector('[data-testid="filter-bar"][data-active="false"]');
    await openDashboard(page);
    const h = await page.evaluate(() => document.querySelector('[data-testid="charts"]')!.scrollHeight);
    await page.setViewportSize({ width: 1600, height: Math.min(h, 5000) });
    await page.waitForTimeout(300);
    const out = shotPath('dashboard.png');
    await page.screenshot({ path: out });
    expect(fs.statSync(out).size).toBeGreaterThan(100_000);
  });

  it('logged no console errors and no CSP violations', () => {
    expect(problems).toEqual([]);
  });
});

describe('dashboard on an imported fixture: the DevLake Jira issues of board 8', () => {
  let served: Served;
  let page: Page;
  const problems: string[] = [];
  const file = path.join(tmp, 'devlake.vsm');
  const api = <T>(m: string, input: unknown) => callApi<T>(served, m, input);

  beforeAll(async () => {
    served = await serve(['--workspace', file]);
    const issues = path.join(tmp, 'board8.json');
    fs.writeFileSync(issues, JSON.stringify(jiraBoard8Issues()));
    await api('importJiraFiles', { path: issues });
    await api('saveMap', {
      map: devlakeEeMap(),
    });
    page = await newWatchedPage(browser, problems);
    await page.goto(served.openUrl);
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    await openDashboard(page);
  });
  afterAll(async () => {
    await page?.close();
    await served?.stop();
  });

  it('draws the numbers of `vsm metrics --series --json`, and says "not enough data" for DORA', async () => {
    const mapId = (await api<{ id: number }>('getMap', {})).id;
    // The data ends in 2021: the app starts as of the core's suggested day (the end of the last change's day).
    const asOf = (await api<{ suggestedAsOf: { at: string } | null }>('workspaceInfo', {})).suggestedAsOf!.at;
    const cli = JSON.parse(vsm(['metrics', '--workspace', file, '--series', '--as-of', asOf, '--json'])) as Cli;
    const metrics = await api<FlowMetrics>('flowMetrics', { mapId, asOf });
    expect(metrics.items.done).toBeGreaterThan(5);
    await expectChartsEqualCli(page, cli, metrics);
    for (const id of ['frequency', 'lead', 'failure', 'restore']) expect(await page.getByTestId(`dora-${id}-value`).innerText()).toBe('not enough data');
    await page.screenshot({ path: shotPath('dashboard-devlake.png') });
  });

  it('logged no console errors and no CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
