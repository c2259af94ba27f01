// What importers write beside items and status changes (flags, assignees, links, commits, releases),
// import runs and sync state. Every writer runs inside the caller's transaction. Node only.
import { createItemWriter, type NewItem } from './item-repo.ts';
import type { Db } from './open-workspace.ts';

export interface FlagChange {
  at: number;
  flagged: boolean;
}
export interface AssigneeChange {
  at: number;
  assigneeId: string | null;
  assigneeName: string | null;
}
export interface ItemLink {
  kind: 'parent' | 'epic' | 'closed-by' | 'closes' | 'mentions';
  targetSource: string;
  targetKey: string;
}

/** An item with everything an importer knows about it. */
export interface ImportedItem extends NewItem {
  flags?: FlagChange[];
  assignees?: AssigneeChange[];
  links?: ItemLink[];
}

/** Writes items with their side tables, replacing what an earlier import of the same item wrote. */
export function createImportWriter(db: Db) {
  const writeItem = createItemWriter(db);
  const clearFlags = db.prepare('DELETE FROM flag_changes WHERE item_id = ?');
  const clearAssignees = db.prepare('DELETE FROM assignee_changes WHERE item_id = ?');
  const clearLinks = db.prepare('DELETE FROM item_links WHERE item_id = ?');
  const insFlag = db.prepare('INSERT INTO flag_changes (item_id, at, flagged) VALUES (?, ?, ?)');
  const insAssignee = db.prepare('INSERT INTO assignee_changes (item_id, at, assignee_id, assignee_name) VALUES (?, ?, ?, ?)');
  const insLink = db.prepare('INSERT OR IGNORE INTO item_links (item_id, kind, target_source, target_key) VALUES (?, ?, ?, ?)');
  let existing: boolean | null = null;
  return (item: ImportedItem): number => {
    const id = writeItem(item);
    // On a workspace that had no items before this import there is nothing to clear.
    existing ??= (db.prepare('SELECT count(*) AS n FROM flag_changes').get() as { n: number }).n > 0 ||
      (db.prepare('SELECT count(*) AS n FROM assignee_changes').get() as { n: number }).n > 0 ||
      (db.prepare('SELECT count(*) AS n FROM item_links').get() as { n: number }).n > 0;
    if (existing) {
      clearFlags.run(id);
      clearAssignees.run(id);
      clearLinks.run(id);
    }
    for (const f of item.flags ?? []) insFlag.run(id, f.at, f.flagged ? 1 : 0);
    for (const a of item.assignees ?? []) insAssignee.run(id, a.at, a.assigneeId, a.assigneeName);
    for (const l of item.links ?? []) insLink.run(id, l.kind, l.targetSource, l.targetKey);
    return id;
  };
}

export interface CommitRow {
  repo: string;
  sha: string;
  authorTime: number;
  commitTime: number;
  subject: string;
  releaseName: string | null;
  revertsSha: string | null;
}
export interface ReleaseRow {
  repo: string;
  kind: 'tag' | 'github-release' | 'deployment';
  name: string;
  at: number;
  sha: string | null;
  hotfix: boolean;
  status?: string | null;
  environment?: string | null;
}

export function createCommitWriter(db: Db) {
  const ins = db.prepare(
    `INSERT INTO commits (repo, sha, author_time, commit_time, subject, release_name, reverts_sha) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (repo, sha) DO UPDATE SET author_time = excluded.author_time, commit_time = excluded.commit_time,
       subject = excluded.subject, release_name = excluded.release_name, reverts_sha = excluded.reverts_sha`,
  );
  return (c: CommitRow) => ins.run(c.repo, c.sha, c.authorTime, c.commitTime, c.subject, c.releaseName, c.revertsSha);
}

export function createReleaseWriter(db: Db) {
  const ins = db.prepare(
    `INSERT INTO releases (repo, kind, name, at, sha, hotfix, status, environment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (repo, kind, name) DO UPDATE SET at = excluded.at, sha = excluded.sha, hotfix = excluded.hotfix,
       status = excluded.status, environment = excluded.environment`,
  );
  return (r: ReleaseRow) => ins.run(r.repo, r.kind, r.name, r.at, r.sha, r.hotfix ? 1 : 0, r.status ?? null, r.environment ?? null);
}

export function recordImportRun(
  db: Db,
  run: { source: string; input: string; startedAt: number; finishedAt: number; items: number; statusChanges: number; warnings: string[] },
): void {
  db.prepare(
    'INSERT INTO import_runs (source, input, started_at, finished_at, items, status_changes, warnings) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(run.source, run.input, run.startedAt, run.finishedAt, run.items, run.statusChanges, JSON.stringify(run.warnings.slice(0, 1000)));
}

export function getSyncState(db: Db, sourceKey: string): { lastSyncAt: number; cursor: string | null } | null {
  const row = db.prepare('SELECT last_sync_at, cursor FROM sync_state WHERE source_key = ?').get(sourceKey) as
    | { last_sync_at: number; cursor: string | null }
    | undefined;
  return row ? { lastSyncAt: row.last_sync_at, cursor: row.cursor } : null;
}

export function setSyncState(db: Db, sourceKey: string, lastSyncAt: number, cursor: string | null = null): void {
  db.prepare(
    `INSERT INTO sync_state (source_key, last_sync_at, cursor) VALUES (?, ?, ?)
     ON CONFLICT (source_key) DO UPDATE SET last_sync_at = excluded.last_sync_at, cursor = excluded.cursor`,
  ).run(sourceKey, lastSyncAt, cursor);
}

/** Instants of every item's assignee changes, ascending, keyed by item id: what the waste analysis counts handoffs from. */
export function assigneeChangeInstants(db: Db): Map<number, Float64Array> {
  const rows = db.prepare('SELECT item_id, at FROM assignee_changes ORDER BY item_id, at').raw().all() as Array<[number, number]>;
  const out = new Map<number, Float64Array>();
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && rows[j]![0] === rows[i]![0]) j++;
    out.set(rows[i]![0], Float64Array.from(rows.slice(i, j), (r) => r[1]));
    i = j;
  }
  return out;
}

/** Items plus commits: whether an import would change a workspace that already holds history. */
export function historyRowCount(db: Db): number {
  return (db.prepare('SELECT (SELECT count(*) FROM work_items) + (SELECT count(*) FROM commits) AS n').get() as { n: number }).n;
}

/** Runs `body` in one IMMEDIATE transaction (so a second writer waits, not deadlocks), rolled back on any throw. */
export async function inImmediateTransaction<T>(db: Db, body: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await body();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** Forgets a repository's commits and release tags: its next git import is the whole truth for them. */
export function clearGitHistory(db: Db, repo: string): void {
  db.prepare('DELETE FROM commits WHERE repo = ?').run(repo);
  db.prepare("DELETE FROM releases WHERE repo = ? AND kind = 'tag'").run(repo);
}
