// What the report's title block says about where its data came from: items per source under the report's
// filter, and the latest import run of each source.
import { itemFilterSql, type HistoryFilter } from './item-repo.ts';
import type { Db } from './open-workspace.ts';
import { hasTable } from './store-scan.ts';

export interface ItemSource {
  source: string;
  /** Items of this source the report's filter selects. */
  items: number;
  /** The latest import run of this source: its input's file name (never the full path) and when it finished. */
  lastImport: { input: string; finishedAt: number } | null;
}

export function itemSources(db: Db, filter: HistoryFilter): ItemSource[] {
  const { sql, params } = itemFilterSql(filter);
  const rows = db
    .prepare(`SELECT i.source AS source, count(*) AS items FROM work_items i ${sql} GROUP BY i.source ORDER BY items DESC, source`)
    .all(...params) as Array<{
    source: string;
    items: number;
  }>;
  const runs = hasTable(db, 'import_runs')
    ? db.prepare('SELECT input, finished_at AS finishedAt FROM import_runs WHERE source = ? ORDER BY finished_at DESC, id DESC LIMIT 1')
    : null;
  return rows.map((r) => {
    const run = runs?.get(r.source) as { input: string; finishedAt: number } | undefined;
    return { ...r, lastImport: run ? { input: run.input.split(/[\\/]/).filter(Boolean).pop() ?? run.input, finishedAt: run.finishedAt } : null };
  });
}

/** Titles of the few items a report lists (a waste finding's items), by key; keys may repeat across sources: the first wins. */
export function itemTitles(db: Db, keys: string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = db.prepare(`SELECT key, title FROM work_items WHERE key IN (${chunk.map(() => '?').join(',')}) ORDER BY id`).all(...chunk) as Array<{
      key: string;
      title: string | null;
    }>;
    for (const r of rows) if (!out.has(r.key)) out.set(r.key, r.title);
  }
  return out;
}
