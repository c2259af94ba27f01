// Per-item facts as a table, so any figure can be checked by hand or in a spreadsheet. Browser-safe.
import { z } from 'zod';
import { toCsv, type CsvCell } from '../domain/csv.ts';
import { DurationBasisSchema } from './flow-metrics.ts';

export const ItemRowSchema = z.object({
  key: z.string(),
  type: z.string().nullable(),
  created: z.string(),
  /** First entry into a mapped status. */
  start: z.string().nullable(),
  /** Done instant (start of the final run of done statuses, when done at asOf). */
  done: z.string().nullable(),
  status: z.string().nullable(),
  stepId: z.string().nullable(),
  leadTimeHours: z.number().nullable(),
  cycleTimeHours: z.number().nullable(),
  completedInWindow: z.boolean(),
  steps: z.array(z.object({ id: z.string(), activeHours: z.number(), waitHours: z.number(), blockedHours: z.number() })),
  /** Status changes up to asOf in the order they were applied (by instant; ties in source order). */
  changes: z.array(z.object({ at: z.string(), from: z.string().nullable(), to: z.string() })),
  /** Under a convention other than flowmap: the item's start, done, cycle and lead time by its rules, in its unit. */
  convention: z
    .object({
      start: z.string().nullable(),
      done: z.string().nullable(),
      cycle: z.number().nullable(),
      lead: z.number().nullable(),
      completedInWindow: z.boolean(),
    })
    .optional(),
});
export type ItemRow = z.infer<typeof ItemRowSchema>;

export const ItemTableSchema = z.object({
  asOf: z.string(),
  window: z.object({ from: z.string().nullable(), to: z.string() }),
  map: z.string().nullable(),
  durations: DurationBasisSchema,
  steps: z.array(z.object({ id: z.string(), name: z.string() })),
  items: z.array(ItemRowSchema),
  /** The convention of each row's `convention` figures (absent under flowmap, whose figures are the row's own). */
  convention: z.object({ name: z.string(), unit: z.enum(['hours', 'days']), summary: z.string() }).optional(),
});
export type ItemTable = z.infer<typeof ItemTableSchema>;

/** One item behind a step's figures: what the drill-down and the report list. */
export const StepItemSchema = z.object({
  key: z.string(),
  title: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string().nullable(),
  waitHours: z.number(),
  activeHours: z.number(),
  blockedHours: z.number(),
  leadTimeHours: z.number().nullable(),
  done: z.string().nullable(),
});
export type StepItem = z.infer<typeof StepItemSchema>;

/**
 * The items behind one step: those completed in the window that spent time there, longest wait first, and
 * those in the step at asOf (its WIP), longest time there first. Counts are of all such items; the lists
 * hold the first `limit`.
 */
export const StepItemsSchema = z.object({
  stepId: z.string(),
  stepName: z.string(),
  asOf: z.string(),
  durations: DurationBasisSchema,
  completed: z.object({ count: z.number().int(), waitHours: z.number(), items: z.array(StepItemSchema) }),
  current: z.object({ count: z.number().int(), items: z.array(StepItemSchema) }),
});
export type StepItems = z.infer<typeof StepItemsSchema>;

/**
 * One row per item, one column triple per step, the changes in one cell ("at from→to; …"); formula cells
 * neutralised by toCsv. `url` is the item's web page where the table comes linked (the contract adds it; the
 * metrics layer itself does not know where an item lives), empty otherwise.
 */
export function itemTableCsv(t: ItemTable & { items: (ItemRow & { url?: string | null })[] }): string {
  const head = ['key', 'url', 'type', 'created', 'start', 'done', 'status', 'step', 'lead_time_hours', 'cycle_time_hours', 'completed_in_window'];
  for (const s of t.steps) head.push(`${s.id}_active_hours`, `${s.id}_wait_hours`, `${s.id}_blocked_hours`);
  head.push('status_changes');
  const c = t.convention;
  if (c) head.push(`${c.name}_start`, `${c.name}_done`, `${c.name}_cycle_${c.unit}`, `${c.name}_lead_${c.unit}`, `${c.name}_completed_in_window`);
  const rows: CsvCell[][] = [];
  for (const r of t.items) {
    const row: CsvCell[] = [
      r.key,
      r.url ?? null,
      r.type,
      r.created,
      r.start,
      r.done,
      r.status,
      r.stepId,
      r.leadTimeHours,
      r.cycleTimeHours,
      r.completedInWindow,
    ];
    for (const s of r.steps) row.push(s.activeHours, s.waitHours, s.blockedHours);
    row.push(r.changes.map((x) => `${x.at} ${x.from ?? ''}→${x.to}`).join('; '));
    if (c)
      row.push(
        r.convention?.start ?? null,
        r.convention?.done ?? null,
        r.convention?.cycle ?? null,
        r.convention?.lead ?? null,
        r.convention?.completedInWindow ?? false,
      );
    rows.push(row);
  }
  return toCsv(head, rows);
}
