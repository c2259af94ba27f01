import { FlowmapError } from '../../domain/errors.ts';
import { itemFacets } from '../../store/item-repo.ts';
import {
  deleteMap,
  freeMapName,
  restoreDeletedMap,
  type DeletedMap,
  getMap,
  latestMapId,
  listMaps,
  parseMapDoc,
  saveMapRevision,
} from '../../store/map-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

export function mapMethods(
  ctx: CoreContext,
): MethodImpls<'listMaps' | 'getMap' | 'saveMap' | 'deleteMap' | 'workspaceStatuses' | 'itemFacets' | 'duplicateMap' | 'restoreDeletedMap'> {
  // What each delete took with it, for the notice's Undo: this session's last few deletes, kept in memory only
  // (a restart ends the chance to undo, as closing a document does).
  const deleted = new Map<string, DeletedMap>();
  const KEEP_DELETED = 20;
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
      const removed = deleteMap(ctx.db, mapId);
      const undoToken = globalThis.crypto.randomUUID();
      deleted.set(undoToken, removed);
      if (deleted.size > KEEP_DELETED) deleted.delete(deleted.keys().next().value!);
      ctx.emit('workspaceChanged', { what: 'maps' });
      return { deleted: true, undoToken };
    },
    restoreDeletedMap: ({ undoToken }) => {
      const removed = deleted.get(undoToken);
      if (!removed) throw new FlowmapError('not-found', "that map can no longer be restored: only this session's last 20 deletes can be undone");
      const restored = restoreDeletedMap(ctx.db, removed);
      deleted.delete(undoToken);
      ctx.emit('workspaceChanged', { what: 'maps' });
      return restored;
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
