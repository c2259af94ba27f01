import { SCHEMA_VERSION } from '../../store/migrations/index.ts';
import { countItems } from '../../store/item-repo.ts';
import { listMaps } from '../../store/map-repo.ts';
import { getMeta } from '../../store/meta-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

export function workspaceMethods(ctx: CoreContext): MethodImpls<'workspaceInfo'> {
  return {
    workspaceInfo: () => {
      const { items, changes } = countItems(ctx.db);
      return {
        path: ctx.workspacePath,
        schemaVersion: SCHEMA_VERSION,
        items,
        statusChanges: changes,
        maps: listMaps(ctx.db).length,
        defaultAsOf: getMeta(ctx.db, 'defaultAsOf'),
      };
    },
  };
}
