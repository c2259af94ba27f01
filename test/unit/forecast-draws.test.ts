// The forecast's trial loops draw from mulberry32 written out inline (for speed): they must be the very
// draws a plain walk with mulberry32(seed) makes, in the same order, with calendars and the "when" cut-off.
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/domain/items.ts';
import { monteCarlo, mulberry32, type ForecastInput } from '../../shared/metrics/forecast.ts';

/** The definition, day by day: "when" trials first, then "how many", from one generator. */
function plainTrials(input: ForecastInput): { days: number[]; counts: number[] } {
  const rand = mulberry32(input.seed ?? 1);
  const s = input.dailyThroughput;
  const isDay = input.isForecastDay ?? (() => true);
  const maxDays = input.maxDays ?? 3650;
  const trials = input.trials ?? 10_000;
  const days: number[] = [];
  const counts: number[] = [];
  if (input.items !== undefined && s.some((x) => x > 0)) {
    for (let t = 0; t < trials; t++) {
      let done = 0;
      let d = 0;
      while (done < input.items && d < maxDays) {
        d++;
        if (isDay(d - 1)) done += s[Math.floor(rand() * s.length)]!;
      }
      days.push(d);
    }
  }
  if (input.by !== undefined && s.length > 0) {
    const D = Math.floor((input.by - input.asOf) / DAY_MS);
    for (let t = 0; t < trials; t++) {
      let c = 0;
      for (let d = 0; d < D; d++) if (isDay(d)) c += s[Math.floor(rand() * s.length)]!;
      counts.push(c);
    }
  }
  return { days, counts };
}

/** [value, how many] of each distinct value, ascending (what the histograms report). */
function tally(xs: number[], below = Number.POSITIVE_INFINITY): Array<[number, number]> {
  const m = new Map<number, number>();
  for (const x of xs) if (x < below) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

describe('forecast trials', () => {
  it('are the draws of a plain mulberry32 walk, with and without a calendar or a cut-off', () => {
    const rand = mulberry32(99);
    const asOf = Date.UTC(2026, 0, 5);
    for (let k = 0; k < 30; k++) {
      const history = Array.from({ length: 3 + Math.floor(rand() * 120) }, () => (rand() < 0.5 ? 0 : Math.floor(rand() * 5)));
      const input: ForecastInput = {
        asOf,
        historyFrom: asOf - history.length * DAY_MS,
        dailyThroughput: history,
        items: 1 + Math.floor(rand() * 150),
        by: asOf + Math.floor(1 + rand() * 300) * DAY_MS,
        seed: k,
        trials: 500 + k * 37,
        ...(k % 3 === 0 ? { isForecastDay: (d: number) => (d + k) % 7 < 5, workingDaysOnly: true } : {}),
        ...(k % 4 === 0 ? { maxDays: 20 + k } : {}),
      };
      const f = monteCarlo(input);
      const plain = plainTrials(input);
      const maxDays = input.maxDays ?? 3650;
      expect(f.when?.histogram?.map((h) => [h.days, h.trials]) ?? []).toEqual(tally(plain.days, maxDays));
      expect(f.howMany!.histogram!.map((h) => [h.items, h.trials])).toEqual(tally(plain.counts));
    }
  });
});
