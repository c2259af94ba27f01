// Migration 008 (each item's web page): a workspace at 007 upgrades with a backup first, its items kept and
// without a url until re-imported; a re-import fills it in place (same item ids, no duplicates) in one atomic
// import; the column refuses anything but https; the schema check knows the new column.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { listBackups } from '../../shared/store/backups.ts';
import { up as m001 } from '../../shared/store/migrations/001-initial.ts';
import { up as m002 } from '../../shared/store/migrations/002-imports.ts';
import { up as m003 } from '../../shared/store/migrations/003-map-revisions.ts';
import { up as m006 } from '../../shared/store/migrations/006-future-states.ts';
import { up as m007 } from '../../shared/store/migrations/007-change-offsets.ts';
import { MIGRATION_NUMBERS, SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { expectedSchema } from '../../shared/store/schema-check.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { jiraBoard8Issues } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-migration-008-');
afterAll(() => tmp.cleanup());

const cols = (db: Database.Database) =>
  db
    .prepare('PRAGMA table_info(work_items)')
    .all()
    .map((c) => (c as { name: string }).name);

/** A workspace as Flowmap at schema 7 wrote it, holding the first three DevLake issues. */
async function workspaceAt7(file: string, json: string): Promise<void> {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  for (const m of [m001, m002, m003, m006, m007]) m(raw);
  raw.pragma('user_version = 7');
  raw.close();
  fs.writeFileSync(json, JSON.stringify(jiraBoard8Issues().slice(0, 3)));
}

describe('migration 008: work_items.url', () => {
  it('is numbered 8 and the schema check expects its column from 8 on', () => {
    expect(MIGRATION_NUMBERS).toContain(8);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
    expect(expectedSchema(7).get('table work_items')!.sql).not.toContain('url');
    expect(expectedSchema(8).get('table work_items')!.sql).toMatch(/url TEXT CHECK/);
  });

  it('upgrades a workspace at 7: backup first, items kept with no url, then a re-import fills it in place', async () => {
    const file = tmp.file('v7.vsm');
    const json = tmp.file('three.json');
    await workspaceAt7(file, json);
    // Items written by the 007 code (no url column yet): the same path the older app took.
    {
      const old = new Database(file);
      old.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '10063', 'EE-1', 0)").run();
      old.close();
    }
    const db = openWorkspace(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(cols(db)).toContain('url');
    expect(listBackups(file).map((b) => b.file)).toEqual([expect.stringMatching(new RegExp(`before-migration-7-to-${SCHEMA_VERSION}\\.vsm$`))]);
    expect(db.prepare('SELECT id, key, url FROM work_items').all()).toEqual([{ id: 1, key: 'EE-1', url: null }]);

    await importJiraFiles(db, json);
    // EE-1 was updated in place (same id), the two others added; each has its page.
    expect(db.prepare('SELECT id, key, url FROM work_items ORDER BY id').all()).toEqual([
      { id: 1, key: 'EE-1', url: 'https://merico.atlassian.net/browse/EE-1' },
      { id: 2, key: 'EE-2', url: 'https://merico.atlassian.net/browse/EE-2' },
      { id: 3, key: 'EE-3', url: 'https://merico.atlassian.net/browse/EE-3' },
    ]);
    db.close();
    openWorkspace(file).close();
    expect(listBackups(file)).toHaveLength(1);
  });

  it('an import that fails writes no url either: imports stay all or nothing', async () => {
    const file = tmp.file('atomic.vsm');
    const db = openWorkspace(file, { create: true });
    const json = tmp.file('broken.json');
    const issues = jiraBoard8Issues().slice(0, 3);
    // The third issue has no creation date: the whole file is refused.
    delete (issues[2]!.fields as Record<string, unknown>).created;
    fs.writeFileSync(json, JSON.stringify(issues));
    await expect(importJiraFiles(db, json)).rejects.toThrow(/fields\.created/);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    db.close();
  });

  it('the column refuses any address but https, whoever writes it', () => {
    const db = openWorkspace(tmp.file('check.vsm'), { create: true });
    const ins = db.prepare("INSERT INTO work_items (source, external_id, key, created_at, url) VALUES ('x', ?, ?, 0, ?)");
    ins.run('1', 'A-1', 'https://jira.example.com/browse/A-1');
    ins.run('2', 'A-2', null);
    for (const bad of ['javascript:alert(1)', 'http://jira.example.com/browse/A-3', 'data:text/html,x', 'HTTPS://upper.example/', ' https://space.example/']) {
      expect(() => ins.run(bad, bad, bad), bad).toThrow(/CHECK constraint failed/);
    }
    db.close();
  });
});
