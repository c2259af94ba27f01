// The import dialog in headless Chromium against the real host: a stage-date CSV imported with its result
// shown, a wrong file refused with the importer's own message and nothing written, and a large Jira export
// whose progress bar counts up (events over the host's event stream) and whose Cancel rolls it back; jirametrics'
// download folder imported with the files that hold no issues listed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJiraExport } from '../../bench/generate-jira.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { antsData, githubApi } from '../unit/helpers/github-ants.ts';
import { startReplay, type ReplayServer } from '../unit/helpers/github-replay.ts';
import { callApi, REPO_ROOT, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type Info = { items: number; statusChanges: number };

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let tmp: string;
let github: ReplayServer;
const GITHUB_TOKEN = 'ghp_e2e' + 'T'.repeat(30);
const consoleProblems: string[] = [];

const info = (): Promise<Info> => callApi<Info>(served, 'workspaceInfo', {});

async function startImport(sourceLabel: string, file: string) {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-panel').waitFor();
  await page.getByLabel(sourceLabel, { exact: true }).check();
  await page.getByTestId('import-path').fill(file);
  await page.getByTestId('import-start').click();
}

beforeAll(async () => {
  ensureRendererBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-import-e2e-'));
  // A replay of the GitHub REST API (real panjf2000/ants payloads) on 127.0.0.1; the host gets the token
  // from its environment, as `GITHUB_TOKEN=… vsm serve` would, bound to that replay (plain http to loopback:
  // the test switch).
  github = await startReplay(githubApi(antsData()));
  served = await serveDemo(['--github-api-url', github.origin], REPO_ROOT, { GITHUB_TOKEN, FLOWMAP_ALLOW_LOOPBACK_HTTP: '1' });
  browser = await launchChromium();
  page = await newWatchedPage(browser, consoleProblems, { refusalsExpected: true });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await github?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('import dialog', () => {
  it('imports a stage-date CSV and reports what it wrote', async () => {
    const before = await info();
    await startImport('Stage-date CSV', path.join(REPO_ROOT, 'test/fixtures/csv/actionable-agile.csv'));
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    const after = await info();
    const added = after.items - before.items;
    expect(added).toBeGreaterThan(0);
    expect(await result.innerText()).toMatch(new RegExp(`Imported ${added} items, ${after.statusChanges - before.statusChanges} status changes`));
    await page.screenshot({ path: shotPath('import-panel.png') });
    await page.getByTestId('import-close').click();
    expect(await page.getByTestId('import-panel').count()).toBe(0);
  });

  it('an open drill-down reads its items again when an import lands', async () => {
    await page.locator('[data-testid="step-node"][data-step-id="qa"] .step__name').click();
    await page.waitForSelector('[data-testid="step-items"][data-state="ready"]', { timeout: 30_000 });
    const nowRows = page.locator('[data-testid="step-items-current"] tbody tr');
    expect(await nowRows.first().getAttribute('data-item-key')).not.toBe('QX-2');
    // An item that entered Ready for QA on 1 Dec 2025 and is still there: the longest in QA now.
    const file = path.join(tmp, 'stuck-in-qa.csv');
    fs.writeFileSync(file, 'ID,Name,Type,Ready for QA,In QA,Done\r\nQX-2,Stuck in QA,Bug,2025-12-01,,\r\n');
    await startImport('Stage-date CSV', file);
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-close').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="step-items-current"] tbody tr')?.getAttribute('data-item-key') === 'QX-2', null, {
      timeout: 30_000,
    });
    expect(await nowRows.first().locator('.drill__title').innerText()).toBe('Stuck in QA');
    await page.getByTestId('step-items-close').click();
  });

  it('refuses a CSV with the wrong columns, names the file, and writes nothing', async () => {
    const before = await info();
    const file = path.join(REPO_ROOT, 'test/fixtures/csv/wrong-columns.csv');
    await startImport('Stage-date CSV', file);
    const error = page.getByTestId('import-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toContain('wrong-columns.csv');
    expect(await info()).toEqual(before);
    await page.getByTestId('import-close').click();
  });

  it('imports a GitHub repository live with the token the host holds, which the page never sees', async () => {
    const before = await info();
    await page.getByTestId('import-open').click();
    await page.getByLabel('GitHub (live)', { exact: true }).check();
    const token = page.getByTestId('token-status');
    await token.waitFor();
    expect(await token.getAttribute('data-has-token')).toBe('true');
    expect(await token.innerText()).toMatch(/GitHub token found in the environment/);
    await page.getByTestId('import-repo').fill('panjf2000/ants');
    await page.getByTestId('import-apiUrl').fill(github.origin);
    await page.screenshot({ path: shotPath('import-github-live.png') });
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    const after = await info();
    expect(after.items - before.items).toBe(75);
    expect(await result.innerText()).toMatch(/^Imported 75 items, [\d,]+ status changes/);
    // Every request to GitHub carried the host's token; nothing in the page's DOM or storage holds it.
    expect(github.requests.length).toBeGreaterThan(0);
    for (const r of github.requests) expect(r.headers.authorization).toBe(`token ${GITHUB_TOKEN}`);
    expect(await page.content()).not.toContain(GITHUB_TOKEN);
    await page.getByTestId('import-close').click();
  });

  it('counts progress up on a large Jira export and rolls it back on Cancel', async () => {
    const file = path.join(tmp, 'jira-large.json');
    generateJiraExport(file, 30_000);
    const before = await info();
    await startImport('Jira export', file);
    const counts = page.getByTestId('import-counts');
    // Progress arrives as events: wait for a count above zero, then for it to grow.
    await page.waitForFunction(() => /: [1-9]/.test(document.querySelector('[data-testid="import-counts"]')?.textContent ?? ''), null, { timeout: 60_000 });
    const first = await counts.innerText();
    expect(first).toMatch(/ of 30,000$/);
    expect(await page.locator('[data-testid="import-progress"] progress').getAttribute('max')).toBe('30000');
    expect(await page.getByTestId('import-close').isDisabled()).toBe(true);
    await page.getByTestId('import-cancel').click();
    const error = page.getByTestId('import-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.innerText()).toMatch(/cancelled; the workspace is unchanged/);
    expect(await info()).toEqual(before);
    expect(consoleProblems).toEqual([]);
  });

  it("imports jirametrics' download folder and lists the files that hold no issues, with why", async () => {
    // The cancelled import above leaves the dialog open with its message.
    if ((await page.getByTestId('import-panel').count()) > 0) await page.getByTestId('import-close').click();
    const before = await info();
    await startImport('Jira export', path.join(REPO_ROOT, 'test/fixtures/jirametrics'));
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect((await info()).items - before.items).toBe(6);
    const skipped = page.getByTestId('import-skipped');
    expect(await skipped.locator('summary').innerText()).toBe('4 files skipped (no issues in them)');
    await skipped.locator('summary').click();
    const lines = await skipped.locator('li').allInnerTexts();
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('sample_board_1_configuration.json'))).toMatch(/: a board configuration \(SP board\), not issues$/);
    expect(lines.find((l) => l.includes('jira-config.json'))).toMatch(/jirametrics connection settings/);
    await page.getByTestId('import-close').click();
    expect(consoleProblems).toEqual([]);
  });
});
