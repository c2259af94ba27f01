// The report's model: everything the print-ready page needs besides the chart series and the forecast
// (which it reads through their own contract methods), computed once over the report's query.
import path from 'node:path';
import type { MetricsQuery, ReportModel } from '../../contract/contract.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { getMap, latestMapId } from '../../store/map-repo.ts';
import { itemSources } from '../../store/report-repo.ts';
import type { CoreContext } from '../context.ts';
import { resolve } from '../resolve-query.ts';
import { computeFlowMetrics } from './metrics-methods.ts';
import { computeStepItems } from './step-items.ts';

export function computeReportModel(ctx: CoreContext, q: Partial<MetricsQuery>): ReportModel {
  const mapId = q.mapId ?? latestMapId(ctx.db);
  if (mapId === null) throw new FlowmapError('not-found', 'this workspace has no map yet: import one with `vsm map import FILE`');
  const query = { ...q, mapId };
  const metrics = computeFlowMetrics(ctx, query);
  const r = resolve(ctx, query, true);
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
  };
}
