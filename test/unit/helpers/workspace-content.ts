// What a workspace holds, reduced to counts and checksums, to prove that a failed or killed import left it
// exactly as it was (or exactly as a completed import leaves it).
import { createHash } from 'node:crypto';
import type { Db } from '../../../shared/store/open-workspace.ts';

/** The map tables: a failed import must never touch a map. */
export const MAP_TABLES = ['maps', 'steps', 'flows'] as const;

export function userTables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

/** Row counts of every table. */
export function tableCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of userTables(db)) out[t] = db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
  return out;
}

/** SHA-256 of the rows of the given tables (default: every table), in rowid order. */
export function contentDigest(db: Db, tables: readonly string[] = userTables(db)): string {
  const h = createHash('sha256');
  for (const t of tables) {
    h.update(`\u0000${t}\u0000`);
    for (const row of db.prepare(`SELECT rowid, * FROM "${t}" ORDER BY rowid`).raw().iterate()) {
      h.update(`${JSON.stringify(row)}\n`);
    }
  }
  return h.digest('hex');
}
