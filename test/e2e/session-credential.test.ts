// The session credential of `vsm serve` in a real browser (issue 11, class 2). Cookies are not separated by
// port, so the host sets none: a second local server on another port, visited in the same browser after the
// app, receives no Flowmap credential and cannot use the API; the one-time link is refused when reused; the
// address bar holds no token once the page has loaded; a reload of the same tab keeps working.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let other: http.Server;
let otherOrigin: string;
const otherRequests: http.IncomingHttpHeaders[] = [];
const problems: string[] = [];
let usedLink: string;

/** A hostile local page: it logs what the browser sends it and tries the Flowmap API with whatever it can find. */
function hostilePage(flowmapOrigin: string): string {
  return `<!doctype html><title>other</title><script>
    const found = { cookie: document.cookie, local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) };
    const tries = [
      fetch('${flowmapOrigin}/api/saveMap', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ map: { format: 'vsm-map', version: 1, name: 'PWNED', doneStatuses: ['Done'], steps: [{ id: 'a', name: 'A', activeStatuses: ['X'], waitStatuses: [] }], flows: [] } }) })
        .then(() => 'sent', (e) => 'error ' + e),
      fetch('${flowmapOrigin}/api/workspaceInfo', { method: 'POST', credentials: 'include', body: '{}' }).then((r) => 'read ' + r.status, (e) => 'blocked'),
      fetch('${flowmapOrigin}/events', { credentials: 'include' }).then((r) => 'read ' + r.status, (e) => 'blocked'),
    ];
    Promise.all(tries).then((results) => { window.__done = { found, results }; });
  </script>`;
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  other = http.createServer((req, res) => {
    otherRequests.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html' }).end(hostilePage(served.origin));
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  usedLink = served.openUrl;
  await page.goto(usedLink);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await new Promise((r) => other?.close(r));
});

describe('session credential in the browser', () => {
  it('leaves no token in the address bar or history after load, and sets no cookie', async () => {
    expect(page.url()).toBe(`${served.origin}/`);
    expect(page.url()).not.toMatch(/token/);
    // The ticket's history entry was replaced, not kept: one step back is the blank page the tab started on.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).toBe(`${served.origin}/`);
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    expect(await browser.context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('a second local server on another port, visited afterwards, receives no credential and cannot use the API', async () => {
    const before = await callApi<{ name: string }[]>(served, 'listMaps', {});
    const hostile = await browser.context.newPage();
    await hostile.goto(`${otherOrigin}/`);
    await hostile.waitForFunction(() => (window as unknown as { __done?: unknown }).__done !== undefined, undefined, { timeout: 30_000 });
    const done = await hostile.evaluate(() => (window as unknown as { __done: { found: Record<string, string>; results: string[] } }).__done);
    // Same browser, same 127.0.0.1, other port: nothing of Flowmap's reaches it.
    for (const headers of otherRequests) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(served.token);
    }
    expect(done.found).toEqual({ cookie: '', local: '{}', session: '{}' });
    // Its blind write went out, and the host refused it: the maps are as they were.
    expect(done.results[0]).toBe('sent');
    expect(done.results.slice(1)).toEqual(['blocked', 'blocked']);
    expect(await callApi<{ name: string }[]>(served, 'listMaps', {})).toEqual(before);
    expect((await callApi<{ name: string }[]>(served, 'listMaps', {})).map((m) => m.name)).not.toContain('PWNED');
    await hostile.close();
  });

  it('a reused link is refused in a fresh tab, with the reason on screen', async () => {
    const again = await browser.context.newPage();
    await again.goto(usedLink);
    await again.waitForSelector('[data-app-state="ready"], [data-app-state="error"]', { timeout: 60_000 });
    expect(await again.locator('main').getAttribute('data-app-state')).toBe('error');
    expect(await again.locator('main').textContent()).toMatch(/already used/);
    expect(again.url()).not.toMatch(/token/);
    await again.close();
  });

  it('a reload of the signed-in tab keeps working (sessionStorage of this tab and origin)', async () => {
    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    expect(page.url()).toBe(`${served.origin}/`);
    expect(problems).toEqual([]);
  });
});
