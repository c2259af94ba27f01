// The waste analysis of one map (issue 9): per step, how often work is sent back, reopened, handed over,
// abandoned, left aging, spread over too few people, and where it waits; then the findings with their
// evidence. Browser-safe and streaming like the flow accumulator: the core feeds it every item once.
//
// Definitions (the contract's, with the two rules it leaves open made explicit):
//  - A status belongs to the step that binds it (active or wait); a map-level blocked status belongs to the
//    step the item was last in, as for blocked time. Done, abandoned and unbound statuses belong to no step.
//  - A move is judged from the last step the item was in: a change into step A after step B (unbound statuses
//    in between are skipped) is backward when A comes before B in flow order (`stepsInFlowOrder`), forward
//    when after; a change into a done status is a forward move out of the last step.
//  - A change out of a done status into step A is a reopen of A, not a backward move (done is no step).
//  - measuredPercentCompleteAccurate = 1 − (items that left the step forward and were later sent back into
//    it) / leftForward: the share of the step's output no later step sent back, so always within [0, 1].
import { z } from 'zod';
import { HOUR_MS } from '../domain/items.ts';
import { WASTE_TYPES, type MapDoc, type WasteThresholds, type WasteType } from '../domain/map.ts';
import { BLOCKED, type Binding } from './binding.ts';
import { ELAPSED, type DurationClock } from './calendar.ts';
import type { FlowMetrics, MetricsWindow } from './flow-metrics.ts';
import { windowBounds } from './flow-metrics.ts';
import type { ItemFacts } from './item-timeline.ts';
import { ratio } from './quantile.ts';

/** The issue's default thresholds: a finding is raised on a step when its figure reaches them. */
export const DEFAULT_WASTE_THRESHOLDS: Required<WasteThresholds> = {
  waiting: 0.25,
  defects: 0.1,
  relearning: 0.03,
  'partially-done': 5,
  'extra-features': 0.02,
  handoffs: 1.0,
  'task-switching': 2.0,
  approval: 0.2,
};

/** Status names that usually mean "abandoned", for maps that name none. */
export const ABANDONED_NAME = /won'?t\s*(do|fix)|cancel+ed|abandon|reject|declin|obsolete|discard|dropped|not\s+doing/i;

export function suggestAbandonedStatuses(
  statuses: Iterable<string>,
  map: Pick<MapDoc, 'steps' | 'doneStatuses'> & Partial<Pick<MapDoc, 'blockedStatuses' | 'ignoredStatuses'>>,
): string[] {
  // A status the map deliberately ignores is a decision too: never suggested as abandoned.
  const taken = new Set([
    ...map.doneStatuses,
    ...(map.blockedStatuses ?? []),
    ...(map.ignoredStatuses ?? []),
    ...map.steps.flatMap((s) => [...s.activeStatuses, ...s.waitStatuses]),
  ]);
  return [...new Set(statuses)].filter((s) => !taken.has(s) && ABANDONED_NAME.test(s)).sort();
}

const StepWaste = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  entered: z.number().int(),
  leftForward: z.number().int(),
  sentBack: z.number().int(),
  sentBackRate: z.number(),
  /** Where the sent-back items went: per earlier step, how many items, most first. */
  sentBackTo: z.array(z.object({ stepId: z.string(), items: z.number().int() })),
  reworkReceived: z.number().int(),
  measuredPercentCompleteAccurate: z.number().nullable(),
  reopened: z.number().int(),
  handoffs: z.number().int(),
  handoffsPerItem: z.number(),
  waitShare: z.number(),
  flowEfficiency: z.number(),
  /** Σ active hours of the completed items in the step (the automation case of a manual step). */
  activeHours: z.number(),
  waitHours: z.number(),
  abandoned: z.number().int(),
  abandonedActiveHours: z.number(),
  agingPastP85: z.number().int(),
  activeWipAverage: z.number(),
  /** activeWipAverage / people; absent when the step names no people. */
  wipPerPerson: z.number().optional(),
});

export const WasteFindingSchema = z.object({
  stepId: z.string(),
  waste: z.enum(WASTE_TYPES),
  evidence: z.string(),
  figures: z.record(z.string(), z.number()),
  /** The item keys behind the finding, largest effect first (longest wait, most send-backs, oldest, …). */
  items: z.array(z.string()),
  /** The threshold the figure reached; null for a manual step (every manual step is a finding). */
  threshold: z.number().nullable(),
});

export const WasteAnalysisSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  completedItems: z.number().int(),
  /** The completed items' cycle-time p85 that aging is judged against (hours of the duration clock). */
  cycleTimeP85Hours: z.number(),
  /** The statuses counted as abandoned: the map's, or suggested from status names when it names none. */
  abandonedStatuses: z.object({ statuses: z.array(z.string()), suggested: z.boolean() }),
  thresholds: z.object(Object.fromEntries(Object.keys(DEFAULT_WASTE_THRESHOLDS).map((k) => [k, z.number()])) as Record<keyof WasteThresholds, z.ZodNumber>),
  steps: z.array(StepWaste),
  rolledMeasuredPercentCompleteAccurate: z.number().nullable(),
  findings: z.array(WasteFindingSchema),
});
export type WasteAnalysis = z.infer<typeof WasteAnalysisSchema>;
export type WasteFinding = z.infer<typeof WasteFindingSchema>;
export type StepWasteFigures = z.infer<typeof StepWaste>;

/** One item as the waste walk reads it: its changes in instant order and its assignee changes' instants. */
export interface WasteItem {
  /** The item's row id: the key a walk memo keeps its walk under. */
  id?: number;
  key: string;
  createdAt: number;
  initialStatus: string | null;
  count: number;
  at: ArrayLike<number>;
  from: ArrayLike<string | null>;
  to: ArrayLike<string>;
  /** Instants of assignee changes, ascending. */
  assigneeChanges?: ArrayLike<number>;
}

/** How many keys a finding lists: enough to drill into, small enough for a report. */
const MAX_KEYS = 200;

export class KeyScores {
  private keys: string[] = [];
  private scores: number[] = [];
  /**
   * Once MAX_KEYS are kept, a score at or below the lowest of them can never enter the top: every kept item
   * scores at least as much and, on a tie, was added first. So only candidates are stored (50,000 items × 6
   * steps of keys were a garbage-collection cost of their own), and the answer is the same.
   */
  private floor = Number.NEGATIVE_INFINITY;
  private pruning = true;
  add(key: string, score: number) {
    if (score <= this.floor) return;
    if (Number.isNaN(score)) this.pruning = false;
    this.keys.push(key);
    this.scores.push(score);
    if (this.pruning && this.keys.length >= 4 * MAX_KEYS) this.prune();
  }
  /** The MAX_KEYS highest scores' keys, highest first, ties in the order added. */
  top(): string[] {
    return this.ranked().map((i) => this.keys[i]!);
  }
  /** Indices of the MAX_KEYS highest scores, highest first, ties in the order added. */
  private ranked(): number[] {
    const n = MAX_KEYS;
    const sc = this.scores;
    let idx = this.keys.map((_, i) => i);
    // Sort only the candidates, those at or above the n-th highest score (found by a native sort of the
    // scores), instead of every index with a comparator. The same keys in the same order.
    if (idx.length > n) {
      const desc = Float64Array.from(sc).sort().reverse();
      const cut = desc[n - 1]!;
      if (!Number.isNaN(cut) && !Number.isNaN(desc[0]!)) idx = idx.filter((i) => sc[i]! >= cut);
    }
    idx.sort((a, b) => sc[b]! - sc[a]! || a - b);
    return idx.slice(0, n);
  }
  /** Keeps only the current top, in the order added, and raises the floor to its lowest score. */
  private prune() {
    const top = this.ranked();
    this.floor = this.scores[top[top.length - 1]!]!;
    top.sort((a, b) => a - b);
    this.keys = top.map((i) => this.keys[i]!);
    this.scores = top.map((i) => this.scores[i]!);
  }
}

/**
 * One item's waste walk, packed: what it did per step (bits below), its handoffs, backward moves (pairs
 * from·n+to), active time inside the window, and how it ended up abandoned. It depends on the item, the
 * binding, the abandoned statuses, asOf and the window only, never on a filter: kept per item in a memo,
 * a filter change aggregates the kept walks instead of walking 50,000 items again.
 */
export interface WalkedItem {
  flags: Uint8Array;
  hand: Int32Array | null;
  backTo: Int32Array | null;
  activeClip: Float64Array | null;
  abandonedRunStart: number | null;
  beforeAbandon: number;
}
/** Walks by item id, for one (binding, abandoned statuses, asOf, window): the core keeps them (waste-methods.ts `wasteWalkMemo`). */
export type WasteWalkMemo = Map<number, WalkedItem>;
const IN = 1;
const FWD = 2;
const BACK = 4;
const RECV = 8;
const RECV_AFTER_FWD = 16;
const REOPEN = 32;

export interface WasteMapInput extends Pick<MapDoc, 'steps'> {
  abandonedStatuses?: string[];
  wasteThresholds?: WasteThresholds;
}

/**
 * Streaming accumulator. `add(facts, item)` once per item (facts from the timeline walker over the same
 * binding, asOf and clock), then `result(metrics)` with the flow metrics of the same query (wait share,
 * flow efficiency and the cycle-time p85 are taken from there, so they are the figures `vsm metrics` shows).
 */
export function createWasteAccumulator(
  binding: Binding,
  map: WasteMapInput,
  window: MetricsWindow,
  abandoned: { statuses: string[]; suggested: boolean },
  clock: DurationClock = ELAPSED,
  memo?: WasteWalkMemo,
) {
  const n = binding.steps.length;
  const { to, explicitFrom, completedIn } = windowBounds(window);
  const clipFrom = explicitFrom ? window.from! : Number.NEGATIVE_INFINITY;
  const asOf = window.asOf;
  const roles = binding.roles;
  const done = binding.done;
  const abandonedSet = new Set(abandoned.statuses);
  const w = clock.w;

  const zeros = () => new Array<number>(n).fill(0);
  const entered = zeros();
  const leftForward = zeros();
  const sentBack = zeros();
  const reworkReceived = zeros();
  const reworkAfterForward = zeros();
  const reopened = zeros();
  const handoffs = zeros();
  const abandonedCount = zeros();
  const abandonedActive = zeros();
  const activeWipMs = zeros();
  const sentBackTo = Array.from({ length: n }, () => zeros());
  const keys = {
    waiting: Array.from({ length: n }, () => new KeyScores()),
    defects: Array.from({ length: n }, () => new KeyScores()),
    relearning: Array.from({ length: n }, () => new KeyScores()),
    handoffs: Array.from({ length: n }, () => new KeyScores()),
    abandoned: Array.from({ length: n }, () => new KeyScores()),
    active: Array.from({ length: n }, () => new KeyScores()),
  };
  /** Unfinished items per current step with their age (clock hours since start): aging is judged in `result`. */
  const unfinished: Array<{ step: number; age: number; key: string }> = [];
  let completed = 0;
  let earliest = Number.POSITIVE_INFINITY;

  // Per-item scratch, reset for each item.
  const inStep = new Uint8Array(n);
  const fwd = new Uint8Array(n);
  const back = new Uint8Array(n);
  const recv = new Uint8Array(n);
  const recvAfterFwd = new Uint8Array(n);
  const reop = new Uint8Array(n);
  const hand = new Int32Array(n);
  const backTo = new Int32Array(n * n);
  const activeClip = new Float64Array(n);

  let abandonedRunStart: number | null = null;
  let beforeAbandon = -1;

  /** Walks one item's changes into the scratch arrays above. */
  function walk(item: WasteItem) {
    inStep.fill(0);
    fwd.fill(0);
    back.fill(0);
    recv.fill(0);
    recvAfterFwd.fill(0);
    reop.fill(0);
    hand.fill(0);
    backTo.fill(0);
    activeClip.fill(0);

    const count = item.count;
    let status: string | null = count > 0 ? (item.from[0] ?? item.initialStatus) : item.initialStatus;
    let segStart = item.createdAt;
    let lastStep = -1;
    abandonedRunStart = null;
    beforeAbandon = -1;
    const ac = item.assigneeChanges;
    const acn = ac?.length ?? 0;
    let ak = 0;

    /** The step a status belongs to (blocked: the last step), −1 for none. */
    const stepOf = (s: string | null): number => {
      if (s === null) return -1;
      const r = roles.get(s);
      if (r === undefined) return -1;
      return r.kind === BLOCKED ? lastStep : r.step;
    };
    /** Assignee changes in [a, b) happened while the item was in `step`. */
    const countHandoffs = (step: number, b: number) => {
      while (ak < acn && Math.max(ac![ak]!, item.createdAt) < b) {
        if (step >= 0) hand[step]!++;
        ak++;
      }
    };
    const closeSegment = (end: number) => {
      const step = stepOf(status);
      countHandoffs(step, end);
      if (step < 0 || status === null) return;
      const r = roles.get(status)!;
      if (r.kind === 0) {
        const lo = segStart > clipFrom ? segStart : clipFrom;
        const hi = end < to ? end : to;
        if (hi > lo) activeClip[step]! += hi - lo;
      }
    };
    const enter = (s: string, t: number, prevStatus: string | null) => {
      const wasDone = prevStatus !== null && done.has(prevStatus);
      if (done.has(s)) {
        if (!wasDone && lastStep >= 0) fwd[lastStep] = 1;
        abandonedRunStart = null;
        return;
      }
      if (abandonedSet.has(s)) {
        if (abandonedRunStart === null || !(prevStatus !== null && abandonedSet.has(prevStatus))) {
          abandonedRunStart = t;
          const ps = stepOf(prevStatus);
          beforeAbandon = ps >= 0 ? ps : lastStep;
        }
        return;
      }
      abandonedRunStart = null;
      const r = roles.get(s);
      if (r === undefined) return;
      if (r.kind === BLOCKED) {
        if (lastStep >= 0) inStep[lastStep] = 1;
        return;
      }
      const a = r.step;
      inStep[a] = 1;
      if (wasDone) reop[a] = 1;
      else if (lastStep >= 0 && a !== lastStep) {
        if (a < lastStep) {
          back[lastStep] = 1;
          backTo[lastStep * n + a] = 1;
          recv[a] = 1;
          if (fwd[a]) recvAfterFwd[a] = 1;
        } else fwd[lastStep] = 1;
      }
      lastStep = a;
    };

    if (status !== null) enter(status, item.createdAt, null);
    for (let i = 0; i < count; i++) {
      const t0 = item.at[i]!;
      if (t0 > asOf) break;
      const t = t0 > item.createdAt ? t0 : item.createdAt;
      closeSegment(t);
      const prev = status;
      status = item.to[i]!;
      segStart = t;
      enter(status, t, prev);
    }
    closeSegment(asOf > segStart ? asOf : segStart);
    // Assignee changes at asOf or later do not count; those before the first segment were counted above.
  }

  function pack(): WalkedItem {
    const flags = new Uint8Array(n);
    let anyHand = false;
    let anyClip = false;
    let backs = 0;
    for (let s = 0; s < n; s++) {
      flags[s] =
        (inStep[s] ? IN : 0) |
        (fwd[s] ? FWD : 0) |
        (back[s] ? BACK : 0) |
        (recv[s] ? RECV : 0) |
        (recvAfterFwd[s] ? RECV_AFTER_FWD : 0) |
        (reop[s] ? REOPEN : 0);
      if (hand[s]! > 0) anyHand = true;
      if (activeClip[s]! > 0) anyClip = true;
    }
    for (let s = 0; s < n; s++) if (back[s]) for (let a = 0; a < n; a++) if (backTo[s * n + a]) backs++;
    let pairs: Int32Array | null = null;
    if (backs > 0) {
      pairs = new Int32Array(backs);
      let j = 0;
      for (let s = 0; s < n; s++) if (back[s]) for (let a = 0; a < n; a++) if (backTo[s * n + a]) pairs[j++] = s * n + a;
    }
    return { flags, hand: anyHand ? hand.slice() : null, backTo: pairs, activeClip: anyClip ? activeClip.slice() : null, abandonedRunStart, beforeAbandon };
  }

  function unpack(w: WalkedItem) {
    for (let s = 0; s < n; s++) {
      const b = w.flags[s]!;
      inStep[s] = b & IN;
      fwd[s] = b & FWD;
      back[s] = b & BACK;
      recv[s] = b & RECV;
      recvAfterFwd[s] = b & RECV_AFTER_FWD;
      reop[s] = b & REOPEN;
    }
    if (w.hand) hand.set(w.hand);
    else hand.fill(0);
    backTo.fill(0);
    if (w.backTo) for (const x of w.backTo) backTo[x] = 1;
    if (w.activeClip) activeClip.set(w.activeClip);
    else activeClip.fill(0);
    abandonedRunStart = w.abandonedRunStart;
    beforeAbandon = w.beforeAbandon;
  }

  /** When the item last entered a done status from outside done, and the mapped step it was last in before (−1: none). */
  function enteredDone(item: WasteItem): { at: number; step: number } | null {
    for (let i = item.count - 1; i >= 0; i--) {
      const prev = item.from[i] ?? null;
      if (!done.has(item.to[i]!) || (prev !== null && done.has(prev))) continue;
      // The status it left (or the one before, when it left a blocked or unmapped status).
      let step = -1;
      for (let j = i; j >= 0 && step < 0; j--) {
        const r = roles.get(item.from[j] ?? (j === 0 ? (item.initialStatus ?? '') : ''));
        if (r !== undefined && r.kind !== BLOCKED) step = r.step;
      }
      return { at: item.at[i]!, step };
    }
    return null;
  }

  /** Work abandoned at `at` after `step` (its status or resolution): counted when that lies in the window and it had started. */
  function countAbandoned(f: ItemFacts, key: string, at: number, step: number) {
    const inWindow = at < to && !(explicitFrom && at < window.from!);
    if (!inWindow || f.start === null || f.start >= at || step < 0) return;
    let act = 0;
    for (let s = 0; s < n; s++) act += f.active[s]!;
    abandonedCount[step]!++;
    abandonedActive[step]! += act / HOUR_MS;
    keys.abandoned[step]!.add(key, act);
  }

  /** `ageHours`: an unfinished item's age under the query's convention (issue 14) when not flowmap's. */
  function add(f: ItemFacts, item: WasteItem, ageHours?: number | null) {
    if (item.createdAt > asOf) return;
    if (item.createdAt < earliest) earliest = item.createdAt;
    const kept = memo !== undefined && item.id !== undefined ? memo.get(item.id) : undefined;
    if (kept !== undefined) unpack(kept);
    else {
      walk(item);
      if (memo !== undefined && item.id !== undefined) memo.set(item.id, pack());
    }

    for (let s = 0; s < n; s++) {
      if (activeClip[s]! > 0) {
        activeWipMs[s]! += activeClip[s]!;
      }
    }

    const isDoneInWindow = f.done !== null && completedIn(f.done);
    if (isDoneInWindow) {
      completed++;
      for (let s = 0; s < n; s++) {
        if (inStep[s]) {
          entered[s]!++;
          keys.waiting[s]!.add(item.key, f.wait[s]!);
          keys.active[s]!.add(item.key, f.active[s]!);
        }
        if (fwd[s]) leftForward[s]!++;
        if (back[s]) {
          sentBack[s]!++;
          let times = 0;
          for (let a = 0; a < n; a++) {
            if (backTo[s * n + a]) {
              sentBackTo[s]![a]!++;
              times++;
            }
          }
          keys.defects[s]!.add(item.key, times);
        }
        if (recv[s]) reworkReceived[s]!++;
        if (recvAfterFwd[s]) reworkAfterForward[s]!++;
        if (reop[s]) {
          reopened[s]!++;
          keys.relearning[s]!.add(item.key, f.active[s]! + f.wait[s]!);
        }
        if (hand[s]! > 0) {
          handoffs[s]! += hand[s]!;
          keys.handoffs[s]!.add(item.key, hand[s]!);
        }
      }
    } else if (f.done === null) {
      const cur = f.current;
      // In a done status yet not completed: the binding's abandoned resolutions (Won't Do) withheld it. It was
      // abandoned when it entered done, after the step it was in then.
      const byResolution = cur !== null && done.has(cur) ? enteredDone(item) : null;
      if (byResolution !== null) countAbandoned(f, item.key, byResolution.at, byResolution.step);
      else if (cur !== null && abandonedSet.has(cur) && abandonedRunStart !== null) countAbandoned(f, item.key, abandonedRunStart, beforeAbandon);
      else if (f.currentStep >= 0 && f.start !== null) {
        const age = ageHours === undefined ? (w(asOf) - w(f.start)) / HOUR_MS : ageHours;
        if (age !== null) unfinished.push({ step: f.currentStep, age, key: item.key });
      }
    }
  }

  function result(metrics: Pick<FlowMetrics, 'asOf' | 'window' | 'steps' | 'cycleTimeHours' | 'items'>): WasteAnalysis {
    const thresholds = { ...DEFAULT_WASTE_THRESHOLDS, ...(map.wasteThresholds ?? {}) };
    const p85 = metrics.cycleTimeHours.p85;
    const from = explicitFrom ? window.from! : Number.isFinite(earliest) ? earliest : to;
    const windowMs = Math.max(0, to - from);
    const figures = new Map(metrics.steps.map((s) => [s.id, s]));
    let totalWait = 0;
    for (const s of metrics.steps) totalWait += s.waitHours.total;
    const aging = Array.from({ length: n }, () => [] as Array<{ age: number; key: string }>);
    // Without completed items there is no p85 to be past.
    if (completed > 0) for (const u of unfinished) if (u.age > p85) aging[u.step]!.push(u);
    const byMapId = new Map(map.steps.map((s) => [s.id, s]));

    const steps: StepWasteFigures[] = binding.steps.map((step, i) => {
      const fig = figures.get(step.id);
      const people = byMapId.get(step.id)?.people ?? step.people;
      const activeWipAverage = windowMs > 0 ? activeWipMs[i]! / windowMs : 0;
      const lf = leftForward[i]!;
      return {
        id: step.id,
        name: step.name,
        kind: step.kind ?? 'process',
        entered: entered[i]!,
        leftForward: lf,
        sentBack: sentBack[i]!,
        sentBackRate: ratio(sentBack[i]!, entered[i]!),
        sentBackTo: sentBackTo[i]!.map((items, a) => ({ stepId: binding.steps[a]!.id, items }))
          .filter((x) => x.items > 0)
          .sort((a, b) => b.items - a.items),
        reworkReceived: reworkReceived[i]!,
        measuredPercentCompleteAccurate: lf > 0 ? 1 - reworkAfterForward[i]! / lf : null,
        reopened: reopened[i]!,
        handoffs: handoffs[i]!,
        handoffsPerItem: ratio(handoffs[i]!, entered[i]!),
        waitShare: ratio(fig?.waitHours.total ?? 0, totalWait),
        flowEfficiency: fig?.flowEfficiency ?? 0,
        activeHours: fig?.activeHours.total ?? 0,
        waitHours: fig?.waitHours.total ?? 0,
        abandoned: abandonedCount[i]!,
        abandonedActiveHours: abandonedActive[i]!,
        agingPastP85: aging[i]!.length,
        activeWipAverage,
        ...(people !== undefined && people > 0 ? { wipPerPerson: activeWipAverage / people } : {}),
      };
    });

    let rolled: number | null = null;
    for (const s of steps) if (s.measuredPercentCompleteAccurate !== null) rolled = (rolled ?? 1) * s.measuredPercentCompleteAccurate;

    const findings: Array<WasteFinding & { rank: number }> = [];
    const nameOf = (id: string) => binding.steps.find((s) => s.id === id)?.name ?? id;
    const pc = (x: number) => `${(x * 100).toFixed(1)} %`;
    const hrs = (x: number) => `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)} h`;
    const push = (f: WasteFinding, value: number, threshold: number, below = false) =>
      findings.push({ ...f, rank: below ? threshold / Math.max(value, 1e-9) : value / Math.max(threshold, 1e-9) });

    steps.forEach((s, i) => {
      if (s.waitShare >= thresholds.waiting && s.waitShare > 0) {
        push(
          {
            stepId: s.id,
            waste: 'waiting',
            evidence: `${s.name} holds ${pc(s.waitShare)} of all wait time (${hrs(s.waitHours)} over ${completed.toLocaleString('en-US')} completed items)`,
            figures: { waitShare: s.waitShare, waitHours: s.waitHours, completedItems: completed },
            items: keys.waiting[i]!.top(),
            threshold: thresholds.waiting,
          },
          s.waitShare,
          thresholds.waiting,
        );
      }
      if (s.sentBack > 0 && s.sentBackRate >= thresholds.defects) {
        const where = s.sentBackTo.map((x) => `${nameOf(x.stepId)}${s.sentBackTo.length > 1 ? ` (${x.items})` : ''}`).join(', ');
        push(
          {
            stepId: s.id,
            waste: 'defects',
            evidence: `${s.name} sent ${pc(s.sentBackRate)} of its items back (${s.sentBack.toLocaleString('en-US')} of ${s.entered.toLocaleString('en-US')}), to ${where}`,
            figures: {
              sentBack: s.sentBack,
              entered: s.entered,
              sentBackRate: s.sentBackRate,
              ...Object.fromEntries(s.sentBackTo.map((x) => [`to:${x.stepId}`, x.items])),
            },
            items: keys.defects[i]!.top(),
            threshold: thresholds.defects,
          },
          s.sentBackRate,
          thresholds.defects,
        );
      }
      const reopenShare = ratio(s.reopened, completed);
      if (s.reopened > 0 && reopenShare >= thresholds.relearning) {
        push(
          {
            stepId: s.id,
            waste: 'relearning',
            evidence: `${s.reopened.toLocaleString('en-US')} of ${completed.toLocaleString('en-US')} completed items (${pc(reopenShare)}) were reopened into ${s.name} after being done`,
            figures: { reopened: s.reopened, completedItems: completed, reopenedShare: reopenShare },
            items: keys.relearning[i]!.top(),
            threshold: thresholds.relearning,
          },
          reopenShare,
          thresholds.relearning,
        );
      }
      if (s.agingPastP85 > 0 && s.agingPastP85 >= thresholds['partially-done']) {
        const list = aging[i]!.sort((a, b) => b.age - a.age);
        push(
          {
            stepId: s.id,
            waste: 'partially-done',
            evidence: `${s.agingPastP85.toLocaleString('en-US')} unfinished items in ${s.name} are older than the completed items' cycle-time p85 (${hrs(p85)}); the oldest started ${hrs(list[0]!.age)} ago`,
            figures: { agingPastP85: s.agingPastP85, cycleTimeP85Hours: p85, oldestAgeHours: list[0]!.age },
            items: list.slice(0, MAX_KEYS).map((x) => x.key),
            threshold: thresholds['partially-done'],
          },
          s.agingPastP85,
          thresholds['partially-done'],
        );
      }
      const abandonShare = ratio(s.abandoned, s.entered + s.abandoned);
      if (s.abandoned > 0 && abandonShare >= thresholds['extra-features']) {
        push(
          {
            stepId: s.id,
            waste: 'extra-features',
            evidence: `${s.abandoned.toLocaleString('en-US')} items were abandoned after ${s.name} (${pc(abandonShare)} of ${(s.entered + s.abandoned).toLocaleString('en-US')}), throwing away ${hrs(s.abandonedActiveHours)} of active work`,
            figures: { abandoned: s.abandoned, entered: s.entered, abandonedShare: abandonShare, abandonedActiveHours: s.abandonedActiveHours },
            items: keys.abandoned[i]!.top(),
            threshold: thresholds['extra-features'],
          },
          abandonShare,
          thresholds['extra-features'],
        );
      }
      if (s.handoffs > 0 && s.handoffsPerItem >= thresholds.handoffs) {
        push(
          {
            stepId: s.id,
            waste: 'handoffs',
            evidence: `${s.name} changed hands ${s.handoffsPerItem.toFixed(1)} times per item (${s.handoffs.toLocaleString('en-US')} assignee changes over ${s.entered.toLocaleString('en-US')} items)`,
            figures: { handoffs: s.handoffs, entered: s.entered, handoffsPerItem: s.handoffsPerItem },
            items: keys.handoffs[i]!.top(),
            threshold: thresholds.handoffs,
          },
          s.handoffsPerItem,
          thresholds.handoffs,
        );
      }
      if (s.wipPerPerson !== undefined && s.wipPerPerson >= thresholds['task-switching']) {
        const people = byMapId.get(s.id)?.people ?? 0;
        push(
          {
            stepId: s.id,
            waste: 'task-switching',
            evidence: `${s.name} had ${s.activeWipAverage.toFixed(1)} items in progress on average for ${people} ${people === 1 ? 'person' : 'people'}: ${s.wipPerPerson.toFixed(1)} per person`,
            figures: { activeWipAverage: s.activeWipAverage, people, wipPerPerson: s.wipPerPerson },
            items: keys.active[i]!.top(),
            threshold: thresholds['task-switching'],
          },
          s.wipPerPerson,
          thresholds['task-switching'],
        );
      }
      if (s.kind === 'approval' && s.entered > 0 && s.flowEfficiency < thresholds.approval) {
        push(
          {
            stepId: s.id,
            waste: 'approval',
            evidence: `${s.name} is an approval that mostly waits: flow efficiency ${pc(s.flowEfficiency)} (${hrs(s.activeHours)} active of ${hrs(s.activeHours + s.waitHours)})`,
            figures: { flowEfficiency: s.flowEfficiency, activeHours: s.activeHours, waitHours: s.waitHours },
            items: keys.waiting[i]!.top(),
            threshold: thresholds.approval,
          },
          s.flowEfficiency,
          thresholds.approval,
          true,
        );
      }
      if (s.kind === 'manual' && s.entered > 0) {
        findings.push({
          stepId: s.id,
          waste: 'manual',
          evidence: `${s.name} is manual: ${hrs(s.activeHours)} of hands-on work over ${s.entered.toLocaleString('en-US')} items (${hrs(ratio(s.activeHours, s.entered))} per item), the case for automating it`,
          figures: { activeHours: s.activeHours, entered: s.entered, activeHoursPerItem: ratio(s.activeHours, s.entered) },
          items: keys.active[i]!.top(),
          threshold: null,
          // A manual step is always a finding; it ranks as a finding just at its threshold.
          rank: 1,
        });
      }
    });
    findings.sort((a, b) => b.rank - a.rank);

    return {
      asOf: metrics.asOf,
      window: metrics.window,
      completedItems: completed,
      cycleTimeP85Hours: p85,
      abandonedStatuses: abandoned,
      thresholds,
      steps,
      rolledMeasuredPercentCompleteAccurate: rolled,
      findings: findings.map(({ rank: _r, ...f }) => f),
    };
  }

  return { add, result };
}

export type { WasteType };
