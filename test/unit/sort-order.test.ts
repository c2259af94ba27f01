// ascendingOrder gives the same order as a stable comparator sort of the indices, on both of its paths:
// packed whole numbers (instants in ms, with ties, as the scatter's done instants are) and the comparator
// (fractions, spans too wide to pack exactly, NaN).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascendingOrder } from '../../shared/metrics/sort-order.ts';

const stableOrder = (values: number[]): number[] =>
  values.map((_, i) => i).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b));

const Y2020 = Date.UTC(2020, 0, 1);
const Y2027 = Date.UTC(2027, 0, 1);

describe('ascendingOrder', () => {
  it('orders instants in ms as a stable sort does, ties in index order', () => {
    // A few distinct instants drawn many times makes ties the rule, not the exception.
    const instants = fc.array(fc.integer({ min: Y2020, max: Y2027 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        instants.chain((pool) => fc.array(fc.constantFrom(...pool), { maxLength: 400 })),
        (values) => {
          expect(Array.from(ascendingOrder(values))).toEqual(stableOrder(values));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders whole numbers of any span and sign, packed or not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), { maxLength: 200 }), (values) => {
        expect(Array.from(ascendingOrder(values))).toEqual(stableOrder(values));
      }),
      { numRuns: 300 },
    );
  });

  it('orders fractions through the comparator', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 200 }), (values) => {
        expect(Array.from(ascendingOrder(values))).toEqual(stableOrder(values));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the last index readable at the edge of exact packing', () => {
    // (hi − lo + 1) × n just under 2^53: the index must still come back as the remainder.
    const n = 4;
    const span = Math.floor(Number.MAX_SAFE_INTEGER / n) - 1;
    const values = [span, 0, span, 0];
    expect(Array.from(ascendingOrder(values))).toEqual([1, 3, 0, 2]);
    expect(Array.from(ascendingOrder([5, 5, 5]))).toEqual([0, 1, 2]);
    expect(Array.from(ascendingOrder([]))).toEqual([]);
  });

  it('orders only the first n values of a longer scratch buffer, as the walker passes its changes', () => {
    const buffer = new Float64Array([30, 10, 20, 10, -5, 0.5]);
    expect(Array.from(ascendingOrder(buffer, 4))).toEqual([1, 3, 2, 0]);
    expect(Array.from(ascendingOrder(buffer, 0))).toEqual([]);
  });
});
