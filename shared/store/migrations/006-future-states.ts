import type { Database } from 'better-sqlite3';

/**
 * Current, future and measured-after (issue 8): which map is the future state of which current state, and
 * named baseline snapshots that freeze a map's measured figures (as-of, window, every figure) so a later
 * measurement can be compared with them.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE map_states (
      map_id INTEGER PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
      -- the current-state map this one is the future state of; null once that map was deleted
      current_map_id INTEGER REFERENCES maps(id) ON DELETE SET NULL,
      kind TEXT NOT NULL CHECK (kind IN ('future')),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX map_states_by_current ON map_states(current_map_id);

    CREATE TABLE baselines (
      id INTEGER PRIMARY KEY,
      map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      taken_at INTEGER NOT NULL,
      -- the metrics query the figures answer (asOf, window, filters), as JSON
      query TEXT NOT NULL,
      -- the flow metrics with their ladders, exactly as the core returned them, as JSON
      figures TEXT NOT NULL,
      UNIQUE (map_id, name)
    ) STRICT;
  `);
}
