// The waste analysis through the contract (issue 9): one pass over the items feeds the flow accumulator
// (wait share, flow efficiency and cycle-time p85 come from the very figures `vsm metrics` shows) and the
// waste accumulator, over the same map, asOf, window, filters and duration clock.
import type { MetricsQuery } from '../../contract/contract.ts';
import type { MapDoc } from '../../domain/map.ts';
import { createFlowAccumulator, type FlowMetrics } from '../../metrics/flow-metrics.ts';
import { createWasteAccumulator, suggestAbandonedStatuses, type WasteAnalysis, type WasteWalkMemo } from '../../metrics/waste.ts';
import { assigneeChangeInstants } from '../../store/import-repo.ts';
import type { ScannedItem } from '../../store/store-scan.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';
import { resolve, resolvedKey, type Resolved } from '../resolve-query.ts';
import { recentAnswer } from '../recent-answers.ts';
import { conventionLens } from '../convention-lens.ts';
import { asHours, conventionPercentile } from '../../metrics/conventions.ts';
import { windowBounds } from '../../metrics/flow-metrics.ts';

const NONE = new Float64Array(0);

/** The map, its figures, its waste, and the assignee-change instants read (the report walks the same items again). */
type FlowAndWaste = { map: MapDoc; metrics: FlowMetrics; waste: WasteAnalysis; assignees: Map<number, Float64Array> };
/** What is kept of one query's pass: all of it but the assignee instants, which the snapshot keeps already. */
type Kept = Omit<FlowAndWaste, 'assignees'>;
/** The map's and the dashboard's selections, the ones before and the likely next (next-filters.ts). */
const RECENT = 12;
/** Walk memos kept (one per binding, abandoned statuses, asOf and window): filters switch within one. */
const WALK_MEMOS = 4;

/**
 * The per-item waste walks of one (binding, abandoned statuses, asOf, window), kept for the snapshot's life:
 * a type or label filter selects other items of the same walks, so it walks none again.
 */
function wasteWalkMemo(ctx: CoreContext, r: Resolved, abandoned: string[]): WasteWalkMemo {
  const key = resolvedKey({ ...r, map: null, filter: { createdBefore: 0 }, convention: 'flowmap', abandoned } as Resolved);
  return recentAnswer<WasteWalkMemo>(ctx, 'waste-walks', key, WALK_MEMOS, () => new Map());
}

const assigneeInstants = (ctx: CoreContext) => ctx.timelines.derived('assignee-changes', () => assigneeChangeInstants(ctx.db));

/** flowMetrics and wasteAnalysis of one query are one pass: the app asks for both, so the last few are kept. */
export function computeFlowAndWaste(ctx: CoreContext, q: MetricsQuery): FlowAndWaste {
  const r = resolve(ctx, q, true);
  // Kept as a copy (the pass's answer holds the resolved map itself), and each caller gets its own copy, since
  // callers build on their answer (the ladder, the report). The assignee instants are the snapshot's own
  // cached arrays: shared, never copied.
  const kept = recentAnswer(ctx, 'flow-and-waste', resolvedKey(r), RECENT, () => structuredClone(flowAndWaste(ctx, r)));
  return { ...structuredClone(kept), assignees: assigneeInstants(ctx) };
}

function flowAndWaste(ctx: CoreContext, r: Resolved): Kept {
  const map = r.map!;
  const window = { asOf: r.asOf, from: r.from, to: r.to };
  const flow = createFlowAccumulator(r.binding, window, r.clock);
  const named = map.abandonedStatuses ?? [];
  const abandoned =
    named.length > 0
      ? { statuses: [...named], suggested: false }
      : {
          statuses: suggestAbandonedStatuses(
            ctx.timelines.statuses().map((s) => s.status),
            map,
          ),
          suggested: true,
        };
  const waste = createWasteAccumulator(r.binding, map, window, abandoned, r.clock, wasteWalkMemo(ctx, r, abandoned.statuses));
  const assignees = assigneeInstants(ctx);
  const conv = r.convention;
  const lens = conv === 'flowmap' ? null : conventionLens(r);
  const { completedIn } = windowBounds(window);
  const convCycles: number[] = [];
  // One item view reused for every item (a copy per item was a measurable share of a 50,000-item query).
  const view: ScannedItem & { assigneeChanges: Float64Array } = {
    id: 0,
    key: '',
    type: null,
    createdAt: 0,
    count: 0,
    at: NONE,
    from: [],
    to: [],
    initialStatus: null,
    assigneeChanges: NONE,
  };
  ctx.timelines.scan(r.binding, flow.walkOptions(), r.filter, (f, item) => {
    flow.addFacts(f, item.createdAt);
    view.id = item.id;
    view.key = item.key;
    view.type = item.type;
    view.createdAt = item.createdAt;
    view.count = item.count;
    view.at = item.at;
    view.from = item.from;
    view.to = item.to;
    view.initialStatus = item.initialStatus;
    view.assigneeChanges = assignees.get(item.id) ?? NONE;
    // Under another convention the aging figures are its ages against its cycle-time p85 (both in its unit).
    const c = lens?.(f, item);
    if (c && completedIn(c.done) && c.cycle !== null) convCycles.push(c.cycle);
    waste.add(f, view, c ? (c.done === null ? asHours(conv, c.age ?? null) : null) : undefined);
  });
  const metrics = flow.result();
  // The distributions' pooled efficiency is this very figure: flowCharts for the same query reuses it.
  ctx.timelines.derived(`pooled-efficiency:${resolvedKey(r)}`, () => metrics.flowEfficiency);
  convCycles.sort((a, b) => a - b);
  const p85 = lens ? asHours(conv, conventionPercentile(conv, convCycles, 0.85))! : metrics.cycleTimeHours.p85;
  return { map, metrics, waste: waste.result({ ...metrics, cycleTimeHours: { ...metrics.cycleTimeHours, p85 } }) };
}

export function wasteMethods(ctx: CoreContext): MethodImpls<'wasteAnalysis'> {
  return { wasteAnalysis: (q) => computeFlowAndWaste(ctx, q).waste };
}
