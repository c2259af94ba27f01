// WIP run chart: items in progress at the end of each day, as one total line or stacked per step (flow
// order, first step on top). The pointer or the arrow keys pick a day: its tooltip gives the count per step,
// Enter or a click lists the items in progress at that instant.
import { bisectCenter, extent, format, line, max, scaleLinear, scaleUtc } from 'd3';
import { memo, useMemo, useState } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { formatDate, formatNumber } from '../common/format.ts';
import { AxisBottom, AxisLeft, dateTicks, tickCount } from './axes.tsx';
import { ChartCard, LegendSwatch, plotArea, type PlotSize } from './ChartCard.tsx';
import { stackedAreaPaths } from './svg-paths.ts';
import { ACCENT, stepColors } from './palette.ts';
import { dayToDate } from './series-math.ts';

const M = { top: 12, right: 18, bottom: 58, left: 64 };

function Plot({
  series,
  stacked,
  colors,
  size,
  onSelect,
}: {
  series: FlowSeries;
  stacked: boolean;
  colors: string[];
  size: PlotSize;
  onSelect: (s: ChartSelection, t: string) => void;
}) {
  const { width, height } = size;
  const dates = useMemo(() => series.days.map(dayToDate), [series]);
  const x = useMemo(
    () =>
      scaleUtc()
        .domain(extent(dates) as [Date, Date])
        .range([M.left, width - M.right]),
    [dates, width],
  );
  const top = max(series.wipRun.total) ?? 0;
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(1, top)])
        .nice()
        .range([height - M.bottom, M.top]),
    [top, height],
  );
  const steps = series.wipRun.steps;
  const names = useMemo(() => new Map(series.cfd.steps.map((s) => [s.id, s.name])), [series.cfd.steps]);
  // Each day's x once for every layer and the total line, at 0.1 px.
  const xs = useMemo(() => dates.map((d) => x(d)), [dates, x]);
  const paths = useMemo(() => {
    if (!stacked) return [];
    // The last step at the bottom, so the first is on top.
    const order = steps.map((_, i) => i).reverse();
    const d = stackedAreaPaths(
      order.map((i) => steps[i]!.values),
      xs,
      y,
    );
    return order.map((i, k) => ({ i, d: d[k]! }));
  }, [stacked, steps, xs, y]);
  const totalPath = useMemo(
    () =>
      line<number>()
        .digits(1)
        .x((_, i) => xs[i]!)
        .y((v) => y(v))(series.wipRun.total) ?? '',
    [series, xs, y],
  );
  const colW = (width - M.left - M.right) / Math.max(1, series.days.length);
  // One hit area for every day, not a button per day: a year of days was a thousand focusable rects and
  // tooltips rebuilt on every filter change. The pointer or the arrow keys pick the day; Enter or a click lists it.
  const [hover, setHover] = useState<number | null>(null);
  const D = series.days.length;
  const day = hover === null || hover >= D ? null : hover;
  const tipLines = (d: number): [string, string] => [
    `${formatDate(series.sampledAt[d]!)} end of day: ${formatNumber(series.wipRun.total[d]!)} in progress`,
    steps
      .filter((s) => s.values[d])
      .map((s) => `${names.get(s.id) ?? s.id} ${formatNumber(s.values[d]!)}`)
      .join(' · '),
  ];
  const tip = (d: number) => tipLines(d).filter(Boolean).join(' · ');
  const open = (d: number) => onSelect({ kind: 'wip', at: series.sampledAt[d]! }, `In progress at the end of ${series.days[d]!}`);
  const dayAt = (px: number) => (D === 0 ? null : Math.max(0, Math.min(D - 1, bisectCenter(dates, x.invert(px)))));
  const totals = useMemo(() => series.wipRun.total.join(','), [series]);
  const xTicks = dateTicks(x.ticks(tickCount(width - M.left - M.right, 110)), x);
  const yTicks = y
    .ticks(tickCount(height - M.top - M.bottom, 40))
    .filter(Number.isInteger)
    .map((v) => ({ pos: y(v), label: format(',d')(v) }));
  return (
    <>
      <AxisLeft ticks={yTicks} x={M.left} y0={M.top} y1={height - M.bottom} gridTo={width - M.right} title="Items in progress" />
      {stacked ? (
        paths.map((p) => <path key={p.i} d={p.d} fill={colors[p.i]} stroke="#fff" strokeWidth={0.5} data-testid="wip-band" />)
      ) : (
        <path d={totalPath} fill="none" stroke={ACCENT} strokeWidth={2.5} data-testid="wip-line" />
      )}
      {day !== null && (
        <rect
          x={x(dates[day]!) - colW / 2}
          y={M.top}
          width={Math.max(1, colW)}
          height={height - M.bottom - M.top}
          fill="#0f172a"
          fillOpacity={0.08}
          pointerEvents="none"
        />
      )}
      <rect
        {...plotArea(M, { width, height })}
        fill="transparent"
        className="bar--button"
        tabIndex={0}
        role="button"
        aria-label={day === null ? `${formatNumber(D)} days; arrow keys move between them, Enter lists the items in progress` : tip(day)}
        data-testid="wip-days"
        data-days={D}
        data-totals={totals}
        data-day={day === null ? undefined : series.days[day]}
        onPointerMove={(e) => {
          const box = (e.currentTarget.ownerSVGElement as SVGSVGElement).getBoundingClientRect();
          setHover(dayAt(e.clientX - box.left));
        }}
        onPointerLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
        onClick={() => day !== null && open(day)}
        onKeyDown={(e) => {
          if (D === 0) return;
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
            e.preventDefault();
            // From the last day on the first press: the window's end is what a team asks about first.
            setHover((d) => Math.max(0, Math.min(D - 1, d === null ? D - 1 : d + (e.key === 'ArrowRight' ? 1 : -1))));
          } else if ((e.key === 'Enter' || e.key === ' ') && day !== null) {
            e.preventDefault();
            open(day);
          }
        }}
      />
      {day !== null && <DayTip lines={tipLines(day)} at={x(dates[day]!)} x0={M.left} x1={width - M.right} y={M.top + 16} />}
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title="Day (end of day)" />
    </>
  );
}

/** Rough width of a 14 px character, to keep the tooltip inside the plot. */
const TIP_CHAR_PX = 7.8;

/** The picked day's tooltip: its total, then its count per step, kept inside the plot whichever side it fits. */
function DayTip({ lines, at, x0, x1, y }: { lines: [string, string]; at: number; x0: number; x1: number; y: number }) {
  const w = Math.max(...lines.map((l) => l.length)) * TIP_CHAR_PX;
  const left = Math.max(x0 + 4, Math.min(at + 10, x1 - 4 - w));
  return (
    <text data-testid="wip-tooltip" x={left} y={y} fontSize={14} fill="#0f172a" stroke="#fff" strokeWidth={4} paintOrder="stroke" pointerEvents="none">
      <tspan fontWeight={700}>{lines[0]}</tspan>
      {lines[1] && (
        <tspan x={left} dy={18}>
          {lines[1]}
        </tspan>
      )}
    </text>
  );
}

export const WipRun = memo(function WipRun({ series, onSelect }: { series: FlowSeries; onSelect: (s: ChartSelection, title: string) => void }) {
  const [stacked, setStacked] = useState(true);
  const colors = useMemo(() => stepColors(series.cfd.steps.length), [series]);
  const last = series.wipRun.total.at(-1) ?? 0;
  return (
    <ChartCard
      testId="chart-wip"
      title="WIP run chart"
      subtitle={`Items in progress at the end of each day · ${formatNumber(last)} at the window's end`}
      convention={
        series.convention
          ? `Total: items between their start and done dates by the ${series.convention.label} convention; per step: every visit (Flowmap)`
          : undefined
      }
      tools={
        <span className="chart__switch" role="group" aria-label="WIP per step">
          <button
            type="button"
            aria-pressed={stacked}
            className={`chart__export${stacked ? ' chart__export--on' : ''}`}
            onClick={() => setStacked(true)}
            data-testid="wip-stacked"
          >
            Per step
          </button>
          <button
            type="button"
            aria-pressed={!stacked}
            className={`chart__export${!stacked ? ' chart__export--on' : ''}`}
            onClick={() => setStacked(false)}
            data-testid="wip-total"
          >
            Total
          </button>
        </span>
      }
      legend={
        stacked ? (
          series.cfd.steps.map((s, i) => <LegendSwatch key={s.id} color={colors[i]!} label={s.name} />)
        ) : (
          <LegendSwatch color={ACCENT} label="All steps" line />
        )
      }
      label="WIP run chart"
      csv={() =>
        series.days.map((day, d) => ({
          day,
          sampled_at: series.sampledAt[d],
          total: series.wipRun.total[d],
          ...Object.fromEntries(series.wipRun.steps.map((s) => [s.id, s.values[d]])),
        }))
      }
    >
      {(size) => <Plot series={series} stacked={stacked} colors={colors} size={size} onSelect={onSelect} />}
    </ChartCard>
  );
});
