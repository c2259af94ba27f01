import type { Database } from 'better-sqlite3';

/** Maps with their steps and flows; work items and their status changes; workspace metadata. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE maps (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      -- map-level fields of the vsm-map document that have no column (description, owner, ...)
      doc TEXT NOT NULL,
      done_statuses TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE steps (
      map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      step_id TEXT NOT NULL,
      ord INTEGER NOT NULL,
      name TEXT NOT NULL,
      active_statuses TEXT NOT NULL,
      wait_statuses TEXT NOT NULL,
      -- the rest of the step (estimate, people, owner, notation, position) as JSON
      doc TEXT NOT NULL,
      PRIMARY KEY (map_id, step_id)
    ) STRICT;

    CREATE TABLE flows (
      map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      from_step TEXT NOT NULL,
      to_step TEXT NOT NULL,
      kind TEXT NOT NULL,
      doc TEXT NOT NULL,
      PRIMARY KEY (map_id, ord),
      FOREIGN KEY (map_id, from_step) REFERENCES steps(map_id, step_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (map_id, to_step) REFERENCES steps(map_id, step_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
    ) STRICT;

    CREATE TABLE work_items (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL,
      external_id TEXT NOT NULL,
      key TEXT NOT NULL,
      type TEXT,
      title TEXT,
      created_at INTEGER NOT NULL,
      initial_status TEXT,
      labels TEXT NOT NULL DEFAULT '[]',
      fields TEXT NOT NULL DEFAULT '{}',
      UNIQUE (source, external_id)
    ) STRICT;

    CREATE TABLE status_changes (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      from_status TEXT,
      to_status TEXT NOT NULL,
      from_id TEXT,
      to_id TEXT,
      source TEXT NOT NULL
    ) STRICT;
    CREATE INDEX status_changes_by_item ON status_changes(item_id, at, id);
  `);
}
