// "Why do the numbers differ?" on the demo: every convention's figures as the core computes them, and the
// items that change most between two conventions, with the rule; the selector switches every chart's values and
// axis captions to the core's figures under that convention.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowMetricsOutput } from '../../shared/contract/contract.ts';
import type { ChartSeries } from '../../shared/metrics/chart-series.ts';
import type { ConventionComparison, ConventionFigures } from '../../shared/metrics/conventions.ts';
import type { FlowSeries } from '../../shared/metrics/series.ts';
import { formatHours } from '../../renderer/src/common/format.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

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
  it("shows every convention's cycle time as the core computes it, and the items behind the difference", async () => {
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
    expect(await page.locator('[data-testid="headline"] [data-figure="cycle"]').getAttribute('title')).toMatch(
      /^cycle time: whole days counting both ends, jirametrics convention/,
    );
    expect(await page.getByTestId('headline-convention').innerText()).toContain('jirametrics convention');
    await page.screenshot({ path: shotPath('conventions-selector.png') });
    await page.getByTestId('filter-convention').selectOption('');
    await page.waitForSelector('[data-testid="headline"][data-convention="flowmap"]');
    expect(problems).toEqual([]);
  });

  /** The charts' figures on screen: scatter percentiles and points, throughput and histogram bars, axis hints and notes. */
  async function chartsOnScreen() {
    await page.getByTestId('charts-open').click();
    await page.waitForSelector('[data-testid="charts"][data-state="ready"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="hist-bar"]', { timeout: 60_000 });
    const scatter = page.getByTestId('chart-scatter');
    const values = (testId: string) => page.locator(`[data-testid="${testId}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-values')));
    return {
      p50: await scatter.getByTestId('pct-p50').textContent(),
      p85: await scatter.getByTestId('pct-p85').textContent(),
      points: Number(await page.getByTestId('scatter-canvas').getAttribute('data-points')),
      throughput: await values('throughput-bar'),
      histogram: await values('hist-bar'),
      scatterAxis: await scatter
        .locator('text[data-hint]')
        .first()
        .evaluate((t) => ({ hint: t.getAttribute('data-hint'), title: t.lastChild?.textContent })),
      histogramAxis: await page.getByTestId('chart-cycle-histogram').locator('text[data-hint]').first().getAttribute('data-hint'),
      notes: await page.getByTestId('chart-convention').allInnerTexts(),
    };
  }

  it("the selector switches every chart to the core's figures under that convention, and each axis names it and its unit", async () => {
    const mapId = (await callApi<{ id: number }>(served, 'getMap', {})).id;
    await page.getByTestId('filter-convention').selectOption('jirametrics');
    await page.waitForSelector('[data-testid="headline"][data-convention="jirametrics"]');
    const series = await callApi<FlowSeries>(served, 'flowSeries', { mapId, convention: 'jirametrics' });
    const charts = await callApi<ChartSeries>(served, 'flowCharts', { mapId, convention: 'jirametrics' });
    expect(series.convention?.name).toBe('jirametrics');
    const jm = await chartsOnScreen();
    expect(jm.p50).toBe(`p50 ${formatHours(series.scatter.cycleTimeHours.p50)}`);
    expect(jm.p85).toBe(`p85 ${formatHours(series.scatter.cycleTimeHours.p85)}`);
    // jirametrics counts whole days: every percentile is a whole number of days.
    expect(Number.isInteger(series.scatter.cycleTimeHours.p85 / 24)).toBe(true);
    expect(jm.points).toBe(rowsOf(series.scatter.points).filter((p) => p.cycleTimeHours !== null).length);
    expect(jm.throughput).toEqual(series.throughputWeekly.map((w) => String(w.count)));
    expect(charts.cycleHistogram.binHours % 24).toBe(0);
    expect(jm.histogram).toEqual(charts.cycleHistogram.bins.map((b) => String(b.count)));
    expect(jm.scatterAxis.title).toBe('Cycle time (days, jirametrics)');
    expect(jm.scatterAxis.hint).toMatch(/^cycle time: whole days counting both ends, jirametrics convention/);
    expect(jm.histogramAxis).toMatch(/^cycle time: whole days counting both ends, jirametrics convention/);
    await page.waitForSelector('[data-testid="forecast-result"][data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('.forecast__basis').innerText()).toContain("items done by the jirametrics convention's done rule");
    expect(jm.notes.length).toBeGreaterThanOrEqual(5);
    for (const n of jm.notes) expect(n).toMatch(/jirametrics convention/);
    // Tall enough for the histograms too (the README's picture of a convention on the charts).
    await page.setViewportSize({ width: 1500, height: 2000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: shotPath('charts-jirametrics.png') });
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.getByTestId('charts-close').click();

    // Back to the map's own convention: Flowmap's exact hours, as the core gives them without a convention.
    await page.getByTestId('filter-convention').selectOption('');
    await page.waitForSelector('[data-testid="headline"][data-convention="flowmap"]');
    const own = await callApi<FlowSeries>(served, 'flowSeries', { mapId });
    expect(own.convention).toBeUndefined();
    const fm = await chartsOnScreen();
    expect(fm.p85).toBe(`p85 ${formatHours(own.scatter.cycleTimeHours.p85)}`);
    expect(fm.p85).not.toBe(jm.p85);
    expect(fm.scatterAxis.title).toBe('Cycle time (days)');
    expect(fm.scatterAxis.hint).toMatch(/^cycle time: exact elapsed time in days \(hours ÷ 24\), Flowmap convention/);
    await page.getByTestId('charts-close').click();
    expect(problems).toEqual([]);
  });

  it("map settings store the map's convention and its committed step, and the headline follows both", async () => {
    const before = await callApi<{ id: number; steps: Array<{ id: string; name: string }> }>(served, 'getMap', {});
    const committed = before.steps[3]!;
    await page.getByTestId('map-settings-open').click();
    await page.getByTestId('settings-convention').selectOption('jirametrics');
    await page.getByTestId('settings-start-step').selectOption(committed.id);
    await page.getByTestId('map-settings').screenshot({ path: shotPath('map-settings-convention.png') });
    await page.getByTestId('settings-save').click();
    await page.waitForSelector('[data-testid="headline"][data-convention="jirametrics"]');
    const after = await callApi<{ convention?: string; startStepId?: string }>(served, 'getMap', { mapId: before.id });
    expect(after).toMatchObject({ convention: 'jirametrics', startStepId: committed.id });
    // The headline is the core's figure from that step: the same as naming the step in the query.
    const m = await callApi<ConventionFigures>(served, 'conventionFigures', { mapId: before.id, convention: 'jirametrics', startStepId: committed.id });
    const first = await callApi<ConventionFigures>(served, 'conventionFigures', {
      mapId: before.id,
      convention: 'jirametrics',
      startStepId: before.steps[0]!.id,
    });
    expect(m.cycleTime.p50).toBeLessThan(first.cycleTime.p50);
    const cycle = page.locator('[data-testid="headline"] [data-figure="cycle"] .headline__value');
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid="headline"] [data-figure="cycle"] .headline__value')?.textContent === v,
      `${m.cycleTime.p50} d`,
    );
    expect(await cycle.innerText()).toBe(`${m.cycleTime.p50} d`);
    expect(problems).toEqual([]);
  });
});
