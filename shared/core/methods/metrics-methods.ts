import path from 'node:path';
import type { MetricsQuery } from '../../contract/contract.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { bindMap } from '../../metrics/binding.ts';
import { createFlowAccumulator, type FlowMetrics } from '../../metrics/flow-metrics.ts';
import { streamHistories } from '../../store/item-repo.ts';
import { getMap, latestMapId } from '../../store/map-repo.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';

export function computeFlowMetrics(ctx: CoreContext, q: MetricsQuery): FlowMetrics {
  const map = getMap(ctx.db, { id: q.mapId });
  const asOf = q.asOf === undefined ? ctx.defaultAsOf() : Date.parse(q.asOf);
  const from = q.from === undefined ? undefined : Date.parse(q.from);
  const to = q.to === undefined ? undefined : Date.parse(q.to);
  if (from !== undefined && to !== undefined && from >= to) throw new FlowmapError('invalid-input', `window from ${q.from} is not before to ${q.to}`);
  const acc = createFlowAccumulator(bindMap(map), { asOf, from, to });
  for (const item of streamHistories(ctx.db, { types: q.types, label: q.label })) acc.add(item);
  return acc.result();
}

export function metricsMethods(ctx: CoreContext): MethodImpls<'flowMetrics' | 'reportModel'> {
  return {
    flowMetrics: (q) => computeFlowMetrics(ctx, q),
    reportModel: (q) => {
      const mapId = q.mapId ?? latestMapId(ctx.db);
      if (mapId === null) throw new FlowmapError('not-found', 'this workspace has no map yet: import one with `vsm map import FILE`');
      return {
        generatedAt: new Date(ctx.clock.now()).toISOString(),
        workspace: path.basename(ctx.workspacePath),
        map: getMap(ctx.db, { id: mapId }),
        metrics: computeFlowMetrics(ctx, { ...q, mapId }),
      };
    },
  };
}
