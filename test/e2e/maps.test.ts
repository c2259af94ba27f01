// Several maps per workspace, export and import, in the app against `vsm serve --demo` and the real core:
// create, rename, duplicate, delete and Undo; the map with its ladder as SVG (text as text, ladder totals
// the core's), PNG and vsm-map JSON; the JSON opened again (Open… and drag and drop) gives the same map;
// a bad file is refused with its issues and nothing is saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowMetricsOutput, StoredMap } from '../../shared/contract/contract.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type Summary = { id: number; name: string; steps: number };
let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let demo: StoredMap;
const problems: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-maps-e2e-'));
const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);
const names = async () => (await api<Summary[]>('listMaps', {})).map((m) => m.name).sort();
const docOf = ({ id: _i, updatedAt: _u, revision: _r, ...d }: StoredMap) => d;
const withoutPositions = (d: ReturnType<typeof docOf>) => ({ ...d, steps: d.steps.map(({ position: _p, ...s }) => s) });
const shownName = (name: string) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="map-name"]')?.textContent === n, name, { timeout: 30_000 });
const mapsPanel = async () => {
  if ((await page.getByTestId('maps-panel').count()) === 0) await page.getByTestId('maps-open').click();
  return page.getByTestId('maps-panel');
};
const row = (name: string) => page.locator(`[data-testid="map-row"][data-map-name="${name}"]`);
/** The map's row in the switcher, opening the switcher when it is closed. */
const rowIn = async (name: string) => (await mapsPanel(), row(name));

async function save(testId: string): Promise<Buffer> {
  if ((await page.getByTestId('export-panel').count()) === 0) await page.getByTestId('export-open').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(file);
  return fs.readFileSync(file);
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  demo = (await api<StoredMap>('getMap', {}))!;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('several maps in a workspace', () => {
  it('creates a map and shows it, then renames it', async () => {
    const panel = await mapsPanel();
    await panel.getByTestId('map-new-name').fill('Room plan');
    await panel.getByTestId('map-new-create').click();
    await shownName('Room plan');
    expect(await names()).toEqual(['Idea to production', 'Room plan']);
    await (await rowIn('Room plan')).getByTestId('map-rename').click();
    await row('Room plan').getByTestId('map-rename-input').fill('Room plan v2');
    await row('Room plan').getByTestId('map-rename-save').click();
    await shownName('Room plan v2');
    expect(await names()).toEqual(['Idea to production', 'Room plan v2']);
    // The panel's list is refreshed after the save answers, a moment after the header shows the new name.
    await row('Room plan v2').waitFor({ timeout: 10_000 });
    expect(await row('Room plan v2').count()).toBe(1);
    expect(await row('Room plan').count()).toBe(0);
    await page.screenshot({ path: shotPath('maps-panel.png') });
  });

  it('keeps the chosen map across a reload of the tab', async () => {
    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    expect(await page.getByTestId('map-name').textContent()).toBe('Room plan v2');
    await (await mapsPanel()).locator('[data-map-name="Idea to production"]').getByTestId('map-open').click();
    await shownName('Idea to production');
  });

  it('duplicates the demo map whole, deletes the copy and brings it back with Undo', async () => {
    await (await mapsPanel()).locator('[data-map-name="Idea to production"]').getByTestId('map-duplicate').click();
    await shownName('Idea to production (copy)');
    const copy = (await api<Summary[]>('listMaps', {})).find((m) => m.name === 'Idea to production (copy)')!;
    const copied = (await api<StoredMap>('getMap', { mapId: copy.id }))!;
    expect(docOf(copied)).toEqual({ ...docOf(demo), name: 'Idea to production (copy)' });

    await (await rowIn('Idea to production (copy)')).getByTestId('map-delete').click();
    await row('Idea to production (copy)').getByTestId('map-delete-confirm').click();
    await page.waitForSelector('[data-testid="map-undo-delete"]');
    expect(await page.getByTestId('maps-toast').innerText()).toContain('Deleted map "Idea to production (copy)"');
    expect(await names()).toEqual(['Idea to production', 'Room plan v2']);
    // The tab shows another map after its map was deleted.
    expect(await page.getByTestId('map-name').textContent()).not.toBe('Idea to production (copy)');

    await page.getByTestId('map-undo-delete').click();
    await shownName('Idea to production (copy)');
    expect(await names()).toEqual(['Idea to production', 'Idea to production (copy)', 'Room plan v2']);
    const back = (await api<StoredMap>('getMap', { name: 'Idea to production (copy)' }))!;
    expect(docOf(back)).toEqual(docOf(copied));
    await (await mapsPanel()).locator('[data-map-name="Idea to production"]').getByTestId('map-open').click();
    await shownName('Idea to production');
  });
});

describe('export and import', () => {
  it('exports an SVG with text as text and the ladder totals of the core', async () => {
    const svg = (await save('export-map-svg')).toString('utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<image\b/);
    const metrics = await api<FlowMetricsOutput>('flowMetrics', { mapId: demo.id });
    const read = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const stepTexts: Record<string, string> = {};
      for (const g of doc.querySelectorAll('[data-testid="report-map"] g[data-step-id]')) {
        stepTexts[g.getAttribute('data-step-id')!] = [...g.querySelectorAll(':scope > text')].map((t) => t.textContent).join(' ');
      }
      const totals: Record<string, Record<string, string>> = {};
      for (const kind of ['estimate', 'measured']) {
        totals[kind] = {};
        for (const t of doc.querySelectorAll(`[data-testid="export-totals-${kind}"] text[data-total]`))
          totals[kind]![t.getAttribute('data-total')!] = t.getAttribute('data-value')!;
      }
      return { parseError: doc.querySelector('parsererror') !== null, stepTexts, totals, texts: doc.querySelectorAll('text').length };
    }, svg);
    expect(read.parseError).toBe(false);
    for (const s of demo.steps) expect(read.stepTexts[s.id]).toContain(s.name);
    for (const kind of ['estimate', 'measured'] as const) {
      const l = metrics.ladder[kind]!;
      expect(read.totals[kind]).toEqual({
        totalLeadTimeHours: String(l.totalLeadTimeHours),
        totalProcessTimeHours: String(l.totalProcessTimeHours),
        activityRatio: String(l.activityRatio),
        rolledPercentCompleteAccurate: String(l.rolledPercentCompleteAccurate),
      });
    }
    fs.writeFileSync(shotPath('map-export.svg'), svg);
  });

  it('exports a PNG of the same drawing at twice its size', async () => {
    const png = await save('export-map-png');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(2 * (1048 + 32));
    expect(png.length).toBeGreaterThan(50_000);
    fs.writeFileSync(shotPath('map-export.png'), png);
  });

  it('exports the vsm-map JSON and opens it again as the same map', async () => {
    const json = JSON.parse((await save('export-map-json')).toString('utf8'));
    expect(withoutPositions(json)).toEqual(withoutPositions(docOf(demo)));
    await page.keyboard.press('Escape');
    await page.getByTestId('map-file-input').setInputFiles(path.join(tmp, 'idea-to-production.vsm-map.json'));
    await shownName('Idea to production (2)');
    expect(await page.getByTestId('maps-toast').innerText()).toContain('as "Idea to production (2)"');
    const opened = (await api<StoredMap>('getMap', { name: 'Idea to production (2)' }))!;
    expect(docOf(opened)).toEqual({ ...json, name: 'Idea to production (2)' });
  });

  it('opens a file dropped on the window', async () => {
    const text = fs.readFileSync(path.join(tmp, 'idea-to-production.vsm-map.json'), 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, text);
    await shownName('Idea to production (3)');
  });

  it('refuses a bad file with its issues and saves nothing', async () => {
    const before = await names();
    const bad = { ...demo, name: 'Broken', flows: [...demo.flows, { from: 'ghost', to: demo.steps[0]!.id, kind: 'push' }] };
    await page.getByTestId('map-file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.waitForSelector('[data-testid="map-import-error"]');
    const msg = await page.getByTestId('map-import-error').innerText();
    expect(msg).toContain('broken.json is not a valid vsm-map');
    expect(msg).toContain(`flows[${demo.flows.length}].from: flow from "ghost" is not a step of this map`);
    expect(msg).toContain('Nothing was saved.');
    await page.getByTestId('map-file-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "vsm-map", ') });
    await page.waitForFunction(() => document.querySelector('[data-testid="map-import-error"]')?.textContent?.includes('notes.json is not JSON'));
    expect(await names()).toEqual(before);
    await page.screenshot({ path: shotPath('map-import-error.png') });
    expect(problems).toEqual([]);
  });
});
