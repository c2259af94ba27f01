// WIP run chart: items in progress at the end of each day, as one total line or stacked per step (flow
// order, first step on top). A day column is a button: its tooltip gives the count per step, Enter or a
// click lists the items in progress at that instant.
import { area, extent, format, line, max, scaleLinear, scaleUtc, stack } from 'd3';
import { memo, useMemo, useState } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { formatDate, formatNumber } from '../common/format.ts';
import { AxisBottom, AxisLeft, dateTicks, tickCount } from './axes.tsx';
import { ChartCard, LegendSwatch, type PlotSize } from './ChartCard.tsx';
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
  const paths = useMemo(() => {
    if (!stacked) return [];
    const keys = steps.map((_, i) => i).reverse();
    const layers = stack<number, number>()
      .keys(keys)
      .value((d, k) => steps[k]!.values[d]!)(series.days.map((_, d) => d));
    const gen = area<[number, number]>()
      .x((_, i) => x(dates[i]!))
      .y0((p) => y(p[0]))
      .y1((p) => y(p[1]));
    return layers.map((l) => ({ i: l.key, d: gen(l.map((p) => [p[0], p[1]] as [number, number])) ?? '' }));
  }, [stacked, steps, series, x, y, dates]);
  const totalPath = useMemo(
    () =>
      line<number>()
        .x((_, i) => x(dates[i]!))
        .y((v) => y(v))(series.wipRun.total) ?? '',
    [series, x, y, dates],
  );
  const colW = (width - M.left - M.right) / Math.max(1, series.days.length);
  const cols = useMemo(
    () =>
      series.days.map((day, d) => {
        const tip = `${formatDate(series.sampledAt[d]!)} end of day: ${formatNumber(series.wipRun.total[d]!)} in progress${steps.map((s) => (s.values[d] ? ` · ${names.get(s.id) ?? s.id} ${s.values[d]}` : '')).join('')}`;
        const open = () => onSelect({ kind: 'wip', at: series.sampledAt[d]! }, `In progress at the end of ${day}`);
        return (
          <rect
            key={day}
            x={x(dates[d]!) - colW / 2}
            y={M.top}
            width={colW}
            height={height - M.bottom - M.top}
            fill="transparent"
            className="bar--button"
            data-testid="wip-day"
            data-day={day}
            data-total={series.wipRun.total[d]}
            tabIndex={d === series.days.length - 1 ? 0 : -1}
            role="button"
            aria-label={tip}
            onClick={open}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                open();
              } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
                // Arrow keys walk the days; Enter opens the one with focus.
                const next = (e.currentTarget as SVGRectElement)[
                  e.key === 'ArrowLeft' ? 'previousElementSibling' : 'nextElementSibling'
                ] as SVGRectElement | null;
                next?.focus();
              }
            }}
          >
            <title>{tip}</title>
          </rect>
        );
      }),
    [series, steps, names, x, dates, colW, height, onSelect],
  );
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
      <g>{cols}</g>
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title="Day (end of day)" />
    </>
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
