// The app screen's state (React Flow's zustand pattern): the map, its measured figures, the canvas nodes
// and edges. Every canvas edit goes through `edit`: checked against the vsm-map schema at once, recorded
// for undo, drawn, and autosaved through the contract's saveMap (with its revision) shortly after; the
// figures are measured again by the core once the save is in.
import { applyEdgeChanges, applyNodeChanges, type Edge, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowMetricsOutput, StoredMap } from '../../../shared/contract/contract.ts';
import { formatIssues, MapDocSchema } from '../../../shared/domain/map.ts';
import { getClient } from '../common/client.ts';
import { movedTo } from '../editor/doc-edits.ts';
import type { EditableDoc } from '../editor/step-draft.ts';
import { buildEdges, buildNodes, type CanvasNode } from './canvas-elements.ts';
import { filterQuery, NO_FILTERS, startFilters, type ItemFilters } from './filters.ts';
import { useHistory } from './history.ts';
import { rememberedMapId, rememberMap } from '../maps/selection.ts';
import { baseName, errorMessage } from '../common/format.ts';

export { STEP_SPACING_X, layoutPositions, type StepFigures, type StepNode, type StepNodeData, type CanvasNode } from './canvas-elements.ts';

export { filterQuery, historyDaysQuery, NO_FILTERS, startFilters, type ItemFilters } from './filters.ts';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; message: string }
  /** An edit the map's rules refuse (e.g. PT over LT): not applied, nothing saved. */
  | { kind: 'invalid'; message: string }
  /** The map was saved elsewhere since this window read it: the edit was refused and the current map reloaded. */
  | { kind: 'conflict'; message: string };

interface AppState {
  status: 'loading' | 'ready' | 'empty' | 'error';
  error: string | null;
  workspaceName: string;
  map: StoredMap | null;
  metrics: FlowMetricsOutput | null;
  nodes: CanvasNode[];
  edges: Edge[];
  save: SaveState;
  filters: ItemFilters;
  /** What Clear goes back to: no filters, as of the core's suggested day (see startFilters). */
  defaultFilters: ItemFilters;
  /** Why the core suggested that as-of (shown beside the field), or null. */
  asOfReason: string | null;
  /** Why the last filter change could not be applied (the figures stay as they were). */
  filterError: string | null;
  /**
   * Counts the reads of the workspace's data (first load, reload after an import): what depends on the
   * items but not on the filters (the facets, DORA) is read again when it moves, not on every filter change.
   */
  dataGeneration: number;
  /** Reads the workspace's map and figures; `keepScreen` keeps the current screen up meanwhile (a map switch). */
  load(opts?: { keepScreen?: boolean }): Promise<void>;
  /** Applies new filters: the figures are computed again by the core. */
  setFilters(filters: ItemFilters): Promise<void>;
  /** Re-reads map and figures without the loading screen (after an import elsewhere). */
  reload(): Promise<void>;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  /**
   * Applies an edit of the map: refused with the schema's message (returned) when the map's rules reject it;
   * otherwise recorded for undo, drawn at once (`select`: the nodes selected afterwards) and autosaved.
   */
  edit(next: EditableDoc, select?: readonly string[]): string | null;
  /** Puts a document on screen and autosaves it without recording it (undo and redo). */
  show(doc: EditableDoc): void;
  /** Saves now what is waiting for the autosave timer (before a reload or a map switch). */
  flush(): Promise<void>;
  /** Shows another map of the workspace (the switcher): its own figures, a fresh undo history. */
  openMap(mapId: number): Promise<void>;
  /** A save was refused as based on an old revision: reload the current map, forget undo (it predates it), say so. */
  conflict(message: string): Promise<void>;
}

/** The map as a vsm-map document with the canvas's node positions (no id/updatedAt/revision: saveMap takes the doc). */
export function mapWithPositions(map: StoredMap, nodes: readonly CanvasNode[]): EditableDoc {
  const { id: _id, updatedAt: _updatedAt, revision: _revision, ...doc } = map;
  return movedTo(doc as EditableDoc, new Map(nodes.map((n) => [n.id, n.position])));
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

/** Saves a whole document now, after any autosave still waiting (so both build on the same revision). */
export async function saveAfterPending(doc: unknown): Promise<boolean> {
  await useAppStore.getState().flush();
  return saveMapEdit(doc);
}

/** Autosave waits this long after the last edit (a drag, a burst of typing), well within the second asked. */
const SAVE_DELAY_MS = 250;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> = Promise.resolve();
let dirty = false;

/**
 * Reads another view starts on a filter change around the map's figures (the open dashboard's): the core
 * answers in the order asked, so what is asked first is drawn first.
 */
export interface FilterChangeReads {
  beforeFigures(mapId: number): void;
  /** `figures`: the map's figures just asked for, which the store shows when they come. */
  afterFigures(mapId: number, figures: Promise<FlowMetricsOutput>): void;
}
const filterChangeReads = new Set<FilterChangeReads>();

/**
 * For a read that follows the map's figures (an effect keyed on them, for saves and imports) and is also
 * started on a filter change beside them: `started` notes the figures that change brings, and `follows` then
 * says no once, for those very figures, so the effect does not ask the core a second time.
 */
export function figuresFollower(): { started(figures: Promise<unknown>): void; follows(figures: unknown): boolean } {
  let brought: unknown = null;
  return {
    started: (figures) =>
      void figures.then(
        (m) => (brought = m),
        () => undefined,
      ),
    follows: (figures) => {
      if (figures === null || figures !== brought) return true;
      brought = null;
      return false;
    },
  };
}

/** Registers reads to start on every filter change, before and after the map's figures; returns its removal. */
export function readFirstOnFilterChange(reads: FilterChangeReads): () => void {
  filterChangeReads.add(reads);
  return () => {
    filterChangeReads.delete(reads);
  };
}

export const useAppStore = create<AppState>((set, get) => {
  const draw = (doc: EditableDoc, select?: ReadonlySet<string>) => {
    const { map, metrics, nodes, edges } = get();
    if (!map) return;
    const next = { id: map.id, updatedAt: map.updatedAt, revision: map.revision, ...doc } as StoredMap;
    set({ map: next, nodes: buildNodes(next, metrics, nodes, select), edges: buildEdges(next, edges) });
  };

  const saveNow = () => {
    clearTimeout(saveTimer);
    if (!dirty) return saving;
    dirty = false;
    set({ save: { kind: 'saving' } });
    saving = saving.then(async () => {
      const map = get().map;
      if (!map) return;
      const doc = mapWithPositions(map, []);
      try {
        if (!(await saveMapEdit(doc))) return;
        set({ save: { kind: 'saved', at: Date.now() } });
        // The core measures the saved map again; positions and selection on screen stay as they are.
        const current = get().map;
        if (!current || current.id !== map.id || dirty) return;
        const metrics = await getClient().flowMetrics({ mapId: map.id, ...filterQuery(get().filters) });
        if (dirty || get().map?.id !== map.id) return;
        set({ metrics, nodes: buildNodes(get().map!, metrics, get().nodes) });
      } catch (e) {
        set({ save: { kind: 'error', message: errorMessage(e) } });
      }
    });
    return saving;
  };

  /** Reads map and figures again (no flush: a conflict inside the save chain calls it). */
  const refetch = async () => {
    try {
      const client = getClient();
      const map = await client.getMap({ mapId: get().map?.id });
      if (map === null) return get().load();
      const metrics = await client.flowMetrics({ mapId: map.id, ...filterQuery(get().filters) });
      set({ map, metrics, nodes: buildNodes(map, metrics, get().nodes), edges: buildEdges(map, get().edges), dataGeneration: get().dataGeneration + 1 });
    } catch (e) {
      set({ status: 'error', error: errorMessage(e) });
    }
  };

  const scheduleSave = () => {
    dirty = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
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
    dataGeneration: 0,

    async load(opts) {
      if (!(opts?.keepScreen && get().status === 'ready')) set({ status: 'loading', error: null });
      try {
        await get().flush();
        const client = getClient();
        const chosen = rememberedMapId();
        const [info, map] = await Promise.all([
          client.workspaceInfo({}),
          // A remembered map deleted meanwhile (another tab): fall back to the most recently edited one.
          chosen === undefined ? client.getMap({}) : client.getMap({ mapId: chosen }).catch(() => client.getMap({})),
        ]);
        const workspaceName = baseName(info.path);
        // A workspace opened for the first time here starts as of its suggested day; a reload keeps the user's.
        if (get().workspaceName !== workspaceName) {
          const start = startFilters(info.suggestedAsOf);
          set({ filters: start, defaultFilters: start, asOfReason: info.suggestedAsOf?.reason ?? null });
        }
        if (map === null) {
          set({ status: 'empty', workspaceName, map: null, metrics: null, nodes: [], edges: [], dataGeneration: get().dataGeneration + 1 });
          return;
        }
        const metrics = await client.flowMetrics({ mapId: map.id, ...filterQuery(get().filters) });
        set({
          status: 'ready',
          workspaceName,
          map,
          metrics,
          nodes: buildNodes(map, metrics),
          edges: buildEdges(map),
          dataGeneration: get().dataGeneration + 1,
        });
      } catch (e) {
        set({ status: 'error', error: errorMessage(e) });
      }
    },

    async reload() {
      if (get().status !== 'ready') return get().load();
      await get().flush();
      return refetch();
    },

    async setFilters(filters) {
      const map = get().map;
      set({ filters });
      if (!map) return;
      for (const r of filterChangeReads) r.beforeFigures(map.id);
      const figures = getClient().flowMetrics({ mapId: map.id, ...filterQuery(filters) });
      for (const r of filterChangeReads) r.afterFigures(map.id, figures);
      try {
        const metrics = await figures;
        // A later change wins: drop an answer for filters the user has already left.
        if (get().filters !== filters) return;
        set({ metrics, filterError: null, nodes: buildNodes(get().map ?? map, metrics, get().nodes) });
      } catch (e) {
        if (get().filters === filters) set({ filterError: errorMessage(e) });
      }
    },

    async openMap(mapId) {
      // What the autosave was waiting for goes to the map it belongs to, before the switch.
      await get().flush();
      rememberMap(mapId);
      useHistory.getState().clear();
      set({ save: { kind: 'idle' } });
      await get().load({ keepScreen: true });
    },

    async conflict(message) {
      clearTimeout(saveTimer);
      dirty = false;
      useHistory.getState().clear();
      set({ save: { kind: 'conflict', message } });
      await refetch();
    },

    edit(next, select) {
      const map = get().map;
      if (!map) return 'no map is open';
      const checked = MapDocSchema.safeParse(next);
      if (!checked.success) {
        const message = formatIssues(checked.error);
        set({ save: { kind: 'invalid', message } });
        return message;
      }
      useHistory.getState().record(mapWithPositions(map, []));
      draw(next, select ? new Set(select) : undefined);
      scheduleSave();
      return null;
    },

    show(doc) {
      draw(doc);
      scheduleSave();
    },

    flush() {
      return dirty ? saveNow() : saving;
    },

    onNodesChange(changes) {
      const nodes = applyNodeChanges(changes, get().nodes);
      set({ nodes });
      // A drag ends with a position change that is no longer dragging: that move is one edit.
      const map = get().map;
      if (map && changes.some((c) => c.type === 'position' && c.dragging === false)) {
        const moved = new Map(nodes.map((n) => [n.id, n.position]));
        const before = mapWithPositions(map, []);
        const after = movedTo(before, moved);
        if (JSON.stringify(after) !== JSON.stringify(before)) get().edit(after);
      }
    },

    onEdgesChange(changes) {
      set({ edges: applyEdgeChanges(changes, get().edges) });
    },
  };
});

/** The current map as a document with the canvas's positions (what undo/redo and the editor work on). */
export function currentMapDoc(): EditableDoc | null {
  const { map, nodes } = useAppStore.getState();
  return map ? mapWithPositions(map, nodes) : null;
}

export async function undoMapChange(): Promise<void> {
  const doc = currentMapDoc();
  const back = doc && useHistory.getState().takeUndo(doc);
  if (back) useAppStore.getState().show(back);
}

export async function redoMapChange(): Promise<void> {
  const doc = currentMapDoc();
  const forward = doc && useHistory.getState().takeRedo(doc);
  if (forward) useAppStore.getState().show(forward);
}

// A closed or reloaded tab still sends what the autosave was waiting for (the request outlives the page).
if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void useAppStore.getState().flush());
