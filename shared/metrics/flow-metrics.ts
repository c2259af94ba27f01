// The headline flow metrics of one map over a window (issue #3's contract). Browser-safe: the core feeds it
// items streamed from SQLite, the renderer can feed it items it already holds.
import { quantileSorted } from 'd3';
import { z } from 'zod';
import { HOUR_MS, type ItemHistory } from '../domain/items.ts';
import type { Binding } from './binding.ts';
import { itemFacts } from './item-timeline.ts';

const Pct = z.object({ p50: z.number(), p85: z.number(), p95: z.number() });
const StepTime = z.object({ total: z.number(), p50: z.number(), p85: z.number() });

export const FlowMetricsSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  items: z.object({ total: z.number(), done: z.number() }),
  leadTimeHours: Pct,
  cycleTimeHours: Pct,
  /** Pooled: Σ active / Σ (active + wait) over the items completed in the window. */
  flowEfficiency: z.number(),
  /** Distribution of per-item flow efficiency over the same items (items with no mapped time left out). */
  flowEfficiencyPerItem: z.object({ p50: z.number(), p85: z.number() }),
  throughputPerWeek: z.number(),
  wip: z.object({ current: z.number(), average: z.number() }),
  steps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      activeHours: StepTime,
      waitHours: StepTime,
      wip: z.number(),
      flowEfficiency: z.number(),
    }),
  ),
  bottleneck: z.object({ stepId: z.string(), reason: z.string() }).nullable(),
});
export type FlowMetrics = z.infer<typeof FlowMetricsSchema>;

export interface MetricsWindow {
  asOf: number;
  /** Completed-in-window is done ∈ [from, to). Default from: −∞ (reported as the earliest creation). */
  from?: number;
  to?: number;
}

const pct = (sorted: Float64Array, p: number) => (sorted.length === 0 ? 0 : quantileSorted(sorted as unknown as number[], p)!);
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Streaming accumulator: `add` every item once, then `result`. Memory is O(completed items × steps). */
export function createFlowAccumulator(binding: Binding, window: MetricsWindow) {
  const n = binding.steps.length;
  const asOf = window.asOf;
  const to = Math.min(window.to ?? asOf, asOf);
  let from = window.from ?? Number.POSITIVE_INFINITY;
  const explicitFrom = window.from !== undefined;

  let total = 0;
  const lead: number[] = [];
  const cycle: number[] = [];
  const perItemEfficiency: number[] = [];
  const stepActive: number[][] = Array.from({ length: n }, () => []);
  const stepWait: number[][] = Array.from({ length: n }, () => []);
  const stepWip = new Array<number>(n).fill(0);
  let wipCurrent = 0;
  // Average WIP is time-weighted (the mean of the WIP step function over [from, to)): Σ mapped time in the
  // window / window length. Without an explicit `from` the window starts at the earliest creation, which
  // clips nothing, so the per-item clip can be applied before that bound is known.
  let wipTime = 0;

  function add(item: ItemHistory) {
    if (item.createdAt > asOf) return;
    total++;
    if (!explicitFrom && item.createdAt < from) from = item.createdAt;
    const f = itemFacts(item, binding, asOf, explicitFrom ? from : Number.NEGATIVE_INFINITY, to);
    wipTime += f.mappedInClip;
    const role = f.current === null ? undefined : binding.roles.get(f.current);
    if (role !== undefined) {
      wipCurrent++;
      stepWip[role.step]!++;
    }

    if (f.done === null || f.done >= to || (explicitFrom && f.done < from)) return;
    lead.push((f.done - item.createdAt) / HOUR_MS);
    cycle.push(f.start === null ? 0 : (f.done - f.start) / HOUR_MS);
    let a = 0;
    let w = 0;
    for (let s = 0; s < n; s++) {
      a += f.active[s]!;
      w += f.wait[s]!;
      stepActive[s]!.push(f.active[s]! / HOUR_MS);
      stepWait[s]!.push(f.wait[s]! / HOUR_MS);
    }
    if (a + w > 0) perItemEfficiency.push(a / (a + w));
  }

  function result(): FlowMetrics {
    if (!Number.isFinite(from)) from = to;
    const sorted = (xs: number[]) => Float64Array.from(xs).sort();
    const leadS = sorted(lead);
    const cycleS = sorted(cycle);
    const effS = sorted(perItemEfficiency);
    const windowMs = Math.max(0, to - from);

    let totalActive = 0;
    let totalWait = 0;
    const steps = binding.steps.map((step, i) => {
      const act = sorted(stepActive[i]!);
      const wt = sorted(stepWait[i]!);
      const actTotal = act.reduce((x, y) => x + y, 0);
      const waitTotal = wt.reduce((x, y) => x + y, 0);
      totalActive += actTotal;
      totalWait += waitTotal;
      return {
        id: step.id,
        name: step.name,
        activeHours: { total: actTotal, p50: pct(act, 0.5), p85: pct(act, 0.85) },
        waitHours: { total: waitTotal, p50: pct(wt, 0.5), p85: pct(wt, 0.85) },
        wip: stepWip[i]!,
        flowEfficiency: ratio(actTotal, actTotal + waitTotal),
      };
    });

    // Strictly greater, in flow order: a tie goes to the earlier step.
    let b: (typeof steps)[number] | undefined;
    for (const s of steps) if (s.waitHours.total > (b?.waitHours.total ?? 0)) b = s;
    let bottleneck: FlowMetrics['bottleneck'] = null;
    if (b !== undefined) {
      const share = ratio(b.waitHours.total, totalWait);
      bottleneck = {
        stepId: b.id,
        reason: `${b.name} holds ${(share * 100).toFixed(1)}% of all wait time (${b.waitHours.total.toFixed(1)} h of ${totalWait.toFixed(1)} h over ${lead.length} completed items)`,
      };
    }

    return {
      asOf: new Date(asOf).toISOString(),
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      items: { total, done: lead.length },
      leadTimeHours: { p50: pct(leadS, 0.5), p85: pct(leadS, 0.85), p95: pct(leadS, 0.95) },
      cycleTimeHours: { p50: pct(cycleS, 0.5), p85: pct(cycleS, 0.85), p95: pct(cycleS, 0.95) },
      flowEfficiency: ratio(totalActive, totalActive + totalWait),
      flowEfficiencyPerItem: { p50: pct(effS, 0.5), p85: pct(effS, 0.85) },
      throughputPerWeek: windowMs > 0 ? lead.length / (windowMs / (7 * 86_400_000)) : 0,
      wip: { current: wipCurrent, average: windowMs > 0 ? wipTime / windowMs : 0 },
      steps,
      bottleneck,
    };
  }

  return { add, result };
}
