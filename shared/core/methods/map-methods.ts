import { FlowmapError } from '../../domain/errors.ts';
import { itemFacets } from '../../store/item-repo.ts';
import { deleteMap, freeMapName, getMap, latestMapId, listMaps, parseMapDoc, saveMapRevision } from '../../store/map-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

export function mapMethods(ctx: CoreContext): MethodImpls<'listMaps' | 'getMap' | 'saveMap' | 'deleteMap' | 'workspaceStatuses' | 'itemFacets' | 'duplicateMap'> {
  return {
    listMaps: () => listMaps(ctx.db),
    getMap: ({ mapId, name }) => {
      if (mapId !== undefined && name !== undefined) throw new FlowmapError('invalid-input', 'getMap: give a map id or a name, not both');
      if (name !== undefined) return getMap(ctx.db, { name });
      const id = mapId ?? latestMapId(ctx.db);
      return id === null ? null : getMap(ctx.db, { id });
    },
    workspaceStatuses: () => ctx.timelines.statuses(),
    itemFacets: () => ctx.timelines.derived('facets', () => itemFacets(ctx.db)),
    saveMap: ({ map, mapId, source, baseRevision }) => {
      const saved = saveMapRevision(ctx.db, parseMapDoc(map, source), ctx.clock.now(), { mapId, baseRevision });
      ctx.emit('workspaceChanged', { what: 'maps' });
      return saved;
    },
    deleteMap: ({ mapId }) => {
      deleteMap(ctx.db, mapId);
      ctx.emit('workspaceChanged', { what: 'maps' });
      return { deleted: true };
    },
    duplicateMap: ({ mapId, name }) => {
      const { id: _id, updatedAt: _u, revision: _r, ...doc } = getMap(ctx.db, { id: mapId });
      const copyName = freeMapName(ctx.db, name?.trim() || `${doc.name} (copy)`);
      const saved = saveMapRevision(ctx.db, { ...doc, name: copyName }, ctx.clock.now());
      ctx.emit('workspaceChanged', { what: 'maps' });
      return { id: saved.id, name: copyName, revision: saved.revision };
    },
  };
}
