// The headline figures of the map over its window, from flowMetrics.
import { memo } from 'react';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';

export const Headline = memo(function Headline({ metrics }: { metrics: FlowMetrics }) {
  const figures: { label: string; value: string; sub?: string; id: string }[] = [
    { id: 'lead', label: 'Lead time', value: formatHours(metrics.leadTimeHours.p50), sub: `p50 · p85 ${formatHours(metrics.leadTimeHours.p85)}` },
    { id: 'cycle', label: 'Cycle time', value: formatHours(metrics.cycleTimeHours.p50), sub: `p50 · p85 ${formatHours(metrics.cycleTimeHours.p85)}` },
    {
      id: 'efficiency',
      label: 'Flow efficiency',
      value: formatPercent(metrics.flowEfficiency),
      sub: `pooled · per item p50 ${formatPercent(metrics.flowEfficiencyPerItem.p50)}`,
    },
    { id: 'throughput', label: 'Throughput', value: formatNumber(metrics.throughputPerWeek, 1), sub: 'items / week' },
    { id: 'wip', label: 'WIP', value: formatNumber(metrics.wip.current), sub: `now · average ${formatNumber(metrics.wip.average)}` },
    { id: 'done', label: 'Items done', value: formatNumber(metrics.items.done), sub: `of ${formatNumber(metrics.items.total)} items` },
  ];
  return (
    <dl className="headline" data-testid="headline">
      {figures.map((f) => (
        <div key={f.id} className="headline__figure" data-figure={f.id}>
          <dt>{f.label}</dt>
          <dd>
            <span className="headline__value">{f.value}</span>
            {f.sub && <span className="headline__sub">{f.sub}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
});
