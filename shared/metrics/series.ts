// Series for charts, from the same per-item timeline as the headline figures. Browser-safe.
//  - Days are local days of the duration basis' time zone (UTC without a calendar): day d is [00:00, 24:00),
//    so an event at exactly 00:00 belongs to the day it starts. Day d is sampled at T[d] = min(end of day d,
//    window end): WIP and cumulative arrivals/departures of the events strictly before T[d]. When the window
//    ends at asOf, the last day also takes events at asOf itself, so it equals the state at asOf (current WIP).
//  - CFD per step: cumulative arrivals (entries into the step from any other step or unmapped status, every
//    visit counted) and departures; arrivals − departures = the step's WIP at T. `done` is the cumulative
//    count of items whose done instant is ≤ T (items done at asOf).
//  - Weekly throughput: items completed in the window per local week starting Monday 00:00; empty weeks are 0.
//    Daily throughput: the same per local day, with the first few item keys (for tooltips).
//  - Scatter: every item completed in the window with its cycle and lead time, and the cycle-time percentiles.
//  - Aging WIP: every unfinished item that has started, its age since start (at asOf) and current step,
//    against the cycle-time percentiles of the completed items.
//  - Under another convention than flowmap (issue 14) the figures that depend on start and done follow it:
//    throughput and the CFD's done line count each item on the date that convention counts it done, the
//    scatter, aging and percentiles take its cycle time, lead time and age with its percentile rule, and the
//    WIP total counts each item from its start date to its done date by its rules. Day figures are given in
//    the hour fields as days × 24 (a whole day is 24 h on a day axis); `convention` says which and why.
//    The steps' arrivals, departures and WIP stay visits (no convention defines them).
import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '../domain/items.ts';
import { columnTable, type ColumnTable } from '../domain/column-table.ts';
import type { Binding } from './binding.ts';
import { asHours, CONVENTIONS, conventionPercentile, type ConventionItem, type ConventionName } from './conventions.ts';
import { dayGrid, ELAPSED, type DurationClock } from './calendar.ts';
import { durationBasis, DurationBasisSchema, windowBounds, type MetricsWindow } from './flow-metrics.ts';
import type { TimelineWalker } from './item-timeline.ts';
import { pct } from './quantile.ts';
import { ascendingOrder } from './sort-order.ts';

const Pct3 = z.object({ p50: z.number(), p85: z.number(), p95: z.number() });

/** The convention a series follows, when not flowmap: its name, unit (days = the hour fields hold days × 24) and rules. */
export const SeriesConventionSchema = z.object({ name: z.string(), label: z.string(), unit: z.enum(['hours', 'days']), summary: z.string() });

export function seriesConvention(c: ConventionName): z.infer<typeof SeriesConventionSchema> {
  const i = CONVENTIONS[c];
  return { name: i.name, label: i.label, unit: i.unit, summary: i.summary };
}

export const FlowSeriesSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  durations: DurationBasisSchema,
  /** Local dates (YYYY-MM-DD) of the days in the window. */
  days: z.array(z.string()),
  /** The instant each day is sampled at (end of day, or the window end for the last one): events before it count. */
  sampledAt: z.array(z.string()),
  cfd: z.object({
    steps: z.array(z.object({ id: z.string(), name: z.string(), arrivals: z.array(z.number()), departures: z.array(z.number()) })),
    done: z.array(z.number()),
  }),
  wipRun: z.object({ total: z.array(z.number()), steps: z.array(z.object({ id: z.string(), values: z.array(z.number()) })) }),
  throughputWeekly: z.array(z.object({ weekStart: z.string(), count: z.number(), daysInWindow: z.number() })),
  /** Items completed in the window per day of `days`, with the first SAMPLE_KEYS of their keys. */
  throughputDaily: z.array(z.object({ day: z.string(), count: z.number(), keys: z.array(z.string()) })).optional(),
  // The two tables with a row per item (50,000 at most) are sent by column: one array per field, row i across
  // them (column-table.ts; rowsOf gives the records).
  scatter: z.object({
    /** In done order. `day`: the local date (YYYY-MM-DD) of `done` in the series' time zone, as `days` counts it. */
    points: columnTable({
      key: z.string(),
      type: z.string().nullable(),
      done: z.string(),
      day: z.string().nullable(),
      cycleTimeHours: z.number().nullable(),
      leadTimeHours: z.number(),
    }),
    cycleTimeHours: Pct3,
  }),
  aging: z.object({
    cycleTimeHours: Pct3,
    /** Oldest first. */
    items: columnTable({
      key: z.string(),
      type: z.string().nullable(),
      status: z.string().nullable(),
      stepId: z.string().nullable(),
      started: z.string(),
      ageHours: z.number(),
      beyond: z.enum(['p50', 'p85', 'p95']).nullable(),
    }),
    steps: z.array(z.object({ id: z.string(), count: z.number(), oldestHours: z.number(), beyondP85: z.number() })),
  }),
  /** Under another convention than flowmap: which one the done, cycle, lead and age figures follow. */
  convention: SeriesConventionSchema.optional(),
});
export type FlowSeries = z.infer<typeof FlowSeriesSchema>;
/** One scatter point (a row of `scatter.points`). */
export type ScatterPoint = FlowSeries['scatter']['points'] extends ColumnTable<infer T> ? T : never;
/** One unfinished item of the aging chart (a row of `aging.items`). */
export type AgingRow = FlowSeries['aging']['items'] extends ColumnTable<infer T> ? T : never;

const isoCache = new Map<number, string>();

/**
 * An instant as ISO text, remembered: every filter change lists the same items' done instants again, and
 * formatting one (~1 µs) was most of the scatter's cost on 50,000 items. Bounded: cleared past 250,000.
 */
function isoOf(t: number): string {
  let s = isoCache.get(t);
  if (s === undefined) {
    if (isoCache.size >= 250_000) isoCache.clear();
    isoCache.set(t, (s = new Date(t).toISOString()));
  }
  return s;
}

/** How many item keys a bar carries for its tooltip; the drill-down lists all of them. */
export const SAMPLE_KEYS = 5;

/**
 * The first index with xs[i] > t (xs ascending; xs.length when none), for day boundaries: local days are
 * 23–25 h, so the day number since the grid's origin is within a step or two of the answer, and the walk
 * from there finds exactly what a binary search would, in O(1) per event instead of ~11 probes.
 */
function daySampler(xs: Float64Array, origin: number): (t: number) => number {
  const n = xs.length;
  return (t) => {
    let g = Math.floor((t - origin) / DAY_MS);
    if (!(g >= 0)) g = 0;
    else if (g > n) g = n;
    while (g > 0 && xs[g - 1]! > t) g--;
    while (g < n && xs[g]! <= t) g++;
    return g;
  };
}

export interface SeriesOptions extends MetricsWindow {
  /** Earliest instant of the data (the default window start when `from` is not given). */
  earliest: number;
  clock?: DurationClock;
  /** The convention the start/done figures follow; other than flowmap, addFacts takes each item under it. */
  convention?: ConventionName;
}

export function createSeriesAccumulator(binding: Binding, opts: SeriesOptions) {
  const clock = opts.clock ?? ELAPSED;
  const w = clock.w;
  const tz = clock.calendar?.timeZone ?? 'UTC';
  const asOf = opts.asOf;
  const { to, completedIn } = windowBounds(opts);
  const from = Math.min(opts.from ?? opts.earliest, to);
  const grid = dayGrid(tz, from, Math.max(from, to - 1));
  const D = grid.dates.length;
  const T = new Float64Array(D);
  for (let d = 0; d < D; d++) T[d] = Math.min(grid.starts[d + 1]!, to);
  // Events are counted when they are before the sample; at asOf the state includes what happened at asOf.
  const S = T.slice();
  if (D > 0 && T[D - 1] === asOf) S[D - 1] = asOf + 1;
  const origin = grid.starts[0]!;
  const dayOf = daySampler(S, origin);
  const startAfter = daySampler(grid.starts, origin);
  const n = binding.steps.length;
  const arr = Array.from({ length: n }, () => new Float64Array(D + 1));
  const dep = Array.from({ length: n }, () => new Float64Array(D + 1));
  const wip = Array.from({ length: n }, () => new Float64Array(D + 1));
  const doneDiff = new Float64Array(D + 1);

  // Weeks: a new week starts on every local Monday (and at the first day).
  const weekOf = new Int32Array(D);
  const weeks: Array<{ weekStart: string; count: number; daysInWindow: number }> = [];
  const daily = grid.dates.slice(0, D).map((day) => ({ day, count: 0, keys: [] as string[] }));
  for (let d = 0; d < D; d++) {
    if (d === 0 || grid.weekdays[d] === 1) {
      const back = (grid.weekdays[d]! - 1) * 86_400_000;
      weeks.push({ weekStart: new Date(Date.parse(`${grid.dates[d]}T00:00:00Z`) - back).toISOString().slice(0, 10), count: 0, daysInWindow: 0 });
    }
    weekOf[d] = weeks.length - 1;
    weeks[weeks.length - 1]!.daysInWindow++;
  }

  // The scatter's points as columns in arrival order (a record per point, then columns, cost ~20 ms at 40,000).
  const pKey: string[] = [];
  const pType: (string | null)[] = [];
  const pDone: number[] = [];
  const pDay: (string | null)[] = [];
  const pCycle: (number | null)[] = [];
  const pLead: number[] = [];
  const cycles: number[] = [];
  const aging: Array<{ key: string; type: string | null; status: string | null; step: number; start: number; ageHours: number }> = [];
  const conv = opts.convention !== undefined && opts.convention !== 'flowmap' ? opts.convention : null;
  const dateIndex = new Map(grid.dates.slice(0, D).map((d, i) => [d, i]));
  const convWip = new Float64Array(D + 1);

  function addFacts(f: TimelineWalker, item: { key: string; type: string | null; createdAt: number }, c?: ConventionItem) {
    if (item.createdAt > asOf) return;
    // The steps' arrivals, departures and WIP are visits under every convention.
    addVisits(f);
    if (conv !== null) {
      if (c === undefined) throw new Error(`series under the ${conv} convention need each item under it`);
      addUnder(c, f, item);
      return;
    }
    if (f.done !== null) {
      doneDiff[dayOf(f.done)]!++;
      if (completedIn(f.done)) {
        const cycle = f.start === null ? null : (w(f.done) - w(f.start)) / HOUR_MS;
        if (cycle !== null) cycles.push(cycle);
        const d = startAfter(f.done) - 1;
        countDone(item, f.done, d >= 0 && d < D ? d : -1, cycle, (w(f.done) - w(item.createdAt)) / HOUR_MS);
      }
    } else if (f.start !== null) {
      aging.push({ key: item.key, type: item.type, status: f.current, step: f.currentStep, start: f.start, ageHours: (w(asOf) - w(f.start)) / HOUR_MS });
    }
  }

  function countDone(item: { key: string; type: string | null }, done: number, d: number, cycle: number | null, lead: number | null) {
    const day = d >= 0 ? grid.dates[d]! : null;
    pKey.push(item.key);
    pType.push(item.type);
    pDone.push(done);
    pDay.push(day);
    pCycle.push(cycle);
    pLead.push(lead ?? 0);
    if (day !== null) {
      weeks[weekOf[d]!]!.count++;
      const dd = daily[d]!;
      dd.count++;
      if (dd.keys.length < SAMPLE_KEYS) dd.keys.push(item.key);
    }
  }

  /** The grid index of a local date, or the first/last day beyond either end (-1 / D). */
  const dayIndexOf = (date: string) => dateIndex.get(date) ?? (D === 0 || date < grid.dates[0]! ? -1 : D);

  function addUnder(c: ConventionItem, f: TimelineWalker, item: { key: string; type: string | null; createdAt: number }) {
    const doneDay = c.done === null ? null : dayIndexOf(c.doneDate ?? '');
    if (c.done !== null && doneDay !== null) {
      // Counted on its done date: from that day's sample on.
      doneDiff[Math.max(0, Math.min(doneDay, D))]!++;
      if (completedIn(c.done)) {
        if (c.cycle !== null) cycles.push(c.cycle);
        countDone(item, c.done, doneDay >= 0 && doneDay < D ? doneDay : -1, asHours(conv!, c.cycle), asHours(conv!, c.lead));
      }
    } else if (c.start !== null && c.age !== null && c.age !== undefined) {
      aging.push({ key: item.key, type: item.type, status: f.current, step: f.currentStep, start: c.start, ageHours: asHours(conv!, c.age)! });
    }
    // In progress from its start date up to its done date: jira-agile-metrics counts no WIP on the done date, the
    // tools counting both ends do. jirametrics counts an item done without a start from its creation
    // (daily_wip_chart.rb, group_issues_by_active_dates).
    const wipStart = c.start ?? (conv === 'jirametrics' && c.done !== null ? item.createdAt : null);
    if (wipStart !== null) {
      const a = Math.max(0, startAfter(wipStart) - 1);
      const end = doneDay === null ? D : conv === 'jira-agile-metrics' ? doneDay : doneDay + 1;
      const b = Math.max(a, Math.min(end, D));
      if (b > a) {
        convWip[a]!++;
        convWip[b]!--;
      }
    }
  }

  function addVisits(f: TimelineWalker) {
    for (let v = 0; v < f.visitCount; v++) {
      const s = f.visitStep[v]!;
      const a = f.visitStart[v]!;
      const b = f.visitEnd[v]!;
      const i = dayOf(a);
      const j = b === Number.POSITIVE_INFINITY ? D : dayOf(b);
      arr[s]![i]!++;
      if (b !== Number.POSITIVE_INFINITY) dep[s]![j]!++;
      if (j > i) {
        wip[s]![i]!++;
        wip[s]![j]!--;
      }
    }
  }

  function cumulative(diff: Float64Array): number[] {
    const out = new Array<number>(D);
    let c = 0;
    for (let d = 0; d < D; d++) out[d] = c += diff[d]!;
    return out;
  }

  function result(): FlowSeries {
    const sortedCycles = Float64Array.from(cycles).sort();
    // Under a convention: its percentile rule on its own values (days), then as hours like every other field.
    const p = (q: number) => (conv === null ? pct(sortedCycles, q) : asHours(conv, conventionPercentile(conv, sortedCycles, q))!);
    const cyclePct = { p50: p(0.5), p85: p(0.85), p95: p(0.95) };
    const wipSteps = binding.steps.map((s, i) => ({ id: s.id, values: cumulative(wip[i]!) }));
    let total = new Array<number>(D).fill(0);
    if (conv !== null) total = cumulative(convWip);
    else for (const s of wipSteps) for (let d = 0; d < D; d++) total[d]! += s.values[d]!;
    // In done order (ties in arrival order); the ISO strings order as their instants do.
    const order = ascendingOrder(pDone);
    // A plain loop: Array.from over a typed array with a map function took ~4 ms a column at 40,000 points.
    const inOrder = <T>(col: T[]): T[] => {
      const out = new Array<T>(order.length);
      for (let j = 0; j < order.length; j++) out[j] = col[order[j]!]!;
      return out;
    };
    const points: FlowSeries['scatter']['points'] = {
      key: inOrder(pKey),
      type: inOrder(pType),
      done: inOrder(pDone).map((t) => isoOf(t)),
      day: inOrder(pDay),
      cycleTimeHours: inOrder(pCycle),
      leadTimeHours: inOrder(pLead),
    };
    aging.sort((a, b) => b.ageHours - a.ageHours);
    const beyond = (age: number) => (cycles.length === 0 ? null : age > cyclePct.p95 ? 'p95' : age > cyclePct.p85 ? 'p85' : age > cyclePct.p50 ? 'p50' : null);
    const agingItems: FlowSeries['aging']['items'] = {
      key: aging.map((x) => x.key),
      type: aging.map((x) => x.type),
      status: aging.map((x) => x.status),
      stepId: aging.map((x) => (x.step >= 0 ? binding.steps[x.step]!.id : null)),
      started: aging.map((x) => new Date(x.start).toISOString()),
      ageHours: aging.map((x) => x.ageHours),
      beyond: aging.map((x) => beyond(x.ageHours)),
    };
    // Per step: how many, the oldest, and how many are past the p85 (one pass over the rows).
    const agingSteps = binding.steps.map((s) => ({ id: s.id, count: 0, oldestHours: 0, beyondP85: 0 }));
    for (let r = 0; r < aging.length; r++) {
      const st = aging[r]!.step;
      if (st < 0) continue;
      const a = agingSteps[st]!;
      a.count++;
      a.oldestHours = Math.max(a.oldestHours, agingItems.ageHours[r]!);
      const b = agingItems.beyond[r];
      if (b === 'p85' || b === 'p95') a.beyondP85++;
    }
    return {
      asOf: new Date(asOf).toISOString(),
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      durations: durationBasis(clock.calendar),
      days: grid.dates.slice(0, D),
      sampledAt: Array.from(T, (t) => new Date(t).toISOString()),
      cfd: {
        steps: binding.steps.map((s, i) => ({ id: s.id, name: s.name, arrivals: cumulative(arr[i]!), departures: cumulative(dep[i]!) })),
        done: cumulative(doneDiff),
      },
      wipRun: { total, steps: wipSteps },
      throughputWeekly: weeks,
      throughputDaily: daily,
      scatter: { points, cycleTimeHours: cyclePct },
      aging: { cycleTimeHours: cyclePct, items: agingItems, steps: agingSteps },
      ...(conv !== null ? { convention: seriesConvention(conv) } : {}),
    };
  }

  return { addFacts, result };
}
