// Monte Carlo forecasts from historical daily throughput. Browser-safe and deterministic for a seed.
// Each trial walks forward day by day from asOf, drawing each day's throughput uniformly at random
// (with replacement) from the daily throughput of the sampled history window.
//  - "when will N items be done": the number of days until the running total reaches N. pXX is the
//    R-7 percentile of the trials' day counts, rounded up to whole days: with probability ≈ XX% the N items
//    are done within that many days.
//  - "how many by date D": the number of items done over the whole days from asOf to D. pXX is the
//    (100 − XX)th percentile, rounded down: with probability ≈ XX% at least that many are done.
import { z } from 'zod';
import { DAY_MS } from '../domain/items.ts';
import { pct } from './quantile.ts';

export const ForecastSchema = z.object({
  asOf: z.string(),
  trials: z.number().int(),
  seed: z.number().int(),
  history: z.object({
    from: z.string(),
    to: z.string(),
    days: z.number().int(),
    items: z.number().int(),
    dailyThroughput: z.array(z.number()),
    workingDaysOnly: z.boolean(),
  }),
  when: z
    .object({
      items: z.number().int(),
      /** Days from asOf, and the date reached, per percentile; null when history has no throughput. */
      p50: z.object({ days: z.number(), date: z.string() }).nullable(),
      p85: z.object({ days: z.number(), date: z.string() }).nullable(),
      p95: z.object({ days: z.number(), date: z.string() }).nullable(),
      /** How many trials finished in exactly `days` days (ascending; trials that never finished are left out). */
      histogram: z.array(z.object({ days: z.number().int(), date: z.string(), trials: z.number().int() })).optional(),
    })
    .nullable(),
  howMany: z
    .object({
      by: z.string(),
      days: z.number().int(),
      p50: z.number(),
      p85: z.number(),
      p95: z.number(),
      /** How many trials completed exactly `items` items by the date (ascending). */
      histogram: z.array(z.object({ items: z.number().int(), trials: z.number().int() })).optional(),
    })
    .nullable(),
  basis: z.string(),
});
export type Forecast = z.infer<typeof ForecastSchema>;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts of equal values in an ascending array, as [value, how many] runs. */
function runs(sorted: Float64Array, limit = Number.POSITIVE_INFINITY): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (v >= limit) break;
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === v) last[1]++;
    else out.push([v, 1]);
  }
  return out;
}

export interface ForecastInput {
  asOf: number;
  /** Daily completed-item counts of the history window, oldest first. */
  dailyThroughput: number[];
  historyFrom: number;
  /** Where the history ends (default asOf: a done-window may end earlier). */
  historyTo?: number;
  /** Forward days that count (e.g. working days only); default every day. */
  isForecastDay?: (dayIndexFromAsOf: number) => boolean;
  workingDaysOnly?: boolean;
  items?: number;
  by?: number;
  trials?: number;
  seed?: number;
  /** Give up on "when" after this many days. */
  maxDays?: number;
}

/**
 * The forward days that count, as 0/1 by day index from asOf, judged once each and only as far as a trial
 * reaches (a calendar judges a day by a time-zone lookup).
 */
function forwardDays(isDay: (d: number) => boolean): (upTo: number) => Uint8Array {
  let mask = new Uint8Array(0);
  return (upTo) => {
    if (upTo <= mask.length) return mask;
    const next = new Uint8Array(Math.max(upTo, mask.length * 2, 64));
    next.set(mask);
    for (let d = mask.length; d < next.length; d++) next[d] = isDay(d) ? 1 : 0;
    return (mask = next);
  };
}

export function monteCarlo(input: ForecastInput): Forecast {
  const trials = input.trials ?? 10_000;
  const seed = input.seed ?? 1;
  const samples = input.dailyThroughput;
  const maxDays = input.maxDays ?? 3650;
  const total = samples.reduce((a, b) => a + b, 0);
  const date = (days: number) => new Date(input.asOf + days * DAY_MS).toISOString();
  const daysAhead = forwardDays(input.isForecastDay ?? (() => true));
  // The trials' loops are the forecast's whole cost (10,000 trials of up to years of days each): the
  // generator is mulberry32 (above) written out in them, the samples a typed array, the days a mask. The
  // draws are the same numbers in the same order as mulberry32(seed)'s calls, so a seed's answer stays.
  const drawn = Float64Array.from(samples);
  const n = drawn.length;
  let a = seed >>> 0;

  let when: Forecast['when'] = null;
  if (input.items !== undefined) {
    const N = input.items;
    if (total === 0 || n === 0) when = { items: N, p50: null, p85: null, p95: null };
    else {
      const days = new Float64Array(trials);
      let mask = daysAhead(64);
      for (let t = 0; t < trials; t++) {
        let done = 0;
        let d = 0;
        while (done < N && d < maxDays) {
          d++;
          if (d > mask.length) mask = daysAhead(d);
          if (mask[d - 1] === 0) continue;
          a = (a + 0x6d2b79f5) >>> 0;
          let x = a;
          x = Math.imul(x ^ (x >>> 15), x | 1);
          x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
          done += drawn[Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n)]!;
        }
        days[t] = d;
      }
      days.sort();
      const at = (p: number) => {
        const x = Math.ceil(pct(days, p) - 1e-9);
        return x >= maxDays ? null : { days: x, date: date(x) };
      };
      const histogram = runs(days, maxDays).map(([d, trials]) => ({ days: d, date: date(d), trials }));
      when = { items: N, p50: at(0.5), p85: at(0.85), p95: at(0.95), histogram };
    }
  }

  let howMany: Forecast['howMany'] = null;
  if (input.by !== undefined) {
    const D = Math.max(0, Math.floor((input.by - input.asOf) / DAY_MS));
    const counts = new Float64Array(trials);
    if (n > 0) {
      const mask = daysAhead(D);
      for (let t = 0; t < trials; t++) {
        let c = 0;
        for (let d = 0; d < D; d++) {
          if (mask[d] === 0) continue;
          a = (a + 0x6d2b79f5) >>> 0;
          let x = a;
          x = Math.imul(x ^ (x >>> 15), x | 1);
          x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
          c += drawn[Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n)]!;
        }
        counts[t] = c;
      }
    }
    counts.sort();
    const atLeast = (p: number) => Math.floor(pct(counts, 1 - p) + 1e-9);
    const histogram = runs(counts).map(([items, trials]) => ({ items, trials }));
    howMany = { by: new Date(input.by).toISOString(), days: D, p50: atLeast(0.5), p85: atLeast(0.85), p95: atLeast(0.95), histogram };
  }

  return {
    asOf: new Date(input.asOf).toISOString(),
    trials,
    seed,
    history: {
      from: new Date(input.historyFrom).toISOString(),
      to: new Date(input.historyTo ?? input.asOf).toISOString(),
      days: samples.length,
      items: total,
      dailyThroughput: samples,
      workingDaysOnly: input.workingDaysOnly ?? false,
    },
    when,
    howMany,
    basis: `${trials} trials (seed ${seed}), each day's throughput drawn with replacement from ${samples.length} ${input.workingDaysOnly ? 'working ' : ''}days of history; "when": days until N are done, pXX rounded up; "how many": whole days to the date, pXX = at least that many with XX% probability (rounded down)`,
  };
}
