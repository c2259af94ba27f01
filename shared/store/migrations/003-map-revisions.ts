import type { Database } from 'better-sqlite3';

/**
 * Every map gets a revision, counted up by each save: a save states the revision its edit was based on, and
 * one based on an older revision is refused (two windows on the same workspace never erase each other's
 * edits). Maps saved before this migration start at revision 1.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE maps ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);`);
}
