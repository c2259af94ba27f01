// When the workspace's data last moved: what the app's default as-of is judged by. Node only.
import type { Db } from './open-workspace.ts';

/** The latest status change (or item creation, for items that never changed), ms; null for an empty workspace. */
export function lastActivityAt(db: Db): number | null {
  const row = db.prepare('SELECT max(t) AS t FROM (SELECT max(at) AS t FROM status_changes UNION ALL SELECT max(created_at) FROM work_items)').get() as {
    t: number | null;
  };
  return row.t ?? null;
}
