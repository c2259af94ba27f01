// The frame every chart shares: title and one-line explanation, an optional legend, a plot box whose
// measured pixel size the chart draws into (nothing is drawn until it has been measured once), and the
// exports (PNG, SVG, CSV of the chart's data). A chart that draws its marks on a canvas passes them as
// `underlay` (drawn under the SVG axes) and `underlaySvg` (the same marks as SVG, for the SVG export).
import { useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../common/format.ts';
import { downloadCsv, downloadPng, downloadSvg, safeFileName } from './export.ts';
import { useElementSize } from './useElementSize.ts';

export interface PlotSize {
  width: number;
  height: number;
}

/** The plot's inner rectangle (inside the margins): where a chart's pointer and keyboard hit area lies. */
export function plotArea(m: { top: number; right: number; bottom: number; left: number }, { width, height }: PlotSize) {
  return { x: m.left, y: m.top, width: Math.max(0, width - m.left - m.right), height: Math.max(0, height - m.top - m.bottom) };
}

// Not memoised: `children` is a fresh render function on every call; the charts that use it are.
export function ChartCard({
  testId,
  title,
  subtitle,
  legend,
  label,
  children,
  csv,
  underlay,
  underlaySvg,
  tools,
  className,
  convention,
}: {
  testId: string;
  title: string;
  subtitle: ReactNode;
  legend?: ReactNode;
  /** Accessible name of the SVG (the title alone is ambiguous for screen readers among many charts). */
  label: string;
  children: (size: PlotSize) => ReactNode;
  /** The chart's data, one object per row, for the CSV export. */
  csv?: () => ReadonlyArray<Record<string, unknown>>;
  underlay?: (size: PlotSize) => ReactNode;
  underlaySvg?: () => string;
  /** Controls beside the exports (e.g. a daily/weekly switch). */
  tools?: ReactNode;
  className?: string;
  /** The line naming the convention and unit its figures follow (issue 14). */
  convention?: string;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const plot = useRef<HTMLDivElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = safeFileName(title);
  const run = (f: () => void | Promise<void>) => {
    setProblem(null);
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => setProblem(errorMessage(e)));
  };
  return (
    <figure className={`chart${className ? ` ${className}` : ''}`} data-testid={testId}>
      <figcaption className="chart__head">
        <h3 className="chart__title">{title}</h3>
        <div className="chart__subtitle">{subtitle}</div>
        {convention && (
          <div className="chart__convention muted" data-testid="chart-convention">
            {convention}
          </div>
        )}
        <div className="chart__tools">
          {tools}
          <span className="chart__exports" role="group" aria-label={`Export ${title}`}>
            <button type="button" className="chart__export" onClick={() => run(() => downloadPng(plot.current!, name))} data-testid="export-png">
              PNG
            </button>
            <button
              type="button"
              className="chart__export"
              onClick={() => run(() => downloadSvg(plot.current!, name, underlaySvg?.()))}
              data-testid="export-svg"
            >
              SVG
            </button>
            {csv && (
              <button type="button" className="chart__export" onClick={() => run(() => downloadCsv(csv(), name))} data-testid="export-csv">
                CSV
              </button>
            )}
          </span>
        </div>
        {legend && <div className="chart__legend">{legend}</div>}
        {problem && (
          <div className="chart__problem" role="alert">
            {problem}
          </div>
        )}
      </figcaption>
      <div
        className="chart__plot"
        ref={(el) => {
          ref.current = el;
          plot.current = el;
        }}
      >
        {size.width > 0 && size.height > 0 && (
          <>
            {underlay?.(size)}
            <svg width={size.width} height={size.height} role="img" aria-label={label} className="chart__svg">
              {children(size)}
            </svg>
          </>
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
