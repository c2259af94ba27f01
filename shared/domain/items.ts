// Work items and their status history as the core sees them, whatever source they came from.
// Browser-safe: zod only.
import { z } from 'zod';

export const StatusChangeSchema = z.object({
  /** UTC instant in ms since the epoch. */
  at: z.number().int(),
  from: z.string().nullable(),
  to: z.string(),
  /** The UTC offset the source wrote the change's timestamp in (minutes east of UTC); null or absent when it had none. */
  offsetMin: z.number().int().nullable().optional(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const WorkItemSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  externalId: z.string(),
  key: z.string(),
  type: z.string().nullable(),
  title: z.string().nullable(),
  createdAt: z.number().int(),
  /** Status at creation when the source has no change out of it (items that never moved). */
  initialStatus: z.string().nullable(),
  labels: z.array(z.string()),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

/** An item with its changes, the unit the metrics engine consumes. */
export interface ItemHistory {
  id: number;
  key: string;
  type: string | null;
  title: string | null;
  createdAt: number;
  initialStatus: string | null;
  labels: readonly string[];
  /** Sorted by `at`; ties keep source order. */
  changes: readonly StatusChange[];
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
