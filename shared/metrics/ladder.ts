// The timeline ladder (issue 8): per step on the main path, wait on the top rung and process (estimate) or
// active (measured) time on the bottom rung, with the totals. One implementation for the app, the report
// and the CLI. Browser-safe and pure.
import { z } from 'zod';
import { stepsInFlowOrder, type MapDoc, type MapStep } from '../domain/map.ts';
import type { FlowMetrics } from './flow-metrics.ts';

const StepRef = z.object({ stepId: z.string(), name: z.string() });

const RungBase = StepRef.extend({
  /** Estimate: LT − PT; measured: median wait of the completed items. Null with `noData`. */
  waitHours: z.number().nullable(),
  /** True when the step has nothing to show (no estimate, or no completed item spent time in it): "no data", never 0 h. */
  noData: z.boolean(),
});

const Totals = z.object({
  /** Σ (wait + process/active) over the rungs with data. */
  totalLeadTimeHours: z.number(),
  /** Σ process (estimate) or active (measured) hours over the rungs with data. */
  totalProcessTimeHours: z.number(),
  totalWaitHours: z.number(),
  /** totalProcessTimeHours / totalLeadTimeHours; null when there is no lead time at all. */
  activityRatio: z.number().nullable(),
  /** Π %C&A over the rungs that have one (estimate: the workshop's; measured: 1 − rework received / left forward); null when none has. */
  rolledPercentCompleteAccurate: z.number().nullable(),
  /** Steps of the map not on the main path (parallel branches, steps off the forward flows): never summed. */
  offPath: z.array(StepRef),
});

export const EstimateLadderSchema = Totals.extend({
  rungs: z.array(RungBase.extend({ processHours: z.number().nullable(), percentCompleteAccurate: z.number().nullable() })),
});
export const MeasuredLadderSchema = Totals.extend({
  rungs: z.array(RungBase.extend({ activeHours: z.number().nullable(), percentCompleteAccurate: z.number().nullable() })),
});
export const LaddersSchema = z.object({
  /** From the workshop estimates (PT, LT, %C&A); null when no step has both PT and LT. */
  estimate: EstimateLadderSchema.nullable(),
  /** From the medians of the items completed in the window; null when none was. */
  measured: MeasuredLadderSchema.nullable(),
  /** The main path was weighed on measured lead time, or on estimated lead time when there is no data. */
  pathBasis: z.enum(['measured', 'estimate']),
  /** For showing hours as working days: the map calendar's hoursPerDay, default 8. */
  hoursPerWorkingDay: z.number(),
});
export type EstimateLadder = z.infer<typeof EstimateLadderSchema>;
export type MeasuredLadder = z.infer<typeof MeasuredLadderSchema>;
export type Ladders = z.infer<typeof LaddersSchema>;

/**
 * The main path: with a plain chain (or no forward flows) every step in flow order; with branches, the
 * path through the push/pull flows with the largest total weight (summing parallel branches would count
 * the same calendar time twice). Rework flows and back edges of a cycle are ignored.
 */
export function mainPath(map: Pick<MapDoc, 'steps' | 'flows'>, weight: (stepId: string) => number): MapStep[] {
  const ordered = stepsInFlowOrder(map);
  const forward = map.flows.filter((f) => f.kind === 'push' || f.kind === 'pull');
  const outDegree = new Map<string, number>();
  const inDegree = new Map<string, number>();
  for (const f of forward) {
    outDegree.set(f.from, (outDegree.get(f.from) ?? 0) + 1);
    inDegree.set(f.to, (inDegree.get(f.to) ?? 0) + 1);
  }
  const branched = [...outDegree.values(), ...inDegree.values()].some((n) => n > 1);
  if (forward.length === 0 || !branched) return ordered;

  const rank = new Map(ordered.map((s, i) => [s.id, i]));
  const best = new Map<string, { total: number; prev: string | null }>();
  for (const s of ordered) best.set(s.id, { total: weight(s.id), prev: null });
  for (const s of ordered) {
    const here = best.get(s.id)!;
    for (const f of forward) {
      if (f.from !== s.id || (rank.get(f.to) ?? -1) <= (rank.get(s.id) ?? 0)) continue;
      const next = best.get(f.to)!;
      const candidate = here.total + weight(f.to);
      if (candidate > next.total) best.set(f.to, { total: candidate, prev: s.id });
    }
  }
  let end: string | null = null;
  for (const s of ordered) if (end === null || best.get(s.id)!.total > best.get(end)!.total) end = s.id;
  const ids: string[] = [];
  for (let id = end; id !== null; id = best.get(id)!.prev) ids.unshift(id);
  const byId = new Map(map.steps.map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)!);
}

type LadderMap = Pick<MapDoc, 'steps' | 'flows'> & Partial<Pick<MapDoc, 'calendar'>>;

function totals<R extends { waitHours: number | null; noData: boolean; percentCompleteAccurate: number | null }>(
  rungs: R[],
  work: (r: R) => number | null,
  offPath: { stepId: string; name: string }[],
) {
  let wait = 0;
  let proc = 0;
  let rolled: number | null = null;
  for (const r of rungs) {
    if (!r.noData) {
      wait += r.waitHours ?? 0;
      proc += work(r) ?? 0;
    }
    if (r.percentCompleteAccurate !== null) rolled = (rolled ?? 1) * r.percentCompleteAccurate;
  }
  const lead = wait + proc;
  return {
    totalLeadTimeHours: lead,
    totalProcessTimeHours: proc,
    totalWaitHours: wait,
    activityRatio: lead > 0 ? proc / lead : null,
    rolledPercentCompleteAccurate: rolled,
    offPath,
  };
}

const hasEstimate = (s: MapStep) => s.estimate?.processTimeHours !== undefined && s.estimate.leadTimeHours !== undefined;

/**
 * Both ladders over one main path. `measuredPercentCompleteAccurate` gives each step's measured %C&A (from
 * the waste analysis) when known.
 */
export function buildLadders(
  map: LadderMap,
  metrics: Pick<FlowMetrics, 'steps' | 'items'>,
  measuredPercentCompleteAccurate: ReadonlyMap<string, number | null> = new Map(),
): Ladders {
  const figures = new Map(metrics.steps.map((s) => [s.id, s]));
  const measuredAny = metrics.items.done > 0;
  const measuredData = (id: string) => {
    const f = figures.get(id);
    return f !== undefined && f.activeHours.total + f.waitHours.total + (f.blockedHours?.total ?? 0) > 0;
  };
  const byId = new Map(map.steps.map((s) => [s.id, s]));
  const weight = measuredAny
    ? (id: string) => (figures.get(id)?.waitHours.p50 ?? 0) + (figures.get(id)?.activeHours.p50 ?? 0)
    : (id: string) => byId.get(id)?.estimate?.leadTimeHours ?? 0;
  const path = mainPath(map, weight);
  const onPath = new Set(path.map((s) => s.id));
  const offPath = map.steps.filter((s) => !onPath.has(s.id)).map((s) => ({ stepId: s.id, name: s.name }));

  let estimate: EstimateLadder | null = null;
  if (map.steps.some(hasEstimate)) {
    const rungs = path.map((s) => {
      const e = s.estimate;
      const ok = hasEstimate(s);
      return {
        stepId: s.id,
        name: s.name,
        waitHours: ok ? e!.leadTimeHours! - e!.processTimeHours! : null,
        processHours: ok ? e!.processTimeHours! : null,
        percentCompleteAccurate: e?.percentCompleteAccurate ?? null,
        noData: !ok,
      };
    });
    estimate = { rungs, ...totals(rungs, (r) => r.processHours, offPath) };
  }

  let measured: MeasuredLadder | null = null;
  if (measuredAny) {
    const rungs = path.map((s) => {
      const ok = measuredData(s.id);
      const f = figures.get(s.id);
      return {
        stepId: s.id,
        name: s.name,
        waitHours: ok ? f!.waitHours.p50 : null,
        activeHours: ok ? f!.activeHours.p50 : null,
        percentCompleteAccurate: measuredPercentCompleteAccurate.get(s.id) ?? null,
        noData: !ok,
      };
    });
    measured = { rungs, ...totals(rungs, (r) => r.activeHours, offPath) };
  }

  return { estimate, measured, pathBasis: measuredAny ? 'measured' : 'estimate', hoursPerWorkingDay: map.calendar?.hoursPerDay ?? 8 };
}
