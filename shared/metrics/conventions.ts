// Named conventions (issue 14): the choices other flow tools make for start, done, day counting and
// percentiles, applied to one item history so a team switching tools sees its old numbers and why they
// differ. Browser-safe and pure; the core feeds it each item's status changes as stored.
//
// References (read to learn each tool's definition; no code taken from them):
//  - jirametrics: lib/jirametrics/cycletime_config.rb (`cycletime`: (stop.to_date − start.to_date) + 1;
//    a start at the very instant of the stop counts as never started), the standard project's
//    start_at/stop_at `first_time_in_status…` rules (lib/jirametrics/examples/standard_project.rb).
//  - jira-agile-metrics: jira_agile_metrics/calculators/cycletime.py (keep the first time an item entered each
//    cycle step, wipe the later steps' timestamps when it moves backwards, ignore unknown statuses, cycle time
//    = first complete − first accepted), cycletime_test.py (timestamps truncated to dates; a skipped step takes
//    the next step's date), calculators/percentiles.py (pandas `quantile`: linear interpolation, R-7).
//  - ActionableAgile: its stage-date CSV, as Flowmap's own importer reads it (shared/importers/csv-stages.ts):
//    the date an item first entered each column, a blank column filled from the next one, backward moves not
//    recorded, and elapsed days = date difference + 1.
import { quantileSorted } from 'd3';
import { toCsv } from '../domain/csv.ts';
import { z } from 'zod';
import type { Binding } from './binding.ts';
import { CONVENTION_NAMES, type ConventionName } from './convention-names.ts';
import { localDate } from './calendar.ts';

export { CONVENTION_NAMES, type ConventionName };
export const ConventionNameSchema = z.enum(CONVENTION_NAMES);

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface ConventionChoice {
  topic: 'start' | 'done' | 'duration' | 'percentile' | 'backward moves' | 'time zone' | 'age' | 'wip';
  rule: string;
  reference: string;
}

export interface ConventionInfo {
  name: ConventionName;
  label: string;
  unit: 'hours' | 'days';
  /** One line for a tooltip or a footnote: what a cycle time means under this convention. */
  summary: string;
  choices: ConventionChoice[];
}

export const CONVENTIONS: Record<ConventionName, ConventionInfo> = {
  flowmap: {
    name: 'flowmap',
    label: 'Flowmap',
    unit: 'hours',
    summary: 'exact elapsed hours from the first entry into a mapped status to the last entry into a done status (still done), R-7 percentiles',
    choices: [
      {
        topic: 'start',
        rule: 'first entry into any status bound to a step of the map',
        reference: 'Flowmap metrics contract (README, shared/metrics/item-timeline.ts)',
      },
      {
        topic: 'done',
        rule: 'start of the final run of done statuses, while the item is done at as-of (a reopened item is not done)',
        reference: 'Flowmap metrics contract',
      },
      { topic: 'duration', rule: 'exact elapsed hours (or working hours with a calendar)', reference: 'Flowmap metrics contract' },
      { topic: 'percentile', rule: 'linear interpolation between closest ranks (R-7, d3.quantile)', reference: 'Hyndman & Fan (1996) type 7' },
      { topic: 'age', rule: 'exact elapsed time from the start to as-of', reference: 'Flowmap metrics contract (shared/metrics/series.ts)' },
      { topic: 'wip', rule: 'every visit to a mapped step, at the end of each local day', reference: 'Flowmap metrics contract (shared/metrics/series.ts)' },
    ],
  },
  jirametrics: {
    name: 'jirametrics',
    label: 'jirametrics',
    unit: 'days',
    summary: "whole calendar days counting both ends in the map's time zone (same day = 1 day), start and stop at the first entry, percentile at index ⌊n·p⌋",
    choices: [
      {
        topic: 'start',
        rule: 'first entry into a status bound to the map; a start at the same instant as the stop counts as never started',
        reference: 'jirametrics lib/jirametrics/cycletime_config.rb (started_stopped_changes)',
      },
      {
        topic: 'done',
        rule: 'first entry into a done status, even if the item was reopened later',
        reference: 'jirametrics standard_project.rb (stop_at first_time_in_status_category done)',
      },
      {
        topic: 'duration',
        rule: 'stop date − start date + 1, local calendar dates in the time zone',
        reference: 'jirametrics cycletime_config.rb (cycletime: (stop.to_date − start.to_date).to_i + 1)',
      },
      {
        topic: 'percentile',
        rule: 'the value at index ⌊n × p⌋ of the sorted cycle times (p85 of 20 items is the 18th)',
        reference: 'jirametrics lib/jirametrics/cycletime_scatterplot.rb percentile_value; spec/cycletime_scatterplot_spec.rb',
      },
      { topic: 'age', rule: 'as-of date − start date + 1', reference: 'jirametrics lib/jirametrics/cycletime_config.rb (age)' },
      {
        topic: 'wip',
        rule: 'every date from the start date to the stop date, both included; an item stopped without a start counts from its creation',
        reference: 'jirametrics lib/jirametrics/daily_wip_chart.rb (group_issues_by_active_dates)',
      },
    ],
  },
  'jira-agile-metrics': {
    name: 'jira-agile-metrics',
    label: 'jira-agile-metrics',
    unit: 'days',
    summary:
      'whole days between the local dates of the first committed step and done (no +1); a backward move erases the later steps, so start becomes the last entry',
    choices: [
      {
        topic: 'start',
        rule: 'date of the first mapped step (the committed step), or of the next step the item reached when it skipped it',
        reference: 'jira-agile-metrics calculators/cycletime.py; cycletime_test.py (test_movement_skipped_columns)',
      },
      {
        topic: 'backward moves',
        rule: 'a move back to a step erases the dates of every later step; re-entering them sets new dates; changes to unmapped statuses are ignored',
        reference: 'jira-agile-metrics calculators/cycletime.py ("Wipe any subsequent dates")',
      },
      { topic: 'done', rule: 'the date the item entered a done status after its last backward move', reference: 'jira-agile-metrics calculators/cycletime.py' },
      {
        topic: 'duration',
        rule: 'done date − committed date in whole days (no +1)',
        reference: 'jira-agile-metrics cycletime_test.py (Committed 2018-01-03, Done 2018-01-06: 3 days)',
      },
      {
        topic: 'time zone',
        rule: "each change counts on the local date written in the source (the UTC offset the importer kept, migration 007); the map's time zone where the source had none",
        reference: 'jira-agile-metrics querymanager.py iter_changes (change dates: dateutil.parser.parse(created, ignoretz=True))',
      },
      { topic: 'percentile', rule: 'linear interpolation (pandas quantile, R-7)', reference: 'jira-agile-metrics calculators/percentiles.py' },
      { topic: 'age', rule: 'as-of date − committed date (no +1)', reference: 'jira-agile-metrics calculators/ageingwip.py; ageingwip_test.py' },
      {
        topic: 'wip',
        rule: 'per day, items committed by that date minus items done by it (the done date not counted)',
        reference: 'jira-agile-metrics calculators/wip.py, cfd.py; wip_test.py',
      },
    ],
  },
  'actionable-agile': {
    name: 'actionable-agile',
    label: 'ActionableAgile',
    unit: 'days',
    summary:
      'calendar days from the first entry into the first column to the first entry into done, counting both ends; backward moves ignored; nearest-rank percentiles',
    choices: [
      {
        topic: 'start',
        rule: 'first entry into the first mapped column, or into the next column the item reached when it skipped it',
        reference: 'ActionableAgile stage-date CSV (shared/importers/csv-stages.ts)',
      },
      { topic: 'backward moves', rule: 'not recorded: each column keeps the date the item first entered it', reference: 'ActionableAgile stage-date CSV' },
      { topic: 'done', rule: 'first entry into a done status', reference: 'ActionableAgile stage-date CSV' },
      {
        topic: 'duration',
        rule: 'done date − start date + 1 (an item started and finished the same day is 1 day)',
        reference: 'ActionableAgile cycle time in days',
      },
      {
        topic: 'percentile',
        rule: 'nearest rank: p of the items finished in this many days or fewer',
        reference: 'ActionableAgile scatterplot percentile lines',
      },
      { topic: 'age', rule: 'as-of date − start date + 1, as its cycle time counts', reference: 'ActionableAgile stage-date CSV (days = date difference + 1)' },
      {
        topic: 'wip',
        rule: 'every date from the start date to the done date, both included',
        reference: 'ActionableAgile stage-date CSV (days = date difference + 1)',
      },
    ],
  },
};

/** An item's status changes as stored (instant order). */
export interface ItemChanges {
  createdAt: number;
  initialStatus: string | null;
  count: number;
  at: ArrayLike<number>;
  from: ArrayLike<string | null>;
  to: ArrayLike<string>;
  /** Each change's source UTC offset in minutes (null or NaN: none); absent when not known. */
  offsetMin?: ArrayLike<number | null>;
}

/** The status an item had when it was created: the first change's from-status, else its initial status. */
const statusAtCreation = (item: ItemChanges): string | null => (item.count > 0 ? item.from[0]! : item.initialStatus);

/** Why an item's figure under one convention differs from another's. */
export type DifferenceRule =
  | 'both-ends-counted'
  | 'whole-dates'
  | 'backward-move-erased-start'
  | 'first-done-kept'
  | 'reopened-not-done'
  | 'same-instant-not-started'
  | 'skipped-step-filled'
  | 'not-started'
  | 'source-local-date';

export const DIFFERENCE_TEXT: Record<DifferenceRule, string> = {
  'both-ends-counted': 'both ends counted: +1 day (a same-day item is 1 day)',
  'whole-dates': 'whole local dates instead of exact elapsed time',
  'backward-move-erased-start': 'a backward move erased the earlier start: the start is the last entry',
  'first-done-kept': 'done at the first entry into done (the item was reopened and finished again later)',
  'reopened-not-done': 'reopened and not done again: not completed under this convention',
  'same-instant-not-started': 'started at the very instant it was done: counted as never started',
  'skipped-step-filled': 'the first step was skipped: its date is taken from the next step reached',
  'not-started': 'never entered a mapped status before done',
  'source-local-date': 'each change counted on the local date written in the source (its UTC offset), not in the map time zone',
};

export interface ConventionItem {
  /** The instants the convention counts from and to (ms); null when it has none. */
  start: number | null;
  done: number | null;
  /** Cycle and lead time in the convention's unit (hours or days); null when not completed or not started. */
  cycle: number | null;
  lead: number | null;
  /** What this convention did with the item that another might not. */
  rules: DifferenceRule[];
  /** The local date (YYYY-MM-DD) the convention counts the item done on (its throughput day); null when not done. */
  doneDate?: string | null;
  /** Age at asOf of an item started and not done, in the convention's unit (given asOf); null otherwise. */
  age?: number | null;
}

/** Local date of an instant as a whole day number (days since 1970-01-01 in local time). */
function dayNumber(timeZone: string, t: number): number {
  const { y, m, d } = localDate(timeZone, t);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

interface Entries {
  /** Per stage (mapped steps in flow order, then done as the last stage): instants of every entry. */
  entries: number[][];
  /** Instant of the last entry into a done status, when the item is done at the end of its history. */
  lastDoneRun: number | null;
}

/** Each entry into each stage, with the initial status counted as an entry at creation. */
function stageEntries(item: ItemChanges, binding: Binding): Entries {
  const n = binding.steps.length;
  const stageOf = (status: string | null): number => {
    if (status === null) return -1;
    if (binding.done.has(status)) return n;
    const role = binding.roles.get(status);
    return role && role.step >= 0 ? role.step : -1;
  };
  const entries: number[][] = Array.from({ length: n + 1 }, () => []);
  let prev = -1;
  let doneRun: number | null = null;
  const enter = (stage: number, t: number) => {
    if (stage >= 0 && stage !== prev) entries[stage]!.push(t);
    if (stage === n && prev !== n) doneRun = t;
    if (stage !== n) doneRun = null;
    prev = stage;
  };
  enter(stageOf(statusAtCreation(item)), item.createdAt);
  for (let i = 0; i < item.count; i++) enter(stageOf(item.to[i]!), Math.max(item.at[i]!, item.createdAt));
  return { entries, lastDoneRun: doneRun };
}

/** jira-agile-metrics' stage dates: first entry kept, later stages wiped on every move back, unmapped changes ignored.
 * Each date is the instant and the source offset it was written with (null: none kept). */
function wipedStageDates(item: ItemChanges, binding: Binding): { t: (number | null)[]; offset: (number | null)[] } {
  const n = binding.steps.length;
  const dates: (number | null)[] = new Array(n + 1).fill(null);
  const offsets: (number | null)[] = new Array(n + 1).fill(null);
  const stageOf = (status: string): number => (binding.done.has(status) ? n : (binding.roles.get(status)?.step ?? -1));
  const visit = (status: string | null, t: number, offset: number | null) => {
    if (status === null) return;
    const stage = stageOf(status);
    if (stage < 0) return;
    if (dates[stage] === null) {
      dates[stage] = t;
      offsets[stage] = offset;
    }
    for (let k = stage + 1; k <= n; k++) dates[k] = null;
  };
  // Only change dates drop their offset there (created is parsed with it): creation counts in the map's zone.
  visit(statusAtCreation(item), item.createdAt, null);
  for (let i = 0; i < item.count; i++) visit(item.to[i]!, Math.max(item.at[i]!, item.createdAt), offsetAt(item, i));
  return { t: dates, offset: offsets };
}

/** Change i's source offset in minutes, null when the source had none (or the item has no changes). */
function offsetAt(item: ItemChanges, i: number): number | null {
  if (!item.offsetMin || i >= item.count) return null;
  const v = item.offsetMin[i];
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

/** The first dated stage from `from` on: a skipped first step takes the next reached step's date. */
function firstDated(dates: (number | null)[], from: number, upTo: number): { t: number | null; filled: boolean } {
  for (let k = from; k < upTo; k++) if (dates[k] !== null) return { t: dates[k]!, filled: k !== from };
  return { t: null, filled: false };
}

/**
 * One item under one convention. `flowmap` takes the walker's start/done (the metrics contract); the others
 * are computed from the raw changes. Instants after asOf are not in `item` (the caller cuts them).
 */
export function itemUnderConvention(
  convention: ConventionName,
  item: ItemChanges,
  binding: Binding,
  opts: { timeZone: string; startStage?: number; asOf?: number; flowmap: { start: number | null; done: number | null; w?: (t: number) => number } },
): ConventionItem {
  const v = underConvention(convention, item, binding, opts);
  const isoDay = (dn: number) => new Date(dn * DAY_MS).toISOString().slice(0, 10);
  if (v.done !== null) v.doneDate = isoDay(v.doneDay ?? dayNumber(opts.timeZone, v.done));
  else v.doneDate = null;
  const { asOf } = opts;
  if (asOf === undefined || v.done !== null || v.start === null) v.age = null;
  else if (convention === 'flowmap') {
    const w = opts.flowmap.w ?? ((t: number) => t);
    v.age = (w(asOf) - w(v.start)) / HOUR_MS;
  } else {
    // An unfinished item's age counts as its cycle time would if it were done at asOf.
    const d = dayNumber(opts.timeZone, asOf) - dayNumber(opts.timeZone, v.start);
    v.age = convention === 'jira-agile-metrics' ? d : d + 1;
  }
  delete v.doneDay;
  return v;
}

function underConvention(
  convention: ConventionName,
  item: ItemChanges,
  binding: Binding,
  opts: { timeZone: string; startStage?: number; flowmap: { start: number | null; done: number | null; w?: (t: number) => number } },
): ConventionItem & { doneDay?: number } {
  const rules: DifferenceRule[] = [];
  const n = binding.steps.length;
  // The commitment point: the step the other tools count from (their start status or column).
  const s0 = Math.min(Math.max(opts.startStage ?? 0, 0), n);
  if (convention === 'flowmap') {
    const { start, done } = opts.flowmap;
    const w = opts.flowmap.w ?? ((t: number) => t);
    return {
      start,
      done,
      cycle: start !== null && done !== null ? (w(done) - w(start)) / HOUR_MS : null,
      lead: done !== null ? (w(done) - w(item.createdAt)) / HOUR_MS : null,
      rules,
    };
  }
  const days = (a: number, b: number) => dayNumber(opts.timeZone, b) - dayNumber(opts.timeZone, a);
  if (convention === 'jira-agile-metrics') {
    const { t: dates, offset } = wipedStageDates(item, binding);
    const done = dates[n] ?? null;
    // Unfinished: the start among the steps reached (for its age); done: a skipped step takes the next date, done included.
    const { t: start, filled } = done === null ? { ...firstDated(dates, s0, n), filled: false } : firstDated(dates, s0, n + 1);
    if (filled) rules.push(start === done ? 'not-started' : 'skipped-step-filled');
    const firstEntries = stageEntries(item, binding);
    const firstStart = firstEntries.entries
      .slice(s0, n)
      .flat()
      .reduce<number | null>((a, t) => (a === null || t < a ? t : a), null);
    if (start !== null && firstStart !== null && start > firstStart) rules.push('backward-move-erased-start');
    if (done !== null) rules.push('whole-dates');
    // It reads the date as written in the source (its offset dropped): the local date there, else the map's zone.
    const sourceDay = (t: number, off: number | null) => (off === null ? dayNumber(opts.timeZone, t) : Math.floor((t + off * 60_000) / DAY_MS));
    const offsetOf = (t: number) => offset[dates.indexOf(t)] ?? null;
    const shifted = (t: number | null) => t !== null && sourceDay(t, offsetOf(t)) !== dayNumber(opts.timeZone, t);
    if (done !== null && (shifted(done) || shifted(start))) rules.push('source-local-date');
    const dd = done === null ? null : sourceDay(done, offsetOf(done));
    const createdDay = dayNumber(opts.timeZone, item.createdAt);
    return {
      start,
      done,
      cycle: start !== null && dd !== null ? dd - sourceDay(start, offsetOf(start)) : null,
      lead: dd !== null ? dd - createdDay : null,
      rules,
      ...(dd !== null ? { doneDay: dd } : {}),
    };
  }
  const { entries } = stageEntries(item, binding);
  const firstDone = entries[n]![0] ?? null;
  if (convention === 'jirametrics') {
    const mapped = entries.slice(s0, n).flat();
    let start = mapped.length > 0 ? Math.min(...mapped) : null;
    if (start !== null && firstDone !== null && start >= firstDone) start = null;
    if (start !== null && start === firstDone) {
      start = null;
      rules.push('same-instant-not-started');
    }
    if (firstDone !== null && start === null && !rules.includes('same-instant-not-started')) rules.push('not-started');
    if (firstDone !== null && opts.flowmap.done !== firstDone) rules.push(opts.flowmap.done === null ? 'reopened-not-done' : 'first-done-kept');
    if (firstDone !== null && start !== null) rules.push('both-ends-counted', 'whole-dates');
    return {
      start,
      done: firstDone,
      cycle: start !== null && firstDone !== null ? days(start, firstDone) + 1 : null,
      lead: firstDone !== null ? days(item.createdAt, firstDone) + 1 : null,
      rules,
    };
  }
  // actionable-agile: each column keeps its first entry, a skipped column takes the next column's date.
  const first = entries.map((e) => e[0] ?? null);
  const done = first[n] ?? null;
  const { t: start, filled } = done === null ? { ...firstDated(first, s0, n), filled: false } : firstDated(first, s0, n + 1);
  if (filled) rules.push(start === done ? 'not-started' : 'skipped-step-filled');
  if (done !== null && opts.flowmap.done !== done) rules.push(opts.flowmap.done === null ? 'reopened-not-done' : 'first-done-kept');
  if (done !== null && start !== null) rules.push('both-ends-counted', 'whole-dates');
  return {
    start,
    done,
    cycle: start !== null && done !== null ? days(start, done) + 1 : null,
    lead: done !== null ? days(item.createdAt, done) + 1 : null,
    rules,
  };
}

/** Nearest rank: the smallest value with at least p of the values at or below it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * jirametrics' percentile lines: the value at index ⌊n·p⌋ of the sorted values (capped at the last), so p85 of
 * 1…19, 500 is 18 and p90 of 1…18, 18.4, 500 is 18.4 (spec/cycletime_scatterplot_spec.rb, #percentile_value).
 */
export function floorIndexPercentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  // p as a whole percent first, as jirametrics takes it (integer division of n × percent by 100).
  const index = Math.min(Math.floor((sorted.length * Math.round(p * 100)) / 100), sorted.length - 1);
  return sorted[index]!;
}

export function conventionPercentile(convention: ConventionName, sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  if (convention === 'jirametrics') return floorIndexPercentile(sorted, p);
  return convention === 'actionable-agile' ? nearestRank(sorted, p) : quantileSorted(sorted as unknown as number[], p)!;
}

const Pct = z.object({ p50: z.number(), p85: z.number(), p95: z.number() });

export const ConventionFiguresSchema = z.object({
  convention: ConventionNameSchema,
  label: z.string(),
  unit: z.enum(['hours', 'days']),
  summary: z.string(),
  choices: z.array(z.object({ topic: z.string(), rule: z.string(), reference: z.string() })),
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  timeZone: z.string(),
  /** Items completed in the window under this convention's done rule, and those of them with a start. */
  done: z.number().int(),
  withCycleTime: z.number().int(),
  cycleTime: Pct,
  leadTime: Pct,
});
export type ConventionFigures = z.infer<typeof ConventionFiguresSchema>;

export const ConventionItemRowSchema = z.object({
  key: z.string(),
  title: z.string().nullable(),
  a: z.object({ start: z.string().nullable(), done: z.string().nullable(), cycle: z.number().nullable(), lead: z.number().nullable() }),
  b: z.object({ start: z.string().nullable(), done: z.string().nullable(), cycle: z.number().nullable(), lead: z.number().nullable() }),
  /** b's cycle time − a's, in days (hours converted), null when either has none. */
  differenceDays: z.number().nullable(),
  rules: z.array(z.object({ convention: ConventionNameSchema, rule: z.string(), text: z.string() })),
});

export const ConventionComparisonSchema = z.object({
  a: ConventionNameSchema,
  b: ConventionNameSchema,
  /** The same figures under every convention, side by side. */
  figures: z.array(ConventionFiguresSchema),
  /** Items completed under a or b, largest |difference| first (items done under only one come first). */
  items: z.array(ConventionItemRowSchema),
  totalItems: z.number().int(),
});
export type ConventionComparison = z.infer<typeof ConventionComparisonSchema>;

/** A convention value as hours for a chart's hour-based fields: days × 24 (one whole day = 24 h on the axis). */
export const asHours = (convention: ConventionName, v: number | null): number | null =>
  v === null ? null : CONVENTIONS[convention].unit === 'hours' ? v : v * 24;

/** Converts a convention value to days, for comparing an hours convention with a days one. */
export const inDays = (convention: ConventionName, v: number | null): number | null =>
  v === null ? null : CONVENTIONS[convention].unit === 'hours' ? v / 24 : v;

/** Each item under both conventions, with the rules that differ; cells starting with = + - @ are neutralised. */
export function conventionComparisonCsv(c: ConventionComparison): string {
  const unit = (x: ConventionName) => (CONVENTIONS[x].unit === 'hours' ? 'hours' : 'days');
  const fields = [
    'key',
    `${c.a}_start`,
    `${c.a}_done`,
    `${c.a}_cycle_${unit(c.a)}`,
    `${c.a}_lead_${unit(c.a)}`,
    `${c.b}_start`,
    `${c.b}_done`,
    `${c.b}_cycle_${unit(c.b)}`,
    `${c.b}_lead_${unit(c.b)}`,
    'difference_days',
    'rules',
  ];
  const data = c.items.map((r) => [
    r.key,
    r.a.start,
    r.a.done,
    r.a.cycle,
    r.a.lead,
    r.b.start,
    r.b.done,
    r.b.cycle,
    r.b.lead,
    r.differenceDays,
    r.rules.map((x) => `${x.convention}: ${x.text}`).join('; '),
  ]);
  return toCsv(fields, data);
}
