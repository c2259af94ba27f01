// The metrics engine's one pass over the workspace. Node only (better-sqlite3 handle); never imported by
// the renderer, which feeds the browser-safe accumulators from items it already holds.
// Items, status changes and flag changes are read by three ordered raw iterators merged on item id: the
// same single ordered scan of status_changes that `streamHistories` makes, with no per-change objects.
import { itemFilterSql } from './item-repo.ts';
import type { Db } from './open-workspace.ts';
import type { Binding } from '../metrics/binding.ts';
import { TimelineWalker, type WalkOptions } from '../metrics/item-timeline.ts';

export interface ScanFilter {
  types?: string[];
  label?: string;
  /** Only items created before this instant (items created after asOf do not exist yet). */
  createdBefore?: number;
}

export interface ScannedItem {
  id: number;
  key: string;
  type: string | null;
  createdAt: number;
  /** The item's status changes as walked (source order from the store: by instant, then id); valid during the call. */
  count: number;
  at: ArrayLike<number>;
  from: ArrayLike<string | null>;
  to: ArrayLike<string>;
  initialStatus: string | null;
  /** Change i's source UTC offset in minutes is offsets.all[offsets.first + i] (NaN = none); absent when not read. */
  offsets?: { all: ArrayLike<number>; first: number };
}

export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Earliest creation among the items the filter selects (null when none). */
export function earliestCreated(db: Db, filter: ScanFilter): number | null {
  const { sql, params } = itemFilterSql(filter);
  const row = db.prepare(`SELECT min(i.created_at) AS t FROM work_items i ${sql}`).get(...params) as { t: number | null };
  return row.t;
}

/**
 * Walks every selected item once and calls `onItem` with the walker holding its facts (valid only during
 * the call). Flags come from `flag_changes` when the workspace has that table.
 */
export function scanTimelines(
  db: Db,
  binding: Binding,
  walk: WalkOptions,
  filter: ScanFilter,
  onItem: (facts: TimelineWalker, item: ScannedItem) => void,
): void {
  const walker = new TimelineWalker(binding, walk);
  const { sql, params } = itemFilterSql(filter);
  const items = db
    .prepare(`SELECT i.id, i.key, i.type, i.created_at, i.initial_status FROM work_items i ${sql} ORDER BY i.id`)
    .raw()
    .iterate(...params) as IterableIterator<[number, string, string | null, number, string | null]>;
  const changes = db.prepare('SELECT item_id, at, from_status, to_status FROM status_changes ORDER BY item_id, at, id').raw().iterate() as IterableIterator<
    [number, number, string | null, string]
  >;
  const flagIter = hasTable(db, 'flag_changes')
    ? (db.prepare('SELECT item_id, at, flagged FROM flag_changes ORDER BY item_id, at, rowid').raw().iterate() as IterableIterator<[number, number, number]>)
    : null;

  let cap = 64;
  let at = new Float64Array(cap);
  const from: (string | null)[] = [];
  const to: string[] = [];
  let flags = new Float64Array(32);
  const item: ScannedItem = { id: 0, key: '', type: null, createdAt: 0, count: 0, at, from, to, initialStatus: null };

  let pending = changes.next();
  let pendingFlag = flagIter ? flagIter.next() : null;
  try {
    for (const [id, key, type, createdAt, initialStatus] of items) {
      while (!pending.done && pending.value[0] < id) pending = changes.next();
      let n = 0;
      while (!pending.done && pending.value[0] === id) {
        const row = pending.value;
        if (n === cap) {
          cap *= 2;
          const b = new Float64Array(cap);
          b.set(at);
          at = b;
        }
        at[n] = row[1];
        from[n] = row[2];
        to[n] = row[3];
        n++;
        pending = changes.next();
      }
      let fn = 0;
      if (pendingFlag !== null && flagIter !== null) {
        while (!pendingFlag.done && pendingFlag.value[0] < id) pendingFlag = flagIter.next();
        while (!pendingFlag.done && pendingFlag.value[0] === id) {
          if (fn * 2 + 2 > flags.length) {
            const b = new Float64Array(flags.length * 2);
            b.set(flags);
            flags = b;
          }
          flags[fn * 2] = pendingFlag.value[1];
          flags[fn * 2 + 1] = pendingFlag.value[2];
          fn++;
          pendingFlag = flagIter.next();
        }
      }
      walker.walk(createdAt, initialStatus, n, at, from, to, flags, fn);
      item.id = id;
      item.key = key;
      item.type = type;
      item.createdAt = createdAt;
      item.count = n;
      item.at = at;
      item.initialStatus = initialStatus;
      onItem(walker, item);
    }
  } finally {
    if (!pending.done) changes.return?.();
    if (pendingFlag !== null && !pendingFlag.done) flagIter?.return?.();
  }
}
