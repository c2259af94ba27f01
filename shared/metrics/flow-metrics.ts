// The headline flow metrics of one map over a window (issue #3's contract). Browser-safe: the core feeds it
// items streamed from SQLite, the renderer can feed it items it already holds.
import { z } from 'zod';
import { HOUR_MS, type ItemHistory } from '../domain/items.ts';
import { WAIT, type Binding } from './binding.ts';
import { describeCalendar, ELAPSED, type DurationClock, type WorkingCalendar } from './calendar.ts';
import { TimelineWalker, type ItemFacts } from './item-timeline.ts';
import { FigureSample } from './figure-sample.ts';
import { pct, ratio, sortedCopy } from './quantile.ts';

const Pct = z.object({ p50: z.number(), p85: z.number(), p95: z.number() });
const StepTime = z.object({ total: z.number(), p50: z.number(), p85: z.number() });

export const DurationBasisSchema = z.object({
  /** 'elapsed' or 'working-calendar'. */
  kind: z.enum(['elapsed', 'working-calendar']),
  timeZone: z.string(),
  workingDays: z.array(z.number().int()),
  holidays: z.array(z.string()),
  text: z.string(),
});
export type DurationBasis = z.infer<typeof DurationBasisSchema>;

export function durationBasis(calendar: WorkingCalendar | null): DurationBasis {
  return calendar === null
    ? { kind: 'elapsed', timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [], text: describeCalendar(null) }
    : {
        kind: 'working-calendar',
        timeZone: calendar.timeZone,
        workingDays: [...calendar.workingDays],
        holidays: [...calendar.holidays],
        text: describeCalendar(calendar),
      };
}

export const FlowMetricsSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  items: z.object({
    total: z.number(),
    done: z.number(),
    /** Completed in the window without ever entering a mapped status: in lead time and throughput, not in cycle time. */
    doneNeverStarted: z.number().optional(),
    /** Unfinished items (not done at asOf). */
    inProgress: z.number().optional(),
  }),
  leadTimeHours: Pct,
  cycleTimeHours: Pct,
  /** Pooled: Σ active / Σ (active + wait + blocked) over the items completed in the window. */
  flowEfficiency: z.number(),
  /** Distribution of per-item flow efficiency over the same items (items with no mapped time left out). */
  flowEfficiencyPerItem: z.object({ p50: z.number(), p85: z.number() }),
  throughputPerWeek: z.number(),
  wip: z.object({ current: z.number(), average: z.number() }),
  /** Σ blocked hours (flagged or in a blocked status) over the completed items; already left out of active and wait. */
  blockedHours: z.number().optional(),
  steps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      activeHours: StepTime,
      waitHours: StepTime,
      blockedHours: StepTime.optional(),
      wip: z.number(),
      /** Of `wip`, the items in the step's wait statuses now: the queue before the step (its inventory triangle). */
      waitWip: z.number().optional(),
      flowEfficiency: z.number(),
      /** Completed items in the window that spent any time in the step: 0 means its medians are "no data", not 0 h. */
      measuredItems: z.number().optional(),
    }),
  ),
  bottleneck: z.object({ stepId: z.string(), reason: z.string() }).nullable(),
  /** How durations were measured (elapsed hours, or a working calendar). */
  durations: DurationBasisSchema.optional(),
});
export type FlowMetrics = z.infer<typeof FlowMetricsSchema>;

export interface MetricsWindow {
  asOf: number;
  /** Completed-in-window is done ∈ [from, to). Default from: −∞ (reported as the earliest creation). */
  from?: number;
  to?: number;
}

/** The window's end (never past asOf), and the completed-in-window test every figure and list shares. */
export function windowBounds(window: MetricsWindow): { to: number; explicitFrom: boolean; completedIn(done: number | null): boolean } {
  const to = Math.min(window.to ?? window.asOf, window.asOf);
  const from = window.from;
  return { to, explicitFrom: from !== undefined, completedIn: (done) => done !== null && done < to && !(from !== undefined && done < from) };
}

/** Streaming accumulator: `add` every item once, then `result`. Memory is O(completed items × steps). */
export function createFlowAccumulator(binding: Binding, window: MetricsWindow, clock: DurationClock = ELAPSED) {
  const n = binding.steps.length;
  const asOf = window.asOf;
  const { to, explicitFrom, completedIn } = windowBounds(window);
  let from = window.from ?? Number.POSITIVE_INFINITY;
  const w = clock.w;

  let total = 0;
  let inProgress = 0;
  let neverStarted = 0;
  const lead = new FigureSample();
  const cycle = new FigureSample();
  const perItemEfficiency = new FigureSample();
  const stepActive = Array.from({ length: n }, () => new FigureSample());
  const stepWait = Array.from({ length: n }, () => new FigureSample());
  const stepBlocked = Array.from({ length: n }, () => new FigureSample());
  const stepWip = new Array<number>(n).fill(0);
  const stepWaitWip = new Array<number>(n).fill(0);
  const stepMeasured = new Array<number>(n).fill(0);
  let wipCurrent = 0;
  // Average WIP is time-weighted (the mean of the WIP step function over [from, to)): Σ mapped time in the
  // window / window length. Without an explicit `from` the window starts at the earliest creation, which
  // clips nothing, so the per-item clip can be applied before that bound is known.
  let wipTime = 0;
  let walker: TimelineWalker | null = null;

  /** Adds one item's facts, computed by a walker built with `walkOptions()`. */
  function addFacts(f: ItemFacts, createdAt: number) {
    if (createdAt > asOf) return;
    total++;
    if (!explicitFrom && createdAt < from) from = createdAt;
    wipTime += f.mappedInClip;
    if (f.currentStep >= 0) {
      wipCurrent++;
      stepWip[f.currentStep]!++;
      if (f.current !== null && binding.roles.get(f.current)?.kind === WAIT) stepWaitWip[f.currentStep]!++;
    }
    if (f.done === null) {
      inProgress++;
      return;
    }
    if (!completedIn(f.done)) return;
    lead.push((w(f.done) - w(createdAt)) / HOUR_MS);
    if (f.start === null) neverStarted++;
    else cycle.push((w(f.done) - w(f.start)) / HOUR_MS);
    let a = 0;
    let all = 0;
    for (let s = 0; s < n; s++) {
      const x = f.active[s]!;
      const y = f.wait[s]!;
      const z = f.blocked[s]!;
      a += x;
      all += x + y + z;
      if (x + y + z > 0) stepMeasured[s]!++;
      stepActive[s]!.push(x / HOUR_MS);
      stepWait[s]!.push(y / HOUR_MS);
      stepBlocked[s]!.push(z / HOUR_MS);
    }
    if (all > 0) perItemEfficiency.push(a / all);
  }

  function walkOptions() {
    return { asOf, clock, clipFrom: explicitFrom ? window.from : Number.NEGATIVE_INFINITY, clipTo: to };
  }

  function add(item: ItemHistory & { flags?: ArrayLike<number> }) {
    walker ??= new TimelineWalker(binding, walkOptions());
    walker.walkItem(item, item.flags, item.flags ? item.flags.length / 2 : 0);
    addFacts(walker, item.createdAt);
  }

  function result(): FlowMetrics {
    if (!Number.isFinite(from)) from = to;
    const leadS = lead.sorted();
    const cycleS = cycle.sorted();
    const effS = perItemEfficiency.sorted();
    const windowMs = Math.max(0, to - from);

    let totalActive = 0;
    let totalWait = 0;
    let totalBlocked = 0;
    const steps = binding.steps.map((step, i) => {
      const activeHours = stepActive[i]!.totalAndPercentiles();
      const waitHours = stepWait[i]!.totalAndPercentiles();
      const blockedHours = stepBlocked[i]!.totalAndPercentiles();
      const actTotal = activeHours.total;
      const waitTotal = waitHours.total;
      const blockedTotal = blockedHours.total;
      totalActive += actTotal;
      totalWait += waitTotal;
      totalBlocked += blockedTotal;
      return {
        id: step.id,
        name: step.name,
        activeHours,
        waitHours,
        blockedHours,
        wip: stepWip[i]!,
        waitWip: stepWaitWip[i]!,
        flowEfficiency: ratio(actTotal, actTotal + waitTotal + blockedTotal),
        measuredItems: stepMeasured[i]!,
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
        reason: `${b.name} holds ${(share * 100).toFixed(1)} % of all wait time (${waitText(b.waitHours.total)} of ${waitText(totalWait)} over ${lead.n.toLocaleString('en-US')} completed items)`,
      };
    }

    return {
      asOf: new Date(asOf).toISOString(),
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      items: { total, done: lead.n, doneNeverStarted: neverStarted, inProgress },
      leadTimeHours: { p50: pct(leadS, 0.5), p85: pct(leadS, 0.85), p95: pct(leadS, 0.95) },
      cycleTimeHours: { p50: pct(cycleS, 0.5), p85: pct(cycleS, 0.85), p95: pct(cycleS, 0.95) },
      flowEfficiency: ratio(totalActive, totalActive + totalWait + totalBlocked),
      flowEfficiencyPerItem: { p50: pct(effS, 0.5), p85: pct(effS, 0.85) },
      throughputPerWeek: windowMs > 0 ? lead.n / (windowMs / (7 * 86_400_000)) : 0,
      wip: { current: wipCurrent, average: windowMs > 0 ? wipTime / windowMs : 0 },
      blockedHours: totalBlocked,
      steps,
      bottleneck,
      durations: durationBasis(clock.calendar),
    };
  }

  return { add, addFacts, walkOptions, result };
}

export { sortedCopy };

/** Wait totals run to years of item-time: whole days read better than six-digit hours. */
function waitText(hours: number): string {
  return hours >= 48 ? `${Math.round(hours / 24).toLocaleString('en-US')} d` : `${hours.toFixed(1)} h`;
}
