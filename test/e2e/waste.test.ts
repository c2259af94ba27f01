// Waste on the map and the binding view, end to end on the demo: `vsm serve` over a demo workspace file, the
// same file read by `vsm waste --json` (the built CLI). Tags and heat sit on the steps the core names, the
// panel's evidence is the CLI's, a finding drills down to its items, "Turn into kaizen" adds a burst, a
// threshold edit changes the findings, and rebinding a status (select, then drag) changes the figures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../renderer/src/common/format.ts';
import type { WasteAnalysis } from '../../shared/metrics/waste.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, REPO_ROOT, serve, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

type Step = { id: string; activeStatuses: string[]; waitStatuses: string[]; kaizen?: Array<{ waste?: string; text: string }> };
type StoredMap = {
  id: number;
  revision: number;
  steps: Step[];
  abandonedStatuses?: string[];
  ignoredStatuses?: string[];
  wasteThresholds?: Record<string, number>;
};
type Metrics = { flowEfficiency: number; steps: Array<{ id: string; flowEfficiency: number; waitHours: { p50: number } }> };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-waste-e2e-'));
const file = path.join(tmp, 'demo.vsm');
const vsm = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
const cliWaste = () => JSON.parse(vsm('waste', '--workspace', file, '--json')) as WasteAnalysis;

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];
const api = <T>(m: string, input: unknown) => callApi<T>(served, m, input);

/** The panel's findings as shown: type, step and evidence, in rank order. */
async function panelFindings() {
  return page.locator('[data-testid="waste-finding"]').evaluateAll((els) =>
    els.map((el) => ({
      waste: el.getAttribute('data-waste'),
      stepId: el.getAttribute('data-step-id'),
      evidence: el.querySelector('[data-testid="waste-evidence"]')!.textContent,
    })),
  );
}
const expected = (w: WasteAnalysis) => w.findings.map((f) => ({ waste: f.waste, stepId: f.stepId, evidence: f.evidence }));

async function waitForFindings(n: number) {
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid="waste-finding"]').length === k, n, { timeout: 60_000 });
}

beforeAll(async () => {
  ensureRendererBuilt();
  vsm('demo', '--out', file);
  served = await serve(['--workspace', file]);
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems, { refusalsExpected: true });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="step-heat"]', { timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('waste on the map', () => {
  it('puts each finding\u2019s tag and the wait-share heat on the steps `vsm waste --json` names', async () => {
    const w = cliWaste();
    expect(w.findings.length).toBeGreaterThan(3);
    for (const f of w.findings) {
      await expect.poll(() => page.locator(`[data-testid="step-node"][data-step-id="${f.stepId}"] .waste-tag[data-waste="${f.waste}"]`).count()).toBe(1);
    }
    const tags = await page.locator('.waste-tag').count();
    expect(tags).toBe(w.findings.length);
    for (const s of w.steps) {
      const share = await page.locator(`[data-testid="step-node"][data-step-id="${s.id}"] [data-testid="step-heat"]`).getAttribute('data-wait-share');
      expect(Number(share)).toBe(s.waitShare);
    }
    // The deepest heat is on the step with the largest share of all wait time: the demo's Manual QA.
    const top = [...w.steps].sort((a, b) => b.waitShare - a.waitShare)[0]!;
    expect(top.id).toBe('qa');
  });

  it('lists every finding ranked with the CLI\u2019s evidence, and drills down to the finding\u2019s items', async () => {
    await page.getByTestId('waste-open').click();
    await page.getByTestId('waste-panel').waitFor();
    const w = cliWaste();
    await waitForFindings(w.findings.length);
    expect(await panelFindings()).toEqual(expected(w));
    await page.screenshot({ path: shotPath('waste-panel.png') });

    const defects = w.findings.find((f) => f.waste === 'defects')!;
    await page.locator(`[data-testid="waste-finding"][data-waste="defects"][data-step-id="${defects.stepId}"] .waste__evidence`).click();
    await page.waitForSelector('[data-testid="waste-drill"] [data-item-key]', { timeout: 30_000 });
    const keys = await page.locator('[data-testid="waste-drill"] [data-item-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-key')));
    expect(keys).toEqual(defects.items.slice(0, 50));
    // Each item shows its status history: the first one was sent back from QA to development.
    const history = await page.locator(`[data-testid="waste-drill"] [data-item-key="${keys[0]}"] .waste__history`).innerText();
    expect(history).toMatch(/In QA → Ready for Dev/);
    await page.screenshot({ path: shotPath('waste-drill.png') });
  });

  it('turns a finding into a kaizen burst on its step, with the waste type filled in', async () => {
    const w = cliWaste();
    const f = w.findings.find((x) => x.waste === 'handoffs') ?? w.findings[0]!;
    const before = (await api<StoredMap>('getMap', {})).steps.find((s) => s.id === f.stepId)!.kaizen?.length ?? 0;
    await page.locator(`[data-testid="waste-finding"][data-waste="${f.waste}"][data-step-id="${f.stepId}"] [data-testid="waste-to-kaizen"]`).click();
    await expect
      .poll(async () => (await api<StoredMap>('getMap', {})).steps.find((s) => s.id === f.stepId)!.kaizen?.length ?? 0, { timeout: 30_000 })
      .toBe(before + 1);
    const k = (await api<StoredMap>('getMap', {})).steps.find((s) => s.id === f.stepId)!.kaizen!.at(-1)!;
    expect(k.waste).toBe(f.waste);
    expect(k.text).toContain(f.evidence);
    await expect
      .poll(() => page.locator(`[data-testid="step-node"][data-step-id="${f.stepId}"] .kaizen-burst`).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
  });

  it('a threshold edited in the panel is stored in the map and changes the findings as the CLI sees them', async () => {
    const before = cliWaste();
    expect(before.findings.some((f) => f.waste === 'waiting' && f.stepId === 'qa')).toBe(true);
    await page.getByTestId('waste-thresholds-open').click();
    const waiting = page.locator('[data-testid="waste-thresholds"] input[data-threshold="waiting"]');
    expect(await waiting.inputValue()).toBe('25');
    await page.getByTestId('waste-panel').screenshot({ path: shotPath('waste-thresholds.png') });
    // Raise the waiting threshold above QA's share: its waiting finding goes.
    const qaShare = before.steps.find((s) => s.id === 'qa')!.waitShare;
    const raised = Math.ceil(qaShare * 100) + 1;
    await waiting.fill(String(raised));
    await page.getByTestId('waste-thresholds-save').click();
    await expect.poll(async () => (await api<StoredMap>('getMap', {})).wasteThresholds, { timeout: 30_000 }).toEqual({ waiting: raised / 100 });
    const after = cliWaste();
    expect(after.thresholds.waiting).toBe(raised / 100);
    expect(after.findings.some((f) => f.waste === 'waiting')).toBe(false);
    await waitForFindings(after.findings.length);
    expect(await panelFindings()).toEqual(expected(after));
    expect(await page.locator('[data-testid="step-node"][data-step-id="qa"] .waste-tag[data-waste="waiting"]').count()).toBe(0);
    await page.getByTestId('waste-open').click();
  });
});

describe('binding view', () => {
  const row = (status: string) => page.locator(`[data-testid="binding-row"][data-status="${status}"]`);
  const qaFigures = () => page.locator('[data-testid="binding-step"][data-step-id="qa"] [data-testid="binding-step-figures"]').innerText();
  const headlineEfficiency = () => page.locator('[data-figure="efficiency"] .headline__value').innerText();

  it('lists every status with the core\u2019s figures, the unbound one with the item-time it leaves unmeasured', async () => {
    await page.getByTestId('binding-open').click();
    await page.waitForSelector('[data-testid="binding"][data-state="ready"]', { timeout: 60_000 });
    const inv = await api<{ statuses: Array<{ status: string; items: number; binding: { role: string } }>; unbound: number; unboundHours: number }>(
      'statusInventory',
      {},
    );
    const shown = await page.locator('[data-testid="binding-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(shown).toEqual(inv.statuses.map((s) => s.status));
    expect(await row("Won't Do").getAttribute('data-role')).toBe('unbound');
    expect(inv.unbound).toBe(1);
    expect(await row("Won't Do").getByTestId('binding-waste-abandoned').count()).toBe(1);
    expect(await page.getByTestId('binding-unmeasured').innerText()).toBe(
      `1 unbound status leaves ${Math.round(inv.unboundHours).toLocaleString('en-US')} h of item-time unmeasured.`,
    );
    await page.screenshot({ path: shotPath('binding-view.png') });
  });

  it('choosing a binding in the select saves it and changes every figure at once', async () => {
    const before = await qaFigures();
    const effBefore = await headlineEfficiency();
    await row('Ready for QA').locator('[data-testid="binding-select"]').selectOption('ignored');
    await expect.poll(async () => (await api<StoredMap>('getMap', {})).ignoredStatuses, { timeout: 30_000 }).toEqual(['Ready for QA']);
    const map = await api<StoredMap>('getMap', {});
    expect(map.steps.find((s) => s.id === 'qa')!.waitStatuses).toEqual([]);
    const m = await api<Metrics>('flowMetrics', { mapId: map.id });
    await expect.poll(headlineEfficiency, { timeout: 30_000 }).toBe(formatPercent(m.flowEfficiency));
    expect(await headlineEfficiency()).not.toBe(effBefore);
    await expect.poll(qaFigures, { timeout: 30_000 }).not.toBe(before);
    expect(await qaFigures()).toContain(`flow efficiency ${formatPercent(m.steps.find((s) => s.id === 'qa')!.flowEfficiency)}`);
    await expect.poll(() => row('Ready for QA').getAttribute('data-role'), { timeout: 30_000 }).toBe('ignored');
  });

  it('dragging a status onto a step binds it there', async () => {
    await page.locator('[data-testid="zone-ignored"] .binding__chip[data-status="Ready for QA"]').dragTo(page.getByTestId('zone-wait-qa'));
    await expect
      .poll(async () => (await api<StoredMap>('getMap', {})).steps.find((s) => s.id === 'qa')!.waitStatuses, { timeout: 30_000 })
      .toEqual(['Ready for QA']);
    const map = await api<StoredMap>('getMap', {});
    expect(map.ignoredStatuses).toBeUndefined();
    const m = await api<Metrics>('flowMetrics', { mapId: map.id });
    await expect.poll(headlineEfficiency, { timeout: 30_000 }).toBe(formatPercent(m.flowEfficiency));
    await expect.poll(() => row('Ready for QA').getAttribute('data-role'), { timeout: 30_000 }).toBe('wait');
    // And a row dragged onto a zone: Won't Do onto Abandoned.
    await row("Won't Do").dragTo(page.getByTestId('zone-abandoned'));
    await expect.poll(async () => (await api<StoredMap>('getMap', {})).abandonedStatuses, { timeout: 30_000 }).toEqual(["Won't Do"]);
    await expect.poll(() => page.getByTestId('binding-basis').innerText(), { timeout: 30_000 }).toContain('Every status is bound or deliberately ignored.');
  });

  it('"Suggest binding" proposes what is unbound and accepting it saves it', async () => {
    // Unbind Won't Do again, then let the suggestion put it back.
    await row("Won't Do").locator('[data-testid="binding-select"]').selectOption('unbound');
    await expect.poll(async () => (await api<StoredMap>('getMap', {})).abandonedStatuses ?? null, { timeout: 30_000 }).toBeNull();
    await expect.poll(() => page.getByTestId('binding-basis').innerText(), { timeout: 30_000 }).toContain('1 unbound status leaves');
    await page.getByTestId('binding-suggest').click();
    await page.getByTestId('binding-suggestion').waitFor();
    const proposals = await page.locator('[data-testid="binding-proposal"]').evaluateAll((els) => els.map((e) => e.textContent));
    expect(proposals).toEqual(["Won't Do: unbound → abandoned (its name reads as abandoned work)"]);
    await page.screenshot({ path: shotPath('binding-suggestion.png') });
    await page.getByTestId('binding-accept').click();
    await page.getByTestId('binding-suggestion').waitFor({ state: 'detached', timeout: 30_000 });
    expect((await api<StoredMap>('getMap', {})).abandonedStatuses).toEqual(["Won't Do"]);
    await expect.poll(() => row("Won't Do").getAttribute('data-role'), { timeout: 30_000 }).toBe('abandoned');
    expect(problems).toEqual([]);
  });
});
