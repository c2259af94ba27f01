// One bar chart for every histogram and run chart: bars on a band scale (grouped or stacked series),
// vertical markers at fractional bar positions (percentiles, pooled values), a tooltip per bar naming its
// items, and bars that are buttons: Tab reaches them, Enter or a click opens the items behind them.
import { format, max, scaleBand, scaleLinear } from 'd3';
import { memo, useMemo } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import { AxisBottom, AxisLeft, TICK_FONT, tickCount } from './axes.tsx';
import type { PlotSize } from './ChartCard.tsx';
import { ALARM, INK_2 } from './palette.ts';

export interface BarDatum {
  id: string;
  /** Label under the bar (shown for every k-th bar so labels never touch). */
  label: string;
  values: number[];
  tooltip: string;
  select?: ChartSelection;
  /** Drawn in the alarm colour with a "bottleneck"-style outline. */
  mark?: boolean;
  faded?: boolean;
}

export interface Marker {
  /** Position in bars: 0 = left edge of the first bar, n = right edge of the last. */
  pos: number;
  label: string;
  color: string;
  dashed?: boolean;
}

const M = { top: 30, right: 18, bottom: 58, left: 64 };
const fmtCount = format(',d');

/**
 * A bar's label cut to `px` with an ellipsis (step names are often longer than their bar): labels never run
 * into each other; the bar's tooltip and the CSV carry the full name. Widths are estimated from the tick font.
 */
export function fitLabel(label: string, px: number): string {
  const fits = Math.floor(px / (TICK_FONT * 0.58));
  if (label.length <= fits) return label;
  return fits <= 1 ? '…' : `${label.slice(0, fits - 1).trimEnd()}…`;
}

export const BarsPlot = memo(function BarsPlot({
  bars,
  colors,
  stacked = false,
  size,
  xTitle,
  xHint,
  yTitle,
  markers = [],
  onSelect,
  yFormat = fmtCount,
  labelPx = 70,
  testId = 'bar',
  hideXLabels = false,
  fitLabels = false,
}: {
  bars: BarDatum[];
  colors: string[];
  stacked?: boolean;
  size: PlotSize;
  xTitle: string;
  /** What the x axis measures, its unit and convention (a tooltip on its title). */
  xHint?: string;
  yTitle: string;
  markers?: Marker[];
  onSelect?: (select: ChartSelection, title: string) => void;
  yFormat?: (v: number) => string;
  labelPx?: number;
  testId?: string;
  hideXLabels?: boolean;
  /** Cut labels longer than their room with an ellipsis (names; dates and numbers get room by `labelPx`). */
  fitLabels?: boolean;
}) {
  const { width, height } = size;
  const k = colors.length;
  const x = useMemo(
    () =>
      scaleBand<number>()
        .domain(bars.map((_, i) => i))
        .range([M.left, width - M.right])
        .paddingInner(bars.length > 120 ? 0 : 0.12)
        .paddingOuter(0.05),
    [bars, width],
  );
  const top = max(bars, (b) => (stacked ? b.values.reduce((a, v) => a + v, 0) : Math.max(...b.values))) ?? 0;
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(1, top)])
        .nice()
        .range([height - M.bottom, M.top]),
    [top, height],
  );
  const every = Math.max(1, Math.ceil(bars.length / tickCount(width - M.left - M.right, labelPx)));
  const room = x.step() * every - 8;
  const xTicks = bars.flatMap((b, i) =>
    !hideXLabels && i % every === 0 ? [{ pos: x(i)! + x.bandwidth() / 2, label: fitLabels ? fitLabel(b.label, room) : b.label }] : [],
  );
  const yTicks = y
    .ticks(tickCount(height - M.top - M.bottom, 40))
    .filter((v) => yFormat !== fmtCount || Number.isInteger(v))
    .map((v) => ({ pos: y(v), label: yFormat(v) }));
  const sub = stacked || k === 1 ? x.bandwidth() : x.bandwidth() / k;
  const xAt = (pos: number) => {
    if (bars.length === 0) return M.left;
    const i = Math.min(bars.length - 1, Math.max(0, Math.floor(pos)));
    return x(i)! + Math.min(1, Math.max(0, pos - i)) * x.bandwidth();
  };
  const rects = useMemo(
    () =>
      bars.map((b, i) => {
        let base = 0;
        const open = b.select && onSelect ? () => onSelect(b.select!, b.tooltip) : undefined;
        return (
          // Keyed by position, not id: a filter change shifts a histogram's bins (the forecast's ~430 item counts),
          // and bars keyed by bin were all removed and made again; by position they are updated in place.
          <g
            key={i}
            className={open ? 'bar bar--button' : 'bar'}
            data-testid={testId}
            data-id={b.id}
            data-values={b.values.join(',')}
            tabIndex={open ? 0 : undefined}
            role={open ? 'button' : undefined}
            aria-label={b.tooltip}
            onClick={open}
            onKeyDown={
              open
                ? (e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      open();
                    }
                  }
                : undefined
            }
          >
            {/* Item keys are imported text: React text inside <title>, never markup. */}
            <title>{b.tooltip}</title>
            {/* A full-height hit area, so thin or empty bars can still be hovered and clicked. */}
            <rect x={x(i)} y={M.top} width={x.bandwidth()} height={height - M.bottom - M.top} fill="transparent" />
            {b.values.map((v, s) => {
              const y0 = stacked ? base : 0;
              base += v;
              const bx = stacked || k === 1 ? x(i)! : x(i)! + s * sub;
              return (
                <rect
                  key={s}
                  x={bx}
                  y={y(y0 + v)}
                  width={Math.max(sub, 0.5)}
                  height={Math.max(0, y(y0) - y(y0 + v))}
                  fill={b.mark ? ALARM : colors[s]}
                  fillOpacity={b.faded ? 0.4 : 1}
                  stroke={b.mark ? '#7f1d1d' : undefined}
                  strokeWidth={b.mark ? 2 : undefined}
                />
              );
            })}
          </g>
        );
      }),
    [bars, x, y, colors, stacked, k, sub, height, onSelect, testId],
  );
  return (
    <>
      <AxisLeft ticks={yTicks} x={M.left} y0={M.top} y1={height - M.bottom} gridTo={width - M.right} title={yTitle} />
      <g>{rects}</g>
      {/* Every line first, then every label over them (with its white halo), so no line crosses a label. */}
      {markers.map((m) => {
        const mx = Math.min(width - M.right, Math.max(M.left, xAt(m.pos)));
        return (
          <line
            key={m.label}
            data-testid="bar-marker"
            aria-hidden="true"
            x1={mx}
            x2={mx}
            y1={M.top - 10}
            y2={height - M.bottom}
            stroke={m.color}
            strokeWidth={2.5}
            strokeDasharray={m.dashed ? '7 4' : undefined}
          />
        );
      })}
      {markers.map((m, i) => {
        const mx = Math.min(width - M.right, Math.max(M.left, xAt(m.pos)));
        const right = mx > width - 160;
        // Labels stagger downwards so close markers (p85 and p95 often are) never overlap.
        return (
          <text
            key={m.label}
            aria-hidden="true"
            x={right ? mx - 5 : mx + 5}
            y={M.top + 4 + i * 17}
            textAnchor={right ? 'end' : 'start'}
            fontSize={14}
            fontWeight={800}
            fill={m.color}
            stroke="#fff"
            strokeWidth={4}
            paintOrder="stroke"
          >
            {m.label}
          </text>
        );
      })}
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title={xTitle} hint={xHint} />
      {bars.length === 0 && (
        <text x={width / 2} y={height / 2} textAnchor="middle" fill={INK_2} fontSize={16}>
          Not enough data
        </text>
      )}
    </>
  );
});
