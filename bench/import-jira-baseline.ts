// The benchmark's baseline: a bare JSON.parse of the export plus one prepared insert per status change,
// in one transaction, into a fresh workspace file with the same pragmas and the same index as
// status_changes. Run as a child process: tsx bench/import-jira-baseline.ts EXPORT.json OUT.vsm
import fs from 'node:fs';
import Database from 'better-sqlite3';

const [file, out] = process.argv.slice(2) as [string, string];
const db = new Database(out);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, at INTEGER NOT NULL,
  from_status TEXT, to_status TEXT NOT NULL, from_id TEXT, to_id TEXT, source TEXT NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS changes_by_item ON changes(item_id, at, id);`);
const insert = db.prepare('INSERT INTO changes (item_id, at, from_status, to_status, from_id, to_id, source) VALUES (?, ?, ?, ?, ?, ?, ?)');
type Item = { field: string; from: string | null; fromString: string | null; to: string | null; toString: string };
type Page = { issues: Array<{ id: string; changelog: { histories: Array<{ created: string; items: Item[] }> } }> };
const pages = JSON.parse(fs.readFileSync(file, 'utf8')) as Page[];
let n = 0;
db.transaction(() => {
  for (const page of pages) {
    for (const issue of page.issues) {
      const id = Number(issue.id);
      for (const h of issue.changelog.histories) {
        const at = Date.parse(h.created);
        for (const it of h.items) {
          if (it.field !== 'status') continue;
          insert.run(id, at, it.fromString, it.toString, it.from, it.to, 'jira');
          n++;
        }
      }
    }
  }
})();
db.close();
process.stdout.write(`${JSON.stringify({ statusChanges: n })}\n`);
