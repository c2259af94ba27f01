// The rows DORA's figures are computed from: releases, the commit times each release shipped, released
// revert commits, and incident-labelled items. The definitions live in shared/metrics/dora.ts.
import type { Db } from './open-workspace.ts';

export interface ReleaseRow {
  repo: string;
  kind: string;
  name: string;
  at: number;
  sha: string | null;
  hotfix: number;
  status: string | null;
}

export interface ReleasedRevert {
  repo: string;
  failedRelease: string;
  fixRelease: string;
}

export interface IncidentRow {
  createdAt: number;
  resolvedAt: number | null;
}

export function releaseRows(db: Db, repo?: string): ReleaseRow[] {
  return db
    .prepare(`SELECT repo, kind, name, at, sha, hotfix, status FROM releases ${repo ? 'WHERE repo = ?' : ''} ORDER BY repo, at, name`)
    .all(...(repo ? [repo] : [])) as ReleaseRow[];
}

/** A reader of the committer times of the commits a release shipped. */
export function commitTimesOfRelease(db: Db): (repo: string, release: string) => Iterable<number> {
  const stmt = db.prepare('SELECT commit_time FROM commits WHERE repo = ? AND release_name = ?').pluck();
  return (repo, release) => stmt.iterate(repo, release) as Iterable<number>;
}

/** Revert commits whose reverted commit and whose own commit were both released. */
export function releasedReverts(db: Db): ReleasedRevert[] {
  return db
    .prepare(
      `SELECT c.repo AS repo, orig.release_name AS failedRelease, fix.release_name AS fixRelease
       FROM commits c JOIN commits orig ON orig.repo = c.repo AND orig.sha LIKE c.reverts_sha || '%'
       JOIN commits fix ON fix.repo = c.repo AND fix.sha = c.sha
       WHERE c.reverts_sha IS NOT NULL AND orig.release_name IS NOT NULL AND fix.release_name IS NOT NULL`,
    )
    .all() as ReleasedRevert[];
}

/** Items (GitHub or Jira) with a label containing "incident", with when they opened and were resolved. */
export function incidentRows(db: Db): IncidentRow[] {
  return db
    .prepare(
      `SELECT created_at AS createdAt, json_extract(fields, '$.resolvedAt') AS resolvedAt FROM work_items
       WHERE EXISTS (SELECT 1 FROM json_each(labels) WHERE lower(json_each.value) LIKE '%incident%')`,
    )
    .all() as IncidentRow[];
}
