// Issue 8's workshop case as a new user meets it: a new empty workspace, a map of four steps with PT/LT/%C&A
// estimates imported with `vsm map import` (which creates the workspace), then the ladder on screen and
// `vsm metrics --json` both say 12.5 % (10 h of process time over 80 h of lead time), never "0 h".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { REPO_ROOT, serve, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-ladder-'));
const ws = path.join(dir, 'workshop.vsm');
const mapFile = path.join(dir, 'workshop.json');
const step = (id: string, name: string, pt: number, lt: number, ca: number) => ({
  id,
  name,
  activeStatuses: [`${name} doing`],
  waitStatuses: [`${name} queue`],
  estimate: { processTimeHours: pt, leadTimeHours: lt, percentCompleteAccurate: ca },
});
const MAP = {
  format: 'vsm-map',
  version: 1,
  name: 'Workshop',
  doneStatuses: ['Done'],
  steps: [step('plan', 'Plan', 2, 20, 0.9), step('build', 'Build', 3, 20, 0.8), step('test', 'Test', 4, 20, 1), step('ship', 'Ship', 1, 20, 0.5)],
  flows: [
    { from: 'plan', to: 'build' },
    { from: 'build', to: 'test' },
    { from: 'test', to: 'ship' },
  ],
};

const vsm = (...args: string[]) => execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  fs.writeFileSync(mapFile, JSON.stringify(MAP));
  expect(fs.existsSync(ws)).toBe(false);
  expect(vsm('map', 'import', mapFile, '--workspace', ws)).toMatch(/imported map "Workshop" \(4 steps/);
  served = await serve(['--workspace', ws]);
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('estimate ladder on a new empty workspace', () => {
  it('vsm metrics --json: the estimate ladder says 12.5 %, the measured one is null', () => {
    const m = JSON.parse(vsm('metrics', '--workspace', ws, '--map', 'Workshop', '--json'));
    expect(m.ladder.measured).toBeNull();
    expect(m.ladder.estimate.activityRatio).toBe(0.125);
    expect(m.ladder.estimate.totalLeadTimeHours).toBe(80);
    expect(m.ladder.estimate.totalProcessTimeHours).toBe(10);
    expect(m.ladder.estimate.rolledPercentCompleteAccurate).toBeCloseTo(0.36, 12);
    expect(m.ladder.estimate.rungs.map((r: { waitHours: number }) => r.waitHours)).toEqual([18, 17, 16, 19]);
  });

  it('the screen opens on the estimate ladder: 12.5 %, 80 h, no "0 h" anywhere', async () => {
    expect(await page.getByTestId('ladder').getAttribute('data-view')).toBe('estimate');
    expect(await page.getByTestId('activity-ratio-estimate').textContent()).toBe('12.5 %');
    const totals = await page.getByTestId('ladder-totals-estimate').innerText();
    expect(totals).toMatch(/Σ lead time\s+80 h/i);
    expect(totals).toMatch(/Σ process\s+10 h/i);
    expect(totals).toMatch(/Rolled %C&A\s+36.0 %/i);
    const values = await page.locator('[data-testid="ladder-estimate"] .ladder__value').allTextContents();
    expect(values).toEqual(['18 h', '2 h', '17 h', '3 h', '16 h', '4 h', '19 h', '1 h']);
    expect(await page.locator('[data-testid="ladder"]').innerText()).not.toMatch(/\b0 h\b/);
    // Nor on the map: with no completed item, the headline's durations and every step's medians say "no data".
    const headline = await page.getByTestId('headline').innerText();
    expect(headline).not.toMatch(/\b0 h\b/);
    expect(await page.locator('[data-testid="headline"] [data-figure="cycle"] .headline__value').innerText()).toBe('no data');
    for (const id of ['plan', 'build', 'test', 'ship']) {
      const box = page.locator(`[data-testid="step-node"][data-step-id="${id}"] [data-testid="step-figures"]`);
      expect(await box.getAttribute('data-measured-items')).toBe('0');
      expect(await box.locator('[data-figure="wait"]').innerText()).toBe('no data');
      expect(await box.locator('[data-figure="active"]').innerText()).toBe('no data');
    }
    await page.getByTestId('ladder').screenshot({ path: shotPath('ladder-estimate.png') });
  });

  it('measured shows "no data" per step, and the units switch to working and calendar days', async () => {
    await page.getByTestId('ladder-view-measured').click();
    expect(await page.getByTestId('ladder-measured').innerText()).toMatch(/No measured data yet/);
    await page.getByTestId('ladder-view-estimate').click();
    await page.getByTestId('ladder-unit').selectOption('working-days');
    // 80 h / 8 h per working day = 10 wd; 10 h = 1.3 wd (one decimal).
    let totals = await page.getByTestId('ladder-totals-estimate').innerText();
    expect(totals).toMatch(/Σ lead time\s+10 wd/i);
    expect(totals).toMatch(/Σ process\s+1.3 wd/i);
    await page.getByTestId('ladder-unit').selectOption('calendar-days');
    totals = await page.getByTestId('ladder-totals-estimate').innerText();
    expect(totals).toMatch(/Σ lead time\s+3.3 d/i);
    expect(await page.getByTestId('activity-ratio-estimate').textContent()).toBe('12.5 %');
    expect(problems).toEqual([]);
  });
});
