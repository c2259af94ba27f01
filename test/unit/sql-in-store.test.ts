// Every SQL statement lives in shared/store: the rest of the core, the transports and the shell call the
// store's functions. The check reads the sources, so a statement added anywhere else fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
// A database call (prepare/exec/pragma) or a string that starts like a statement.
const SQL_CALL = /\.(prepare|pragma)\s*\(|\bdb\.exec\s*\(|\.exec\s*\(\s*['"`]\s*(BEGIN|COMMIT|ROLLBACK|CREATE|DROP|ALTER|INSERT|UPDATE|DELETE|PRAGMA|VACUUM)/i;
// Statements are written in upper case here, so prose ("Select a map") does not count.
const SQL_TEXT = /['"`]\s*(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|VACUUM\s+INTO)/;

export function sqlLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (SQL_CALL.test(line) || SQL_TEXT.test(line) ? [i + 1] : []));
}

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

describe('SQL lives in shared/store', () => {
  it('no statement outside shared/store in shared/, electron/ or renderer/', () => {
    const files = [...sources('shared'), ...sources('electron'), ...sources('renderer')].filter((f) => !f.startsWith(`shared${path.sep}store${path.sep}`));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) => sqlLines(fs.readFileSync(path.join(root, f), 'utf8')).map((n) => `${f}:${n}`));
    expect(offenders).toEqual([]);
  });

  it('the check catches statements and transaction control, and passes a regex exec', () => {
    expect(sqlLines("const n = db.prepare('SELECT count(*) FROM work_items').get();")).toEqual([1]);
    expect(sqlLines("x\n  db.exec('BEGIN IMMEDIATE');")).toEqual([2]);
    expect(sqlLines('const q = `DELETE FROM commits WHERE repo = ?`;')).toEqual([1]);
    expect(sqlLines("db.pragma('journal_mode = WAL');")).toEqual([1]);
    expect(sqlLines("const m = /position (\\d+)/.exec(msg); const s = 'Select a map';")).toEqual([]);
  });
});
