// The dashboard's distributions, from the same per-item facts as the headline figures. Browser-safe.
// Every item counted is one completed in the window (done ∈ [from, to)), exactly the items behind the
// headline lead time, cycle time and flow efficiency; figures are unrounded.
//  - Cycle-time histogram: bins of one width (a "nice" number of hours chosen so about 40 bins reach the
//    98th percentile), the last bin open-ended (everything at or beyond its lower edge); R-7 p50/p85/p95.
//  - Lead vs cycle: lead and cycle time counted in the same bins (chosen on lead time, the longer of the two)
//    with both sets of percentiles and means; items that never started have a lead time and no cycle time.
//  - Flow efficiency per item: active / (active + wait + blocked) of each item, in 20 bins of 5 points
//    ([0.95, 1] closed); items with no mapped time are left out (counted). Named apart: the pooled value
//    (Σ active / Σ all time over the items, the headline figure) and the mean of the per-item values.
//  - Under another convention than flowmap (issue 14): the items are those it counts done in the window, their
//    cycle and lead times its own (days given in the hour fields as days × 24, so a whole day is a 24 h bin),
//    the percentiles by its rule; flow efficiency stays active / all mapped time of those items.
import { z } from 'zod';
import { HOUR_MS } from '../domain/items.ts';
import type { Binding } from './binding.ts';
import { ELAPSED, type DurationClock } from './calendar.ts';
import { durationBasis, DurationBasisSchema, windowBounds, type MetricsWindow } from './flow-metrics.ts';
import type { ItemFacts } from './item-timeline.ts';
import { pct, sortedCopy } from './quantile.ts';
import { asHours, CONVENTIONS, conventionPercentile, type ConventionItem, type ConventionName } from './conventions.ts';
import { SAMPLE_KEYS, SeriesConventionSchema, seriesConvention } from './series.ts';

const Dist = z.object({
  count: z.number().int(),
  p50: z.number().nullable(),
  p85: z.number().nullable(),
  p95: z.number().nullable(),
  mean: z.number().nullable(),
});

export const ChartSeriesSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  durations: DurationBasisSchema,
  /** Items completed in the window; of them, those that entered a mapped status (have a cycle time). */
  items: z.object({ completed: z.number().int(), withCycleTime: z.number().int() }),
  cycleHistogram: z.object({
    binHours: z.number(),
    /** [loHours, hiHours); hiHours null for the last, open-ended bin. */
    bins: z.array(z.object({ loHours: z.number(), hiHours: z.number().nullable(), count: z.number().int(), keys: z.array(z.string()) })),
    cycleTimeHours: Dist,
  }),
  leadVsCycle: z.object({
    binHours: z.number(),
    bins: z.array(
      z.object({
        loHours: z.number(),
        hiHours: z.number().nullable(),
        lead: z.number().int(),
        cycle: z.number().int(),
        leadKeys: z.array(z.string()),
        cycleKeys: z.array(z.string()),
      }),
    ),
    leadTimeHours: Dist,
    cycleTimeHours: Dist,
  }),
  flowEfficiency: z.object({
    /** [lo, hi) as fractions; the last bin is [0.95, 1]. */
    bins: z.array(z.object({ lo: z.number(), hi: z.number(), count: z.number().int(), keys: z.array(z.string()) })),
    /** Σ active / Σ (active + wait + blocked) over the items: the headline flow efficiency. Null without mapped time. */
    pooled: z.number().nullable(),
    /** The arithmetic mean of the per-item values, and their median. */
    meanPerItem: z.number().nullable(),
    medianPerItem: z.number().nullable(),
    items: z.number().int(),
    /** Completed items with no time in any mapped status (not in the histogram). */
    leftOut: z.number().int(),
  }),
  /** Under another convention than flowmap: which one the items, durations and percentiles follow. */
  convention: SeriesConventionSchema.optional(),
});
export type ChartSeries = z.infer<typeof ChartSeriesSchema>;

export const EFFICIENCY_BINS = 20;
const TARGET_BINS = 40;
/** Bin widths in hours a reader can say aloud: 1 h … 1 year. */
const NICE_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 96, 120, 168, 336, 504, 720, 1440, 2160, 4320, 8760];

/** The smallest nice width with which TARGET_BINS bins reach `upper` hours (at least `atLeast` hours: whole days for a day convention). */
export function binWidthHours(upper: number, atLeast = 0): number {
  const want = Math.max(upper / TARGET_BINS, atLeast);
  return NICE_HOURS.find((w) => w >= want) ?? Math.ceil(want / 8760) * 8760;
}

/** Index of the bin of width `w` holding x; the last bin (index count−1) takes everything beyond. */
export function binIndex(x: number, w: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor(x / w)));
}

export function efficiencyBin(e: number): number {
  return Math.min(EFFICIENCY_BINS - 1, Math.max(0, Math.floor(e * EFFICIENCY_BINS)));
}

function dist(sorted: Float64Array, convention: ConventionName | null = null): z.infer<typeof Dist> {
  if (sorted.length === 0) return { count: 0, p50: null, p85: null, p95: null, mean: null };
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  // A convention's values are hours (days × 24): its percentile rule picks the same rank either way.
  const p = (q: number) => (convention === null ? pct(sorted, q) : conventionPercentile(convention, sorted, q));
  return { count: sorted.length, p50: p(0.5), p85: p(0.85), p95: p(0.95), mean: sum / sorted.length };
}

export interface ChartBinning {
  /** Bin width and count of the cycle-time histogram and of the lead-vs-cycle bins. */
  cycle: { w: number; count: number };
  lead: { w: number; count: number };
}

/** The bins a set of lead and cycle times gets (shared by the series and by the drill-down from a bin). */
export function chartBinning(cycles: Float64Array, leads: Float64Array, atLeastHours = 0): ChartBinning {
  const make = (sorted: Float64Array) => {
    const upper = sorted.length === 0 ? 24 : Math.max(pct(sorted, 0.98), 1);
    const w = binWidthHours(upper, atLeastHours);
    const max = sorted.length === 0 ? 0 : sorted[sorted.length - 1]!;
    // Bins up to the 98th percentile, and one more (open-ended) bin when anything lies beyond.
    const inRange = Math.max(1, Math.ceil(upper / w));
    return { w, count: max >= inRange * w ? inRange + 1 : inRange };
  };
  return { cycle: make(cycles), lead: make(leads) };
}

export function createChartAccumulator(binding: Binding, opts: MetricsWindow & { clock?: DurationClock; convention?: ConventionName }) {
  const conv = opts.convention !== undefined && opts.convention !== 'flowmap' ? opts.convention : null;
  const clock = opts.clock ?? ELAPSED;
  const w = clock.w;
  const n = binding.steps.length;
  const asOf = opts.asOf;
  const { to, completedIn } = windowBounds(opts);
  let from = opts.from ?? Number.POSITIVE_INFINITY;
  // The completed items by column (a record per item was ~15 ms of a 40,000-item filter at 50,000 items).
  const dKey: string[] = [];
  const dLead: number[] = [];
  const dCycle: (number | null)[] = [];
  const dEff: (number | null)[] = [];
  let totalActive = 0;
  let totalAll = 0;

  function addFacts(f: ItemFacts, item: { key: string; createdAt: number }, c?: ConventionItem) {
    if (item.createdAt > asOf) return;
    if (opts.from === undefined && item.createdAt < from) from = item.createdAt;
    if (conv !== null && c === undefined) throw new Error(`distributions under the ${conv} convention need each item under it`);
    if (!completedIn(conv !== null ? c!.done : f.done)) return;
    let a = 0;
    let all = 0;
    for (let s = 0; s < n; s++) {
      a += f.active[s]!;
      all += f.active[s]! + f.wait[s]! + f.blocked[s]!;
    }
    totalActive += a;
    totalAll += all;
    const cycle = conv !== null ? asHours(conv, c!.cycle) : f.start === null ? null : (w(f.done!) - w(f.start)) / HOUR_MS;
    const eff = all > 0 ? a / all : null;
    dKey.push(item.key);
    dLead.push(conv !== null ? asHours(conv, c!.lead)! : (w(f.done!) - w(item.createdAt)) / HOUR_MS);
    dCycle.push(cycle);
    dEff.push(eff);
  }

  function result(): ChartSeries {
    if (!Number.isFinite(from)) from = to;
    const known = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    const cycles = sortedCopy(known(dCycle));
    const leads = sortedCopy(dLead);
    const effs = sortedCopy(known(dEff));
    // A day convention's values are whole days: bins of whole days (24 h, 48 h, …), each day in one bin.
    const bins = chartBinning(cycles, leads, conv !== null && CONVENTIONS[conv].unit === 'days' ? 24 : 0);

    const cBins = Array.from({ length: bins.cycle.count }, (_, i) => ({
      loHours: i * bins.cycle.w,
      hiHours: i === bins.cycle.count - 1 ? null : (i + 1) * bins.cycle.w,
      count: 0,
      keys: [] as string[],
    }));
    const lBins = Array.from({ length: bins.lead.count }, (_, i) => ({
      loHours: i * bins.lead.w,
      hiHours: i === bins.lead.count - 1 ? null : (i + 1) * bins.lead.w,
      lead: 0,
      cycle: 0,
      leadKeys: [] as string[],
      cycleKeys: [] as string[],
    }));
    const eBins = Array.from({ length: EFFICIENCY_BINS }, (_, i) => ({
      lo: i / EFFICIENCY_BINS,
      hi: (i + 1) / EFFICIENCY_BINS,
      count: 0,
      keys: [] as string[],
    }));
    const push = (keys: string[], k: string) => keys.length < SAMPLE_KEYS && keys.push(k);
    let effSum = 0;
    for (let i = 0; i < dKey.length; i++) {
      const key = dKey[i]!;
      const lb = lBins[binIndex(dLead[i]!, bins.lead.w, bins.lead.count)]!;
      lb.lead++;
      push(lb.leadKeys, key);
      const cycle = dCycle[i] ?? null;
      if (cycle !== null) {
        const cb = cBins[binIndex(cycle, bins.cycle.w, bins.cycle.count)]!;
        cb.count++;
        push(cb.keys, key);
        const lc = lBins[binIndex(cycle, bins.lead.w, bins.lead.count)]!;
        lc.cycle++;
        push(lc.cycleKeys, key);
      }
      const eff = dEff[i] ?? null;
      if (eff !== null) {
        const eb = eBins[efficiencyBin(eff)]!;
        eb.count++;
        push(eb.keys, key);
        effSum += eff;
      }
    }
    const cycleDist = dist(cycles, conv);
    return {
      asOf: new Date(asOf).toISOString(),
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      durations: durationBasis(clock.calendar),
      items: { completed: dKey.length, withCycleTime: cycles.length },
      cycleHistogram: { binHours: bins.cycle.w, bins: cBins, cycleTimeHours: cycleDist },
      leadVsCycle: { binHours: bins.lead.w, bins: lBins, leadTimeHours: dist(leads, conv), cycleTimeHours: cycleDist },
      flowEfficiency: {
        bins: eBins,
        pooled: totalAll > 0 ? totalActive / totalAll : null,
        meanPerItem: effs.length > 0 ? effSum / effs.length : null,
        medianPerItem: effs.length > 0 ? pct(effs, 0.5) : null,
        items: effs.length,
        leftOut: dKey.length - effs.length,
      },
      ...(conv !== null ? { convention: seriesConvention(conv) } : {}),
    };
  }

  return { addFacts, result };
}
