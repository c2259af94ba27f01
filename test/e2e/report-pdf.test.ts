// The retrospective PDF end to end: `vsm report` prints the renderer's report page with Chromium. Its text
// (pdftotext) must carry the core's figures, formatted by the one formatting module and computed here from
// `vsm metrics --json` of the same workspace, never typed in; every page must be numbered "N / total" with
// the workspace and as-of date in its footer; a filtered report must say so on every page. The demo and a
// real Jira export (DevLake's fixture, imported with `vsm import jira`) are both printed, and the pages
// rendered to PNG for review (shotPath).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowMetrics } from '../../shared/metrics/flow-metrics.ts';
import type { EstimateLadder as Ladder } from '../../shared/metrics/ladder.ts';
import { formatDate, formatHours, formatNumber, formatPercent } from '../../renderer/src/common/format.ts';
import { jiraBoard8Issues } from '../fixtures/devlake.ts';
import type { ReportModel } from '../../shared/contract/contract.ts';
import type { WasteAnalysis } from '../../shared/metrics/waste.ts';
import type { StateComparison } from '../../shared/metrics/state-comparison.ts';
import { gain, value } from '../../renderer/src/compare/compare-format.ts';
import { thresholdText, wasteLabel } from '../../renderer/src/report/waste.ts';
import { createCore } from '../../shared/core/create-core.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { REPO_ROOT } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

const run = promisify(execFile);
const VSM = path.join(REPO_ROOT, 'bin', 'vsm.mjs');
const vsm = async (args: string[]) => (await run(process.execPath, [VSM, ...args], { cwd: REPO_ROOT, timeout: 240_000, maxBuffer: 64 * 2 ** 20 })).stdout;

let dir: string;

async function pdfPages(pdf: string, layout = true): Promise<string[]> {
  const { stdout: info } = await run('pdfinfo', [pdf]);
  const n = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const pages: string[] = [];
  for (let p = 1; p <= n; p++) pages.push((await run('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(p), '-l', String(p), pdf, '-'])).stdout);
  return pages;
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** pdftotext drops or adds spaces where glyphs sit close ("2 h" may come out "2h", "1 / 9" as "1/9"): any run of blanks in `s` matches any, or none. */
const loose = (s: string) => new RegExp(esc(s.replace(/\s+/g, ' ').trim()).replace(/ /g, '\\s*'));
/** The step table's row of a step, as printed: name, active total/p50/p85, wait total/p50/p85, WIP, flow efficiency. */
function stepRow(s: FlowMetrics['steps'][number]): RegExp {
  const cells = [s.activeHours.total, s.activeHours.p50, s.activeHours.p85, s.waitHours.total, s.waitHours.p50, s.waitHours.p85].map(formatHours);
  return new RegExp(
    `${esc(s.name)}(\\s+BOTTLENECK)?\\s+${[...cells, formatNumber(s.wip), formatPercent(s.flowEfficiency)].map((c) => loose(c).source).join('\\s+')}`,
    'i',
  );
}

/** Text in reading order (columns one after the other), for the two-column waste findings. */
const readingOrder = async (pdf: string) => flat((await pdfPages(pdf, false)).join('\n'));

/**
 * Every finding of `vsm waste --json`: its rank, waste and step, its evidence and its threshold in words (in
 * reading order: the findings sit in two columns), and each listed item's row (a line of the laid-out text).
 */
function checkFindings(reading: string, laidOut: string, waste: WasteAnalysis, model: ReportModel | null) {
  expect(reading).toMatch(loose(`Waste found in the data (${waste.findings.length} ${waste.findings.length === 1 ? 'finding' : 'findings'})`));
  for (const [i, f] of waste.findings.entries()) {
    const step = waste.steps.find((s) => s.id === f.stepId)!.name;
    expect(reading, f.waste).toMatch(loose(`${i + 1} ${wasteLabel(f.waste)} · ${step}`));
    expect(reading, f.waste).toMatch(loose(f.evidence));
    expect(reading, f.waste).toMatch(loose(`Threshold: ${thresholdText(f.waste, f.threshold)}`));
    for (const key of f.items.slice(0, 5)) expect(laidOut, `${f.waste} ${key}`).toMatch(new RegExp(`\\b${esc(key)}\\b`));
    for (const item of model?.findingItems[i] ?? []) {
      const v = item.unit === 'hours' ? formatHours(item.value) : `${formatNumber(item.value)}×`;
      // key, title, type and the figure on one line of the laid-out text (a title may carry any characters).
      expect(laidOut, `${f.waste} ${item.key}`).toMatch(new RegExp(`${esc(item.key)}[^\\n]*?${loose(item.type ?? '–').source}\\s+${loose(v).source}`));
      // Zero-width spaces (in some Jira titles) and the gaps pdftotext puts between CJK glyphs come out as they
      // please, and some glyphs map to compatibility forms (Kangxi radicals): key and title compared NFKC-normalised
      // with every space, control (a NUL in one DevLake title prints as nothing) and zero-width character removed.
      const bare = (t: string) => t.normalize('NFKC').replace(/[\s\u0000-\u001f\u200b-\u200d\ufeff]/g, '');
      if (item.title) expect(bare(reading).includes(bare(`${item.key} ${item.title}`)), `${f.waste} ${item.key}: ${item.title}`).toBe(true);
    }
  }
}

function checkFooters(pages: string[], workspace: string, metrics: FlowMetrics, filtered: string | null) {
  pages.forEach((text, i) => {
    const where = `page ${i + 1}`;
    expect(text, where).toMatch(new RegExp(`(^|\\s)${loose(`${i + 1} / ${pages.length}`).source}\\s*$`, 'm'));
    expect(flat(text), where).toMatch(loose(`${workspace} · `));
    expect(flat(text), where).toMatch(loose(`as of ${formatDate(metrics.asOf)}`));
    if (filtered) expect(flat(text), where).toMatch(loose(`FILTERED: ${filtered} only`));
    else expect(flat(text), where).toMatch(loose('all items'));
  });
}

function checkFigures(all: string, m: FlowMetrics) {
  const text = flat(all);
  expect(text).toMatch(loose(`${formatHours(m.leadTimeHours.p50)} / ${formatHours(m.leadTimeHours.p85)}`));
  expect(text).toMatch(loose(`${formatHours(m.cycleTimeHours.p50)} / ${formatHours(m.cycleTimeHours.p85)}`));
  expect(text).toMatch(loose(`${formatPercent(m.flowEfficiency)} per item p50 ${formatPercent(m.flowEfficiencyPerItem.p50)}`));
  expect(text).toMatch(loose(`${formatNumber(m.throughputPerWeek, 1)} / week`));
  expect(text).toMatch(loose(`${formatNumber(m.wip.current)} / ${formatNumber(m.wip.average, 1)}`));
  expect(text).toMatch(loose(`${formatNumber(m.items.done)} of ${formatNumber(m.items.total)}`));
  for (const s of m.steps) expect(all, s.name).toMatch(stepRow(s));
  if (m.bottleneck) expect(text).toMatch(loose(flat(m.bottleneck.reason)));
}

function savePages(pdf: string, name: string) {
  return run('pdftoppm', ['-png', '-r', '60', pdf, path.join(dir, name)]).then(() => {
    const pngs = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
      .sort();
    for (const [i, f] of pngs.entries()) fs.copyFileSync(path.join(dir, f), shotPath(`${name}-${i + 1}.png`));
    return pngs.length;
  });
}

beforeAll(() => {
  ensureRendererBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-e2e-report-'));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('vsm report --demo', () => {
  let pdf: string;
  let metrics: FlowMetrics;
  let waste: WasteAnalysis;
  let pages: string[];
  beforeAll(async () => {
    pdf = path.join(dir, 'demo.pdf');
    const [out, m, w] = await Promise.all([vsm(['report', '--demo', '--out', pdf]), vsm(['metrics', '--demo', '--json']), vsm(['waste', '--demo', '--json'])]);
    expect(out).toMatch(/wrote/);
    metrics = JSON.parse(m) as FlowMetrics;
    waste = JSON.parse(w) as WasteAnalysis;
    pages = await pdfPages(pdf);
  }, 240_000);

  it('prints every waste finding of `vsm waste --json` with its evidence, threshold and the items behind it, and tags them on the map', async () => {
    expect(waste.findings.length).toBeGreaterThan(3);
    checkFindings(await readingOrder(pdf), pages.join('\n'), waste, null);
    // The map's tags (page 1): one per finding, under its step.
    const p1 = flat(pages[0]!);
    for (const t of ['rework', 'waiting', 'abandoned', 'handoffs']) expect(p1).toMatch(new RegExp(`\\b${t}\\b`));
  });

  it('draws every chart as vectors: no bitmap anywhere in the PDF', async () => {
    const { stdout } = await run('pdfimages', ['-list', pdf]);
    expect(stdout.trim().split('\n').length, stdout).toBe(2); // the header lines only
  });

  it('names the binding in the title block: active, wait, done, blocked and abandoned statuses', () => {
    const p1 = flat(pages[0]!);
    expect(p1).toMatch(loose('active: Triage, Discovering'));
    expect(p1).toMatch(loose('wait: Idea, To Discover'));
    expect(p1).toMatch(loose("done: Done · blocked: none · abandoned: Won't Do (suggested from the status names)"));
  });

  it('is A4 landscape, every page numbered "N / total" with the workspace, map, as-of date in the footer', async () => {
    const { stdout } = await run('pdfinfo', [pdf]);
    const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(stdout) ?? []).slice(1).map(Number);
    expect(w).toBeGreaterThan(h!);
    expect(Math.abs(w! - 842)).toBeLessThan(2); // A4: 841.9 x 595.3 pt
    expect(pages.length).toBeGreaterThanOrEqual(7);
    checkFooters(pages, 'demo.vsm', metrics, null);
  });

  it('prints every headline and step figure and the bottleneck exactly as `vsm metrics --json` has them, formatted', () => {
    checkFigures(pages.join('\n'), metrics);
    expect(metrics.bottleneck!.reason).toMatch(/^Manual QA holds \d+\.\d %/);
    // The map's badge on page 1; the reason once, on the bottleneck's own sheet.
    expect(flat(pages[0]!)).toMatch(/BOTTLENECK/);
    const withReason = pages.flatMap((p, i) => (loose(flat(metrics.bottleneck!.reason)).test(flat(p)) ? [i + 1] : []));
    expect(withReason).toHaveLength(1);
    expect(flat(pages[withReason[0]! - 1]!)).toMatch(loose(`The bottleneck BOTTLENECK Manual QA: ${flat(metrics.bottleneck!.reason)}`));
  });

  it('prints every percentage with one decimal and a space before the sign', async () => {
    // In reading order (pdftotext without -layout keeps the spaces the page has).
    const percents = [...(await readingOrder(pdf)).matchAll(/(?<![\d.,])(\d[\d,.]*)(\s*)%/g)];
    expect(percents.length).toBeGreaterThan(50);
    for (const [all, figure, space] of percents) expect(`${figure}${space}%`, all).toMatch(/^\d[\d,]*\.\d %$/);
  });

  it('has the title block: value stream, team, window, filters, duration convention, data sources with item counts', () => {
    const p1 = flat(pages[0]!);
    expect(p1).toMatch(loose('Idea to production'));
    expect(p1).toMatch(loose('Falcon team lead'));
    expect(p1).toMatch(loose(`items done from ${formatDate(metrics.window.from)} to ${formatDate(metrics.window.to)}`));
    expect(p1).toMatch(loose('none: all items'));
    expect(p1).toMatch(loose('elapsed time, 24 h a day, UTC'));
    expect(p1).toMatch(loose(`demo: ${formatNumber(metrics.items.total)} items`));
  });

  it('prints the estimate and measured ladders with the totals of vsm metrics --json, and says how they differ from the headline figures', () => {
    const all = pages.join('\n');
    const { estimate, measured } = (metrics as FlowMetrics & { ladder: { estimate: Ladder | null; measured: Ladder | null } }).ladder;
    expect(estimate && measured).toBeTruthy();
    const cells = (f: (l: Ladder) => string) => [estimate!, measured!].map((l) => loose(f(l)).source).join('\\s+');
    expect(all).toMatch(new RegExp(`Total lead time\\s.*?${cells((l) => formatHours(l.totalLeadTimeHours))}`));
    expect(all).toMatch(new RegExp(`Total process time\\s.*?${cells((l) => formatHours(l.totalProcessTimeHours))}`));
    expect(all).toMatch(new RegExp(`Total wait\\s.*?${cells((l) => formatHours(l.totalWaitHours))}`));
    expect(all).toMatch(new RegExp(`Activity ratio\\s.*?${cells((l) => formatPercent(l.activityRatio))}`));
    expect(all).toMatch(new RegExp(`Rolled %C&A\\s.*?${cells((l) => formatPercent(l.rolledPercentCompleteAccurate))}`));
    const text = flat(all);
    expect(text).toMatch(/Timeline ladder/);
    expect(text).toMatch(loose(`is not the headline lead time (p50 ${formatHours(metrics.leadTimeHours.p50)})`));
    expect(text).toMatch(loose(`is not the pooled flow efficiency (${formatPercent(metrics.flowEfficiency)})`));
  });

  it('prints the binding: every step with its active and wait statuses, and the done statuses', () => {
    const text = flat(pages.join('\n'));
    expect(text).toMatch(/Binding: what each step measures/);
    expect(text).toMatch(/Manual QA In QA Ready for QA/);
    expect(text).toMatch(/Done Done/);
  });

  it('names the items that waited longest at the bottleneck and those there now', () => {
    const text = pages.join('\n');
    expect(text).toMatch(/Behind the bottleneck: Manual QA/);
    expect(flat(text)).toMatch(/2,757 completed items passed through Manual QA/);
    expect(text).toMatch(/In Manual QA now: \d+ items/);
    expect(text).toMatch(/FAL-1734\s+Log statements\s+Story\s+69\.7 d/);
  });

  it('draws the charts as vector text (axis titles and percentile labels are text) and prints the forecast', () => {
    const text = flat(pages.join('\n'));
    for (const t of [
      'Cumulative flow',
      'Weekly throughput',
      'Cycle time',
      'Aging work in progress',
      'Monte Carlo forecast',
      'Items done',
      'Age since start (days)',
    ])
      expect(text).toMatch(loose(t));
    expect(text).toMatch(/p85 [\d.]+ d/);
    expect(text).toMatch(/When will today's \d+ items in progress be done\?/);
  });

  it('lists the kaizen actions with their owners', () => {
    expect(flat(pages.join('\n'))).toMatch(/Automate the regression suite Manual QA QA \+ Developers/);
  });

  it('renders its pages to PNG for review', async () => {
    expect(await savePages(pdf, 'report-page')).toBe(pages.length);
  });
});

describe('vsm report --paper letter --type Bug (a filtered report)', () => {
  let pdf: string;
  let metrics: FlowMetrics;
  let pages: string[];
  beforeAll(async () => {
    pdf = path.join(dir, 'bugs.pdf');
    const [, m] = await Promise.all([
      vsm(['report', '--demo', '--paper', 'letter', '--type', 'Bug', '--out', pdf]),
      vsm(['metrics', '--demo', '--type', 'Bug', '--json']),
    ]);
    metrics = JSON.parse(m) as FlowMetrics;
    pages = await pdfPages(pdf);
  }, 240_000);

  it('is Letter landscape and says it is filtered on every page', async () => {
    const { stdout } = await run('pdfinfo', [pdf]);
    const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(stdout) ?? []).slice(1).map(Number);
    expect(Math.abs(w! - 792)).toBeLessThan(2);
    expect(Math.abs(h! - 612)).toBeLessThan(2);
    checkFooters(pages, 'demo.vsm', metrics, 'type Bug');
    expect(flat(pages[0]!)).toMatch(loose('Filtered: type Bug only. Every figure in this report counts only'));
  });

  it('prints the Bug-only figures of `vsm metrics --type Bug --json`', () => {
    checkFigures(pages.join('\n'), metrics);
  });
});

describe('vsm report of an imported Jira export (DevLake fixture) with markup in titles and the workspace name', () => {
  const HOSTILE = '<img src=x onerror=alert(1)>';
  let pdf: string;
  let metrics: FlowMetrics;
  let pages: string[];
  let workspace: string;
  beforeAll(async () => {
    // Real Jira Cloud issues (board 8 of apache/incubator-devlake), each title prefixed with markup.
    const issues = jiraBoard8Issues().map((i) => ({
      ...i,
      fields: { ...(i.fields as object), summary: `${HOSTILE} ${(i.fields as { summary: string }).summary}` },
    }));
    const file = path.join(dir, 'ee-issues.json');
    fs.writeFileSync(file, JSON.stringify({ issues }));
    const mapFile = path.join(dir, 'ee-map.json');
    fs.writeFileSync(
      mapFile,
      JSON.stringify({
        format: 'vsm-map',
        version: 1,
        name: 'EE board',
        owner: 'DevLake EE team',
        doneStatuses: ['Resolved', 'Closed', '已完成'],
        steps: [
          { id: 'ready', name: 'Ready', activeStatuses: [], waitStatuses: ['To Do', 'Ready for Dev', 'Open'] },
          { id: 'dev', name: 'Development', activeStatuses: ['In Development', 'In Progress'], waitStatuses: [] },
        ],
        flows: [{ from: 'ready', to: 'dev', kind: 'push' }],
      }),
    );
    workspace = path.join(dir, `${HOSTILE}.vsm`);
    await vsm(['import', 'jira', file, '--workspace', workspace]);
    await vsm(['map', 'import', mapFile, '--workspace', workspace]);
    pdf = path.join(dir, 'ee.pdf');
    const asOf = '2022-01-01T00:00:00Z';
    const [, m] = await Promise.all([
      vsm(['report', '--workspace', workspace, '--as-of', asOf, '--out', pdf]),
      vsm(['metrics', '--workspace', workspace, '--as-of', asOf, '--json']),
    ]);
    metrics = JSON.parse(m) as FlowMetrics;
    pages = await pdfPages(pdf);
  }, 240_000);

  it('prints its figures as the core computes them, with the Jira source and its item count', () => {
    expect(metrics.items.done).toBeGreaterThan(0);
    checkFigures(pages.join('\n'), metrics);
    expect(flat(pages[0]!)).toMatch(loose(`jira: ${formatNumber(metrics.items.total)} items (last import ee-issues.json`));
  });

  it('prints its waste findings as `vsm waste --json` has them, each with its items, titles and figures', async () => {
    const asOf = '2022-01-01T00:00:00Z';
    const waste = JSON.parse(await vsm(['waste', '--workspace', workspace, '--as-of', asOf, '--json'])) as WasteAnalysis;
    const core = createCore({ workspacePath: workspace, db: openWorkspace(workspace) });
    try {
      const model = await core.call('reportModel', { asOf });
      expect(model.waste).toEqual(waste);
      checkFindings(await readingOrder(pdf), pages.join('\n'), waste, model);
    } finally {
      core.close();
    }
  });

  it('prints the markup in titles and in the footer as those characters', () => {
    checkFooters(pages, `${HOSTILE}.vsm`, metrics, null);
    const behind = flat(pages.join('\n'));
    expect(behind).toMatch(/Behind the bottleneck/);
    expect(behind).toMatch(loose(`${HOSTILE} `));
  });

  it('renders its pages to PNG for review', async () => {
    expect(await savePages(pdf, 'report-fixture-page')).toBe(pages.length);
  });
});

describe('vsm report of a map with a baseline and a future state', () => {
  let pdf: string;
  let comparison: StateComparison;
  let pages: string[];
  beforeAll(async () => {
    const ws = path.join(dir, 'future.vsm');
    const current = 'Idea to production';
    const futureName = `${current} — future state`;
    await vsm(['demo', '--out', ws]);
    await vsm(['baseline', 'create', '--workspace', ws, '--map', current, '--name', 'Before kaizen week', '--as-of', '2026-08-01']);
    await vsm(['future', 'create', '--workspace', ws, '--map', current]);
    // The room's target: Manual QA and the change board wait less.
    const mapFile = path.join(dir, 'future-map.json');
    await vsm(['map', 'export', futureName, '--workspace', ws, '--out', mapFile]);
    const doc = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { steps: Array<{ id: string; estimate?: { leadTimeHours?: number } }> };
    for (const st of doc.steps) if ((st.id === 'qa' || st.id === 'approval') && st.estimate?.leadTimeHours) st.estimate.leadTimeHours *= 0.4;
    fs.writeFileSync(mapFile, JSON.stringify(doc));
    await vsm(['map', 'import', mapFile, '--workspace', ws]);
    pdf = path.join(dir, 'future.pdf');
    const [, c] = await Promise.all([
      vsm(['report', '--workspace', ws, '--map', current, '--out', pdf]),
      vsm(['compare', '--workspace', ws, '--map', current, '--json']),
    ]);
    comparison = JSON.parse(c) as StateComparison;
    pages = await pdfPages(pdf);
  }, 240_000);

  it('prints the baseline, current and future ladders and the baseline / target / gain table of `vsm compare --json`', () => {
    expect(comparison.future && comparison.baseline).toBeTruthy();
    const sheet = pages.find((p) => /Current vs future state/.test(p));
    expect(sheet, 'a future-state page').toBeDefined();
    const text = flat(sheet!);
    expect(text).toMatch(loose(`Baseline “Before kaizen week” (measured then)`));
    expect(text).toMatch(loose('Current state, measured now'));
    expect(text).toMatch(loose(`Future state “${comparison.future!.name}” (target estimate)`));
    for (const r of comparison.rows) {
      expect(sheet, r.label).toMatch(new RegExp([r.label, value(r, r.reference), value(r, r.target), gain(r)].map((c) => loose(c).source).join('\\s+')));
    }
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toMatch(new RegExp(`(^|\\s)${loose(`${i + 1} / ${pages.length}`).source}\\s*$`, 'm'));
      expect(flat(p), `page ${i + 1}`).toMatch(loose('future.vsm · Idea to production · as of'));
    });
  });
});

describe('vsm report without a browser', () => {
  it('says which browser it needs and how to name one', async () => {
    const err = await vsm(['report', '--demo', '--browser', path.join(dir, 'no-such-chrome'), '--out', path.join(dir, 'x.pdf')]).then(
      () => null,
      (e: { stderr: string; code: number }) => e,
    );
    expect(err?.code).not.toBe(0);
    expect(err?.stderr).toMatch(/--browser .*no-such-chrome: no such file; give the path of a Chrome or Chromium executable/);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});
