// Which step the user drilled into, and the items behind its figures (fetched through stepItems).
import { create } from 'zustand';
import type { LinkedStepItems as StepItems } from '../../../shared/contract/contract.ts';
import { filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';

type Drill =
  | { kind: 'closed' }
  | { kind: 'loading'; stepId: string }
  | { kind: 'ready'; stepId: string; data: StepItems }
  | { kind: 'error'; stepId: string; message: string };

interface DrillState {
  drill: Drill;
  open(mapId: number, stepId: string): Promise<void>;
  close(): void;
}

export const useDrillStore = create<DrillState>((set, get) => ({
  drill: { kind: 'closed' },
  async open(mapId, stepId) {
    set({ drill: { kind: 'loading', stepId } });
    try {
      const data = await getClient().stepItems({ mapId, stepId, limit: 50, ...filterQuery(useAppStore.getState().filters) });
      // A later click wins: drop an answer for a step the user has left.
      if (get().drill.kind !== 'closed' && (get().drill as { stepId: string }).stepId === stepId) set({ drill: { kind: 'ready', stepId, data } });
    } catch (e) {
      set({ drill: { kind: 'error', stepId, message: errorMessage(e) } });
    }
  },
  close() {
    set({ drill: { kind: 'closed' } });
  },
}));
