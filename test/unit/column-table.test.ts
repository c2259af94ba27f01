// columnTable accepts and rejects a table by column exactly when its rows, as records, pass z.array(z.object(shape)),
// and hands back the columns themselves; rowsOf and toColumns turn one form into the other.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { columnTable, rowsOf, toColumns } from '../../shared/domain/column-table.ts';

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

const keys = Object.keys(shape) as (keyof typeof shape)[];
/** The rows' table by column: a column of undefined for a field no row has (it is optional). */
const byColumn = (input: unknown[]) =>
  Object.fromEntries(keys.map((k) => [k, input.map((r) => (typeof r === 'object' && r !== null ? (r as Record<string, unknown>)[k] : r))]));

describe('columnTable', () => {
  const fast = columnTable(shape);
  const reference = z.array(z.object(shape));

  it('accepts and rejects a table as z.array(z.object(shape)) does its rows, and gives back the very columns', () => {
    fc.assert(
      fc.property(rows, (input) => {
        const table = byColumn(input);
        const a = fast.safeParse(table);
        // A row that is no object puts itself in every column, and no value is both a string key and a boolean.
        const b = reference.safeParse(input);
        expect(a.success).toBe(b.success);
        if (a.success) {
          for (const k of keys) expect(a.data[k]).toBe(table[k]);
          expect(rowsOf(a.data)).toEqual(b.data!.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]]))));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips records through columns', () => {
    const records = [
      { key: 'A-1', type: null, cycleTimeHours: 1, leadTimeHours: 2, beyond: null, note: 'x', open: true },
      { key: 'A-2', type: 'Bug', cycleTimeHours: null, leadTimeHours: 3, beyond: 'p85' as const, note: 'y', open: false },
    ];
    const t = toColumns(records, keys);
    expect(t.key).toEqual(['A-1', 'A-2']);
    expect(fast.parse(t)).toBe(t);
    expect(rowsOf(t)).toEqual(records);
  });

  it('names the first bad column and row, and columns of unequal length', () => {
    const t = toColumns(
      [
        { key: 'A-1', type: null, cycleTimeHours: 1, leadTimeHours: 2, beyond: null, note: undefined, open: true },
        { key: 'A-2', type: null, cycleTimeHours: 1, leadTimeHours: '2' as unknown as number, beyond: null, note: undefined, open: true },
      ],
      keys,
    );
    expect(fast.safeParse(t).error!.issues[0]).toMatchObject({ path: ['leadTimeHours', 1], message: 'expected a number' });
    expect(fast.safeParse({ ...t, leadTimeHours: [2, 2], open: [true] }).error!.issues[0]).toMatchObject({
      path: ['open'],
      message: 'expected 2 values (as in key), found 1',
    });
    expect(fast.safeParse({ ...t, leadTimeHours: [2, 2], open: 'yes' }).error!.issues[0]).toMatchObject({ path: ['open'], message: 'expected an array' });
    expect(fast.safeParse([t]).success).toBe(false);
  });

  it('refuses a column kind it cannot check in place', () => {
    expect(() => columnTable({ tags: z.array(z.string()) })).toThrow(/type array is not supported/);
  });
});
