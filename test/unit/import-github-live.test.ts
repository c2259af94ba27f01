// The live GitHub importer against a replay server on 127.0.0.1, never the internet: the octokit/fixtures
// pagination recording, and the real panjf2000/ants data of the DevLake fixtures served as REST endpoints.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { parseInstant } from '../../shared/domain/instant.ts';
import { createGithubClient } from '../../shared/importers/github-client.ts';
import { importGithubFiles } from '../../shared/importers/github-files.ts';
import { SYNC_OVERLAP_MS } from '../../shared/importers/github-live.ts';
import { openWorkspace, type Db } from '../../shared/store/open-workspace.ts';
import { FIXTURES, readCsv } from '../fixtures/devlake.ts';
import { antsData, GH, githubApi, type RepoData } from './helpers/github-ants.ts';
import { startReplay as startGithubReplay, type ReplayHandler, type ReplayServer } from './helpers/github-replay.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-import-github-live-');
afterAll(() => tmp.cleanup());

type Obj = Record<string, unknown>;
const TOKEN = 'ghp_Flowmap0Test0Token0' + 'x'.repeat(14);
/** The token is bound to the replay server started last (plain http on loopback: allowed for tests only). */
let boundSite = 'https://api.github.com';
const startReplay = async (handler: ReplayHandler): Promise<ReplayServer> => {
  const server = await startGithubReplay(handler);
  boundSite = server.origin;
  return server;
};
const credentials = { get: (s: 'jira' | 'github') => (s === 'github' ? TOKEN : null), site: () => boundSite };
const coreAt = (name: string): Core =>
  createCore({ workspacePath: tmp.file(name), db: openWorkspace(tmp.file(name), { create: true }), credentials, allowLoopbackHttp: true });

describe('octokit/fixtures paginate-issues, replayed', () => {
  it('follows rel="next" across 5 pages and collects the 13 issues #13..#1', async () => {
    const file = path.join(FIXTURES, 'octokit-fixtures', 'scenarios', 'api.github.com', 'paginate-issues', 'normalized-fixture.json');
    const recording = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{
      method: string;
      path: string;
      status: number;
      reqheaders: Obj;
      headers: Record<string, string>;
      response: unknown;
    }>;
    const server = await startReplay((req, origin) => {
      const rec = recording.find((r) => r.method.toUpperCase() === req.method && r.path === req.url);
      if (!rec) return undefined;
      const link = rec.headers.link?.replaceAll('https://api.github.com', origin);
      return { status: rec.status, headers: link ? { link } : undefined, body: rec.response };
    });
    try {
      // The recording's own token, so the request can be checked against what was recorded.
      const token = String(recording[0]!.reqheaders.authorization).replace(/^token /, '');
      const octokit = createGithubClient({ token, baseUrl: server.origin });
      const issues = await octokit.paginate('GET /repos/{owner}/{repo}/issues', { owner: 'octokit-fixture-org', repo: 'paginate-issues', per_page: 3 });
      expect(issues.map((i) => i.number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(server.requests.map((r) => r.url)).toEqual(recording.map((r) => r.path));
      for (const r of server.requests) expect(r.headers.authorization).toBe(recording[0]!.reqheaders.authorization);
    } finally {
      await server.close();
    }
  });
});

// --- the panjf2000/ants repository of the DevLake fixtures, as GitHub would serve it ---------------------

/** The same data as the folder `vsm import github DIR` reads (as in import-github.test.ts). */
function saveFolder(dir: string, data: RepoData) {
  const save = (rel: string, rows: unknown[]) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(rows));
  };
  save('issues.json', data.issues);
  save('pulls.json', data.pulls);
  for (const [n, rows] of data.reviews) save(`pulls/${n}/reviews.json`, rows);
  for (const [n, rows] of data.commits) save(`pulls/${n}/commits.json`, rows);
  save('events.json', data.events);
}

const itemsOf = (db: Db) => db.prepare('SELECT key, type, title, created_at, initial_status, labels, fields FROM work_items ORDER BY key').all();
const changesOf = (db: Db) =>
  db.prepare('SELECT w.key, c.at, c.from_status, c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id ORDER BY w.key, c.at, c.id').all();
const linksOf = (db: Db) => db.prepare('SELECT w.key, l.kind, l.target_key FROM item_links l JOIN work_items w ON w.id = l.item_id ORDER BY 1, 2, 3').all();
const ms = (s: string) => (s ? parseInstant(s, 'oracle') : null);

describe('live import of panjf2000/ants from a replayed REST API', () => {
  const data = antsData();
  let server: ReplayServer;
  let core: Core;
  let fileDb: Db;
  beforeAll(async () => {
    server = await startReplay(githubApi(data));
    core = coreAt('live.vsm');
    const dir = tmp.file('ants-folder');
    saveFolder(dir, data);
    fileDb = openWorkspace(tmp.file('files.vsm'), { create: true });
    await importGithubFiles(fileDb, dir);
  });
  afterAll(async () => {
    core.close();
    fileDb.close();
    await server.close();
  });

  it('pages through every list and gives exactly the items, dates and links of the folder importer', async () => {
    const phases = new Set<string>();
    const off = core.on('importProgress', (p) => phases.add(p.phase));
    const r = await core.call('importGithubLive', { repo: 'panjf2000/ants', apiUrl: server.origin });
    off();
    expect(r).toMatchObject({ source: 'github', input: `${server.origin} panjf2000/ants`, items: 26 + 49 });
    expect([...phases]).toEqual(expect.arrayContaining(['releases', 'issues', 'pull requests', 'pull request details', 'issue events', 'done']));
    // 42 issue rows and 49 PRs at 10 a page: the client followed `link` to pages 5.
    const urls = server.requests.map((q) => q.url);
    expect(urls).toContain('/repos/panjf2000/ants/issues?per_page=100&state=all&page=5');
    expect(urls).toContain('/repos/panjf2000/ants/pulls?per_page=100&state=all&page=5');
    // Details for each of the 49 PRs (a PR with more than 10 reviews or commits spans pages too).
    const numbers = (re: RegExp) => new Set(urls.map((u) => re.exec(u)?.[1]).filter(Boolean)).size;
    expect([numbers(/\/pulls\/(\d+)\/reviews/), numbers(/\/pulls\/(\d+)\/commits/), numbers(/\/issues\/(\d+)\/timeline/)]).toEqual([49, 49, 49]);
    expect(urls.some((u) => /\/pulls\/\d+\/(reviews|commits)\?.*page=2/.test(u))).toBe(true);

    const db = core.db;
    expect(itemsOf(db)).toEqual(itemsOf(fileDb));
    expect(changesOf(db)).toEqual(changesOf(fileDb));
    expect(linksOf(db)).toEqual(linksOf(fileDb));
    expect(linksOf(db)).toEqual(
      expect.arrayContaining([
        { key: 'panjf2000/ants#22', kind: 'closed-by', target_key: 'panjf2000/ants#23' },
        { key: 'panjf2000/ants#23', kind: 'closes', target_key: 'panjf2000/ants#22' },
      ]),
    );
  });

  it("matches the DevLake snapshot's issue and pull request dates (as the folder importer does)", () => {
    const fields = (key: string) => {
      const row = core.db.prepare('SELECT created_at, fields FROM work_items WHERE key = ?').get(key) as { created_at: number; fields: string };
      return { created: row.created_at, f: JSON.parse(row.fields) as Record<string, number | null> };
    };
    for (const o of readCsv(path.join(GH, 'snapshot_tables', 'issues.csv'))) {
      const it = fields(`panjf2000/ants#${o.issue_key}`);
      expect(it.created).toBe(ms(o.created_date!));
      expect(Math.floor((it.f.resolvedAt! - it.created) / 60_000)).toBe(Number(o.lead_time_minutes));
    }
    for (const o of readCsv(path.join(GH, 'snapshot_tables', 'pull_requests.csv'))) {
      const pr = fields(`panjf2000/ants#${o.pull_request_key}`);
      expect([pr.f.openedAt, pr.f.mergedAt, pr.f.closedAt]).toEqual([ms(o.created_date!), ms(o.merged_date!), ms(o.closed_date!)]);
    }
  });

  it('sends the token as `Authorization: token …` and never writes it to the workspace', async () => {
    expect(server.requests.length).toBeGreaterThan(100);
    for (const q of server.requests) expect(q.headers.authorization).toBe(`token ${TOKEN}`);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of [core.workspacePath, `${core.workspacePath}-wal`]) {
      if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(TOKEN)).toBe(false);
    }
  });

  it('asks only for what changed since the last import, and keeps links to untouched items', async () => {
    const sync = core.db.prepare('SELECT last_sync_at FROM sync_state WHERE source_key = ?').pluck().get(`github:${server.origin}/panjf2000/ants`) as number;
    expect(sync).toBeGreaterThan(Date.now() - 60_000);
    const before = changesOf(core.db);
    // Issue #22 changes on GitHub (PR #23, which closes it, does not); PR #30 gets a new title.
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const i22 = data.issues.find((i) => i.number === 22)!;
    const pr30 = data.pulls.find((p) => p.number === 30)!;
    Object.assign(i22, { title: 'renamed issue', updated_at: later });
    Object.assign(pr30, { title: 'renamed PR', updated_at: later });
    server.requests.length = 0;

    const r = await core.call('importGithubLive', { repo: 'panjf2000/ants', apiUrl: server.origin });
    expect(r.items).toBe(2);
    const issuesReq = server.requests.find((q) => q.path === '/repos/panjf2000/ants/issues')!;
    expect(issuesReq.query.get('since')).toBe(new Date(sync - SYNC_OVERLAP_MS).toISOString());
    expect(server.requests.find((q) => q.path === '/repos/panjf2000/ants/pulls')!.query.get('sort')).toBe('updated');
    // Two changed items: one timeline each, no repo-wide event list, no details of unchanged PRs.
    expect(
      server.requests
        .filter((q) => /timeline|reviews|commits|issues\/events/.test(q.path))
        .map((q) => q.path)
        .sort(),
    ).toEqual([
      '/repos/panjf2000/ants/issues/22/timeline',
      '/repos/panjf2000/ants/issues/30/timeline',
      '/repos/panjf2000/ants/pulls/30/commits',
      '/repos/panjf2000/ants/pulls/30/reviews',
    ]);
    expect(core.db.prepare("SELECT title FROM work_items WHERE key IN ('panjf2000/ants#22', 'panjf2000/ants#30') ORDER BY key").pluck().all()).toEqual([
      'renamed issue',
      'renamed PR',
    ]);
    expect(core.db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(75);
    expect(changesOf(core.db)).toEqual(before);
    expect(linksOf(core.db)).toEqual(linksOf(fileDb));

    server.requests.length = 0;
    await core.call('importGithubLive', { repo: 'panjf2000/ants', apiUrl: server.origin, full: true });
    expect(server.requests.find((q) => q.path === '/repos/panjf2000/ants/issues')!.query.has('since')).toBe(false);
    expect(core.db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(75);
  });
});

// --- rate limits and errors ------------------------------------------------------------------------------

/** A small repository: one issue, one merged PR, one release. */
function tinyRepo(): RepoData {
  return {
    issues: [
      {
        number: 1,
        title: 'bug',
        labels: [{ name: 'bug' }],
        state: 'closed',
        created_at: '2026-01-01T00:00:00Z',
        closed_at: '2026-01-03T00:00:00Z',
        updated_at: '2026-01-03T00:00:00Z',
      },
    ],
    pulls: [
      {
        number: 2,
        title: 'fix (fixes #1)',
        state: 'closed',
        created_at: '2026-01-02T00:00:00Z',
        merged_at: '2026-01-03T00:00:00Z',
        closed_at: '2026-01-03T00:00:00Z',
        updated_at: '2026-01-03T00:00:00Z',
      },
    ],
    reviews: new Map(),
    commits: new Map(),
    events: [],
    releases: [{ id: 1, tag_name: 'v1.0.0', draft: false, prerelease: false, published_at: '2026-01-04T00:00:00Z' }],
    deployments: [],
  };
}

const snapshot = (db: Db) => ({
  items: itemsOf(db),
  changes: changesOf(db),
  runs: db.prepare('SELECT count(*) FROM import_runs').pluck().get(),
  sync: db.prepare('SELECT * FROM sync_state').all(),
  releases: db.prepare('SELECT * FROM releases').all(),
});

describe('rate limits and errors from the replayed API', () => {
  it('waits out a primary (403, x-ratelimit-remaining: 0) and a secondary (429, retry-after) rate limit, then imports', async () => {
    const api = githubApi(tinyRepo(), 'o', 'r');
    const hits = new Map<string, number>();
    const server = await startReplay((req, origin) => {
      const n = (hits.get(req.path) ?? 0) + 1;
      hits.set(req.path, n);
      if (req.path === '/repos/o/r/releases' && n === 1) {
        // The reset is now, so the client waits about a second.
        return {
          status: 403,
          headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
          body: {
            message: 'API rate limit exceeded for user ID 1.',
            documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          },
        };
      }
      if (req.path === '/repos/o/r/issues' && n === 1) {
        return {
          status: 429,
          headers: { 'retry-after': '1' },
          body: {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      }
      return api(req, origin);
    });
    const core = coreAt('rate.vsm');
    try {
      const phases: string[] = [];
      core.on('importProgress', (p) => phases.push(p.phase));
      const r = await core.call('importGithubLive', { repo: 'o/r', apiUrl: server.origin });
      expect(r).toMatchObject({ items: 2, releases: 1 });
      expect(hits.get('/repos/o/r/releases')).toBe(2);
      expect(hits.get('/repos/o/r/issues')).toBe(2);
      expect(phases.filter((p) => /waiting \d+ s for the GitHub rate limit/.test(p))).toHaveLength(2);
      const pr = core.db.prepare("SELECT id FROM work_items WHERE key = 'o/r#2'").pluck().get();
      expect(core.db.prepare('SELECT to_status FROM status_changes WHERE item_id = ? ORDER BY at').pluck().all(pr)).toEqual([
        'Awaiting review',
        'Merged',
        'Released',
      ]);
    } finally {
      core.close();
      await server.close();
    }
  });

  it('gives up on a rate limit that resets too late, saying when it resets; the workspace is unchanged', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const server = await startReplay(() => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded' },
    }));
    const core = coreAt('rate-late.vsm');
    try {
      await expect(core.call('importGithubLive', { repo: 'o/r', apiUrl: server.origin })).rejects.toMatchObject({
        code: 'import-failed',
        message: expect.stringContaining(`rate limit is used up while importing o/r; it resets at ${new Date(reset * 1000).toISOString()}`),
      });
      expect(server.requests).toHaveLength(1);
    } finally {
      core.close();
      await server.close();
    }
  });

  it('reports 401 and 404 by repository name (never the token) and leaves the workspace as it was', async () => {
    const good = await startReplay(githubApi(tinyRepo(), 'o', 'r'));
    const core = coreAt('errors.vsm');
    try {
      await core.call('importGithubLive', { repo: 'o/r', apiUrl: good.origin });
      const before = snapshot(core.db);
      expect(before.items).toHaveLength(2);

      const denied = await startReplay(() => ({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }));
      const e401 = await core.call('importGithubLive', { repo: 'o/r', apiUrl: denied.origin, full: true }).catch((e: Error) => e);
      expect(e401).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/refused the token for o\/r \(401 Bad credentials\).*GITHUB_TOKEN/) });
      expect(String((e401 as Error).message)).not.toContain(TOKEN);
      expect(denied.requests).toHaveLength(1); // a 401 is not retried
      await denied.close();

      boundSite = good.origin;
      const e404 = await core.call('importGithubLive', { repo: 'o/missing', apiUrl: good.origin }).catch((e: Error) => e);
      expect(e404).toMatchObject({ code: 'not-found', message: expect.stringContaining('repository o/missing not found') });
      // A 404 on one item's sub-list names that request, not a missing repository.
      const api = githubApi(tinyRepo(), 'o', 'r');
      const partial = await startReplay((req, origin) => (req.path.endsWith('/pulls/2/reviews') ? undefined : api(req, origin)));
      const eItem = await core.call('importGithubLive', { repo: 'o/r', apiUrl: partial.origin, full: true }).catch((e: Error) => e);
      expect(eItem).toMatchObject({ code: 'import-failed', message: expect.stringContaining('GET /repos/o/r/pulls/2/reviews for o/r failed (404 Not Found') });
      await partial.close();
      expect(snapshot(core.db)).toEqual(before);
    } finally {
      core.close();
      await good.close();
    }
  });

  it('an incremental import looks again at merged PRs a new release may have released', async () => {
    const repo = tinyRepo();
    repo.releases = [];
    const server = await startReplay(githubApi(repo, 'o', 'r'));
    const core = coreAt('release-later.vsm');
    const statuses = () =>
      core.db.prepare("SELECT c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id WHERE w.key = 'o/r#2' ORDER BY c.at").pluck().all();
    try {
      await core.call('importGithubLive', { repo: 'o/r', apiUrl: server.origin });
      expect(statuses()).toEqual(['Awaiting review', 'Merged']);
      // Published after the first sync; PR #2 itself has not changed on GitHub.
      repo.releases.push({ id: 2, tag_name: 'v1.1.0', draft: false, prerelease: false, published_at: new Date(Date.now() + 3_600_000).toISOString() });
      server.requests.length = 0;
      const r = await core.call('importGithubLive', { repo: 'o/r', apiUrl: server.origin });
      expect(server.requests.map((q) => q.path)).toContain('/repos/o/r/pulls/2');
      expect(r.items).toBe(1);
      expect(statuses()).toEqual(['Awaiting review', 'Merged', 'Released']);
    } finally {
      core.close();
      await server.close();
    }
  });

  it('a cancel during the fetch ends the import with the workspace unchanged', async () => {
    const api = githubApi(tinyRepo(), 'o', 'r');
    // The replay server cancels through the core it serves, created just after it.
    const late: { core?: Core } = {};
    const server = await startReplay((req, origin) => {
      if (req.path === '/repos/o/r/issues') void late.core!.call('cancelImport', { importId: 'c1' });
      return api(req, origin);
    });
    const core = (late.core = coreAt('cancel.vsm'));
    try {
      const before = snapshot(core.db);
      await expect(core.call('importGithubLive', { repo: 'o/r', apiUrl: server.origin, importId: 'c1' })).rejects.toThrow(
        /import cancelled; the workspace is unchanged/,
      );
      expect(snapshot(core.db)).toEqual(before);
      expect(server.requests.some((q) => q.path.startsWith('/repos/o/r/pulls'))).toBe(false);
    } finally {
      core.close();
      await server.close();
    }
  });

  it('refuses without a token (naming GITHUB_TOKEN), a malformed repository, and credentials in the API URL', async () => {
    const file = tmp.file('no-token.vsm');
    const core = createCore({ workspacePath: file, db: openWorkspace(file, { create: true }) });
    try {
      await expect(core.call('importGithubLive', { repo: 'o/r' })).rejects.toMatchObject({
        code: 'unauthorized',
        message: expect.stringContaining('GITHUB_TOKEN'),
      });
      await expect(core.call('importGithubLive', { repo: 'not a repo' })).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringContaining('OWNER/NAME'),
      });
      await expect(core.call('importGithubLive', { repo: 'o/r', apiUrl: 'ftp://example.com' })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(core.call('importGithubLive', { repo: 'o/r', apiUrl: 'https://me:secret@ghe.example.com/api/v3' })).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringContaining('not in the API URL'),
      });
      await expect(core.call('importGithubLive', { repo: 'o/r', token: 'x' })).rejects.toMatchObject({ code: 'invalid-input' });
    } finally {
      core.close();
    }
  });
});
