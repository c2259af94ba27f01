import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { parseInstant } from '../../shared/domain/instant.ts';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { openWorkspace, type Db } from '../../shared/store/open-workspace.ts';
import { DEVLAKE, jiraBoard8Issues, readCsv } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-import-jira-');
afterAll(() => tmp.cleanup());

const issues = jiraBoard8Issues();
let n = 0;
const newDb = (): Db => openWorkspace(tmp.file(`ws-${++n}.vsm`));
const write = (name: string, content: string | object): string => {
  const file = tmp.file(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

/** Everything an import writes, in a stable order keyed by external id, to compare workspaces. */
function snapshot(db: Db) {
  const by = (table: string, cols: string) =>
    db.prepare(`SELECT w.external_id, ${cols} FROM ${table} t JOIN work_items w ON w.id = t.item_id ORDER BY w.external_id, ${cols}`).all();
  return {
    items: db.prepare('SELECT source, external_id, key, type, title, created_at, initial_status, labels, fields FROM work_items ORDER BY external_id').all(),
    changes: db
      .prepare(
        'SELECT w.external_id, t.at, t.from_status, t.to_status, t.from_id, t.to_id, t.source FROM status_changes t JOIN work_items w ON w.id = t.item_id ORDER BY w.external_id, t.at, t.id',
      )
      .all(),
    flags: by('flag_changes', 't.at, t.flagged'),
    assignees: by('assignee_changes', 't.at, t.assignee_id, t.assignee_name'),
    links: by('item_links', 't.kind, t.target_source, t.target_key'),
  };
}

const expectedStatusChanges = readCsv(path.join(DEVLAKE, 'issue_trace', 'raw_tables', 'issue_changelogs.csv'))
  .filter((r) => r.field_name === 'status' && r.issue_id!.startsWith('jira:JiraIssue:2:'))
  .map((r) => `${r.issue_id!.split(':').pop()}|${parseInstant(r.created_date!, 'oracle')}|${r.original_from_value}|${r.original_to_value}`)
  .sort();

function actualStatusChanges(db: Db): string[] {
  return (
    db.prepare('SELECT w.external_id, c.at, c.from_status, c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id').raw().all() as Array<
      [string, number, string | null, string]
    >
  )
    .map(([id, at, from, to]) => `${id}|${at}|${from ?? ''}|${to}`)
    .sort();
}

describe('Jira files: the 30 real DevLake issues', () => {
  it('imports exactly the 165 historical status changes as UTC instants', async () => {
    const db = newDb();
    const file = write('search.json', { startAt: 0, maxResults: 50, total: issues.length, issues });
    const r = await importJiraFiles(db, file);
    expect(r.items).toBe(30);
    expect(r.statusChanges).toBe(165);
    expect(expectedStatusChanges).toHaveLength(165);
    expect(actualStatusChanges(db)).toEqual(expectedStatusChanges);
    db.close();
  });

  it('keeps created and resolution instants so lead times equal the snapshot', async () => {
    const db = newDb();
    await importJiraFiles(db, write('search-lt.json', { startAt: 0, total: 30, issues }));
    const oracle = readCsv(path.join(DEVLAKE, 'jira', 'snapshot_tables', 'issues.csv'));
    expect(oracle).toHaveLength(30);
    for (const o of oracle) {
      const row = db
        .prepare(
          "SELECT key, type, created_at, json_extract(fields, '$.resolvedAt') AS resolved, json_extract(fields, '$.status') AS status FROM work_items WHERE external_id = ?",
        )
        .get(o.id!.split(':').pop()) as { key: string; type: string; created_at: number; resolved: number; status: string };
      expect(row.key).toBe(o.issue_key);
      expect(row.created_at).toBe(parseInstant(o.created_date!, 'oracle'));
      expect(row.resolved).toBe(parseInstant(o.resolution_date!, 'oracle'));
      expect(Math.floor((row.resolved - row.created_at) / 60_000)).toBe(Number(o.lead_time_minutes));
      expect(row.type).toBe(o.original_type);
      expect(row.status).toBe(o.original_status);
    }
    db.close();
  });

  it('reproduces the issue_trace status history (first status = first change from, at creation)', async () => {
    const db = newDb();
    await importJiraFiles(db, write('search-trace.json', { issues }));
    const expected = readCsv(path.join(DEVLAKE, 'issue_trace', 'snapshot_tables', 'issue_status_history.csv'))
      .filter((r) => r.issue_id!.startsWith('jira:JiraIssue:2:') && r.issue_id !== 'jira:JiraIssue:2:10100')
      .map((r) => `${r.issue_id!.split(':').pop()}|${r.original_status}|${parseInstant(r.start_date!, 'oracle')}`)
      .sort();
    const actual: string[] = [];
    for (const item of db.prepare('SELECT id, external_id, created_at, initial_status FROM work_items').all() as Array<{
      id: number;
      external_id: string;
      created_at: number;
      initial_status: string;
    }>) {
      actual.push(`${item.external_id}|${item.initial_status}|${item.created_at}`);
      for (const c of db.prepare('SELECT at, to_status FROM status_changes WHERE item_id = ? ORDER BY at, id').all(item.id) as Array<{
        at: number;
        to_status: string;
      }>) {
        actual.push(`${item.external_id}|${c.to_status}|${c.at}`);
      }
    }
    // The snapshot's key is (issue, status, start): equal starts collapse there.
    expect([...new Set(actual)].sort()).toEqual([...new Set(expected)].sort());
    db.close();
  });

  it('keeps assignee history, status ids, labels, components, resolution and epic links', async () => {
    const db = newDb();
    await importJiraFiles(db, write('search-extra.json', { issues }));
    const assignees = (db.prepare('SELECT count(*) AS n FROM assignee_changes').get() as { n: number }).n;
    const raw = issues.flatMap((i) =>
      ((i.changelog as { histories: Array<{ items: Array<{ field: string }> }> }).histories ?? []).flatMap((h) =>
        h.items.filter((it) => it.field === 'assignee'),
      ),
    );
    expect(assignees).toBe(raw.length);
    expect(assignees).toBe(41);
    const ids = db.prepare('SELECT DISTINCT to_id FROM status_changes WHERE to_status = ?').pluck().all('已完成');
    expect(ids).toEqual(['10068']);
    const ee1 = db.prepare("SELECT labels, fields FROM work_items WHERE key = 'EE-1'").get() as { labels: string; fields: string };
    expect(JSON.parse(ee1.labels)).toEqual(['frontEnd', 'Saas']);
    expect(JSON.parse(ee1.fields)).toMatchObject({ statusId: '10068', resolution: expect.any(String), components: [] });
    const epics = db.prepare("SELECT count(*) FROM item_links WHERE kind = 'epic'").pluck().get() as number;
    expect(epics).toBeGreaterThan(0);
    db.close();
  });
});

describe('Jira files: every input shape gives the same workspace', () => {
  const shapes: Array<[string, () => string]> = [
    ['one search response', () => write('shape/search.json', { startAt: 0, maxResults: 100, total: 30, issues })],
    [
      'an array of pages',
      () =>
        write('shape/pages.json', [
          { startAt: 0, maxResults: 20, total: 30, issues: issues.slice(0, 20) },
          { startAt: 20, maxResults: 20, total: 30, issues: issues.slice(20) },
        ]),
    ],
    ['an array of issues', () => write('shape/array.json', issues)],
    ['newline-delimited issues', () => write('shape/issues.ndjson', issues.map((i) => JSON.stringify(i)).join('\n') + '\n')],
    [
      'a folder of one-issue files',
      () => {
        for (const i of issues) write(`shape/folder/${String(i.key)}.json`, JSON.stringify(i, null, 2));
        return tmp.file('shape/folder');
      },
    ],
    ['a streamed search response', () => write('shape/streamed.json', { startAt: 0, total: 30, issues })],
    [
      'a streamed array of pages',
      () =>
        write('shape/streamed-pages.json', [
          { startAt: 0, total: 30, issues: issues.slice(0, 7) },
          { startAt: 7, total: 30, issues: issues.slice(7) },
        ]),
    ],
  ];
  let reference: ReturnType<typeof snapshot> | null = null;
  for (const [name, make] of shapes) {
    it(name, async () => {
      const db = newDb();
      const r = await importJiraFiles(db, make(), { streamThresholdBytes: name.includes('streamed') ? 0 : undefined });
      expect(r.items).toBe(30);
      expect(r.statusChanges).toBe(165);
      const snap = snapshot(db);
      if (reference === null) reference = snap;
      else expect(snap).toEqual(reference);
      db.close();
    });
  }

  it('accepts Server/Data Center v2 shapes (user names, +0100 offsets, Flagged changes)', async () => {
    const db = newDb();
    const server = {
      id: 20001,
      key: 'OPS-7',
      fields: {
        summary: 'Rotate certificates',
        issuetype: { name: 'Task' },
        created: '2026-01-05T09:12:33.000+0100',
        resolutiondate: '2026-01-09T17:00:00.000+0100',
        resolution: { name: 'Fixed' },
        status: { id: '6', name: 'Closed', statusCategory: { key: 'done' } },
        labels: ['security'],
        components: [{ name: 'infra' }],
        assignee: { name: 'jdoe', key: 'JIRAUSER10100', displayName: 'Jane Doe' },
        parent: { key: 'OPS-1' },
      },
      changelog: {
        startAt: 0,
        maxResults: 4,
        total: 4,
        histories: [
          {
            id: '1',
            created: '2026-01-06T10:00:00.000+0100',
            items: [{ field: 'status', fieldtype: 'jira', from: '1', fromString: 'Open', to: '3', toString: 'In Progress' }],
          },
          {
            id: '2',
            created: '2026-01-07T10:00:00.000+0100',
            items: [
              { field: 'Flagged', fieldtype: 'custom', from: null, fromString: null, to: '[10000]', toString: 'Impediment' },
              { field: 'assignee', from: 'jdoe', fromString: 'Jane Doe', to: 'bob', toString: 'Bob' },
            ],
          },
          {
            id: '3',
            created: '2026-01-08T10:00:00.000+0100',
            items: [{ field: 'Flagged', fieldtype: 'custom', from: '[10000]', fromString: 'Impediment', to: null, toString: null }],
          },
          {
            id: '4',
            created: '2026-01-09T17:00:00.000+0100',
            items: [{ field: 'status', fieldtype: 'jira', from: '3', fromString: 'In Progress', to: '6', toString: 'Closed' }],
          },
        ],
      },
    };
    await importJiraFiles(db, write('server.json', { startAt: 0, total: 1, issues: [server] }));
    expect(db.prepare('SELECT at, from_status, to_status, from_id, to_id FROM status_changes ORDER BY at').all()).toEqual([
      { at: Date.UTC(2026, 0, 6, 9), from_status: 'Open', to_status: 'In Progress', from_id: '1', to_id: '3' },
      { at: Date.UTC(2026, 0, 9, 16), from_status: 'In Progress', to_status: 'Closed', from_id: '3', to_id: '6' },
    ]);
    expect(db.prepare('SELECT at, flagged FROM flag_changes ORDER BY at').all()).toEqual([
      { at: Date.UTC(2026, 0, 7, 9), flagged: 1 },
      { at: Date.UTC(2026, 0, 8, 9), flagged: 0 },
    ]);
    expect(db.prepare('SELECT assignee_id, assignee_name FROM assignee_changes').all()).toEqual([{ assignee_id: 'bob', assignee_name: 'Bob' }]);
    expect(db.prepare('SELECT kind, target_key FROM item_links').all()).toEqual([{ kind: 'parent', target_key: 'OPS-1' }]);
    const item = db.prepare('SELECT created_at, initial_status, fields FROM work_items').get() as {
      created_at: number;
      initial_status: string;
      fields: string;
    };
    expect(item.created_at).toBe(Date.UTC(2026, 0, 5, 8, 12, 33));
    expect(item.initial_status).toBe('Open');
    expect(JSON.parse(item.fields)).toMatchObject({ assignee: 'Jane Doe', assigneeId: 'jdoe', components: ['infra'], resolution: 'Fixed' });
    db.close();
  });
});

describe('Jira files: atomic and idempotent', () => {
  it('importing the same export twice gives the same workspace', async () => {
    const db = newDb();
    const file = write('twice.json', { issues });
    await importJiraFiles(db, file);
    const first = snapshot(db);
    await importJiraFiles(db, file);
    expect(snapshot(db)).toEqual(first);
    db.close();
  });

  it('a newer export updates items in place and never duplicates them', async () => {
    const db = newDb();
    await importJiraFiles(db, write('older.json', { issues: issues.slice(0, 20) }));
    const ids = db.prepare('SELECT key, id FROM work_items').all();
    const newer = structuredClone(issues);
    (newer[0]!.fields as { summary: string }).summary = 'renamed in the newer export';
    await importJiraFiles(db, write('newer.json', { issues: newer }));
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(30);
    expect(db.prepare('SELECT count(*) FROM status_changes').pluck().get()).toBe(165);
    for (const row of ids as Array<{ key: string; id: number }>)
      expect(db.prepare('SELECT id FROM work_items WHERE key = ?').pluck().get(row.key)).toBe(row.id);
    expect(db.prepare('SELECT title FROM work_items WHERE key = ?').pluck().get(newer[0]!.key)).toBe('renamed in the newer export');
    db.close();
  });

  it('a failure on the last issue leaves the workspace exactly as before', async () => {
    const db = newDb();
    await importJiraFiles(db, write('base.json', { issues: issues.slice(0, 5) }));
    const before = snapshot(db);
    const broken = structuredClone(issues);
    (broken[29]!.fields as { created: string }).created = '05/01/2026 09:12';
    await expect(importJiraFiles(db, write('broken-last.json', { issues: broken }))).rejects.toThrow(
      /broken-last\.json: issues\[29\] \(EE-\d+\) field fields\.created: "05\/01\/2026 09:12" is not a date in a known format; expected an ISO 8601/,
    );
    expect(snapshot(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('a cancelled import rolls back, through the core, with progress events before it', async () => {
    const file = tmp.file('cancel.vsm');
    const core = createCore({ workspacePath: file });
    const big = Array.from({ length: 40 }, (_, k) => issues.map((i) => ({ ...i, id: `${String(i.id)}${k}`, key: `${String(i.key)}-${k}` }))).flat();
    const input = write('cancel.json', { issues: big });
    const events: unknown[] = [];
    core.on('importProgress', (p) => {
      events.push(p);
      void core.call('cancelImport', { importId: 'c1' });
    });
    await expect(core.call('importJiraFiles', { path: input, importId: 'c1' })).rejects.toThrow(/cancelled; the workspace is unchanged/);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ importId: 'c1', phase: 'issues', total: 1200 });
    expect(core.db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    // and it imports fine afterwards, with a final 'done' event
    const r = await core.call('importJiraFiles', { path: input, importId: 'c2' });
    expect(r).toMatchObject({ importId: 'c2', items: 1200, statusChanges: 165 * 40 });
    core.close();
  });
});

describe('Jira files: bad input gets a precise error', () => {
  const bad: Array<[string, string | object, RegExp]> = [
    ['an empty file', '', /empty\.json: the file is empty; expected a JSON export/],
    ['blank space only', '  \n\n ', /blank\.json: the file holds only blank space/],
    [
      'an HTML login page',
      '<!DOCTYPE html>\n<html><head><title>Log in - Jira</title></head><body>...</body></html>',
      /login\.json: line 1: this is an HTML page, not JSON; it is probably a login or error page/,
    ],
    [
      'truncated JSON',
      JSON.stringify({ issues: issues.slice(0, 3) }, null, 1).slice(0, 5000),
      /truncated\.json: line \d+, column \d+: the JSON ends before its last value is complete \(the file is truncated/,
    ],
    ['invalid JSON mid-file', '{"issues": [\n  {"id": "1", "key": "A-1" "fields": {}}\n]}', /midfile\.json: line 2, column \d+: invalid JSON/],
    [
      'a Jira error response',
      { errorMessages: ["The value 'XYZ' does not exist for the field 'project'."], errors: {} },
      /errresp\.json: this is a Jira error response, not issues: The value 'XYZ'/,
    ],
    ['something else entirely', { total: 3, values: [] }, /other\.json: expected a Jira search response .*got an object with keys total, values/],
    [
      'a date in an unknown format',
      {
        issues: [
          {
            id: '1',
            key: 'A-1',
            fields: { created: '2026-01-05T09:12:33.000+0100' },
            changelog: { histories: [{ id: '5', created: 'Jan 6, 2026 10:00 AM', items: [] }] },
          },
        ],
      },
      /baddate\.json: issues\[0\] \(A-1\) field changelog\.histories\[0\]\.created: "Jan 6, 2026 10:00 AM" is not a date in a known format/,
    ],
    [
      'a missing field',
      { issues: [{ id: '1', key: 'A-1', fields: { summary: 'no created date' } }] },
      /nocreated\.json: issues\[0\] \(A-1\): field fields\.created: expected the creation date-time, e\.g\. 2026-01-05T09:12:33\.000\+0100, got nothing/,
    ],
    [
      'a status change without its new status',
      {
        issues: [
          {
            id: '1',
            key: 'A-1',
            fields: { created: '2026-01-05T09:12:33.000+0100' },
            changelog: { histories: [{ id: '5', created: '2026-01-06T09:12:33.000+0100', items: [{ field: 'status', fromString: 'Open' }] }] },
          },
        ],
      },
      /nostatus\.json: issues\[0\] \(A-1\): field changelog\.histories\[0\]\.items\[0\]\.toString: expected the new status name, got nothing/,
    ],
    [
      'a page that is missing',
      { startAt: 0, maxResults: 10, total: 45, issues: issues.slice(0, 10) },
      /missingpages\.json: the search response reports 45 issues but the file holds 10; pages are missing/,
    ],
  ];
  const names = ['empty', 'blank', 'login', 'truncated', 'midfile', 'errresp', 'other', 'baddate', 'nocreated', 'nostatus', 'missingpages'];
  bad.forEach(([what, content, message], i) => {
    it(what, async () => {
      const db = newDb();
      await importJiraFiles(db, write('base-bad.json', { issues: issues.slice(0, 2) }));
      const before = snapshot(db);
      const file = write(`${names[i]}.json`, content);
      const err = await importJiraFiles(db, file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FlowmapError);
      expect((err as FlowmapError).code).toBe('invalid-input');
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(file);
      expect(snapshot(db)).toEqual(before);
      db.close();
    });
  });

  it('a truncated file is caught by the streaming reader too', async () => {
    const db = newDb();
    const file = write('truncated-stream.json', JSON.stringify({ issues: issues.slice(0, 3) }).slice(0, 20_000));
    await expect(importJiraFiles(db, file, { streamThresholdBytes: 0 })).rejects.toThrow(
      /truncated-stream\.json: near byte \d+: the JSON ends before its last value is complete/,
    );
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    db.close();
  });

  it('a missing path and an empty folder are named', async () => {
    const db = newDb();
    await expect(importJiraFiles(db, tmp.file('nope.json'))).rejects.toThrow(/nope\.json: no such file or folder/);
    fs.mkdirSync(tmp.file('emptydir'));
    await expect(importJiraFiles(db, tmp.file('emptydir'))).rejects.toThrow(/emptydir: the folder holds no \.json/);
    db.close();
  });

  it('warns when an embedded changelog is truncated', async () => {
    const db = newDb();
    const one = structuredClone(issues[0]!) as { changelog: { total: number } };
    one.changelog.total = 150;
    const r = await importJiraFiles(db, write('trunc-log.json', [one]));
    expect(r.warnings.join('\n')).toMatch(/holds \d+ of 150 histories; the oldest changes are missing/);
    db.close();
  });
});
