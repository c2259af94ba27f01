// The bottleneck view: per step, the total wait of the completed items (where waiting piles up) and the p85
// wait of one item there (what a single item should expect), from the same flowMetrics as the map; the
// bottleneck (largest share of all wait) is marked. A bar opens the items that waited there, longest first.
import { memo, useMemo } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';
import { formatHours, formatNumber } from '../common/format.ts';
import { BarsPlot, type BarDatum } from './BarsPlot.tsx';
import { ChartCard, LegendSwatch } from './ChartCard.tsx';
import { ALARM, WAIT } from './palette.ts';

// The bars are in days already (hours / 24). Thousands read as "20k" so the labels stay clear of the axis title.
export const daysText = (d: number): string =>
  d === 0 ? '0' : d >= 10_000 ? `${formatNumber(Math.round(d / 1000))}k` : d >= 10 ? formatNumber(Math.round(d)) : d.toFixed(1);

export const WaitBars = memo(function WaitBars({
  metrics,
  onSelect,
}: {
  metrics: FlowMetrics & { convention?: { label: string } };
  onSelect: (s: ChartSelection, title: string) => void;
}) {
  const bn = metrics.bottleneck?.stepId ?? null;
  const [total, p85] = useMemo(() => {
    const make = (which: 'total' | 'p85'): BarDatum[] =>
      metrics.steps.map((s) => ({
        id: s.id,
        label: s.name,
        values: [s.waitHours[which] / 24],
        mark: s.id === bn,
        tooltip: `${s.name}${s.id === bn ? ' (bottleneck)' : ''}: ${formatHours(s.waitHours.total)} of wait in all, p85 ${formatHours(s.waitHours.p85)} per item, p50 ${formatHours(s.waitHours.p50)}`,
        select: { kind: 'step-wait', stepId: s.id },
      }));
    return [make('total'), make('p85')];
  }, [metrics, bn]);
  const bnName = metrics.steps.find((s) => s.id === bn)?.name;
  return (
    <ChartCard
      testId="chart-wait"
      title="Wait time per step"
      subtitle={
        bnName ? (
          <span data-testid="wait-bottleneck">
            Bottleneck: {bnName} · {metrics.bottleneck!.reason}
          </span>
        ) : (
          'No wait time in the window'
        )
      }
      legend={
        <>
          <LegendSwatch color={WAIT} label="Wait" />
          <LegendSwatch color={ALARM} label="Bottleneck (largest share of all wait)" />
        </>
      }
      label="Total and p85 wait time per step"
      convention={
        metrics.convention
          ? `Wait: exact elapsed time in each step, Flowmap convention (the ${metrics.convention.label} convention defines cycle and lead time only)`
          : undefined
      }
      csv={() =>
        metrics.steps.map((s) => ({
          step: s.id,
          name: s.name,
          wait_total_hours: s.waitHours.total,
          wait_p50_hours: s.waitHours.p50,
          wait_p85_hours: s.waitHours.p85,
          bottleneck: s.id === bn,
        }))
      }
    >
      {(size) => {
        const half = { width: size.width, height: Math.floor(size.height / 2) };
        return (
          <>
            <g data-testid="wait-total">
              <BarsPlot
                bars={total}
                colors={[WAIT]}
                size={half}
                xTitle=""
                yTitle="Total (days)"
                onSelect={onSelect}
                testId="wait-bar"
                yFormat={daysText}
                hideXLabels
              />
            </g>
            <g transform={`translate(0,${half.height})`} data-testid="wait-p85">
              <BarsPlot
                bars={p85}
                colors={[WAIT]}
                size={half}
                xTitle="Step (flow order)"
                yTitle="p85 (days)"
                onSelect={onSelect}
                testId="wait-p85-bar"
                yFormat={daysText}
                labelPx={40}
                fitLabels
              />
            </g>
          </>
        );
      }}
    </ChartCard>
  );
});
