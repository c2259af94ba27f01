// Maps in the workspace: saved whole, read back as the same vsm-map document. Node only.
import { FlowmapError } from '../domain/errors.ts';
import { formatIssues, MapDocSchema, type MapDoc, type MapStep } from '../domain/map.ts';
import type { Db } from './open-workspace.ts';

export interface MapSummary {
  id: number;
  name: string;
  steps: number;
  updatedAt: number;
  revision: number;
}

interface MapRow {
  id: number;
  name: string;
  doc: string;
  done_statuses: string;
  updated_at: number;
  revision: number;
}
interface StepRow {
  step_id: string;
  name: string;
  active_statuses: string;
  wait_statuses: string;
  doc: string;
}
interface FlowRow {
  doc: string;
}

export function parseMapDoc(input: unknown, source = 'map'): MapDoc {
  const parsed = MapDocSchema.safeParse(input);
  if (!parsed.success) throw new FlowmapError('invalid-input', `${source} is not a valid vsm-map:\n${formatIssues(parsed.error, '  ')}`);
  return parsed.data;
}

/**
 * Inserts or replaces the map with the same name; returns its id. With `mapId`, replaces that map instead,
 * under the document's name (a rename), refused when another map already has the name. `now` comes from
 * the core's clock.
 */
export function saveMap(db: Db, map: MapDoc, now: number, mapId?: number): number {
  return saveMapRevision(db, map, now, { mapId }).id;
}

export interface SavedMap {
  id: number;
  revision: number;
  /** What the save replaced (null for a new map): its revision, step count and last save. */
  replaced: { revision: number; steps: number; updatedAt: number } | null;
}

/**
 * Like saveMap, and with `baseRevision` (the revision the edit started from) refused with a 'conflict' when
 * the stored map has moved on since: nothing is written, and the message says what to do.
 */
export function saveMapRevision(db: Db, map: MapDoc, now: number, opts: { mapId?: number; baseRevision?: number } = {}): SavedMap {
  const { mapId, baseRevision } = opts;
  const { steps, flows, doneStatuses, name, format: _f, version: _v, ...rest } = map;
  return db
    .transaction(() => {
      const byName = db.prepare('SELECT id FROM maps WHERE name = ?').get(name) as { id: number } | undefined;
      if (mapId !== undefined) {
        if (!db.prepare('SELECT 1 FROM maps WHERE id = ?').get(mapId))
          throw new FlowmapError('not-found', `no map #${mapId} in this workspace (deleted in another window?)`);
        if (byName && byName.id !== mapId)
          throw new FlowmapError('invalid-input', `another map of this workspace is already called "${name}"; choose another name`);
      }
      const existingId = mapId ?? byName?.id;
      const existing =
        existingId === undefined
          ? undefined
          : (db
              .prepare(
                'SELECT id, name, revision, updated_at AS updatedAt, (SELECT count(*) FROM steps s WHERE s.map_id = maps.id) AS steps FROM maps WHERE id = ?',
              )
              .get(existingId) as { id: number; name: string; revision: number; updatedAt: number; steps: number });
      if (existing && baseRevision !== undefined && existing.revision !== baseRevision) {
        throw new FlowmapError(
          'conflict',
          `map "${existing.name}" was changed elsewhere (another window, tab or \`vsm\` command) since this edit began: it is at revision ${existing.revision}, ` +
            `the edit was based on revision ${baseRevision}, saved ${new Date(existing.updatedAt).toISOString()}. Nothing was saved: reload the map and make the change again.`,
        );
      }
      let id: number;
      let revision = 1;
      if (existing) {
        id = existing.id;
        revision = existing.revision + 1;
        db.prepare('UPDATE maps SET name = ?, doc = ?, done_statuses = ?, updated_at = ?, revision = ? WHERE id = ?').run(
          name,
          JSON.stringify(rest),
          JSON.stringify(doneStatuses),
          now,
          revision,
          id,
        );
        db.prepare('DELETE FROM flows WHERE map_id = ?').run(id);
        db.prepare('DELETE FROM steps WHERE map_id = ?').run(id);
      } else {
        id = Number(
          db
            .prepare('INSERT INTO maps (name, doc, done_statuses, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
            .run(name, JSON.stringify(rest), JSON.stringify(doneStatuses), now, now).lastInsertRowid,
        );
      }
      const insStep = db.prepare('INSERT INTO steps (map_id, step_id, ord, name, active_statuses, wait_statuses, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
      steps.forEach((s: MapStep, i) => {
        const { id: stepId, name: stepName, activeStatuses, waitStatuses, ...extra } = s;
        insStep.run(id, stepId, i, stepName, JSON.stringify(activeStatuses), JSON.stringify(waitStatuses), JSON.stringify(extra));
      });
      const insFlow = db.prepare('INSERT INTO flows (map_id, ord, from_step, to_step, kind, doc) VALUES (?, ?, ?, ?, ?, ?)');
      flows.forEach((f, i) => insFlow.run(id, i, f.from, f.to, f.kind, JSON.stringify(f)));
      return { id, revision, replaced: existing ? { revision: existing.revision, steps: existing.steps, updatedAt: existing.updatedAt } : null };
    })
    .immediate();
}

export function listMaps(db: Db): MapSummary[] {
  return db
    .prepare(
      `SELECT m.id, m.name, m.updated_at AS updatedAt, m.revision, (SELECT count(*) FROM steps s WHERE s.map_id = m.id) AS steps
       FROM maps m ORDER BY m.updated_at DESC, m.id DESC`,
    )
    .all() as MapSummary[];
}

export function getMap(db: Db, ref: { id: number } | { name: string }): MapDoc & { id: number; updatedAt: number; revision: number } {
  const row = ('id' in ref ? db.prepare('SELECT * FROM maps WHERE id = ?').get(ref.id) : db.prepare('SELECT * FROM maps WHERE name = ?').get(ref.name)) as
    MapRow | undefined;
  if (!row) throw new FlowmapError('not-found', `no map ${'id' in ref ? `#${ref.id}` : `named "${ref.name}"`} in this workspace`);
  const steps = (db.prepare('SELECT * FROM steps WHERE map_id = ? ORDER BY ord').all(row.id) as StepRow[]).map((s) => ({
    id: s.step_id,
    name: s.name,
    activeStatuses: JSON.parse(s.active_statuses) as string[],
    waitStatuses: JSON.parse(s.wait_statuses) as string[],
    ...(JSON.parse(s.doc) as object),
  }));
  const flows = (db.prepare('SELECT doc FROM flows WHERE map_id = ? ORDER BY ord').all(row.id) as FlowRow[]).map((f) => JSON.parse(f.doc));
  const doc = parseMapDoc(
    { format: 'vsm-map', version: 1, name: row.name, doneStatuses: JSON.parse(row.done_statuses), ...JSON.parse(row.doc), steps, flows },
    `stored map "${row.name}"`,
  );
  return { ...doc, id: row.id, updatedAt: row.updated_at, revision: row.revision };
}

type Row = Record<string, unknown>;

/** Everything a deleted map took with it, row for row, so an undo can put it back whole. */
export interface DeletedMap {
  map: Row;
  steps: Row[];
  flows: Row[];
  baselines: Row[];
  /** Its own future-state link (migration 006), when it is a future state. */
  state: Row | null;
  /** The future states that named it as their current state (their link is set null by the delete). */
  futureStates: number[];
}

/**
 * Removes a map with its steps, flows, baselines and future-state link (items are the workspace's, not the
 * map's, and stay). Returns what was removed, for `restoreDeletedMap`.
 */
export function deleteMap(db: Db, id: number): DeletedMap {
  return db
    .transaction(() => {
      const map = db.prepare('SELECT * FROM maps WHERE id = ?').get(id) as Row | undefined;
      if (!map) throw new FlowmapError('not-found', `no map #${id} in this workspace`);
      const removed: DeletedMap = {
        map,
        steps: db.prepare('SELECT * FROM steps WHERE map_id = ? ORDER BY ord').all(id) as Row[],
        flows: db.prepare('SELECT * FROM flows WHERE map_id = ? ORDER BY ord').all(id) as Row[],
        baselines: db.prepare('SELECT * FROM baselines WHERE map_id = ? ORDER BY id').all(id) as Row[],
        state: (db.prepare('SELECT * FROM map_states WHERE map_id = ?').get(id) as Row | undefined) ?? null,
        futureStates: (db.prepare('SELECT map_id FROM map_states WHERE current_map_id = ?').all(id) as { map_id: number }[]).map((r) => r.map_id),
      };
      db.prepare('DELETE FROM flows WHERE map_id = ?').run(id);
      db.prepare('DELETE FROM steps WHERE map_id = ?').run(id);
      db.prepare('DELETE FROM maps WHERE id = ?').run(id);
      return removed;
    })
    .immediate();
}

/** Column names come from this module's own `SELECT *` of the same tables, never from outside. */
function insertRow(db: Db, table: 'maps' | 'steps' | 'flows' | 'baselines' | 'map_states', row: Row): number {
  const cols = Object.keys(row);
  return Number(db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row).lastInsertRowid);
}

/**
 * Puts a deleted map back with everything it had: the same id when still free (links and bookmarks keep
 * working), its name made unique if another map took it meanwhile, its baselines, and the future-state links.
 */
export function restoreDeletedMap(db: Db, d: DeletedMap): { id: number; name: string } {
  return db
    .transaction(() => {
      const { id: oldId, ...rest } = d.map as Row & { id: number; name: string };
      const idFree = db.prepare('SELECT 1 FROM maps WHERE id = ?').get(oldId) === undefined;
      const name = freeMapName(db, rest.name as string);
      const id = insertRow(db, 'maps', idFree ? { id: oldId, ...rest, name } : { ...rest, name });
      for (const r of d.steps) insertRow(db, 'steps', { ...r, map_id: id });
      for (const r of d.flows) insertRow(db, 'flows', { ...r, map_id: id });
      for (const { id: _b, ...r } of d.baselines) insertRow(db, 'baselines', { ...r, map_id: id });
      if (d.state) {
        const current = d.state.current_map_id as number | null;
        const stillThere = current !== null && db.prepare('SELECT 1 FROM maps WHERE id = ?').get(current) !== undefined;
        insertRow(db, 'map_states', { ...d.state, map_id: id, current_map_id: stillThere ? current : null });
      }
      const relink = db.prepare('UPDATE map_states SET current_map_id = ? WHERE map_id = ? AND current_map_id IS NULL');
      for (const f of d.futureStates) relink.run(id, f);
      return { id, name };
    })
    .immediate();
}

/** `wanted`, or with " (2)", " (3)", … after it when a map of the workspace already has that name. */
export function freeMapName(db: Db, wanted: string): string {
  const taken = new Set((db.prepare('SELECT name FROM maps').all() as { name: string }[]).map((r) => r.name));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The most recently edited map, which is what opening a workspace shows. */
export function latestMapId(db: Db): number | null {
  const row = db.prepare('SELECT id FROM maps ORDER BY updated_at DESC, id DESC LIMIT 1').get() as { id: number } | undefined;
  return row?.id ?? null;
}
