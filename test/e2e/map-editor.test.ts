// Editing the map live, as a facilitator would on the projector: unbind a status and watch the figures
// change, get the core's precise refusal for a status bound twice (nothing saved), add a step with a
// status picked from the workspace's own, and delete it again; name abandoned resolutions in the map settings.
// Real host, real core, headless Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { callApi, serve, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type Step = { id: string; name: string; activeStatuses: string[]; waitStatuses: string[]; owner?: string; people?: number };
type StoredMap = { id: number; steps: Step[]; flows: { from: string; to: string; kind: string }[] };

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];

const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);

async function editStep(id: string) {
  await page.locator(`[data-testid="step-node"][data-step-id="${id}"] .step__name`).click();
  // A single click opens the items a moment later (a double-click may come first): wait for this step's panel,
  // not the one still open from the step before.
  await page.waitForSelector(`[data-testid="step-items"][data-state="ready"][data-step-id="${id}"]`, { timeout: 30_000 });
  await page.getByTestId('step-edit').click();
  await page.getByTestId('step-editor').waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems, { refusalsExpected: true });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('map editor', () => {
  it('renames Intake and unbinds its active status: the map is saved and re-measured', async () => {
    await editStep('intake');
    expect(await page.getByTestId('edit-name').inputValue()).toBe('Intake');
    await page.getByTestId('edit-name').fill('Intake & triage');
    await page.getByTestId('edit-people').fill('2');
    await page.getByTestId('edit-active').getByRole('button', { name: 'Remove Triage' }).click();
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-editor').waitFor({ state: 'detached' });

    const map = await api<StoredMap>('getMap', {});
    const intake = map.steps.find((s) => s.id === 'intake')!;
    expect(intake).toMatchObject({ name: 'Intake & triage', people: 2, activeStatuses: [], waitStatuses: ['Idea'] });
    const node = page.locator('[data-testid="step-node"][data-step-id="intake"]');
    await page.waitForFunction(() => document.querySelector('[data-step-id="intake"] [data-testid="step-name"]')?.textContent === 'Intake & triage');
    // With no active status Intake has no active time left: the core and the map say so.
    const metrics = await api<{ steps: { id: string; activeHours: { total: number } }[] }>('flowMetrics', { mapId: map.id });
    expect(metrics.steps.find((s) => s.id === 'intake')!.activeHours.total).toBe(0);
    expect(await node.locator('[data-figure="active"]').innerText()).toBe('0 h');
  });

  it("a status bound in two steps is refused with the core's message, and nothing is saved", async () => {
    const before = await api<StoredMap>('getMap', {});
    await editStep('discovery');
    const add = page.getByTestId('edit-active').locator('input');
    await add.fill('In QA');
    await add.press('Enter');
    await page.getByTestId('step-save').click();
    const error = page.getByTestId('step-editor-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(
      /status "In QA" is bound twice: in steps\[\d+\] "discovery" activeStatuses and in steps\[\d+\] "qa" activeStatuses/,
    );
    const after = await api<StoredMap>('getMap', {});
    expect(after.steps).toEqual(before.steps);
    await page.getByTestId('step-editor-close').click();
  });

  it('adds a step bound to a status the workspace knows, wired after Deployment, then deletes it', async () => {
    await page.getByTestId('step-add').click();
    await page.getByTestId('step-editor').waitFor();
    await page.getByTestId('edit-name').fill('Won’t do (triage out)');
    // The status field suggests the workspace's statuses; "Won't Do" is one the demo map leaves unbound.
    const options = await page
      .getByTestId('edit-wait')
      .locator('datalist option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toContain("Won't Do");
    const wait = page.getByTestId('edit-wait').locator('input');
    await wait.fill("Won't Do");
    await wait.press('Enter');
    await page.screenshot({ path: shotPath('map-editor.png') });
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-editor').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="step-node"]').length === 10);
    let map = await api<StoredMap>('getMap', {});
    const added = map.steps.find((s) => s.id === 'won-t-do-triage-out')!;
    expect(added).toMatchObject({ name: 'Won’t do (triage out)', waitStatuses: ["Won't Do"], activeStatuses: [] });
    // The new step measures the 156 demo items that went to Won't Do: they are its WIP now.
    const items = await api<{ current: { count: number } }>('stepItems', { mapId: map.id, stepId: added.id });
    expect(items.current.count).toBe(156);

    // Wire Deployment → new step through Deployment's own form, then delete the step: its flows go too.
    await page.getByTestId('step-items-close').click();
    await editStep('deploy');
    await page.getByTestId('step-editor').getByLabel('Won’t do (triage out)').check();
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-editor').waitFor({ state: 'detached' });
    map = await api<StoredMap>('getMap', {});
    expect(map.flows).toContainEqual({ from: 'deploy', to: added.id, kind: 'push' });

    await page.getByTestId('step-items-close').click();
    await editStep(added.id);
    await page.getByTestId('step-delete').click();
    await page.getByTestId('step-editor').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="step-node"]').length === 9);
    map = await api<StoredMap>('getMap', {});
    expect(map.steps.some((s) => s.id === added.id)).toBe(false);
    expect(map.flows.some((f) => f.from === added.id || f.to === added.id)).toBe(false);
    expect(problems).toEqual([]);
  });
});

describe('undo and redo', () => {
  it('undoes a step edit with the button and redoes it with Ctrl+Shift+Z', async () => {
    const name = async () => (await api<StoredMap>('getMap', {})).steps.find((s) => s.id === 'refinement')!.name;
    await editStep('refinement');
    await page.getByTestId('edit-name').fill('Backlog refinement');
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-editor').waitFor({ state: 'detached' });
    expect(await name()).toBe('Backlog refinement');
    await page.getByTestId('step-items-close').click();

    await page.getByTestId('undo').click();
    await page.waitForFunction(() => document.querySelector('[data-step-id="refinement"] [data-testid="step-name"]')?.textContent === 'Refinement');
    // Undo is drawn at once and autosaved within the second.
    await expect.poll(name, { timeout: 5_000 }).toBe('Refinement');
    expect(await page.getByTestId('redo').isEnabled()).toBe(true);

    await page.locator('body').press('Control+Shift+Z');
    await page.waitForFunction(() => document.querySelector('[data-step-id="refinement"] [data-testid="step-name"]')?.textContent === 'Backlog refinement');
    await expect.poll(name, { timeout: 5_000 }).toBe('Backlog refinement');
    expect(await page.getByTestId('redo').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('names abandoned resolutions in the map settings: saved with the map, shown again on reopening', async () => {
    const resolutions = async () => (await api<StoredMap & { abandonedResolutions?: string[] }>('getMap', {})).abandonedResolutions;
    expect(await resolutions()).toBeUndefined();
    await page.getByTestId('map-settings-open').click();
    await page.getByTestId('map-settings').waitFor();
    await page.getByTestId('settings-abandoned-resolutions').fill("Won't Do, Duplicate, Won't Do");
    await page.getByTestId('settings-save').click();
    await page.getByTestId('map-settings').waitFor({ state: 'detached' });
    await expect.poll(resolutions, { timeout: 5_000 }).toEqual(["Won't Do", 'Duplicate']);
    await page.getByTestId('map-settings-open').click();
    expect(await page.getByTestId('settings-abandoned-resolutions').inputValue()).toBe("Won't Do, Duplicate");
    // Emptied, the field leaves the map.
    await page.getByTestId('settings-abandoned-resolutions').fill('');
    await page.getByTestId('settings-save').click();
    await expect.poll(resolutions, { timeout: 5_000 }).toBeUndefined();
    expect(problems).toEqual([]);
  });
});

describe('an empty workspace', () => {
  it('starts a map from the empty screen and edits its first step', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-empty-'));
    openWorkspace(path.join(dir, 'team.vsm'), { create: true }).close();
    const empty = await serve(['--workspace', path.join(dir, 'team.vsm')]);
    try {
      await page.goto(empty.openUrl);
      await page.waitForSelector('[data-app-state="empty"]', { timeout: 60_000 });
      await page.getByTestId('new-map-name').fill('Team stream');
      await page.getByTestId('new-map-done').fill('Done, Closed');
      await page.getByTestId('new-map-create').click();
      await page.waitForSelector('[data-app-state="ready"]', { timeout: 30_000 });
      expect(await page.getByTestId('map-name').innerText()).toBe('Team stream');
      expect(await page.getByTestId('step-node').count()).toBe(1);
      await page.locator('[data-testid="step-node"] .step__name').click();
      await page.getByTestId('step-edit').click();
      await page.getByTestId('edit-name').fill('Build');
      await page.getByTestId('step-save').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="step-name"]')?.textContent === 'Build');
      const res = await fetch(`${empty.origin}/api/getMap`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${empty.token}` },
        body: '{}',
      });
      expect(await res.json()).toMatchObject({ name: 'Team stream', doneStatuses: ['Done', 'Closed'], steps: [{ id: 'first-step', name: 'Build' }] });
      expect(problems).toEqual([]);
    } finally {
      await empty.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
