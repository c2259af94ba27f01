// The waste analysis of the map on screen (the core's wasteAnalysis, same filters as the figures), the
// panel's open state, the finding drilled into, and "Turn into kaizen".
import { create } from 'zustand';
import type { LinkedItemTable as ItemTable } from '../../../shared/contract/contract.ts';
import type { WasteAnalysis, WasteFinding } from '../../../shared/metrics/waste.ts';
import { currentMapDoc, filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';

type FindingDrill =
  | { kind: 'closed' }
  | { kind: 'loading'; finding: WasteFinding }
  | { kind: 'ready'; finding: WasteFinding; items: ItemTable }
  | { kind: 'error'; finding: WasteFinding; message: string };

interface WasteState {
  waste: WasteAnalysis | null;
  error: string | null;
  open: boolean;
  drill: FindingDrill;
  load(mapId: number): Promise<void>;
  setOpen(open: boolean): void;
  drillInto(finding: WasteFinding): Promise<void>;
  closeDrill(): void;
  toKaizen(finding: WasteFinding): Promise<void>;
}

export const useWasteStore = create<WasteState>((set, get) => ({
  waste: null,
  error: null,
  open: false,
  drill: { kind: 'closed' },
  async load(mapId) {
    try {
      set({ waste: await getClient().wasteAnalysis({ mapId, ...filterQuery(useAppStore.getState().filters) }), error: null });
    } catch (e) {
      set({ waste: null, error: errorMessage(e) });
    }
  },
  setOpen(open) {
    set({ open, ...(open ? {} : { drill: { kind: 'closed' } as const }) });
  },
  async drillInto(finding) {
    const mapId = useAppStore.getState().map?.id;
    if (mapId === undefined) return;
    set({ drill: { kind: 'loading', finding } });
    try {
      const { from: _f, to: _t, ...rest } = filterQuery(useAppStore.getState().filters);
      const items = await getClient().metricItems({ mapId, ...rest, keys: finding.items.slice(0, 50) });
      // Keep the finding's order (largest effect first).
      const rank = new Map(finding.items.map((k, i) => [k, i]));
      items.items.sort((a, b) => (rank.get(a.key) ?? 0) - (rank.get(b.key) ?? 0));
      if (get().drill.kind === 'loading') set({ drill: { kind: 'ready', finding, items } });
    } catch (e) {
      set({ drill: { kind: 'error', finding, message: errorMessage(e) } });
    }
  },
  closeDrill() {
    set({ drill: { kind: 'closed' } });
  },
  async toKaizen(finding) {
    const doc = currentMapDoc();
    if (!doc) return;
    const steps = doc.steps.map((s) =>
      s.id === finding.stepId
        ? { ...s, kaizen: [...(s.kaizen ?? []), { text: `Reduce ${finding.waste}: ${finding.evidence}`, waste: finding.waste, status: 'open' as const }] }
        : s,
    );
    // One edit like any other: on screen at once, undoable, autosaved.
    useAppStore.getState().edit({ ...doc, steps });
  },
}));
