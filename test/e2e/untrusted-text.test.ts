// Imported text (map, step, owner and kaizen names, issue titles) is data: the UI shows it as text and never
// runs it. A map full of markup is saved and Jira issues whose titles carry markup and script are imported
// through the real API; the app, its drill-down, the report page and its PDF must show them literally.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../shared/report/chromium.ts';
import { FOOTER_SELECTOR, footerTemplate, HEADER_TEMPLATE } from '../../shared/report/page-template.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { serveDemo, type Served } from './helpers/serve.ts';

const HOSTILE_MAP = `<img src=x onerror="window.__pwned='map'">Evil map`;
const HOSTILE_STEP = `<script>window.__pwned='step'</script>Triage`;
const HOSTILE_OWNER = `<b onmouseover="window.__pwned='owner'">ops</b>`;
const HOSTILE_KAIZEN = `javascript:window.__pwned='kaizen'`;
const HOSTILE_TITLE_1 = `<img src=x onerror="window.__pwned='title'">Checkout & "refunds"`;
const HOSTILE_TITLE_2 = `<script>window.__pwned='title2'</script>Ledger`;

const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
const H = 3_600_000;
const T0 = Date.UTC(2026, 9, 1); // before the demo's pinned asOf (1 Nov 2026)
/** A Jira issue (REST shape, expand=changelog) moving through the given statuses at the given hours. */
function issue(n: number, title: string, moves: Array<[number, string]>) {
  let from = 'Hx Waiting';
  const histories = moves.map(([h, to], i) => {
    const item = { field: 'status', fieldtype: 'jira', fromString: from, toString: to };
    from = to;
    return { id: String(n * 100 + i), created: jiraTime(T0 + h * H), items: [item] };
  });
  return {
    id: String(9000 + n),
    key: `HX-${n}`,
    fields: { summary: title, issuetype: { name: 'Story' }, created: jiraTime(T0), status: { name: from } },
    changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
  };
}

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let tmp: string;
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
        doneStatuses: ['Hx Done'],
        steps: [
          { id: 'a', name: HOSTILE_STEP, activeStatuses: ['Hx Doing'], waitStatuses: ['Hx Waiting'], owner: HOSTILE_OWNER, kaizen: [{ text: HOSTILE_KAIZEN }] },
          { id: 'b', name: 'Build', activeStatuses: ['Hx Build'], waitStatuses: ['Hx Ready'] },
        ],
        flows: [{ from: 'a', to: 'b', kind: 'push' }],
      },
    }),
  });
  expect(res.status).toBe(200);
  // HX-1 waited 50 h in step a and is done; HX-2 waited 80 h and is in step a now.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-untrusted-'));
  const file = path.join(tmp, 'hostile-issues.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      issues: [
        issue(1, HOSTILE_TITLE_1, [
          [50, 'Hx Doing'],
          [52, 'Hx Ready'],
          [53, 'Hx Build'],
          [60, 'Hx Done'],
        ]),
        issue(2, HOSTILE_TITLE_2, [[80, 'Hx Doing']]),
      ],
    }),
  );
  const imported = await fetch(`${served.origin}/api/importJiraFiles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify({ path: file }),
  });
  expect(imported.status, await imported.clone().text()).toBe(200);
  expect(((await imported.json()) as { items: number }).items).toBe(2);
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
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
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

  it('the drill-down shows imported issue titles as text and runs none of them', async () => {
    await page.locator('[data-testid="step-node"][data-step-id="a"] .step__name').click();
    await page.waitForSelector('[data-testid="step-items"][data-state="ready"]', { timeout: 30_000 });
    const panel = page.getByTestId('step-items');
    expect(await panel.locator('[data-item-key="HX-1"] .drill__title').textContent()).toBe(HOSTILE_TITLE_1);
    expect(await panel.locator('[data-testid="step-items-current"] [data-item-key="HX-2"] .drill__title').textContent()).toBe(HOSTILE_TITLE_2);
    expect(await panel.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('the report page does too', async () => {
    await page.goto(`${served.origin}/#/report`);
    await page.waitForSelector('[data-report-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('.report__title h1').textContent()).toBe(HOSTILE_MAP);
    expect(await page.locator('[data-testid="report-map"]').textContent()).toContain('Triage');
    expect(await page.locator('.report__steps tbody th').first().textContent()).toContain(HOSTILE_STEP);
    const behind = await page.getByTestId('report-bottleneck-items').textContent();
    expect(behind).toContain(HOSTILE_TITLE_1);
    expect(behind).toContain(HOSTILE_TITLE_2);
    expect(await page.locator('article img, article script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('and its PDF prints the titles literally', async () => {
    const pdf = path.join(tmp, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    const { stdout } = await promisify(execFile)('pdftotext', ['-raw', pdf, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain(HOSTILE_TITLE_1);
    expect(text).toContain(HOSTILE_TITLE_2);
    expect(text).toContain(HOSTILE_MAP);
  });

  it('and the footer printed on every page (workspace, map name) shows the markup as characters too', async () => {
    const pdf = path.join(tmp, 'report-footer.pdf');
    const footer = (await page.locator(FOOTER_SELECTOR).textContent()) ?? '';
    expect(footer).toContain(HOSTILE_MAP);
    await page.pdf({
      path: pdf,
      format: 'A4',
      landscape: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: footerTemplate(footer),
      margin: { top: '10mm', bottom: '14mm' },
    });
    const { stdout: info } = await promisify(execFile)('pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    for (let p = 1; p <= pages; p++) {
      const { stdout } = await promisify(execFile)('pdftotext', ['-raw', '-f', String(p), '-l', String(p), pdf, '-']);
      const text = stdout.replace(/\s+/g, ' ');
      expect(text, `page ${p}`).toContain(`${HOSTILE_MAP} · as of`);
      expect(text, `page ${p}`).toContain(`${p} / ${pages}`);
    }
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
  });
});
