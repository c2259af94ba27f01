// Current, future and measured-after (issue 8): a future state copied from a map and linked to it, a
// baseline that freezes the measured figures, and the gain table, on a hand-computed two-step stream.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../shared/store/migrations/index.ts';
import { up as m006 } from '../../shared/store/migrations/006-future-states.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-future-');
afterAll(() => tmp.cleanup());

const H = 3_600_000;
const t0 = Date.UTC(2026, 2, 2, 0, 0, 0);
const at = (h: number) => t0 + h * H;
const iso = (h: number) => new Date(at(h)).toISOString();

const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'Delivery',
  doneStatuses: ['Done'],
  steps: [
    {
      id: 'dev',
      name: 'Develop',
      waitStatuses: ['Ready'],
      activeStatuses: ['In Dev'],
      estimate: { processTimeHours: 10, leadTimeHours: 50, percentCompleteAccurate: 0.9 },
    },
    {
      id: 'test',
      name: 'Test',
      waitStatuses: ['Ready for Test'],
      activeStatuses: ['Testing'],
      estimate: { processTimeHours: 5, leadTimeHours: 30, percentCompleteAccurate: 0.8 },
    },
  ],
  flows: [{ from: 'dev', to: 'test', kind: 'push' as const }],
};

// A: dev wait 10 h, active 10 h; test wait 20 h, active 4 h: lead 44 h on the ladder, process 14 h.
// B (after the baseline): dev wait 2 h, active 10 h; test wait 2 h, active 4 h: lead 18 h, process 14 h.
const walk = (key: string, start: number, steps: number[]) => {
  const names = ['Ready', 'In Dev', 'Ready for Test', 'Testing', 'Done'];
  let h = start;
  const changes = names.map((to, i) => {
    if (i > 0) h += steps[i - 1]!;
    return { at: at(h), from: i === 0 ? null : names[i - 1]!, to };
  });
  return { key, createdAt: at(start), changes };
};
const A = walk('A-1', 0, [10, 10, 20, 4]);
const B = walk('B-1', 60, [2, 10, 2, 4]);

describe('future states and baselines', () => {
  const { core, mapId } = metricsWorkspace(tmp.file('states.vsm'), MAP, [A, B]);

  it('copies a map as its future state, linked to it, under a free name', async () => {
    const f = await core.call('createFutureState', { mapId });
    expect(f).toMatchObject({ name: 'Delivery — future state', currentMapId: mapId });
    const again = await core.call('createFutureState', { mapId });
    expect(again.name).toBe('Delivery — future state (2)');
    await expect(core.call('createFutureState', { mapId: f.id })).rejects.toThrow(/is itself a future state/);
    const copy = await core.call('getMap', { mapId: f.id });
    expect(copy!.steps.map((s) => s.estimate)).toEqual(MAP.steps.map((s) => s.estimate));
    // The target: a faster future state (dev 10 of 20 h, test 5 of 10 h).
    await core.call('saveMap', {
      map: {
        ...MAP,
        name: 'Delivery — future state (2)',
        steps: [
          { ...MAP.steps[0]!, estimate: { processTimeHours: 10, leadTimeHours: 20 } },
          { ...MAP.steps[1]!, estimate: { processTimeHours: 5, leadTimeHours: 10 } },
        ],
      },
    });
  });

  it('refuses a baseline with nothing measured, then freezes the measured figures', async () => {
    await expect(core.call('saveBaseline', { mapId, name: 'empty', asOf: iso(30) })).rejects.toThrow(/no item was completed/);
    const b = await core.call('saveBaseline', { mapId, name: 'before kaizen', asOf: iso(50) });
    expect(b.name).toBe('before kaizen');
    await expect(core.call('saveBaseline', { mapId, name: 'before kaizen', asOf: iso(50) })).rejects.toThrow(/already has a baseline named "before kaizen"/);
    const list = await core.call('listBaselines', { mapId });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'before kaizen', asOf: iso(50) });
  });

  it("compares the baseline, the future target and today's measurement exactly", async () => {
    const futures = (await core.call('listMaps', {})).filter((m) => m.name.startsWith('Delivery — future state'));
    const target = futures.find((m) => m.name.endsWith('(2)'))!;
    const c = await core.call('compareStates', { mapId, futureMapId: target.id, asOf: iso(100), from: iso(50) });
    expect(c.reference).toBe('baseline');
    expect(c.baseline!.ladder.measured!.totalLeadTimeHours).toBe(44);
    expect(c.current.ladder.estimate!.totalLeadTimeHours).toBe(80);
    expect(c.current.ladder.estimate!.activityRatio).toBe(15 / 80);
    const row = (f: string) => c.rows.find((r) => r.figure === f)!;
    expect(row('totalLeadTimeHours')).toMatchObject({ reference: 44, target: 30, gain: -14, relativeGain: -14 / 44, now: 18, achieved: (18 - 44) / -14 });
    expect(row('totalProcessTimeHours')).toMatchObject({ reference: 14, target: 15, gain: 1, now: 14 });
    expect(row('activityRatio')).toMatchObject({ reference: 14 / 44, target: 0.5, now: 14 / 18 });
    // Naming the future state's own id finds its current state.
    const fromFuture = await core.call('compareStates', { mapId: target.id, asOf: iso(100), from: iso(50) });
    expect(fromFuture.current.mapId).toBe(mapId);
    expect(fromFuture.future!.mapId).toBe(target.id);
  });

  it("without a baseline the reference is today's measurement, and without data the estimate", async () => {
    const { core: c2, mapId: m2 } = metricsWorkspace(tmp.file('estimates.vsm'), MAP, []);
    const f = await c2.call('createFutureState', { mapId: m2 });
    const c = await c2.call('compareStates', { mapId: m2, futureMapId: f.id });
    expect(c.reference).toBe('current-estimate');
    expect(c.baseline).toBeNull();
    const lead = c.rows.find((r) => r.figure === 'totalLeadTimeHours')!;
    expect(lead).toMatchObject({ reference: 80, target: 80, gain: 0, now: null, achieved: null });
    c2.close();
  });

  it('deleting the current map keeps the future state, unlinked', async () => {
    const { core: c3, mapId: m3 } = metricsWorkspace(tmp.file('unlink.vsm'), MAP, [A]);
    const f = await c3.call('createFutureState', { mapId: m3 });
    c3.db.prepare('DELETE FROM maps WHERE id = ?').run(m3);
    expect(c3.db.prepare('SELECT current_map_id FROM map_states WHERE map_id = ?').pluck().get(f.id)).toBeNull();
    c3.close();
  });
});

describe('migration 006 (future states and baselines)', () => {
  it('adds its tables to a workspace of the version before, keeping its maps', () => {
    const file = tmp.file('before-006.vsm');
    const raw = new Database(file);
    const index = MIGRATIONS.indexOf(m006);
    expect(index).toBeGreaterThan(0);
    for (const m of MIGRATIONS.slice(0, index)) m(raw);
    raw.pragma(`user_version = ${index}`);
    raw.prepare("INSERT INTO maps (name, doc, done_statuses, created_at, updated_at) VALUES ('Old', '{}', '[\"Done\"]', 1, 1)").run();
    raw.close();
    const db = openWorkspace(file);
    expect(db.prepare('SELECT name FROM maps').pluck().all()).toEqual(['Old']);
    const cols = (t: string) =>
      db
        .prepare(`PRAGMA table_info(${t})`)
        .all()
        .map((c) => (c as { name: string }).name);
    expect(cols('map_states')).toEqual(['map_id', 'current_map_id', 'kind', 'created_at']);
    expect(cols('baselines')).toEqual(['id', 'map_id', 'name', 'taken_at', 'query', 'figures']);
    expect(() => db.prepare("INSERT INTO map_states (map_id, kind, created_at) VALUES (1, 'past', 1)").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('vsm future / baseline / compare', () => {
  const run = promisify(execFile);
  const vsm = path.resolve('bin/vsm.mjs');
  it('prints the gain table, and --json carries the same unrounded figures', { timeout: 180_000 }, async () => {
    const file = tmp.file('cli.vsm');
    const { core: c4 } = metricsWorkspace(file, MAP, [A, B]);
    c4.close();
    await run(process.execPath, [vsm, 'future', 'create', '--workspace', file, '--map', 'Delivery']);
    await run(process.execPath, [vsm, 'baseline', 'create', '--workspace', file, '--map', 'Delivery', '--name', 'before', '--as-of', iso(50)]);
    const human = (await run(process.execPath, [vsm, 'compare', '--workspace', file, '--map', 'Delivery', '--as-of', iso(100), '--from', iso(50)])).stdout;
    expect(human).toMatch(/Baseline: "before"/);
    expect(human).toMatch(/Lead time \(main path\)\s+44\.0 h\s+80\.0 h\s+\+36\.0 h\s+81\.8 %\s+18\.0 h/);
    const json = JSON.parse(
      (await run(process.execPath, [vsm, 'compare', '--workspace', file, '--map', 'Delivery', '--as-of', iso(100), '--from', iso(50), '--json'])).stdout,
    );
    expect(json.rows.find((r: { figure: string }) => r.figure === 'activityRatio').reference).toBe(14 / 44);
  });
});
