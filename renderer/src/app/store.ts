// The app screen's state (React Flow's zustand pattern): the map, its measured figures, the canvas nodes
// and edges, and autosave of moved nodes through the contract's saveMap.
import { applyNodeChanges, MarkerType, type Edge, type Node, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowMetricsOutput, StoredMap } from '../../../shared/contract/contract.ts';
import type { MapStep } from '../../../shared/domain/map.ts';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';
import { getClient } from '../common/client.ts';
import type { EditableDoc } from '../editor/step-draft.ts';
import { useHistory } from './history.ts';
import { baseName, errorMessage, formatPercent } from '../common/format.ts';

export type StepFigures = FlowMetrics['steps'][number];

export const STEP_SPACING_X = 240;

export type StepNodeData = {
  step: MapStep;
  figures: StepFigures | undefined;
  bottleneck: boolean;
};
export type StepNode = Node<StepNodeData, 'step'>;

/** What the figures are filtered to, as the filter bar holds it: '' or [] means "all". Dates are YYYY-MM-DD. */
export interface ItemFilters {
  types: string[];
  label: string;
  from: string;
  to: string;
  /** The last day the figures describe (as of the end of it); '' = the core's default (now, or a pinned one). */
  asOf: string;
  /** Days of history the forecast samples before asOf, as typed ('' = 90; a done-window, when set, wins). */
  historyDays: string;
}
export const NO_FILTERS: ItemFilters = { types: [], label: '', from: '', to: '', asOf: '', historyDays: '' };

const DAY_MS = 86_400_000;

/**
 * The filters as a metrics query: dates become UTC instants, and "to" (the last day shown, inclusive)
 * becomes the start of the next day, as the window [from, to) wants.
 */
export function filterQuery(f: ItemFilters): { types?: string[]; label?: string; from?: string; to?: string; asOf?: string } {
  const day = (d: string, plus = 0) => new Date(Date.parse(`${d}T00:00:00.000Z`) + plus * DAY_MS).toISOString();
  return {
    ...(f.types.length > 0 ? { types: f.types } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.from ? { from: day(f.from) } : {}),
    ...(f.to ? { to: day(f.to, 1) } : {}),
    // "as of 30 Jun" is the state at the end of that day, like "to".
    ...(f.asOf ? { asOf: day(f.asOf, 1) } : {}),
  };
}

/** The forecast's history window as a query field (undefined: the core's default). */
export function historyDaysQuery(f: ItemFilters): { historyDays?: number } {
  const n = Number(f.historyDays);
  return f.historyDays.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 3650 ? { historyDays: n } : {};
}

/** The filters a workspace starts with: none, and as of the core's suggestion (data that ended over a week ago). */
export function startFilters(suggestedAsOf: { at: string } | null): ItemFilters {
  return suggestedAsOf === null ? NO_FILTERS : { ...NO_FILTERS, asOf: new Date(Date.parse(suggestedAsOf.at) - 1).toISOString().slice(0, 10) };
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; message: string }
  /** The map was saved elsewhere since this window read it: the edit was refused and the current map reloaded. */
  | { kind: 'conflict'; message: string };

interface AppState {
  status: 'loading' | 'ready' | 'empty' | 'error';
  error: string | null;
  workspaceName: string;
  map: StoredMap | null;
  metrics: FlowMetricsOutput | null;
  nodes: StepNode[];
  edges: Edge[];
  save: SaveState;
  filters: ItemFilters;
  /** What Clear goes back to: no filters, as of the core's suggested day (see startFilters). */
  defaultFilters: ItemFilters;
  /** Why the core suggested that as-of (shown beside the field), or null. */
  asOfReason: string | null;
  /** Why the last filter change could not be applied (the figures stay as they were). */
  filterError: string | null;
  load(): Promise<void>;
  /** Applies new filters: the figures are computed again by the core. */
  setFilters(filters: ItemFilters): Promise<void>;
  /** Re-reads map and figures without the loading screen (after an import elsewhere). */
  reload(): Promise<void>;
  onNodesChange(changes: NodeChange<StepNode>[]): void;
  /** A save was refused as based on an old revision: reload the current map, forget undo (it predates it), say so. */
  conflict(message: string): Promise<void>;
}

/** Positions from the map; steps without one go in a row (after the placed ones, on a row below them). */
export function layoutPositions(steps: MapStep[]): { x: number; y: number }[] {
  const placed = steps.filter((s) => s.position !== undefined);
  const rowY = placed.length === 0 ? 0 : Math.max(...placed.map((s) => s.position!.y)) + 320;
  let column = 0;
  return steps.map((s) => s.position ?? { x: column++ * STEP_SPACING_X, y: rowY });
}

function buildNodes(map: StoredMap, metrics: FlowMetrics): StepNode[] {
  const figures = new Map(metrics.steps.map((s) => [s.id, s]));
  const positions = layoutPositions(map.steps);
  return map.steps.map((step, i) => ({
    id: step.id,
    type: 'step' as const,
    position: positions[i]!,
    data: { step, figures: figures.get(step.id), bottleneck: metrics.bottleneck?.stepId === step.id },
  }));
}

function buildEdges(map: StoredMap): Edge[] {
  return map.flows.map((f, i) => {
    const id = `flow-${i}-${f.from}-${f.to}`;
    if (f.kind === 'rework') {
      return {
        id,
        source: f.from,
        target: f.to,
        sourceHandle: 'rework-out',
        targetHandle: 'rework-in',
        type: 'default',
        className: 'edge edge--rework',
        label: f.rate === undefined ? 'rework' : `rework ${formatPercent(f.rate)}`,
        labelBgPadding: [8, 4] as [number, number],
        labelBgBorderRadius: 4,
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#b45309' },
        style: { stroke: '#b45309', strokeWidth: 2.5, strokeDasharray: '8 6' },
        labelStyle: { fill: '#92400e', fontWeight: 700, fontSize: 15 },
        data: { kind: f.kind },
      };
    }
    const info = f.kind === 'info';
    return {
      id,
      source: f.from,
      target: f.to,
      sourceHandle: 'out',
      targetHandle: 'in',
      type: 'default',
      className: `edge edge--${f.kind}`,
      label: f.kind === 'pull' ? 'pull' : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: info ? '#64748b' : '#1e293b' },
      style: info ? { stroke: '#64748b', strokeWidth: 1.5, strokeDasharray: '2 5' } : { stroke: '#1e293b', strokeWidth: 2.5 },
      data: { kind: f.kind },
    };
  });
}

/** The map as a vsm-map document with the canvas's node positions (no id/updatedAt/revision: saveMap takes the doc). */
export function mapWithPositions(map: StoredMap, nodes: StepNode[]) {
  const { id: _id, updatedAt: _updatedAt, revision: _revision, ...doc } = map;
  const pos = new Map(nodes.map((n) => [n.id, n.position]));
  return {
    ...doc,
    steps: doc.steps.map((s) => {
      const p = pos.get(s.id);
      return p ? { ...s, position: { x: Math.round(p.x), y: Math.round(p.y) } } : s;
    }),
  };
}

const isConflict = (e: unknown) => (e as { code?: unknown } | null)?.code === 'conflict';

/**
 * Saves an edit of the map on screen, based on the revision this window last read (read when the save runs,
 * so chained saves build on each other). A save refused as based on an old revision reloads the current map
 * and shows why; it resolves false then, and rejects only on other errors.
 */
export async function saveMapEdit(doc: unknown): Promise<boolean> {
  const map = useAppStore.getState().map;
  try {
    const r = await getClient().saveMap({ map: doc, ...(map ? { mapId: map.id, baseRevision: map.revision } : {}) });
    const current = useAppStore.getState().map;
    if (current && current.id === r.id) useAppStore.setState({ map: { ...current, revision: r.revision } });
    return true;
  } catch (e) {
    if (!isConflict(e)) throw e;
    await useAppStore.getState().conflict(errorMessage(e));
    return false;
  }
}

const SAVE_DELAY_MS = 300;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> = Promise.resolve();

export const useAppStore = create<AppState>((set, get) => {
  const saveNow = () => {
    const { map, nodes } = get();
    if (!map) return;
    const doc = mapWithPositions(map, nodes);
    useHistory.getState().record(mapWithPositions(map, []) as EditableDoc);
    set({ save: { kind: 'saving' } });
    saving = saving.then(async () => {
      try {
        if (!(await saveMapEdit(doc))) return;
        const current = get().map;
        if (current) set({ map: { ...current, steps: doc.steps }, save: { kind: 'saved', at: Date.now() } });
      } catch (e) {
        set({ save: { kind: 'error', message: errorMessage(e) } });
      }
    });
  };

  return {
    status: 'loading',
    error: null,
    workspaceName: '',
    map: null,
    metrics: null,
    nodes: [],
    edges: [],
    save: { kind: 'idle' },
    filters: NO_FILTERS,
    defaultFilters: NO_FILTERS,
    asOfReason: null,
    filterError: null,

    async load() {
      set({ status: 'loading', error: null });
      try {
        const client = getClient();
        const [info, map] = await Promise.all([client.workspaceInfo({}), client.getMap({})]);
        const workspaceName = baseName(info.path);
        // A workspace opened for the first time here starts as of its suggested day; a reload keeps the user's.
        if (get().workspaceName !== workspaceName) {
          const start = startFilters(info.suggestedAsOf);
          set({ filters: start, defaultFilters: start, asOfReason: info.suggestedAsOf?.reason ?? null });
        }
        if (map === null) {
          set({ status: 'empty', workspaceName, map: null, metrics: null, nodes: [], edges: [] });
          return;
        }
        const metrics = await client.flowMetrics({ mapId: map.id, ...filterQuery(get().filters) });
        set({ status: 'ready', workspaceName, map, metrics, nodes: buildNodes(map, metrics), edges: buildEdges(map) });
      } catch (e) {
        set({ status: 'error', error: errorMessage(e) });
      }
    },

    async reload() {
      if (get().status !== 'ready') return get().load();
      try {
        const client = getClient();
        const map = await client.getMap({ mapId: get().map?.id });
        if (map === null) return get().load();
        const metrics = await client.flowMetrics({ mapId: map.id, ...filterQuery(get().filters) });
        set({ map, metrics, nodes: buildNodes(map, metrics), edges: buildEdges(map) });
      } catch (e) {
        set({ status: 'error', error: errorMessage(e) });
      }
    },

    async setFilters(filters) {
      const map = get().map;
      set({ filters });
      if (!map) return;
      try {
        const metrics = await getClient().flowMetrics({ mapId: map.id, ...filterQuery(filters) });
        // A later change wins: drop an answer for filters the user has already left.
        if (get().filters !== filters) return;
        set({ metrics, filterError: null, nodes: buildNodes(map, metrics) });
      } catch (e) {
        if (get().filters === filters) set({ filterError: errorMessage(e) });
      }
    },

    async conflict(message) {
      clearTimeout(saveTimer);
      useHistory.setState({ past: [], future: [] });
      set({ save: { kind: 'conflict', message } });
      await get().reload();
    },

    onNodesChange(changes) {
      set({ nodes: applyNodeChanges(changes, get().nodes) });
      // A drag ends with a position change that is no longer dragging: save shortly after.
      if (changes.some((c) => c.type === 'position' && c.dragging === false)) {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
      }
    },
  };
});

/** The current map as a document with the canvas's positions (what undo/redo and the editor work on). */
export function currentMapDoc(): EditableDoc | null {
  const { map, nodes } = useAppStore.getState();
  return map ? (mapWithPositions(map, nodes) as EditableDoc) : null;
}

export function undoMapChange(): Promise<void> {
  const doc = currentMapDoc();
  return doc ? useHistory.getState().undo(doc, () => useAppStore.getState().reload()) : Promise.resolve();
}

export function redoMapChange(): Promise<void> {
  const doc = currentMapDoc();
  return doc ? useHistory.getState().redo(doc, () => useAppStore.getState().reload()) : Promise.resolve();
}
