// jirametrics' own test data (test/fixtures/jirametrics: six issues beside its board configuration,
// jira-config.json, meta and statuses files) through the real importer and core into a real workspace: the
// issue files are imported and the others listed with why; Flagged is read without the field-name list;
// status categories, field changes, sprints and issue links are kept; dates without an offset need a zone.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { itemJiraHistory, statusChangeCategories } from '../../shared/store/import-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'jirametrics');
const ISSUE_FILES = ['SP-1.json', 'SP-10.json', 'SP-13.json', 'SP-14.json', 'SP-15.json', 'SP-2.json'];
const tmp = tempDir('flowmap-jira-peers-');
let core: Core;
let ws: string;
let result: Awaited<ReturnType<Core['importJiraFiles']>>;

const ms = (iso: string) => Date.parse(iso);
const raw = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Record<string, unknown>;
/** The workspace's rows as a reader sees them (read-only, beside the core's handle). */
const rows = <T>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(ws, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

/** A copy of some fixture issues with every date written as jirametrics' tests write them: `2021-06-18 18:41:29`, no offset. */
function offsetLessCopy(name: string, files: string[]): string {
  const dir = tmp.file(name);
  fs.mkdirSync(dir);
  for (const f of files) {
    const text = fs.readFileSync(path.join(DIR, f), 'utf8').replace(/"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})\.\d{3}(?:\+0000|Z)"/g, '"$1 $2"');
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

beforeAll(async () => {
  ws = tmp.file('peers.vsm');
  core = createCore({ workspacePath: ws });
  result = await core.importJiraFiles({ path: DIR });
});
afterAll(() => {
  core?.close();
  tmp.cleanup();
});

describe('a jirametrics download folder', () => {
  it('imports the six issue files and lists the other four with why', () => {
    expect(result.items).toBe(6);
    expect(result.warnings).toEqual([]);
    const skipped = new Map(result.skipped.map((s) => [path.basename(s.file), s.reason]));
    expect([...skipped.keys()].sort()).toEqual(['jira-config.json', 'sample_board_1_configuration.json', 'sample_meta.json', 'sample_statuses.json']);
    expect(skipped.get('jira-config.json')).toMatch(/connection settings .*not issues/);
    expect(skipped.get('sample_board_1_configuration.json')).toBe('a board configuration (SP board), not issues');
    expect(skipped.get('sample_meta.json')).toMatch(/download metadata/);
    expect(skipped.get('sample_statuses.json')).toBe("the site's statuses, not issues: read only for their categories (6)");
    expect(result.skipped.every((s) => path.isAbsolute(s.file))).toBe(true);
    expect(rows<{ key: string }>('SELECT key FROM work_items ORDER BY key').map((r) => r.key)).toEqual(ISSUE_FILES.map((f) => f.replace('.json', '')).sort());
  });

  it('reads the current Flagged state with no field-name list: SP-1 and SP-15', () => {
    for (const f of ISSUE_FILES) expect(raw(f).names, f).toBeUndefined();
    const flagged = rows<{ key: string }>("SELECT key FROM work_items WHERE json_extract(fields, '$.flagged') = 1 ORDER BY key").map((r) => r.key);
    expect(flagged).toEqual(['SP-1', 'SP-15']);
    // SP-10's flag came and went (its changelog), 04:33:30.647 to 04:33:55.539 on 2021-09-06.
    expect(rows('SELECT f.at, f.flagged FROM flag_changes f JOIN work_items i ON i.id = f.item_id WHERE i.key = ? ORDER BY f.at', 'SP-10')).toEqual([
      { at: ms('2021-09-06T04:33:30.647Z'), flagged: 1 },
      { at: ms('2021-09-06T04:33:55.539Z'), flagged: 0 },
    ]);
  });

  it('keeps the category of every status its changes go through, Review’s from the statuses file read after the issues', () => {
    expect(statusChangeCategories(openDb(), 'SP-10')).toEqual([
      { to: 'Selected for Development', fromCategory: 'new', toCategory: 'indeterminate' },
      { to: 'In Progress', fromCategory: 'indeterminate', toCategory: 'indeterminate' },
      { to: 'Selected for Development', fromCategory: 'indeterminate', toCategory: 'indeterminate' },
      { to: 'In Progress', fromCategory: 'indeterminate', toCategory: 'indeterminate' },
      { to: 'Review', fromCategory: 'indeterminate', toCategory: 'indeterminate' },
      { to: 'Done', fromCategory: 'indeterminate', toCategory: 'done' },
    ]);
    // No issue is in Review now, and no linked issue shows it: only sample_statuses.json names its category.
    expect(rows("SELECT 1 FROM work_items WHERE json_extract(fields, '$.status') = 'Review'")).toEqual([]);
    // Every status of every change has its category: kept once per status, not per change.
    expect(rows('SELECT status, status_id AS id, category FROM status_categories ORDER BY status')).toEqual([
      { status: 'Backlog', id: '10000', category: 'new' },
      { status: 'Done', id: '10002', category: 'done' },
      { status: 'FakeBacklog', id: '10012', category: 'new' },
      { status: 'In Progress', id: '3', category: 'indeterminate' },
      { status: 'Review', id: '10011', category: 'indeterminate' },
      { status: 'Selected for Development', id: '10001', category: 'indeterminate' },
    ]);
  });

  it('the binding view shows the category of a status no issue is in now, from its changes', async () => {
    const inv = await core.statusInventory({});
    const by = new Map(inv.statuses.map((s) => [s.status, s]));
    expect(by.get('Review')).toMatchObject({ itemsNow: 0, jiraCategory: 'indeterminate' });
    expect(by.get('Done')).toMatchObject({ jiraCategory: 'done' });
    expect(by.get('Backlog')).toMatchObject({ itemsNow: 0, jiraCategory: 'new' });
  });

  it('keeps sprints, story points, fix versions and the priority history', () => {
    const db = openDb();
    const sprint = {
      sprintId: '3',
      name: 'Scrum Sprint 3',
      state: 'active',
      boardId: '2',
      startAt: ms('2022-04-15T00:55:17.688Z'),
      endAt: ms('2022-04-26T16:51:00.000Z'),
      completeAt: null,
    };
    for (const key of ['SP-13', 'SP-14', 'SP-15']) expect(itemJiraHistory(db, key)!.sprints, key).toEqual([sprint]);
    expect(itemJiraHistory(db, 'SP-1')!.sprints).toEqual([]);
    const fields = rows<{ key: string; sp: number | null; fv: string }>(
      "SELECT key, json_extract(fields, '$.storyPoints') AS sp, json_extract(fields, '$.fixVersions') AS fv FROM work_items ORDER BY key",
    );
    expect(Object.fromEntries(fields.map((f) => [f.key, f.sp]))).toEqual({
      'SP-1': null,
      'SP-10': null,
      'SP-13': 13,
      'SP-14': 14,
      'SP-15': null,
      'SP-2': null,
    });
    expect(fields.every((f) => f.fv === '[]')).toBe(true);
    const sp10 = itemJiraHistory(db, 'SP-10')!.fieldChanges;
    expect(sp10.filter((c) => c.field === 'priority').map((c) => [c.fromString, c.toString])).toEqual([
      ['Medium', 'Highest'],
      ['Highest', 'Medium'],
    ]);
    expect(sp10.filter((c) => c.field === 'resolution')).toEqual([
      { at: ms('2021-09-06T04:34:26.239Z'), field: 'resolution', fieldId: 'resolution', fromValue: null, fromString: null, toValue: '10000', toString: 'Done' },
    ]);
    // Rank moves are not kept; the story-point change of SP-13 is.
    expect(sp10.some((c) => c.field === 'Rank')).toBe(false);
    expect(itemJiraHistory(db, 'SP-13')!.fieldChanges.find((c) => c.field === 'Story Points')).toMatchObject({ fieldId: 'customfield_10036', toString: '13' });
  });

  it('keeps issue links from both sides and their history', () => {
    const db = openDb();
    const sp15 = itemJiraHistory(db, 'SP-15')!;
    expect(sp15.issueLinks).toEqual([
      { linkType: 'Blocks', direction: 'inward', description: 'is blocked by', targetKey: 'SP-14' },
      { linkType: 'Cloners', direction: 'outward', description: 'clones', targetKey: 'SP-13' },
    ]);
    expect(sp15.issueLinkChanges).toEqual([
      { at: ms('2022-04-24T16:41:53.653Z'), added: true, targetKey: 'SP-13', description: 'clones' },
      { at: ms('2022-04-24T16:42:42.531Z'), added: true, targetKey: 'SP-14', description: 'is blocked by' },
    ]);
    expect(itemJiraHistory(db, 'SP-14')!.issueLinks).toEqual([{ linkType: 'Blocks', direction: 'outward', description: 'blocks', targetKey: 'SP-15' }]);
    expect(itemJiraHistory(db, 'SP-13')!.issueLinks).toEqual([{ linkType: 'Cloners', direction: 'inward', description: 'is cloned by', targetKey: 'SP-15' }]);
  });

  it('a second import of the same folder replaces, never duplicates, what the first wrote', async () => {
    const again = await core.importJiraFiles({ path: DIR });
    expect(again.items).toBe(6);
    expect(rows<{ n: number }>('SELECT count(*) AS n FROM issue_links')[0]!.n).toBe(4);
    expect(rows<{ n: number }>('SELECT count(*) AS n FROM item_sprints')[0]!.n).toBe(3);
    expect(rows<{ n: number }>("SELECT count(*) AS n FROM field_changes WHERE field = 'priority'")[0]!.n).toBe(2);
  });

  it('reads the folder as jirametrics lays it out: issues in <prefix>_issues/, the other files beside it', async () => {
    const target = tmp.file('target');
    fs.mkdirSync(path.join(target, 'sp_issues'), { recursive: true });
    for (const f of ISSUE_FILES) fs.copyFileSync(path.join(DIR, f), path.join(target, 'sp_issues', f));
    fs.copyFileSync(path.join(DIR, 'sample_statuses.json'), path.join(target, 'sp_statuses.json'));
    fs.copyFileSync(path.join(DIR, 'sample_board_1_configuration.json'), path.join(target, 'sp_board_1_configuration.json'));
    fs.copyFileSync(path.join(DIR, 'sample_meta.json'), path.join(target, 'sp_meta.json'));
    // A users file as jirametrics saves it (GET /rest/api/2/users), shaped after the changelog authors above.
    const author = (raw('SP-1.json').changelog as { histories: Array<{ author: Record<string, unknown> }> }).histories[0]!.author;
    fs.writeFileSync(path.join(target, 'sp_users.json'), JSON.stringify([author]));
    const c = createCore({ workspacePath: tmp.file('target.vsm') });
    try {
      const r = await c.importJiraFiles({ path: target });
      expect(r.items).toBe(6);
      expect(Object.fromEntries(r.skipped.map((s) => [path.basename(s.file), s.reason]))).toEqual({
        'sp_board_1_configuration.json': 'a board configuration (SP board), not issues',
        'sp_meta.json': 'jirametrics download metadata (dates of the last download), not issues',
        'sp_statuses.json': "the site's statuses, not issues: read only for their categories (6)",
        'sp_users.json': 'a list of 1 user, not issues',
      });
    } finally {
      c.close();
    }
  });

  it('a folder holding no issue at all is refused, naming what it holds', async () => {
    const dir = tmp.file('no-issues');
    fs.mkdirSync(dir);
    for (const f of ['jira-config.json', 'sample_board_1_configuration.json']) fs.copyFileSync(path.join(DIR, f), path.join(dir, f));
    const err = await core.importJiraFiles({ path: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    expect((err as Error).message).toMatch(
      /the folder holds no Jira issues; .*jira-config\.json \(jirametrics connection settings.*sample_board_1_configuration\.json \(a board configuration \(SP board\)/,
    );
  });

  it('a single file that holds no issues is still refused (only a folder skips files)', async () => {
    const err = await core.importJiraFiles({ path: path.join(DIR, 'sample_board_1_configuration.json') }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/sample_board_1_configuration\.json: expected a Jira search response .* got an object with keys id, name, type/);
  });
});

/** The core's own workspace handle is private: a second one on the same file, closed with the test file. */
let second: ReturnType<typeof openWorkspace> | null = null;
function openDb() {
  second ??= openWorkspace(ws);
  return second;
}
afterAll(() => second?.close());

describe('dates without a UTC offset', () => {
  const files = ['SP-1.json', 'SP-15.json'];

  it('are refused without a time zone, naming the file, issue, field and the forms expected', async () => {
    const dir = offsetLessCopy('no-zone', files);
    expect(fs.readFileSync(path.join(dir, 'SP-1.json'), 'utf8')).toContain('"created": "2021-06-18 18:41:29"');
    const db = openWorkspace(tmp.file('no-zone.vsm'), { create: true });
    const err = await importJiraFiles(db, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    const msg = (err as Error).message;
    expect(msg).toContain(path.join(dir, 'SP-1.json'));
    expect(msg).toContain('(SP-1)');
    expect(msg).toMatch(/field fields\.created: "2021-06-18 18:41:29" has no UTC offset/);
    expect(msg).toMatch(/--tz Europe\/Berlin.*timeZone in the import.*2018-01-01T01:01:01\.000\+0100/);
    // All or nothing: the first file's failure leaves the workspace empty.
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    db.close();
  });

  it('are read in the zone given: UTC gives the original instants, Europe/Berlin two hours earlier in summer', async () => {
    const dir = offsetLessCopy('zoned', files);
    const created = async (timeZone: string) => {
      const c = createCore({ workspacePath: tmp.file(`zoned-${timeZone.replace('/', '-')}.vsm`) });
      try {
        await c.importJiraFiles({ path: dir, timeZone });
      } finally {
        c.close();
      }
      const db = new Database(tmp.file(`zoned-${timeZone.replace('/', '-')}.vsm`), { readonly: true });
      const out = db
        .prepare(
          "SELECT key, created_at AS c, (SELECT group_concat(at || '@' || source_offset_min) FROM status_changes WHERE item_id = i.id) AS ch FROM work_items i ORDER BY key",
        )
        .all();
      db.close();
      return out as Array<{ key: string; c: number; ch: string }>;
    };
    const utc = await created('UTC');
    // Seconds only: the offset-less copies dropped the milliseconds.
    expect(utc.find((r) => r.key === 'SP-1')!.c).toBe(ms('2021-06-18T18:41:29Z'));
    const berlin = await created('Europe/Berlin');
    expect(berlin.find((r) => r.key === 'SP-1')!.c).toBe(ms('2021-06-18T16:41:29Z'));
    expect(berlin.find((r) => r.key === 'SP-15')!.c).toBe(ms('2022-04-24T14:41:53Z'));
    // Each change keeps the offset the zone had then (CEST, +120 minutes).
    expect(
      berlin
        .find((r) => r.key === 'SP-1')!
        .ch.split(',')
        .every((x) => x.endsWith('@120')),
    ).toBe(true);
  });

  it('an unknown zone is refused at the contract, before any file is read', async () => {
    const dir = offsetLessCopy('bad-zone', files);
    const err = await core.importJiraFiles({ path: dir, timeZone: 'Mars/Olympus' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    expect((err as Error).message).toMatch(/timeZone.*IANA time-zone name/);
  });

  const vsm = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], { cwd: REPO_ROOT }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('vsm import jira lists the skipped files, and takes --tz for offset-less dates', async () => {
    const out = await vsm(['import', 'jira', DIR, '--workspace', tmp.file('cli.vsm')]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^imported 6 items, 14 status changes into .*cli\.vsm in \d+\.\d s\nskipped 4 files holding no issues:\n/);
    expect(out.stdout).toContain(`  ${path.join(DIR, 'sample_board_1_configuration.json')}: a board configuration (SP board), not issues\n`);

    const dir = offsetLessCopy('cli-zone', files);
    const refused = await vsm(['import', 'jira', dir, '--workspace', tmp.file('cli-zone.vsm')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/SP-1\.json \(SP-1\): field fields\.created: "2021-06-18 18:41:29" has no UTC offset/);
    expect(refused.stderr).not.toMatch(/\n\s+at /); // a message, never a stack trace
    const zoned = await vsm(['import', 'jira', dir, '--tz', 'Europe/Berlin', '--workspace', tmp.file('cli-zone.vsm'), '--json']);
    expect(zoned.code).toBe(0);
    expect(JSON.parse(zoned.stdout)).toMatchObject({ items: 2, skipped: [] });
  });
});
