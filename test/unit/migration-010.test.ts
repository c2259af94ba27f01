// Migration 010 (the item snapshot kept in the workspace): a saved snapshot equals the one read from the tables,
// on the demo and on jirametrics' imported folder; every write to the tables it is built from drops it, whichever
// connection writes; a blob that fails a check is never used (the tables are read and the blob replaced); a
// read-only or locked workspace still opens, without waiting and without saving; a workspace at 9 upgrades.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { listBackups } from '../../shared/store/backups.ts';
import { loadItemSnapshot, readItemSnapshotFromTables, type ItemSnapshot } from '../../shared/store/item-snapshot.ts';
import { MIGRATIONS, MIGRATION_NUMBERS, SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { expectedSchema } from '../../shared/store/schema-check.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const JIRAMETRICS = path.join(REPO_ROOT, 'test', 'fixtures', 'jirametrics');
const tmp = tempDir('flowmap-migration-010-');
afterAll(() => tmp.cleanup());

/** Everything a snapshot holds, as plain arrays (typed arrays compared element by element). */
function plain(s: ItemSnapshot) {
  const { source: _source, stamp: _stamp, ...rest } = s;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
}
const pad8 = (x: number) => (x + 7) & ~7;
const counts = (b: Buffer) => JSON.parse(b.subarray(12, 12 + b.readUInt32LE(8)).toString('utf8')) as { n: number; m: number };
/** Where section i of the blob starts (snapshot-codec.ts's order: ids, created, type, initial, changeStart, at, from, to, …). */
function section(b: Buffer, i: number): number {
  const { n, m } = counts(b);
  let at = pad8(12 + b.readUInt32LE(8));
  for (const bytes of [n * 4, n * 8, n * 4, n * 4, (n + 1) * 4, m * 8, m * 4].slice(0, i)) at = pad8(at + bytes);
  return at;
}
const savedRows = (db: Database.Database) => db.prepare('SELECT count(*) FROM item_snapshots').pluck().get();

describe('migration 010: the item snapshot kept in the workspace', () => {
  it('is numbered 10 and the schema check expects its table and its nine triggers from 10 on', () => {
    expect(MIGRATION_NUMBERS.indexOf(10)).toBe(MIGRATION_NUMBERS.indexOf(9) + 1);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
    const at9 = expectedSchema(9);
    const at10 = expectedSchema(10);
    expect(at9.has('table item_snapshots')).toBe(false);
    expect(at10.has('table item_snapshots')).toBe(true);
    const triggers = [...at10.values()].filter((o) => o.type === 'trigger').map((o) => `${o.tbl_name} ${o.name}`);
    expect(triggers.sort()).toEqual(
      ['work_items', 'status_changes', 'flag_changes'].flatMap((t) => ['insert', 'update', 'delete'].map((op) => `${t} item_snapshots_${t}_${op}`)).sort(),
    );
  });

  it('a workspace at 9 upgrades with a backup first; its first read saves the snapshot, the next read uses it', () => {
    const file = tmp.file('v9.vsm');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const up of MIGRATIONS.slice(0, MIGRATION_NUMBERS.indexOf(9) + 1)) up(raw);
    raw.pragma('user_version = 9');
    raw.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '1', 'A-1', 0)").run();
    raw.prepare("INSERT INTO status_changes (item_id, at, from_status, to_status, source) VALUES (1, 5, 'To Do', 'Doing', 'jira')").run();
    raw.close();
    const db = openWorkspace(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(listBackups(file).map((b) => b.file)).toEqual([expect.stringMatching(/before-migration-9-to-\d+\.vsm$/)]);
    expect(savedRows(db)).toBe(0);
    const first = loadItemSnapshot(db);
    expect(first.source).toBe('tables');
    expect(savedRows(db)).toBe(1);
    const second = loadItemSnapshot(db);
    expect(second.source).toBe('saved');
    expect(plain(second)).toEqual(plain(first));
    expect(second.keys).toEqual(['A-1']);
    expect([...second.at]).toEqual([5]);
    db.close();
  });

  it('a saved snapshot equals the tables on the demo and on an imported Jira folder', async () => {
    const demo = createDemoWorkspace(tmp.file('demo.vsm'));
    const jira = openWorkspace(tmp.file('jira.vsm'), { create: true });
    await importJiraFiles(jira, JIRAMETRICS);
    for (const db of [demo, jira]) {
      expect(loadItemSnapshot(db).source).toBe('tables');
      const saved = loadItemSnapshot(db);
      expect(saved.source).toBe('saved');
      const fresh = readItemSnapshotFromTables(db);
      expect(fresh.count).toBeGreaterThan(0);
      expect(plain(saved)).toEqual(plain(fresh));
      db.close();
    }
  });

  it('every insert, update and delete on the three tables drops the saved snapshot', () => {
    const db = openWorkspace(tmp.file('writes.vsm'), { create: true });
    db.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '1', 'A-1', 0)").run();
    db.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '2', 'A-2', 0)").run();
    const writes = [
      "INSERT INTO status_changes (item_id, at, from_status, to_status, source) VALUES (1, 5, 'To Do', 'Doing', 'jira')",
      "UPDATE status_changes SET to_status = 'Done'",
      'DELETE FROM status_changes',
      'INSERT INTO flag_changes (item_id, at, flagged) VALUES (1, 7, 1)',
      'UPDATE flag_changes SET flagged = 0',
      'DELETE FROM flag_changes',
      "UPDATE work_items SET type = 'Bug' WHERE id = 1",
      'DELETE FROM work_items WHERE id = 2',
      "INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '3', 'A-3', 0)",
    ];
    for (const sql of writes) {
      loadItemSnapshot(db);
      expect(savedRows(db), 'before').toBe(1);
      db.prepare(sql).run();
      expect(savedRows(db), sql).toBe(0);
      // What comes next is read from the tables: it shows the write.
      expect(plain(loadItemSnapshot(db))).toEqual(plain(readItemSnapshotFromTables(db)));
    }
    expect(loadItemSnapshot(db).types).toEqual(['Bug', null]);
    db.close();
  });

  it('the core sees another connection’s import, not the snapshot it saved before', async () => {
    const file = tmp.file('core.vsm');
    openWorkspace(file, { create: true }).close();
    const core = createCore({ workspacePath: file });
    expect((await core.workspaceInfo({})).items).toBe(0);
    expect(core.timelineStats().loads).toBe(0);
    const other = openWorkspace(file);
    await importJiraFiles(other, JIRAMETRICS);
    const items = other.prepare('SELECT count(*) FROM work_items').pluck().get() as number;
    other.close();
    expect((await core.workspaceStatuses({})).length).toBeGreaterThan(0);
    core.close();
    // A new process on the same file starts from the saved snapshot, with the same statuses.
    const again = createCore({ workspacePath: file });
    const statuses = await again.workspaceStatuses({});
    expect(again.timelineStats()).toMatchObject({ loads: 1, savedLoads: 1 });
    expect(statuses.reduce((a, s) => Math.max(a, s.items), 0)).toBeLessThanOrEqual(items);
    again.close();
  });

  it('a blob that fails any check is not used: the tables are read and a good blob saved in its place', async () => {
    const db = openWorkspace(tmp.file('hostile.vsm'), { create: true });
    await importJiraFiles(db, JIRAMETRICS);
    loadItemSnapshot(db);
    const good = db.prepare('SELECT data FROM item_snapshots').pluck().get() as Buffer;
    const truth = plain(readItemSnapshotFromTables(db));
    const header = good.readUInt32LE(8);
    const tamper: Array<[string, (b: Buffer) => Buffer]> = [
      ['truncated', (b) => b.subarray(0, b.length - 8)],
      ['not a snapshot', (b) => Buffer.concat([Buffer.from('nope'), b.subarray(4)])],
      ['header not JSON', (b) => (b.fill(0x7b, 12, 20), b)],
      ['header length past the end', (b) => (b.writeUInt32LE(0xffffff, 8), b)],
      ['a status index out of the dictionary', (b) => (b.writeInt32LE(0x7fffffff, section(b, 7)), b)],
      ['changes out of their item ranges', (b) => (b.writeInt32LE(-3, section(b, 4) + 4), b)],
      ['an extra trailing section', (b) => Buffer.concat([b, Buffer.alloc(8)])],
      [
        'item count off by one',
        (b) =>
          Buffer.from(
            b.toString('latin1').replace(/"n":(\d+)/, (_m, n: string) => `"n":${Number(n) + 1}`),
            'latin1',
          ),
      ],
      [
        'another workspace’s rows',
        (b) =>
          Buffer.from(
            b.toString('latin1').replace(/"maxChange":(\d+)/, (_m, n: string) => `"maxChange":${Number(n) + 9}`),
            'latin1',
          ),
      ],
      ['empty', () => Buffer.alloc(0)],
      ['items out of order', (b) => (b.writeInt32LE(0, section(b, 0) + 4), b)],
    ];
    expect(header).toBeGreaterThan(0);
    for (const [what, change] of tamper) {
      db.prepare('UPDATE item_snapshots SET data = ?').run(change(Buffer.from(good)));
      const s = loadItemSnapshot(db);
      expect(s.source, what).toBe('tables');
      expect(plain(s), what).toEqual(truth);
      expect(Buffer.compare(db.prepare('SELECT data FROM item_snapshots').pluck().get() as Buffer, good), what).toBe(0);
    }
    db.close();
  });

  it('a read-only or locked workspace opens from its tables without saving and without waiting for the lock', async () => {
    const file = tmp.file('locked.vsm');
    const db = openWorkspace(file, { create: true });
    await importJiraFiles(db, JIRAMETRICS);
    db.close();
    const ro = new Database(file, { readonly: true });
    expect(loadItemSnapshot(ro).source).toBe('tables');
    expect(savedRows(ro)).toBe(0);
    ro.close();
    const writer = new Database(file);
    writer.pragma('busy_timeout = 5000');
    writer.exec('BEGIN IMMEDIATE');
    const reader = openWorkspace(file);
    const t = performance.now();
    expect(loadItemSnapshot(reader).source).toBe('tables');
    expect(performance.now() - t).toBeLessThan(2500);
    expect(reader.pragma('busy_timeout', { simple: true })).toBe(5000);
    writer.exec('ROLLBACK');
    writer.close();
    expect(savedRows(reader)).toBe(0);
    expect(loadItemSnapshot(reader).source).toBe('tables');
    expect(loadItemSnapshot(reader).source).toBe('saved');
    reader.close();
  });
});
