// The Charts view (the dashboard): a full-window panel over the map with the flow charts, the distributions,
// the Monte Carlo forecast and DORA, all from the core (flowSeries, flowCharts, flowMetrics, forecast,
// doraTrend) for the map and filters on screen. The series the first charts need come first; a click on a
// bar, bin, day or dot lists its items (chartItems) beside the charts. Escape closes the list, then the view.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import type { ChartSeries } from '../../../shared/metrics/chart-series.ts';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { useChartDrillStore } from '../drilldown/chart-drill-store.ts';
import { ChartItemsPanel } from '../drilldown/ChartItemsPanel.tsx';
import { CycleHistogram, FlowEfficiency, LeadVsCycle } from './Distributions.tsx';
import { DoraPanel } from './DoraPanel.tsx';
import { ForecastHowMany, ForecastWhen } from './ForecastCharts.tsx';
import { WaitBars } from './WaitBars.tsx';
import { WipRun } from './WipRun.tsx';
import { FilterBar } from '../app/FilterBar.tsx';
import { filterQuery, readFirstOnFilterChange, useAppStore, type FilterChangeReads } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage, formatDate, formatEndDate } from '../common/format.ts';
import { AgingWip } from './AgingWip.tsx';
import { useChartsStore } from './charts-store.ts';
import { useElementSize } from './useElementSize.ts';
import { CumulativeFlow } from './CumulativeFlow.tsx';
import { CycleScatter } from './CycleScatter.tsx';
import { ForecastPanel } from './ForecastPanel.tsx';
import { useForecastStore } from './forecast-store.ts';
import { Throughput } from './Throughput.tsx';

type Load<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; message: string };

/**
 * The series and distributions read ahead of the view's own effects. Once, when the map's first figures are
 * on screen, so the Charts click finds them on their way (on 50,000 items the series is a 300 ms computation
 * and a 6 MB answer); and, while the view is open, on every filter change before the map's figures are asked
 * for: the core answers in order, and the series is the longest read and the longest redraw, so the page
 * draws the series charts while the core computes the map's figures. Never after a filter change with the
 * view closed: that would queue work no one looks at in front of the next change's figures. Valid while the
 * filters and the map on screen are the very objects it was read for (both are replaced on every change).
 */
interface Ahead {
  mapId: number;
  filters: unknown;
  map: unknown;
  series: Promise<FlowSeries>;
  /** Unset for the moment between the series and the map's figures being asked for. */
  charts?: Promise<ChartSeries>;
}
let ahead: Ahead | null = null;

/** A failed read ahead is dropped: the view reads it again, and shows its error. */
function dropOnFailure(into: Ahead, read: Promise<unknown>) {
  read.catch(() => {
    if (ahead === into) ahead = null;
  });
}

/** The series for the filters and map on screen, asked for now. */
function aheadFor(mapId: number): Ahead {
  const { filters, map } = useAppStore.getState();
  const into: Ahead = { mapId, filters, map, series: getClient().flowSeries({ mapId, ...filterQuery(filters) }) };
  dropOnFailure(into, into.series);
  ahead = into;
  return into;
}

function readChartsInto(into: Ahead) {
  into.charts = getClient().flowCharts({ mapId: into.mapId, ...filterQuery(useAppStore.getState().filters) });
  dropOnFailure(into, into.charts);
}

function readAhead(mapId: number) {
  if (ahead?.mapId === mapId) return;
  readChartsInto(aheadFor(mapId));
}

/**
 * On a filter change with the view open: the series before the map's figures; the distributions, then the
 * forecast, after them (asked now, not once the figures are drawn: every chart follows in one round).
 */
const onFilterChange: FilterChangeReads = {
  beforeFigures: (mapId) => void aheadFor(mapId),
  afterFigures: (mapId, figures) => {
    const into = readAheadFor(mapId);
    if (into) readChartsInto(into);
    useForecastStore.getState().rerun?.(figures);
  },
};

function readAheadFor(mapId: number): Ahead | null {
  const { filters, map } = useAppStore.getState();
  return ahead !== null && ahead.mapId === mapId && ahead.filters === filters && ahead.map === map ? ahead : null;
}

/** One core read for a map, again whenever `refreshKey` (the map's figures: filters, imports) changes. */
function useCoreRead<T>(mapId: number, refreshKey: unknown, read: (q: { mapId: number }) => Promise<T>): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    read({ mapId, ...filterQuery(useAppStore.getState().filters) })
      .then((data) => live && setLoad({ kind: 'ready', data }))
      .catch((e: unknown) => live && setLoad({ kind: 'error', message: errorMessage(e) }));
    // A closed view or a newer request makes this answer stale.
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapId, refreshKey]);
  return load;
}

type OnSelect = (select: ChartSelection, title: string) => void;

/**
 * Draws its chart one painted frame after the view opens, in a cell of the same size until then: the
 * cumulative flow shows first instead of waiting for the scatter's 50,000 dots and their hover index.
 */
function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let t: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (t = setTimeout(() => setReady(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      if (t !== undefined) clearTimeout(t);
    };
  }, []);
  return ready ? children : <div className="chart chart--pending" aria-busy="true" />;
}

const SeriesCharts = memo(function SeriesCharts({ series, onSelect }: { series: FlowSeries; onSelect: OnSelect }) {
  return (
    <>
      <CumulativeFlow series={series} />
      <AfterFirstPaint>
        <Throughput series={series} onSelect={onSelect} />
      </AfterFirstPaint>
      <AfterFirstPaint>
        <WipRun series={series} onSelect={onSelect} />
      </AfterFirstPaint>
      <AfterFirstPaint>
        <CycleScatter series={series} onSelect={onSelect} />
      </AfterFirstPaint>
      <AfterFirstPaint>
        <AgingWip series={series} onSelect={onSelect} />
      </AfterFirstPaint>
    </>
  );
});

const DistributionCharts = memo(function DistributionCharts({ charts, onSelect }: { charts: ChartSeries; onSelect: OnSelect }) {
  return (
    <>
      <CycleHistogram charts={charts} onSelect={onSelect} />
      <LeadVsCycle charts={charts} onSelect={onSelect} />
      <FlowEfficiency charts={charts} onSelect={onSelect} />
    </>
  );
});

function Pending({ load, testId, what }: { load: Load<unknown>; testId: string; what: string }) {
  return (
    <p
      className={`charts__state${load.kind === 'error' ? ' charts__state--error' : ' muted'}`}
      data-testid={testId}
      role={load.kind === 'error' ? 'alert' : undefined}
    >
      {load.kind === 'error' ? `Could not read the ${what}: ${load.message}` : `Loading the ${what}…`}
    </p>
  );
}

function ChartsPanel({ mapId, mapName }: { mapId: number; mapName: string }) {
  const setOpen = useChartsStore((s) => s.setOpen);
  // The map's figures object is replaced on every reload (e.g. after an import): the panels that show them follow it.
  const metrics = useAppStore((s) => s.metrics);
  // The series and distributions are asked for as soon as the filters (or the map, replaced on every reload)
  // change, beside the map's own figures rather than after them: on 50,000 items that is a round trip sooner.
  const filters = useAppStore((s) => s.filters);
  const map = useAppStore((s) => s.map);
  const chartsKey = useMemo(() => [filters, map], [filters, map]);
  const readSeries = useCallback((q: { mapId: number }) => readAheadFor(q.mapId)?.series ?? getClient().flowSeries(q), []);
  const readCharts = useCallback((q: { mapId: number }) => readAheadFor(q.mapId)?.charts ?? getClient().flowCharts(q), []);
  const load = useCoreRead(mapId, chartsKey, readSeries);
  const charts = useCoreRead(mapId, chartsKey, readCharts);
  useEffect(() => readFirstOnFilterChange(onFilterChange), []);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onSelect = useCallback<OnSelect>((select, title) => void useChartDrillStore.getState().open(mapId, select, title), [mapId]);
  // The filter bar stays on screen while the charts scroll under it; the item list beside them starts below it.
  const [filtersRef, filtersSize] = useElementSize<HTMLDivElement>();
  // A list read for other filters (or a map since reloaded) would name items its redrawn chart no longer
  // shows under that bar: a change closes it.
  const listedFor = useRef(chartsKey);
  useEffect(() => {
    if (listedFor.current === chartsKey) return;
    listedFor.current = chartsKey;
    useChartDrillStore.getState().close();
  }, [chartsKey]);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (useChartDrillStore.getState().drill.kind !== 'closed') useChartDrillStore.getState().close();
      else setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  return (
    <section
      className="charts"
      data-testid="charts"
      data-state={load.kind}
      role="dialog"
      aria-modal="true"
      aria-label="Flow charts"
      style={{ '--charts-filters-height': `${filtersSize.height}px` } as CSSProperties}
    >
      <header className="charts__head">
        <div className="charts__heading">
          <h2>Flow charts</h2>
          <span className="charts__sub">
            {mapName}
            {load.kind === 'ready' && (
              <>
                {' '}
                · as of {formatDate(load.data.asOf)} · items done {formatDate(load.data.window.from)} – {formatEndDate(load.data.window.to)}
              </>
            )}
          </span>
        </div>
        {metrics && <ForecastPanel mapId={mapId} refreshKey={metrics} asOf={metrics.asOf} />}
        <button type="button" ref={closeRef} className="charts__close" onClick={() => setOpen(false)} aria-label="Close the charts" data-testid="charts-close">
          ×
        </button>
      </header>
      {/* The filters every chart follows, on the dashboard itself (the map's bar is not rendered meanwhile). */}
      <div className="charts__filters" ref={filtersRef}>
        <FilterBar />
      </div>
      <div className="charts__body">
        <div className="charts__grid" data-testid="charts-grid">
          {load.kind === 'ready' ? (
            <SeriesCharts series={load.data} onSelect={onSelect} />
          ) : (
            <Pending load={load} testId="series-pending" what="chart series" />
          )}
          {metrics && <WaitBars metrics={metrics as FlowMetrics} onSelect={onSelect} />}
          {charts.kind === 'ready' ? (
            <DistributionCharts charts={charts.data} onSelect={onSelect} />
          ) : (
            <Pending load={charts} testId="charts-pending" what="distributions" />
          )}
          <ForecastWhen />
          <ForecastHowMany />
          <DoraPanel />
        </div>
        <ChartItemsPanel />
      </div>
    </section>
  );
}

/** Mounted by the app screen; renders nothing until the Charts button opens it. */
export function ChartsView() {
  const open = useChartsStore((s) => s.open);
  const map = useAppStore((s) => s.map);
  const metrics = useAppStore((s) => s.metrics);
  const mapId = map?.id;
  useEffect(() => {
    if (open || mapId === undefined || !metrics) return;
    // After the figures have been drawn, not in front of them.
    const t = setTimeout(() => readAhead(mapId), 0);
    return () => clearTimeout(t);
  }, [open, mapId, metrics]);
  if (!open || !map) return null;
  return <ChartsPanel mapId={map.id} mapName={map.name} />;
}

export function ChartsButton() {
  const setOpen = useChartsStore((s) => s.setOpen);
  return (
    <button type="button" className="toolbar-button" onClick={() => setOpen(true)} data-testid="charts-open">
      Charts
    </button>
  );
}
