// The report's model: everything the print-ready page needs besides the chart series and the forecast
// (which it reads through their own contract methods), computed once over the report's query: the flow
// metrics and the waste analysis come from one pass (the same figures as `vsm metrics` and `vsm waste`),
// the comparison reuses those metrics for the current state.
import path from 'node:path';
import type { MetricsQuery, ReportModel } from '../../contract/contract.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { buildLadders } from '../../metrics/ladder.ts';
import { getMap, latestMapId } from '../../store/map-repo.ts';
import { itemSources } from '../../store/report-repo.ts';
import type { CoreContext } from '../context.ts';
import { resolve } from '../resolve-query.ts';
import { findingItems } from './finding-items.ts';
import { computeComparison, hasComparison } from './state-methods.ts';
import { computeStepItems } from './step-items.ts';
import { computeFlowAndWaste } from './waste-methods.ts';
import { figuresUnderConvention } from './convention-methods.ts';

/** How many items the report lists under each waste finding. */
export const REPORT_FINDING_ITEMS = 5;

export function computeReportModel(ctx: CoreContext, q: Partial<MetricsQuery>): ReportModel {
  const mapId = q.mapId ?? latestMapId(ctx.db);
  if (mapId === null) throw new FlowmapError('not-found', 'this workspace has no map yet: import one with `vsm map import FILE`');
  const query = { ...q, mapId };
  const { map, metrics: flow, waste, assignees } = computeFlowAndWaste(ctx, query);
  const ca = new Map(waste.steps.map((s) => [s.id, s.measuredPercentCompleteAccurate]));
  const r = resolve(ctx, query, true);
  // Under another convention the report's headline carries its figures, as flowMetrics' does.
  const metrics = { ...flow, ladder: buildLadders(map, flow, ca), ...(r.convention !== 'flowmap' ? { convention: figuresUnderConvention(ctx, query) } : {}) };
  return {
    generatedAt: new Date(ctx.clock.now()).toISOString(),
    workspace: path.basename(ctx.workspacePath),
    map: getMap(ctx.db, { id: mapId }),
    metrics,
    bottleneckItems: metrics.bottleneck ? computeStepItems(ctx, { ...query, stepId: metrics.bottleneck.stepId, limit: 8 }) : null,
    filters: { types: q.types ?? [], label: q.label ?? null },
    sources: itemSources(ctx.db, r.filter).map((s) => ({
      source: s.source,
      items: s.items,
      lastImport: s.lastImport ? { input: s.lastImport.input, finishedAt: new Date(s.lastImport.finishedAt).toISOString() } : null,
    })),
    waste,
    findingItems: findingItems(ctx, r, waste.findings, REPORT_FINDING_ITEMS, assignees),
    comparison: hasComparison(ctx, mapId) ? computeComparison(ctx, query, metrics) : null,
  };
}
