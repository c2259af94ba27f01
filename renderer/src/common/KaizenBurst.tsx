// The VSM kaizen burst: a jagged star marking an improvement idea on a step.
import { memo } from 'react';

/** The burst's polygon: `spikes` points alternating between the outer and inner radius. */
export function burstPoints(cx: number, cy: number, outer: number, inner: number, spikes = 10): string {
  const pts: string[] = [];
  for (let i = 0; i < spikes * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI * i) / spikes - Math.PI / 2;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

const POINTS = burstPoints(20, 20, 19, 12, 10);

export const KaizenBurst = memo(function KaizenBurst({ count, size = 40, title }: { count: number; size?: number; title?: string }) {
  return (
    <svg
      className="kaizen-burst"
      width={size}
      height={size}
      viewBox="0 0 40 40"
      role="img"
      aria-label={title ?? `${count} kaizen ${count === 1 ? 'burst' : 'bursts'}`}
    >
      {title !== undefined && <title>{title}</title>}
      <polygon points={POINTS} fill="#facc15" stroke="#a16207" strokeWidth="1.5" strokeLinejoin="round" />
      <text x="20" y="25" textAnchor="middle" fontSize="14" fontWeight="800" fill="#713f12">
        {count}
      </text>
    </svg>
  );
});
