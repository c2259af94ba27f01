// What a click on a chart asks the core for: the items behind one bar, bin, day or point, as a selection
// the core resolves with the same rules the series used to count them. Browser-safe (zod only).
import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-03-14');
const StepId = z.string().min(1).max(200);
const Bin = { binHours: z.number().positive().max(1e7), bins: z.number().int().min(1).max(10_000), index: z.number().int().min(0).max(10_000) };

export const ChartSelectionSchema = z.discriminatedUnion('kind', [
  /** Completed items whose cycle time falls in bin `index` of `bins` bins `binHours` wide (the last open-ended). */
  z.object({ kind: z.literal('cycle-bin'), ...Bin }),
  z.object({ kind: z.literal('lead-bin'), ...Bin }),
  /** Completed items whose per-item flow efficiency falls in 5-point bin `index` (0–19). */
  z.object({ kind: z.literal('efficiency-bin'), index: z.number().int().min(0).max(19) }),
  /** Items completed in the window on a local day, or in the local week starting that Monday. */
  z.object({ kind: z.literal('done-day'), day: IsoDate }),
  z.object({ kind: z.literal('done-week'), weekStart: IsoDate }),
  /** Items in a step (or in any step) at a day's sample instant, as the WIP run counts them. */
  z.object({ kind: z.literal('wip'), at: z.iso.datetime({ offset: true }), stepId: StepId.optional() }),
  /** Unfinished started items now in a step; stepId null: in a status on no step of the map. */
  z.object({ kind: z.literal('aging'), stepId: StepId.nullable() }),
  /** Completed items that waited in a step, longest wait first. */
  z.object({ kind: z.literal('step-wait'), stepId: StepId }),
  /** One item by key (a scatter point). */
  z.object({ kind: z.literal('item'), key: z.string().min(1).max(500) }),
]);
export type ChartSelection = z.infer<typeof ChartSelectionSchema>;

export const ChartItemSchema = z.object({
  key: z.string(),
  title: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string().nullable(),
  done: z.string().nullable(),
  leadTimeHours: z.number().nullable(),
  cycleTimeHours: z.number().nullable(),
  /** Unfinished items: hours since start at asOf. */
  ageHours: z.number().nullable(),
  /** step-wait: wait hours in that step; efficiency-bin: the item's flow efficiency (fraction). */
  value: z.number().nullable(),
});
export type ChartItem = z.infer<typeof ChartItemSchema>;

export const ChartItemsSchema = z.object({
  asOf: z.string(),
  /** How many items the selection holds; `items` lists the first `limit` in the order stated by `order`. */
  count: z.number().int(),
  order: z.string(),
  items: z.array(ChartItemSchema),
});
export type ChartItems = z.infer<typeof ChartItemsSchema>;
