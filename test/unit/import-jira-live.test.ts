// The live Jira importer against a replay server on 127.0.0.1 serving the 30 real DevLake issues (Jira Cloud
// data): paging, changelogs completed past the search's cut, Retry-After, errors, incremental sync, the core
// and the CLI. The token must reach the server as the Authorization header and nowhere else.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { parseInstant } from '../../shared/domain/instant.ts';
import { splitOrderBy, withStableOrder, withUpdatedSince } from '../../shared/importers/jira-jql.ts';
import { retryDelayMs } from '../../shared/importers/jira-live-client.ts';
import { importJiraLive, jiraSyncKey, type JiraLiveOptions } from '../../shared/importers/jira-live.ts';
import { getSyncState } from '../../shared/store/import-repo.ts';
import { openWorkspace, type Db } from '../../shared/store/open-workspace.ts';
import { DEVLAKE, jiraBoard8Issues, readCsv, REPO_ROOT } from '../fixtures/devlake.ts';
import { startJiraReplay, type ReplayOptions, type ReplayServer } from './helpers/jira-replay-server.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-import-jira-live-');
afterAll(() => tmp.cleanup());

const TOKEN = 'ATATT3xFfGF0-replay-token-7f3a9c';
const EMAIL = 'flow@example.com';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;
const PAT = 'NjA0MzE2ODk3NTQ3OpatReplay';
const issues = jiraBoard8Issues();
const JQL = 'project = EE';

let servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function jira(options: Partial<ReplayOptions> = {}): Promise<ReplayServer> {
  const s = await startJiraReplay({ issues: structuredClone(issues), authorization: BASIC, ...options });
  servers.push(s);
  return s;
}

let n = 0;
const newWorkspace = (): { db: Db; file: string } => {
  const file = tmp.file(`ws-${++n}.vsm`);
  return { db: openWorkspace(file), file };
};
const cloud = (server: ReplayServer, extra: Partial<JiraLiveOptions> = {}): JiraLiveOptions => ({
  baseUrl: server.url,
  jql: JQL,
  deployment: 'cloud',
  email: EMAIL,
  token: TOKEN,
  ...extra,
});

/** The 165 status changes DevLake derived from the same issues (issue|instant|from|to). */
const expectedStatusChanges = readCsv(path.join(DEVLAKE, 'issue_trace', 'raw_tables', 'issue_changelogs.csv'))
  .filter((r) => r.field_name === 'status' && r.issue_id!.startsWith('jira:JiraIssue:2:'))
  .map((r) => `${r.issue_id!.split(':').pop()}|${parseInstant(r.created_date!, 'oracle')}|${r.original_from_value}|${r.original_to_value}`)
  .sort();
function statusChanges(db: Db): string[] {
  return (
    db.prepare('SELECT w.external_id, c.at, c.from_status, c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id').raw().all() as Array<
      [string, number, string | null, string]
    >
  )
    .map(([id, at, from, to]) => `${id}|${at}|${from ?? ''}|${to}`)
    .sort();
}
function snapshot(db: Db) {
  return {
    items: db.prepare('SELECT id, source, external_id, key, title, fields FROM work_items ORDER BY external_id').all(),
    changes: statusChanges(db),
    sync: db.prepare('SELECT * FROM sync_state').all(),
    runs: db.prepare('SELECT count(*) FROM import_runs').pluck().get(),
  };
}
/** Every byte of the workspace (main file and any WAL left behind) must be free of the token. */
function expectNoTokenIn(file: string, ...secrets: string[]): void {
  for (const f of fs.readdirSync(path.dirname(file)).filter((x) => x.startsWith(path.basename(file)))) {
    const bytes = fs.readFileSync(path.join(path.dirname(file), f));
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s)), `${f} holds a secret`).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'utf16le')), `${f} holds a secret (UTF-16)`).toBe(false);
    }
  }
}
const embeddedStatusItems = (limit: number) =>
  issues
    .map((i) => (i.changelog as { histories: Array<{ created: string; items: Array<{ field: string }> }> }).histories)
    .map((hs) => [...hs].sort((a, b) => parseInstant(a.created, 'x') - parseInstant(b.created, 'x')).slice(-limit))
    .flat()
    .flatMap((h) => h.items.filter((it) => it.field === 'status')).length;

describe('Jira live, Cloud: paging and full changelogs', () => {
  it('pages through the enhanced search and completes every truncated changelog from the changelog resource', async () => {
    const server = await jira({ embedLimit: 10, searchPageCap: 7, changelogPageCap: 8 });
    const { db, file } = newWorkspace();
    const progress: unknown[] = [];
    const r = await importJiraLive(db, cloud(server, { pageSize: 50, onProgress: (p) => progress.push(p) }));

    // Five pages of at most 7, chained by nextPageToken.
    const searches = server.requests.filter((q) => q.path === '/rest/api/3/search/jql');
    expect(searches).toHaveLength(5);
    expect(searches[0]!.query.has('nextPageToken')).toBe(false);
    expect(searches.slice(1).every((q) => q.query.has('nextPageToken'))).toBe(true);
    expect(searches[0]!.query.get('jql')).toBe('project = EE ORDER BY created ASC, key ASC');
    expect(searches[0]!.query.get('expand')).toBe('changelog,names');
    expect(searches[0]!.query.get('fields')).toBe('*navigable');

    // The search embeds 10 histories; every issue with more had its changelog fetched, in pages of 8.
    const longer = issues.filter((i) => (i.changelog as { histories: unknown[] }).histories.length > 10);
    expect(longer.length).toBeGreaterThan(20);
    const changelogCalls = server.requests.filter((q) => /^\/rest\/api\/3\/issue\/\d+\/changelog$/.test(q.path));
    expect(new Set(changelogCalls.map((q) => q.path)).size).toBe(longer.length);
    expect(changelogCalls.some((q) => q.query.get('startAt') === '16')).toBe(true);

    // Hence the full history: exactly DevLake's 165 status changes, not the fewer the search embedded.
    expect(embeddedStatusItems(10)).toBeLessThan(165);
    expect(r).toMatchObject({ source: 'jira', items: 30, statusChanges: 165 });
    expect(statusChanges(db)).toEqual(expectedStatusChanges);
    expect(r.warnings).toEqual([]);
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 30, total: 30 });
    // Each status the issues are in now has its category kept (已完成: done or new, as DevLake's edits left the last issue read).
    const cats = db.prepare("SELECT status, category FROM status_categories WHERE source = 'jira'").all() as Array<{ status: string; category: string }>;
    expect(cats.map((c) => c.status)).toEqual(['已完成']);
    expect(['done', 'new']).toContain(cats[0]!.category);

    // The token went to Jira as basic auth with the email, on every request, and nowhere else.
    expect(server.requests.every((q) => q.authorization === BASIC)).toBe(true);
    expect(getSyncState(db, jiraSyncKey(server.url, JQL))).not.toBeNull();
    db.close();
    expectNoTokenIn(file, TOKEN, BASIC.slice(6));
  });
});

describe('Jira live, Server/Data Center', () => {
  it('pages by startAt with a Bearer personal access token and completes changelogs from the issue resource', async () => {
    const server = await jira({ authorization: `Bearer ${PAT}`, embedLimit: 12, searchPageCap: 10 });
    const { db, file } = newWorkspace();
    const r = await importJiraLive(db, { baseUrl: `${server.url}/`, jql: JQL, deployment: 'server', token: PAT, pageSize: 50 });
    const searches = server.requests.filter((q) => q.path === '/rest/api/2/search');
    // Jira served 10 although 50 were asked: the importer advances by what came back.
    expect(searches.map((q) => q.query.get('startAt'))).toEqual(['0', '10', '20']);
    expect(server.requests.some((q) => /^\/rest\/api\/2\/issue\/\d+$/.test(q.path) && q.query.get('expand') === 'changelog')).toBe(true);
    expect(r).toMatchObject({ items: 30, statusChanges: 165 });
    expect(statusChanges(db)).toEqual(expectedStatusChanges);
    expect(server.requests.every((q) => q.authorization === `Bearer ${PAT}`)).toBe(true);
    db.close();
    expectNoTokenIn(file, PAT);
  });
});

describe('Jira live: rate limits and errors', () => {
  it('waits as Retry-After asks on 429 and 503, then succeeds', async () => {
    const server = await jira({
      script: [
        { match: /\/search\/jql$/, status: 429, headers: { 'retry-after': '1' }, body: { errorMessages: ['Rate limit exceeded.'] } },
        { match: /\/search\/jql$/, status: 503, headers: { 'retry-after': new Date(Date.now() - 5000).toUTCString() }, body: 'Service Unavailable' },
      ],
    });
    const { db } = newWorkspace();
    const t0 = performance.now();
    const r = await importJiraLive(db, cloud(server));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(r).toMatchObject({ items: 30, statusChanges: 165 });
    expect(r.warnings).toEqual(['Jira limited the request rate 2 times; the import waited 1 s in all']);
    expect(server.requests.filter((q) => q.path === '/rest/api/3/search/jql')).toHaveLength(3);
    db.close();
  });

  it('gives up after the retries with a clear error and leaves the workspace as it was', async () => {
    const limited = { match: /\/changelog$/, status: 429, headers: { 'retry-after': '0' }, body: { errorMessages: ['Rate limit exceeded.'] } };
    const server = await jira({ embedLimit: 5, script: [limited, limited, limited] });
    const { db } = newWorkspace();
    const before = snapshot(db);
    const err = await importJiraLive(db, cloud(server, { retry: { maxRetries: 2 } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    expect((err as FlowmapError).message).toMatch(
      new RegExp(
        `^Jira at ${server.url} \\(/rest/api/3/issue/\\d+/changelog\\) is still limiting requests \\(429\\) after 2 retries: Rate limit exceeded\\.; try again later$`,
      ),
    );
    expect(snapshot(db)).toEqual(before);
    db.close();
  });

  it('names the URL, not the token, when Jira refuses the credentials (401), and changes nothing', async () => {
    const server = await jira();
    const { db, file } = newWorkspace();
    await importJiraLive(db, cloud(server));
    const before = snapshot(db);
    const wrong = 'wrong-token-123456';
    const err = (await importJiraLive(db, cloud(server, { token: wrong, full: true })).catch((e: unknown) => e)) as FlowmapError;
    expect(err).toBeInstanceOf(FlowmapError);
    expect(err.code).toBe('unauthorized');
    expect(err.message).toBe(
      `Jira at ${server.url} (/rest/api/3/search/jql) refused the credentials (401 Unauthorized); check the account email and the API token`,
    );
    expect(err.message).not.toContain(wrong);
    expect(JSON.stringify(err)).not.toContain(wrong);
    expect(server.requests.at(-1)!.authorization).toBe(`Basic ${Buffer.from(`${EMAIL}:${wrong}`).toString('base64')}`);
    expect(snapshot(db)).toEqual(before);
    db.close();
    expectNoTokenIn(file, TOKEN, wrong);
  });

  it('maps 403, 404, 400 and unreachable hosts to errors a user can act on', async () => {
    const server = await jira({
      script: [
        { match: /\/search\/jql$/, status: 403, headers: { 'x-seraph-loginreason': 'AUTHENTICATION_DENIED' }, body: '' },
        {
          match: /\/search\/jql$/,
          status: 400,
          body: { errorMessages: ["Field 'sprintt' does not exist or you do not have permission to view it."], errors: {} },
        },
      ],
    });
    const { db } = newWorkspace();
    const fail = (o: Partial<JiraLiveOptions>) =>
      importJiraLive(db, cloud(server, o)).then(
        () => expect.unreachable('the import should fail'),
        (e: unknown) => e as FlowmapError,
      );
    const captcha = await fail({});
    expect([captcha.code, captcha.message]).toEqual([
      'unauthorized',
      `Jira at ${server.url} (/rest/api/3/search/jql) wants a CAPTCHA after failed sign-ins (403 Forbidden); sign in once in a browser, then retry`,
    ]);
    const badJql = await fail({});
    expect([badJql.code, badJql.message]).toEqual([
      'invalid-input',
      `Jira at ${server.url} (/rest/api/3/search/jql) rejected the request (400 Bad Request): Field 'sprintt' does not exist or you do not have permission to view it.`,
    ]);
    const notFound = await fail({ baseUrl: `${server.url}/wiki` });
    expect(notFound.code).toBe('not-found');
    expect(notFound.message).toMatch(
      /^Jira at http:\/\/127\.0\.0\.1:\d+\/wiki \(\/rest\/api\/3\/search\/jql\) was not found \(404 Not Found\): an HTML page \("Oops, you&#39;ve found a dead link\. - JIRA"\); check the URL is the Jira site root and, for Jira Server or Data Center, choose the server deployment$/,
    );
    const closed = await jira();
    const url = closed.url;
    await closed.close();
    const unreachable = await fail({ baseUrl: url });
    expect(unreachable.message).toBe(`could not reach Jira at ${url} (/rest/api/3/search/jql): ECONNREFUSED; check the URL and the network`);
    await expect(importJiraLive(db, cloud(server, { baseUrl: `http://me:${TOKEN}@127.0.0.1/` }))).rejects.toThrow(/must not hold a user name or password/);
    await expect(importJiraLive(db, cloud(server, { email: undefined }))).rejects.toThrow(/Jira Cloud .* signs in with the account email and an API token/);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    db.close();
  });
});

describe('Jira live: incremental sync', () => {
  const T1 = Date.UTC(2026, 2, 1, 12, 0);
  const T2 = Date.UTC(2026, 2, 2, 9, 30);

  it('asks only for issues updated since the last sync, in the user time zone, and updates them in place', async () => {
    const changed = new Set<string>();
    const server = await jira({
      timeZone: 'Asia/Shanghai',
      select: (jql, all) => (/updated >=/.test(jql) ? all.filter((i) => changed.has(String(i.key))) : all),
    });
    const { db, file } = newWorkspace();
    const first = await importJiraLive(db, cloud(server, { now: () => T1 }));
    expect(first.items).toBe(30);
    const ids = Object.fromEntries(db.prepare('SELECT key, id FROM work_items').raw().all() as Array<[string, number]>);

    // One issue moves on in Jira: a new status change and a new title.
    const ee = server.options.issues.find((i) => i.key === 'EE-2')!;
    const fields = ee.fields as { summary: string; status: { name: string } };
    const histories = (ee.changelog as { histories: unknown[]; total: number }).histories;
    histories.push({
      id: '99999',
      created: '2026-03-02T08:00:00.000+0800',
      items: [{ field: 'status', fieldtype: 'jira', from: '10068', fromString: fields.status.name, to: '3', toString: 'Reopened' }],
    });
    fields.summary = 'reopened after the first sync';
    fields.status.name = 'Reopened';
    changed.add('EE-2');

    const ee2Before = db.prepare("SELECT count(*) FROM status_changes c JOIN work_items w ON w.id = c.item_id WHERE w.key = 'EE-2'").pluck().get() as number;
    const before = server.requests.length;
    const second = await importJiraLive(db, cloud(server, { now: () => T2 }));
    const asked = server.requests.slice(before);
    // T1 minus the 10-minute margin is 11:50 UTC = 19:50 in Shanghai, the user's profile zone (from /myself).
    expect(asked.map((q) => q.path)).toEqual(['/rest/api/3/myself', '/rest/api/3/search/jql']);
    expect(asked[1]!.query.get('jql')).toBe('(project = EE) AND updated >= "2026/03/01 19:50" ORDER BY created ASC, key ASC');
    const ee2Changes = db.prepare("SELECT count(*) FROM status_changes c JOIN work_items w ON w.id = c.item_id WHERE w.key = 'EE-2'").pluck().get() as number;
    expect(second).toMatchObject({ items: 1, statusChanges: ee2Changes });
    expect(ee2Changes).toBe(ee2Before + 1);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(30);
    expect(db.prepare('SELECT count(*) FROM status_changes').pluck().get()).toBe(166);
    expect(db.prepare('SELECT id, title FROM work_items WHERE key = ?').get('EE-2')).toEqual({ id: ids['EE-2'], title: 'reopened after the first sync' });
    expect(getSyncState(db, jiraSyncKey(server.url, JQL))).toEqual({ lastSyncAt: T2, cursor: null });

    // --full asks for everything again and still updates in place.
    const full = await importJiraLive(db, cloud(server, { now: () => T2 + 60_000, full: true }));
    expect(server.requests.at(-1)!.query.get('jql')).toBe('project = EE ORDER BY created ASC, key ASC');
    expect(full.items).toBe(30);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(30);
    expect(db.prepare('SELECT count(*) FROM status_changes').pluck().get()).toBe(166);
    db.close();
    expectNoTokenIn(file, TOKEN);
  });

  it('a failed incremental sync keeps the previous sync point', async () => {
    const server = await jira({ timeZone: 'UTC' });
    const { db } = newWorkspace();
    await importJiraLive(db, cloud(server, { now: () => T1 }));
    server.options.script!.push({ match: /\/search\/jql$/, status: 500, body: { errorMessages: ['Internal server error'], errors: {} } });
    await expect(importJiraLive(db, cloud(server, { now: () => T2 }))).rejects.toThrow(
      `Jira at ${server.url} (/rest/api/3/search/jql) answered 500: Internal server error`,
    );
    expect(getSyncState(db, jiraSyncKey(server.url, JQL))).toEqual({ lastSyncAt: T1, cursor: null });
    expect(server.requests.at(-1)!.query.get('jql')).toBe('(project = EE) AND updated >= "2026/03/01 11:50" ORDER BY created ASC, key ASC');
    db.close();
  });
});

describe('JQL rewriting and Retry-After', () => {
  it('puts the clause before ORDER BY, ignoring ORDER BY inside quotes', () => {
    expect(splitOrderBy('summary ~ "order by x" order  by rank')).toEqual({ where: 'summary ~ "order by x"', orderBy: 'order  by rank' });
    expect(withStableOrder('project = A ORDER BY rank')).toBe('project = A ORDER BY rank');
    expect(withUpdatedSince('project = A OR labels = b ORDER BY rank', Date.UTC(2026, 0, 5, 3, 7), 'Europe/Berlin')).toBe(
      '(project = A OR labels = b) AND updated >= "2026/01/05 04:07" ORDER BY rank',
    );
    // An unknown zone: UTC moved back by the widest offset, so nothing is missed.
    expect(withUpdatedSince('ORDER BY key', Date.UTC(2026, 0, 5, 3, 7), 'Mars/Olympus')).toBe('updated >= "2026/01/04 13:07" ORDER BY key');
  });

  it('reads Retry-After as seconds or an HTTP date, else backs off exponentially', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(retryDelayMs('7', 0, now)).toBe(7000);
    expect(retryDelayMs(new Date(now + 30_000).toUTCString(), 0, now)).toBe(30_000);
    expect(retryDelayMs(undefined, 3, now)).toBe(8000);
  });
});

describe('Jira live through the core and the CLI', () => {
  it('takes the token from the credential source only, with progress events and cancel', async () => {
    const server = await jira({ searchPageCap: 10 });
    const file = tmp.file('core.vsm');
    const core = createCore({
      workspacePath: file,
      credentials: { get: (s) => (s === 'jira' ? TOKEN : null), site: () => server.url },
      allowLoopbackHttp: true,
    });
    await expect(core.call('importJiraLive', { baseUrl: server.url, jql: JQL, deployment: 'cloud', email: EMAIL, token: TOKEN })).rejects.toThrow(
      /Unrecognized key: "token"/,
    );
    await expect(core.call('importJiraLive', { baseUrl: `http://u:p@127.0.0.1:1`, jql: JQL, deployment: 'cloud' })).rejects.toThrow(/not in the URL/);
    await expect(core.call('importJiraLive', { baseUrl: 'ftp://x', jql: JQL, deployment: 'cloud' })).rejects.toThrow(/http\(s\) URL of the Jira site/);

    const off = core.on('importProgress', () => void core.call('cancelImport', { importId: 'live-1' }));
    await expect(core.call('importJiraLive', { baseUrl: server.url, jql: JQL, deployment: 'cloud', email: EMAIL, importId: 'live-1' })).rejects.toThrow(
      /cancelled; the workspace is unchanged/,
    );
    off();
    expect(core.db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);

    const events: Array<{ phase: string }> = [];
    core.on('importProgress', (p) => events.push(p));
    const r = await core.call('importJiraLive', { baseUrl: server.url, jql: JQL, deployment: 'cloud', email: EMAIL, importId: 'live-2' });
    expect(r).toMatchObject({ importId: 'live-2', items: 30, statusChanges: 165 });
    expect(events.filter((e) => e.phase === 'issues').length).toBe(3);

    const none = createCore({ workspacePath: tmp.file('no-token.vsm') });
    const err = (await none.call('importJiraLive', { baseUrl: server.url, jql: JQL, deployment: 'server' }).catch((e: unknown) => e)) as FlowmapError;
    expect(err.code).toBe('unauthorized');
    expect(err.message).toMatch(/JIRA_API_TOKEN .* JIRA_PAT/);
    none.close();
    core.close();
    expectNoTokenIn(file, TOKEN);
  });

  const vsm = (args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], {
      cwd: REPO_ROOT,
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^JIRA_/.test(k))), FLOWMAP_ALLOW_LOOPBACK_HTTP: '1', ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('vsm import jira-live reads the token from the environment', async () => {
    const server = await jira();
    const ws = tmp.file('cli.vsm');
    const ok = await vsm(['import', 'jira-live', '--url', server.url, '--jql', JQL, '--workspace', ws], { JIRA_API_TOKEN: TOKEN, JIRA_EMAIL: EMAIL });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^imported 30 items, 165 status changes into .*cli\.vsm in \d+\.\d s\n$/);
    expect(server.requests.every((q) => q.authorization === BASIC)).toBe(true);

    const pat = await jira({ authorization: `Bearer ${PAT}` });
    const server2 = await vsm(['import', 'jira-live', '--server', '--url', pat.url, '--jql', JQL, '--workspace', tmp.file('cli-server.vsm'), '--json'], {
      JIRA_PAT: PAT,
    });
    expect(server2.code).toBe(0);
    expect(JSON.parse(server2.stdout)).toMatchObject({ items: 30, statusChanges: 165 });

    const noEmail = await vsm(['import', 'jira-live', '--url', server.url, '--jql', JQL, '--workspace', ws], { JIRA_API_TOKEN: TOKEN });
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toMatch(/^vsm: Jira Cloud signs in with the account email and an API token: give --email or set JIRA_EMAIL/);
    const noToken = await vsm(['import', 'jira-live', '--url', server.url, '--jql', JQL, '--email', EMAIL, '--workspace', ws], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^vsm: no Jira token: the CLI reads JIRA_API_TOKEN/);
    expectNoTokenIn(ws, TOKEN);
  }, 60_000);
});
