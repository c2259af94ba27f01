// The distribution charts over the core's flowCharts: cycle-time histogram with its percentile lines, lead
// vs cycle time in the same bins, and per-item flow efficiency with the pooled value and the per-item mean
// and median marked (two different averages, named apart). Every bar opens the items behind it.
import { memo, useMemo } from 'react';
import type { ChartSeries } from '../../../shared/metrics/chart-series.ts';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { axisHint, axisTitle, chartConventionNote } from '../app/convention-text.ts';
import { BarsPlot, type BarDatum, type Marker } from './BarsPlot.tsx';
import { ChartCard, LegendSwatch } from './ChartCard.tsx';
import { ACCENT, ACTIVE, ALARM, INK, PERCENTILE_COLOR, WAIT } from './palette.ts';

type OnSelect = (select: ChartSelection, title: string) => void;
const days = (h: number) => h / 24;
const binLabel = (lo: number, hi: number | null, w: number) => {
  const unit = w >= 24 ? (x: number) => `${formatNumber(days(x), days(x) % 1 === 0 ? 0 : 1)} d` : (x: number) => `${formatNumber(x)} h`;
  return hi === null ? `≥ ${unit(lo)}` : unit(lo);
};
const keysText = (keys: string[], count: number) =>
  count === 0 ? '' : `: ${keys.join(', ')}${count > keys.length ? ` and ${formatNumber(count - keys.length)} more` : ''}`;
function pctMarkers(d: { p50: number | null; p85: number | null; p95: number | null }, binHours: number, prefix = ''): Marker[] {
  return (['p50', 'p85', 'p95'] as const).flatMap((k) =>
    d[k] === null ? [] : [{ pos: d[k]! / binHours, label: `${prefix}${k} ${formatHours(d[k])}`, color: PERCENTILE_COLOR[k], dashed: k !== 'p50' }],
  );
}

export const CycleHistogram = memo(function CycleHistogram({ charts, onSelect }: { charts: ChartSeries; onSelect: OnSelect }) {
  const h = charts.cycleHistogram;
  const bars = useMemo<BarDatum[]>(
    () =>
      h.bins.map((b, i) => ({
        id: String(i),
        label: binLabel(b.loHours, b.hiHours, h.binHours),
        values: [b.count],
        tooltip: `${b.hiHours === null ? `${formatHours(b.loHours)} or more` : `${formatHours(b.loHours)} – ${formatHours(b.hiHours)}`}: ${formatNumber(b.count)} items${keysText(b.keys, b.count)}`,
        select: { kind: 'cycle-bin', binHours: h.binHours, bins: h.bins.length, index: i },
      })),
    [h],
  );
  const markers = useMemo(() => pctMarkers(h.cycleTimeHours, h.binHours), [h]);
  return (
    <ChartCard
      testId="chart-cycle-histogram"
      title="Cycle-time histogram"
      subtitle={`${formatNumber(h.cycleTimeHours.count)} items completed in the window, start to done · bins of ${formatHours(h.binHours)}`}
      label="Cycle time histogram"
      convention={chartConventionNote(charts.convention, 'Cycle time')}
      csv={() => h.bins.map((b) => ({ lo_hours: b.loHours, hi_hours: b.hiHours ?? '', items: b.count, sample_keys: b.keys.join(' ') }))}
      legend={<LegendSwatch color={ACCENT} label="Items per bin" />}
    >
      {(size) => (
        <BarsPlot
          bars={bars}
          colors={[ACCENT]}
          size={size}
          xTitle={axisTitle('Cycle time', charts.convention)}
          xHint={axisHint('cycle time', charts.convention)}
          yTitle="Items"
          markers={markers}
          onSelect={onSelect}
          testId="hist-bar"
        />
      )}
    </ChartCard>
  );
});

export const LeadVsCycle = memo(function LeadVsCycle({ charts, onSelect }: { charts: ChartSeries; onSelect: OnSelect }) {
  const l = charts.leadVsCycle;
  const bars = useMemo<BarDatum[]>(
    () =>
      l.bins.map((b, i) => ({
        id: String(i),
        label: binLabel(b.loHours, b.hiHours, l.binHours),
        values: [b.lead, b.cycle],
        tooltip: `${b.hiHours === null ? `${formatHours(b.loHours)} or more` : `${formatHours(b.loHours)} – ${formatHours(b.hiHours)}`}: lead time ${formatNumber(b.lead)} items${keysText(b.leadKeys, b.lead)}; cycle time ${formatNumber(b.cycle)} items${keysText(b.cycleKeys, b.cycle)}`,
        select: { kind: 'lead-bin', binHours: l.binHours, bins: l.bins.length, index: i },
      })),
    [l],
  );
  const markers: Marker[] = [
    ...(l.leadTimeHours.p85 === null ? [] : [{ pos: l.leadTimeHours.p85 / l.binHours, label: `lead p85 ${formatHours(l.leadTimeHours.p85)}`, color: WAIT }]),
    ...(l.cycleTimeHours.p85 === null
      ? []
      : [{ pos: l.cycleTimeHours.p85 / l.binHours, label: `cycle p85 ${formatHours(l.cycleTimeHours.p85)}`, color: ACCENT, dashed: true }]),
  ];
  const fmt = (d: typeof l.leadTimeHours) =>
    d.count === 0 ? 'not enough data' : `p50 ${formatHours(d.p50)} · p85 ${formatHours(d.p85)} · p95 ${formatHours(d.p95)} · mean ${formatHours(d.mean)}`;
  return (
    <ChartCard
      testId="chart-lead-cycle"
      title="Lead time vs cycle time"
      subtitle={
        <>
          <span data-testid="lead-summary">Lead (created → done) {fmt(l.leadTimeHours)}</span>
          {' · '}
          <span data-testid="cycle-summary">Cycle (start → done) {fmt(l.cycleTimeHours)}</span>
        </>
      }
      label="Lead time and cycle time histograms in the same bins"
      convention={chartConventionNote(charts.convention, 'Lead and cycle time')}
      csv={() => l.bins.map((b) => ({ lo_hours: b.loHours, hi_hours: b.hiHours ?? '', lead_time_items: b.lead, cycle_time_items: b.cycle }))}
      legend={
        <>
          <LegendSwatch color={WAIT} label="Lead time (created → done)" />
          <LegendSwatch color={ACCENT} label="Cycle time (start → done)" />
        </>
      }
    >
      {(size) => (
        <BarsPlot
          bars={bars}
          colors={[WAIT, ACCENT]}
          size={size}
          xTitle={`${axisTitle('Time', charts.convention)}, same bins for both`}
          xHint={axisHint('lead and cycle time', charts.convention)}
          yTitle="Items"
          markers={markers}
          onSelect={onSelect}
          testId="lc-bar"
        />
      )}
    </ChartCard>
  );
});

export const FlowEfficiency = memo(function FlowEfficiency({ charts, onSelect }: { charts: ChartSeries; onSelect: OnSelect }) {
  const e = charts.flowEfficiency;
  const bars = useMemo<BarDatum[]>(
    () =>
      e.bins.map((b, i) => ({
        id: String(i),
        label: `${Math.round(b.lo * 100)}%`,
        values: [b.count],
        tooltip: `${Math.round(b.lo * 100)}–${Math.round(b.hi * 100)}% flow efficiency: ${formatNumber(b.count)} items${keysText(b.keys, b.count)}`,
        select: { kind: 'efficiency-bin', index: i },
      })),
    [e],
  );
  const n = e.bins.length;
  const markers: Marker[] = [
    ...(e.pooled === null ? [] : [{ pos: e.pooled * n, label: `pooled ${formatPercent(e.pooled)}`, color: ALARM }]),
    ...(e.meanPerItem === null ? [] : [{ pos: e.meanPerItem * n, label: `mean per item ${formatPercent(e.meanPerItem)}`, color: INK, dashed: true }]),
    ...(e.medianPerItem === null
      ? []
      : [{ pos: e.medianPerItem * n, label: `median per item ${formatPercent(e.medianPerItem)}`, color: ACTIVE, dashed: true }]),
  ];
  return (
    <ChartCard
      testId="chart-efficiency"
      title="Flow efficiency per item"
      subtitle={
        <span data-testid="efficiency-summary">
          {e.pooled === null
            ? 'Not enough data: no completed item spent time in a mapped status'
            : `Pooled ${formatPercent(e.pooled)} (Σ active ÷ Σ all time${charts.convention ? '' : ', the headline figure'}) · mean of per-item values ${formatPercent(e.meanPerItem)} · ${formatNumber(e.items)} items${e.leftOut ? `, ${formatNumber(e.leftOut)} with no mapped time left out` : ''}`}
        </span>
      }
      label="Per-item flow efficiency histogram"
      convention={
        charts.convention
          ? `Items: those done in the window by the ${charts.convention.label} convention's done rule; efficiency: active ÷ all mapped time (Flowmap, exact hours)`
          : undefined
      }
      csv={() => e.bins.map((b) => ({ lo: b.lo, hi: b.hi, items: b.count, sample_keys: b.keys.join(' ') }))}
      legend={<LegendSwatch color={ACTIVE} label="Items per 5-point bin" />}
    >
      {(size) => (
        <BarsPlot
          bars={bars}
          colors={[ACTIVE]}
          size={size}
          xTitle="Flow efficiency (active ÷ total time in the map)"
          yTitle="Items"
          markers={markers}
          onSelect={onSelect}
          testId="eff-bar"
          labelPx={48}
        />
      )}
    </ChartCard>
  );
});
