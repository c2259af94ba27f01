// The workspace's maps as the switcher lists them, and what it does to them: switch, create, rename,
// duplicate, delete. A delete keeps the deleted document so "Undo" can save it back through the contract.
import { create } from 'zustand';
import type { MethodOutput, StoredMap } from '../../../shared/contract/contract.ts';
import { useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';
import { rememberMap } from './selection.ts';

export type MapSummary = MethodOutput<'listMaps'>[number];

/** What the last action did, shown as a toast; a delete carries the document its Undo restores. */
export type MapNotice = { kind: 'info'; text: string } | { kind: 'deleted'; text: string; undoToken: string } | { kind: 'error'; text: string };

interface MapsState {
  maps: MapSummary[];
  busy: boolean;
  notice: MapNotice | null;
  refresh(): Promise<void>;
  open(mapId: number): Promise<void>;
  create(name: string, doneStatuses: string[]): Promise<void>;
  rename(mapId: number, name: string): Promise<void>;
  duplicate(mapId: number): Promise<void>;
  remove(mapId: number): Promise<void>;
  undoDelete(): Promise<void>;
  dismiss(): void;
}

/** The map without what the store adds (id, updatedAt, revision): a vsm-map document saveMap takes. */
export function mapDoc(map: StoredMap): Omit<StoredMap, 'id' | 'updatedAt' | 'revision'> {
  const { id: _id, updatedAt: _u, revision: _r, ...doc } = map;
  return doc;
}

export const useMapsStore = create<MapsState>((set, get) => {
  async function run(action: () => Promise<void>) {
    if (get().busy) return;
    set({ busy: true });
    try {
      await action();
    } catch (e) {
      set({ notice: { kind: 'error', text: errorMessage(e) } });
    } finally {
      set({ busy: false });
      await get().refresh();
    }
  }
  const client = () => getClient();
  return {
    maps: [],
    busy: false,
    notice: null,
    async refresh() {
      try {
        set({ maps: await client().listMaps({}) });
      } catch (e) {
        set({ notice: { kind: 'error', text: errorMessage(e) } });
      }
    },
    open: (mapId) => run(() => useAppStore.getState().openMap(mapId)),
    create: (name, doneStatuses) =>
      run(async () => {
        // A new map never replaces one of the same name (saveMap by name would).
        await get().refresh();
        if (get().maps.some((m) => m.name === name.trim()))
          throw new Error(`a map called "${name.trim()}" already exists in this workspace: choose another name`);
        const r = await client().saveMap({
          map: {
            format: 'vsm-map',
            version: 1,
            name: name.trim(),
            doneStatuses,
            steps: [{ id: 'first-step', name: 'First step', position: { x: 0, y: 0 } }],
            flows: [],
          },
        });
        await useAppStore.getState().openMap(r.id);
        set({ notice: { kind: 'info', text: `Created map "${name.trim()}"` } });
      }),
    rename: (mapId, name) =>
      run(async () => {
        const map = await client().getMap({ mapId });
        if (!map) return;
        const old = map.name;
        await client().saveMap({ map: { ...mapDoc(map), name: name.trim() }, mapId, baseRevision: map.revision });
        if (useAppStore.getState().map?.id === mapId) await useAppStore.getState().reload();
        set({ notice: { kind: 'info', text: `Renamed "${old}" to "${name.trim()}"` } });
      }),
    duplicate: (mapId) =>
      run(async () => {
        const r = await client().duplicateMap({ mapId });
        await useAppStore.getState().openMap(r.id);
        set({ notice: { kind: 'info', text: `Duplicated as "${r.name}"` } });
      }),
    remove: (mapId) =>
      run(async () => {
        const map = await client().getMap({ mapId });
        if (!map) return;
        const { undoToken } = await client().deleteMap({ mapId });
        if (useAppStore.getState().map?.id === mapId) {
          rememberMap(null);
          await useAppStore.getState().load({ keepScreen: true });
        }
        set({ notice: { kind: 'deleted', text: `Deleted map "${map.name}"`, undoToken } });
      }),
    undoDelete: () =>
      run(async () => {
        const n = get().notice;
        if (n?.kind !== 'deleted') return;
        const r = await client().restoreDeletedMap({ undoToken: n.undoToken });
        await useAppStore.getState().openMap(r.id);
        set({ notice: { kind: 'info', text: `Restored map "${r.name}" with its baselines` } });
      }),
    dismiss: () => set({ notice: null }),
  };
});
