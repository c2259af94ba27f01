// A static drawing of the map for print: process boxes in flow order with measured median wait/active,
// push arrows, dashed rework arcs with their rate, the bottleneck highlighted, kaizen bursts, each step's
// share of all wait time as a heat colour (with its legend) and the waste findings as tags under the box.
import { memo } from 'react';
import { stepsInFlowOrder, type MapDoc } from '../../../shared/domain/map.ts';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { burstPoints } from '../common/KaizenBurst.tsx';
import { wasteTag, type WasteFinding } from './waste.ts';

const WIDTH = 1040;
const PER_ROW = 10;
const GAP = 16;
const BOX_H = 124;
const TOP = 30; // room for the bottleneck tag and kaizen bursts
const TAGS_H = 34; // waste tags under the box
const ROW_H = BOX_H + TOP + TAGS_H + 64; // room under the boxes for tags and rework arcs
const LEGEND_H = 26;

/** Heat of a wait share: white at 0, amber at a quarter (the waiting threshold), red from a half. */
export function heatColor(share: number): string {
  const stops: Array<[number, [number, number, number]]> = [
    [0, [255, 255, 255]],
    [0.25, [253, 186, 116]],
    [0.5, [248, 113, 113]],
  ];
  const x = Math.max(0, Math.min(0.5, share));
  let i = 0;
  while (i < stops.length - 2 && x > stops[i + 1]![0]) i++;
  const [a, ca] = stops[i]!;
  const [b, cb] = stops[i + 1]!;
  const t = b === a ? 0 : (x - a) / (b - a);
  const c = ca.map((v, k) => Math.round(v + (cb[k]! - v) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Splits a name into at most two lines of about `max` characters (SVG text does not wrap). */
export function wrapName(name: string, max: number): string[] {
  if (name.length <= max) return [name];
  const words = name.split(/\s+/);
  let first = '';
  let i = 0;
  while (i < words.length && (first === '' || `${first} ${words[i]}`.length <= max)) {
    first = first === '' ? words[i]! : `${first} ${words[i]}`;
    i++;
  }
  let second = words.slice(i).join(' ');
  if (first.length > max) first = `${first.slice(0, max - 1)}…`;
  if (second.length > max) second = `${second.slice(0, max - 1)}…`;
  return second ? [first, second] : [first];
}

export const MapSvg = memo(function MapSvg({
  map,
  metrics,
  findings = [],
}: {
  map: Pick<MapDoc, 'steps' | 'flows'>;
  metrics: Pick<FlowMetrics, 'steps' | 'bottleneck'>;
  /** Only where each finding is and which waste it names are drawn. */
  findings?: ReadonlyArray<Pick<WasteFinding, 'stepId' | 'waste'>>;
}) {
  const ordered = stepsInFlowOrder(map);
  const figures = new Map(metrics.steps.map((s) => [s.id, s]));
  const totalWait = metrics.steps.reduce((a, s) => a + s.waitHours.total, 0);
  const waitShare = (id: string) => (totalWait > 0 ? (figures.get(id)?.waitHours.total ?? 0) / totalWait : 0);
  const tags = new Map<string, string[]>();
  for (const f of findings) tags.set(f.stepId, [...(tags.get(f.stepId) ?? []), wasteTag(f.waste)]);
  const perRow = Math.min(PER_ROW, ordered.length);
  const boxW = (WIDTH - GAP * (perRow - 1)) / perRow;
  const rows = Math.ceil(ordered.length / perRow);
  const height = rows * ROW_H + LEGEND_H;
  const place = new Map(
    ordered.map((s, i) => {
      const row = Math.floor(i / perRow);
      const col = i % perRow;
      return [s.id, { x: col * (boxW + GAP), y: LEGEND_H + row * ROW_H + TOP, row }];
    }),
  );
  const maxChars = Math.max(8, Math.floor(boxW / 8.2));

  return (
    <svg className="map-svg" viewBox={`-4 0 ${WIDTH + 8} ${height}`} role="img" aria-label="Value stream map" data-testid="report-map">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#1e293b" />
        </marker>
        <marker id="arrow-rework" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#b45309" />
        </marker>
      </defs>

      {map.flows.map((f, i) => {
        const a = place.get(f.from);
        const b = place.get(f.to);
        if (!a || !b) return null;
        if (f.kind === 'rework' || b.x < a.x || b.row !== a.row) {
          // An arc under the boxes, from the source's bottom back (or on) to the target's bottom.
          const x1 = a.x + boxW * 0.4;
          const x2 = b.x + boxW * 0.6;
          // Drawn before the boxes: the tags under a box cover the arc where it leaves it.
          const y1 = a.y + BOX_H;
          const y2 = b.y + BOX_H;
          const depth = 44 + TAGS_H;
          const mid = (x1 + x2) / 2;
          const rework = f.kind === 'rework';
          return (
            <g key={i} className="map-svg__rework">
              <path
                d={`M${x1},${y1} C${x1},${y1 + depth} ${x2},${y2 + depth} ${x2},${y2 + 2}`}
                fill="none"
                stroke={rework ? '#b45309' : '#1e293b'}
                strokeWidth="2"
                strokeDasharray={rework ? '6 4' : undefined}
                markerEnd={rework ? 'url(#arrow-rework)' : 'url(#arrow)'}
              />
              {rework && (
                <text x={mid} y={Math.max(y1, y2) + depth * 0.75 + 16} textAnchor="middle" fontSize="13" fontWeight="700" fill="#92400e">
                  rework{f.rate !== undefined ? ` ${formatPercent(f.rate)}` : ''}
                </text>
              )}
            </g>
          );
        }
        const y = a.y + BOX_H / 2;
        return (
          <line
            key={i}
            x1={a.x + boxW}
            y1={y}
            x2={b.x - 1}
            y2={y}
            stroke={f.kind === 'info' ? '#64748b' : '#1e293b'}
            strokeWidth="2"
            strokeDasharray={f.kind === 'info' ? '2 4' : undefined}
            markerEnd="url(#arrow)"
          />
        );
      })}

      {ordered.map((s) => {
        const p = place.get(s.id)!;
        const fig = figures.get(s.id);
        const bottleneck = metrics.bottleneck?.stepId === s.id;
        const lines = wrapName(s.name, maxChars);
        const kaizen = s.kaizen?.length ?? 0;
        const share = waitShare(s.id);
        const stepTags = tags.get(s.id) ?? [];
        return (
          <g key={s.id} transform={`translate(${p.x},${p.y})`} data-step-id={s.id}>
            {bottleneck && (
              <g>
                <rect x={0} y={-22} width={76} height={18} rx={3} fill="#b91c1c" />
                <text x={38} y={-9} textAnchor="middle" fontSize="10" fontWeight="800" fill="#ffffff" letterSpacing="0.4">
                  BOTTLENECK
                </text>
              </g>
            )}
            <rect
              width={boxW}
              height={BOX_H}
              rx={4}
              fill={heatColor(share)}
              stroke={bottleneck ? '#b91c1c' : '#334155'}
              strokeWidth={bottleneck ? 3.5 : 1.5}
              data-heat={share.toFixed(4)}
            />
            <rect width={boxW} height={44} rx={4} fill="#f1f5f9" stroke={bottleneck ? '#b91c1c' : '#334155'} strokeWidth={bottleneck ? 3.5 : 1.5} />
            <line x1={0} y1={44} x2={boxW} y2={44} stroke={bottleneck ? '#b91c1c' : '#334155'} strokeWidth="1" />
            {lines.map((line, li) => (
              // Bold glyphs are about 0.64 em wide: a long word shrinks to stay inside its box.
              <text
                key={li}
                x={boxW / 2}
                y={lines.length === 1 ? 27 : 19 + li * 16}
                textAnchor="middle"
                fontSize={Math.min(14, (boxW - 10) / (line.length * 0.64)).toFixed(1)}
                fontWeight="700"
                fill="#0f172a"
              >
                {line}
              </text>
            ))}
            <text x={boxW / 2} y={66} textAnchor="middle">
              <tspan fontSize="11" fill="#475569">
                wait{' '}
              </tspan>
              <tspan fontSize="15" fontWeight="700" fill="#b45309">
                {fig ? formatHours(fig.waitHours.p50) : '–'}
              </tspan>
            </text>
            <text x={boxW / 2} y={86} textAnchor="middle">
              <tspan fontSize="11" fill="#475569">
                active{' '}
              </tspan>
              <tspan fontSize="15" fontWeight="700" fill="#047857">
                {fig ? formatHours(fig.activeHours.p50) : '–'}
              </tspan>
            </text>
            <text x={boxW / 2} y={103} textAnchor="middle" fontSize="10.5" fill="#475569">
              WIP {fig ? formatNumber(fig.wip) : '–'} ·{' '}
              <tspan fontWeight="700" fill="#7c2d12">
                {formatPercent(share)}
              </tspan>
            </text>
            <text x={boxW / 2} y={117} textAnchor="middle" fontSize="10.5" fill="#475569">
              flow eff. {fig ? formatPercent(fig.flowEfficiency) : '–'}
            </text>
            {stepTags.map((t, ti) => (
              <g key={ti} transform={`translate(0,${BOX_H + 4 + ti * 15})`} data-testid="map-waste-tag">
                <rect width={boxW} height={13} rx={6.5} fill="#7c2d12" />
                <text x={boxW / 2} y={9.8} textAnchor="middle" fontSize="9.5" fontWeight="700" fill="#ffffff">
                  {t}
                </text>
              </g>
            ))}
            {kaizen > 0 && (
              <g>
                <polygon points={burstPoints(boxW - 6, -10, 15, 9)} fill="#facc15" stroke="#a16207" strokeWidth="1.2" />
                <text x={boxW - 6} y={-5} textAnchor="middle" fontSize="12" fontWeight="800" fill="#713f12">
                  {kaizen}
                </text>
              </g>
            )}
          </g>
        );
      })}

      <g className="map-svg__legend" transform="translate(0,4)">
        <text x={0} y={12} fontSize="11" fontWeight="700" fill="#334155">
          Heat = the step&apos;s share of all wait time:
        </text>
        {[0, 0.1, 0.25, 0.4, 0.5].map((v, i) => (
          <g key={v} transform={`translate(${250 + i * 70},0)`}>
            <rect width={20} height={14} fill={heatColor(v)} stroke="#334155" strokeWidth="0.8" />
            <text x={25} y={11.5} fontSize="10.5" fill="#334155">
              {v === 0.5 ? `≥ ${formatPercent(v)}` : formatPercent(v)}
            </text>
          </g>
        ))}
        <text x={612} y={12} fontSize="10.5" fill="#334155">
          (the share follows the WIP in each box; waste findings are tagged under it)
        </text>
      </g>
    </svg>
  );
});
