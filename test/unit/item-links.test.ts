// Each item's web page (issue 9's drill-down links): Jira's `<site>/browse/KEY` from the issue's `self` (or a live
// import's site), GitHub's `html_url`, a CSV's URL/Link column, stored with the item and returned by every item
// list (step drill-down, chart items, the items table, `vsm items --json|--csv`). Only a safe https address
// becomes a link: hostile `self`/`html_url`/cells, and a hand-edited workspace row, all give null.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import { contract } from '../../shared/contract/contract.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { isWebUrl, jiraBrowseUrl, safeHttpsUrl } from '../../shared/domain/web-links.ts';
import { importStageCsv } from '../../shared/importers/csv-stages.ts';
import { importGithubBundle } from '../../shared/importers/github-import.ts';
import { emptyBundle, normalizeGithub } from '../../shared/importers/github-normalize.ts';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { importJiraLive } from '../../shared/importers/jira-live.ts';
import { normalizeJiraIssue } from '../../shared/importers/jira-normalize.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { createExternalLinkGate } from '../../electron/external-links.ts';
import { devlakeEeMap, jiraBoard8Issues } from '../fixtures/devlake.ts';
import { antsData } from './helpers/github-ants.ts';
import { startJiraReplay } from './helpers/jira-replay-server.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-item-links-');
afterAll(() => tmp.cleanup());

/** Addresses no link may carry, whatever field of whatever file they come from. */
const HOSTILE = [
  'javascript:alert(document.domain)//rest/api/2/issue/1',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>/rest/',
  'http://merico.atlassian.net/rest/agile/1.0/issue/10063',
  'https://user:secret@merico.atlassian.net/rest/agile/1.0/issue/10063',
  'https://:secret@merico.atlassian.net/rest/api/2/issue/1',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  '//evil.example/rest/api/2/issue/1',
  'https://',
  ' ',
  `https://example.com/${'a'.repeat(5000)}/rest/`,
  42,
  null,
  { toString: () => 'https://example.com/rest/' },
] as const;

describe('the one check', () => {
  it('safeHttpsUrl keeps https with a host and no credentials, normalised; everything else is null', () => {
    expect(safeHttpsUrl('https://github.com/panjf2000/ants/pull/4')).toBe('https://github.com/panjf2000/ants/pull/4');
    expect(safeHttpsUrl('HTTPS://Issues.Apache.org/jira/browse/FOO-1')).toBe('https://issues.apache.org/jira/browse/FOO-1');
    for (const u of HOSTILE) expect(safeHttpsUrl(u), String(u).slice(0, 60)).toBeNull();
    // The shell's wider check (http allowed, the gate then wants https) agrees on everything hostile but http.
    expect(isWebUrl('http://jira.example.com/browse/PAY-1')).toBe(true);
    for (const u of HOSTILE.filter((x) => !String(x).startsWith('http://'))) expect(isWebUrl(u), String(u).slice(0, 60)).toBe(false);
  });

  it('jiraBrowseUrl keeps the site root from self, context path included, and encodes the key', () => {
    expect(jiraBrowseUrl({ self: 'https://merico.atlassian.net/rest/agile/1.0/issue/10063' }, 'EE-1')).toBe('https://merico.atlassian.net/browse/EE-1');
    expect(jiraBrowseUrl({ self: 'https://issues.apache.org/jira/rest/api/2/issue/13345678' }, 'KAFKA-1')).toBe(
      'https://issues.apache.org/jira/browse/KAFKA-1',
    );
    expect(jiraBrowseUrl({ baseUrl: 'https://jira.example.com/ctx/' }, 'PAY-7')).toBe('https://jira.example.com/ctx/browse/PAY-7');
    // A key is one path segment whatever it holds: it cannot climb out of /browse/ or add a query.
    expect(jiraBrowseUrl({ self: 'https://x.example/rest/api/2/issue/1' }, '../../admin?x=1#y')).toBe('https://x.example/browse/..%2F..%2Fadmin%3Fx%3D1%23y');
    expect(jiraBrowseUrl({ self: 'https://x.example/no-rest-here/issue/1' }, 'A-1')).toBeNull();
    expect(jiraBrowseUrl({ baseUrl: 'http://jira.internal:8080' }, 'A-1')).toBeNull();
    expect(jiraBrowseUrl({}, 'A-1')).toBeNull();
    for (const self of HOSTILE) expect(jiraBrowseUrl({ self }, 'EE-1'), String(self).slice(0, 60)).toBeNull();
  });

  it('the Electron gate opens only what the check keeps, after a click', () => {
    const opened: string[] = [];
    let t = 0;
    const gate = createExternalLinkGate({ open: (u) => opened.push(u), now: () => t });
    gate.noteInput('mouseDown');
    for (const u of HOSTILE) expect(gate.request(u as string)).toBe('not-https');
    expect(gate.request('https://merico.atlassian.net/browse/EE-1')).toBe('opened');
    t = 5_000;
    expect(gate.request('https://merico.atlassian.net/browse/EE-2')).toBe('no-gesture');
    expect(opened).toEqual(['https://merico.atlassian.net/browse/EE-1']);
  });

  it('the contract refuses an item list with any other kind of link', () => {
    const out = contract.chartItems.output;
    const item = { key: 'A-1', title: null, type: null, status: null, done: null, leadTimeHours: null, cycleTimeHours: null, ageHours: null, value: null };
    const list = (url: unknown) => ({ asOf: '2026-01-01T00:00:00.000Z', count: 1, order: 'x', items: [{ ...item, url }] });
    expect(out.safeParse(list('https://github.com/a/b/pull/1')).success).toBe(true);
    expect(out.safeParse(list(null)).success).toBe(true);
    for (const u of ['javascript:alert(1)', 'http://a.example/', 'https://u:p@a.example/', 'data:,x']) expect(out.safeParse(list(u)).success, u).toBe(false);
    expect(out.safeParse({ ...list(null), items: [item] }).success).toBe(false);
  });
});

describe('Jira: the 30 real DevLake issues of board 8', () => {
  const file = tmp.file('jira.vsm');
  const issues = jiraBoard8Issues();
  let core: Core;
  let mapId: number;
  beforeAll(async () => {
    const json = tmp.file('board8.json');
    fs.writeFileSync(json, JSON.stringify(issues));
    const db = openWorkspace(file, { create: true });
    await importJiraFiles(db, json);
    core = createCore({ workspacePath: file, db });
    ({ id: mapId } = await core.saveMap({
      map: devlakeEeMap(['待办', '待开发']),
    }));
  });
  afterAll(() => core.close());

  it('stores https://merico.atlassian.net/browse/KEY for every issue, from the host of its self', async () => {
    expect(issues).toHaveLength(30);
    // The oracle: the fixture's own self address of each issue, read independently of the importer.
    const expected = issues.map((i) => [i.key, `${new URL(i.self as string).origin}/browse/${i.key as string}`]).sort();
    expect(expected[0]![1]).toMatch(/^https:\/\/merico\.atlassian\.net\/browse\/EE-\d+$/);
    const raw = new Database(file, { readonly: true });
    const stored = raw.prepare('SELECT key, url FROM work_items ORDER BY key').raw().all();
    raw.close();
    expect(stored).toEqual(expected);
  });

  it('every item list carries the url: step drill-down, chart items, the items table and a finding\u2019s items', async () => {
    const asOf = '2021-04-01T00:00:00Z';
    const step = await core.call('stepItems', { mapId, asOf, stepId: 'dev', limit: 50 });
    expect(step.completed.items.length).toBeGreaterThan(0);
    for (const i of [...step.completed.items, ...step.current.items]) expect(i.url).toBe(`https://merico.atlassian.net/browse/${i.key}`);
    const chart = await core.call('chartItems', { mapId, asOf, select: { kind: 'step-wait', stepId: 'ready' } });
    expect(chart.items.length).toBeGreaterThan(0);
    for (const i of chart.items) expect(i.url).toBe(`https://merico.atlassian.net/browse/${i.key}`);
    const table = await core.call('metricItems', { mapId, asOf });
    expect(table.items).toHaveLength(30);
    for (const i of table.items) expect(i.url).toBe(`https://merico.atlassian.net/browse/${i.key}`);
    const keys = ['EE-3', 'EE-1'];
    const some = await core.call('metricItems', { mapId, asOf, keys });
    expect(some.items.map((i) => [i.key, i.url]).sort()).toEqual(keys.map((k) => [k, `https://merico.atlassian.net/browse/${k}`]).sort());
    // The contract's own output schema accepts what the core returns (the client parses it).
    expect(contract.metricItems.output.safeParse(table).success).toBe(true);
  });

  it('`vsm items --json` and `--csv` carry each item\u2019s url, unchanged', async () => {
    const run = async (...args: string[]) => {
      let out = '';
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
      const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(await main(args)).toBe(0);
        return out;
      } finally {
        o.mockRestore();
        e.mockRestore();
      }
    };
    core.close();
    const json = JSON.parse(await run('items', '--workspace', file, '--map', 'EE', '--as-of', '2021-04-01', '--json')) as {
      items: Array<{ key: string; url: string | null }>;
    };
    expect(json.items).toHaveLength(30);
    for (const i of json.items) expect(i.url).toBe(`https://merico.atlassian.net/browse/${i.key}`);
    const csv = Papa.parse<Record<string, string>>(await run('items', '--workspace', file, '--map', 'EE', '--as-of', '2021-04-01', '--csv'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.meta.fields!.slice(0, 3)).toEqual(['key', 'url', 'type']);
    expect(csv.data.map((r) => [r.key, r.url])).toEqual(json.items.map((i) => [i.key, i.url]));
    core = createCore({ workspacePath: file, db: openWorkspace(file) });
  });

  it('a hostile self gives no url, and the import still succeeds', async () => {
    const ws = openWorkspace(tmp.file('jira-hostile.vsm'), { create: true });
    const json = tmp.file('hostile.json');
    const base = issues.slice(0, HOSTILE.length).map((i, n) => ({ ...structuredClone(i), self: HOSTILE[n] }));
    base.push({ ...structuredClone(issues[HOSTILE.length]!), self: undefined });
    fs.writeFileSync(json, JSON.stringify(base));
    const r = await importJiraFiles(ws, json);
    expect(r.items).toBe(HOSTILE.length + 1);
    expect(ws.prepare('SELECT url FROM work_items').pluck().all()).toEqual(new Array(HOSTILE.length + 1).fill(null));
    ws.close();
  });

  it('a live import builds the page on the site it was given (an http Server site gives none)', async () => {
    const where = 'live: search page 1, issues[0]';
    expect(normalizeJiraIssue(issues[0], { where, siteUrl: 'https://jira.example.com/ctx' }).item.url).toBe(
      `https://jira.example.com/ctx/browse/${issues[0]!.key as string}`,
    );
    // The replay Jira is plain http on 127.0.0.1; the issues' own self (https://merico.atlassian.net) is not used.
    const server = await startJiraReplay({ issues: structuredClone(issues.slice(0, 3)), authorization: 'Bearer live-token' });
    try {
      const ws = openWorkspace(tmp.file('jira-live.vsm'), { create: true });
      const r = await importJiraLive(ws, { baseUrl: server.url, jql: 'project = EE', deployment: 'server', token: 'live-token' });
      expect(r.items).toBe(3);
      expect(ws.prepare('SELECT url FROM work_items').pluck().all()).toEqual([null, null, null]);
      ws.close();
    } finally {
      await server.close();
    }
  });
});

describe('GitHub: the real panjf2000/ants pull requests and issues', () => {
  it('keeps each html_url', () => {
    const data = antsData();
    const b = { ...emptyBundle('panjf2000/ants'), issues: data.issues, pulls: data.pulls, reviews: data.reviews, prCommits: data.commits };
    const { items } = normalizeGithub(b);
    expect(items.length).toBeGreaterThan(50);
    const byNumber = new Map([...data.issues, ...data.pulls].map((o) => [o.number as number, o.html_url as string]));
    for (const i of items) {
      const n = i.fields!.number as number;
      expect(i.url).toBe(byNumber.get(n));
      expect(i.url).toBe(`https://github.com/panjf2000/ants/${i.type === 'Pull request' ? 'pull' : 'issues'}/${n}`);
    }
  });

  it('hostile html_url values are stored as no url', async () => {
    const data = antsData();
    const pulls = data.pulls.slice(0, 6).map((p, n) => ({ ...p, html_url: HOSTILE[n] }));
    const issues = data.issues
      .filter((i) => !i.pull_request)
      .slice(0, 6)
      .map((p, n) => ({ ...p, html_url: HOSTILE[n + 6] }));
    const ws = openWorkspace(tmp.file('gh-hostile.vsm'), { create: true });
    const r = await importGithubBundle(ws, { ...emptyBundle('panjf2000/ants'), pulls, issues }, { input: 'panjf2000/ants' });
    expect(r.items).toBe(12);
    expect(ws.prepare('SELECT url FROM work_items').pluck().all()).toEqual(new Array(12).fill(null));
    ws.close();
  });
});

describe('CSV: a URL or Link column', () => {
  it('becomes the item\u2019s page when it is https; any other address is kept as a field only, with a warning', async () => {
    const csv = tmp.file('links.csv');
    fs.writeFileSync(
      csv,
      [
        'ID,Link,Name,Backlog,Done',
        'A-1,https://jira.example.com/browse/A-1,One,2026-01-05,2026-01-07',
        'A-2,"javascript:alert(1)",Two,2026-01-05,2026-01-08',
        'A-3,http://jira.example.com/browse/A-3,Three,2026-01-05,',
        'A-4,,Four,2026-01-05,',
        'A-5,https://u:p@jira.example.com/browse/A-5,Five,2026-01-05,',
      ].join('\n'),
    );
    const db = openWorkspace(tmp.file('csv.vsm'), { create: true });
    const r = await importStageCsv(db, csv);
    expect(db.prepare("SELECT key, url, json_extract(fields, '$.Link') FROM work_items ORDER BY key").raw().all()).toEqual([
      ['A-1', 'https://jira.example.com/browse/A-1', 'https://jira.example.com/browse/A-1'],
      ['A-2', null, 'javascript:alert(1)'],
      ['A-3', null, 'http://jira.example.com/browse/A-3'],
      ['A-4', null, null],
      ['A-5', null, 'https://u:p@jira.example.com/browse/A-5'],
    ]);
    expect(r.warnings).toContainEqual(expect.stringMatching(/3 rows of column "Link" hold no https address.*imported without a link/));
    db.close();
  });

  it('URL wins over Link when a file has both', async () => {
    const csv = tmp.file('both.csv');
    fs.writeFileSync(csv, 'Key,Link,URL,Backlog\nB-1,https://a.example/x,https://b.example/B-1,2026-01-05\n');
    const db = openWorkspace(tmp.file('csv-both.vsm'), { create: true });
    await importStageCsv(db, csv);
    expect(db.prepare('SELECT url FROM work_items').pluck().get()).toBe('https://b.example/B-1');
    db.close();
  });
});

describe('a workspace file is untrusted', () => {
  it('a file whose rows break the url check is refused; a row that got past anyway reaches no list as a link', async () => {
    const file = tmp.file('hand-edited.vsm');
    const db = openWorkspace(file, { create: true });
    const csv = tmp.file('two.csv');
    fs.writeFileSync(
      csv,
      'ID,URL,Backlog,Done\nC-1,https://jira.example.com/browse/C-1,2026-01-05,2026-01-07\nC-2,https://jira.example.com/browse/C-2,2026-01-05,2026-01-08\n',
    );
    await importStageCsv(db, csv);
    db.close();
    // What another program could write: the CHECK refuses it, unless checks are switched off where it is written.
    const copy = tmp.file('hand-edited-copy.vsm');
    fs.copyFileSync(file, copy);
    const raw = new Database(copy);
    expect(() => raw.prepare("UPDATE work_items SET url = 'javascript:alert(1)' WHERE key = 'C-2'").run()).toThrow(/CHECK constraint failed/);
    raw.pragma('ignore_check_constraints = ON');
    raw.prepare("UPDATE work_items SET url = 'javascript:alert(1)' WHERE key = 'C-2'").run();
    raw.close();
    expect(() => openWorkspace(copy)).toThrow(/failed its integrity check \(CHECK constraint failed in work_items\)/);

    // Past the open (the same connection writing with checks off): the core's read check still drops them.
    const open = openWorkspace(file);
    open.pragma('ignore_check_constraints = ON');
    open.prepare("UPDATE work_items SET url = 'https://u:p@evil.example/' WHERE key = 'C-1'").run();
    open.prepare("UPDATE work_items SET url = 'javascript:alert(1)' WHERE key = 'C-2'").run();
    const core = createCore({ workspacePath: file, db: open });
    const { id: mapId } = await core.saveMap({
      map: {
        format: 'vsm-map',
        version: 1,
        name: 'M',
        doneStatuses: ['Done'],
        steps: [{ id: 'b', name: 'Backlog', waitStatuses: ['Backlog'], activeStatuses: [] }],
        flows: [],
      },
    });
    const t = await core.call('metricItems', { mapId, asOf: '2026-02-01T00:00:00Z' });
    expect(t.items.map((i) => [i.key, i.url])).toEqual([
      ['C-1', null],
      ['C-2', null],
    ]);
    const s = await core.call('stepItems', { mapId, asOf: '2026-02-01T00:00:00Z', stepId: 'b' });
    expect(s.completed.items.map((i) => i.url)).toEqual([null, null]);
    core.close();
  });
});
