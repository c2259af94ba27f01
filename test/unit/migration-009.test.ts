// Migration 009 (what later analyses need from a Jira history): a workspace at 008 upgrades with a backup first,
// its items and changes kept, with no status category until re-imported; a re-import of jirametrics' folder
// fills the status categories, field changes, sprints and issue links in place (same item ids); the schema check
// knows the new objects; the new tables refuse what they cannot hold.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { listBackups } from '../../shared/store/backups.ts';
import { statusChangeCategories } from '../../shared/store/import-repo.ts';
import { up as m001 } from '../../shared/store/migrations/001-initial.ts';
import { up as m002 } from '../../shared/store/migrations/002-imports.ts';
import { up as m003 } from '../../shared/store/migrations/003-map-revisions.ts';
import { up as m006 } from '../../shared/store/migrations/006-future-states.ts';
import { up as m007 } from '../../shared/store/migrations/007-change-offsets.ts';
import { up as m008 } from '../../shared/store/migrations/008-item-urls.ts';
import { MIGRATION_NUMBERS, SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { expectedSchema } from '../../shared/store/schema-check.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'jirametrics');
const tmp = tempDir('flowmap-migration-009-');
afterAll(() => tmp.cleanup());

const NEW_TABLES = ['status_categories', 'field_changes', 'item_sprints', 'issue_links', 'issue_link_changes'];
const cols = (db: Database.Database, table: string) =>
  db
    .prepare(`PRAGMA table_info(${table})`)
    .all()
    .map((c) => (c as { name: string }).name);

describe('migration 009: status categories, field changes, sprints, issue links', () => {
  it('is numbered 9 and the schema check expects its objects from 9 on', () => {
    expect(MIGRATION_NUMBERS).toContain(9);
    expect(MIGRATION_NUMBERS.indexOf(9)).toBe(MIGRATION_NUMBERS.indexOf(8) + 1);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    const at8 = expectedSchema(8);
    const at9 = expectedSchema(9);
    for (const t of NEW_TABLES) {
      expect(at8.has(`table ${t}`), t).toBe(false);
      expect(at9.has(`table ${t}`), t).toBe(true);
    }
    // The changes themselves are untouched: a category is kept once per status, not on each of them.
    expect(at9.get('table status_changes')!.sql).toBe(at8.get('table status_changes')!.sql);
  });

  it('upgrades a workspace at 8: backup first, changes kept without categories, then a re-import fills everything in place', async () => {
    const file = tmp.file('v8.vsm');
    {
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      for (const m of [m001, m002, m003, m006, m007, m008]) m(raw);
      raw.pragma('user_version = 8');
      // SP-1 as the 008 code wrote it: one item with one status change, no category anywhere.
      raw.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '10008', 'SP-1', 0)").run();
      raw
        .prepare("INSERT INTO status_changes (item_id, at, from_status, to_status, source) VALUES (1, 1, 'Backlog', 'Selected for Development', 'jira')")
        .run();
      raw.close();
    }
    const db = openWorkspace(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(listBackups(file).map((b) => b.file)).toEqual([expect.stringMatching(new RegExp(`before-migration-8-to-${SCHEMA_VERSION}\\.vsm$`))]);
    expect(cols(db, 'status_categories')).toEqual(['source', 'status', 'status_id', 'category']);
    for (const t of NEW_TABLES) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    expect(statusChangeCategories(db, 'SP-1')).toEqual([{ to: 'Selected for Development', fromCategory: null, toCategory: null }]);

    await importJiraFiles(db, DIR);
    // SP-1 was updated in place (same id), its changes replaced, now with categories.
    expect(db.prepare("SELECT id FROM work_items WHERE key = 'SP-1'").pluck().get()).toBe(1);
    expect(statusChangeCategories(db, 'SP-1')).toEqual([
      { to: 'Selected for Development', fromCategory: 'new', toCategory: 'indeterminate' },
      { to: 'In Progress', fromCategory: 'indeterminate', toCategory: 'indeterminate' },
    ]);
    expect(Object.fromEntries(NEW_TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]))).toEqual({
      status_categories: 6,
      field_changes: 10,
      item_sprints: 3,
      issue_links: 4,
      issue_link_changes: 4,
    });
    db.close();
    openWorkspace(file).close();
    expect(listBackups(file)).toHaveLength(1);
  });

  it('the new tables refuse what they cannot hold, and go with their item', () => {
    const db = openWorkspace(tmp.file('checks.vsm'), { create: true });
    db.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '1', 'A-1', 0)").run();
    expect(() => db.prepare("INSERT INTO issue_links (item_id, link_type, direction, target_key) VALUES (1, 'Blocks', 'sideways', 'A-2')").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => db.prepare("INSERT INTO issue_link_changes (item_id, at, added, target_key) VALUES (1, 0, 2, 'A-2')").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => db.prepare("INSERT INTO field_changes (item_id, at, field) VALUES (99, 0, 'priority')").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("INSERT INTO status_categories (source, status) VALUES ('jira', 'Done')").run()).toThrow(/NOT NULL constraint failed/);
    db.prepare("INSERT INTO issue_links (item_id, link_type, direction, target_key) VALUES (1, 'Blocks', 'inward', 'A-2')").run();
    db.prepare("INSERT INTO item_sprints (item_id, sprint_id) VALUES (1, '3')").run();
    db.prepare('DELETE FROM work_items WHERE id = 1').run();
    expect(db.prepare('SELECT (SELECT count(*) FROM issue_links) + (SELECT count(*) FROM item_sprints)').pluck().get()).toBe(0);
    db.close();
  });
});
