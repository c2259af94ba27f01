// Drawing a value stream in a room (issue 8), by mouse and keyboard alone, against `vsm serve` and the real
// core: from an empty workspace a five-step map (quick-add with N, Enter after Enter), every data box
// filled, the estimate ladder to exact figures (10 h of process time over 80 h of lead time = 12.5 %), a
// parallel branch and a rework loop drawn by dragging from handles with the totals unchanged, a supplier, a
// queue and a kaizen burst from the palette, delete / undo / redo, Tidy layout without overlaps, and a
// reload that finds everything saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serve, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type Flow = { from: string; to: string; kind: string; rate?: number };
type StoredMap = {
  id: number;
  revision: number;
  name: string;
  steps: {
    id: string;
    name: string;
    owner?: string;
    people?: number;
    notes?: string;
    kaizen?: { text: string }[];
    estimate?: { processTimeHours?: number; leadTimeHours?: number; percentCompleteAccurate?: number };
    position?: { x: number; y: number };
  }[];
  flows: Flow[];
  annotations?: { id: string; kind: string; stepId?: string; text?: string }[];
};
type Ladder = {
  totalLeadTimeHours: number;
  totalProcessTimeHours: number;
  activityRatio: number;
  rolledPercentCompleteAccurate: number;
  rungs: { stepId: string }[];
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-draw-'));
const ws = path.join(dir, 'room.vsm');
let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];

const api = <T>(method: string, input: unknown) => callApi<T>(served, method, input);
const getMap = () => api<StoredMap>('getMap', {});
const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const stepByName = async (name: string) => (await getMap()).steps.find((s) => s.name === name)!.id;

/** Waits until the autosave has written the map and the core says `check` holds for it. */
async function saved(check: (m: StoredMap) => boolean): Promise<StoredMap> {
  await page.waitForSelector('[data-save-state="saved"]', { timeout: 10_000 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const m = await getMap();
    if (check(m)) return m;
    if (Date.now() > deadline) throw new Error(`the saved map never matched: ${JSON.stringify(m)}`);
    await page.waitForTimeout(100);
  }
}

async function center(l: Locator): Promise<{ x: number; y: number }> {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags from one handle to another, as a person connects two boxes. */
async function dragHandle(fromId: string, fromHandle: string, toId: string, toHandle: string) {
  await node(fromId).hover();
  const a = await center(node(fromId).locator(`[data-handleid="${fromHandle}"]`));
  const b = await center(node(toId).locator(`[data-handleid="${toHandle}"]`));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/**
 * Fits the map and waits until the view stops moving: fitting is animated, and a double-click
 * sent while the boxes still glide lands its second click beside the first on a loaded machine.
 */
async function fitAndSettle() {
  await page.keyboard.press('f');
  await viewSettled();
}

async function viewSettled() {
  const transform = () => page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '');
  let last = await transform();
  for (let same = 0; same < 3;) {
    await page.waitForTimeout(100);
    const now = await transform();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

async function fillDataBox(id: string, box: { name?: string; pt: string; lt: string; pca: string; people: string; owner: string; notes: string }) {
  await viewSettled();
  await node(id).locator('.step__name').dblclick();
  await page
    .getByTestId('step-editor')
    .waitFor({ timeout: 5000 })
    .catch(async (e) => {
      await page.screenshot({ path: '/tmp/draw/fail.png' });
      throw e;
    });
  if (box.name) await page.getByTestId('edit-name').fill(box.name);
  await page.getByTestId('edit-pt').fill(box.pt);
  await page.getByTestId('edit-lt').fill(box.lt);
  await page.getByTestId('edit-pca').fill(box.pca);
  await page.getByTestId('edit-people').fill(box.people);
  await page.getByTestId('edit-owner').fill(box.owner);
  await page.getByTestId('edit-notes').fill(box.notes);
  await page.getByTestId('edit-owner').press('Enter');
  await page.getByTestId('step-editor').waitFor({ state: 'detached' });
  // Saving opens the step's items beside the map; Escape puts it away.
  await page.keyboard.press('Escape');
}

const estimateLadder = async (mapId: number) => (await api<{ ladder: { estimate: Ladder } }>('flowMetrics', { mapId })).ladder.estimate;

beforeAll(async () => {
  ensureRendererBuilt();
  openWorkspace(ws, { create: true }).close();
  served = await serve(['--workspace', ws]);
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="empty"]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BOXES = [
  { name: 'Plan', pt: '2', lt: '16', pca: '90', people: '2', owner: 'Product', notes: 'weekly planning' },
  { pt: '3', lt: '16', pca: '80 %', people: '4', owner: 'Dev', notes: 'pairing' },
  { pt: '1', lt: '16', pca: '100', people: '1', owner: 'QA', notes: 'manual regression' },
  { pt: '2', lt: '16', pca: '0.5', people: '2', owner: 'Dev', notes: 'two reviewers' },
  { pt: '2', lt: '16', pca: '100 %', people: '1', owner: 'Ops', notes: 'Friday release' },
];

describe('drawing a value stream from an empty workspace', () => {
  it('starts a map and adds four steps by keyboard: N, a name, Enter, each after the one before', async () => {
    await page.getByTestId('new-map-name').fill('Room stream');
    await page.getByTestId('new-map-create').click();
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 30_000 });
    await node('first-step').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    const input = page.getByTestId('quick-add-input');
    await input.waitFor();
    for (const name of ['Build', 'Test', 'Review', 'Ship']) {
      await input.fill(name);
      await input.press('Enter');
    }
    await input.press('Escape');
    const m = await saved((x) => x.steps.length === 5 && x.flows.length === 4);
    expect(m.steps.map((s) => s.name)).toEqual(['First step', 'Build', 'Test', 'Review', 'Ship']);
    expect(m.flows).toEqual([
      { from: 'first-step', to: 'build', kind: 'push' },
      { from: 'build', to: 'test', kind: 'push' },
      { from: 'test', to: 'review', kind: 'push' },
      { from: 'review', to: 'ship', kind: 'push' },
    ]);
    expect(await page.getByTestId('step-node').count()).toBe(5);
  });

  it('fills each data box; the estimate ladder says 80 h of lead time, 10 h of process time, 12.5 %', async () => {
    await fitAndSettle();
    const ids = ['first-step', 'build', 'test', 'review', 'ship'];
    for (const [i, id] of ids.entries()) await fillDataBox(id, BOXES[i]!);
    const m = await getMap();
    expect(m.steps.map((s) => [s.name, s.estimate, s.people, s.owner, s.notes])).toEqual([
      ['Plan', { processTimeHours: 2, leadTimeHours: 16, percentCompleteAccurate: 0.9 }, 2, 'Product', 'weekly planning'],
      ['Build', { processTimeHours: 3, leadTimeHours: 16, percentCompleteAccurate: 0.8 }, 4, 'Dev', 'pairing'],
      ['Test', { processTimeHours: 1, leadTimeHours: 16, percentCompleteAccurate: 1 }, 1, 'QA', 'manual regression'],
      ['Review', { processTimeHours: 2, leadTimeHours: 16, percentCompleteAccurate: 0.5 }, 2, 'Dev', 'two reviewers'],
      ['Ship', { processTimeHours: 2, leadTimeHours: 16, percentCompleteAccurate: 1 }, 1, 'Ops', 'Friday release'],
    ]);
    await page.waitForFunction(() => document.querySelector('[data-testid="activity-ratio-estimate"]')?.textContent === '12.5 %');
    const totals = await page.getByTestId('ladder-totals-estimate').innerText();
    expect(totals).toMatch(/Σ lead time\s+80 h/i);
    expect(totals).toMatch(/Σ process\s+10 h/i);
    expect(await page.getByTestId('rolled-ca-estimate').textContent()).toBe('36.0 %');
    const core = await estimateLadder(m.id);
    expect(core).toMatchObject({ totalLeadTimeHours: 80, totalProcessTimeHours: 10, activityRatio: 0.125 });
    expect(core.rolledPercentCompleteAccurate).toBeCloseTo(0.36, 12);
    expect(await node('test').locator('[data-testid="step-notes"]').innerText()).toBe('manual regression');
    // Bound to no status, a step is not measured: it says "no data", never "0 h".
    expect(await node('test').locator('[data-testid="step-figures"]').innerText()).toBe('no data');
  });

  it('a parallel branch and a rework loop drawn from handles leave the totals as they were', async () => {
    // A branch beside Test: the palette adds it after the selected Build (wired from it); a drag wires it into Review.
    await node('build').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('palette-step-automated').click();
    await saved((x) => x.steps.length === 6);
    const scan = (await getMap()).steps.at(-1)!.id;
    await fitAndSettle();
    await dragHandle(scan, 'out', 'review', 'in');
    await saved((x) => x.flows.some((f) => f.from === scan && f.to === 'review'));
    await fillDataBox(scan, { name: 'Security scan', pt: '1', lt: '4', pca: '100', people: '0', owner: 'CI', notes: 'SAST' });

    // Rework: from Review's bottom handle back to Build's; click the loop and give its rate.
    await dragHandle('review', 'rework-out', 'build', 'rework-in');
    let m = await saved((x) => x.flows.some((f) => f.kind === 'rework'));
    const reworkIndex = m.flows.findIndex((f) => f.kind === 'rework');
    expect(m.flows[reworkIndex]).toEqual({ from: 'review', to: 'build', kind: 'rework', rate: 0.1 });
    await page.locator('.react-flow__edge', { hasText: 'rework' }).locator('.react-flow__edge-textbg').click();
    await page.getByTestId('edge-panel').waitFor();
    await page.getByTestId('edge-rate').fill('20 %');
    await page.getByTestId('edge-rate').press('Enter');
    m = await saved((x) => x.flows[reworkIndex]?.rate === 0.2);
    await page.waitForFunction(() => [...document.querySelectorAll('.react-flow__edge-text')].some((t) => t.textContent === 'rework 20.0 %'));

    const core = await estimateLadder(m.id);
    expect(core).toMatchObject({ totalLeadTimeHours: 80, totalProcessTimeHours: 10, activityRatio: 0.125 });
    expect(core.rungs.map((r) => r.stepId)).toEqual(['first-step', 'build', 'test', 'review', 'ship']);
    expect(await page.getByTestId('activity-ratio-estimate').textContent()).toBe('12.5 %');
    expect(m.flows).toContainEqual({ from: 'build', to: scan, kind: 'push' });
    expect(m.flows).toContainEqual({ from: scan, to: 'review', kind: 'push' });
  });

  it('adds a supplier, a queue and a kaizen burst from the palette', async () => {
    await node('first-step').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('palette-supplier').click();
    await node('test').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('palette-queue').click();
    await page.getByTestId('annotation-count').fill('12');
    await page.getByTestId('annotation-count').press('Enter');
    await node('test').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('palette-kaizen').click();
    const m = await saved(
      (x) => (x.annotations ?? []).some((a) => a.kind === 'queue' && (a as { count?: number }).count === 12) && !!x.steps.find((s) => s.id === 'test')?.kaizen,
    );
    expect(m.annotations).toEqual([
      expect.objectContaining({ kind: 'supplier', stepId: 'first-step', text: 'Supplier' }),
      expect.objectContaining({ kind: 'queue', stepId: 'test', count: 12 }),
    ]);
    expect(m.steps.find((s) => s.id === 'test')!.kaizen).toEqual([{ text: 'Improvement idea' }]);
    expect(await page.locator('[data-testid="queue-count"]').innerText()).toMatch(/^12/);
  });

  it('Delete removes a step and its flows; Ctrl+Z brings them back, Ctrl+Shift+Z removes them again', async () => {
    const scan = await stepByName('Security scan');
    const before = await getMap();
    await node(scan).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Delete');
    let m = await saved((x) => !x.steps.some((s) => s.id === scan));
    expect(m.flows.some((f) => f.from === scan || f.to === scan)).toBe(false);
    await page.locator('body').press('Control+z');
    m = await saved((x) => x.steps.some((s) => s.id === scan));
    expect(m.steps).toEqual(before.steps);
    expect(m.flows).toEqual(before.flows);
    await page.locator('body').press('Control+Shift+Z');
    m = await saved((x) => !x.steps.some((s) => s.id === scan));
    await page.locator('body').press('Control+z');
    m = await saved((x) => x.steps.some((s) => s.id === scan));
    expect(m.flows).toEqual(before.flows);
  });

  it('Ctrl+D duplicates, Ctrl+C/Ctrl+V copies, arrows nudge, Ctrl+Z takes each back, Ctrl+F finds a step', async () => {
    await node('ship').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+d');
    let m = await saved((x) => x.steps.some((s) => s.name === 'Ship' && s.id !== 'ship'));
    await page.locator('body').press('Control+z');
    m = await saved((x) => x.steps.filter((s) => s.name === 'Ship').length === 1);
    expect(m.steps).toHaveLength(6);

    // Ctrl+C / Ctrl+V: a copy beside it; the arrow keys nudge it a grid step; Ctrl+Z twice takes both back.
    await node('ship').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    m = await saved((x) => x.steps.length === 7);
    const copy = m.steps.at(-1)!;
    expect(copy.name).toBe('Ship');
    const at = (copy as unknown as { position: { x: number; y: number } }).position;
    await page.keyboard.press('ArrowRight');
    m = await saved((x) => (x.steps.at(-1) as unknown as { position: { x: number } }).position.x === at.x + 20);
    await page.locator('body').press('Control+z');
    await page.locator('body').press('Control+z');
    m = await saved((x) => x.steps.length === 6);

    // Ctrl+F finds a step by name and selects it.
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill('revi');
    await page.getByTestId('find-input').press('Enter');
    await page.locator('.react-flow__node.selected[data-id="review"]').waitFor();
  });

  it('Tidy layout leaves no two boxes overlapping', async () => {
    const { revision } = await getMap();
    await page.getByTestId('tidy-layout').click();
    await saved((m) => m.revision > revision);
    await page.waitForTimeout(500);
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    expect(boxes.length).toBe(8);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `nodes ${i} and ${j} overlap`).toBe(false);
      }
    }
    // The canvas fills the window below the header: most of its height, not a strip.
    const canvas = (await page.getByTestId('map-canvas').boundingBox())!;
    expect(canvas.height).toBeGreaterThan(500);
    await page.screenshot({ path: shotPath('editor.png') });
  });

  it('after a reload everything drawn is there, saved in the workspace', async () => {
    const before = await getMap();
    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    const after = await getMap();
    expect(after.steps).toEqual(before.steps);
    expect(after.flows).toEqual(before.flows);
    expect(after.annotations).toEqual(before.annotations);
    expect(await page.getByTestId('step-node').count()).toBe(6);
    expect(await page.getByTestId('annotation').count()).toBe(2);
    expect(await page.getByTestId('activity-ratio-estimate').textContent()).toBe('12.5 %');
    for (const s of before.steps) expect(await node(s.id).locator('[data-testid="step-name"]').innerText()).toBe(s.name);
    expect(problems).toEqual([]);
  });

  it('a palette click with nothing selected puts the new step in the first free spot, never on a box', async () => {
    // No work items: the header says so instead of a one-day window.
    expect(await page.locator('.app__window').innerText()).toContain('no work items imported yet');
    await page.keyboard.press('Escape');
    await page.getByTestId('map-canvas').click({ position: { x: 20, y: 20 } });
    const before = (await getMap()).steps.length;
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('palette-step-process').click();
      await saved((m) => m.steps.length === before + i + 1);
      await page.keyboard.press('Escape');
      await page.getByTestId('map-canvas').click({ position: { x: 20, y: 20 } });
    }
    const m = await getMap();
    const boxes = m.steps.map((s) => s.position!);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const close = Math.abs(boxes[i]!.x - boxes[j]!.x) < 200 && Math.abs(boxes[i]!.y - boxes[j]!.y) < 150;
        expect(close, `${m.steps[i]!.name} and ${m.steps[j]!.name} are stacked`).toBe(false);
      }
  });
});
