import type { Database } from 'better-sqlite3';

/**
 * What later analyses need from a Jira history beyond the status walk:
 *  - each status's category (`new`, `indeterminate`, `done`), not only the current status's: a changelog names
 *    statuses only, so the importer learns them from the issues' own current statuses, their linked issues' and
 *    a statuses file beside them. Kept per status of a source, so every change into or out of it has one (a
 *    column on each of 500,000 changes would cost the import a sixth of its time for the same facts);
 *  - every other field change of the changelog (priority, story points, fix versions, sprint, resolution,
 *    assignee, …) as Jira wrote it: raw value and display string at both ends;
 *  - the sprints an item is in, with their dates and state;
 *  - issue links (type, direction, the other issue) and their history (links added and removed).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE status_categories (
      source TEXT NOT NULL,
      status TEXT NOT NULL,
      status_id TEXT,
      category TEXT NOT NULL,
      PRIMARY KEY (source, status)
    ) STRICT;

    CREATE TABLE field_changes (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      field TEXT NOT NULL,
      field_id TEXT,
      from_value TEXT,
      from_string TEXT,
      to_value TEXT,
      to_string TEXT
    ) STRICT;
    CREATE INDEX field_changes_by_item ON field_changes(item_id, at);
    CREATE INDEX field_changes_by_field ON field_changes(field, item_id);

    CREATE TABLE item_sprints (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      sprint_id TEXT NOT NULL,
      name TEXT,
      state TEXT,
      board_id TEXT,
      start_at INTEGER,
      end_at INTEGER,
      complete_at INTEGER,
      PRIMARY KEY (item_id, sprint_id)
    ) STRICT;

    CREATE TABLE issue_links (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      link_type TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('inward', 'outward')),
      description TEXT,
      target_key TEXT NOT NULL,
      PRIMARY KEY (item_id, link_type, direction, target_key)
    ) STRICT;
    CREATE INDEX issue_links_by_target ON issue_links(target_key);

    CREATE TABLE issue_link_changes (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      added INTEGER NOT NULL CHECK (added IN (0, 1)),
      target_key TEXT NOT NULL,
      description TEXT
    ) STRICT;
    CREATE INDEX issue_link_changes_by_item ON issue_link_changes(item_id, at);
  `);
}
