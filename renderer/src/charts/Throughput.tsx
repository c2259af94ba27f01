// (b) Weekly throughput: items completed per Monday-start week, empty weeks drawn as 0 so gaps are visible.
// Weeks cut by the window's edges are paler: fewer days, not a slower team.
import { format, max, scaleBand, scaleLinear, utcFormat } from 'd3';
import { memo, useMemo } from 'react';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { AxisBottom, AxisLeft, tickCount } from './axes.tsx';
import { ChartCard, LegendSwatch, type PlotSize } from './ChartCard.tsx';
import { ACCENT, INK_2 } from './palette.ts';
import { dayToDate } from './series-math.ts';

const M = { top: 14, right: 18, bottom: 58, left: 64 };
const fmtWeek = utcFormat('%-d %b');
const fmtWeekLong = utcFormat('%-d %b %Y');
type Week = FlowSeries['throughputWeekly'][number];

function Plot({ weeks, size }: { weeks: Week[]; size: PlotSize }) {
  const { width, height } = size;
  const x = useMemo(() => scaleBand<number>().domain(weeks.map((_, i) => i)).range([M.left, width - M.right]).paddingInner(0.18).paddingOuter(0.1), [weeks, width]);
  const y = useMemo(() => scaleLinear().domain([0, Math.max(1, max(weeks, (w) => w.count) ?? 0)]).nice().range([height - M.bottom, M.top]), [weeks, height]);
  // Label every k-th week so "14 Mar"-sized labels never touch.
  const every = Math.max(1, Math.ceil(weeks.length / tickCount(width - M.left - M.right, 84)));
  const xTicks = weeks.flatMap((w, i) => (i % every === 0 ? [{ pos: x(i)! + x.bandwidth() / 2, label: fmtWeek(dayToDate(w.weekStart)) }] : []));
  const yTicks = y.ticks(tickCount(height - M.top - M.bottom, 40)).filter(Number.isInteger).map((v) => ({ pos: y(v), label: format(',d')(v) }));
  return (
    <>
      <AxisLeft ticks={yTicks} x={M.left} y0={M.top} y1={height - M.bottom} gridTo={width - M.right} title="Items done" />
      {weeks.map((w, i) => (
        <rect
          key={w.weekStart}
          x={x(i)}
          y={y(w.count)}
          width={x.bandwidth()}
          height={y(0) - y(w.count)}
          fill={ACCENT}
          fillOpacity={w.daysInWindow < 7 ? 0.4 : 1}
          data-testid="throughput-bar"
          data-week={w.weekStart}
          data-count={w.count}
        >
          <title>{`Week of ${fmtWeekLong(dayToDate(w.weekStart))}: ${w.count} done${w.daysInWindow < 7 ? ` (${w.daysInWindow} days in the window)` : ''}`}</title>
        </rect>
      ))}
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title="Week starting (Monday)" />
      {weeks.length === 0 && (
        <text x={width / 2} y={height / 2} textAnchor="middle" fill={INK_2} fontSize={16}>
          No weeks in the window
        </text>
      )}
    </>
  );
}

export const Throughput = memo(function Throughput({ series }: { series: FlowSeries }) {
  const weeks = series.throughputWeekly;
  const full = weeks.filter((w) => w.daysInWindow === 7);
  const mean = full.length === 0 ? null : full.reduce((a, w) => a + w.count, 0) / full.length;
  return (
    <ChartCard
      testId="chart-throughput"
      title="Weekly throughput"
      subtitle={mean === null ? 'Items completed per week' : `Items completed per week · ${mean.toFixed(1)} a week on average over ${full.length} full weeks`}
      legend={
        <>
          <LegendSwatch color={ACCENT} label="Full week" />
          <LegendSwatch color="rgba(29, 78, 216, 0.4)" label="Part week at the window's edge" />
        </>
      }
      label="Weekly throughput bar chart"
    >
      {(size) => <Plot weeks={weeks} size={size} />}
    </ChartCard>
  );
});
