// The app screen: title and headline figures, the map with measured figures, the timeline ladder.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import type { ContractEvents } from '../../../shared/contract/contract.ts';
import { subscribeAppEvents } from '../../../shared/client/events.ts';
import { reportHash } from '../../../shared/report/report-route.ts';
import { formatDate, formatEndDate } from '../common/format.ts';
import { BindingButton, BindingView } from '../binding/BindingView.tsx';
import { ChartsButton, ChartsView } from '../charts/ChartsView.tsx';
import { useChartsStore } from '../charts/charts-store.ts';
import { CompareButton, CompareView } from '../compare/CompareView.tsx';
import { ConventionsButton, ConventionsView } from '../conventions/ConventionsView.tsx';
import { TimelineLadder } from '../common/Ladder.tsx';
import { useDrillStore } from '../drilldown/drilldown-store.ts';
import { StepItemsPanel } from '../drilldown/StepItemsPanel.tsx';
import { NewMapForm } from '../editor/NewMapForm.tsx';
import { StepEditor } from '../editor/StepEditor.tsx';
import { useEditorStore } from '../editor/editor-store.ts';
import { Inspector } from '../editor/Inspector.tsx';
import { MapSettings } from '../editor/MapSettings.tsx';
import { Palette } from '../editor/Palette.tsx';
import { QuickAdd } from '../editor/QuickAdd.tsx';
import { ImportPanel } from '../import/ImportPanel.tsx';
import { useImportStore } from '../import/import-store.ts';
import { Headline } from './Headline.tsx';
import { HeatLegend } from '../waste/HeatLegend.tsx';
import { WasteButton, WastePanel } from '../waste/WastePanel.tsx';
import { useWasteStore } from '../waste/waste-store.ts';
import { MapCanvas } from './MapCanvas.tsx';
import { figuresFollower, filterQuery, readFirstOnFilterChange, useAppStore } from './store.ts';
import { UndoRedo } from './UndoRedo.tsx';
import { FilterBar } from './FilterBar.tsx';
import { MapsMenu, MapsToast } from '../maps/MapsMenu.tsx';
import { ExportMenu, MapDropTarget, OpenMapButton } from '../export/ExportMenu.tsx';
import { WorkshopButton, WorkshopView } from '../workshop/WorkshopView.tsx';
import { ThemeToggle } from '../workshop/ThemeToggle.tsx';

function SaveStatus() {
  const save = useAppStore((s) => s.save);
  if (save.kind === 'idle')
    return (
      <span className="save-status" data-save-state="idle">
        Autosave on
      </span>
    );
  if (save.kind === 'saving')
    return (
      <span className="save-status" data-save-state="saving">
        Saving…
      </span>
    );
  if (save.kind === 'saved')
    return (
      <span className="save-status save-status--ok" data-save-state="saved">
        Saved
      </span>
    );
  if (save.kind === 'invalid') {
    return (
      <span className="save-status save-status--error" data-save-state="invalid" role="alert" title={save.message}>
        Not applied: {save.message}
      </span>
    );
  }
  if (save.kind === 'conflict') {
    return (
      <span className="save-status save-status--error" data-save-state="conflict" role="alert" title={save.message}>
        Not saved: this map was changed in another window or tab. Showing the current map; make your change again.
      </span>
    );
  }
  return (
    <span className="save-status save-status--error" data-save-state="error" role="alert">
      Could not save: {save.message}
    </span>
  );
}

function ImportButton() {
  const setOpen = useImportStore((s) => s.setOpen);
  return (
    <button type="button" className="toolbar-button" onClick={() => setOpen(true)} data-testid="import-open">
      Import data
    </button>
  );
}

const wasteFollower = figuresFollower();

/** The report of the map on screen under the filters on screen: the one part of the header a filter changes. */
function ReportLink({ mapId }: { mapId: number }) {
  const filters = useAppStore((s) => s.filters);
  return (
    <a className="report-link" href={reportHash({ mapId, ...filterQuery(filters) })} data-testid="report-link">
      Report (PDF)
    </a>
  );
}

export function App() {
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const map = useAppStore((s) => s.map);
  const metrics = useAppStore((s) => s.metrics);
  const workspaceName = useAppStore((s) => s.workspaceName);
  const load = useAppStore((s) => s.load);
  const chartsOpen = useChartsStore((s) => s.open);

  // The waste analysis follows the figures: a new map, a save or an import measures it again. A filter
  // change asks for it beside the figures (the core has it from their pass), not a round trip after them.
  const mapId = map?.id;
  useEffect(
    () =>
      readFirstOnFilterChange({
        beforeFigures: () => undefined,
        afterFigures: (id, figures) => {
          wasteFollower.started(figures);
          void useWasteStore.getState().load(id);
        },
      }),
    [],
  );
  useEffect(() => {
    if (mapId !== undefined && metrics && wasteFollower.follows(metrics)) void useWasteStore.getState().load(mapId);
  }, [mapId, metrics]);

  useEffect(() => {
    void load();
  }, [load]);

  // The core pushes events (Electron IPC or the host's event stream): import progress feeds the progress
  // bar, and new items (an import here or elsewhere) change every figure.
  useEffect(
    () =>
      subscribeAppEvents((event, payload) => {
        if (event === 'importProgress') useImportStore.getState().onProgress(payload as ContractEvents['importProgress']);
        else if (event === 'workspaceChanged' && (payload as ContractEvents['workspaceChanged']).what === 'items') {
          void useAppStore.getState().reload();
          // An open drill-down lists items too: read it again for the same step.
          const drill = useDrillStore.getState().drill;
          const mapId = useAppStore.getState().map?.id;
          if (drill.kind !== 'closed' && mapId !== undefined) void useDrillStore.getState().open(mapId, drill.stepId);
        }
      }),
    [],
  );

  if (status === 'loading') {
    return (
      <main className="app app--state" data-app-state="loading">
        <div className="state-card">
          <div className="spinner" aria-hidden="true" />
          <p>Loading the value stream…</p>
        </div>
      </main>
    );
  }
  if (status === 'error') {
    return (
      <main className="app app--state" data-app-state="error">
        <div className="state-card state-card--error" role="alert">
          <h1>Flowmap could not load this workspace</h1>
          <p className="state-card__message">{error}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (status === 'empty' || !map || !metrics) {
    return (
      <main className="app app--state" data-app-state="empty">
        <div className="state-card">
          <h1>{workspaceName || 'This workspace'} has no map yet</h1>
          <p>
            Start one here (then shape its steps on the canvas), open a vsm-map file (Open…, or drop it here; <code>vsm map import</code> on the command line),
            or bring in work items first.
          </p>
          <NewMapForm />
          <div className="state-card__actions">
            <ImportButton />
            <OpenMapButton />
          </div>
        </div>
        <ImportPanel />
        <MapsToast />
        <MapDropTarget />
      </main>
    );
  }

  const bottleneckStep = metrics.bottleneck ? map.steps.find((s) => s.id === metrics.bottleneck!.stepId) : undefined;

  return (
    // Under the open dashboard the map and its header are not painted (they are covered, and their figures
    // change with every filter the dashboard sets); they stay laid out, so the canvas keeps its viewport.
    <main className="app" data-app-state="ready" data-covered={chartsOpen ? 'true' : undefined}>
      <header className="app__header">
        <div className="app__title">
          <div className="app__workspace">{workspaceName}</div>
          <h1 data-testid="map-name">{map.name}</h1>
          <div className="app__window">
            As of {formatDate(metrics.asOf)} ·{' '}
            {metrics.items.total === 0 ? (
              'no work items imported yet'
            ) : (
              <>
                items done {formatDate(metrics.window.from)} – {formatEndDate(metrics.window.to)}
              </>
            )}
            {map.owner && <> · owner {map.owner}</>}
            {metrics.durations?.kind === 'working-calendar' && <> · {metrics.durations.text}</>}
          </div>
          <div className="toolbar-right">
            <MapsMenu />
            <OpenMapButton />
            <ExportMenu />
            <WorkshopButton />
            <ReportLink mapId={map.id} />
            <ImportButton />
            <ChartsButton />
            <WasteButton />
            <BindingButton />
            <CompareButton />
            <ConventionsButton />
            <button type="button" className="toolbar-button" onClick={() => useEditorStore.getState().open(null)} data-testid="step-add">
              Add step
            </button>
            <UndoRedo />
            <SaveStatus />
            <ThemeToggle />
          </div>
        </div>
        <Headline metrics={metrics} />
      </header>
      {/* With the dashboard open its own bar is the one on screen (one filter bar in the page at a time). */}
      {!chartsOpen && <FilterBar />}

      <section className="app__map" aria-label="Value stream map">
        <div className="map-toolbar">
          <HeatLegend />
          {metrics.bottleneck && (
            <div className="bottleneck-callout" data-testid="bottleneck-callout">
              <span className="bottleneck-callout__tag">Bottleneck</span>
              <strong>{bottleneckStep?.name ?? metrics.bottleneck.stepId}</strong>
              <span className="bottleneck-callout__reason">{metrics.bottleneck.reason}</span>
            </div>
          )}
        </div>
        <div className="app__canvas-row">
          <Palette />
          {/* Keyed by map: another map gets a fresh canvas, fitted to its own steps. */}
          <ReactFlowProvider key={map.id}>
            <MapCanvas />
          </ReactFlowProvider>
          <Inspector />
          <QuickAdd />
          <p className="canvas-hint">
            Click a step for its items · double-click to fill its data box · drag a handle to connect · N quick add · Shift+drag to select
          </p>
        </div>
        <MapSettings />
        <StepItemsPanel />
        <WastePanel />
        <StepEditor />
      </section>

      <ImportPanel />
      <ChartsView />
      <CompareView />
      <ConventionsView />
      <BindingView />
      <WorkshopView />
      <MapsToast />
      <MapDropTarget />
      <section className="app__ladder" aria-label="Timeline">
        <h2>
          Timeline ladder <span className="muted">workshop estimates or measured medians per step, main path in flow order</span>
        </h2>
        <TimelineLadder ladders={metrics.ladder} bottleneckId={metrics.bottleneck?.stepId ?? null} />
      </section>
    </main>
  );
}
