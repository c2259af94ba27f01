// Reads the GitHub importers make of what the workspace already holds: git release tags of commits, the
// pull requests that close an issue, and merged pull requests not yet released.
import type { Db } from './open-workspace.ts';

/** A reader of the time of the git release tag that shipped a commit (null when no tag did). */
export function gitReleaseTimeOfCommit(db: Db): (sha: string) => number | null {
  const stmt = db
    .prepare("SELECT r.at FROM commits c JOIN releases r ON r.repo = c.repo AND r.kind = 'tag' AND r.name = c.release_name WHERE c.sha = ? LIMIT 1")
    .pluck();
  return (sha) => (stmt.get(sha) as number | undefined) ?? null;
}

/** Readers and writers that keep `closes` / `closed-by` link pairs whole across incremental imports. */
export function closingLinks(db: Db) {
  const closers = db
    .prepare("SELECT w.key FROM item_links l JOIN work_items w ON w.id = l.item_id WHERE l.kind = 'closes' AND l.target_source = ? AND l.target_key = ?")
    .pluck();
  const addClosedBy = db.prepare(
    "INSERT OR IGNORE INTO item_links (item_id, kind, target_source, target_key) SELECT id, 'closed-by', ?, ? FROM work_items WHERE source = ? AND external_id = ?",
  );
  return {
    /** Keys of the items (of `source`) whose `closes` link points at `key`. */
    closersOf: (source: string, key: string): string[] => closers.all(source, key) as string[],
    /** Gives the item `externalId` of `source` a `closed-by` link to `closerKey`. */
    addClosedBy: (source: string, closerKey: string, externalId: string): void => void addClosedBy.run(source, closerKey, source, externalId),
  };
}

/** A reader of the numbers of a repository's pull requests merged by `at` and not yet released. */
export function mergedUnreleasedPulls(db: Db, source: string, repo: string): (at: number) => number[] {
  const stmt = db
    .prepare(
      `SELECT json_extract(fields, '$.number') FROM work_items WHERE source = ? AND external_id LIKE ? ESCAPE '\\'
         AND type = 'Pull request' AND json_extract(fields, '$.mergedAt') <= ? AND json_extract(fields, '$.releasedAt') IS NULL`,
    )
    .pluck();
  const prefix = `${repo.replace(/[\\%_]/g, '\\$&')}#%`;
  return (at) => stmt.all(source, prefix, at) as number[];
}
