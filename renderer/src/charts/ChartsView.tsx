// The Charts view: a full-window panel over the map with the four flow charts and the forecast, all from
// the core's flowSeries/forecast for the map on screen. Escape or the close button returns to the map.
import { memo, useEffect, useRef, useState } from 'react';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage, formatDate } from '../common/format.ts';
import { AgingWip } from './AgingWip.tsx';
import { useChartsStore } from './charts-store.ts';
import { CumulativeFlow } from './CumulativeFlow.tsx';
import { CycleScatter } from './CycleScatter.tsx';
import { ForecastPanel } from './ForecastPanel.tsx';
import { Throughput } from './Throughput.tsx';

type Load = { kind: 'loading' } | { kind: 'ready'; series: FlowSeries } | { kind: 'error'; message: string };

/** The series for a map, read again whenever `refreshKey` (the map's figures) changes. */
function useFlowSeries(mapId: number, refreshKey: unknown): Load {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    getClient()
      .flowSeries({ mapId, ...filterQuery(useAppStore.getState().filters) })
      .then((series) => live && setLoad({ kind: 'ready', series }))
      .catch((e: unknown) => live && setLoad({ kind: 'error', message: errorMessage(e) }));
    // A closed view or a newer request makes this answer stale.
    return () => {
      live = false;
    };
  }, [mapId, refreshKey]);
  return load;
}

const Charts = memo(function Charts({ series }: { series: FlowSeries }) {
  return (
    <div className="charts__grid">
      <CumulativeFlow series={series} />
      <Throughput series={series} />
      <CycleScatter series={series} />
      <AgingWip series={series} />
    </div>
  );
});

function ChartsPanel({ mapId, mapName }: { mapId: number; mapName: string }) {
  const setOpen = useChartsStore((s) => s.setOpen);
  // The map's figures object is replaced on every reload (e.g. after an import): the charts follow it.
  const metrics = useAppStore((s) => s.metrics);
  const load = useFlowSeries(mapId, metrics);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  return (
    <section className="charts" data-testid="charts" data-state={load.kind} role="dialog" aria-modal="true" aria-label="Flow charts">
      <header className="charts__head">
        <div className="charts__heading">
          <h2>Flow charts</h2>
          <span className="charts__sub">
            {mapName}
            {load.kind === 'ready' && (
              <>
                {' '}
                · as of {formatDate(load.series.asOf)} · {formatDate(load.series.window.from)} – {formatDate(load.series.window.to)}
              </>
            )}
          </span>
        </div>
        <ForecastPanel mapId={mapId} refreshKey={metrics} />
        <button type="button" ref={closeRef} className="charts__close" onClick={() => setOpen(false)} aria-label="Close the charts" data-testid="charts-close">
          ×
        </button>
      </header>
      {load.kind === 'loading' && <p className="charts__state muted">Loading the series…</p>}
      {load.kind === 'error' && (
        <p className="charts__state charts__state--error" role="alert">
          Could not read the chart series: {load.message}
        </p>
      )}
      {load.kind === 'ready' && <Charts series={load.series} />}
    </section>
  );
}

/** Mounted by the app screen; renders nothing until the Charts button opens it. */
export function ChartsView() {
  const open = useChartsStore((s) => s.open);
  const map = useAppStore((s) => s.map);
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
