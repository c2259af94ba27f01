// recordArray accepts and rejects exactly what z.array(z.object(shape)) does, and hands back the records themselves.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { recordArray } from '../../shared/domain/record-array.ts';

const shape = {
  key: z.string(),
  type: z.string().nullable(),
  cycleTimeHours: z.number().nullable(),
  leadTimeHours: z.number(),
  beyond: z.enum(['p50', 'p85', 'p95']).nullable(),
  note: z.string().optional(),
  open: z.boolean(),
};

const anyValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('p50', 'p85', 'p95', 'p99'),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({}),
  fc.constant([]),
);
const good: { [K in keyof typeof shape]: fc.Arbitrary<unknown> } = {
  key: fc.string(),
  type: fc.option(fc.string(), { nil: null }),
  cycleTimeHours: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
  leadTimeHours: fc.double({ noNaN: true, noDefaultInfinity: true }),
  beyond: fc.option(fc.constantFrom('p50', 'p85', 'p95'), { nil: null }),
  note: fc.option(fc.string(), { nil: undefined }),
  open: fc.boolean(),
};
// Mostly well-formed records, each field sometimes replaced by any value (or left out).
const record = fc.record(
  Object.fromEntries(Object.entries(good).map(([k, g]) => [k, fc.oneof({ arbitrary: g, weight: 6 }, { arbitrary: anyValue, weight: 1 })])),
  { requiredKeys: Object.keys(good).filter((k) => k !== 'note') },
);
const rows = fc.array(fc.oneof({ arbitrary: record, weight: 20 }, { arbitrary: anyValue, weight: 1 }), { maxLength: 8 });

describe('recordArray', () => {
  const fast = recordArray(shape);
  const reference = z.array(z.object(shape));

  it('accepts and rejects what z.array(z.object(shape)) does, and gives back the very records', () => {
    fc.assert(
      fc.property(rows, (input) => {
        const a = fast.safeParse(input);
        const b = reference.safeParse(input);
        expect(a.success).toBe(b.success);
        if (a.success && b.success) {
          expect(a.data).toEqual(b.data);
          a.data.forEach((r, i) => expect(r).toBe(input[i]));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names the first bad record and field', () => {
    const r = fast.safeParse([
      { key: 'A-1', type: null, cycleTimeHours: 1, leadTimeHours: 2, beyond: null, open: true },
      { key: 'A-2', type: null, cycleTimeHours: 1, leadTimeHours: '2', beyond: null, open: true },
    ]);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: [1, 'leadTimeHours'], message: 'expected a number' });
  });

  it('refuses a field kind it cannot check in place', () => {
    expect(() => recordArray({ tags: z.array(z.string()) })).toThrow(/type array is not supported/);
  });
});
