// The binding view's state: the core's status inventory for the map on screen, a move of one status (saved
// with saveMap on the revision this window read, then every figure measured again), and "Suggest binding"
// (the core's proposal, shown until the user accepts or dismisses it).
import { create } from 'zustand';
import type { MapDoc } from '../../../shared/domain/map.ts';
import type { StatusBinding, StatusInventory } from '../../../shared/metrics/status-inventory.ts';
import type { BindingProposal } from '../../../shared/metrics/suggest-binding.ts';
import { useHistory } from '../app/history.ts';
import { currentMapDoc, filterQuery, saveMapEdit, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';
import { rebind } from './rebind.ts';

export interface Suggestion {
  mode: 'complete' | 'fresh';
  map: MapDoc;
  proposals: BindingProposal[];
  basedOnRevision: number | null;
}

interface BindingState {
  open: boolean;
  inventory: StatusInventory | null;
  error: string | null;
  /** The status being saved (its row shows it), or 'suggestion'. */
  saving: string | null;
  suggestion: Suggestion | null;
  setOpen(open: boolean): void;
  load(): Promise<void>;
  move(status: string, to: StatusBinding): Promise<void>;
  suggest(mode: Suggestion['mode']): Promise<void>;
  accept(): Promise<void>;
  dismiss(): void;
}

const asOfQuery = () => {
  const { asOf } = filterQuery(useAppStore.getState().filters);
  return asOf ? { asOf } : {};
};

let queue: Promise<void> = Promise.resolve();
function enqueue(job: () => Promise<void>): Promise<void> {
  queue = queue.then(job, job);
  return queue;
}

export const useBindingStore = create<BindingState>((set, get) => {
  /** Saves a whole new binding, then measures again: the map, every figure on screen and this list. */
  async function commit(doc: unknown, saving: string): Promise<boolean> {
    const before = currentMapDoc();
    set({ saving, error: null });
    try {
      if (!(await saveMapEdit(doc))) {
        set({ saving: null, error: 'This map was changed in another window: it has been reloaded. Make the change again.' });
        await get().load();
        return false;
      }
      if (before) useHistory.getState().record(before);
      await useAppStore.getState().reload();
      await get().load();
      set({ saving: null });
      return true;
    } catch (e) {
      set({ saving: null, error: errorMessage(e) });
      return false;
    }
  }

  return {
    open: false,
    inventory: null,
    error: null,
    saving: null,
    suggestion: null,
    setOpen(open) {
      set({ open, error: null, ...(open ? {} : { suggestion: null }) });
      if (open) void get().load();
    },
    async load() {
      const mapId = useAppStore.getState().map?.id;
      try {
        set({ inventory: await getClient().statusInventory({ ...(mapId !== undefined ? { mapId } : {}), ...asOfQuery() }) });
      } catch (e) {
        set({ error: errorMessage(e) });
      }
    },
    move(status, to) {
      // The row shows its new binding at once; the figures follow when the core has measured again.
      const inv = get().inventory;
      if (inv) set({ inventory: { ...inv, statuses: inv.statuses.map((s) => (s.status === status ? { ...s, binding: to } : s)) } });
      // Moves made while one is saving wait their turn, each on the map the previous one saved.
      return enqueue(async () => {
        const doc = currentMapDoc();
        if (!doc) return;
        if (!(await commit(rebind(doc, status, to), status))) await get().load();
      });
    },
    async suggest(mode) {
      const mapId = useAppStore.getState().map?.id;
      set({ error: null });
      try {
        const s = await getClient().suggestBinding({ ...(mapId !== undefined ? { mapId } : {}), ...asOfQuery(), mode });
        set({ suggestion: { mode, ...s } });
      } catch (e) {
        set({ error: errorMessage(e), suggestion: null });
      }
    },
    accept() {
      return enqueue(async () => {
        const s = get().suggestion;
        if (!s) return;
        const map = useAppStore.getState().map;
        if (map && s.basedOnRevision !== null && map.revision !== s.basedOnRevision) {
          set({ suggestion: null, error: 'The map changed since this suggestion: suggest again.' });
          return;
        }
        if (await commit(s.map, 'suggestion')) set({ suggestion: null });
      });
    },
    dismiss() {
      set({ suggestion: null });
    },
  };
});
