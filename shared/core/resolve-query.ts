// A metrics query made concrete once for every metrics method: its map and binding, asOf, window,
// duration clock (elapsed or a working calendar) and item filter, with the window checked.
import type { MetricsQuery } from '../contract/contract.ts';
import { FlowmapError } from '../domain/errors.ts';
import type { MapDoc } from '../domain/map.ts';
import { bindMap, type Binding } from '../metrics/binding.ts';
import type { ConventionName } from '../metrics/convention-names.ts';
import { ELAPSED, workingClock, type DurationClock, type WorkingCalendar } from '../metrics/calendar.ts';
import { getMap, latestMapId } from '../store/map-repo.ts';
import type { CoreContext } from './context.ts';

export interface Resolved {
  map: (MapDoc & { id: number }) | null;
  binding: Binding;
  asOf: number;
  from: number | undefined;
  to: number | undefined;
  clock: DurationClock;
  filter: { types?: string[]; label?: string; createdBefore: number };
  /** The convention figures follow: the query's, else the map's, else flowmap. */
  convention: ConventionName;
}

const EMPTY_BINDING: Binding = { steps: [], roles: new Map(), done: new Set() };

export function instant(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}

/** Map, window, calendar and filter of a query, checked once for every metrics method. */
export function resolve(ctx: CoreContext, q: Partial<MetricsQuery>, needMap: boolean): Resolved {
  // Without a mapId: the most recently edited map, as getMap and reportModel (and so every `vsm` command) pick it.
  const mapId = q.mapId ?? latestMapId(ctx.db);
  const map = mapId !== null ? getMap(ctx.db, { id: mapId }) : null;
  if (needMap && map === null) throw new FlowmapError('invalid-input', 'name a map (mapId)');
  const asOf = q.asOf === undefined ? ctx.defaultAsOf() : Date.parse(q.asOf);
  const from = instant(q.from);
  const to = instant(q.to);
  if (from !== undefined && to !== undefined && from >= to) throw new FlowmapError('invalid-input', `window from ${q.from} is not before to ${q.to}`);
  if (from !== undefined && from >= asOf) throw new FlowmapError('invalid-input', `window from ${q.from} is not before asOf ${new Date(asOf).toISOString()}`);
  const filter = { types: q.types, label: q.label, createdBefore: asOf };
  const calendar: WorkingCalendar | null = q.calendar === undefined ? (map?.calendar ?? null) : q.calendar;
  let clock = ELAPSED;
  if (calendar !== null) {
    const lo = ctx.timelines.earliestCreated(filter) ?? asOf;
    try {
      clock = workingClock(calendar, Math.min(lo, from ?? lo), asOf);
    } catch (e) {
      throw new FlowmapError('invalid-input', `calendar: ${(e as Error).message}`);
    }
  }
  const convention = q.convention ?? map?.convention ?? 'flowmap';
  return { map, binding: map ? bindMap(map) : EMPTY_BINDING, asOf, from, to, clock, filter, convention };
}

/**
 * Everything a figure of a resolved query depends on besides the items (map, binding, asOf, window, filter,
 * calendar, and whatever a later field adds), as a string: the whole object, Maps and Sets as arrays.
 */
export function resolvedKey(r: Resolved): string {
  return JSON.stringify(r, (_k, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v === undefined ? null : v));
}
