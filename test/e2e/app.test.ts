// The app screen in headless Chromium against the real host (`vsm serve --demo`): the map with measured
// figures on every step, the bottleneck, the ladder, no console errors or CSP violations, autosave of a
// dragged node across a reload, and the report page. Also writes docs/screenshot.png for the README.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

const STEP_NAMES = ['Intake', 'Discovery', 'Refinement', 'Development', 'Code review', 'Manual QA', 'Change approval', 'Deployment', 'Verify in production'];
/** A formatted duration: "1.7 d", "5.5 h", "60 min", "0 h". */
const DURATION = /^\d[\d,]*(\.\d)? (d|h|min)$/;

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const consoleProblems: string[] = [];

const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);

async function nodePosition(id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no translate() in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

async function openApp(url: string) {
  await page.goto(url);
  await page.waitForSelector('[data-app-state="ready"], [data-app-state="error"]', { timeout: 60_000 });
  const state = await page.locator('main').getAttribute('data-app-state');
  if (state !== 'ready') throw new Error(`the app shows an error: ${await page.locator('main').textContent()}`);
  await page.waitForSelector('[data-testid="step-node"]');
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, consoleProblems);
  await openApp(served.openUrl);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('app screen on the demo workspace', () => {
  it('shows the map name, the headline figures and all nine steps with measured figures', async () => {
    expect(await page.getByTestId('map-name').textContent()).toBe('Idea to production');
    const headline = await page.getByTestId('headline').innerText();
    for (const label of [/lead time/i, /cycle time/i, /flow efficiency/i, /pooled/i, /throughput/i, /wip/i, /items done/i]) expect(headline).toMatch(label);
    expect(await page.locator('[data-figure="done"] .headline__value').textContent()).toMatch(/^\d[\d,]*$/);

    const nodes = page.getByTestId('step-node');
    expect(await nodes.count()).toBe(9);
    const names = await page.getByTestId('step-name').allTextContents();
    expect(names.sort()).toEqual([...STEP_NAMES].sort());
    for (let i = 0; i < 9; i++) {
      const node = nodes.nth(i);
      const name = await node.getByTestId('step-name').textContent();
      const wait = (await node.locator('[data-figure="wait"]').textContent())?.trim() ?? '';
      const active = (await node.locator('[data-figure="active"]').textContent())?.trim() ?? '';
      const wip = (await node.locator('[data-figure="wip"]').textContent())?.trim() ?? '';
      const eff = (await node.locator('[data-figure="efficiency"]').textContent())?.trim() ?? '';
      expect(wait, `${name} wait`).toMatch(DURATION);
      expect(active, `${name} active`).toMatch(DURATION);
      expect(wip, `${name} WIP`).toMatch(/^\d+$/);
      expect(eff, `${name} flow efficiency`).toMatch(/^\d+(\.\d)? %$/);
    }
  });

  it("figures on the map are the core's measured medians", async () => {
    const map = await api<{ id: number }>('getMap', {});
    const metrics = await api<{ steps: { id: string; waitHours: { p50: number }; wip: number }[] }>('flowMetrics', { mapId: map.id });
    const qa = metrics.steps.find((s) => s.id === 'qa')!;
    const node = page.locator('[data-testid="step-node"][data-step-id="qa"]');
    expect(await node.locator('[data-figure="wip"]').textContent()).toBe(String(qa.wip));
    const shown = (await node.locator('[data-figure="wait"]').textContent())!;
    const [value, unit] = shown.split(' ');
    const hours = Number(value) * (unit === 'd' ? 24 : unit === 'min' ? 1 / 60 : 1);
    expect(Math.abs(hours - qa.waitHours.p50)).toBeLessThan(unit === 'd' ? 2.4 : 0.1);
  });

  it('marks Manual QA as the bottleneck with its reason', async () => {
    const marked = page.locator('[data-testid="step-node"][data-bottleneck="true"]');
    expect(await marked.count()).toBe(1);
    expect(await marked.getByTestId('step-name').textContent()).toBe('Manual QA');
    const callout = await page.getByTestId('bottleneck-callout').innerText();
    expect(callout).toMatch(/Manual QA/);
    expect(callout).toMatch(/wait time/);
  });

  it('draws push arrows and the dashed rework loop with its rate, and kaizen bursts', async () => {
    expect(await page.locator('.react-flow__edge.edge--push').count()).toBe(8);
    expect(await page.locator('.react-flow__edge.edge--rework').count()).toBe(1);
    expect(await page.locator('.react-flow__edge-text').allTextContents()).toContain('rework 18.0 %');
    expect(await page.locator('.kaizen-burst').count()).toBe(2);
  });

  it('shows the timeline ladder in flow order with its totals', async () => {
    // The demo has data: the ladder opens on the measured medians, in hours, with the core's totals.
    expect(await page.getByTestId('ladder').getAttribute('data-view')).toBe('measured');
    const rungs = page.locator('[data-testid="ladder"] .ladder__name');
    expect(await rungs.allTextContents()).toEqual(STEP_NAMES);
    const m = await api<{ ladder: { measured: { totalWaitHours: number; activityRatio: number }; estimate: { activityRatio: number } } }>('flowMetrics', {
      mapId: (await api<{ id: number }>('getMap', {})).id,
    });
    const totals = await page.getByTestId('ladder-totals-measured').innerText();
    expect(totals).toMatch(/Σ wait\s+[\d,]+(\.\d)? h/i);
    expect(totals).toMatch(/Σ active\s+\d/i);
    expect(await page.getByTestId('activity-ratio-measured').textContent()).toBe(`${(m.ladder.measured.activityRatio * 100).toFixed(1)} %`);
    // Both: the workshop estimate beside the measurement.
    await page.getByTestId('ladder-view-both').click();
    expect(await page.getByTestId('activity-ratio-estimate').textContent()).toBe(`${(m.ladder.estimate.activityRatio * 100).toFixed(1)} %`);
    await page.getByTestId('ladder-view-measured').click();
  });

  it('writes the README screenshot', async () => {
    const out = shotPath('screenshot.png');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    expect(fs.statSync(out).size).toBeGreaterThan(20_000);
  });

  it('logged no console errors and no CSP violations', () => {
    expect(consoleProblems).toEqual([]);
  });

  it('drills from Manual QA to the items that waited there longest and the items there now', async () => {
    await page.locator('[data-testid="step-node"][data-step-id="qa"] .step__name').click();
    const panel = page.getByTestId('step-items');
    await page.waitForSelector('[data-testid="step-items"][data-state="ready"]', { timeout: 30_000 });
    expect(await panel.locator('h2').innerText()).toBe('Manual QA');
    const map = await api<{ id: number }>('getMap', {});
    const expected = await api<{ completed: { count: number; items: { key: string; title: string | null; waitHours: number }[] }; current: { count: number } }>(
      'stepItems',
      {
        mapId: map.id,
        stepId: 'qa',
        limit: 50,
      },
    );
    const rows = page.locator('[data-testid="step-items-completed"] tbody tr');
    expect(await rows.count()).toBe(expected.completed.items.length);
    // Longest wait first, with the item's key and title as the core lists them.
    const first = expected.completed.items[0]!;
    expect(await rows.first().getAttribute('data-item-key')).toBe(first.key);
    expect(await rows.first().locator('.drill__title').innerText()).toBe(first.title);
    expect(await panel.innerText()).toContain(`${expected.completed.count.toLocaleString('en-US')} completed items`);
    expect(await page.locator('[data-testid="step-items-current"] tbody tr').count()).toBe(Math.min(50, expected.current.count));
    await page.screenshot({ path: shotPath('drilldown.png') });
    await page.getByTestId('step-items-close').click();
    expect(await panel.count()).toBe(0);
    expect(consoleProblems).toEqual([]);
  });

  it('autosaves a dragged node: its new position survives a reload', async () => {
    const before = await nodePosition('intake');
    const box = (await page.locator('[data-testid="step-node"][data-step-id="intake"] .step__name').boundingBox())!;
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + 3 * i, start.y + 15 * i);
    await page.mouse.up();
    await page.waitForSelector('[data-save-state="saved"]', { timeout: 15_000 });
    const moved = await nodePosition('intake');
    expect(moved.y).toBeGreaterThan(before.y + 50);

    // The core has it...
    const map = await api<{ steps: { id: string; position?: { x: number; y: number } }[] }>('getMap', {});
    const saved = map.steps.find((s) => s.id === 'intake')!.position!;
    expect(saved.x).toBeCloseTo(moved.x, 0);
    expect(saved.y).toBeCloseTo(moved.y, 0);
    // ...and the page shows it after a reload (the session stays in its cookie).
    await openApp(`${served.origin}/`);
    const after = await nodePosition('intake');
    expect(after.x).toBeCloseTo(saved.x, 0);
    expect(after.y).toBeCloseTo(saved.y, 0);
    expect(consoleProblems).toEqual([]);
  });

  it('opens the report page, which reaches its ready state with the map, ladder and tables', async () => {
    await page.getByTestId('report-link').click();
    await page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: 60_000 });
    const root = page.locator('[data-report-state]');
    expect(await root.getAttribute('data-report-state')).toBe('ready');
    const text = await root.innerText();
    expect(text).toMatch(/Idea to production/);
    for (const name of STEP_NAMES) expect(text).toContain(name);
    expect(await page.locator('[data-testid="report-map"] g[data-step-id]').count()).toBe(9);
    expect(await page.getByTestId('report-bottleneck').innerText()).toMatch(/Manual QA/);
    expect(text).toMatch(/Kaizen actions/);
    expect(text).toMatch(/Automate the regression suite/);
    await page.screenshot({ path: shotPath('report-screen.png'), fullPage: true });
    expect(consoleProblems).toEqual([]);
  });

  it("the report page shows the core's error message when the map does not exist", async () => {
    await page.goto('about:blank');
    await page.goto(`${served.origin}/#/report?mapId=9999`);
    const el = await page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: 60_000 });
    expect(await el.getAttribute('data-report-state')).toBe('error');
    expect(await el.textContent()).toMatch(/no map #9999/);
  });
});
