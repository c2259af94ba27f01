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

/** One changelog entry for a field other than status, flag and assignee, as the source wrote it. */
export interface FieldChange {
  at: number;
  field: string;
  fieldId: string | null;
  fromValue: string | null;
  fromString: string | null;
  toValue: string | null;
  toString: string | null;
}
export interface ItemSprint {
  sprintId: string;
  name: string | null;
  state: string | null;
  boardId: string | null;
  startAt: number | null;
  endAt: number | null;
  completeAt: number | null;
}
/** A Jira issue link as the issue shows it now: `description` is the phrase on this side ("is blocked by"). */
export interface IssueLink {
  linkType: string;
  direction: 'inward' | 'outward';
  description: string | null;
  targetKey: string;
}
/** A link added or removed, from the changelog ("This issue is blocked by SP-14"). */
export interface IssueLinkChange {
  at: number;
  added: boolean;
  targetKey: string;
  description: string | null;
}

/** An item with everything an importer knows about it. */
export interface ImportedItem extends NewItem {
  flags?: FlagChange[];
  assignees?: AssigneeChange[];
  links?: ItemLink[];
  fieldChanges?: FieldChange[];
  sprints?: ItemSprint[];
  issueLinks?: IssueLink[];
  issueLinkChanges?: IssueLinkChange[];
}

const SIDE_TABLES = ['flag_changes', 'assignee_changes', 'item_links', 'field_changes', 'item_sprints', 'issue_links', 'issue_link_changes'] as const;

/** Writes items with their side tables, replacing what an earlier import of the same item wrote. */
export function createImportWriter(db: Db) {
  const writeItem = createItemWriter(db);
  const clears = SIDE_TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE item_id = ?`));
  const insFlag = db.prepare('INSERT INTO flag_changes (item_id, at, flagged) VALUES (?, ?, ?)');
  const insAssignee = db.prepare('INSERT INTO assignee_changes (item_id, at, assignee_id, assignee_name) VALUES (?, ?, ?, ?)');
  const insLink = db.prepare('INSERT OR IGNORE INTO item_links (item_id, kind, target_source, target_key) VALUES (?, ?, ?, ?)');
  const insField = db.prepare(
    'INSERT INTO field_changes (item_id, at, field, field_id, from_value, from_string, to_value, to_string) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insSprint = db.prepare(
    `INSERT INTO item_sprints (item_id, sprint_id, name, state, board_id, start_at, end_at, complete_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id, sprint_id) DO UPDATE SET name = excluded.name, state = excluded.state, board_id = excluded.board_id,
       start_at = excluded.start_at, end_at = excluded.end_at, complete_at = excluded.complete_at`,
  );
  const insIssueLink = db.prepare('INSERT OR IGNORE INTO issue_links (item_id, link_type, direction, description, target_key) VALUES (?, ?, ?, ?, ?)');
  const insLinkChange = db.prepare('INSERT INTO issue_link_changes (item_id, at, added, target_key, description) VALUES (?, ?, ?, ?, ?)');
  let existing: boolean | null = null;
  return (item: ImportedItem): number => {
    const id = writeItem(item);
    // On a workspace that had no items before this import there is nothing to clear.
    existing ??= SIDE_TABLES.some((t) => db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
    if (existing) for (const c of clears) c.run(id);
    for (const f of item.flags ?? []) insFlag.run(id, f.at, f.flagged ? 1 : 0);
    for (const a of item.assignees ?? []) insAssignee.run(id, a.at, a.assigneeId, a.assigneeName);
    for (const l of item.links ?? []) insLink.run(id, l.kind, l.targetSource, l.targetKey);
    for (const f of item.fieldChanges ?? []) insField.run(id, f.at, f.field, f.fieldId, f.fromValue, f.fromString, f.toValue, f.toString);
    for (const sp of item.sprints ?? []) insSprint.run(id, sp.sprintId, sp.name, sp.state, sp.boardId, sp.startAt, sp.endAt, sp.completeAt);
    for (const l of item.issueLinks ?? []) insIssueLink.run(id, l.linkType, l.direction, l.description, l.targetKey);
    for (const c of item.issueLinkChanges ?? []) insLinkChange.run(id, c.at, c.added ? 1 : 0, c.targetKey, c.description);
    return id;
  };
}

/** Records the category of each status a source's import learned (`new`, `indeterminate`, `done`), replacing older ones. */
export function saveStatusCategories(db: Db, source: string, statuses: Iterable<{ status: string; statusId: string | null; category: string }>): void {
  const ins = db.prepare(
    `INSERT INTO status_categories (source, status, status_id, category) VALUES (?, ?, ?, ?)
     ON CONFLICT (source, status) DO UPDATE SET status_id = excluded.status_id, category = excluded.category`,
  );
  for (const s of statuses) ins.run(source, s.status, s.statusId, s.category);
}

/** Each change of one item in order with the categories of the statuses it left and entered (null: not known). */
export function statusChangeCategories(db: Db, itemKey: string): Array<{ to: string; toCategory: string | null; fromCategory: string | null }> {
  return db
    .prepare(
      `SELECT c.to_status AS "to", t.category AS toCategory, f.category AS fromCategory FROM status_changes c JOIN work_items i ON i.id = c.item_id
       LEFT JOIN status_categories t ON t.source = c.source AND t.status = c.to_status
       LEFT JOIN status_categories f ON f.source = c.source AND f.status = c.from_status
       WHERE i.key = ? ORDER BY c.at, c.id`,
    )
    .all(itemKey) as Array<{ to: string; toCategory: string | null; fromCategory: string | null }>;
}

/** An item's sprints, issue links, link history and field changes, by key: what later analyses read. */
export function itemJiraHistory(db: Db, itemKey: string) {
  const id = db.prepare('SELECT id FROM work_items WHERE key = ? ORDER BY id LIMIT 1').pluck().get(itemKey) as number | undefined;
  if (id === undefined) return null;
  return {
    sprints: db
      .prepare(
        'SELECT sprint_id AS sprintId, name, state, board_id AS boardId, start_at AS startAt, end_at AS endAt, complete_at AS completeAt FROM item_sprints WHERE item_id = ? ORDER BY sprint_id',
      )
      .all(id) as ItemSprint[],
    issueLinks: db
      .prepare(
        'SELECT link_type AS linkType, direction, description, target_key AS targetKey FROM issue_links WHERE item_id = ? ORDER BY link_type, direction, target_key',
      )
      .all(id) as IssueLink[],
    issueLinkChanges: (
      db.prepare('SELECT at, added, target_key AS targetKey, description FROM issue_link_changes WHERE item_id = ? ORDER BY at, rowid').all(id) as Array<
        Omit<IssueLinkChange, 'added'> & { added: number }
      >
    ).map((c) => ({ ...c, added: c.added === 1 })),
    fieldChanges: db
      .prepare(
        'SELECT at, field, field_id AS fieldId, from_value AS fromValue, from_string AS fromString, to_value AS toValue, to_string AS toString FROM field_changes WHERE item_id = ? ORDER BY at, rowid',
      )
      .all(id) as FieldChange[],
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
  db.prepare('INSERT INTO import_runs (source, input, started_at, finished_at, items, status_changes, warnings) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    run.source,
    run.input,
    run.startedAt,
    run.finishedAt,
    run.items,
    run.statusChanges,
    JSON.stringify(run.warnings.slice(0, 1000)),
  );
}

export function getSyncState(db: Db, sourceKey: string): { lastSyncAt: number; cursor: string | null } | null {
  const row = db.prepare('SELECT last_sync_at, cursor FROM sync_state WHERE source_key = ?').get(sourceKey) as
    { last_sync_at: number; cursor: string | null } | undefined;
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
    out.set(
      rows[i]![0],
      Float64Array.from(rows.slice(i, j), (r) => r[1]),
    );
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
