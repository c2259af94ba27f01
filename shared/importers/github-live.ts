// `vsm import github OWNER/REPO`: the same REST resources the folder importer reads, fetched live with
// Octokit's pagination (it follows `link: rel="next"`), into the same GithubBundle, through the same
// normalizer and import session. Node only.
//
// What is fetched:
//   GET /repos/{o}/{r}/releases, /deployments (+ /deployments/{id}/statuses)
//   GET /repos/{o}/{r}/issues?state=all[&since=]        (also lists PRs; the normalizer skips those)
//   GET /repos/{o}/{r}/pulls?state=all                  (incremental: sort=updated, stops at `since`)
//   per PR: /pulls/{n}/reviews, /pulls/{n}/commits, /issues/{n}/timeline
//   issues' close/reopen history: /issues/events (full import: one list for the whole repo),
//                                 /issues/{n}/timeline per changed issue (incremental import)
// Incremental sync: the sync state `github:<owner>/<repo>` holds when the last import started; the next one
// asks only for what changed since then and writes the new sync state in the same transaction as the items,
// so a failed import leaves both as they were. The network fetch happens before the transaction opens, so
// the workspace is not locked while GitHub answers.
import { FlowmapError } from '../domain/errors.ts';
import { getSyncState, setSyncState } from '../store/import-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { createGithubClient, DEFAULT_GITHUB_API, githubError, type GithubClient } from './github-client.ts';
import { importGithubBundle } from './github-import.ts';
import { emptyBundle, GITHUB_SOURCE, type GithubBundle } from './github-normalize.ts';
import type { ImportOptions, ImportProgress, ImportResult } from './session.ts';
import { isObj, cancelledError } from './json-shape.ts';
import { mergedUnreleasedPulls } from '../store/github-repo.ts';

type Obj = Record<string, unknown>;

/** `owner/name` as GitHub allows it (the contract validates the same shape). */
export const GITHUB_REPO_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

export interface FetchOptions {
  /** Only what changed at or after this instant (ms since the epoch); absent = everything. */
  since?: number;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /**
   * Incremental only: PRs not in the changed set to fetch anyway when a release or deployment newer than
   * `since` may have released them (merged PRs the workspace has no release for), given that release's time.
   */
  unreleasedPulls?: (latestReleaseAt: number) => number[];
  /** Per-item requests in flight at once. */
  concurrency?: number;
}

const PER_PAGE = 100;

export async function fetchGithubBundle(octokit: GithubClient, owner: string, repo: string, options: FetchOptions = {}): Promise<GithubBundle> {
  const { since, signal } = options;
  const b = emptyBundle(`${owner}/${repo}`);
  const base = { owner, repo, per_page: PER_PAGE, request: { signal } };
  const sinceIso = since === undefined ? undefined : new Date(since).toISOString();
  const progress = (phase: string, done: number, total?: number) => {
    if (signal?.aborted) throw cancelledError();
    options.onProgress?.({ phase, done, ...(total === undefined ? {} : { total }) });
  };
  // `phase` is given for the repository-wide lists; per-item lists count towards their item's phase instead.
  const list = async (route: string, params: Obj, phase?: string, stop?: (row: Obj) => boolean): Promise<Obj[]> => {
    const out: Obj[] = [];
    // The map function sees each page as it arrives: progress per page, and `done()` ends the pagination
    // early once a list sorted newest-first reaches rows older than `since`.
    const onPage = (response: { data: unknown }, done: () => void): never[] => {
      const rows = (Array.isArray(response.data) ? response.data : []).filter(isObj);
      const cut = stop ? rows.findIndex(stop) : -1;
      if (cut >= 0) done();
      out.push(...(cut >= 0 ? rows.slice(0, cut) : rows));
      if (phase) progress(phase, out.length);
      else if (signal?.aborted) throw cancelledError();
      return [];
    };
    // `route` is one of the list endpoints named in this function; Octokit's per-route typings add nothing here.
    await octokit.paginate(route as never, { ...base, ...params } as never, onPage as never);
    return out;
  };
  const olderThan = (field: string, margin = 0) => (since === undefined ? undefined : (row: Obj) => Date.parse(String(row[field])) < since - margin);

  // Releases and deployments first: whether unreleased PRs need a second look depends on them.
  b.releases.push(...(await list('GET /repos/{owner}/{repo}/releases', {}, 'releases')));
  // Deployments come newest first and cannot be asked for by update time; one created a day before the last
  // sync may have finished after it, so the incremental cut has that much margin.
  b.deployments.push(...(await list('GET /repos/{owner}/{repo}/deployments', {}, 'deployments', olderThan('created_at', 86_400_000))));
  await eachLimited(b.deployments, options.concurrency, async (d, i) => {
    if (typeof d.id !== 'number') return;
    b.deploymentStatuses.set(d.id, await list('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { deployment_id: d.id }));
    progress('deployment statuses', i + 1, b.deployments.length);
  });

  b.issues.push(...(await list('GET /repos/{owner}/{repo}/issues', { state: 'all', ...(sinceIso ? { since: sinceIso } : {}) }, 'issues')));
  b.pulls.push(
    ...(await list(
      'GET /repos/{owner}/{repo}/pulls',
      since === undefined ? { state: 'all' } : { state: 'all', sort: 'updated', direction: 'desc' },
      'pull requests',
      olderThan('updated_at'),
    )),
  );
  if (since !== undefined && options.unreleasedPulls) {
    const latest = latestReleaseAt(b);
    if (latest !== null && latest >= since) {
      const have = new Set(b.pulls.map((p) => p.number));
      const extra = options.unreleasedPulls(latest).filter((n) => !have.has(n));
      await eachLimited(extra, options.concurrency, async (n) => {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...base, pull_number: n });
        b.pulls.push(data as unknown as Obj);
      });
    }
  }

  const prNumbers = b.pulls.map((p) => p.number).filter((n): n is number => typeof n === 'number');
  await eachLimited(prNumbers, options.concurrency, async (n, i) => {
    const [reviews, commits, timeline] = await Promise.all([
      list('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { pull_number: n }),
      list('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { pull_number: n }),
      list('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', { issue_number: n }),
    ]);
    b.reviews.set(n, reviews);
    b.prCommits.set(n, commits);
    b.events.set(n, timeline);
    progress('pull request details', i + 1, prNumbers.length);
  });

  const prs = new Set(prNumbers);
  if (since === undefined) {
    // One list for the whole repository rather than a request per issue; PR events come from their timelines.
    for (const e of await list('GET /repos/{owner}/{repo}/issues/events', {}, 'issue events')) {
      const n = isObj(e.issue) ? e.issue.number : undefined;
      if (typeof n === 'number' && !prs.has(n)) b.events.set(n, [...(b.events.get(n) ?? []), e]);
    }
  } else {
    const issueNumbers = b.issues.filter((i) => !isObj(i.pull_request) && typeof i.number === 'number' && !prs.has(i.number)).map((i) => i.number as number);
    await eachLimited(issueNumbers, options.concurrency, async (n, i) => {
      b.events.set(n, await list('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', { issue_number: n }));
      progress('issue timelines', i + 1, issueNumbers.length);
    });
  }
  return b;
}

/** The newest published release or successful deployment in the bundle. */
function latestReleaseAt(b: GithubBundle): number | null {
  const times = [
    ...b.releases.filter((r) => r.draft !== true && r.prerelease !== true).map((r) => Date.parse(String(r.published_at ?? r.created_at))),
    ...[...b.deploymentStatuses.values()]
      .flat()
      .filter((s) => s.state === 'success')
      .map((s) => Date.parse(String(s.created_at))),
  ].filter((t) => Number.isFinite(t));
  return times.length === 0 ? null : Math.max(...times);
}

/** Runs `fn` over `items` with at most `limit` at once, in order of start (results are keyed, not ordered). */
async function eachLimited<T>(items: T[], limit = 4, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface GithubLiveOptions extends ImportOptions {
  /** `owner/name`. */
  repo: string;
  /** From the credential source, never from the contract's input. */
  token: string | null;
  apiUrl?: string;
  /** Ignore the sync state and fetch everything. */
  full?: boolean;
  /** Tests: a client with a faster rate-limit clock. */
  client?: GithubClient;
}

/** Asked for again on each incremental sync: covers a clock that runs ahead of GitHub's (re-imports are idempotent). */
export const SYNC_OVERLAP_MS = 5 * 60_000;

export const syncKeyOf = (repo: string, apiUrl: string) => (apiUrl === DEFAULT_GITHUB_API ? `github:${repo}` : `github:${apiUrl}/${repo}`);

export async function importGithubLive(db: Db, options: GithubLiveOptions): Promise<ImportResult> {
  const { repo } = options;
  if (!GITHUB_REPO_PATTERN.test(repo)) throw new FlowmapError('invalid-input', `${repo}: expected a GitHub repository as OWNER/NAME`);
  if (!options.token) {
    throw new FlowmapError(
      'unauthorized',
      `importing ${repo} from GitHub needs an API token: set GITHUB_TOKEN (or GH_TOKEN) in the environment, or store one in the app's settings`,
    );
  }
  const apiUrl = (options.apiUrl ?? DEFAULT_GITHUB_API).replace(/\/+$/, '');
  const [owner, name] = repo.split('/') as [string, string];
  const syncKey = syncKeyOf(repo, apiUrl);
  const previous = options.full ? null : getSyncState(db, syncKey);
  const now = options.now ?? Date.now;
  const startedAt = now();
  const octokit =
    options.client ??
    createGithubClient({
      token: options.token,
      baseUrl: apiUrl,
      onRateLimitWait: (s) => options.onProgress?.({ phase: `waiting ${s} s for the GitHub rate limit`, done: 0 }),
    });
  const mergedUnreleased = mergedUnreleasedPulls(db, GITHUB_SOURCE, repo);
  let bundle: GithubBundle;
  try {
    bundle = await fetchGithubBundle(octokit, owner, name, {
      since: previous === null ? undefined : previous.lastSyncAt - SYNC_OVERLAP_MS,
      signal: options.signal,
      onProgress: options.onProgress,
      unreleasedPulls: mergedUnreleased,
    });
  } catch (e) {
    throw githubError(e, repo, apiUrl);
  }
  const input = apiUrl === DEFAULT_GITHUB_API ? repo : `${apiUrl} ${repo}`;
  return importGithubBundle(
    db,
    bundle,
    // The next sync asks for changes since this one started, so nothing changed during the fetch is missed.
    { input, incremental: previous !== null, afterWrite: () => setSyncState(db, syncKey, startedAt) },
    options,
  );
}
