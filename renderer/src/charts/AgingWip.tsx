// (d) Aging WIP: one column per step in flow order, a dot per unfinished item at its age since it started,
// against the completed items' cycle-time p50/p85. Dots above p85 are already slower than 85 % of finished
// work: the items to talk about at stand-up.
import { format, max, quadtree, scaleBand, scaleLinear } from 'd3';
import { memo, useMemo, useState } from 'react';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { formatHours } from '../common/format.ts';
import { AxisLeft, formatDays, LABEL_FONT, tickCount } from './axes.tsx';
import { axisHint, axisTitle, chartConventionNote, inUnit, type ChartConvention } from '../app/convention-text.ts';
import { ChartCard, LegendSwatch, type PlotSize } from './ChartCard.tsx';
import { ACTIVE, ALARM, INK_2, MUTED, WAIT } from './palette.ts';
import { useDotIndex } from './dot-index.ts';
import { DotTooltip } from './DotTooltip.tsx';
import { circlePath } from './svg-paths.ts';
import { PercentileLines } from './percentiles.tsx';
import { agingColumns, hoursToDays, jitter, OFF_MAP, type AgingItem } from './series-math.ts';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import { rowsOf } from '../../../shared/domain/column-table.ts';

const M = { top: 14, right: 112, left: 64 };
const NAME_FONT = 14;
/** Rough width of a bold 14 px character, enough to decide between wrapping and slanting labels. */
const CHAR_PX = NAME_FONT * 0.55;

function dotColor(item: AgingItem): string {
  if (item.beyond === 'p85' || item.beyond === 'p95') return ALARM;
  if (item.beyond === 'p50') return WAIT;
  return ACTIVE;
}

/** Splits a step name into at most two lines of roughly equal length (word boundaries only). */
function twoLines(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2) return [name];
  let best: string[] = [name];
  let bestLen = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    const len = Math.max(a.length, b.length);
    if (len < bestLen) [best, bestLen] = [[a, b], len];
  }
  return best;
}

type Column = { id: string; name: string; items: AgingItem[] };
type Placed = { item: AgingItem; column: Column; px: number; py: number };

const R = 5;

const dotTip = (d: Placed) =>
  `${d.item.key}${d.item.type ? ` (${d.item.type})` : ''}: ${formatHours(d.item.ageHours)} since start, now in ${d.item.status ?? d.column.name}`;

/** A column's dots as one path per colour (circles as two arcs each), with their count for tests and exports. */
const ColumnDots = memo(function ColumnDots({ column, dots }: { column: Column; dots: Placed[] }) {
  // Past p85 drawn last, on top: the dots to talk about stay in sight where they crowd.
  const byColor = new Map<string, string>([
    [ACTIVE, ''],
    [WAIT, ''],
    [ALARM, ''],
  ]);
  for (const d of dots) {
    const color = dotColor(d.item);
    byColor.set(color, `${byColor.get(color) ?? ''}${circlePath(d.px, d.py, R)}`);
  }
  return (
    <g data-testid="aging-dots" data-step-id={column.id} data-count={dots.length}>
      {[...byColor]
        .filter(([, d]) => d !== '')
        .map(([color, d]) => (
          // Stroke under fill: one path strokes every circle before filling any, so a ring drawn over its
          // neighbours' fills (hollow-looking crowds) is avoided; the outer half of each ring still edges the dots.
          <path key={color} d={d} fill={color} fillOpacity={0.75} stroke={column.id === OFF_MAP ? '#0f172a' : '#fff'} strokeWidth={2} paintOrder="stroke" />
        ))}
    </g>
  );
});

function Plot({
  columns,
  pcts,
  size,
  onSelect,
  convention,
}: {
  columns: Column[];
  pcts: FlowSeries['aging']['cycleTimeHours'];
  size: PlotSize;
  onSelect?: (s: ChartSelection, t: string) => void;
  convention?: ChartConvention;
}) {
  const { width, height } = size;
  const x = useMemo(
    () =>
      scaleBand<string>()
        .domain(columns.map((c) => c.id))
        .range([M.left, width - M.right])
        .paddingInner(0.12)
        .paddingOuter(0.05),
    [columns, width],
  );
  // Step names under narrow columns: wrapped onto two lines when that fits, slanted when even that does not.
  const labels = columns.map((c) => twoLines(c.name));
  const widest = Math.max(0, ...labels.flat().map((l) => l.length * CHAR_PX));
  const slant = widest > x.step() - 4;
  const longest = Math.max(0, ...columns.map((c) => c.name.length * CHAR_PX));
  // Slanted 30°: a label of length L drops L·sin 30° plus its own height; then the axis title.
  const bottom = slant ? 10 + longest * 0.5 + NAME_FONT + LABEL_FONT + 6 : 14 + 2 * (NAME_FONT + 3) + LABEL_FONT + 10;
  const hasPct = columns.some((c) => c.items.length > 0) && Number.isFinite(pcts.p85);
  const top = Math.max(max(columns, (c) => max(c.items, (i) => i.ageHours)) ?? 0, hasPct ? pcts.p85 : 0, 24);
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, hoursToDays(top)])
        .nice()
        .range([height - bottom, M.top]),
    [top, height, bottom],
  );
  const yTicks = y.ticks(tickCount(height - M.top - bottom, 40)).map((v) => ({ pos: y(v), label: formatDays(v) }));
  // Every dot's centre, column by column: drawn as one path per colour and column (an element per dot, 4,500
  // on 50,000 items, made a filter change spend ~35 ms adding and removing them), and found under the
  // pointer through a quadtree built at the first pointer move.
  const placed = useMemo(
    () =>
      columns.map((c) => {
        const cx = x(c.id)! + x.bandwidth() / 2;
        const spread = x.bandwidth() * 0.7;
        return c.items.map((item) => ({ item, column: c, px: cx + jitter(item.key) * spread, py: y(hoursToDays(item.ageHours)) }));
      }),
    [columns, x, y],
  );
  const treeOf = useDotIndex([placed], () =>
    quadtree<Placed>()
      .x((d) => d.px)
      .y((d) => d.py)
      .addAll(placed.flat()),
  );
  const [hover, setHover] = useState<Placed | null>(null);
  const pointAt = (e: { clientX: number; clientY: number; currentTarget: Element }) => {
    const box = ((e.currentTarget as SVGElement).ownerSVGElement as SVGSVGElement).getBoundingClientRect();
    return treeOf().find(e.clientX - box.left, e.clientY - box.top, R + 2) ?? null;
  };
  const openItem = (d: Placed) => onSelect?.({ kind: 'item', key: d.item.key }, `Item ${d.item.key}`);
  const openColumn = (c: Column) => onSelect?.({ kind: 'aging', stepId: c.id === OFF_MAP ? null : c.id }, `Unfinished in ${c.name}`);
  const baseY = height - bottom;
  return (
    <>
      <AxisLeft
        ticks={yTicks}
        x={M.left}
        y0={M.top}
        y1={baseY}
        gridTo={width - M.right}
        title={convention ? axisTitle('Age', convention) : 'Age since start (days)'}
        hint={axisHint('age since start', convention)}
      />
      {columns.map((c, i) => (
        <rect
          key={c.id}
          x={x(c.id)}
          y={M.top}
          width={x.bandwidth()}
          height={baseY - M.top}
          fill={c.id === OFF_MAP ? '#fde68a' : i % 2 === 0 ? '#f1f5f9' : '#f8fafc'}
          fillOpacity={c.id === OFF_MAP ? 0.35 : 1}
          className="bar--button"
          data-testid="aging-column"
          data-step-id={c.id}
          tabIndex={0}
          role="button"
          aria-label={`${c.name}: ${c.items.length} unfinished items; Enter lists them`}
          // A click on a dot opens its item, elsewhere in the column the column's items.
          onPointerMove={(e) => setHover(pointAt(e))}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const d = pointAt(e);
            if (d) openItem(d);
            else openColumn(c);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              openColumn(c);
            }
          }}
        >
          <title>{`${c.name}: ${c.items.length} unfinished items${
            c.items.length
              ? `, oldest ${c.items
                  .slice(0, 5)
                  .map((i) => i.key)
                  .join(', ')}`
              : ''
          }`}</title>
        </rect>
      ))}
      {hasPct && (
        <PercentileLines
          lines={[
            { key: 'p50', hours: pcts.p50, y: y(hoursToDays(pcts.p50)) },
            { key: 'p85', hours: pcts.p85, y: y(hoursToDays(pcts.p85)) },
          ]}
          x0={M.left}
          x1={width - M.right}
        />
      )}
      <g pointerEvents="none">
        {placed.map((dots, i) => (
          <ColumnDots key={columns[i]!.id} column={columns[i]!} dots={dots} />
        ))}
      </g>
      {hover && (
        <DotTooltip testId="aging-tooltip" cx={hover.px} cy={hover.py} r={R + 1.5} ring="#0f172a" text={dotTip(hover)} width={width} top={M.top + 14} />
      )}
      <line x1={M.left} x2={width - M.right} y1={baseY} y2={baseY} stroke={INK_2} strokeWidth={1.5} />
      <g aria-hidden="true">
        {columns.map((c, i) => {
          const cx = x(c.id)! + x.bandwidth() / 2;
          return slant ? (
            <text
              key={c.id}
              data-testid="aging-step-name"
              transform={`translate(${cx},${baseY + 14}) rotate(-30)`}
              textAnchor="end"
              fontSize={NAME_FONT}
              fontWeight={700}
              fill={INK_2}
            >
              {c.name}
            </text>
          ) : (
            <text
              key={c.id}
              data-testid="aging-step-name"
              x={cx}
              y={baseY + 8 + NAME_FONT}
              textAnchor="middle"
              fontSize={NAME_FONT}
              fontWeight={700}
              fill={INK_2}
            >
              {labels[i]!.map((line, j) => (
                <tspan key={j} x={cx} dy={j === 0 ? 0 : NAME_FONT + 3}>
                  {line}
                </tspan>
              ))}
            </text>
          );
        })}
        <text x={(M.left + width - M.right) / 2} y={height - 8} textAnchor="middle" fontSize={LABEL_FONT} fontWeight={700} fill={MUTED}>
          Current step (flow order)
        </text>
      </g>
    </>
  );
}

export const AgingWip = memo(function AgingWip({ series, onSelect }: { series: FlowSeries; onSelect?: (s: ChartSelection, title: string) => void }) {
  const { columns: stepColumns, offMap: offItems } = useMemo(() => agingColumns(series), [series]);
  const columns = useMemo(
    () => (offItems.length > 0 ? [...stepColumns, { id: OFF_MAP, name: 'Off the map', items: offItems }] : stepColumns),
    [stepColumns, offItems],
  );
  const offMap = offItems.length;
  const onMap = stepColumns.reduce((n, c) => n + c.items.length, 0);
  const fmt = format(',d');
  return (
    <ChartCard
      testId="chart-aging"
      title="Aging work in progress"
      subtitle={
        <>
          <span data-testid="aging-count">{fmt(onMap)}</span> unfinished items on the map
          {offMap > 0 && (
            <>
              {' · '}
              <span data-testid="aging-off-map" title="Unfinished items whose status is on no step of the map (e.g. Won't Do), in their own column">
                {fmt(offMap)} in statuses off the map (own column)
              </span>
            </>
          )}
        </>
      }
      legend={
        <>
          <LegendSwatch color={ACTIVE} label="Younger than p50" />
          <LegendSwatch color={WAIT} label="Past p50" />
          <LegendSwatch color={ALARM} label="Past p85" />
        </>
      }
      label="Aging work in progress by step"
      convention={chartConventionNote(series.convention, 'Age and cycle-time percentiles')}
      csv={() =>
        rowsOf(series.aging.items).map((i) => ({
          key: i.key,
          type: i.type,
          status: i.status,
          step: i.stepId ?? 'off the map',
          started: i.started,
          ...(series.convention
            ? { [`age_${series.convention.unit}_${series.convention.name}`]: inUnit(i.ageHours, series.convention) }
            : { age_hours: i.ageHours }),
          beyond: i.beyond ?? '',
        }))
      }
    >
      {(size) => <Plot columns={columns} pcts={series.aging.cycleTimeHours} size={size} onSelect={onSelect} convention={series.convention} />}
    </ChartCard>
  );
});
