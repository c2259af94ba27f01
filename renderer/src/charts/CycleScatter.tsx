// Cycle-time scatterplot: each completed item at its done date and cycle time, with the p50/p85/p95 lines
// a team can quote as "85 % of items finish within …". The dots are drawn on a canvas (50,000 SVG circles
// would take seconds to lay out); a quadtree finds the dot under the pointer for the tooltip and the click,
// and the arrow keys walk the dots in done order when the plot has focus (Enter opens the item).
import { format, quadtree, scaleLinear, scaleUtc } from 'd3';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { formatDate, formatHours } from '../common/format.ts';
import { AxisBottom, AxisLeft, dateTicks, formatDays, tickCount } from './axes.tsx';
import { axisHint, axisTitle, chartConventionNote, inUnit, type ChartConvention } from '../app/convention-text.ts';
import { ChartCard, plotArea, type PlotSize } from './ChartCard.tsx';
import { ACCENT, ALARM } from './palette.ts';
import { useDotIndex } from './dot-index.ts';
import { DotTooltip } from './DotTooltip.tsx';
import { circlePath } from './svg-paths.ts';
import { PercentileLines, type PctKey } from './percentiles.tsx';
import { hoursToDays, scatterDots, type ScatterDots } from './series-math.ts';
import { rowsOf } from '../../../shared/domain/column-table.ts';

const M = { top: 14, right: 112, bottom: 58, left: 64 };
const R = 3.5;

function scales(dots: ScatterDots, window: [Date, Date], pcts: Record<PctKey, number>, { width, height }: PlotSize) {
  const x = scaleUtc()
    .domain(window)
    .range([M.left, width - M.right]);
  let longest = 0;
  for (let i = 0; i < dots.n; i++) if (dots.cycleDays[i]! > longest) longest = dots.cycleDays[i]!;
  const top = Math.max(longest, hoursToDays(pcts.p95), 1);
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([height - M.bottom, M.top]);
  return { x, y };
}

const tip = (dots: ScatterDots, i: number) => {
  const p = dots.point(i);
  return `${p.key}${p.type ? ` (${p.type})` : ''}: ${formatHours(dots.cycleDays[i]! * 24)} cycle time, done ${formatDate(new Date(dots.done[i]!).toISOString())}`;
};

/**
 * The dots as RGBA pixels (w × h, row-major): each an antialiased disc of radius R at the given CSS-pixel
 * centre, blended source-over. All dots share one colour, so only the coverage adds up (a = s + a·(1 − s))
 * and the colour is constant. Filling one path of 50,000 arcs took 430 ms to rasterise in software (no GPU)
 * and stamping a dot image per point over a second; writing the pixels takes a few milliseconds. Centres
 * come as two typed arrays and each pixel is written as one 32-bit word: an array of [x, y] pairs and four
 * byte writes per pixel were most of the scatter's redraw on a filter change.
 */
export function stampDots(xs: Float64Array, ys: Float64Array, w: number, h: number, dpr: number, color: string, alpha: number): Uint8ClampedArray<ArrayBuffer> {
  const cover = new Float32Array(w * h);
  const r = R * dpr;
  const reach = Math.ceil(r + 0.5);
  const offs: number[] = [];
  const dxs: number[] = [];
  const dys: number[] = [];
  const cov: number[] = [];
  for (let dy = -reach; dy <= reach; dy++)
    for (let dx = -reach; dx <= reach; dx++) {
      const a = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(dx, dy)));
      if (a > 0) {
        dxs.push(dx);
        dys.push(dy);
        offs.push(dy * w + dx);
        cov.push(a * alpha);
      }
    }
  const mOff = Int32Array.from(offs);
  const mDx = Int32Array.from(dxs);
  const mDy = Int32Array.from(dys);
  const mCov = Float32Array.from(cov);
  const taps = mOff.length;
  // The rows and columns any dot reached: only those are read back (the margins around the plot stay empty).
  let x0 = w;
  let x1 = -1;
  let y0 = h;
  let y1 = -1;
  for (let p = 0; p < xs.length; p++) {
    const px = Math.round(xs[p]! * dpr);
    const py = Math.round(ys[p]! * dpr);
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
    const centre = py * w + px;
    // A dot wholly inside skips the edge test for each of its pixels.
    const inside = px >= reach && py >= reach && px < w - reach && py < h - reach;
    for (let m = 0; m < taps; m++) {
      if (!inside) {
        const ix = px + mDx[m]!;
        const iy = py + mDy[m]!;
        if (ix < 0 || iy < 0 || ix >= w || iy >= h) continue;
      }
      const i = centre + mOff[m]!;
      const c = mCov[m]!;
      cover[i] = c + cover[i]! * (1 - c);
    }
  }
  const data = new Uint8ClampedArray(w * h * 4);
  const words = new Uint32Array(data.buffer);
  const [rr, gg, bb] = [1, 3, 5].map((k) => parseInt(color.slice(k, k + 2), 16)) as [number, number, number];
  // ImageData is RGBA in memory; as little-endian words that is A·2²⁴ + B·2¹⁶ + G·2⁸ + R.
  const rgb = (bb << 16) | (gg << 8) | rr;
  for (let y = Math.max(0, y0 - reach); y <= Math.min(h - 1, y1 + reach); y++) {
    const row = y * w;
    for (let i = row + Math.max(0, x0 - reach), end = row + Math.min(w - 1, x1 + reach); i <= end; i++) {
      const a = cover[i]!;
      // a ≥ 0, so adding a half and truncating rounds as Math.round does.
      if (a !== 0) words[i] = ((((a * 255 + 0.5) | 0) << 24) | rgb) >>> 0;
    }
  }
  return data;
}

function Dots({ dots, window, pcts, size }: { dots: ScatterDots; window: [Date, Date]; pcts: Record<PctKey, number>; size: PlotSize }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = globalThis.devicePixelRatio || 1;
    c.width = Math.round(size.width * dpr);
    c.height = Math.round(size.height * dpr);
    const g = c.getContext('2d')!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, size.width, size.height);
    const { x, y } = scales(dots, window, pcts, size);
    const xs = new Float64Array(dots.n);
    const ys = new Float64Array(dots.n);
    for (let i = 0; i < dots.n; i++) {
      xs[i] = x(dots.done[i]!);
      ys[i] = y(dots.cycleDays[i]!);
    }
    g.putImageData(new ImageData(stampDots(xs, ys, c.width, c.height, dpr, ACCENT, 0.42), c.width, c.height), 0, 0);
  }, [dots, size, pcts, window]);
  return (
    <canvas
      ref={ref}
      className="chart__canvas"
      style={{ width: size.width, height: size.height }}
      data-testid="scatter-canvas"
      data-points={dots.n}
      aria-hidden="true"
    />
  );
}

function Overlay({
  dots,
  window,
  pcts,
  size,
  onSelect,
  convention,
}: {
  dots: ScatterDots;
  window: [Date, Date];
  pcts: Record<PctKey, number>;
  size: PlotSize;
  onSelect?: (s: ChartSelection, t: string) => void;
  convention?: ChartConvention;
}) {
  const { width, height } = size;
  const { x, y } = useMemo(() => scales(dots, window, pcts, size), [dots, window, pcts, size]);
  // The hover index holds dot indices.
  const treeOf = useDotIndex([dots, x, y], () =>
    quadtree<number>()
      .x((i) => x(dots.done[i]!))
      .y((i) => y(dots.cycleDays[i]!))
      .addAll(Array.from({ length: dots.n }, (_, i) => i)),
  );
  const [hover, setHover] = useState<number | null>(null);
  const xTicks = dateTicks(x.ticks(tickCount(width - M.left - M.right, 110)), x);
  const yTicks = y.ticks(tickCount(height - M.top - M.bottom, 40)).map((v) => ({ pos: y(v), label: formatDays(v) }));
  const lines = (['p50', 'p85', 'p95'] as const)
    .filter((k) => Number.isFinite(pcts[k]) && dots.n > 0)
    .map((k) => ({ key: k, hours: pcts[k], y: y(hoursToDays(pcts[k])) }));
  const h = hover === null || hover >= dots.n ? null : hover;
  const open = (i: number) => {
    const key = dots.point(i).key;
    onSelect?.({ kind: 'item', key }, `Item ${key}`);
  };
  return (
    <>
      <AxisLeft
        ticks={yTicks}
        x={M.left}
        y0={M.top}
        y1={height - M.bottom}
        gridTo={width - M.right}
        title={axisTitle('Cycle time', convention)}
        hint={axisHint('cycle time', convention)}
      />
      <PercentileLines lines={lines} x0={M.left} x1={width - M.right} />
      <AxisBottom ticks={xTicks} x0={M.left} x1={width - M.right} y={height - M.bottom} title="Done date" />
      <rect
        {...plotArea(M, { width, height })}
        fill="transparent"
        tabIndex={0}
        role="button"
        aria-label={`${dots.n} completed items; arrow keys move between them, Enter opens one`}
        data-testid="scatter-hit"
        onPointerMove={(e) => {
          const box = (e.currentTarget.ownerSVGElement as SVGSVGElement).getBoundingClientRect();
          const i = treeOf().find(e.clientX - box.left, e.clientY - box.top, 12);
          setHover(i === undefined ? null : i);
        }}
        onPointerLeave={() => setHover(null)}
        onClick={() => h !== null && open(h)}
        onKeyDown={(e) => {
          if (dots.n === 0) return;
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            e.preventDefault();
            setHover((i) => Math.min(dots.n - 1, Math.max(0, (i ?? (e.key === 'ArrowRight' ? -1 : dots.n)) + (e.key === 'ArrowRight' ? 1 : -1))));
          } else if ((e.key === 'Enter' || e.key === ' ') && h !== null) {
            e.preventDefault();
            open(h);
          }
        }}
      />
      {h !== null && (
        <DotTooltip
          testId="scatter-tooltip"
          cx={x(dots.done[h]!)}
          cy={y(dots.cycleDays[h]!)}
          r={6}
          ring={ALARM}
          text={tip(dots, h)}
          width={width}
          top={M.top + 14}
        />
      )}
    </>
  );
}

/** The dots as one SVG path of circles: for print, where a canvas would become a bitmap in the PDF. */
function VectorDots({ dots, window, pcts, size }: { dots: ScatterDots; window: [Date, Date]; pcts: Record<PctKey, number>; size: PlotSize }) {
  const { x, y } = scales(dots, window, pcts, size);
  let d = '';
  for (let i = 0; i < dots.n; i++) {
    const px = x(dots.done[i]!);
    const py = y(dots.cycleDays[i]!);
    d += circlePath(px, py, R);
  }
  return <path d={d} fill={ACCENT} fillOpacity={0.42} data-testid="scatter-vector" data-points={dots.n} />;
}

/**
 * `vector`: the dots drawn in the SVG itself (the report prints them as vector marks); otherwise on a canvas,
 * which stays fast with 50,000 points on screen.
 */
export const CycleScatter = memo(function CycleScatter({
  series,
  onSelect,
  vector = false,
}: {
  series: FlowSeries;
  onSelect?: (s: ChartSelection, title: string) => void;
  vector?: boolean;
}) {
  const dots = useMemo(() => scatterDots(series), [series]);
  const window = useMemo(() => [new Date(series.window.from), new Date(series.window.to)] as [Date, Date], [series]);
  const pcts = series.scatter.cycleTimeHours;
  const sizeRef = useRef<PlotSize>({ width: 0, height: 0 });
  return (
    <ChartCard
      testId="chart-scatter"
      title="Cycle time"
      subtitle={`${format(',d')(dots.n)} items completed in the window · from start to done`}
      label="Cycle time scatterplot"
      convention={chartConventionNote(series.convention, 'Cycle time')}
      underlay={
        vector
          ? undefined
          : (size) => {
              sizeRef.current = size;
              return <Dots dots={dots} window={window} pcts={pcts} size={size} />;
            }
      }
      underlaySvg={
        vector
          ? undefined
          : () => {
              const { x, y } = scales(dots, window, pcts, sizeRef.current);
              const circles = Array.from(
                { length: dots.n },
                (_, i) => `<circle cx="${x(dots.done[i]!).toFixed(1)}" cy="${y(dots.cycleDays[i]!).toFixed(1)}" r="${R}"/>`,
              );
              return `<g fill="${ACCENT}" fill-opacity="0.42">${circles.join('')}</g>`;
            }
      }
      csv={() =>
        series.convention
          ? // A day convention's values in its own unit: whole days, named with the convention.
            rowsOf(series.scatter.points).map((p) => ({
              key: p.key,
              type: p.type,
              done: p.done,
              day: p.day,
              [`cycle_time_${series.convention!.unit}_${series.convention!.name}`]: inUnit(p.cycleTimeHours, series.convention),
              [`lead_time_${series.convention!.unit}_${series.convention!.name}`]: inUnit(p.leadTimeHours, series.convention),
            }))
          : rowsOf(series.scatter.points).map((p) => ({
              key: p.key,
              type: p.type,
              done: p.done,
              day: p.day,
              cycle_time_hours: p.cycleTimeHours,
              lead_time_hours: p.leadTimeHours,
            }))
      }
    >
      {(size) => (
        <>
          {vector && <VectorDots dots={dots} window={window} pcts={pcts} size={size} />}
          <Overlay dots={dots} window={window} pcts={pcts} size={size} onSelect={onSelect} convention={series.convention} />
        </>
      )}
    </ChartCard>
  );
});
