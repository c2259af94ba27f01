// One item's history reduced to the facts every flow metric is built from (issue #3's definitions).
// Browser-safe and allocation-free per item: the core runs one walker over 500k changes.
//
// The timeline of an item is a sequence of segments: [created, c1) in c1.from (or the initial status when
// there is no change), then [c_i, c_i+1) in c_i.to, the last one open until asOf. Changes after asOf are
// ignored; changes are taken in instant order whatever order they were given in (ties keep their order);
// a change dated before the item's creation is taken as happening at creation.
//  - start: the first instant the item is in a mapped status (a step's active/wait status, or a blocked status);
//  - done: the start of the final run of done statuses, when the item is in a done status at asOf
//    (moving from one done status to another is not a new entry; a reopened item is not done);
//  - per step: time in its active and wait statuses, every visit counted. Time that is also flagged
//    (Jira's Flagged field) and time in a map-level blocked status is blocked time of that step, and is
//    removed from active or wait: every instant is counted exactly once.
import type { ItemHistory } from '../domain/items.ts';
import { BLOCKED, type Binding } from './binding.ts';
import { ELAPSED, type DurationClock } from './calendar.ts';
import { ascendingOrder } from './sort-order.ts';

export interface ItemFacts {
  /** First entry into a mapped status, or null if the item never reached one (before asOf). */
  start: number | null;
  /** Start of the final run of done statuses, when the item is done at asOf; null otherwise. */
  done: number | null;
  /** Status the item is in at asOf. */
  current: string | null;
  /** Step (binding order) the item is in at asOf, −1 when its status is unmapped. */
  currentStep: number;
  /** Per step (binding order): ms (working ms with a calendar) in its active / wait statuses and blocked. */
  active: Float64Array;
  wait: Float64Array;
  blocked: Float64Array;
  /** Elapsed ms spent in mapped statuses inside [clipFrom, clipTo): the item's share of time-weighted WIP. */
  mappedInClip: number;
}

export interface WalkOptions {
  asOf: number;
  clock?: DurationClock;
  clipFrom?: number;
  clipTo?: number;
  /** Record step visits (for CFD and WIP series). */
  visits?: boolean;
}

/**
 * A reusable walker: `walk` overwrites its fields with one item's facts. Nothing is allocated per item
 * except when a history has to be re-sorted.
 */
export class TimelineWalker implements ItemFacts {
  start: number | null = null;
  done: number | null = null;
  current: string | null = null;
  currentStep = -1;
  active: Float64Array;
  wait: Float64Array;
  blocked: Float64Array;
  mappedInClip = 0;
  /** Step visits: contiguous time in one step's statuses. visitEnd is +∞ for the visit open at asOf. */
  visitCount = 0;
  visitStep = new Int32Array(16);
  visitStart = new Float64Array(16);
  visitEnd = new Float64Array(16);

  private readonly n: number;
  private readonly asOf: number;
  private readonly w: (t: number) => number;
  private readonly elapsed: boolean;
  private readonly clipFrom: number;
  private readonly clipTo: number;
  private readonly recordVisits: boolean;

  constructor(
    private readonly binding: Binding,
    opts: WalkOptions,
  ) {
    this.n = binding.steps.length;
    this.active = new Float64Array(this.n);
    this.wait = new Float64Array(this.n);
    this.blocked = new Float64Array(this.n);
    this.asOf = opts.asOf;
    const clock = opts.clock ?? ELAPSED;
    this.w = clock.w;
    this.elapsed = clock === ELAPSED;
    this.clipFrom = opts.clipFrom ?? Number.NEGATIVE_INFINITY;
    this.clipTo = opts.clipTo ?? opts.asOf;
    this.recordVisits = opts.visits ?? false;
  }

  /**
   * `at/from/to` hold `count` changes; `flags` holds flag toggles as pairs (at, 1 on | 0 off), `flagCount` of them,
   * in instant order.
   */
  walk(
    createdAt: number,
    initialStatus: string | null,
    count: number,
    at: ArrayLike<number>,
    from: ArrayLike<string | null>,
    to: ArrayLike<string>,
    flags?: ArrayLike<number>,
    flagCount = 0,
  ): this {
    const { binding, asOf, w, elapsed, clipFrom, clipTo, n } = this;
    const roles = binding.roles;
    const done = binding.done;
    const active = this.active.fill(0);
    const wait = this.wait.fill(0);
    const blocked = this.blocked.fill(0);
    this.visitCount = 0;
    let mappedInClip = 0;

    // Instant order, stable: a sorted history (the store's) is walked in place.
    let sorted = true;
    for (let i = 1; i < count; i++) {
      if (at[i]! < at[i - 1]!) {
        sorted = false;
        break;
      }
    }
    const order = sorted ? null : ascendingOrder(at, count);

    // Flag intervals, walked alongside the segments with a cursor (segments come in time order).
    let fk = 0;
    let flagOn = Number.NaN; // when the current flag interval started; NaN = not flagged

    let status: string | null = count > 0 ? from[order ? order[0]! : 0]! : initialStatus;
    if (status === null && count > 0) status = initialStatus;
    let segStart = createdAt;
    let start: number | null = null;
    let doneRunStart: number | null = status !== null && done.has(status) ? createdAt : null;
    let lastStep = -1;
    let currentStep = -1;

    const flaggedOverlap = (a: number, b: number): number => {
      // Flagged time within [a, b), in clock units; consumes toggles up to b.
      if (flags === undefined || flagCount === 0) return 0;
      let total = 0;
      let cur = a;
      while (cur < b) {
        const nextToggle = fk < flagCount ? Math.max(flags[fk * 2]!, createdAt) : Number.POSITIVE_INFINITY;
        const end = Math.min(nextToggle, b);
        if (!Number.isNaN(flagOn) && end > cur) total += elapsed ? end - cur : w(end) - w(cur);
        if (nextToggle > b || nextToggle > asOf) break;
        cur = Math.max(cur, nextToggle);
        const on = flags[fk * 2 + 1]! === 1;
        if (on && Number.isNaN(flagOn)) flagOn = nextToggle;
        else if (!on) flagOn = Number.NaN;
        fk++;
      }
      return total;
    };

    const close = (end: number, open: boolean) => {
      if (status === null) {
        currentStep = -1;
        return;
      }
      const role = roles.get(status);
      if (role === undefined) {
        currentStep = -1;
        if (flagCount > 0) flaggedOverlap(segStart, end);
        return;
      }
      if (start === null) start = segStart;
      const step = role.kind === BLOCKED ? (lastStep >= 0 ? lastStep : 0) : role.step;
      if (role.kind !== BLOCKED) lastStep = step;
      currentStep = step;
      const span = end > segStart ? (elapsed ? end - segStart : w(end) - w(segStart)) : 0;
      const lo = segStart > clipFrom ? segStart : clipFrom;
      const hi = end < clipTo ? end : clipTo;
      if (hi > lo) mappedInClip += hi - lo;
      if (role.kind === BLOCKED) blocked[step]! += span;
      else {
        const f = flagCount > 0 && span > 0 ? flaggedOverlap(segStart, end) : 0;
        blocked[step]! += f;
        if (role.kind === 0) active[step]! += span - f;
        else wait[step]! += span - f;
      }
      if (this.recordVisits) {
        const v = this.visitCount;
        const vEnd = open ? Number.POSITIVE_INFINITY : end;
        if (v > 0 && this.visitStep[v - 1] === step && this.visitEnd[v - 1] === segStart) this.visitEnd[v - 1] = vEnd;
        else this.pushVisit(step, segStart, vEnd);
      }
    };

    for (let j = 0; j < count; j++) {
      const i = order ? order[j]! : j;
      const t = at[i]!;
      if (t > asOf) break;
      const c = t > createdAt ? t : createdAt;
      close(c, false);
      const next = to[i]!;
      const wasDone = status !== null && done.has(status);
      const isDone = done.has(next);
      if (isDone && !wasDone) doneRunStart = c;
      else if (!isDone) doneRunStart = null;
      status = next;
      segStart = c;
    }
    // Done statuses are never bound to a step, so the open segment adds time only while work is unfinished.
    close(asOf > segStart ? asOf : segStart, true);

    this.start = start;
    this.done = status !== null && done.has(status) ? doneRunStart : null;
    this.current = status;
    this.currentStep = currentStep;
    this.mappedInClip = mappedInClip;
    void n;
    return this;
  }

  walkItem(item: ItemHistory, flags?: ArrayLike<number>, flagCount = 0): this {
    const c = item.changes;
    const len = c.length;
    const at = new Float64Array(len);
    const from: (string | null)[] = new Array(len);
    const to: string[] = new Array(len);
    for (let i = 0; i < len; i++) {
      at[i] = c[i]!.at;
      from[i] = c[i]!.from;
      to[i] = c[i]!.to;
    }
    return this.walk(item.createdAt, item.initialStatus, len, at, from, to, flags, flagCount);
  }

  private pushVisit(step: number, a: number, b: number) {
    const v = this.visitCount;
    if (v === this.visitStep.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (n: number) => T): T => {
        const y = make(v * 2);
        y.set(x);
        return y;
      };
      this.visitStep = grow(this.visitStep, (k) => new Int32Array(k));
      this.visitStart = grow(this.visitStart, (k) => new Float64Array(k));
      this.visitEnd = grow(this.visitEnd, (k) => new Float64Array(k));
    }
    this.visitStep[v] = step;
    this.visitStart[v] = a;
    this.visitEnd[v] = b;
    this.visitCount = v + 1;
  }
}

/** Flag toggles `(at, flagged)` as the flat pairs the walker reads, in instant order. */
export function flagPairs(flags: ReadonlyArray<{ at: number; flagged: boolean }>): Float64Array {
  const sorted = [...flags].sort((a, b) => a.at - b.at);
  const out = new Float64Array(sorted.length * 2);
  sorted.forEach((f, i) => {
    out[i * 2] = f.at;
    out[i * 2 + 1] = f.flagged ? 1 : 0;
  });
  return out;
}

/** One item's facts as a fresh object (for tests, the items table and the renderer). */
export function itemFacts(
  item: ItemHistory & { flags?: ReadonlyArray<{ at: number; flagged: boolean }> },
  binding: Binding,
  asOf: number,
  clipFrom = Number.NEGATIVE_INFINITY,
  clipTo = asOf,
  clock?: DurationClock,
): ItemFacts {
  const walker = new TimelineWalker(binding, { asOf, clipFrom, clipTo, clock });
  const flags = item.flags ? flagPairs(item.flags) : undefined;
  const f = walker.walkItem(item, flags, item.flags?.length ?? 0);
  return {
    start: f.start,
    done: f.done,
    current: f.current,
    currentStep: f.currentStep,
    active: f.active,
    wait: f.wait,
    blocked: f.blocked,
    mappedInClip: f.mappedInClip,
  };
}
