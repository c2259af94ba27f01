// Migration 007 (each status change's source UTC offset) and the numbering it comes with: user_version is the
// number of the last migration file applied. A workspace stamped by the older positional numbering (001, 002,
// 003, 006 stamped 4) upgrades to 007 without re-running 006; the importers keep the offset written in the
// source; jira-agile-metrics counts each change on the local date written there.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { sourceOffsetMinutes } from '../../shared/domain/instant.ts';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { importStageCsv } from '../../shared/importers/csv-stages.ts';
import { listBackups } from '../../shared/store/backups.ts';
import { up as m001 } from '../../shared/store/migrations/001-initial.ts';
import { up as m002 } from '../../shared/store/migrations/002-imports.ts';
import { up as m003 } from '../../shared/store/migrations/003-map-revisions.ts';
import { up as m006 } from '../../shared/store/migrations/006-future-states.ts';
import { MIGRATION_NUMBERS, SCHEMA_VERSION, schemaNumber } from '../../shared/store/migrations/index.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-migration-007-');
afterAll(() => tmp.cleanup());

const cols = (db: Database.Database, t: string) =>
  db
    .prepare(`PRAGMA table_info(${t})`)
    .all()
    .map((c) => (c as { name: string }).name);

function oldWorkspace(file: string, migrations: Array<(db: Database.Database) => void>, stamp: number): void {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  for (const m of migrations) m(raw);
  raw.pragma(`user_version = ${stamp}`);
  raw.prepare("INSERT INTO maps (name, doc, done_statuses, created_at, updated_at) VALUES ('Old', '{}', '[\"Done\"]', 1000, 2000)").run();
  raw.prepare("INSERT INTO work_items (source, external_id, key, created_at) VALUES ('jira', '1', 'OLD-1', 0)").run();
  raw.prepare("INSERT INTO status_changes (item_id, at, from_status, to_status, source) VALUES (1, 3600000, 'To Do', 'Done', 'jira')").run();
  raw.close();
}

describe('migration numbering: user_version is the file number', () => {
  it('numbers only grow and no file takes 4 or 5, the stamps the positional numbering wrote', () => {
    expect([...MIGRATION_NUMBERS]).toEqual([...MIGRATION_NUMBERS].sort((a, b) => a - b));
    expect(new Set(MIGRATION_NUMBERS).size).toBe(MIGRATION_NUMBERS.length);
    expect(MIGRATION_NUMBERS).not.toContain(4);
    expect(MIGRATION_NUMBERS).not.toContain(5);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    expect(schemaNumber(4)).toBe(6);
    expect(schemaNumber(3)).toBe(3);
  });

  it('upgrades a workspace stamped 4 by the positional numbering (001–003 and 006 applied): 007 on runs', () => {
    const file = tmp.file('positional-4.vsm');
    oldWorkspace(file, [m001, m002, m003, m006], 4);
    const db = openWorkspace(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(cols(db, 'status_changes')).toContain('source_offset_min');
    // 006 did not run again (it would have failed on its existing tables) and its tables are there.
    expect(cols(db, 'baselines')).toContain('figures');
    expect(db.prepare('SELECT key FROM work_items').pluck().all()).toEqual(['OLD-1']);
    expect(db.prepare('SELECT at, to_status, source_offset_min FROM status_changes').all()).toEqual([
      { at: 3600000, to_status: 'Done', source_offset_min: null },
    ]);
    db.close();
    expect(listBackups(file).map((b) => b.file)).toEqual([expect.stringMatching(new RegExp(`before-migration-4-to-${SCHEMA_VERSION}\\.vsm$`))]);
    // Opened again: nothing left to migrate, no second backup, the schema check accepts it.
    openWorkspace(file).close();
    expect(listBackups(file)).toHaveLength(1);
  });

  it('upgrades a workspace at 3 through 006 and 007', () => {
    const file = tmp.file('v3.vsm');
    oldWorkspace(file, [m001, m002, m003], 3);
    const db = openWorkspace(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(cols(db, 'map_states')).toEqual(['map_id', 'current_map_id', 'kind', 'created_at']);
    expect(cols(db, 'status_changes')).toContain('source_offset_min');
    db.close();
  });

  it('refuses a workspace stamped above the highest file number', () => {
    const file = tmp.file('newer.vsm');
    oldWorkspace(file, [m001, m002, m003, m006], SCHEMA_VERSION + 1);
    expect(() => openWorkspace(file)).toThrow(`newer Flowmap (schema ${SCHEMA_VERSION + 1}; this version knows up to ${SCHEMA_VERSION})`);
  });
});

describe('the source offset of each status change', () => {
  it('reads the offset written in a timestamp, in minutes east of UTC', () => {
    expect(sourceOffsetMinutes('2018-01-03T09:00:00.000+1000')).toBe(600);
    expect(sourceOffsetMinutes('2020-06-12T00:17:32.778+00:00')).toBe(0);
    expect(sourceOffsetMinutes('2026-03-29T01:30:00-05:30')).toBe(-330);
    expect(sourceOffsetMinutes('2026-01-05T08:12:33Z')).toBe(0);
    expect(sourceOffsetMinutes('2026-01-05')).toBeNull();
    expect(sourceOffsetMinutes('2026-01-05T08:12:33')).toBeNull();
    expect(sourceOffsetMinutes('not a date')).toBeNull();
  });

  const issue = (key: string, created: string, histories: [string, string, string][]) => ({
    id: key.replace(/\D/g, ''),
    key,
    fields: { created, summary: key, issuetype: { name: 'Story' }, status: { name: histories.at(-1)![2] } },
    changelog: {
      histories: histories.map(([at, from, to], i) => ({
        id: String(i + 1),
        created: at,
        items: [{ field: 'status', fieldtype: 'jira', fromString: from, toString: to }],
      })),
    },
  });

  it('Jira keeps the offset of each change; jira-agile-metrics counts it on the local date written there', async () => {
    const file = tmp.file('sydney.vsm');
    const json = tmp.file('sydney.json');
    // Written in Sydney (+1000): committed 3 Jan 09:00 local (2 Jan 23:00 UTC), done 6 Jan 15:00 local (6 Jan 05:00 UTC).
    fs.writeFileSync(
      json,
      JSON.stringify({
        issues: [
          issue('SYD-1', '2018-01-03T08:00:00.000+1000', [
            ['2018-01-03T09:00:00.000+1000', 'Backlog', 'Next'],
            ['2018-01-06T15:00:00.000+1000', 'Next', 'Done'],
          ]),
        ],
      }),
    );
    const db = openWorkspace(file, { create: true });
    await importJiraFiles(db, json);
    expect(db.prepare('SELECT source_offset_min FROM status_changes ORDER BY at').pluck().all()).toEqual([600, 600]);
    const core = createCore({ workspacePath: file, db });
    const { id: mapId } = await core.saveMap({
      map: {
        format: 'vsm-map',
        version: 1,
        name: 'Sydney',
        doneStatuses: ['Done'],
        steps: [
          { id: 'backlog', name: 'Backlog', waitStatuses: ['Backlog'], activeStatuses: [] },
          { id: 'committed', name: 'Committed', waitStatuses: ['Next'], activeStatuses: [] },
        ],
        flows: [{ from: 'backlog', to: 'committed' }],
      },
    });
    const q = { mapId, asOf: '2018-02-01T00:00:00Z', startStepId: 'committed' };
    // The map's zone is UTC: 2 Jan → 6 Jan. jira-agile-metrics reads the dates written in Sydney: 3 Jan → 6 Jan.
    const jam = await core.call('conventionFigures', { ...q, convention: 'jira-agile-metrics' });
    expect(jam.cycleTime.p50).toBe(3);
    // Creation keeps its offset there (only change dates drop it): created 2 Jan 22:00 UTC → 6 Jan = 4 days.
    expect(jam.leadTime.p50).toBe(4);
    const jm = await core.call('conventionFigures', { ...q, convention: 'jirametrics' });
    expect(jm.cycleTime.p50).toBe(5); // UTC dates 2 Jan … 6 Jan, both ends counted
    const cmp = await core.call('compareConventions', { ...q, a: 'jirametrics', b: 'jira-agile-metrics' });
    expect(cmp.items[0]!.rules.map((r) => r.rule)).toContain('source-local-date');
    core.close();
  });

  it('a stage-date CSV keeps null for plain dates and the offset of a date-time that has one', async () => {
    const file = tmp.file('csv.vsm');
    const csv = tmp.file('stages.csv');
    fs.writeFileSync(csv, 'ID,Name,Backlog,Doing,Done\nX-1,One,2026-01-05,2026-01-06T10:00:00+02:00,2026-01-07\n');
    const db = openWorkspace(file, { create: true });
    await importStageCsv(db, csv);
    expect(db.prepare('SELECT to_status, source_offset_min FROM status_changes ORDER BY at').raw().all()).toEqual([
      ['Doing', 120],
      ['Done', null],
    ]);
    db.close();
  });
});
