// Pure shaping of the core's flowSeries for drawing: no React, no DOM, so it is cheap to memoise per series.
import { rowAt, rowCount } from '../../../shared/domain/column-table.ts';
import type { AgingRow, FlowSeries, ScatterPoint } from '../../../shared/metrics/series.ts';

const HOURS_PER_DAY = 24;

/** "2026-03-14" → that date at UTC midnight (labels then read the series' own local dates). */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * An ISO instant as the core writes it (`toISOString`: "2026-03-14T09:26:53.589Z") in ms since the epoch,
 * from its digits; anything else through Date.parse. Date.parse was most of the scatter's first draw of a
 * new selection (40,000 instants); this reads the fixed positions and counts days from the civil date.
 */
export function isoMs(s: string): number {
  if (s.length !== 24 || s.charCodeAt(10) !== 84 || s.charCodeAt(23) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(19) !== 46) return Date.parse(s);
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  const time = (digit(s, 11) * 10 + digit(s, 12)) * 3_600_000 + (digit(s, 14) * 10 + digit(s, 15)) * 60_000 + (digit(s, 17) * 10 + digit(s, 18)) * 1000;
  const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22);
  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil: years from March).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  return days * 86_400_000 + time + ms;
}

export interface CfdLayer {
  /** Step id, or "done". */
  id: string;
  name: string;
  /** The layer's own count per day (the band's thickness). */
  values: number[];
}

/**
 * CFD layers bottom-up: done, then the steps in reverse flow order, so reading top-down follows the flow
 * (first step on top, done at the bottom). Each step's layer is its WIP on the day (arrivals − departures),
 * so once stacked, the top edge of a step's band is the cumulative count of arrivals to it or any later stage.
 */
export function cfdLayers(series: FlowSeries): CfdLayer[] {
  const steps = series.cfd.steps;
  return [
    { id: 'done', name: 'Done', values: series.cfd.done },
    ...steps.map((s) => ({ id: s.id, name: s.name, values: s.arrivals.map((a, d) => a - s.departures[d]!) })).reverse(),
  ];
}

/** The stacked height per day: the top edge of the chart. */
export function stackedTotals(layers: { values: ArrayLike<number> }[], days: number): number[] {
  const total = new Array<number>(days).fill(0);
  for (const l of layers) for (let d = 0; d < days; d++) total[d]! += l.values[d]!;
  return total;
}

/**
 * The scatter's dots as columns: the completed items that have a cycle time (items that never entered a
 * started step have none and are not plotted), in the series' order. Typed arrays instead of an object and a
 * Date per dot: at 50,000 items those were most of the garbage a filter change left for the collector.
 */
export interface ScatterDots {
  n: number;
  /** Done instant, ms since the epoch (a time scale reads it as it reads a Date). */
  done: Float64Array;
  cycleDays: Float64Array;
  /** The series point behind dot i (key, type, done as the core wrote it). */
  point(i: number): ScatterPoint;
}

// By series object: a filter toggled back gets the series it had from the client (a 304), and its dots again.
const dotsOf = new WeakMap<FlowSeries, ScatterDots>();

export function scatterDots(series: FlowSeries): ScatterDots {
  const known = dotsOf.get(series);
  if (known) return known;
  const dots = dotsFor(series);
  dotsOf.set(series, dots);
  return dots;
}

function dotsFor(series: FlowSeries): ScatterDots {
  const points = series.scatter.points;
  const cycles = points.cycleTimeHours;
  const n0 = cycles.length;
  const index = new Int32Array(n0);
  const done = new Float64Array(n0);
  const cycleDays = new Float64Array(n0);
  let n = 0;
  for (let i = 0; i < n0; i++) {
    const c = cycles[i]!;
    if (c === null) continue;
    index[n] = i;
    done[n] = isoMs(points.done[i]!);
    cycleDays[n] = c / HOURS_PER_DAY;
    n++;
  }
  return { n, done: done.subarray(0, n), cycleDays: cycleDays.subarray(0, n), point: (i) => rowAt(points, index[i]!) };
}

export type AgingItem = AgingRow;

/** The aging chart's column for items whose current status is on no step of the map (e.g. "Won't Do"). */
export const OFF_MAP = '__off_map__';

/**
 * Unfinished items per map step, in flow order, and the items whose current status is on no step of the
 * map: those get their own column after the steps (their ages are often most of the window, and the team
 * should see them, apart from the columns it acts on).
 */
export function agingColumns(series: FlowSeries): { columns: Array<{ id: string; name: string; items: AgingItem[] }>; offMap: AgingItem[] } {
  const columns = series.cfd.steps.map((s) => ({ id: s.id, name: s.name, items: [] as AgingItem[] }));
  const index = new Map(columns.map((c, i) => [c.id, i]));
  const offMap: AgingItem[] = [];
  const items = series.aging.items;
  for (let r = 0, n = rowCount(items); r < n; r++) {
    const item = rowAt(items, r);
    const i = item.stepId === null ? undefined : index.get(item.stepId);
    if (i === undefined) offMap.push(item);
    else columns[i]!.items.push(item);
  }
  return { columns, offMap };
}

/** A stable pseudo-random offset in [-0.5, 0.5) from an item key, so dots do not jump between renders. */
export function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 1000) / 1000 - 0.5;
}

export const hoursToDays = (h: number) => h / HOURS_PER_DAY;
