import type { Database } from 'better-sqlite3';

/**
 * Each status change's UTC offset as the source wrote it, in minutes east of UTC (Jira's `+0100` is 60); null
 * where the source timestamp had none (a plain date, a `Z` instant from an API that writes every time in UTC is
 * 0). The jira-agile-metrics convention counts a change on the local date written in the source (issue 14).
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE status_changes ADD COLUMN source_offset_min INTEGER');
}
