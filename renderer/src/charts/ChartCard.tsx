// The frame every chart shares: title and one-line explanation, an optional legend, and a plot box whose
// measured pixel size the chart draws into (nothing is drawn until it has been measured once).
import type { ReactNode } from 'react';
import { useElementSize } from './useElementSize.ts';

export interface PlotSize {
  width: number;
  height: number;
}

// Not memoised: `children` is a fresh render function on every call; the charts that use it are.
export function ChartCard({
  testId,
  title,
  subtitle,
  legend,
  label,
  children,
}: {
  testId: string;
  title: string;
  subtitle: ReactNode;
  legend?: ReactNode;
  /** Accessible name of the SVG (the title alone is ambiguous for screen readers among four charts). */
  label: string;
  children: (size: PlotSize) => ReactNode;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__head">
        <h3 className="chart__title">{title}</h3>
        <div className="chart__subtitle">{subtitle}</div>
        {legend && <div className="chart__legend">{legend}</div>}
      </figcaption>
      <div className="chart__plot" ref={ref}>
        {size.width > 0 && size.height > 0 && (
          <svg width={size.width} height={size.height} role="img" aria-label={label} className="chart__svg">
            {children(size)}
          </svg>
        )}
      </div>
    </figure>
  );
}

export function LegendSwatch({ color, label, line = false }: { color: string; label: string; line?: boolean }) {
  return (
    <span className="chart__legend-item">
      <span className={line ? 'chart__swatch chart__swatch--line' : 'chart__swatch'} style={line ? { borderTopColor: color } : { background: color }} />
      {label}
    </span>
  );
}
