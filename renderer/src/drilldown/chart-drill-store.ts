// The drill-down from a chart: which bar, bin, day or point was chosen, and the items the core lists for it
// (chartItems, with the filters on screen).
import { create } from 'zustand';
import type { LinkedChartItems as ChartItems } from '../../../shared/contract/contract.ts';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import { filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';

type ChartDrill =
  | { kind: 'closed' }
  | { kind: 'loading'; title: string; select: ChartSelection }
  | { kind: 'ready'; title: string; select: ChartSelection; data: ChartItems }
  | { kind: 'error'; title: string; select: ChartSelection; message: string };

interface ChartDrillState {
  drill: ChartDrill;
  open(mapId: number, select: ChartSelection, title: string): Promise<void>;
  close(): void;
}

let seq = 0;

export const useChartDrillStore = create<ChartDrillState>((set) => ({
  drill: { kind: 'closed' },
  async open(mapId, select, title) {
    const mine = ++seq;
    set({ drill: { kind: 'loading', title, select } });
    try {
      const data = await getClient().chartItems({ mapId, select, limit: 200, ...filterQuery(useAppStore.getState().filters) });
      // A later click wins.
      if (mine === seq) set({ drill: { kind: 'ready', title, select, data } });
    } catch (e) {
      if (mine === seq) set({ drill: { kind: 'error', title, select, message: errorMessage(e) } });
    }
  },
  close() {
    seq++;
    set({ drill: { kind: 'closed' } });
  },
}));
