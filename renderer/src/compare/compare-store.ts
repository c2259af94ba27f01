// The comparison view's state: whether it is open and what the core last answered. The figures come from
// the core's compareStates; the view only draws them.
import { create } from 'zustand';
import type { StateComparison } from '../../../shared/metrics/state-comparison.ts';
import { filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';

type Load = { kind: 'closed' } | { kind: 'loading' } | { kind: 'ready'; comparison: StateComparison } | { kind: 'error'; message: string };

interface CompareState {
  load: Load;
  /** A refusal of the last action (e.g. a baseline with nothing measured), shown beside the buttons. */
  notice: string | null;
  open(): Promise<void>;
  close(): void;
  refresh(opts?: { futureMapId?: number; baselineId?: number }): Promise<void>;
  createFutureState(): Promise<void>;
  takeBaseline(name: string): Promise<void>;
}

export const useCompareStore = create<CompareState>((set, get) => {
  let choice: { futureMapId?: number; baselineId?: number } = {};
  return {
    load: { kind: 'closed' },
    notice: null,
    open: async () => {
      choice = {};
      set({ load: { kind: 'loading' }, notice: null });
      await get().refresh();
    },
    close: () => set({ load: { kind: 'closed' }, notice: null }),
    refresh: async (opts) => {
      if (opts) choice = { ...choice, ...opts };
      const { map, filters } = useAppStore.getState();
      if (!map) return;
      try {
        const comparison = await getClient().compareStates({ mapId: map.id, ...filterQuery(filters), ...choice });
        if (get().load.kind !== 'closed') set({ load: { kind: 'ready', comparison } });
      } catch (e) {
        if (get().load.kind !== 'closed') set({ load: { kind: 'error', message: errorMessage(e) } });
      }
    },
    createFutureState: async () => {
      const map = useAppStore.getState().map;
      if (!map) return;
      try {
        const created = await getClient().createFutureState({ mapId: map.id });
        set({ notice: `Created "${created.name}": open it from the map list to redraw it, then compare again.` });
        await get().refresh({ futureMapId: created.id });
      } catch (e) {
        set({ notice: errorMessage(e) });
      }
    },
    takeBaseline: async (name) => {
      const { map, filters } = useAppStore.getState();
      if (!map) return;
      try {
        const b = await getClient().saveBaseline({ mapId: map.id, name, ...filterQuery(filters) });
        set({ notice: `Baseline "${b.name}" taken.` });
        await get().refresh({ baselineId: b.id });
      } catch (e) {
        set({ notice: errorMessage(e) });
      }
    },
  };
});
