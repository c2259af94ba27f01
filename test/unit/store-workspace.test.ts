import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { demoMap } from '../../shared/demo/demo-data.ts';
import { listBackups } from '../../shared/store/backups.ts';
import { countItems, createItemWriter, streamHistories } from '../../shared/store/item-repo.ts';
import { getMap, latestMapId, listMaps, saveMap } from '../../shared/store/map-repo.ts';
import { SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('opening a workspace', () => {
  it('creates a new file at the current schema, with WAL and foreign keys on', () => {
    const db = openWorkspace(tmp.file('new.vsm'));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a workspace from a newer Flowmap and leaves it untouched', () => {
    const file = tmp.file('newer.vsm');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openWorkspace(file)).toThrowError(/newer Flowmap \(schema \d+; this version knows up to \d+\)/);
    try {
      openWorkspace(file);
    } catch (e) {
      expect((e as FlowmapError).code).toBe('newer-schema');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(file)).toEqual([]);
  });

  it('reports a file that is not a workspace as corrupt, naming the file', () => {
    const file = tmp.file('garbage.vsm');
    fs.writeFileSync(file, Buffer.from('this is not an sqlite database at all, just text '.repeat(200)));
    expect(() => openWorkspace(file)).toThrowError(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*not a readable Flowmap workspace`));
  });

  it('refuses to create a workspace when asked to open an existing one only', () => {
    expect(() => openWorkspace(tmp.file('missing.vsm'), { create: false })).toThrowError(/does not exist/);
    expect(fs.existsSync(tmp.file('missing.vsm'))).toBe(false);
  });
});

describe('maps', () => {
  it('round-trips a vsm-map document and reports the most recently edited one', () => {
    const db = openWorkspace(tmp.file('maps.vsm'));
    const map = demoMap();
    const id = saveMap(db, map, 1000);
    const other = saveMap(db, { ...map, name: 'Second' }, 2000);
    const back = getMap(db, { id });
    expect({ ...back, id: undefined, updatedAt: undefined, revision: undefined }).toEqual({ ...map, id: undefined, updatedAt: undefined, revision: undefined });
    expect(latestMapId(db)).toBe(other);
    saveMap(db, { ...map, description: 'edited' }, 3000);
    expect(latestMapId(db)).toBe(id);
    expect(getMap(db, { id }).description).toBe('edited');
    expect(listMaps(db).map((m) => m.name)).toEqual([map.name, 'Second']);
    expect(() => getMap(db, { name: 'Nope' })).toThrowError(/no map named "Nope"/);
    db.close();
  });
});

describe('items and status changes', () => {
  it('upserts by (source, external id): importing twice does not duplicate, a newer export updates in place', () => {
    const db = openWorkspace(tmp.file('items.vsm'));
    const write = createItemWriter(db);
    const item = {
      source: 'jira',
      externalId: '10001',
      key: 'A-1',
      type: 'Story',
      title: 'First',
      createdAt: 0,
      initialStatus: 'To Do',
      labels: ['x'],
      changes: [
        { at: 10, from: 'To Do', to: 'Doing' },
        { at: 20, from: 'Doing', to: 'Done' },
      ],
    };
    db.transaction(() => write(item))();
    db.transaction(() => write(item))();
    expect(countItems(db)).toEqual({ items: 1, changes: 2 });
    db.transaction(() => write({ ...item, title: 'Renamed', changes: [...item.changes, { at: 30, from: 'Done', to: 'Doing' }] }))();
    expect(countItems(db)).toEqual({ items: 1, changes: 3 });
    const [h] = [...streamHistories(db)];
    expect(h!.title).toBe('Renamed');
    expect(h!.changes.map((c) => c.to)).toEqual(['Doing', 'Done', 'Doing']);
    db.close();
  });

  it('streams histories ordered by instant whatever order they were written in', () => {
    const db = openWorkspace(tmp.file('order.vsm'));
    const write = createItemWriter(db);
    db.transaction(() => {
      write({
        source: 's',
        externalId: '1',
        key: 'K-1',
        type: null,
        title: null,
        createdAt: 0,
        initialStatus: null,
        labels: [],
        changes: [
          { at: 300, from: 'B', to: 'C' },
          { at: 100, from: 'A', to: 'B' },
        ],
      });
      write({ source: 's', externalId: '2', key: 'K-2', type: null, title: null, createdAt: 0, initialStatus: 'Z', labels: [], changes: [] });
    })();
    const hs = [...streamHistories(db)];
    expect(hs.map((h) => h.key)).toEqual(['K-1', 'K-2']);
    expect(hs[0]!.changes.map((c) => c.at)).toEqual([100, 300]);
    expect(hs[1]!.changes).toEqual([]);
    db.close();
  });
});
