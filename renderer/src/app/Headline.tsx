// The headline figures of the map over its window, from flowMetrics. Each figure names its convention and unit
// (tooltip, and the footnote below): under another tool's convention the core sends cycle and lead time by that
// tool's rules (`metrics.convention`), which replace Flowmap's own here.
import { memo } from 'react';
import type { FlowMetricsOutput } from '../../../shared/contract/contract.ts';
import { CONVENTIONS } from '../../../shared/metrics/conventions.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { conventionUnitText, daysText } from './convention-text.ts';

export const Headline = memo(function Headline({ metrics }: { metrics: FlowMetricsOutput }) {
  const c = metrics.convention;
  const name = c?.convention ?? 'flowmap';
  const info = CONVENTIONS[name];
  // Percentiles over no completed item are no figure at all: "no data", never "0 h" (a workshop map before import).
  const done = c ? c.done : metrics.items.done;
  const NONE = 'no data';
  const duration = (x: number) => (done === 0 ? NONE : c ? daysText(x, name) : formatHours(x));
  const cycle = c ? c.cycleTime : metrics.cycleTimeHours;
  const lead = c ? c.leadTime : metrics.leadTimeHours;
  const unit = conventionUnitText(name);
  const flowmapRule = c ? ` (Flowmap's rules: the ${info.label} convention defines cycle and lead time only)` : '';
  const figures: { label: string; value: string; sub?: string; id: string; title: string }[] = [
    {
      id: 'lead',
      label: 'Lead time',
      value: duration(lead.p50),
      sub: done === 0 ? 'no item done in the window' : `p50 · p85 ${duration(lead.p85)}`,
      title: `lead time: ${unit} from creation to done, ${info.label} convention`,
    },
    {
      id: 'cycle',
      label: 'Cycle time',
      value: duration(cycle.p50),
      sub: done === 0 ? 'no item done in the window' : `p50 · p85 ${duration(cycle.p85)}`,
      title: `cycle time: ${unit}, ${info.label} convention (${info.summary})`,
    },
    {
      id: 'efficiency',
      label: 'Flow efficiency',
      value: done === 0 ? NONE : formatPercent(metrics.flowEfficiency),
      sub: done === 0 ? 'no item done in the window' : `pooled · per item p50 ${formatPercent(metrics.flowEfficiencyPerItem.p50)}`,
      title: `flow efficiency: active hours ÷ (active + wait + blocked) hours over the completed items, exact elapsed time${flowmapRule}`,
    },
    {
      id: 'throughput',
      label: 'Throughput',
      value: metrics.items.total === 0 ? NONE : formatNumber(metrics.throughputPerWeek, 1),
      sub: 'items / week',
      title: `throughput: items done in the window per 7 days${flowmapRule}`,
    },
    {
      id: 'wip',
      label: 'WIP',
      value: formatNumber(metrics.wip.current),
      sub: `now · average ${formatNumber(metrics.wip.average)}`,
      title: `WIP: items in a mapped status now; average over the window, time-weighted${flowmapRule}`,
    },
    {
      id: 'done',
      label: 'Items done',
      value: formatNumber(c ? c.done : metrics.items.done),
      sub: `of ${formatNumber(metrics.items.total)} items`,
      title: c
        ? `items done in the window by the ${info.label} convention's done rule`
        : 'items done in the window (the last entry into a done status, still done), Flowmap convention',
    },
  ];
  return (
    <div className="headline-wrap">
      <dl className="headline" data-testid="headline" data-convention={name}>
        {figures.map((f) => (
          <div key={f.id} className="headline__figure" data-figure={f.id} title={f.title}>
            <dt>{f.label}</dt>
            <dd>
              <span className={f.value === NONE ? 'headline__value headline__value--none' : 'headline__value'}>{f.value}</span>
              {f.sub && <span className="headline__sub">{f.sub}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="headline__note muted" data-testid="headline-convention">
        Cycle and lead time: {unit}, {info.label} convention: {info.summary}.
      </p>
    </div>
  );
});
