// Labelled horizontal percentile lines shared by the scatter and aging charts.
import { memo } from 'react';
import { formatHours } from '../common/format.ts';
import { PERCENTILE_COLOR } from './palette.ts';

export type PctKey = keyof typeof PERCENTILE_COLOR;
const LABEL_GAP = 19;

/**
 * Labels sit right of the plot at their line's height, nudged apart when lines are close (p85 and p95 often
 * are) so they never overlap; the line itself stays at its true value.
 */
export const PercentileLines = memo(function PercentileLines({
  lines,
  x0,
  x1,
}: {
  lines: Array<{ key: PctKey; hours: number; y: number }>;
  x0: number;
  x1: number;
}) {
  const sorted = [...lines].sort((a, b) => b.y - a.y);
  const labelY: number[] = [];
  for (let i = 0; i < sorted.length; i++) labelY.push(i === 0 ? sorted[i]!.y : Math.min(sorted[i]!.y, labelY[i - 1]! - LABEL_GAP));
  return (
    <g className="percentiles">
      {sorted.map((l, i) => (
        <g key={l.key} data-testid={`pct-${l.key}`}>
          <line x1={x0} x2={x1} y1={l.y} y2={l.y} stroke={PERCENTILE_COLOR[l.key]} strokeWidth={2.5} strokeDasharray={l.key === 'p50' ? undefined : '8 5'} />
          <text x={x1 + 8} y={labelY[i]} dy="0.35em" fontSize={15} fontWeight={800} fill={PERCENTILE_COLOR[l.key]}>
            {`${l.key} ${formatHours(l.hours)}`}
          </text>
        </g>
      ))}
    </g>
  );
});
