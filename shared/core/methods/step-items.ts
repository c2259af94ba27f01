// The drill-down from a step to the work items behind its figures: which completed items waited there
// longest, and which are there now. One scan; titles and web pages are read afterwards for the few items
// listed only, so the hot scan stays as lean as the metrics' own.
import { FlowmapError } from '../../domain/errors.ts';
import { HOUR_MS } from '../../domain/items.ts';
import { durationBasis, windowBounds } from '../../metrics/flow-metrics.ts';
import type { StepItem } from '../../metrics/items-table.ts';
import type { LinkedStepItem, LinkedStepItems, MetricsQuery } from '../../contract/contract.ts';
import type { CoreContext } from '../context.ts';
import { resolve } from '../resolve-query.ts';
import { itemTitles, itemUrls } from '../../store/item-repo.ts';

interface Candidate {
  id: number;
  /** What the list is ordered by: wait time for completed items, time in the step for current ones. */
  rank: number;
  row: Omit<StepItem, 'title'>;
}

/** Keeps the `limit` largest by rank (ties: earlier item first) without sorting every candidate. */
function topN(list: Candidate[], limit: number): Candidate[] {
  return list.sort((a, b) => b.rank - a.rank || a.id - b.id).slice(0, limit);
}

export function computeStepItems(ctx: CoreContext, q: MetricsQuery & { stepId: string; limit?: number }): LinkedStepItems {
  const r = resolve(ctx, q, true);
  const si = r.binding.steps.findIndex((s) => s.id === q.stepId);
  if (si < 0) throw new FlowmapError('not-found', `map "${r.map!.name}" has no step with id "${q.stepId}"`);
  const step = r.binding.steps[si]!;
  const limit = q.limit ?? 25;
  const { completedIn } = windowBounds({ asOf: r.asOf, from: r.from, to: r.to });
  const w = r.clock.w;
  const completed: Candidate[] = [];
  const current: Candidate[] = [];
  let completedWait = 0;

  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock }, r.filter, (f, item) => {
    if (item.createdAt > r.asOf) return;
    const wait = f.wait[si]!;
    const active = f.active[si]!;
    const blocked = f.blocked[si]!;
    const inWindow = completedIn(f.done);
    const isCurrent = f.done === null && f.currentStep === si;
    if (!(inWindow && wait + active + blocked > 0) && !isCurrent) return;
    const row = {
      key: item.key,
      type: item.type,
      status: f.current,
      waitHours: wait / HOUR_MS,
      activeHours: active / HOUR_MS,
      blockedHours: blocked / HOUR_MS,
      leadTimeHours: f.done === null ? null : (w(f.done) - w(item.createdAt)) / HOUR_MS,
      done: f.done === null ? null : new Date(f.done).toISOString(),
    };
    if (inWindow) {
      completedWait += wait;
      completed.push({ id: item.id, rank: wait, row });
    }
    if (isCurrent) current.push({ id: item.id, rank: wait + active + blocked, row });
  });

  const topCompleted = topN(completed, limit);
  const topCurrent = topN(current, limit);
  const ids = [...new Set([...topCompleted, ...topCurrent].map((c) => c.id))];
  const titles = itemTitles(ctx.db, ids);
  const urls = itemUrls(ctx.db, ids);
  const withTitle = (c: Candidate): LinkedStepItem => ({ ...c.row, title: titles.get(c.id) ?? null, url: urls.get(c.id) ?? null });
  return {
    stepId: step.id,
    stepName: step.name,
    asOf: new Date(r.asOf).toISOString(),
    durations: durationBasis(r.clock.calendar),
    completed: { count: completed.length, waitHours: completedWait / HOUR_MS, items: topCompleted.map(withTitle) },
    current: { count: current.length, items: topCurrent.map(withTitle) },
  };
}
