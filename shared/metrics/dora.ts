// DORA figures from imported releases and commits. Releases are git release tags when a repository has
// them, else GitHub releases, else successful GitHub deployments. A release is counted in the window when
// its time is in [from, to). Lead time for changes = release time − commit (committer) time of each commit
// it released; percentiles by R-7. A release failed when the next release of its repository is a hotfix,
// when a later commit reverts one of its commits, or when an incident-labelled issue opened after it and
// before the next release; time to restore is from the failed release to that fix (hotfix release, revert's
// release, or the incident's resolution).
import type { DoraMetrics } from '../contract/contract.ts';
import { HOUR_MS, DAY_MS } from '../domain/items.ts';
import { commitTimesOfRelease, incidentRows, releasedReverts, releaseRows, type ReleaseRow } from '../store/dora-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { pctOrNull } from './quantile.ts';

type Rel = ReleaseRow;

export function computeDora(db: Db, q: { from?: number; to?: number; repo?: string } = {}): DoraMetrics {
  const basis: string[] = [];
  const all = releaseRows(db, q.repo);
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
    basis.push(
      `${repo}: releases are ${kind === 'tag' ? 'git release tags' : kind === 'github-release' ? 'GitHub releases' : 'successful GitHub deployments'}`,
    );
    releases.push(...list.filter((r) => r.kind === kind));
  }
  const inWindow = (at: number) => (q.from === undefined || at >= q.from) && (q.to === undefined || at < q.to);
  const counted = releases.filter((r) => inWindow(r.at));

  // Lead time for changes over the commits the counted tag releases released.
  const commitTimes = commitTimesOfRelease(db);
  const leads: number[] = [];
  for (const r of counted) {
    if (r.kind !== 'tag') continue;
    for (const ct of commitTimes(r.repo, r.name)) leads.push((r.at - ct) / HOUR_MS);
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
  const reverts = releasedReverts(db);
  const tagByName = new Map(releases.filter((r) => r.kind === 'tag').map((r) => [`${r.repo}\u0000${r.name}`, r]));
  for (const rv of reverts) {
    const bad = tagByName.get(`${rv.repo}\u0000${rv.failedRelease}`);
    const fix = tagByName.get(`${rv.repo}\u0000${rv.fixRelease}`);
    if (bad && fix && fix.at >= bad.at) failed.set(bad, Math.min(failed.get(bad) ?? Infinity, fix.at - bad.at));
  }
  if (reverts.length > 0) basis.push(`${reverts.length} released revert commits mark failed releases`);
  if (releases.some((r) => r.hotfix)) basis.push('hotfix releases mark the release before them as failed');
  // Incident-labelled issues (GitHub or Jira): the release before the incident failed; restore = incident open → resolved.
  const incidents = incidentRows(db);
  if (incidents.length > 0) basis.push(`${incidents.length} incident-labelled issues mark the release before them as failed`);
  const sortedAll = [...releases].sort((a, b) => a.at - b.at);
  for (const inc of incidents) {
    let before: Rel | undefined;
    for (const r of sortedAll) if (r.at <= inc.createdAt) before = r;
    if (!before) continue;
    const restore = inc.resolvedAt === null ? null : inc.resolvedAt - inc.createdAt;
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
    leadTimeForChangesHours: { p50: pctOrNull(leads, 0.5), p85: pctOrNull(leads, 0.85) },
    changeFailureRate: counted.length === 0 ? null : failedCounted.length / counted.length,
    failedReleases: failedCounted.length,
    timeToRestoreHours: { p50: pctOrNull(restores, 0.5), p85: pctOrNull(restores, 0.85) },
    basis,
  };
}
