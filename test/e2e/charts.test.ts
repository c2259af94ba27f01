// The Charts view in headless Chromium against the real host (`vsm serve --demo`): every chart is drawn from
// the core's flowSeries (bar, point, dot and band counts match the series the API returns), the Monte Carlo
// panel shows the core's forecast dates, labels do not collide, and nothing is logged to the console or
// refused by the CSP. Also writes docs/charts.png for the README.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forecast } from '../../shared/metrics/forecast.ts';
import type { FlowSeries } from '../../shared/metrics/series.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
// The panel formats dates with the app's own formatter; the test states them the same way.
import { formatDate, formatHours } from '../../renderer/src/common/format.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let mapId: number;
let series: FlowSeries;
const consoleProblems: string[] = [];

const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);

/** Bounding boxes of the given texts must not intersect (labels readable on a projector). */
async function expectNoOverlap(texts: Locator, what: string) {
  const boxes = (
    await texts.evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
      }),
    )
  ).filter((b) => b.x1 > b.x0);
  expect(boxes.length, what).toBeGreaterThan(1);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap = a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
      expect(overlap, `${what}: "${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
}

/** Every text of a chart lies inside its SVG box (nothing clipped at the edges). */
async function expectInsideSvg(chart: Locator, what: string) {
  const outside = await chart
    .locator('svg')
    .first()
    .evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')]
        .map((t) => ({ t: t.textContent ?? '', r: t.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
        .map(({ t }) => t);
    });
  expect(outside, `${what}: texts outside the SVG`).toEqual([]);
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, consoleProblems);
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  mapId = (await api<{ id: number }>('getMap', {})).id;
  series = await api<FlowSeries>('flowSeries', { mapId });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('charts view on the demo workspace', () => {
  it('opens from the header toolbar and reads the series', async () => {
    await page.getByTestId('charts-open').click();
    await page.waitForSelector('[data-testid="charts"][data-state="ready"], [data-testid="charts"][data-state="error"]', { timeout: 60_000 });
    expect(await page.getByTestId('charts').getAttribute('data-state')).toBe('ready');
    for (const id of ['chart-cfd', 'chart-throughput', 'chart-scatter', 'chart-aging']) {
      const chart = page.getByTestId(id);
      expect(await chart.locator('h3').innerText(), id).not.toBe('');
      // Both axes carry a title.
      expect(await chart.locator('svg text').count(), id).toBeGreaterThan(4);
    }
  });

  it('CFD: one stacked area per step in flow order, plus done', async () => {
    const bands = page.locator('[data-testid="chart-cfd"] [data-testid="cfd-band"]');
    expect(series.cfd.steps.length).toBe(9);
    expect(await bands.count()).toBe(series.cfd.steps.length + 1);
    // Drawn bottom-up: done first, then the steps from last to first, so reading down follows the flow.
    const ids = await bands.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')));
    expect(ids).toEqual(['done', ...series.cfd.steps.map((s) => s.id).reverse()]);
    // Every band is a real area over all days: one "L" per day on each edge.
    const lengths = await bands.evaluateAll((els) => els.map((e) => (e.getAttribute('d') ?? '').split('L').length));
    for (const n of lengths) expect(n).toBeGreaterThanOrEqual(2 * series.days.length - 1);
    expect(await page.getByTestId('chart-cfd').locator('.chart__legend').innerText()).toContain('Manual QA');
  });

  it('throughput: one bar per week of the series, with its count', async () => {
    const bars = page.locator('[data-testid="chart-throughput"] [data-testid="throughput-bar"]');
    expect(series.throughputWeekly.length).toBeGreaterThan(50);
    expect(await bars.count()).toBe(series.throughputWeekly.length);
    const shown = await bars.evaluateAll((els) => els.map((e) => [e.getAttribute('data-id'), Number(e.getAttribute('data-values'))]));
    expect(shown).toEqual(series.throughputWeekly.map((w) => [w.weekStart, w.count]));
    // Empty weeks are drawn (as zero-height bars), taller bars for bigger weeks.
    const heights = await bars.evaluateAll((els) => els.map((e) => Number(e.querySelector('rect:last-of-type')!.getAttribute('height'))));
    const maxAt = series.throughputWeekly.reduce((best, w, i, a) => (w.count > a[best]!.count ? i : best), 0);
    expect(Math.max(...heights)).toBe(heights[maxAt]);
  });

  it('scatter: every completed item with a cycle time (no cap), and labelled p50/p85/p95 lines', async () => {
    const withCycle = rowsOf(series.scatter.points).filter((p) => p.cycleTimeHours !== null);
    expect(withCycle.length).toBeGreaterThan(1000);
    // Drawn on a canvas (thousands of SVG circles are slow); every point is drawn.
    expect(Number(await page.getByTestId('scatter-canvas').getAttribute('data-points'))).toBe(withCycle.length);
    const chart = page.getByTestId('chart-scatter');
    for (const k of ['p50', 'p85', 'p95'] as const) {
      expect(await chart.getByTestId(`pct-${k}`).textContent()).toBe(`${k} ${formatHours(series.scatter.cycleTimeHours[k])}`);
    }
    // The tooltip names the item under the pointer (keyboard: arrows walk the points in done order).
    await page.getByTestId('scatter-hit').focus();
    await page.keyboard.press('ArrowRight');
    const tip = page.getByTestId('scatter-tooltip').locator('text');
    expect(await tip.textContent()).toContain(withCycle[0]!.key);
    expect(await tip.evaluate((t) => t.childElementCount)).toBe(0);
    // The pointer finds the same item at the ring the keyboard drew around it.
    const ring = page.getByTestId('scatter-tooltip').locator('circle');
    const [cx, cy] = await ring.evaluate((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    await page.getByTestId('scatter-hit').blur();
    const svg = (await chart.locator('svg').first().boundingBox())!;
    const hitBox = (await page.getByTestId('scatter-hit').boundingBox())!;
    // The plot's top-left corner (early and slower than any item): no item there, no tooltip.
    await page.mouse.move(hitBox.x + 3, hitBox.y + 3);
    expect(await page.getByTestId('scatter-tooltip').count()).toBe(0);
    await page.mouse.move(svg.x + cx!, svg.y + cy!);
    expect(await tip.textContent()).toContain(withCycle[0]!.key);
    await page.mouse.move(svg.x + 2, svg.y + 2);
    expect(await page.getByTestId('scatter-tooltip').count()).toBe(0);
  });

  it('aging WIP: a dot per unfinished item, per step column and one column off the map, against p50/p85', async () => {
    const stepIds = new Set(series.cfd.steps.map((s) => s.id));
    const onMap = rowsOf(series.aging.items).filter((i) => i.stepId !== null && stepIds.has(i.stepId));
    const offMap = rowsOf(series.aging.items).length - onMap.length;
    const dotsIn = async (sel: string) =>
      (await page.locator(`[data-testid="chart-aging"] ${sel}`).evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))))).reduce(
        (a, b) => a + b,
        0,
      );
    expect(onMap.length).toBeGreaterThan(100);
    expect(await dotsIn('[data-testid="aging-dots"]')).toBe(rowsOf(series.aging.items).length);
    expect(await page.getByTestId('aging-count').textContent()).toBe(onMap.length.toLocaleString('en-US'));
    // Items whose status is on no step of the map get their own column.
    expect(offMap).toBeGreaterThan(0);
    expect(await page.getByTestId('aging-off-map').textContent()).toContain(offMap.toLocaleString('en-US'));
    expect(await dotsIn('[data-testid="aging-dots"][data-step-id="__off_map__"]')).toBe(offMap);
    for (const s of series.aging.steps) {
      expect(await dotsIn(`[data-testid="aging-dots"][data-step-id="${s.id}"]`), s.id).toBe(s.count);
    }
    const chart = page.getByTestId('chart-aging');
    expect(await chart.getByTestId('pct-p50').textContent()).toBe(`p50 ${formatHours(series.aging.cycleTimeHours.p50)}`);
    expect(await chart.getByTestId('pct-p85').textContent()).toBe(`p85 ${formatHours(series.aging.cycleTimeHours.p85)}`);
    // The pointer on a dot (the first circle of a column's path: M at its left edge, radius 5) names its item,
    // and a click there lists that item, not the column.
    const d = (await chart.locator('[data-testid="aging-dots"] path').first().getAttribute('d'))!;
    const [, mx, my] = /^M([\d.]+),([\d.]+)/.exec(d)!;
    await chart.scrollIntoViewIfNeeded();
    const svg = (await chart.locator('svg').first().boundingBox())!;
    await page.mouse.move(svg.x + Number(mx) + 5, svg.y + Number(my));
    const tipText = (await chart.getByTestId('aging-tooltip').locator('text').textContent())!;
    const key = tipText.split(':')[0]!.replace(/ \(.*\)$/, '');
    expect(rowsOf(series.aging.items).map((i) => i.key)).toContain(key);
    await page.mouse.click(svg.x + Number(mx) + 5, svg.y + Number(my));
    await page.waitForSelector('[data-testid="chart-items"][data-state="ready"]');
    expect(await page.getByTestId('chart-items-title').textContent()).toBe(`Item ${key}`);
    expect(await page.locator('[data-testid="chart-items-table"] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-key')))).toEqual([
      key,
    ]);
    await page.getByTestId('chart-items-close').click();
    await page.mouse.move(svg.x + 2, svg.y + 2);
    expect(await chart.getByTestId('aging-tooltip').count()).toBe(0);
  });

  it("forecast: p50/p85/p95 dates are the core's for the same N, for the default and a new N", async () => {
    await page.waitForSelector('[data-testid="forecast"][data-state="ready"]', { timeout: 60_000 });
    expect(await page.getByTestId('forecast-items').inputValue()).toBe('20');
    const f20 = await api<Forecast>('forecast', { mapId, items: 20 });
    expect(f20.when?.p85).toBeTruthy();
    expect(await page.getByTestId('forecast-p85').textContent()).toBe(formatDate(f20.when!.p85!.date));
    const text = await page.getByTestId('forecast-result').innerText();
    expect(text).toBe(`p50 by ${formatDate(f20.when!.p50!.date)}, p85 by ${formatDate(f20.when!.p85!.date)}, p95 by ${formatDate(f20.when!.p95!.date)}`);

    await page.getByTestId('forecast-items').fill('300');
    await page.getByTestId('forecast-run').click();
    await page.waitForSelector('[data-testid="forecast-result"][data-items="300"]', { timeout: 60_000 });
    const f300 = await api<Forecast>('forecast', { mapId, items: 300 });
    expect(await page.getByTestId('forecast-p85').textContent()).toBe(formatDate(f300.when!.p85!.date));
    expect(f300.when!.p85!.days).toBeGreaterThan(f20.when!.p85!.days);
  });

  it('labels neither overlap nor fall outside their chart', async () => {
    for (const id of ['chart-cfd', 'chart-throughput', 'chart-scatter', 'chart-aging']) {
      const chart = page.getByTestId(id);
      await expectInsideSvg(chart, id);
      if (id !== 'chart-aging') await expectNoOverlap(chart.locator('.axis--x g text'), `${id} x ticks`);
      await expectNoOverlap(chart.locator('.axis--y g text'), `${id} y ticks`);
      if (id === 'chart-scatter' || id === 'chart-aging') await expectNoOverlap(chart.locator('.percentiles text'), `${id} percentile labels`);
    }
    // Step names under the aging columns: wrapped (boxes must not touch) or, when columns are too narrow,
    // slanted 30° (axis-aligned boxes of slanted text always overlap: the rows' perpendicular spacing,
    // column step × sin 30°, must exceed the font size instead).
    const names = page.locator('[data-testid="chart-aging"] [data-testid="aging-step-name"]');
    expect(await names.count()).toBe(series.cfd.steps.length + 1);
    const transforms = await names.evaluateAll((els) => els.map((e) => e.getAttribute('transform') ?? ''));
    if (transforms.some((t) => t.includes('rotate'))) {
      const xs = transforms.map((t) => Number(/translate\(([-\d.]+)/.exec(t)![1]));
      for (let i = 1; i < xs.length; i++) expect((xs[i]! - xs[i - 1]!) * Math.sin(Math.PI / 6)).toBeGreaterThan(14);
    } else await expectNoOverlap(names, 'aging step names');
  });

  it('writes docs/charts.png', async () => {
    const out = shotPath('charts.png');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.getByTestId('forecast-items').fill('20');
    await page.getByTestId('forecast-run').click();
    await page.waitForSelector('[data-testid="forecast-result"][data-items="20"]', { timeout: 60_000 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: out });
    expect(fs.statSync(out).size).toBeGreaterThan(50_000);
  });

  it('closes with its button and with Escape, back to the map', async () => {
    await page.getByTestId('charts-close').click();
    expect(await page.getByTestId('charts').count()).toBe(0);
    expect(await page.getByTestId('step-node').count()).toBe(9);
    await page.getByTestId('charts-open').click();
    await page.waitForSelector('[data-testid="charts"][data-state="ready"]', { timeout: 60_000 });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('charts').count()).toBe(0);
  });

  it('logged no console errors and no CSP violations', () => {
    expect(consoleProblems).toEqual([]);
  });
});
