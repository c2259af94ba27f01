import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../shared/store/backups.ts';
import { up as m001 } from '../../shared/store/migrations/001-initial.ts';
import { SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-migration-');
afterAll(() => tmp.cleanup());

describe('migration 002 (importer tables)', () => {
  it('upgrades a v1 workspace in place: data kept, a backup taken first, new tables usable', () => {
    const file = tmp.file('v1.vsm');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    m001(raw);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO work_items (source, external_id, key, created_at, labels) VALUES ('jira', '10063', 'EE-1', 1000, '[\"a\"]')").run();
    raw.prepare("INSERT INTO status_changes (item_id, at, from_status, to_status, source) VALUES (1, 2000, 'To Do', 'Done', 'jira')").run();
    raw.prepare("INSERT INTO meta (key, value) VALUES ('defaultAsOf', '2026-01-01T00:00:00.000Z')").run();
    raw.close();

    const db = openWorkspace(file);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT key, labels FROM work_items').all()).toEqual([{ key: 'EE-1', labels: '["a"]' }]);
    expect(db.prepare('SELECT at, to_status FROM status_changes').all()).toEqual([{ at: 2000, to_status: 'Done' }]);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'defaultAsOf'").pluck().get()).toBe('2026-01-01T00:00:00.000Z');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['flag_changes', 'assignee_changes', 'item_links', 'commits', 'releases', 'import_runs', 'sync_state']));
    // flag_changes has exactly the columns the metrics engine reads, and cascades with its item.
    expect(
      db
        .prepare('PRAGMA table_info(flag_changes)')
        .all()
        .map((c) => (c as { name: string }).name),
    ).toEqual(['item_id', 'at', 'flagged']);
    db.prepare('INSERT INTO flag_changes (item_id, at, flagged) VALUES (1, 1500, 1)').run();
    expect(() => db.prepare('INSERT INTO flag_changes (item_id, at, flagged) VALUES (1, 1600, 2)').run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM work_items WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM flag_changes').pluck().get()).toBe(0);
    db.close();

    const backups = listBackups(file);
    expect(backups).toHaveLength(1);
    expect(backups[0]!.file).toMatch(/before-migration-1-to-\d+\.vsm$/);
    const old = new Database(backups[0]!.file, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(1);
    old.close();
  });

  it('a new workspace gets every table at once, without a backup', () => {
    const file = tmp.file('new.vsm');
    const db = openWorkspace(file);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'").pluck().get()).toBe(1);
    db.close();
    expect(listBackups(file)).toEqual([]);
  });
});
