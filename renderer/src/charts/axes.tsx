// Axes drawn as React SVG from ticks the d3 scales compute (d3-axis would need to mutate the DOM through a
// selection, which React owns here). Fixed pixel font sizes: the charts are drawn at their real size.
import { utcFormat } from 'd3';
import { memo } from 'react';
import { GRID, INK_2, MUTED } from './palette.ts';

export interface Tick {
  /** Pixel position along the axis. */
  pos: number;
  label: string;
}

export const TICK_FONT = 14;
export const LABEL_FONT = 15;

/** A horizontal axis at y = `y`, from x0 to x1, with its title centred below the tick labels. */
/** A label centred on its tick, unless that would run past the plot's right edge (a year's last month was cut to "Jan 202"). */
function tickAnchor(t: Tick, x1: number): 'middle' | 'end' {
  const half = t.label.length * TICK_FONT * 0.3;
  return t.pos + half > x1 + 12 ? 'end' : 'middle';
}

export const AxisBottom = memo(function AxisBottom({
  ticks,
  x0,
  x1,
  y,
  title,
  hint,
}: {
  ticks: Tick[];
  x0: number;
  x1: number;
  y: number;
  title: string;
  hint?: string;
}) {
  return (
    <g className="axis axis--x" aria-hidden="true">
      <line x1={x0} x2={x1} y1={y} y2={y} stroke={INK_2} strokeWidth={1.5} />
      {ticks.map((t) => (
        <g key={`${t.pos}-${t.label}`} transform={`translate(${t.pos},${y})`}>
          <line y2={6} stroke={INK_2} />
          <text y={8 + TICK_FONT} textAnchor={tickAnchor(t, x1)} fontSize={TICK_FONT} fill={INK_2}>
            {t.label}
          </text>
        </g>
      ))}
      <text x={(x0 + x1) / 2} y={y + 20 + TICK_FONT + LABEL_FONT} textAnchor="middle" fontSize={LABEL_FONT} fontWeight={700} fill={MUTED} data-hint={hint}>
        {hint && <title>{hint}</title>}
        {title}
      </text>
    </g>
  );
});

/** A vertical axis at x = `x` with light grid lines across to `gridTo`, its title rotated along the left edge. */
export const AxisLeft = memo(function AxisLeft({
  ticks,
  x,
  y0,
  y1,
  gridTo,
  title,
  hint,
}: {
  ticks: Tick[];
  x: number;
  y0: number;
  y1: number;
  gridTo: number;
  title: string;
  hint?: string;
}) {
  return (
    <g className="axis axis--y" aria-hidden="true">
      {ticks.map((t) => (
        <g key={`${t.pos}-${t.label}`} transform={`translate(${x},${t.pos})`}>
          <line x2={gridTo - x} stroke={GRID} />
          <line x1={-6} stroke={INK_2} />
          <text x={-10} dy="0.35em" textAnchor="end" fontSize={TICK_FONT} fill={INK_2}>
            {t.label}
          </text>
        </g>
      ))}
      <line x1={x} x2={x} y1={y0} y2={y1} stroke={INK_2} strokeWidth={1.5} />
      <text transform={`translate(14,${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle" fontSize={LABEL_FONT} fontWeight={700} fill={MUTED} data-hint={hint}>
        {hint && <title>{hint}</title>}
        {title}
      </text>
    </g>
  );
});

/** Enough ticks to be useful, few enough that labels (~`labelPx` wide) never touch. */
export function tickCount(lengthPx: number, labelPx: number): number {
  return Math.max(2, Math.floor(lengthPx / labelPx));
}

const fmtMonthYear = utcFormat('%b %Y');
const fmtMonth = utcFormat('%b');
const fmtDay = utcFormat('%-d %b');

/**
 * Date tick labels in UTC (the series' days are dates of the duration basis' zone, placed at UTC midnight):
 * month ticks read "Jan 2026" in January and on the first tick, "Mar" otherwise; day ticks read "14 Mar".
 */
export function dateTicks(dates: Date[], pos: (d: Date) => number): Tick[] {
  return dates.map((d, i) => {
    const monthStart = d.getUTCDate() === 1 && d.getUTCHours() === 0;
    const label = !monthStart ? fmtDay(d) : i === 0 || d.getUTCMonth() === 0 ? fmtMonthYear(d) : fmtMonth(d);
    return { pos: pos(d), label };
  });
}

/** Days as an axis label: whole numbers from 10 up, one decimal below. */
export function formatDays(days: number): string {
  return days >= 10 || Number.isInteger(days) ? String(Math.round(days)) : days.toFixed(1);
}
