// The binding view's figures through the contract: every status in the workspace with its items, Jira
// category, typical order, item-time held and binding (statusInventory), and a whole map binding proposed
// from the workflow (suggestBinding). One ordered scan of the histories feeds both.
import { FlowmapError } from '../../domain/errors.ts';
import { formatIssues, MapDocSchema } from '../../domain/map.ts';
import { createInventoryAccumulator, type StatusInventory } from '../../metrics/status-inventory.ts';
import { suggestBinding } from '../../metrics/suggest-binding.ts';
import { statusCategories, statusSources, streamHistories } from '../../store/item-repo.ts';
import { getMap, latestMapId } from '../../store/map-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

function inventory(ctx: CoreContext, q: { mapId?: number; asOf?: string }) {
  const mapId = q.mapId ?? latestMapId(ctx.db);
  const map = mapId === null ? null : getMap(ctx.db, { id: mapId });
  const asOf = q.asOf === undefined ? ctx.defaultAsOf() : Date.parse(q.asOf);
  const acc = createInventoryAccumulator(asOf);
  for (const item of streamHistories(ctx.db, { createdBefore: asOf })) acc.add(item);
  const inv: StatusInventory = acc.result({ mapId: map?.id ?? null, map, sources: statusSources(ctx.db), categories: statusCategories(ctx.db) });
  return { map, inv, together: acc.together };
}

export function bindingMethods(ctx: CoreContext): MethodImpls<'statusInventory' | 'suggestBinding'> {
  return {
    statusInventory: (q) => inventory(ctx, q).inv,
    suggestBinding: (q) => {
      const { map, inv, together } = inventory(ctx, q);
      if (inv.statuses.length === 0) throw new FlowmapError('invalid-input', 'suggestBinding: the workspace has no statuses yet; import work items first');
      const out = suggestBinding({ statuses: inv.statuses, together, map, mode: q.mode ?? 'complete', mapName: q.name });
      const parsed = MapDocSchema.safeParse(out.map);
      if (!parsed.success) {
        throw new FlowmapError(
          'invalid-input',
          `suggestBinding: no whole map can be proposed from these statuses (${inv.statuses.map((s) => s.status).join(', ')}):\n${formatIssues(parsed.error)}`,
        );
      }
      return { basedOnRevision: map?.revision ?? null, map: parsed.data, proposals: out.proposals };
    },
  };
}
