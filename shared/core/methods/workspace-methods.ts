import { SCHEMA_VERSION } from '../../store/migrations/index.ts';
import { lastActivityAt } from '../../store/activity-repo.ts';
import { countItems } from '../../store/item-repo.ts';
import { listMaps } from '../../store/map-repo.ts';
import { getMeta } from '../../store/meta-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

const DAY_MS = 86_400_000;

/**
 * The as-of the app starts with. A workspace whose data ends more than a week before now would show diluted
 * throughput and every item aging past p85, so its figures are stated as of the end of the (UTC) day of its
 * last status change; otherwise (and when the workspace pins one) there is no suggestion and now is used.
 */
function suggestedAsOf(pinned: string | null, last: number | null, now: number): { at: string; lastChange: string; reason: string } | null {
  if (pinned !== null || last === null || now - last <= 7 * DAY_MS) return null;
  const at = (Math.floor(last / DAY_MS) + 1) * DAY_MS;
  const lastChange = new Date(last).toISOString();
  return { at: new Date(at).toISOString(), lastChange, reason: `the data ends ${lastChange.slice(0, 10)} (last status change), more than a week ago` };
}

export function workspaceMethods(ctx: CoreContext): MethodImpls<'workspaceInfo'> {
  return {
    workspaceInfo: () => {
      const { items, changes } = countItems(ctx.db);
      const pinned = getMeta(ctx.db, 'defaultAsOf');
      return {
        path: ctx.workspacePath,
        schemaVersion: SCHEMA_VERSION,
        items,
        statusChanges: changes,
        maps: listMaps(ctx.db).length,
        defaultAsOf: pinned,
        suggestedAsOf: suggestedAsOf(pinned, lastActivityAt(ctx.db), ctx.clock.now()),
      };
    },
  };
}
