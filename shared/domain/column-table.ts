// A zod schema for a table held by column (a series' 50,000 scatter points and aging items): one array per
// field, all of one length, checked in place. Sent as records, every one repeated its field names: at 50,000
// items the series was 6.6 MB of JSON, and writing, sending and reading it back was most of a filter change.
// By column it is about 60 % of that, and JSON reads arrays of plain values faster than objects. Browser-safe.
import { z } from 'zod';

/** Types a column's values may have: string, number (finite), boolean, an enum, each optionally nullable or optional. */
type FieldCheck = { ok(v: unknown): boolean; expected: string };

function fieldCheck(schema: z.ZodType): FieldCheck {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; entries?: Record<string, string> } } })._zod.def;
  switch (def.type) {
    case 'string':
      return { ok: (v) => typeof v === 'string', expected: 'a string' };
    case 'number':
      return { ok: (v) => typeof v === 'number' && Number.isFinite(v), expected: 'a number' };
    case 'boolean':
      return { ok: (v) => typeof v === 'boolean', expected: 'a boolean' };
    case 'enum': {
      const values = new Set(Object.values(def.entries!));
      return { ok: (v) => values.has(v as string), expected: `one of ${[...values].map((x) => JSON.stringify(x)).join(', ')}` };
    }
    case 'nullable': {
      const inner = fieldCheck(def.innerType!);
      return { ok: (v) => v === null || inner.ok(v), expected: `${inner.expected} or null` };
    }
    case 'optional': {
      const inner = fieldCheck(def.innerType!);
      return { ok: (v) => v === undefined || inner.ok(v), expected: `${inner.expected} or nothing` };
    }
    default:
      // Caught when the module loads: a column of another kind would go unchecked.
      throw new Error(`columnTable: a column of type ${def.type} is not supported`);
  }
}

/** A table by column: for each field of a record, the array of its values, row i across all of them. */
export type ColumnTable<T> = { [K in keyof T]: T[K][] };

/**
 * A table by column, checked without copying: every field is an array of the same length whose values have
 * the field's type. The answer is the input's own arrays (unknown columns are kept, not stripped). The first
 * bad value is reported with its column and row.
 */
export function columnTable<S extends Record<string, z.ZodType>>(shape: S): z.ZodType<ColumnTable<z.output<z.ZodObject<S>>>> {
  const fields = Object.entries(shape).map(([key, s]) => ({ key, ...fieldCheck(s) }));
  return z.unknown().superRefine((t, ctx) => {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'expected an object of columns' });
      return;
    }
    let rows: number | null = null;
    for (const f of fields) {
      const col = (t as Record<string, unknown>)[f.key];
      if (!Array.isArray(col)) {
        ctx.addIssue({ code: 'custom', path: [f.key], message: 'expected an array' });
        return;
      }
      if (rows !== null && col.length !== rows) {
        ctx.addIssue({ code: 'custom', path: [f.key], message: `expected ${rows} values (as in ${fields[0]!.key}), found ${col.length}` });
        return;
      }
      rows = col.length;
      for (let i = 0; i < col.length; i++) {
        if (!f.ok(col[i])) {
          ctx.addIssue({ code: 'custom', path: [f.key, i], message: `expected ${f.expected}` });
          return;
        }
      }
    }
  }) as unknown as z.ZodType<ColumnTable<z.output<z.ZodObject<S>>>>;
}

/** How many rows a table has (the length of its first column; 0 for a table without columns). */
export function rowCount<T>(t: ColumnTable<T>): number {
  for (const k in t) return (t[k] as unknown[]).length;
  return 0;
}

/** Row i of a table as a record. */
export function rowAt<T>(t: ColumnTable<T>, i: number): T {
  const r = {} as T;
  for (const k in t) r[k] = t[k][i]!;
  return r;
}

/** Every row as a record, in order (for CSV files, the terminal and tests; drawing reads the columns). */
export function rowsOf<T>(t: ColumnTable<T>): T[] {
  return Array.from({ length: rowCount(t) }, (_, i) => rowAt(t, i));
}

/** A table by column from records, with the given columns in that order. */
export function toColumns<T>(rows: readonly T[], keys: readonly (keyof T)[]): ColumnTable<T> {
  const t = {} as ColumnTable<T>;
  for (const k of keys) t[k] = rows.map((r) => r[k]);
  return t;
}
