// The last few answers of a read, by its resolved query, kept for the items snapshot's life (cleared with it
// when the items change): a filter toggled back, or cleared, finds its answer instead of computing the same
// 50,000-item series again. Every caller shares one answer object, so none may change it: under the test
// runner answers are deep-frozen, so a change throws there; freezing 50,000 points costs 6–18 ms a query, which
// the app does not pay.
import { keepTagged } from './answer-tags.ts';
import type { CoreContext } from './context.ts';

const FREEZE = typeof process !== 'undefined' && process.env.VITEST !== undefined;

function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}

/** `compute()`'s answer for `key`, or the one kept from an earlier call with the same key (the last `max` kept). */
export function recentAnswer<T>(ctx: CoreContext, read: string, key: string, max: number, compute: () => T): T {
  const kept = ctx.timelines.derived(`recent:${read}`, () => new Map<string, T>());
  const hit = kept.get(key);
  if (hit !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const answer = keepTagged(FREEZE ? deepFreeze(compute()) : compute());
  kept.set(key, answer);
  if (kept.size > max) kept.delete(kept.keys().next().value!);
  return answer;
}
