// Every status a workspace's items have been in, with what the binding view shows for it: how many items
// entered it, the Jira status category where one was imported, its place in the typical order, the item-time
// it holds, and how the map binds it. Browser-safe and streaming: the core feeds it every item once.
//
// Definitions:
//  - items: distinct items that were in the status at least once up to asOf (the initial status counts).
//  - hours: item-time held, Σ over items of the elapsed hours spent in the status up to asOf (an item still
//    in it counts to asOf). For an unbound status this is the time no figure of the map measures.
//  - typicalPosition: per item, its statuses in order of first occurrence, each at index / (count − 1) (0 for an
//    item with one status); the mean over the items that had it.
//  - order (1 = first): the typical order of first occurrence, by pairwise majority: a status scores one for
//    every other status it first occurs before in most of the items that had both, minus one for every status
//    it mostly follows (robust where items skip steps or workflows were migrated); ties by typicalPosition.
//    Two statuses no item had both of score nothing against each other: they may be two names for one stage
//    (placing them by position instead split DevLake's "In Development" and "In Progress").
import { z } from 'zod';
import { HOUR_MS } from '../domain/items.ts';
import type { MapDoc } from '../domain/map.ts';

export const BINDING_ROLES = ['active', 'wait', 'done', 'blocked', 'abandoned', 'ignored', 'unbound'] as const;
export type BindingRole = (typeof BINDING_ROLES)[number];

export const StatusBindingSchema = z.object({ role: z.enum(BINDING_ROLES), stepId: z.string().optional() });
export type StatusBinding = z.infer<typeof StatusBindingSchema>;

export const StatusInventoryEntrySchema = z.object({
  status: z.string(),
  /** Where items in it came from (jira, github, csv, demo, …). */
  sources: z.array(z.string()),
  items: z.number().int(),
  /** Items in the status at asOf. */
  itemsNow: z.number().int(),
  /** The Jira status category (new, indeterminate, done) most items now in it carry; null where none was imported. */
  jiraCategory: z.string().nullable(),
  order: z.number().int(),
  typicalPosition: z.number(),
  /** The first instant any item entered it (its creation for an initial status). */
  firstEntered: z.string().nullable(),
  hours: z.number(),
  binding: StatusBindingSchema,
});
export type StatusInventoryEntry = z.infer<typeof StatusInventoryEntrySchema>;

export const StatusInventorySchema = z.object({
  asOf: z.string(),
  mapId: z.number().int().nullable(),
  /** In typical order. */
  statuses: z.array(StatusInventoryEntrySchema),
  totalHours: z.number(),
  /** Item-time held by statuses the map neither binds nor ignores: what no figure measures. */
  unboundHours: z.number(),
  unbound: z.number().int(),
});
export type StatusInventory = z.infer<typeof StatusInventorySchema>;

export interface InventoryItem {
  createdAt: number;
  initialStatus: string | null;
  changes: ReadonlyArray<{ at: number; from: string | null; to: string }>;
}

type BindableMap = Pick<MapDoc, 'steps' | 'doneStatuses'> & Partial<Pick<MapDoc, 'blockedStatuses' | 'abandonedStatuses' | 'ignoredStatuses'>>;

/** How a map binds each status it names; statuses it does not name are absent (unbound). */
export function bindingsOf(map: BindableMap | null): Map<string, StatusBinding> {
  const out = new Map<string, StatusBinding>();
  if (map === null) return out;
  for (const s of map.steps) {
    for (const x of s.activeStatuses) out.set(x, { role: 'active', stepId: s.id });
    for (const x of s.waitStatuses) out.set(x, { role: 'wait', stepId: s.id });
  }
  for (const x of map.doneStatuses) out.set(x, { role: 'done' });
  for (const x of map.blockedStatuses ?? []) out.set(x, { role: 'blocked' });
  for (const x of map.abandonedStatuses ?? []) out.set(x, { role: 'abandoned' });
  for (const x of map.ignoredStatuses ?? []) out.set(x, { role: 'ignored' });
  return out;
}

/** Per-item distinct statuses are capped for the co-occurrence count (an item with hundreds is noise). */
const MAX_PAIR_STATUSES = 60;

export function createInventoryAccumulator(asOf: number) {
  const items = new Map<string, number>();
  const now = new Map<string, number>();
  const hours = new Map<string, number>();
  const posSum = new Map<string, number>();
  const first = new Map<string, number>();
  const pairs = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

  function addItem(item: InventoryItem) {
    if (item.createdAt > asOf) return;
    const seq: string[] = [];
    const seen = new Set<string>();
    const enter = (s: string, t: number) => {
      if (!seen.has(s)) {
        seen.add(s);
        seq.push(s);
      }
      const f = first.get(s);
      if (f === undefined || t < f) first.set(s, t);
    };
    let status = item.initialStatus ?? item.changes[0]?.from ?? null;
    let since = item.createdAt;
    if (status !== null) enter(status, since);
    for (const c of item.changes) {
      if (c.at > asOf) break;
      const t = Math.max(c.at, item.createdAt);
      if (status !== null) add(hours, status, (t - since) / HOUR_MS);
      status = c.to;
      since = t;
      enter(status, t);
    }
    if (status !== null) {
      add(hours, status, (asOf - since) / HOUR_MS);
      add(now, status, 1);
    }
    const last = seq.length - 1;
    seq.forEach((s, i) => {
      add(items, s, 1);
      add(posSum, s, last > 0 ? i / last : 0);
    });
    const capped = seq.length > MAX_PAIR_STATUSES ? seq.slice(0, MAX_PAIR_STATUSES) : seq;
    for (let i = 0; i < capped.length; i++) for (let j = i + 1; j < capped.length; j++) add(pairs, `${capped[i]!}\u0000${capped[j]!}`, 1);
  }

  /** Items that were in both statuses (0: they never meet, so they may be two names for one stage). */
  function together(a: string, b: string): number {
    return before(a, b) + before(b, a);
  }
  /** Items in which `a` first occurred before `b`. */
  function before(a: string, b: string): number {
    return pairs.get(`${a}\u0000${b}`) ?? 0;
  }

  function result(meta: { mapId: number | null; map: BindableMap | null; sources: Map<string, string[]>; categories: Map<string, string> }): StatusInventory {
    const binds = bindingsOf(meta.map);
    const rows = [...items.keys()].map((status) => ({
      status,
      sources: meta.sources.get(status) ?? [],
      items: items.get(status)!,
      itemsNow: now.get(status) ?? 0,
      jiraCategory: meta.categories.get(status) ?? null,
      order: 0,
      typicalPosition: posSum.get(status)! / items.get(status)!,
      firstEntered: first.has(status) ? new Date(first.get(status)!).toISOString() : null,
      hours: hours.get(status) ?? 0,
      binding: binds.get(status) ?? { role: 'unbound' as const },
    }));
    const score = new Map<string, number>();
    for (const a of rows) {
      let x = 0;
      for (const b of rows) if (a !== b) x += Math.sign(before(a.status, b.status) - before(b.status, a.status));
      score.set(a.status, x);
    }
    rows.sort(
      (a, b) =>
        score.get(b.status)! - score.get(a.status)! ||
        a.typicalPosition - b.typicalPosition ||
        (a.firstEntered ?? '').localeCompare(b.firstEntered ?? '') ||
        a.status.localeCompare(b.status),
    );
    rows.forEach((r, i) => (r.order = i + 1));
    let total = 0;
    let unboundHours = 0;
    let unbound = 0;
    for (const r of rows) {
      total += r.hours;
      if (r.binding.role === 'unbound') {
        unboundHours += r.hours;
        unbound++;
      }
    }
    return { asOf: new Date(asOf).toISOString(), mapId: meta.mapId, statuses: rows, totalHours: total, unboundHours, unbound };
  }

  return { add: addItem, together, result };
}
