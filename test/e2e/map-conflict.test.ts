// No edit lost: two tabs on the same workspace. Tab B was opened before tab A renamed a step; B then drags
// a node. B's save is based on the old revision, so the core refuses it: the rename survives, and B says so
// and shows the current map. B's next drag, based on the current revision, is saved. Real host and core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type StoredMap = { id: number; revision: number; steps: { id: string; name: string; position?: { x: number; y: number } }[] };

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let tabA: Page;
let tabB: Page;
const problems: string[] = [];
const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);

async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no translate() in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

async function drag(page: Page, id: string, dy: number) {
  const box = (await page.locator(`[data-testid="step-node"][data-step-id="${id}"] .step__name`).boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + 2 * i, start.y + (dy / 10) * i);
  await page.mouse.up();
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  tabA = await newWatchedPage(browser, problems, { refusalsExpected: true });
  tabB = await newWatchedPage(browser, problems, { refusalsExpected: true });
  await tabA.goto(served.openUrl);
  await tabA.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  await tabB.goto(await served.newOpenUrl());
  await tabB.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('two tabs on one workspace', () => {
  it('a drag based on an old revision is refused: the rename survives, B says so and shows the current map', async () => {
    const before = await api<StoredMap>('getMap', {});
    const discoveryBefore = before.steps.find((s) => s.id === 'discovery')!;

    // Tab A renames Intake through the step editor.
    await tabA.locator('[data-testid="step-node"][data-step-id="intake"] .step__name').click();
    await tabA.waitForSelector('[data-testid="step-items"][data-state="ready"]', { timeout: 30_000 });
    await tabA.getByTestId('step-edit').click();
    await tabA.getByTestId('edit-name').fill('Intake (renamed in tab A)');
    await tabA.getByTestId('step-save').click();
    await tabA.getByTestId('step-editor').waitFor({ state: 'detached' });
    const renamed = await api<StoredMap>('getMap', {});
    expect(renamed.revision).toBe(before.revision + 1);
    expect(renamed.steps.find((s) => s.id === 'intake')!.name).toBe('Intake (renamed in tab A)');

    // Tab B still shows the old name, and drags Discovery.
    expect(await tabB.locator('[data-testid="step-node"][data-step-id="intake"] .step__name').innerText()).toBe('Intake');
    await drag(tabB, 'discovery', 150);
    await tabB.waitForSelector('[data-save-state="conflict"]', { timeout: 15_000 });
    expect(await tabB.locator('[data-save-state="conflict"]').innerText()).toContain('this map was changed in another window or tab');

    // Nothing of B's was written; the rename is there.
    const after = await api<StoredMap>('getMap', {});
    expect(after.revision).toBe(renamed.revision);
    expect(after.steps.find((s) => s.id === 'intake')!.name).toBe('Intake (renamed in tab A)');
    expect(after.steps.find((s) => s.id === 'discovery')!.position).toEqual(discoveryBefore.position);

    // B shows the current map: the new name, and Discovery back where the stored map has it.
    await tabB.locator('[data-testid="step-node"][data-step-id="intake"] .step__name', { hasText: 'Intake (renamed in tab A)' }).waitFor({ timeout: 15_000 });
    const shown = await nodePosition(tabB, 'discovery');
    expect(shown.x).toBeCloseTo(discoveryBefore.position!.x, 0);
    expect(shown.y).toBeCloseTo(discoveryBefore.position!.y, 0);
    await tabB.screenshot({ path: shotPath('map-conflict.png') });
  });

  it("B's next drag, based on the current revision, is saved and keeps the rename", async () => {
    const current = await api<StoredMap>('getMap', {});
    await drag(tabB, 'discovery', 150);
    await tabB.waitForSelector('[data-save-state="saved"]', { timeout: 15_000 });
    const saved = await api<StoredMap>('getMap', {});
    expect(saved.revision).toBe(current.revision + 1);
    expect(saved.steps.find((s) => s.id === 'intake')!.name).toBe('Intake (renamed in tab A)');
    expect(saved.steps.find((s) => s.id === 'discovery')!.position!.y).toBeGreaterThan(current.steps.find((s) => s.id === 'discovery')!.position!.y + 50);
    expect(problems).toEqual([]);
  });
});
