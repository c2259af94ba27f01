import type { Database } from 'better-sqlite3';

/**
 * What the importers keep beside work items and status changes: Jira Flagged changes (blocked time),
 * assignee history, links between items (parent/epic, issue ↔ closing PR), git/GitHub commits, tags,
 * releases and deployments for DORA, one row per import run, and sync state per live source.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE flag_changes (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      flagged INTEGER NOT NULL CHECK (flagged IN (0, 1))
    ) STRICT;
    CREATE INDEX flag_changes_by_item ON flag_changes(item_id, at);

    CREATE TABLE assignee_changes (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      assignee_id TEXT,
      assignee_name TEXT
    ) STRICT;
    CREATE INDEX assignee_changes_by_item ON assignee_changes(item_id, at);

    -- kind: 'parent' | 'epic' | 'closed-by' | 'mentions'; the target is named by source and key, and
    -- resolved to an item id when that item is in the workspace.
    CREATE TABLE item_links (
      item_id INTEGER NOT NULL REFERENCES work_items(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      target_source TEXT NOT NULL,
      target_key TEXT NOT NULL,
      PRIMARY KEY (item_id, kind, target_source, target_key)
    ) STRICT;
    CREATE INDEX item_links_by_target ON item_links(target_source, target_key);

    CREATE TABLE commits (
      repo TEXT NOT NULL,
      sha TEXT NOT NULL,
      author_time INTEGER NOT NULL,
      commit_time INTEGER NOT NULL,
      subject TEXT NOT NULL,
      -- the first release (in time order) whose history contains the commit; null while unreleased
      release_name TEXT,
      -- the sha this commit reverts ("This reverts commit X"), for change failure rate
      reverts_sha TEXT,
      PRIMARY KEY (repo, sha)
    ) STRICT;
    CREATE INDEX commits_by_release ON commits(repo, release_name);

    -- kind: 'tag' (git release tag) | 'github-release' | 'deployment'
    CREATE TABLE releases (
      repo TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      at INTEGER NOT NULL,
      sha TEXT,
      hotfix INTEGER NOT NULL DEFAULT 0,
      -- deployments: the latest status (success, failure, error, inactive, ...) and environment
      status TEXT,
      environment TEXT,
      PRIMARY KEY (repo, kind, name)
    ) STRICT;
    CREATE INDEX releases_by_time ON releases(at);

    CREATE TABLE import_runs (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL,
      input TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER NOT NULL,
      items INTEGER NOT NULL,
      status_changes INTEGER NOT NULL,
      warnings TEXT NOT NULL DEFAULT '[]'
    ) STRICT;

    -- one row per live source (e.g. 'jira:https://x.atlassian.net:project = ABC'): where the next
    -- incremental sync starts
    CREATE TABLE sync_state (
      source_key TEXT PRIMARY KEY,
      last_sync_at INTEGER NOT NULL,
      cursor TEXT
    ) STRICT;
  `);
}
