// Imported text (map, step, owner and kaizen names) is data: the UI shows it as text and never runs it.
// A map full of markup is saved through the real API; the app and the report must show it literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { serveDemo, type Served } from './helpers/serve.ts';

const HOSTILE_MAP = `<img src=x onerror="window.__pwned='map'">Evil map`;
const HOSTILE_STEP = `<script>window.__pwned='step'</script>Triage`;
const HOSTILE_OWNER = `<b onmouseover="window.__pwned='owner'">ops</b>`;
const HOSTILE_KAIZEN = `javascript:window.__pwned='kaizen'`;

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  const res = await fetch(`${served.origin}/api/saveMap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify({
      map: {
        format: 'vsm-map',
        version: 1,
        name: HOSTILE_MAP,
        doneStatuses: ['Done'],
        steps: [
          { id: 'a', name: HOSTILE_STEP, activeStatuses: ['Triage'], waitStatuses: ['Idea'], owner: HOSTILE_OWNER, kaizen: [{ text: HOSTILE_KAIZEN }] },
          { id: 'b', name: 'Build', activeStatuses: ['In Development'], waitStatuses: ['Ready for Dev'] },
        ],
        flows: [{ from: 'a', to: 'b', kind: 'push' }],
      },
    }),
  });
  expect(res.status).toBe(200);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().includes('Refused to')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('untrusted text', () => {
  it('the app shows markup in names as text and runs none of it', async () => {
    await page.goto(served.openUrl);
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="step-node"]');
    expect(await page.getByTestId('map-name').textContent()).toBe(HOSTILE_MAP);
    expect(await page.getByTestId('step-name').allTextContents()).toContain(HOSTILE_STEP);
    expect(await page.locator('.step__who').allTextContents()).toContain(HOSTILE_OWNER);
    expect(await page.locator('.step__kaizen li').first().textContent()).toBe(HOSTILE_KAIZEN);
    await page.locator('.step__who').first().hover();
    expect(await page.locator('main img, main script, main b[onmouseover]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('the report page does too', async () => {
    await page.goto(`${served.origin}/#/report`);
    await page.waitForSelector('[data-report-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('.report__title h1').textContent()).toBe(HOSTILE_MAP);
    expect(await page.locator('[data-testid="report-map"]').textContent()).toContain('Triage');
    expect(await page.locator('.report__steps tbody th').first().textContent()).toContain(HOSTILE_STEP);
    expect(await page.locator('article img, article script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
