// Every work item with its status and flag history read once into memory, in item order: what the core's
// timeline cache walks instead of scanning SQLite on every query. Node only. Statuses are interned, so
// 500,000 changes cost a few typed arrays and two arrays of shared string references.
import type { Db } from './open-workspace.ts';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT, type SnapshotMarks } from './snapshot-codec.ts';

export interface ItemSnapshot {
  count: number;
  ids: Int32Array;
  keys: string[];
  types: (string | null)[];
  /** Labels per item; one shared empty array for items without any. */
  labels: ReadonlyArray<readonly string[]>;
  createdAt: Float64Array;
  initialStatus: (string | null)[];
  /** Item k's changes are [changeStart[k], changeStart[k+1]) of at/from/to, in (at, id) order as the store scans them. */
  changeStart: Int32Array;
  at: Float64Array;
  from: (string | null)[];
  to: string[];
  /** Each change's source UTC offset in minutes (migration 007), NaN where the source had none. */
  offsetMin: Float64Array;
  /** Item k's flag toggles are pairs (at, 1|0) in flagPairs[flagStart[k]*2 .. flagStart[k+1]*2). */
  flagStart: Int32Array;
  flagPairs: Float64Array;
  /** What the snapshot was read at: a later read with a different stamp means the items changed. */
  stamp: string;
  /** Where it came from: the blob saved in the workspace (migration 010) or the tables themselves. */
  source?: 'saved' | 'tables';
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * A cheap fingerprint of the item tables: another connection's commit changes `data_version`; this
 * connection's own imports add rows (and the core also drops its cache on every import it runs).
 */
export function itemStamp(db: Db): string {
  const dv = db.pragma('data_version', { simple: true }) as number;
  const row = db.prepare('SELECT (SELECT max(rowid) FROM work_items) AS i, (SELECT max(rowid) FROM status_changes) AS c').get() as {
    i: number | null;
    c: number | null;
  };
  return `${dv}:${row.i ?? 0}:${row.c ?? 0}`;
}

function marksOf(db: Db): SnapshotMarks {
  const r = db
    .prepare(
      'SELECT (SELECT max(rowid) FROM work_items) AS i, (SELECT max(rowid) FROM status_changes) AS c' +
        (hasTable(db, 'flag_changes') ? ', (SELECT max(rowid) FROM flag_changes) AS f' : ', NULL AS f'),
    )
    .get() as { i: number | null; c: number | null; f: number | null };
  return { maxItem: r.i ?? 0, maxChange: r.c ?? 0, maxFlag: r.f ?? 0 };
}

const sameMarks = (a: SnapshotMarks, b: SnapshotMarks) => a.maxItem === b.maxItem && a.maxChange === b.maxChange && a.maxFlag === b.maxFlag;

/**
 * The snapshot, from the blob the workspace keeps when there is a valid one, else from the tables (and then saved
 * for the next open, where the workspace can be written). A blob that fails any check is ignored, never trusted:
 * the tables are read instead and the blob replaced.
 */
export function loadItemSnapshot(db: Db): ItemSnapshot {
  const saved = hasTable(db, 'item_snapshots');
  if (saved) {
    const hit = db.transaction(() => {
      const row = db.prepare('SELECT format, data FROM item_snapshots WHERE id = 1').get() as { format: number; data: Uint8Array } | undefined;
      if (row === undefined || row.format !== SNAPSHOT_FORMAT || !(row.data instanceof Uint8Array)) return null;
      try {
        const snap = decodeSnapshot(row.data, itemStamp(db));
        return sameMarks(snap.marks, marksOf(db)) ? snap : null;
      } catch {
        return null;
      }
    })();
    if (hit !== null) {
      const { marks: _marks, ...snap } = hit;
      return { ...snap, source: 'saved' };
    }
  }
  const { snap, marks } = db.transaction(() => ({ snap: readItemSnapshotFromTables(db), marks: marksOf(db) }))();
  if (saved) saveItemSnapshot(db, snap, marks);
  return { ...snap, source: 'tables' };
}

/**
 * Keeps the snapshot in the workspace, unless the items changed since it was read (another connection's commit)
 * or the file cannot be written now (read-only, or another writer holds it: the snapshot is only a cache, so
 * this never waits for the lock).
 */
function saveItemSnapshot(db: Db, snap: ItemSnapshot, marks: SnapshotMarks): void {
  const blob = encodeSnapshot(snap, marks);
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.transaction(() => {
      if (itemStamp(db) !== snap.stamp) return;
      db.prepare('INSERT OR REPLACE INTO item_snapshots (id, format, data) VALUES (1, ?, ?)').run(SNAPSHOT_FORMAT, blob);
    }).immediate();
  } catch {
    // Not saved: the next open reads the tables again.
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** The snapshot read from the tables themselves (what a saved one must equal). */
export function readItemSnapshotFromTables(db: Db): ItemSnapshot {
  const stamp = itemStamp(db);
  const n = (db.prepare('SELECT count(*) AS n FROM work_items').get() as { n: number }).n;
  const m = (db.prepare('SELECT count(*) AS n FROM status_changes').get() as { n: number }).n;
  const ids = new Int32Array(n);
  const keys: string[] = new Array(n);
  const types: (string | null)[] = new Array(n);
  const labels: (readonly string[])[] = new Array(n);
  const createdAt = new Float64Array(n);
  const initialStatus: (string | null)[] = new Array(n);
  const changeStart = new Int32Array(n + 1);
  const at = new Float64Array(m);
  const from: (string | null)[] = new Array(m);
  const to: string[] = new Array(m);
  const offsetMin = new Float64Array(m);
  const intern = new Map<string, string>();
  const s = (v: string | null): string | null => {
    if (v === null) return null;
    let x = intern.get(v);
    if (x === undefined) intern.set(v, (x = v));
    return x;
  };
  const none: readonly string[] = Object.freeze([]);

  const items = db.prepare('SELECT id, key, type, created_at, initial_status, labels FROM work_items ORDER BY id').raw().iterate() as IterableIterator<
    [number, string, string | null, number, string | null, string]
  >;
  const changes = db
    .prepare('SELECT item_id, at, from_status, to_status, source_offset_min FROM status_changes ORDER BY item_id, at, id')
    .raw()
    .iterate() as IterableIterator<[number, number, string | null, string, number | null]>;
  let pending = changes.next();
  let c = 0;
  let k = 0;
  for (const [id, key, type, created, initial, labelJson] of items) {
    if (k === n) break; // rows added since the count (another writer): the stamp check reads again
    ids[k] = id;
    keys[k] = key;
    types[k] = s(type);
    createdAt[k] = created;
    initialStatus[k] = s(initial);
    labels[k] = labelJson === '[]' || labelJson === '' ? none : (JSON.parse(labelJson) as string[]).map((l) => s(String(l))!);
    changeStart[k] = c;
    while (!pending.done && pending.value[0] < id) pending = changes.next();
    while (!pending.done && pending.value[0] === id && c < m) {
      const row = pending.value;
      at[c] = row[1];
      from[c] = s(row[2]);
      to[c] = s(row[3])!;
      offsetMin[c] = row[4] ?? Number.NaN;
      c++;
      pending = changes.next();
    }
    k++;
  }
  if (!pending.done) changes.return?.();
  changeStart.fill(c, k);

  const flagStart = new Int32Array(n + 1);
  let flagPairs = new Float64Array(0);
  if (hasTable(db, 'flag_changes')) {
    const f = (db.prepare('SELECT count(*) AS n FROM flag_changes').get() as { n: number }).n;
    flagPairs = new Float64Array(f * 2);
    const flags = db.prepare('SELECT item_id, at, flagged FROM flag_changes ORDER BY item_id, at, rowid').raw().iterate() as IterableIterator<
      [number, number, number]
    >;
    let p = flags.next();
    let j = 0;
    for (let q = 0; q < k; q++) {
      flagStart[q] = j;
      const id = ids[q]!;
      while (!p.done && p.value[0] < id) p = flags.next();
      while (!p.done && p.value[0] === id && j < f) {
        flagPairs[j * 2] = p.value[1];
        flagPairs[j * 2 + 1] = p.value[2];
        j++;
        p = flags.next();
      }
    }
    if (!p.done) flags.return?.();
    flagStart.fill(j, k);
  }
  return { count: k, ids, keys, types, labels, createdAt, initialStatus, changeStart, at, from, to, offsetMin, flagStart, flagPairs, stamp };
}

/** Each item's resolution (Jira's, kept in its fields) by item id, for items that have one. */
export function itemResolutions(db: Db): Map<number, string> {
  const rows = db
    .prepare("SELECT id, json_extract(fields, '$.resolution') FROM work_items WHERE json_extract(fields, '$.resolution') IS NOT NULL")
    .raw()
    .all() as Array<[number, unknown]>;
  return new Map(rows.filter((r): r is [number, string] => typeof r[1] === 'string'));
}

/** Titles of a few items by id (what a drill-down lists; the snapshot keeps no titles). */
export function itemTitles(db: Db, ids: readonly number[]): Map<number, string | null> {
  const out = new Map<number, string | null>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = db.prepare(`SELECT id, title FROM work_items WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as {
      id: number;
      title: string | null;
    }[];
    for (const r of rows) out.set(r.id, r.title);
  }
  return out;
}

/**
 * Each status items entered (or started in), with the number of distinct items, most used first, then by name:
 * read off the snapshot already in memory (a SQL DISTINCT over every change took a third of `vsm metrics`).
 */
export function snapshotStatuses(s: ItemSnapshot): { status: string; items: number }[] {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  const count = (status: string) => {
    if (seen.has(status)) return;
    seen.add(status);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  };
  for (let k = 0; k < s.count; k++) {
    seen.clear();
    const initial = s.initialStatus[k];
    if (initial !== null && initial !== undefined) count(initial);
    for (let c = s.changeStart[k]!; c < s.changeStart[k + 1]!; c++) count(s.to[c]!);
  }
  // Code-unit order, as SQLite's BINARY collation orders these names (they differ only past U+E000).
  return [...counts]
    .map(([status, items]) => ({ status, items }))
    .sort((a, b) => b.items - a.items || (a.status < b.status ? -1 : a.status > b.status ? 1 : 0));
}
