// One item's history reduced to the facts every flow metric is built from (issue #3's definitions).
// Browser-safe and allocation-light: the core runs this once per item over 500k changes.
import type { ItemHistory } from '../domain/items.ts';
import type { Binding } from './binding.ts';

export interface ItemFacts {
  /** First entry into a mapped status, or null if the item never reached one (before asOf). */
  start: number | null;
  /** Start of the final run of done statuses, when the item is done at asOf; null otherwise. */
  done: number | null;
  /** Status the item is in at asOf. */
  current: string | null;
  /** Per step (binding order): ms spent in its active / wait statuses, every visit counted, up to done or asOf. */
  active: Float64Array;
  wait: Float64Array;
  /** ms spent in mapped statuses inside [clipFrom, clipTo): the item's share of time-weighted WIP. */
  mappedInClip: number;
}

/**
 * Walks the item's segments: [created, c1) in c1.from (or the initial status), [c_i, c_i+1) in c_i.to,
 * the last one open until asOf. Changes after asOf are ignored.
 */
export function itemFacts(
  item: ItemHistory,
  binding: Binding,
  asOf: number,
  clipFrom = Number.NEGATIVE_INFINITY,
  clipTo = asOf,
): ItemFacts {
  const n = binding.steps.length;
  const active = new Float64Array(n);
  const wait = new Float64Array(n);
  const changes = item.changes;
  let count = 0;
  while (count < changes.length && changes[count]!.at <= asOf) count++;

  let status: string | null = count > 0 ? changes[0]!.from : item.initialStatus;
  let segStart = item.createdAt;
  let start: number | null = null;
  let doneRunStart: number | null = null;
  let mappedInClip = 0;

  const close = (end: number) => {
    if (status === null) return;
    const role = binding.roles.get(status);
    if (role !== undefined) {
      if (start === null) start = segStart;
      const span = Math.max(0, end - segStart);
      mappedInClip += Math.max(0, Math.min(end, clipTo) - Math.max(segStart, clipFrom));
      if (role.active) active[role.step]! += span;
      else wait[role.step]! += span;
    }
  };
  const enter = (next: string | null, at: number) => {
    const wasDone = status !== null && binding.done.has(status);
    const isDone = next !== null && binding.done.has(next);
    if (isDone && !wasDone) doneRunStart = at;
    if (!isDone) doneRunStart = null;
    status = next;
    segStart = at;
  };

  // The creation status opens the first run of done statuses too (an item created as done).
  enter(status, item.createdAt);
  for (let i = 0; i < count; i++) {
    const c = changes[i]!;
    const at = Math.max(c.at, item.createdAt);
    close(at);
    enter(c.to, at);
  }
  // Done statuses are never bound to a step, so the open segment adds time only while work is unfinished.
  close(Math.max(asOf, segStart));

  const done = status !== null && binding.done.has(status) ? doneRunStart : null;
  return { start, done, current: status, active, wait, mappedInClip };
}
