// Future states and baseline snapshots (issue 8, "Current, future and measured-after"): a future state is a
// copy of a map linked to it; a baseline freezes a map's measured figures so a later measurement can be
// compared with the baseline and with the future state's target.
import { FlowmapError } from '../../domain/errors.ts';
import { FlowMetricsOutputSchema, type FlowMetricsOutput, type MetricsQuery } from '../../contract/contract.ts';
import { compareLadders, type StateComparison } from '../../metrics/state-comparison.ts';
import { freeMapName, getMap, saveMap } from '../../store/map-repo.ts';
import {
  currentStateOf,
  futureStatesOf,
  getBaseline,
  insertBaseline,
  isFutureState,
  linkFutureState,
  listBaselines,
  deleteBaseline,
} from '../../store/state-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';
import { computeFlowMetrics } from './metrics-methods.ts';

const freeName = (ctx: CoreContext, wanted: string) => freeMapName(ctx.db, wanted);

const iso = (t: number) => new Date(t).toISOString();

export function stateMethods(ctx: CoreContext): MethodImpls<'createFutureState' | 'saveBaseline' | 'listBaselines' | 'deleteBaseline' | 'compareStates'> {
  return {
    createFutureState: ({ mapId, name }) => {
      const { id: _id, updatedAt: _u, ...doc } = getMap(ctx.db, { id: mapId });
      if (isFutureState(ctx.db, mapId)) {
        throw new FlowmapError('invalid-input', `map "${doc.name}" is itself a future state: make the future state from its current-state map`);
      }
      const futureName = freeName(ctx, name?.trim() || `${doc.name} — future state`);
      const id = ctx.db.transaction(() => {
        const newId = saveMap(ctx.db, { ...doc, name: futureName }, ctx.clock.now());
        linkFutureState(ctx.db, newId, mapId, ctx.clock.now());
        return newId;
      })();
      ctx.emit('workspaceChanged', { what: 'maps' });
      return { id, name: futureName, currentMapId: mapId };
    },
    saveBaseline: ({ name, ...query }) => {
      const figures = computeFlowMetrics(ctx, query);
      if (figures.ladder.measured === null) {
        throw new FlowmapError(
          'invalid-input',
          'a baseline freezes measured figures, and no item was completed in this window: import data or widen the window first',
        );
      }
      const takenAt = ctx.clock.now();
      const id = insertBaseline(ctx.db, { mapId: query.mapId, name: name.trim(), takenAt, query, figures });
      ctx.emit('workspaceChanged', { what: 'maps' });
      return { id, name: name.trim(), takenAt: iso(takenAt) };
    },
    listBaselines: ({ mapId }) =>
      listBaselines(ctx.db, mapId).map((b) => {
        const f = FlowMetricsOutputSchema.parse(b.figures);
        return { id: b.id, name: b.name, takenAt: iso(b.takenAt), asOf: f.asOf, window: f.window, query: b.query as Record<string, unknown> };
      }),
    deleteBaseline: ({ id }) => {
      const deleted = deleteBaseline(ctx.db, id);
      if (deleted) ctx.emit('workspaceChanged', { what: 'maps' });
      return { deleted };
    },
    compareStates: (q) => computeComparison(ctx, q),
  };
}

type CompareInput = MetricsQuery & { futureMapId?: number; baselineId?: number };

/** Whether a map has anything to compare: a future state (or is one), or a baseline. */
export function hasComparison(ctx: CoreContext, mapId: number): boolean {
  const currentId = currentStateOf(ctx.db, mapId) ?? mapId;
  return currentId !== mapId || futureStatesOf(ctx.db, currentId).length > 0 || listBaselines(ctx.db, currentId).length > 0;
}

/**
 * compareStates. `measured` may hand in the flow metrics of `mapId` under the same query (the report has them
 * already), so the current state is not measured twice.
 */
export function computeComparison(ctx: CoreContext, { mapId, futureMapId, baselineId, ...query }: CompareInput, measured?: FlowMetricsOutput): StateComparison {
  // Either end may be named: a future state's own id resolves to its current state.
  const currentId = currentStateOf(ctx.db, mapId) ?? mapId;
  const futureId = futureMapId ?? (currentId !== mapId ? mapId : (futureStatesOf(ctx.db, currentId)[0] ?? null));
  const currentMap = getMap(ctx.db, { id: currentId });
  const current = measured && currentId === mapId ? measured : computeFlowMetrics(ctx, { ...query, mapId: currentId });
  let future: StateComparison['future'] = null;
  if (futureId !== null) {
    const futureMap = getMap(ctx.db, { id: futureId });
    const ladder = measured && futureId === mapId ? measured.ladder : computeFlowMetrics(ctx, { ...query, mapId: futureId }).ladder;
    future = { mapId: futureId, name: futureMap.name, ladder };
  }
  let baseline: StateComparison['baseline'] = null;
  const chosen = baselineId !== undefined ? getBaseline(ctx.db, { id: baselineId }) : listBaselines(ctx.db, currentId)[0];
  if (chosen) {
    if (chosen.mapId !== currentId)
      throw new FlowmapError('invalid-input', `baseline #${chosen.id} belongs to another map (#${chosen.mapId}), not to "${currentMap.name}"`);
    const f: FlowMetricsOutput = FlowMetricsOutputSchema.parse(chosen.figures);
    baseline = { id: chosen.id, name: chosen.name, takenAt: iso(chosen.takenAt), asOf: f.asOf, window: f.window, ladder: f.ladder };
  }
  return {
    current: { mapId: currentId, name: currentMap.name, ladder: current.ladder },
    future,
    baseline,
    ...compareLadders({ current: current.ladder, future: future?.ladder ?? null, baseline: baseline?.ladder ?? null }),
  };
}
