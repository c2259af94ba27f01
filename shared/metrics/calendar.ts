// Working calendars: which instants count towards a duration, and where a day starts. Browser-safe (@date-fns/tz, Intl).
// A working calendar counts whole local days (00:00–24:00 in the team's time zone) that are working days
// and not holidays; every other instant adds nothing. Durations are W(b) − W(a), where W is the working
// time elapsed up to an instant, so a calendar costs one binary search per instant and never changes
// which item or interval a figure is made of: only how long an interval is.
import { TZDate, tzOffset } from '@date-fns/tz';
import { bisectRight } from 'd3';
import { z } from 'zod';
import { DAY_MS } from '../domain/items.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-25');

export const WorkingCalendarSchema = z.object({
  /** IANA time zone (e.g. Europe/Berlin, Asia/Kolkata); days start at local midnight there. */
  timeZone: z.string().min(1).max(100).default('UTC'),
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  /** Local dates that are not worked. */
  holidays: z.array(IsoDate).max(5000).default([]),
  /** Hours in a working day, for showing workshop hours as working days (the ladder's unit switch); default 8. */
  hoursPerDay: z.number().positive().max(24).optional(),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendarSchema>;

import { checkTimeZone } from '../domain/time-zone.ts';

export { checkTimeZone };

// Zone arithmetic is @date-fns/tz's (the IANA rules through Intl): where local midnight does not exist (a
// daylight-saving gap at 00:00, e.g. America/Santiago on 2026-09-06) the day starts at its first instant;
// where it occurs twice (a fall-back at 01:00 to 00:00, e.g. America/Havana) at the earlier one.

/** Offset of `tz` from UTC at instant t, in ms (local wall clock − UTC). */
export function zoneOffset(tz: string, t: number): number {
  return tzOffset(tz, new Date(t)) * 60_000;
}

/** The instant the local date y-m-d (m 1-based) starts in `tz`: its local midnight, or its first instant. */
export function localMidnight(tz: string, y: number, m: number, d: number): number {
  return +new TZDate(y, m - 1, d, tz);
}

/** Local calendar date (y, m, d, ISO weekday) of instant t in `tz`. */
export function localDate(tz: string, t: number): { y: number; m: number; d: number; weekday: number } {
  const z = new TZDate(t, tz);
  const day = z.getDay();
  return { y: z.getFullYear(), m: z.getMonth() + 1, d: z.getDate(), weekday: day === 0 ? 7 : day };
}

/** YYYY-MM-DD of instant t in `tz`. */
export function localIsoDate(tz: string, t: number): string {
  const { y, m, d } = localDate(tz, t);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Index of the last element ≤ t in a sorted array (−1 when none). */
export function floorIndex(xs: ArrayLike<number>, t: number): number {
  return bisectRight(xs, t) - 1;
}

export interface DayGrid {
  /** Local midnights, ascending: day k is [starts[k], starts[k+1]). One more entry than days. */
  starts: Float64Array;
  /** YYYY-MM-DD of each day. */
  dates: string[];
  weekdays: Uint8Array;
}

// Local midnights per zone, by UTC day number of the local date: the zone arithmetic is done once per day
// ever asked for, not once per day per query (a 4-year window is ~1,500 Intl look-ups otherwise).
const midnights = new Map<string, Map<number, number>>();
const MAX_CACHED_DAYS = 400_000;

function cachedMidnight(tz: string, y: number, m: number, d: number): number {
  let zone = midnights.get(tz);
  if (zone === undefined) midnights.set(tz, (zone = new Map()));
  const k = Date.UTC(y, m - 1, d) / DAY_MS;
  let t = zone.get(k);
  if (t === undefined) {
    if (zone.size >= MAX_CACHED_DAYS) zone.clear();
    zone.set(k, (t = localMidnight(tz, y, m, d)));
  }
  return t;
}

const recentGrids = new Map<string, DayGrid>();

/**
 * The local days of `tz` that cover [lo, hi] (hi included). Shared: callers read it, never change it. The
 * last few are kept, since every series of a filter change asks for the same days (a year is ~15 ms of zone lookups).
 */
export function dayGrid(tz: string, lo: number, hi: number): DayGrid {
  const key = `${tz}|${lo}|${hi}`;
  const hit = recentGrids.get(key);
  if (hit !== undefined) return hit;
  const grid = computeDayGrid(tz, lo, hi);
  recentGrids.set(key, grid);
  if (recentGrids.size > 8) recentGrids.delete(recentGrids.keys().next().value!);
  return grid;
}

function computeDayGrid(tz: string, lo: number, hi: number): DayGrid {
  const starts: number[] = [];
  const dates: string[] = [];
  const weekdays: number[] = [];
  let { y, m, d } = localDate(tz, lo);
  for (;;) {
    const t = cachedMidnight(tz, y, m, d);
    starts.push(t);
    if (t > hi) break;
    const date = new Date(Date.UTC(y, m - 1, d));
    dates.push(date.toISOString().slice(0, 10));
    const wd = date.getUTCDay();
    weekdays.push(wd === 0 ? 7 : wd);
    const next = new Date(Date.UTC(y, m - 1, d) + DAY_MS);
    y = next.getUTCFullYear();
    m = next.getUTCMonth() + 1;
    d = next.getUTCDate();
  }
  return { starts: Float64Array.from(starts), dates, weekdays: Uint8Array.from(weekdays) };
}

export interface DurationClock {
  /** Working time elapsed up to t (ms, arbitrary origin); durations are w(b) − w(a). */
  w(t: number): number;
  calendar: WorkingCalendar | null;
}

export const ELAPSED: DurationClock = { w: (t) => t, calendar: null };

/** A clock for `calendar` valid over [lo, hi] (instants outside count as if their nearest edge day continued). */
export function workingClock(calendar: WorkingCalendar, lo: number, hi: number): DurationClock {
  checkTimeZone(calendar.timeZone);
  const grid = dayGrid(calendar.timeZone, lo - DAY_MS, hi + DAY_MS);
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workingDays);
  const n = grid.dates.length;
  const working = new Uint8Array(n);
  const cum = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    working[k] = workdays.has(grid.weekdays[k]!) && !holidays.has(grid.dates[k]!) ? 1 : 0;
    cum[k + 1] = cum[k]! + (working[k] ? grid.starts[k + 1]! - grid.starts[k]! : 0);
  }
  const first = grid.starts[0]!;
  const last = grid.starts[n]!;
  return {
    calendar,
    w(t) {
      if (t <= first) return working[0] ? t - first : 0;
      if (t >= last) return cum[n]! + (working[n - 1] ? t - last : 0);
      const k = floorIndex(grid.starts, t);
      return cum[k]! + (working[k] ? t - grid.starts[k]! : 0);
    },
  };
}

export function describeCalendar(c: WorkingCalendar | null): string {
  if (c === null) return 'elapsed time (24 h a day, 7 days a week, UTC instants)';
  const names = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const days = [...c.workingDays]
    .sort()
    .map((d) => names[d])
    .join(' ');
  return `working calendar: whole days ${days} in ${c.timeZone}${c.holidays.length ? `, ${c.holidays.length} holiday(s) excluded` : ''}`;
}
