// Migration 003 (map revisions) and what it is for: a save based on an old revision is refused, in the
// core, over the contract and from the CLI, and nothing is written.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import { createCore } from '../../shared/core/create-core.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { listBackups } from '../../shared/store/backups.ts';
import { up as m001 } from '../../shared/store/migrations/001-initial.ts';
import { up as m002 } from '../../shared/store/migrations/002-imports.ts';
import { SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { getMap } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-migration-003-');
afterAll(() => tmp.cleanup());

const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'Stream',
  doneStatuses: ['Done'],
  steps: [
    { id: 'a', name: 'Analyse', activeStatuses: ['Analysing'], waitStatuses: [] },
    { id: 'b', name: 'Build', activeStatuses: ['Building'], waitStatuses: [], position: { x: 0, y: 0 } },
  ],
  flows: [{ from: 'a', to: 'b', kind: 'push' as const }],
};

async function vsm(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('migration 003 (map revisions)', () => {
  it('upgrades a v2 workspace in place: maps kept at revision 1, a backup taken first', () => {
    const file = tmp.file('v2.vsm');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    m001(raw);
    m002(raw);
    raw.pragma('user_version = 2');
    raw.prepare("INSERT INTO maps (name, doc, done_statuses, created_at, updated_at) VALUES ('Old', '{}', '[\"Done\"]', 1000, 2000)").run();
    raw.prepare("INSERT INTO steps (map_id, step_id, ord, name, active_statuses, wait_statuses, doc) VALUES (1, 's', 0, 'S', '[\"Doing\"]', '[]', '{}')").run();
    raw.close();

    const db = openWorkspace(file);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const old = getMap(db, { name: 'Old' });
    expect(old).toMatchObject({ id: 1, name: 'Old', revision: 1, updatedAt: 2000 });
    expect(old.steps.map((s) => s.name)).toEqual(['S']);
    expect(() => db.prepare('UPDATE maps SET revision = 0').run()).toThrow(/CHECK/);
    db.close();
    const backups = listBackups(file);
    expect(backups).toHaveLength(1);
    expect(backups[0]!.file).toMatch(/before-migration-2-to-\d+\.vsm$/);
  });

  it('counts every save; a save based on an old revision is a conflict and writes nothing', async () => {
    const file = tmp.file('core.vsm');
    let now = Date.UTC(2026, 5, 1);
    const core = createCore({ workspacePath: file, db: openWorkspace(file, { create: true }), clock: { now: () => now } });
    try {
      const first = await core.saveMap({ map: MAP });
      expect(first).toEqual({ id: first.id, revision: 1, replaced: null });
      const opened = (await core.getMap({}))!;
      expect(opened.revision).toBe(1);
      // Window A renames a step, based on revision 1.
      now += 60_000;
      const renamed = await core.saveMap({
        map: { ...MAP, steps: [{ ...MAP.steps[0]!, name: 'Analyse & triage' }, MAP.steps[1]!] },
        mapId: first.id,
        baseRevision: 1,
      });
      expect(renamed).toEqual({ id: first.id, revision: 2, replaced: { revision: 1, steps: 2, updatedAt: Date.UTC(2026, 5, 1) } });
      // Window B, still on revision 1, moves a node: refused, through the validating entry point too.
      const moved = { ...MAP, steps: [MAP.steps[0]!, { ...MAP.steps[1]!, position: { x: 400, y: 80 } }] };
      const err = (await core.call('saveMap', { map: moved, mapId: first.id, baseRevision: 1 }).catch((e: unknown) => e)) as FlowmapError;
      expect(err).toBeInstanceOf(FlowmapError);
      expect(err.code).toBe('conflict');
      expect(err.message).toContain('map "Stream" was changed elsewhere');
      expect(err.message).toContain('it is at revision 2, the edit was based on revision 1');
      expect(err.message).toContain('Nothing was saved: reload the map and make the change again.');
      const stored = (await core.getMap({ mapId: first.id }))!;
      expect(stored.revision).toBe(2);
      expect(stored.steps[0]!.name).toBe('Analyse & triage');
      expect(stored.steps[1]!.position).toEqual({ x: 0, y: 0 });
      // Based on the current revision it is saved.
      expect((await core.saveMap({ map: moved, mapId: first.id, baseRevision: 2 })).revision).toBe(3);
      // The same rule by name (no mapId), and listMaps states the revision.
      await expect(core.saveMap({ map: MAP, baseRevision: 2 })).rejects.toMatchObject({ code: 'conflict' });
      expect((await core.listMaps({})).map((m) => [m.name, m.revision])).toEqual([['Stream', 3]]);
    } finally {
      core.close();
    }
  });

  it('vsm map import says what it replaces, and --if-revision refuses a stale import', async () => {
    const ws = tmp.file('cli.vsm');
    const file = tmp.file('stream.json');
    fs.writeFileSync(file, JSON.stringify(MAP));
    const first = await vsm('map', 'import', file, '--workspace', ws);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^imported map "Stream" \(2 steps, id \d+, revision 1\)\n$/);
    fs.writeFileSync(file, JSON.stringify({ ...MAP, steps: [MAP.steps[0]], flows: [] }));
    const second = await vsm('map', 'import', file, '--workspace', ws);
    expect(second.out).toMatch(
      /^replaced map "Stream" \(revision 1, 2 steps, last saved \d{4}-\d\d-\d\dT[\d:.]+Z\) with .*stream\.json \(1 steps, id \d+, revision 2\)\n$/,
    );
    const stale = await vsm('map', 'import', file, '--workspace', ws, '--if-revision', '1');
    expect(stale.code).toBe(2);
    expect(stale.err).toContain('it is at revision 2, the edit was based on revision 1');
    const fresh = await vsm('map', 'import', file, '--workspace', ws, '--if-revision', '2');
    expect(fresh.code).toBe(0);
    expect(fresh.out).toContain('revision 3)');
    const list = await vsm('map', 'list', '--workspace', ws);
    expect(list.out).toContain('Stream\t1 steps\trevision 3\t');
  });
});
