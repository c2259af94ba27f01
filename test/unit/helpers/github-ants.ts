// The panjf2000/ants repository of the DevLake fixtures (real GitHub REST payloads), served as the REST
// endpoints the live GitHub importer calls. Used by the importer's unit test and the import dialog's E2E test.
import path from 'node:path';
import { DEVLAKE, readRaw } from '../../fixtures/devlake.ts';
import { paged, type ReplayRequest, type ReplayResponse } from './github-replay.ts';

type Obj = Record<string, unknown>;

export const GH = path.join(DEVLAKE, 'github');
const raw = (name: string) =>
  readRaw<Obj>(path.join(GH, 'raw_tables', name))
    .filter((r) => JSON.stringify(r.params) === JSON.stringify({ ConnectionId: 1, Name: 'panjf2000/ants' }))
    .map((r) => ({ data: r.data, input: r.input as { Number?: number } }));
const byNumber = (rows: Array<{ data: Obj; input: { Number?: number } }>, numberOf: (r: { data: Obj; input: { Number?: number } }) => unknown) => {
  const m = new Map<number, Obj[]>();
  for (const r of rows) {
    const n = numberOf(r);
    if (typeof n === 'number') m.set(n, [...(m.get(n) ?? []), r.data]);
  }
  return m;
};

export interface RepoData {
  issues: Obj[];
  pulls: Obj[];
  reviews: Map<number, Obj[]>;
  commits: Map<number, Obj[]>;
  events: Obj[];
  releases: Obj[];
  deployments: Obj[];
}

export function antsData(): RepoData {
  const events = raw('_raw_github_api_events.csv').map((r) => r.data);
  return {
    issues: raw('_raw_github_api_issues.csv').map((r) => r.data),
    pulls: raw('_raw_github_api_pull_requests.csv').map((r) => r.data),
    reviews: byNumber(raw('_raw_github_api_pull_request_reviews.csv'), (r) => r.input.Number),
    commits: byNumber(raw('_raw_github_api_pull_request_commits.csv'), (r) => r.input.Number),
    events,
    releases: [],
    deployments: [],
  };
}

/** The REST endpoints the live importer calls, over `data` (which a test may change between runs). */
export function githubApi(data: RepoData, owner = 'panjf2000', repo = 'ants') {
  const prefix = `/repos/${owner}/${repo}`;
  return (req: ReplayRequest, origin: string): ReplayResponse | undefined => {
    if (req.method !== 'GET' || !req.path.startsWith(prefix)) return undefined;
    const p = req.path.slice(prefix.length);
    const since = req.query.get('since');
    const list = (rows: unknown[]) => paged(req, origin, rows);
    let m: RegExpExecArray | null;
    if (p === '/issues') return list(data.issues.filter((i) => !since || String(i.updated_at) >= since));
    if (p === '/pulls') {
      const rows = req.query.get('sort') === 'updated' ? [...data.pulls].sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at))) : data.pulls;
      return list(rows);
    }
    if ((m = /^\/pulls\/(\d+)\/(reviews|commits)$/.exec(p))) return list((m[2] === 'reviews' ? data.reviews : data.commits).get(Number(m[1])) ?? []);
    if ((m = /^\/pulls\/(\d+)$/.exec(p))) {
      const pr = data.pulls.find((x) => x.number === Number(m![1]));
      return pr ? { body: pr } : undefined;
    }
    // A timeline holds the item's events (the fixture's repo-level issue events, grouped by issue number).
    if ((m = /^\/issues\/(\d+)\/timeline$/.exec(p))) return list(data.events.filter((e) => (e.issue as Obj | undefined)?.number === Number(m![1])));
    if (p === '/issues/events') return list(data.events);
    if (p === '/releases') return list(data.releases);
    if (p === '/deployments') return list(data.deployments);
    if ((m = /^\/deployments\/(\d+)\/statuses$/.exec(p))) return list([]);
    return undefined;
  };
}
