// The core's per-item timeline cache: the workspace's histories are read from SQLite once (until the items
// change), and each item's walked facts are kept per (binding, asOf, duration clock). A filter change (item
// type, label, window) then re-walks nothing: it selects cached facts and runs the accumulators over them,
// which is what keeps a filter change on 50,000 items / 500,000 changes far below one SQLite scan.
//  - The items: invalidated by the core on every import it runs, and by a stamp (SQLite's data_version for
//    other connections' commits, and the highest row ids) checked on each query.
//  - The facts: the walker's own output (start, done, current status and step, per-step active/wait/blocked,
//    step visits); the share of mapped time inside a window (time-weighted WIP) is recomputed from the visits
//    for each window, exactly as the walker sums it per segment.
import type { Binding } from '../metrics/binding.ts';
import type { DurationClock } from '../metrics/calendar.ts';
import { TimelineWalker, type WalkOptions } from '../metrics/item-timeline.ts';
import type { ScanFilter, ScannedItem } from '../store/store-scan.ts';
import { itemResolutions, itemStamp, loadItemSnapshot, snapshotStatuses, type ItemSnapshot } from '../store/item-snapshot.ts';
import type { Db } from '../store/open-workspace.ts';

/** Cached facts of every item for one (binding, asOf, clock). Null instants are NaN. */
interface FactsTable {
  steps: number;
  start: Float64Array;
  done: Float64Array;
  current: (string | null)[];
  currentStep: Int32Array;
  active: Float64Array;
  wait: Float64Array;
  blocked: Float64Array;
  visitStart: Int32Array;
  vStep: Int32Array;
  vFrom: Float64Array;
  vTo: Float64Array;
}

const MAX_FACT_TABLES = 4;
const MAX_SELECTIONS = 4;

/** The last `max` values computed by key, the most recently used first (the facts tables, the selections). */
function keepRecent<T>(max: number): { get(key: string, compute: () => T): T; clear(): void } {
  let entries: { key: string; value: T }[] = [];
  return {
    get(key, compute) {
      const hit = entries.find((e) => e.key === key);
      if (hit) {
        entries = [hit, ...entries.filter((e) => e !== hit)];
        return hit.value;
      }
      const value = compute();
      entries = [{ key, value }, ...entries].slice(0, max);
      return value;
    },
    clear() {
      entries = [];
    },
  };
}

/** Binding identity for the cache: everything the walker reads (positions and other drawing-only fields left out). */
function bindingKey(b: Binding): string {
  return JSON.stringify(
    {
      steps: b.steps.map((s) => s.id),
      roles: [...b.roles],
      done: [...b.done].sort(),
      rest: Object.entries(b).filter(([k]) => !['steps', 'roles', 'done'].includes(k)),
    },
    (_k, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v].sort() : v),
  );
}

export interface TimelineCache {
  /** Same contract as `scanTimelines`: onItem gets a walker holding the item's facts, valid during the call. */
  scan(binding: Binding, walk: WalkOptions, filter: ScanFilter, onItem: (facts: TimelineWalker, item: ScannedItem) => void, read?: { changes?: boolean }): void;
  /** Earliest creation among the items the filter selects (null when none). */
  earliestCreated(filter: ScanFilter): number | null;
  /**
   * A value derived from the workspace's items (statuses, assignee changes), computed once per snapshot:
   * read again only when the items change, like the timelines themselves. An undefined value is not kept
   * (so `derived(name, () => undefined)` asks whether it is known without computing it).
   */
  derived<T>(name: string, compute: () => T): T;
  /** Each status items entered (or started in), with its distinct item count, most used first (per snapshot). */
  statuses(): { status: string; items: number }[];
  /** Drops everything (the core calls it after each import it runs). */
  invalidate(): void;
  /** For the bench and tests: how many snapshot loads (and of those, from the saved blob) and fact walks have happened. */
  stats(): { loads: number; savedLoads: number; walks: number };
}

export function createTimelineCache(db: Db): TimelineCache {
  let snap: ItemSnapshot | null = null;
  const tables = keepRecent<FactsTable>(MAX_FACT_TABLES);
  const selections = keepRecent<Int32Array>(MAX_SELECTIONS);
  let memo = new Map<string, unknown>();
  let loads = 0;
  let savedLoads = 0;
  let walks = 0;

  function snapshot(): ItemSnapshot {
    if (snap !== null && snap.stamp === itemStamp(db)) return snap;
    snap = loadItemSnapshot(db);
    tables.clear();
    selections.clear();
    memo = new Map();
    loads++;
    if (snap.source === 'saved') savedLoads++;
    return snap;
  }

  // The items a filter selects, as snapshot indices, kept for the last few filters: the four reads of one
  // filter change (figures, series, distributions, forecast) select once. It also keeps the scan loop one
  // shape for every filter: testing the filter inside it deoptimised the loop on the first filter after
  // the unfiltered opening reads (the first Bug filter on 50,000 items scanned 5× slower than the next).
  function selection(s: ItemSnapshot, filter: ScanFilter): Int32Array {
    const types = filter.types && filter.types.length > 0 ? [...new Set(filter.types)].sort() : null;
    const label = filter.label ? filter.label : null;
    const before = filter.createdBefore;
    return selections.get(JSON.stringify([types, label, before ?? null]), () => {
      const typeSet = types === null ? null : new Set(types);
      const out = new Int32Array(s.count);
      let m = 0;
      for (let k = 0; k < s.count; k++) {
        if (typeSet !== null && (s.types[k] === null || !typeSet.has(s.types[k]!))) continue;
        if (label !== null && !s.labels[k]!.includes(label)) continue;
        if (before !== undefined && s.createdAt[k]! > before) continue;
        out[m++] = k;
      }
      return out.slice(0, m);
    });
  }

  // Scratch buffers the walker reads one item's changes from (it indexes from 0).
  let at = new Float64Array(64);
  const from: (string | null)[] = [];
  const to: string[] = [];
  let flags = new Float64Array(32);
  function stage(s: ItemSnapshot, k: number): number {
    const a = s.changeStart[k]!;
    const n = s.changeStart[k + 1]! - a;
    if (n > at.length) at = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      at[i] = s.at[a + i]!;
      from[i] = s.from[a + i]!;
      to[i] = s.to[a + i]!;
    }
    return n;
  }
  function stageFlags(s: ItemSnapshot, k: number): number {
    const a = s.flagStart[k]!;
    const n = s.flagStart[k + 1]! - a;
    if (n * 2 > flags.length) flags = new Float64Array(n * 4);
    for (let i = 0; i < n * 2; i++) flags[i] = s.flagPairs[a * 2 + i]!;
    return n;
  }

  function resolutionsOf(): Map<number, string> {
    let v = memo.get('resolutions') as Map<number, string> | undefined;
    if (v === undefined) memo.set('resolutions', (v = itemResolutions(db)));
    return v;
  }

  function facts(s: ItemSnapshot, binding: Binding, asOf: number, clock: DurationClock | undefined): FactsTable {
    const key = `${bindingKey(binding)}|${asOf}|${clock?.calendar ? JSON.stringify(clock.calendar) : 'elapsed'}`;
    return tables.get(key, () => walkAll(s, binding, asOf, clock));
  }

  /** Every item's facts, walked from its changes. */
  function walkAll(s: ItemSnapshot, binding: Binding, asOf: number, clock: DurationClock | undefined): FactsTable {
    walks++;
    const N = s.count;
    const n = binding.steps.length;
    const walker = new TimelineWalker(binding, { asOf, clock, visits: true });
    const t: FactsTable = {
      steps: n,
      start: new Float64Array(N),
      done: new Float64Array(N),
      current: new Array(N),
      currentStep: new Int32Array(N),
      active: new Float64Array(N * n),
      wait: new Float64Array(N * n),
      blocked: new Float64Array(N * n),
      visitStart: new Int32Array(N + 1),
      vStep: new Int32Array(0),
      vFrom: new Float64Array(0),
      vTo: new Float64Array(0),
    };
    let vStep = new Int32Array(Math.max(16, s.at.length));
    let vFrom = new Float64Array(vStep.length);
    let vTo = new Float64Array(vStep.length);
    let v = 0;
    // A done item whose resolution the map calls abandoned (Won't Do) is not completed: read only when it names some.
    const abandonedRes = binding.abandonedResolutions;
    const resolutions = abandonedRes !== undefined && abandonedRes.size > 0 ? resolutionsOf() : null;
    for (let k = 0; k < N; k++) {
      const cn = stage(s, k);
      const fn = stageFlags(s, k);
      walker.walk(s.createdAt[k]!, s.initialStatus[k]!, cn, at, from, to, flags, fn);
      t.start[k] = walker.start ?? Number.NaN;
      const res = resolutions === null ? undefined : resolutions.get(s.ids[k]!);
      t.done[k] = walker.done === null || (res !== undefined && abandonedRes!.has(res)) ? Number.NaN : walker.done;
      t.current[k] = walker.current;
      t.currentStep[k] = walker.currentStep;
      for (let i = 0; i < n; i++) {
        t.active[k * n + i] = walker.active[i]!;
        t.wait[k * n + i] = walker.wait[i]!;
        t.blocked[k * n + i] = walker.blocked[i]!;
      }
      t.visitStart[k] = v;
      if (v + walker.visitCount > vStep.length) {
        const cap = (v + walker.visitCount) * 2;
        const grow = <T extends Int32Array | Float64Array>(x: T, y: T): T => (y.set(x), y);
        vStep = grow(vStep, new Int32Array(cap));
        vFrom = grow(vFrom, new Float64Array(cap));
        vTo = grow(vTo, new Float64Array(cap));
      }
      for (let j = 0; j < walker.visitCount; j++, v++) {
        vStep[v] = walker.visitStep[j]!;
        vFrom[v] = walker.visitStart[j]!;
        vTo[v] = walker.visitEnd[j]!;
      }
    }
    t.visitStart[N] = v;
    t.vStep = vStep.slice(0, v);
    t.vFrom = vFrom.slice(0, v);
    t.vTo = vTo.slice(0, v);
    return t;
  }

  function scan(
    binding: Binding,
    walk: WalkOptions,
    filter: ScanFilter,
    onItem: (f: TimelineWalker, item: ScannedItem) => void,
    read?: { changes?: boolean },
  ): void {
    // Readers of facts only (series, distributions, forecast) skip copying each item's changes (count 0).
    const withChanges = read?.changes ?? true;
    const s = snapshot();
    const t = facts(s, binding, walk.asOf, walk.clock);
    const n = t.steps;
    const asOf = walk.asOf;
    const clipFrom = walk.clipFrom ?? Number.NEGATIVE_INFINITY;
    const clipTo = walk.clipTo ?? asOf;
    const withVisits = walk.visits ?? false;
    // The walker the callbacks see: its fields are set from the cache for each item, never walked.
    const view = new TimelineWalker(binding, walk);
    const item: ScannedItem = { id: 0, key: '', type: null, createdAt: 0, count: 0, at, from, to, initialStatus: null };
    const selected = selection(s, filter);
    for (let x = 0; x < selected.length; x++) {
      const k = selected[x]!;
      const st = t.start[k]!;
      const dn = t.done[k]!;
      view.start = Number.isNaN(st) ? null : st;
      view.done = Number.isNaN(dn) ? null : dn;
      view.current = t.current[k]!;
      view.currentStep = t.currentStep[k]!;
      for (let i = 0; i < n; i++) {
        view.active[i] = t.active[k * n + i]!;
        view.wait[i] = t.wait[k * n + i]!;
        view.blocked[i] = t.blocked[k * n + i]!;
      }
      const v0 = t.visitStart[k]!;
      const v1 = t.visitStart[k + 1]!;
      // Mapped time inside [clipFrom, clipTo): the visits cover the mapped segments exactly (open ones end at asOf).
      let mapped = 0;
      for (let j = v0; j < v1; j++) {
        const a = t.vFrom[j]!;
        const b = t.vTo[j]! === Number.POSITIVE_INFINITY ? Math.max(asOf, a) : t.vTo[j]!;
        const lo = a > clipFrom ? a : clipFrom;
        const hi = b < clipTo ? b : clipTo;
        if (hi > lo) mapped += hi - lo;
      }
      view.mappedInClip = mapped;
      if (withVisits) {
        view.visitCount = 0;
        for (let j = v0; j < v1; j++) {
          const c = view.visitCount;
          if (c === view.visitStep.length) {
            const grow = <T extends Int32Array | Float64Array>(x: T, y: T): T => (y.set(x), y);
            view.visitStep = grow(view.visitStep, new Int32Array(c * 2));
            view.visitStart = grow(view.visitStart, new Float64Array(c * 2));
            view.visitEnd = grow(view.visitEnd, new Float64Array(c * 2));
          }
          view.visitStep[c] = t.vStep[j]!;
          view.visitStart[c] = t.vFrom[j]!;
          view.visitEnd[c] = t.vTo[j]!;
          view.visitCount = c + 1;
        }
      } else view.visitCount = 0;
      const cn = withChanges ? stage(s, k) : 0;
      item.id = s.ids[k]!;
      item.key = s.keys[k]!;
      item.type = s.types[k]!;
      item.createdAt = s.createdAt[k]!;
      item.count = cn;
      item.at = at;
      item.initialStatus = s.initialStatus[k]!;
      item.offsets = { all: s.offsetMin, first: s.changeStart[k]! };
      onItem(view, item);
    }
  }

  return {
    scan,
    earliestCreated(filter) {
      const s = snapshot();
      const selected = selection(s, filter);
      let lo = Number.POSITIVE_INFINITY;
      for (let x = 0; x < selected.length; x++) {
        const created = s.createdAt[selected[x]!]!;
        if (created < lo) lo = created;
      }
      return Number.isFinite(lo) ? lo : null;
    },
    statuses() {
      const s = snapshot();
      return this.derived('statuses', () => snapshotStatuses(s));
    },
    derived<T>(name: string, compute: () => T): T {
      snapshot();
      let v = memo.get(name) as T | undefined;
      if (v === undefined) {
        v = compute();
        if (v !== undefined) memo.set(name, v);
      }
      return v as T;
    },
    invalidate() {
      snap = null;
      tables.clear();
      selections.clear();
      memo = new Map();
    },
    stats: () => ({ loads, savedLoads, walks }),
  };
}
