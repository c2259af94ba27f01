// DORA figures from imported releases and commits. Releases are git release tags when a repository has
// them, else GitHub releases, else successful GitHub deployments. A release is counted in the window when
// its time is in [from, to). Lead time for changes = release time − commit (committer) time of each commit
// it released; percentiles by R-7. A release failed when the next release of its repository is a hotfix,
// when a later commit reverts one of its commits, or when an incident-labelled issue opened after it and
// before the next release; time to restore is from the failed release to that fix (hotfix release, revert's
// release, or the incident's resolution).
import type { DoraMetrics } from '../contract/contract.ts';
import { HOUR_MS, DAY_MS } from '../domain/items.ts';
import type { Db } from '../store/open-workspace.ts';

/** R-7 percentile (linear interpolation between closest ranks; the same as d3.quantile). */
export function quantileR7(sortedAsc: readonly number[], p: number): number | null {
  const n = sortedAsc.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sortedAsc[lo]!;
  const b = sortedAsc[Math.min(lo + 1, n - 1)]!;
  return a + (h - lo) * (b - a);
}

interface Rel {
  repo: string;
  kind: string;
  name: string;
  at: number;
  sha: string | null;
  hotfix: number;
  status: string | null;
}

export function computeDora(db: Db, q: { from?: number; to?: number; repo?: string } = {}): DoraMetrics {
  const basis: string[] = [];
  const all = db
    .prepare(`SELECT repo, kind, name, at, sha, hotfix, status FROM releases ${q.repo ? 'WHERE repo = ?' : ''} ORDER BY repo, at, name`)
    .all(...(q.repo ? [q.repo] : [])) as Rel[];
  // Per repository, the best kind of release it has.
  const byRepo = new Map<string, Rel[]>();
  for (const r of all) {
    if (r.kind === 'deployment' && r.status !== 'success') continue;
    const list = byRepo.get(r.repo) ?? [];
    byRepo.set(r.repo, list);
    list.push(r);
  }
  const releases: Rel[] = [];
  for (const [repo, list] of byRepo) {
    const kind = ['tag', 'github-release', 'deployment'].find((k) => list.some((r) => r.kind === k))!;
    basis.push(`${repo}: releases are ${kind === 'tag' ? 'git release tags' : kind === 'github-release' ? 'GitHub releases' : 'successful GitHub deployments'}`);
    releases.push(...list.filter((r) => r.kind === kind));
  }
  const inWindow = (at: number) => (q.from === undefined || at >= q.from) && (q.to === undefined || at < q.to);
  const counted = releases.filter((r) => inWindow(r.at));

  // Lead time for changes over the commits the counted tag releases released.
  const commitStmt = db.prepare('SELECT commit_time FROM commits WHERE repo = ? AND release_name = ?').pluck();
  const leads: number[] = [];
  for (const r of counted) {
    if (r.kind !== 'tag') continue;
    for (const ct of commitStmt.iterate(r.repo, r.name) as Iterable<number>) leads.push((r.at - ct) / HOUR_MS);
  }
  leads.sort((a, b) => a - b);

  // Failures and restores.
  const failed = new Map<Rel, number>(); // release → restore time (ms)
  const byRepoSorted = new Map<string, Rel[]>();
  for (const r of releases) (byRepoSorted.get(r.repo) ?? byRepoSorted.set(r.repo, []).get(r.repo)!).push(r);
  for (const list of byRepoSorted.values()) {
    list.sort((a, b) => a.at - b.at);
    for (let i = 0; i + 1 < list.length; i++) {
      if (list[i + 1]!.hotfix) failed.set(list[i]!, list[i + 1]!.at - list[i]!.at);
    }
  }
  const reverts = db
    .prepare(
      `SELECT c.repo, orig.release_name AS failed_release, fix.release_name AS fix_release
       FROM commits c JOIN commits orig ON orig.repo = c.repo AND orig.sha LIKE c.reverts_sha || '%'
       JOIN commits fix ON fix.repo = c.repo AND fix.sha = c.sha
       WHERE c.reverts_sha IS NOT NULL AND orig.release_name IS NOT NULL AND fix.release_name IS NOT NULL`,
    )
    .all() as Array<{ repo: string; failed_release: string; fix_release: string }>;
  const tagByName = new Map(releases.filter((r) => r.kind === 'tag').map((r) => [`${r.repo}\u0000${r.name}`, r]));
  for (const rv of reverts) {
    const bad = tagByName.get(`${rv.repo}\u0000${rv.failed_release}`);
    const fix = tagByName.get(`${rv.repo}\u0000${rv.fix_release}`);
    if (bad && fix && fix.at >= bad.at) failed.set(bad, Math.min(failed.get(bad) ?? Infinity, fix.at - bad.at));
  }
  if (reverts.length > 0) basis.push(`${reverts.length} released revert commits mark failed releases`);
  if (releases.some((r) => r.hotfix)) basis.push('hotfix releases mark the release before them as failed');
  // Incident-labelled issues (GitHub or Jira): the release before the incident failed; restore = incident open → resolved.
  const incidents = db
    .prepare(
      `SELECT created_at, json_extract(fields, '$.resolvedAt') AS resolved FROM work_items
       WHERE EXISTS (SELECT 1 FROM json_each(labels) WHERE lower(json_each.value) LIKE '%incident%')`,
    )
    .all() as Array<{ created_at: number; resolved: number | null }>;
  if (incidents.length > 0) basis.push(`${incidents.length} incident-labelled issues mark the release before them as failed`);
  const sortedAll = [...releases].sort((a, b) => a.at - b.at);
  for (const inc of incidents) {
    let before: Rel | undefined;
    for (const r of sortedAll) if (r.at <= inc.created_at) before = r;
    if (!before) continue;
    const restore = inc.resolved === null ? null : inc.resolved - inc.created_at;
    if (restore !== null) failed.set(before, Math.min(failed.get(before) ?? Infinity, restore));
    else if (!failed.has(before)) failed.set(before, NaN);
  }

  const failedCounted = counted.filter((r) => failed.has(r));
  const restores = failedCounted
    .map((r) => failed.get(r)!)
    .filter((x) => Number.isFinite(x))
    .map((x) => x / HOUR_MS)
    .sort((a, b) => a - b);

  const times = counted.map((r) => r.at);
  const from = q.from ?? (times.length ? Math.min(...times) : null);
  const to = q.to ?? (times.length ? Math.max(...times) : null);
  const weeks = from === null || to === null ? 0 : Math.max(to - from, DAY_MS) / (7 * DAY_MS);
  return {
    from: from === null ? null : new Date(from).toISOString(),
    to: to === null ? null : new Date(to).toISOString(),
    releases: counted.length,
    // Unrounded: JSON carries full precision; only human output rounds.
    deploymentsPerWeek: weeks === 0 ? 0 : counted.length / weeks,
    changes: leads.length,
    leadTimeForChangesHours: { p50: quantileR7(leads, 0.5), p85: quantileR7(leads, 0.85) },
    changeFailureRate: counted.length === 0 ? null : failedCounted.length / counted.length,
    failedReleases: failedCounted.length,
    timeToRestoreHours: { p50: quantileR7(restores, 0.5), p85: quantileR7(restores, 0.85) },
    basis,
  };
}
