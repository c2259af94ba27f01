// Future states and baseline snapshots of maps (migration 006). Node only.
import { FlowmapError } from '../domain/errors.ts';
import type { Db } from './open-workspace.ts';

export interface BaselineRow {
  id: number;
  mapId: number;
  name: string;
  takenAt: number;
  query: unknown;
  figures: unknown;
}

export function linkFutureState(db: Db, futureMapId: number, currentMapId: number, now: number): void {
  db.prepare(
    `INSERT INTO map_states (map_id, current_map_id, kind, created_at) VALUES (?, ?, 'future', ?)
     ON CONFLICT (map_id) DO UPDATE SET current_map_id = excluded.current_map_id`,
  ).run(futureMapId, currentMapId, now);
}

/** The map a future state was made from, or null when the map is no future state (or its current state is gone). */
export function currentStateOf(db: Db, mapId: number): number | null {
  const row = db.prepare('SELECT current_map_id AS id FROM map_states WHERE map_id = ?').get(mapId) as { id: number | null } | undefined;
  return row?.id ?? null;
}

/** The future states made from a map, newest first. */
export function futureStatesOf(db: Db, mapId: number): number[] {
  return db.prepare('SELECT map_id FROM map_states WHERE current_map_id = ? ORDER BY created_at DESC, map_id DESC').pluck().all(mapId) as number[];
}

export function isFutureState(db: Db, mapId: number): boolean {
  return db.prepare('SELECT 1 FROM map_states WHERE map_id = ?').get(mapId) !== undefined;
}

export function insertBaseline(db: Db, b: Omit<BaselineRow, 'id'>): number {
  try {
    return Number(
      db
        .prepare('INSERT INTO baselines (map_id, name, taken_at, query, figures) VALUES (?, ?, ?, ?, ?)')
        .run(b.mapId, b.name, b.takenAt, JSON.stringify(b.query), JSON.stringify(b.figures)).lastInsertRowid,
    );
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new FlowmapError('invalid-input', `map #${b.mapId} already has a baseline named "${b.name}": choose another name or delete that one`);
    }
    throw e;
  }
}

interface Row {
  id: number;
  map_id: number;
  name: string;
  taken_at: number;
  query: string;
  figures: string;
}
const toBaseline = (r: Row): BaselineRow => ({
  id: r.id,
  mapId: r.map_id,
  name: r.name,
  takenAt: r.taken_at,
  query: JSON.parse(r.query),
  figures: JSON.parse(r.figures),
});

export function listBaselines(db: Db, mapId: number): BaselineRow[] {
  return (db.prepare('SELECT * FROM baselines WHERE map_id = ? ORDER BY taken_at DESC, id DESC').all(mapId) as Row[]).map(toBaseline);
}

export function getBaseline(db: Db, ref: { id: number } | { mapId: number; name: string }): BaselineRow {
  const row = (
    'id' in ref
      ? db.prepare('SELECT * FROM baselines WHERE id = ?').get(ref.id)
      : db.prepare('SELECT * FROM baselines WHERE map_id = ? AND name = ?').get(ref.mapId, ref.name)
  ) as Row | undefined;
  if (!row) throw new FlowmapError('not-found', `no baseline ${'id' in ref ? `#${ref.id}` : `named "${ref.name}" for map #${ref.mapId}`} in this workspace`);
  return toBaseline(row);
}

export function deleteBaseline(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM baselines WHERE id = ?').run(id).changes > 0;
}
