// Machine-readable output carries the core's numbers unrounded; every date flag goes through one parser;
// `vsm items` and `vsm metrics` pick the same map without --map.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { generateGitRepo } from '../../bench/generate-git.ts';
import { main } from '../../shared/cli/main.ts';
import { parseDateFlag } from '../../shared/cli/date-flag.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { computeDora } from '../../shared/metrics/dora.ts';
import { importGitRepository } from '../../shared/importers/git.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-cli-json-');
afterAll(() => tmp.cleanup());

async function vsm(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** True when x has more decimals than `digits` (so rounding to `digits` would change it). */
const finerThan = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits !== x;

describe('vsm dora', () => {
  const ws = tmp.file('dora.vsm');
  beforeAll(async () => {
    generateGitRepo(tmp.file('repo'), { commits: 400, tagEvery: 7, startMs: Date.UTC(2025, 11, 31, 22) });
    const db = openWorkspace(ws, { create: true });
    await importGitRepository(db, tmp.file('repo'));
    db.close();
  }, 60_000);

  it('--json prints the core figures unrounded; the human output rounds', async () => {
    const r = await vsm('dora', '--workspace', ws, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const db = openWorkspace(ws);
    const core = computeDora(db);
    db.close();
    expect(json).toEqual(JSON.parse(JSON.stringify(core)));
    // Deployments per week from the window itself: releases over its length in weeks, to the last bit.
    expect(json.deploymentsPerWeek).toBe(json.releases / ((Date.parse(json.to) - Date.parse(json.from)) / (7 * 86_400_000)));
    expect(finerThan(json.deploymentsPerWeek, 3)).toBe(true);
    expect(json.changeFailureRate).toBe(json.failedReleases / json.releases);
    const human = await vsm('dora', '--workspace', ws);
    expect(human.out).toContain(`(${json.deploymentsPerWeek.toFixed(2)} per week)`);
    expect(human.out).not.toContain(String(json.deploymentsPerWeek));
  });

  it('accepts a date-only --from (the start of that day in --tz, UTC without it) like vsm metrics', async () => {
    const day = await vsm('dora', '--workspace', ws, '--from', '2026-01-01', '--json');
    expect(day.err).toBe('');
    expect(day.code).toBe(0);
    expect(JSON.parse(day.out).from).toBe('2026-01-01T00:00:00.000Z');
    const explicit = await vsm('dora', '--workspace', ws, '--from', '2026-01-01T00:00:00Z', '--json');
    expect(JSON.parse(explicit.out)).toEqual(JSON.parse(day.out));
    const berlin = await vsm('dora', '--workspace', ws, '--from', '2026-01-01', '--tz', 'Europe/Berlin', '--json');
    expect(JSON.parse(berlin.out).from).toBe('2025-12-31T23:00:00.000Z');
    // The repository starts 31 Dec 22:00Z: Berlin's 1 Jan takes the releases of 31 Dec 23:00Z–24:00Z too.
    expect(JSON.parse(berlin.out).releases).toBeGreaterThanOrEqual(JSON.parse(day.out).releases);
    const noZone = await vsm('dora', '--workspace', ws, '--from', '2026-01-01T09:00', '--json');
    expect(noZone.code).toBe(2);
    expect(noZone.err).toContain('--from "2026-01-01T09:00": a date-time without an offset needs a time zone');
  });
});

describe('one date parser', () => {
  it('reads instants, dates in a zone and wall-clock times in a zone, and refuses the rest', () => {
    expect(parseDateFlag('to', '2026-07-01T10:00:00+02:00')).toBe('2026-07-01T08:00:00.000Z');
    expect(parseDateFlag('to', '2026-07-01')).toBe('2026-07-01T00:00:00.000Z');
    expect(parseDateFlag('to', '2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
    // Santiago's 6 Sep 2026 has no midnight: the day starts at 01:00 local (04:00Z).
    expect(parseDateFlag('to', '2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(parseDateFlag('as-of', '2026-07-01 09:30', 'Asia/Kolkata')).toBe('2026-07-01T04:00:00.000Z');
    expect(parseDateFlag('as-of', undefined)).toBeUndefined();
    expect(() => parseDateFlag('from', '2026-02-30')).toThrow('--from "2026-02-30": not a valid date');
    expect(() => parseDateFlag('from', '1 Jul 2026')).toThrow(/--from "1 Jul 2026": not an instant; expected an instant with an offset/);
    expect(() => parseDateFlag('from', '2026-07-01', 'Mars/Olympus')).toThrow(/--tz: unknown time zone "Mars\/Olympus"/);
  });
});

describe('vsm metrics and vsm items on the demo', () => {
  const ws = tmp.file('demo.vsm');
  let core: Core;
  beforeAll(() => {
    core = createCore({ workspacePath: ws, db: createDemoWorkspace(ws) });
  });
  afterAll(() => core.close());

  it('--json equals the core figures exactly (metrics, series, forecast)', async () => {
    const map = (await core.getMap({}))!;
    const m = await vsm('metrics', '--workspace', ws, '--json');
    expect(JSON.parse(m.out)).toEqual(await core.flowMetrics({ mapId: map.id }));
    const s = await vsm('metrics', '--workspace', ws, '--series', '--from', '2026-06-01', '--json');
    const sq = { mapId: map.id, from: '2026-06-01T00:00:00Z' };
    expect(JSON.parse(s.out)).toEqual({ ...(await core.flowSeries(sq)), charts: await core.flowCharts(sq) });
    const f = await vsm('metrics', '--workspace', ws, '--forecast-items', '20', '--seed', '3', '--json');
    expect(JSON.parse(f.out)).toEqual(await core.forecast({ mapId: map.id, items: 20, seed: 3 }));
    const figures = JSON.parse(m.out);
    expect(finerThan(figures.flowEfficiency, 4)).toBe(true);
  });

  it('--csv and --json of vsm items carry every number unrounded, and pick the same map as vsm metrics', async () => {
    const csv = await vsm('items', '--workspace', ws, '--csv');
    const json = await vsm('items', '--workspace', ws, '--json');
    const table = JSON.parse(json.out);
    const latest = (await core.getMap({}))!;
    expect(table.map).toBe(latest.name);
    expect(table.steps.length).toBe(latest.steps.length);
    expect(table).toEqual(await core.metricItems({ mapId: latest.id }));
    const done = table.items.filter((i: { done: string | null }) => i.done !== null);
    expect(done.length).toBeGreaterThan(100);
    const rows = Papa.parse<Record<string, string>>(csv.out.trim(), { header: true }).data;
    expect(rows).toHaveLength(table.items.length);
    let fine = 0;
    rows.forEach((row, i) => {
      const item = table.items[i];
      expect(row.key).toBe(item.key);
      expect(row.lead_time_hours === '' ? null : Number(row.lead_time_hours)).toBe(item.leadTimeHours);
      if (item.leadTimeHours !== null && finerThan(item.leadTimeHours, 3)) fine++;
    });
    expect(fine).toBeGreaterThan(0);
  });
});
