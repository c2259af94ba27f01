// (a) Cumulative flow: one stacked area per step in flow order over the done area. Widening bands show
// where work piles up; the slope of the done edge is throughput.
import { extent, format, scaleLinear, scaleUtc } from 'd3';
import { memo, useMemo } from 'react';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { AxisBottom, AxisLeft, dateTicks, tickCount } from './axes.tsx';
import { ChartCard, LegendSwatch, type PlotSize } from './ChartCard.tsx';
import { ACTIVE, stepColors } from './palette.ts';
import { stackedAreaPaths } from './svg-paths.ts';
import { cfdLayers, dayToDate, stackedTotals, type CfdLayer } from './series-math.ts';

const M = { top: 12, right: 18, bottom: 58, left: 78 };
const fmtCount = format(',d');

function Plot({ layers, dates, colors, size }: { layers: CfdLayer[]; dates: Date[]; colors: Map<string, string>; size: PlotSize }) {
  const { width, height } = size;
  const x = useMemo(
    () =>
      scaleUtc()
        .domain(extent(dates) as [Date, Date])
        .range([M.left, width - M.right]),
    [dates, width],
  );
  const top = useMemo(() => Math.max(0, ...stackedTotals(layers, dates.length)), [layers, dates]);
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(1, top)])
        .nice()
        .range([height - M.bottom, M.top]),
    [top, height],
  );
  const paths = useMemo(() => {
    // Each day's x once for every band (a time scale per point per band was most of this).
    const d = stackedAreaPaths(
      layers.map((l) => l.values),
      dates.map((t) => x(t)),
      y,
    );
    return layers.map((l, k) => ({ id: l.id, name: l.name, d: d[k]!, last: dates.length > 0 ? l.values[dates.length - 1]! : null }));
  }, [layers, dates, x, y]);
  const xTicks = dateTicks(x.ticks(tickCount(width - M.left - M.right, 110)), x);
  const yTicks = y.ticks(tickCount(height - M.top - M.bottom, 40)).map((v) => ({ pos: y(v), label: fmtCount(v) }));
  return (
    <>
      <AxisLeft ticks={yTicks} x={M.left} y0={M.top} y1={height - M.bottom} gridTo={width - M.right} title="Items (cumulative)" />
      {paths.map((p) => (
        <path key={p.id} d={p.d} fill={colors.get(p.id)} stroke="#fff" strokeWidth={0.5} data-testid="cfd-band" data-step-id={p.id}>
          {/* Step names are map text: React text inside <title>, never markup. */}
          <title>{p.last !== null ? `${p.name}: ${fmtCount(p.last)} at the end of the window` : p.name}</title>
        </path>
      ))}
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title="Day" />
    </>
  );
}

export const CumulativeFlow = memo(function CumulativeFlow({ series }: { series: FlowSeries }) {
  const layers = useMemo(() => cfdLayers(series), [series]);
  const dates = useMemo(() => series.days.map(dayToDate), [series]);
  const colors = useMemo(() => {
    const steps = series.cfd.steps;
    const palette = stepColors(steps.length);
    return new Map<string, string>([['done', ACTIVE], ...steps.map((s, i) => [s.id, palette[i]!] as [string, string])]);
  }, [series]);
  const legend = (
    <>
      {series.cfd.steps.map((s) => (
        <LegendSwatch key={s.id} color={colors.get(s.id)!} label={s.name} />
      ))}
      <LegendSwatch color={ACTIVE} label="Done" />
    </>
  );
  return (
    <ChartCard
      testId="chart-cfd"
      title="Cumulative flow"
      subtitle="Items in each step per day, stacked in flow order over done"
      legend={legend}
      label="Cumulative flow diagram"
      convention={
        series.convention ? `Done: counted on the date the ${series.convention.label} convention counts it done; steps: every visit (Flowmap)` : undefined
      }
    >
      {(size) => <Plot layers={layers} dates={dates} colors={colors} size={size} />}
    </ChartCard>
  );
});
