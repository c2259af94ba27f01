// (c) Cycle-time scatterplot: each completed item at its done date and cycle time, with the p50/p85/p95
// lines a team can quote as "85 % of items finish within …".
import { format, max, scaleLinear, scaleUtc } from 'd3';
import { memo, useMemo } from 'react';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { formatDate, formatHours } from '../common/format.ts';
import { AxisBottom, AxisLeft, dateTicks, formatDays, tickCount } from './axes.tsx';
import { ChartCard, type PlotSize } from './ChartCard.tsx';
import { ACCENT } from './palette.ts';
import { PercentileLines, type PctKey } from './percentiles.tsx';
import { hoursToDays, scatterPoints, type ScatterPoint } from './series-math.ts';

const M = { top: 14, right: 112, bottom: 58, left: 64 };

function Plot({ points, window, pcts, size }: { points: ScatterPoint[]; window: [Date, Date]; pcts: Record<PctKey, number>; size: PlotSize }) {
  const { width, height } = size;
  const x = useMemo(() => scaleUtc().domain(window).range([M.left, width - M.right]), [window, width]);
  const top = Math.max(max(points, (p) => p.cycleDays) ?? 0, hoursToDays(pcts.p95), 1);
  const y = useMemo(() => scaleLinear().domain([0, top]).nice().range([height - M.bottom, M.top]), [top, height]);
  // Thousands of circles: one memoised list so hovering or resizing other charts does not rebuild it.
  const dots = useMemo(
    () =>
      points.map((p) => (
        <circle key={p.key} cx={x(p.done)} cy={y(p.cycleDays)} r={3.5} fill={ACCENT} fillOpacity={0.42} data-testid="scatter-point">
          {/* Item keys and types are imported text: React text nodes inside <title>, never markup. */}
          <title>{`${p.key}${p.type ? ` (${p.type})` : ''}: ${formatHours(p.cycleDays * 24)} cycle time, done ${formatDate(p.done.toISOString())}`}</title>
        </circle>
      )),
    [points, x, y],
  );
  const xTicks = dateTicks(x.ticks(tickCount(width - M.left - M.right, 110)), x);
  const yTicks = y.ticks(tickCount(height - M.top - M.bottom, 40)).map((v) => ({ pos: y(v), label: formatDays(v) }));
  const lines = (['p50', 'p85', 'p95'] as const).filter((k) => Number.isFinite(pcts[k]) && points.length > 0).map((k) => ({ key: k, hours: pcts[k], y: y(hoursToDays(pcts[k])) }));
  return (
    <>
      <AxisLeft ticks={yTicks} x={M.left} y0={M.top} y1={height - M.bottom} gridTo={width - M.right} title="Cycle time (days)" />
      <g>{dots}</g>
      <PercentileLines lines={lines} x0={M.left} x1={width - M.right} />
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title="Done date" />
    </>
  );
}

export const CycleScatter = memo(function CycleScatter({ series }: { series: FlowSeries }) {
  const points = useMemo(() => scatterPoints(series), [series]);
  const window = useMemo(() => [new Date(series.window.from), new Date(series.window.to)] as [Date, Date], [series]);
  const pcts = series.scatter.cycleTimeHours;
  return (
    <ChartCard
      testId="chart-scatter"
      title="Cycle time"
      subtitle={`${format(',d')(points.length)} items completed in the window · from start to done`}
      label="Cycle time scatterplot"
    >
      {(size) => <Plot points={points} window={window} pcts={pcts} size={size} />}
    </ChartCard>
  );
});
