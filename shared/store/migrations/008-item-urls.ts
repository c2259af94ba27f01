import type { Database } from 'better-sqlite3';

/**
 * Each item's web page (its Jira issue or GitHub pull request or issue), what the drill-downs link out to;
 * null where the source gave none or only an address that is not https. The CHECK keeps a link of any other
 * kind (javascript:, data:, http) out of the table whatever writes to it; readers check again, because a
 * workspace file is untrusted and constraints can be switched off where it was written.
 */
export function up(db: Database): void {
  db.exec("ALTER TABLE work_items ADD COLUMN url TEXT CHECK (url IS NULL OR substr(url, 1, 8) = 'https://')");
}
