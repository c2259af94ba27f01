// Issue 9's links out, end to end on real data: the 30 DevLake Jira issues of board 8 (and one copy whose `self`
// is a javascript: address) imported through `vsm serve`'s API. The step drill-down, a waste finding's items and
// a chart bar's items show each key as a link to https://merico.atlassian.net/browse/KEY that opens a new tab without opener or
// referrer; the hostile copy's key is plain text. The Jira site is never reached: the tab's request is answered
// by the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { devlakeEeMap, jiraBoard8Issues } from '../fixtures/devlake.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serve, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-item-links-'));
const file = path.join(tmp, 'devlake.vsm');
const HOSTILE_KEY = 'EE-900';
const page$ = (key: string) => `https://merico.atlassian.net/browse/${key}`;
let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];
const api = <T>(m: string, input: unknown) => callApi<T>(served, m, input);
/** Every request a tab made to the Jira site (answered here, never sent). */
const jiraRequests: Array<{ url: string; referer: string | undefined }> = [];

/** Each listed item of a list as the page shows it: key, and the link's href, target and rel (null: no link). */
async function rows(list: string) {
  return page.locator(`${list} [data-item-key]`).evaluateAll((els) =>
    els.map((el) => {
      const a = el.querySelector('.drill__key a');
      return {
        key: el.getAttribute('data-item-key'),
        text: el.querySelector('.drill__key .external-link')?.textContent ?? null,
        href: a?.getAttribute('href') ?? null,
        target: a?.getAttribute('target') ?? null,
        rel: a?.getAttribute('rel') ?? null,
      };
    }),
  );
}
const expectedRow = (key: string) =>
  key === HOSTILE_KEY
    ? { key, text: key, href: null, target: null, rel: null }
    : { key, text: key, href: page$(key), target: '_blank', rel: 'noopener noreferrer' };

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serve(['--workspace', file]);
  const issues = jiraBoard8Issues();
  const copy = structuredClone(issues.find((i) => i.key === 'EE-17')!);
  Object.assign(copy, { id: '99900', key: HOSTILE_KEY, self: 'javascript:alert(document.domain)//rest/api/2/issue/99900' });
  const json = path.join(tmp, 'board8.json');
  fs.writeFileSync(json, JSON.stringify([...issues, copy]));
  expect((await api<{ items: number }>('importJiraFiles', { path: json })).items).toBe(31);
  await api('saveMap', {
    map: devlakeEeMap(),
  });
  browser = await launchChromium();
  await browser.context.route('https://merico.atlassian.net/**', (route) => {
    jiraRequests.push({ url: route.request().url(), referer: route.request().headers().referer });
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Jira stand-in</title><p>EE</p>' });
  });
  page = await newWatchedPage(browser, problems);
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="step-node"]');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('item keys link to their Jira pages (DevLake board 8)', () => {
  it('the step drill-down links every key to https://merico.atlassian.net/browse/KEY; the hostile copy is plain text', async () => {
    await page.locator('[data-testid="step-node"][data-step-id="ready"] .step__name').click();
    await page.waitForSelector('[data-testid="step-items"][data-state="ready"][data-step-id="ready"] [data-item-key]', { timeout: 30_000 });
    // The oracle: the core's list for the same query the app sent (its as-of is the suggested one).
    const info = await api<{ suggestedAsOf: { at: string } }>('workspaceInfo', {});
    const maps = await api<Array<{ id: number }>>('listMaps', {});
    const core = await api<{ completed: { items: Array<{ key: string; url: string | null }> } }>('stepItems', {
      mapId: maps[0]!.id,
      asOf: info.suggestedAsOf.at,
      stepId: 'ready',
      limit: 50,
    });
    const keys = core.completed.items.map((i) => i.key);
    expect(keys).toHaveLength(31);
    expect(keys).toContain(HOSTILE_KEY);
    expect(core.completed.items.find((i) => i.key === HOSTILE_KEY)!.url).toBeNull();
    const shown = await rows('[data-testid="step-items-completed"]');
    expect(shown).toEqual(keys.map(expectedRow));
    expect(await page.locator('[data-testid="step-items"] a[href^="javascript:"], [data-testid="step-items"] a:not([href^="https://"])').count()).toBe(0);
    await page.screenshot({ path: shotPath('item-links-drill.png') });
    await page.locator('[data-testid="step-items"]').screenshot({ path: shotPath('item-links-drill-panel.png') });
  });

  it('a click opens the item\u2019s page in a new tab, with no opener and no referrer', async () => {
    const link = page.locator('[data-testid="step-items-completed"] [data-item-key="EE-17"] .drill__key a');
    expect(await link.getAttribute('title')).toBe('Open EE-17 on merico.atlassian.net (new window)');
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(tab.url()).toBe(page$('EE-17'));
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(await tab.evaluate(() => document.referrer)).toBe('');
    expect(jiraRequests).toEqual([{ url: page$('EE-17'), referer: undefined }]);
    await tab.close();
    // The app's own tab stayed where it was.
    expect(page.url()).toMatch(new RegExp(`^${served.origin}/`));
    await page.getByTestId('step-items-close').click();
  });

  it('a waste finding\u2019s items (the items table) link the same way', async () => {
    await page.getByTestId('waste-open').click();
    const finding = page.locator('[data-testid="waste-finding"][data-waste="waiting"][data-step-id="ready"] .waste__evidence');
    await finding.waitFor({ timeout: 30_000 });
    await finding.click();
    await page.waitForSelector('[data-testid="waste-drill"] [data-item-key]', { timeout: 30_000 });
    const shown = await rows('[data-testid="waste-drill"]');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown).toEqual(shown.map((r) => expectedRow(r.key!)));
    expect(shown.map((r) => r.key)).toContain(HOSTILE_KEY);
    await page.getByTestId('waste-panel').screenshot({ path: shotPath('item-links-waste.png') });
    await page.getByTestId('waste-open').click();
  });

  it('the items behind a chart’s bar link the same way', async () => {
    await page.getByTestId('charts-open').click();
    await page.waitForSelector('[data-testid="charts"][data-state="ready"]', { timeout: 60_000 });
    // The wait bar of the first step (Ready): the items that waited there.
    await page.locator('[data-testid="wait-bar"]').nth(0).click();
    await page.waitForSelector('[data-testid="chart-items"][data-state="ready"] [data-item-key]', { timeout: 30_000 });
    const shown = await rows('[data-testid="chart-items-table"]');
    expect(shown).toHaveLength(31);
    expect(shown).toEqual(shown.map((r) => expectedRow(r.key!)));
    await page.getByTestId('chart-items').screenshot({ path: shotPath('item-links-chart.png') });
    expect(problems).toEqual([]);
  });
});
