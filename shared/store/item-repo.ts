// Work items and status changes: bulk upsert for importers, ordered streaming for metrics. Node only.
import type { ItemHistory, StatusChange } from '../domain/items.ts';
import { safeHttpsUrl } from '../domain/web-links.ts';
import type { Db } from './open-workspace.ts';

export interface NewItem {
  source: string;
  externalId: string;
  key: string;
  type: string | null;
  title: string | null;
  createdAt: number;
  initialStatus: string | null;
  labels: string[];
  /** The item's web page (Jira issue, GitHub pull request or issue); anything but a safe https address is stored as null. */
  url?: string | null;
  fields?: Record<string, unknown>;
  changes: Array<StatusChange & { fromId?: string | null; toId?: string | null }>;
}

/**
 * Upserts items keyed by (source, external id) and replaces their status history, all in the caller's
 * transaction. A newer export of the same project therefore updates in place and never duplicates.
 */
export function createItemWriter(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO work_items (source, external_id, key, type, title, created_at, initial_status, labels, fields, url)
     VALUES (@source, @externalId, @key, @type, @title, @createdAt, @initialStatus, @labels, @fields, @url)
     ON CONFLICT (source, external_id) DO UPDATE SET key = excluded.key, type = excluded.type, title = excluded.title,
       created_at = excluded.created_at, initial_status = excluded.initial_status, labels = excluded.labels, fields = excluded.fields,
       url = excluded.url
     RETURNING id`,
  );
  const clear = db.prepare('DELETE FROM status_changes WHERE item_id = ?');
  const insert = db.prepare(
    'INSERT INTO status_changes (item_id, at, from_status, to_status, from_id, to_id, source, source_offset_min) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (item: NewItem): number => {
    const { id } = upsert.get({
      source: item.source,
      externalId: item.externalId,
      key: item.key,
      type: item.type,
      title: item.title,
      createdAt: item.createdAt,
      initialStatus: item.initialStatus,
      labels: JSON.stringify(item.labels),
      fields: JSON.stringify(item.fields ?? {}),
      url: safeHttpsUrl(item.url),
    }) as { id: number };
    clear.run(id);
    for (const c of item.changes) insert.run(id, c.at, c.from, c.to, c.fromId ?? null, c.toId ?? null, item.source, c.offsetMin ?? null);
    return id;
  };
}

export function countItems(db: Db): { items: number; changes: number } {
  const items = (db.prepare('SELECT count(*) AS n FROM work_items').get() as { n: number }).n;
  const changes = (db.prepare('SELECT count(*) AS n FROM status_changes').get() as { n: number }).n;
  return { items, changes };
}

export interface HistoryFilter {
  types?: string[];
  label?: string;
  /** Only items created at or before this instant. */
  createdBefore?: number;
}

/** The WHERE clause (on `work_items i`) that selects the items a filter names; '' when it names none. */
export function itemFilterSql(filter: HistoryFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.types && filter.types.length > 0) {
    where.push(`i.type IN (${filter.types.map(() => '?').join(',')})`);
    params.push(...filter.types);
  }
  if (filter.label) {
    where.push('EXISTS (SELECT 1 FROM json_each(i.labels) WHERE json_each.value = ?)');
    params.push(filter.label);
  }
  if (filter.createdBefore !== undefined) {
    where.push('i.created_at <= ?');
    params.push(filter.createdBefore);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * Every item with its changes, in item order, from one ordered scan. Rows come back as arrays
 * (`raw`) and status strings are interned, because this is the hot path of every metric.
 */
export function* streamHistories(db: Db, filter: HistoryFilter = {}): Generator<ItemHistory> {
  const { sql, params } = itemFilterSql(filter);
  const items = db
    .prepare(
      `SELECT i.id, i.key, i.type, i.title, i.created_at, i.initial_status, i.labels FROM work_items i
       ${sql} ORDER BY i.id`,
    )
    .raw()
    .iterate(...params) as IterableIterator<[number, string, string | null, string | null, number, string | null, string]>;
  const changes = db.prepare('SELECT item_id, at, from_status, to_status FROM status_changes ORDER BY item_id, at, id').raw().iterate() as IterableIterator<
    [number, number, string | null, string]
  >;
  const intern = new Map<string, string>();
  const s = (v: string | null) => {
    if (v === null) return null;
    let x = intern.get(v);
    if (x === undefined) intern.set(v, (x = v));
    return x;
  };
  let pending = changes.next();
  for (const [id, key, type, title, createdAt, initialStatus, labels] of items) {
    while (!pending.done && pending.value[0] < id) pending = changes.next();
    const list: StatusChange[] = [];
    while (!pending.done && pending.value[0] === id) {
      const [, at, from, to] = pending.value;
      list.push({ at, from: s(from), to: s(to)! });
      pending = changes.next();
    }
    yield { id, key, type, title, createdAt, initialStatus: s(initialStatus), labels: JSON.parse(labels) as string[], changes: list };
  }
  if (!pending.done) changes.return?.();
}

/** The item types and labels in the workspace with how many items have each: what the UI filters offer. */
export function itemFacets(db: Db): { types: { value: string; items: number }[]; labels: { value: string; items: number }[] } {
  const types = db.prepare('SELECT type AS value, count(*) AS items FROM work_items WHERE type IS NOT NULL GROUP BY type ORDER BY items DESC, type').all() as {
    value: string;
    items: number;
  }[];
  const labels = db
    .prepare('SELECT j.value AS value, count(*) AS items FROM work_items i, json_each(i.labels) j GROUP BY j.value ORDER BY items DESC, j.value LIMIT 500')
    .all() as { value: string; items: number }[];
  return { types, labels };
}

/** Titles of the given items by id (items without a title map to null; unknown ids are absent). */
export function itemTitles(db: Db, ids: readonly number[]): Map<number, string | null> {
  const titles = new Map<number, string | null>();
  // SQLite limits bound parameters per statement; chunk well under it.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.prepare(`SELECT id, title FROM work_items WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as {
      id: number;
      title: string | null;
    }[];
    for (const row of rows) titles.set(row.id, row.title);
  }
  return titles;
}

/**
 * The web pages of the given items by id (items without one map to null; unknown ids are absent), checked again
 * on the way out: a workspace file may come from anyone. Many ids (a whole items table) read the table once.
 */
export function itemUrls(db: Db, ids: readonly number[]): Map<number, string | null> {
  const urls = new Map<number, string | null>();
  const keep = (id: number, url: string | null) => urls.set(id, safeHttpsUrl(url));
  if (ids.length > 2000) {
    const wanted = new Set(ids);
    for (const [id, url] of db.prepare('SELECT id, url FROM work_items').raw().iterate() as IterableIterator<[number, string | null]>)
      if (wanted.has(id)) keep(id, url);
    return urls;
  }
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT id, url FROM work_items WHERE id IN (${chunk.map(() => '?').join(',')})`)
      .raw()
      .all(...chunk) as Array<[number, string | null]>;
    for (const [id, url] of rows) keep(id, url);
  }
  return urls;
}

/** Per status, the sources (jira, github, …) of the items that were in it. */
export function statusSources(db: Db): Map<string, string[]> {
  const rows = db
    .prepare(
      `SELECT status, source FROM (
         SELECT DISTINCT c.to_status AS status, i.source AS source FROM status_changes c JOIN work_items i ON i.id = c.item_id
         UNION SELECT initial_status, source FROM work_items WHERE initial_status IS NOT NULL
       ) ORDER BY status, source`,
    )
    .raw()
    .all() as Array<[string, string]>;
  const out = new Map<string, string[]>();
  for (const [status, source] of rows) (out.get(status) ?? out.set(status, []).get(status)!).push(source);
  return out;
}

/**
 * Per status, the Jira status category (new, indeterminate, done) that most items now in it were imported
 * with (Jira gives the category of an issue's current status only); for a status no item is in now, the one
 * its import learned (migration 009).
 */
export function statusCategories(db: Db): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT json_extract(fields, '$.status') AS status, json_extract(fields, '$.statusCategory') AS category, count(*) AS n
       FROM work_items WHERE json_extract(fields, '$.statusCategory') IS NOT NULL AND json_extract(fields, '$.status') IS NOT NULL
       GROUP BY 1, 2 ORDER BY 1, n DESC, 2`,
    )
    .raw()
    .all() as Array<[string, string, number]>;
  const out = new Map<string, string>();
  for (const [status, category] of rows) if (!out.has(status)) out.set(status, category);
  // A status no item is in now: the category the importer learned for it (a statuses file, a linked issue).
  const changed = db.prepare('SELECT status, category FROM status_categories ORDER BY status, source').raw().all() as Array<[string, string]>;
  for (const [status, category] of changed) if (!out.has(status)) out.set(status, category);
  return out;
}
