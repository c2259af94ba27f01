// The timeline ladder's numbers: per step on the main path, measured median wait (top rung) and median
// active time (bottom rung), and the totals. Pure; shared by the app screen and the report page.
import { stepsInFlowOrder, type MapDoc, type MapStep } from '../../../shared/domain/map.ts';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';

export type StepFigures = FlowMetrics['steps'][number];

export interface LadderRung {
  stepId: string;
  name: string;
  waitHours: number;
  activeHours: number;
  bottleneck: boolean;
}

export interface Ladder {
  rungs: LadderRung[];
  totalWaitHours: number;
  totalActiveHours: number;
  /** Σ (wait + active) along the ladder. */
  totalLeadHours: number;
  /** Σ active / Σ (wait + active) along the ladder; 0 when there is no time at all. */
  activityRatio: number;
  /** Π %C&A of the workshop estimates along the ladder; null unless every step on it has one. */
  rolledPercentCompleteAccurate: number | null;
  /** Steps of the map left off the ladder because they sit on a parallel branch. */
  offPath: string[];
}

/**
 * The main path: with a plain chain (or no forward flows) every step in flow order; with branches, the
 * path through the push/pull flows with the longest measured lead time (summing parallel branches would
 * count the same calendar time twice).
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

  // Longest path over the DAG in topological (flow) order; a cycle's back edges are ignored.
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

export function buildLadder(map: Pick<MapDoc, 'steps' | 'flows'>, metrics: Pick<FlowMetrics, 'steps' | 'bottleneck'>): Ladder {
  const figures = new Map(metrics.steps.map((s) => [s.id, s]));
  const lead = (id: string) => (figures.get(id)?.waitHours.p50 ?? 0) + (figures.get(id)?.activeHours.p50 ?? 0);
  const path = mainPath(map, lead);
  const onPath = new Set(path.map((s) => s.id));
  const rungs = path.map((s) => ({
    stepId: s.id,
    name: s.name,
    waitHours: figures.get(s.id)?.waitHours.p50 ?? 0,
    activeHours: figures.get(s.id)?.activeHours.p50 ?? 0,
    bottleneck: metrics.bottleneck?.stepId === s.id,
  }));
  const totalWaitHours = rungs.reduce((a, r) => a + r.waitHours, 0);
  const totalActiveHours = rungs.reduce((a, r) => a + r.activeHours, 0);
  const totalLeadHours = totalWaitHours + totalActiveHours;
  const cas = path.map((s) => s.estimate?.percentCompleteAccurate);
  const rolled = cas.length > 0 && cas.every((c) => c !== undefined) ? cas.reduce<number>((a, c) => a * (c ?? 1), 1) : null;
  return {
    rungs,
    totalWaitHours,
    totalActiveHours,
    totalLeadHours,
    activityRatio: totalLeadHours > 0 ? totalActiveHours / totalLeadHours : 0,
    rolledPercentCompleteAccurate: rolled,
    offPath: map.steps.filter((s) => !onPath.has(s.id)).map((s) => s.name),
  };
}
