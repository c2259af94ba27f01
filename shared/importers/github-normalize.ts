// GitHub REST objects (issues, pull requests with reviews, commits and timeline/issue events, releases,
// deployments with statuses) to work items with status changes a map can bind to. Pure; browser-safe.
//
// Pull requests (type "Pull request"):
//   first commit (author date)             → Coding          (the item is created here when it predates the PR)
//   opened, or ready_for_review if drafted → Awaiting review (a PR opened as a draft stays in Coding)
//   first review submitted                 → In review
//   first APPROVED review                  → Approved
//   merged_at                              → Merged
//   closed without merge                   → Closed          (reopened → Awaiting review again)
//   first release after the merge          → Released        (the git release tag that contains the merge
//                                                             commit when the repository was imported with
//                                                             `vsm import git`, else the first published
//                                                             GitHub release or successful deployment at or
//                                                             after the merge)
// Issues (type "Bug" when a label is bug/failure/error, else "Issue"):
//   created → Open; each closed event (or closed_at) → Closed; each reopened event → Open.
// Assignees (both): each `assigned` / `unassigned` event is an assignee change (the handoffs of the waste
// analysis); events at the same instant are one change, as a reassignment from A to B is one in Jira.
// Links: a PR whose title or body says "fixes/closes/resolves #N" (or a timeline `connected` /
// `cross-referenced` event) is linked `closes` → issue N, and the issue `closed-by` → the PR.
import { FlowmapError } from '../domain/errors.ts';
import { parseInstant } from '../domain/instant.ts';
import { safeHttpsUrl } from '../domain/web-links.ts';
import type { ImportedItem, ReleaseRow } from '../store/import-repo.ts';
import { preview, textOf } from './preview.ts';
import { isObj } from './json-shape.ts';

export const GITHUB_SOURCE = 'github';

type Obj = Record<string, unknown>;

export interface GithubBundle {
  repo: string;
  issues: Obj[];
  pulls: Obj[];
  /** keyed by PR number */
  reviews: Map<number, Obj[]>;
  prCommits: Map<number, Obj[]>;
  /** per issue or PR number: timeline events, plus repo-level issue events (which carry `issue.number`) */
  events: Map<number, Obj[]>;
  releases: Obj[];
  deployments: Obj[];
  /** keyed by deployment id */
  deploymentStatuses: Map<number, Obj[]>;
}

export function emptyBundle(repo = ''): GithubBundle {
  return {
    repo,
    issues: [],
    pulls: [],
    reviews: new Map(),
    prCommits: new Map(),
    events: new Map(),
    releases: [],
    deployments: [],
    deploymentStatuses: new Map(),
  };
}

export const PR_STAGES = ['Coding', 'Awaiting review', 'In review', 'Approved', 'Merged', 'Closed', 'Released'] as const;

function time(v: unknown, where: string): number | null {
  if (v === null || v === undefined || v === '') return null;
  // Never String(v): it throws on an object whose toString is data and overflows on deep nesting.
  if (typeof v !== 'string') throw new FlowmapError('invalid-input', `${where}: expected a date-time string such as 2026-01-05T08:12:33Z, got ${preview(v)}`);
  return parseInstant(v, where);
}

/** A date the record cannot do without (an event or status without one cannot be placed in time). */
function requiredTime(v: unknown, where: string): number {
  const at = time(v, where);
  if (at === null) throw new FlowmapError('invalid-input', `${where}: expected the date-time of the event, got nothing`);
  return at;
}

function num(v: unknown, where: string, field: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new Error(`${where}: field ${field}: expected an integer, got ${preview(v)}`);
}

/** Text fields: strings (and numbers) only; anything else is treated as absent. */
const text = (v: unknown): string => textOf(v) ?? '';

const labelsOf = (o: Obj): string[] => (Array.isArray(o.labels) ? o.labels.map((l) => text(isObj(l) ? l.name : l)).filter((l) => l !== '') : []);

// `(?:\s*:\s+|\s+)` rather than `\s*:?\s+`: the latter backtracks quadratically on a long run of blanks
// after "fixes" (a 100 kB run took 27 s).
const CLOSES = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?:\s*:\s+|\s+)(?:([\w.-]+\/[\w.-]+))?#(\d+)/gi;

/** Issue numbers a PR's title or body says it closes (same repository only). */
export function closingReferences(text: string, repo: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(CLOSES)) if (!m[1] || m[1].toLowerCase() === repo.toLowerCase()) out.add(Number(m[2]));
  return [...out];
}

/** The assignee changes in an item's events: one per instant at which its assignees changed. */
export function assigneeChanges(events: Obj[], n: number): NonNullable<ImportedItem['assignees']> {
  const byAt = new Map<number, { assigneeId: string | null; assigneeName: string | null }>();
  events.forEach((e, j) => {
    if (e.event !== 'assigned' && e.event !== 'unassigned') return;
    const at = requiredTime(e.created_at, `issues/${n}/events[${j}] field created_at`);
    const who = isObj(e.assignee) ? textOf(e.assignee.login) : null;
    const prev = byAt.get(at);
    // At one instant, the one assigned wins over the one unassigned.
    if (e.event === 'assigned') byAt.set(at, { assigneeId: who, assigneeName: who });
    else if (prev === undefined) byAt.set(at, { assigneeId: null, assigneeName: null });
  });
  return [...byAt].sort((a, b) => a[0] - b[0]).map(([at, a]) => ({ at, ...a }));
}

/** A chain of (instant, status) points into status changes: time order, stage order on ties, no repeats. */
function toChanges(points: Array<{ at: number; to: string }>, initial: string): ImportedItem['changes'] {
  const rank = (s: string) => (PR_STAGES as readonly string[]).indexOf(s);
  const sorted = points.map((p, i) => ({ ...p, i })).sort((a, b) => a.at - b.at || rank(a.to) - rank(b.to) || a.i - b.i);
  const out: ImportedItem['changes'] = [];
  let cur = initial;
  for (const p of sorted) {
    if (p.to === cur) continue;
    out.push({ at: p.at, from: cur, to: p.to });
    cur = p.to;
  }
  return out;
}

export interface ReleaseLookup {
  /** The release time of a commit from git data in the workspace, if any. */
  gitReleaseOf?(sha: string): number | null;
}

export function normalizeGithub(b: GithubBundle, lookup: ReleaseLookup = {}): { items: ImportedItem[]; releases: ReleaseRow[]; warnings: string[] } {
  const warnings: string[] = [];
  const repo = b.repo;
  const key = (n: number) => `${repo}#${n}`;
  const items: ImportedItem[] = [];
  const releases: ReleaseRow[] = [];

  // Releases and deployments first: pull requests are released by them.
  for (const [i, r] of b.releases.entries()) {
    const where = `releases[${i}]`;
    if (r.draft === true) continue;
    const at = time(r.published_at ?? r.created_at, `${where} field published_at`);
    if (at === null) continue;
    const name = textOf(r.tag_name) ?? textOf(r.name) ?? textOf(r.id) ?? `release ${i + 1}`;
    const target = typeof r.target_commitish === 'string' && /^[0-9a-f]{40}$/.test(r.target_commitish) ? r.target_commitish : null;
    releases.push({
      repo,
      kind: 'github-release',
      name,
      at,
      sha: target,
      hotfix: /hotfix/i.test(`${name} ${text(r.name)}`),
      status: r.prerelease === true ? 'prerelease' : 'published',
    });
  }
  for (const [i, d] of b.deployments.entries()) {
    const where = `deployments[${i}]`;
    const id = num(d.id, where, 'id');
    const statuses = [...(b.deploymentStatuses.get(id) ?? [])]
      .map((s, j) => ({ state: text(s.state), at: requiredTime(s.created_at, `${where} statuses[${j}] field created_at`) }))
      .sort((x, y) => x.at - y.at);
    const last = statuses.at(-1);
    const success = statuses.find((s) => s.state === 'success');
    releases.push({
      repo,
      kind: 'deployment',
      name: String(id),
      at: success?.at ?? last?.at ?? requiredTime(d.created_at, `${where} field created_at`),
      sha: typeof d.sha === 'string' ? d.sha : null,
      hotfix: /hotfix/i.test(text(d.ref)),
      status: last?.state ?? 'pending',
      environment: typeof d.environment === 'string' ? d.environment : null,
    });
  }
  const releaseTimes = releases
    .filter((r) => (r.kind === 'github-release' && r.status === 'published') || (r.kind === 'deployment' && r.status === 'success'))
    .map((r) => r.at)
    .sort((x, y) => x - y);
  const firstReleaseAfter = (t: number) => releaseTimes.find((x) => x >= t) ?? null;

  const closedBy = new Map<number, Set<number>>();
  const prNumbers = new Set<number>();

  for (const [i, pr] of b.pulls.entries()) {
    const where = `pulls[${i}]`;
    const n = num(pr.number, where, 'number');
    prNumbers.add(n);
    const w = `${where} (#${n})`;
    const created = time(pr.created_at, `${w} field created_at`);
    if (created === null) throw new Error(`${w}: field created_at: expected the date the pull request was opened, got nothing`);
    const points: Array<{ at: number; to: string }> = [];
    const commits = b.prCommits.get(n) ?? [];
    let firstCommit: number | null = null;
    commits.forEach((c, j) => {
      const commit = isObj(c.commit) ? c.commit : {};
      const author = isObj(commit.author) ? commit.author : {};
      const at = time(author.date, `pulls/${n}/commits[${j}] field commit.author.date`);
      if (at !== null && (firstCommit === null || at < firstCommit)) firstCommit = at;
    });
    const events = b.events.get(n) ?? [];
    const eventTimes = (type: string) =>
      events
        .filter((e) => e.event === type)
        .map((e, j) => requiredTime(e.created_at, `issues/${n}/events[${j}] field created_at`))
        .sort((x, y) => x - y);
    const ready = eventTimes('ready_for_review');
    const openedAsDraft = ready.length > 0 || (pr.draft === true && pr.merged_at == null);
    if (!openedAsDraft || ready.length > 0) points.push({ at: ready[0] ?? created, to: 'Awaiting review' });
    const reviews = (b.reviews.get(n) ?? [])
      .map((r, j) => ({ state: text(r.state), at: time(r.submitted_at, `pulls/${n}/reviews[${j}] field submitted_at`) }))
      .filter((r): r is { state: string; at: number } => r.at !== null && r.state !== 'PENDING')
      .sort((x, y) => x.at - y.at);
    if (reviews[0]) points.push({ at: reviews[0].at, to: 'In review' });
    const approved = reviews.find((r) => r.state === 'APPROVED');
    if (approved) points.push({ at: approved.at, to: 'Approved' });
    const merged = time(pr.merged_at, `${w} field merged_at`);
    const closed = time(pr.closed_at, `${w} field closed_at`);
    if (merged !== null) points.push({ at: merged, to: 'Merged' });
    else {
      for (const at of eventTimes('closed')) points.push({ at, to: 'Closed' });
      for (const at of eventTimes('reopened')) points.push({ at, to: 'Awaiting review' });
      if (closed !== null && !points.some((p) => p.to === 'Closed' && p.at === closed)) points.push({ at: closed, to: 'Closed' });
    }
    let released: number | null = null;
    if (merged !== null) {
      const sha = typeof pr.merge_commit_sha === 'string' ? pr.merge_commit_sha : null;
      const fromGit = sha && lookup.gitReleaseOf ? lookup.gitReleaseOf(sha) : null;
      released = fromGit ?? firstReleaseAfter(merged);
      if (released !== null) points.push({ at: Math.max(released, merged), to: 'Released' });
    }
    const createdAt = firstCommit !== null && firstCommit < created ? firstCommit : created;
    const prText = `${text(pr.title)}\n${text(pr.body)}`;
    const links: NonNullable<ImportedItem['links']> = [];
    const closes = new Set(closingReferences(prText, repo));
    for (const e of events) {
      if ((e.event === 'connected' || e.event === 'cross-referenced') && isObj(e.source) && isObj(e.source.issue)) {
        const ref = e.source.issue.number;
        if (typeof ref === 'number' && ref !== n) closes.add(ref);
      }
    }
    for (const ref of closes) {
      links.push({ kind: 'closes', targetSource: GITHUB_SOURCE, targetKey: key(ref) });
      (closedBy.get(ref) ?? closedBy.set(ref, new Set()).get(ref)!).add(n);
    }
    items.push({
      source: GITHUB_SOURCE,
      externalId: key(n),
      key: key(n),
      type: 'Pull request',
      title: typeof pr.title === 'string' ? pr.title : null,
      createdAt,
      initialStatus: 'Coding',
      labels: labelsOf(pr),
      url: safeHttpsUrl(pr.html_url),
      fields: {
        number: n,
        // Text only: a nested value here would be stored as is (and deep nesting overflows JSON.stringify).
        state: textOf(pr.state),
        draft: pr.draft === true,
        openedAt: created,
        firstCommitAt: firstCommit,
        mergedAt: merged,
        closedAt: closed,
        releasedAt: released,
        mergeCommitSha: textOf(pr.merge_commit_sha),
        author: isObj(pr.user) ? textOf(pr.user.login) : null,
        resolvedAt: merged ?? closed,
      },
      changes: toChanges(points, 'Coding'),
      assignees: assigneeChanges(events, n),
      links,
    });
  }

  for (const [i, issue] of b.issues.entries()) {
    if (isObj(issue.pull_request)) continue; // the issues endpoint also lists PRs; they come from pulls
    const where = `issues[${i}]`;
    const n = num(issue.number, where, 'number');
    if (prNumbers.has(n)) continue;
    const w = `${where} (#${n})`;
    const created = time(issue.created_at, `${w} field created_at`);
    if (created === null) throw new Error(`${w}: field created_at: expected the date the issue was opened, got nothing`);
    const closed = time(issue.closed_at, `${w} field closed_at`);
    const events = b.events.get(n) ?? [];
    const points: Array<{ at: number; to: string }> = [];
    for (const [j, e] of events.entries()) {
      if (e.event === 'closed' || e.event === 'reopened')
        points.push({ at: requiredTime(e.created_at, `issues/${n}/events[${j}] field created_at`), to: e.event === 'closed' ? 'Closed' : 'Open' });
    }
    if (closed !== null && !points.some((p) => p.to === 'Closed' && p.at === closed)) points.push({ at: closed, to: 'Closed' });
    const labels = labelsOf(issue);
    const links: NonNullable<ImportedItem['links']> = [...(closedBy.get(n) ?? [])].map((pr) => ({
      kind: 'closed-by' as const,
      targetSource: GITHUB_SOURCE,
      targetKey: key(pr),
    }));
    items.push({
      source: GITHUB_SOURCE,
      externalId: key(n),
      key: key(n),
      type: labels.some((l) => /^(bug|failure|error)$/i.test(l)) ? 'Bug' : 'Issue',
      title: typeof issue.title === 'string' ? issue.title : null,
      createdAt: created,
      initialStatus: 'Open',
      labels,
      url: safeHttpsUrl(issue.html_url),
      fields: {
        number: n,
        state: textOf(issue.state),
        closedAt: closed,
        resolvedAt: issue.state === 'closed' ? closed : null,
        author: isObj(issue.user) ? textOf(issue.user.login) : null,
      },
      changes: toChanges(points, 'Open'),
      assignees: assigneeChanges(events, n),
      links,
    });
  }
  return { items, releases, warnings };
}
