import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { importStageCsv } from '../../shared/importers/csv-stages.ts';
import { openWorkspace, type Db } from '../../shared/store/open-workspace.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-import-csv-');
afterAll(() => tmp.cleanup());
const fx = (name: string) => path.join(REPO_ROOT, 'test', 'fixtures', 'csv', name);
let n = 0;
const newDb = (): Db => openWorkspace(tmp.file(`ws-${++n}.vsm`));
const day = (d: number) => Date.UTC(2026, 0, d);
const dump = (db: Db) => ({
  items: db.prepare('SELECT source, external_id, key, type, title, created_at, initial_status, fields FROM work_items ORDER BY external_id').all(),
  changes: db
    .prepare(
      'SELECT w.external_id, c.at, c.from_status, c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id ORDER BY w.external_id, c.at, c.id',
    )
    .all(),
});

describe('stage-date CSV', () => {
  it('turns each dated stage into a status change, in column order, skipping empty stages', async () => {
    const db = newDb();
    const r = await importStageCsv(db, fx('actionable-agile.csv'));
    expect(r).toMatchObject({ items: 4, skippedRows: [] });
    const { items, changes } = dump(db);
    expect(items[0]).toMatchObject({ source: 'csv', key: 'FLOW-1', type: 'Story', title: 'Checkout, faster', created_at: day(5), initial_status: 'Backlog' });
    expect(JSON.parse((items[0] as { fields: string }).fields)).toEqual({ Link: 'https://example.test/FLOW-1' });
    expect(changes.filter((c) => (c as { external_id: string }).external_id === 'FLOW-2')).toEqual([
      { external_id: 'FLOW-2', at: day(7), from_status: 'Backlog', to_status: 'Development' },
      { external_id: 'FLOW-2', at: day(7), from_status: 'Development', to_status: 'Review' },
      { external_id: 'FLOW-2', at: day(9), from_status: 'Review', to_status: 'Done' },
    ]);
    // Offsets are honoured; a date-time without one is UTC.
    expect(changes.filter((c) => (c as { external_id: string }).external_id === 'FLOW-4').map((c) => (c as { at: number }).at)).toEqual([
      Date.UTC(2026, 0, 5, 15, 30),
      Date.UTC(2026, 0, 6, 10),
    ]);
    expect((items[3] as { created_at: number }).created_at).toBe(Date.UTC(2026, 0, 5, 8));
    expect(r.statusChanges).toBe(4 + 3 + 1 + 2);
    db.close();
  });

  it('is idempotent and updates in place', async () => {
    const db = newDb();
    await importStageCsv(db, fx('actionable-agile.csv'));
    const first = dump(db);
    await importStageCsv(db, fx('actionable-agile.csv'));
    expect(dump(db)).toEqual(first);
    db.close();
  });

  it('refuses a file with unreadable rows, listing each with its line, ID, column and what was expected', async () => {
    const db = newDb();
    await importStageCsv(db, fx('actionable-agile.csv'));
    const before = dump(db);
    const err = (await importStageCsv(db, fx('bad-rows.csv')).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('bad-rows.csv: 5 rows could not be read; nothing was imported');
    expect(err.message).toMatch(/line 3 \(ID A-2\): column "Development": "05\/01\/2026" is not a date in a known format; expected an ISO 8601/);
    expect(err.message).toMatch(/line 4 \(ID A-3\): 4 fields where the header has 6/);
    expect(err.message).toMatch(/line 5: column "ID": the ID is empty/);
    expect(err.message).toMatch(/line 6 \(ID A-5\): no stage has a date/);
    expect(err.message).toMatch(/line 7 \(ID A-1\): ID A-1 already appears on line 2/);
    expect(dump(db)).toEqual(before);
    db.close();
  });

  it('with skipBadRows imports the readable rows and reports the others', async () => {
    const db = newDb();
    const r = await importStageCsv(db, fx('bad-rows.csv'), { skipBadRows: true });
    expect(r.items).toBe(2);
    expect(r.skippedRows).toHaveLength(5);
    expect(dump(db).items.map((i) => (i as { key: string }).key)).toEqual(['A-1', 'A-7']);
    db.close();
  });

  it('names wrong columns, missing stages, empty files and HTML', async () => {
    const db = newDb();
    await expect(importStageCsv(db, fx('wrong-columns.csv'))).rejects.toThrow(
      /wrong-columns\.csv: line 1 \(header\): no ID column; expected the first columns to be ID .* line 1 has \d+ columns and none is named ID or Key/,
    );
    await expect(importStageCsv(db, fx('no-stages.csv'))).rejects.toThrow(/no-stages\.csv: line 1 \(header\): no stage columns/);
    const empty = tmp.file('empty.csv');
    fs.writeFileSync(empty, '');
    await expect(importStageCsv(db, empty)).rejects.toThrow(/empty\.csv: the file is empty/);
    const html = tmp.file('page.csv');
    fs.writeFileSync(html, '<html><head><title>Sign in</title></head></html>');
    await expect(importStageCsv(db, html)).rejects.toThrow(/page\.csv: line 1: this is an HTML page, not CSV/);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    db.close();
  });
});

describe('vsm import (CLI)', () => {
  const vsm = (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], { cwd: REPO_ROOT }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('imports a CSV and exits 0; bad input exits non-zero with the precise message', async () => {
    const ws = tmp.file('cli.vsm');
    const ok = await vsm('import', 'csv', fx('actionable-agile.csv'), '--workspace', ws);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/imported 4 items, 10 status changes into/);
    const bad = await vsm('import', 'csv', fx('bad-rows.csv'), '--workspace', ws);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/vsm: .*bad-rows\.csv: 5 rows could not be read/);
    const html = tmp.file('login.json');
    fs.writeFileSync(html, '<!doctype html><title>Log in</title>');
    const jira = await vsm('import', 'jira', html, '--workspace', ws, '--json');
    expect(jira.code).toBe(2);
    expect(jira.stderr).toMatch(/login\.json: line 1: this is an HTML page/);
  }, 60_000);
});
