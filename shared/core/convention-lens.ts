// The convention a query's figures follow (issue 14), applied item by item during the core's one scan: each
// scanned item's changes up to asOf, read under the named convention's start, done, day-counting and time-zone
// rules. Every method that reports a figure under a convention goes through here, so they cannot disagree.
import { FlowmapError } from '../domain/errors.ts';
import { itemUnderConvention, type ConventionItem, type ConventionName, type ItemChanges } from '../metrics/conventions.ts';
import type { ScannedItem } from '../store/store-scan.ts';
import type { TimelineWalker } from '../metrics/item-timeline.ts';
import { ascendingOrder } from '../metrics/sort-order.ts';
import type { Resolved } from './resolve-query.ts';

/** The step the other tools count from: named, else the first step in flow order. */
export function startStageOf(steps: { id: string }[], stepId: string | undefined): number {
  if (stepId === undefined) return 0;
  const i = steps.findIndex((s) => s.id === stepId);
  if (i < 0) throw new FlowmapError('invalid-input', `startStepId "${stepId}" is not a step of this map (steps: ${steps.map((s) => s.id).join(', ')})`);
  return i;
}

/** An item's changes up to asOf in instant order (ties keep their stored order), as the walker takes them. */
export function changesUpTo(item: ScannedItem, asOf: number): ItemChanges {
  const order = ascendingOrder(item.at, item.count);
  const at: number[] = [];
  const from: (string | null)[] = [];
  const to: string[] = [];
  const offsetMin: (number | null)[] = [];
  const offsets = item.offsets;
  for (const i of order) {
    if (item.at[i]! > asOf) break;
    at.push(item.at[i]!);
    from.push(item.from[i]!);
    to.push(item.to[i]!);
    offsetMin.push(offsets ? (offsets.all[offsets.first + i] ?? null) : null);
  }
  return { createdAt: item.createdAt, initialStatus: item.initialStatus, count: at.length, at, from, to, offsetMin };
}

export type ConventionLens = (f: TimelineWalker, item: ScannedItem, convention?: ConventionName) => ConventionItem;

/** Reads one scanned item under a convention (the resolved query's unless named); the start step is the
 * query's, else the map's own (`startStepId`), else the first step. */
export function conventionLens(r: Resolved, startStepId?: string): ConventionLens {
  const startStage = startStageOf(r.binding.steps, startStepId ?? r.map?.startStepId);
  const timeZone = r.map?.calendar?.timeZone ?? 'UTC';
  return (f, item, convention = r.convention) =>
    itemUnderConvention(convention, changesUpTo(item, r.asOf), r.binding, {
      timeZone,
      startStage,
      asOf: r.asOf,
      flowmap: { start: f.start, done: f.done, w: r.clock.w },
    });
}
