// Export ▾ in the toolbar (PNG, SVG, vsm-map JSON of the map with its ladder), Open… (a vsm-map JSON file),
// and the window-wide drop target for the same files. The export drawing is mounted only while the menu is open.
import { useCallback, useEffect, useRef, useState } from 'react';
import { currentMapDoc, useAppStore } from '../app/store.ts';
import { errorMessage } from '../common/format.ts';
import { useWasteStore } from '../waste/waste-store.ts';
import { downloadMapJson, downloadMapPng, downloadMapSvg } from './export-map.ts';
import { useMapImport } from './import-map.ts';
import { MapExportSvg } from './MapExportSvg.tsx';
import { useEscape } from '../common/use-escape.ts';

export function OpenMapButton() {
  const input = useRef<HTMLInputElement>(null);
  const importFile = useMapImport((s) => s.importFile);
  return (
    <>
      <button type="button" className="toolbar-button" onClick={() => input.current?.click()} data-testid="map-file-open">
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="map-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
    </>
  );
}

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [error, setError] = useState<string | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const map = useAppStore((s) => s.map);
  const metrics = useAppStore((s) => s.metrics);
  const waste = useWasteStore((s) => s.waste);
  useEscape(open, closeMenu);
  if (!map || !metrics) return null;
  const run = async (f: () => void | Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <span className="export-menu">
      <button type="button" className="toolbar-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="export-open">
        Export ▾
      </button>
      {open && (
        <div className="export-menu__panel" role="group" aria-label="Export the map" data-testid="export-panel">
          <button
            type="button"
            className="toolbar-button"
            onClick={() => void run(() => downloadMapPng(stage.current!, map.name))}
            data-testid="export-map-png"
          >
            PNG image
          </button>
          <button
            type="button"
            className="toolbar-button"
            onClick={() => void run(() => downloadMapSvg(stage.current!, map.name))}
            data-testid="export-map-svg"
          >
            SVG (vector)
          </button>
          <button
            type="button"
            className="toolbar-button"
            onClick={() => void run(() => downloadMapJson(currentMapDoc(), map.name))}
            data-testid="export-map-json"
          >
            vsm-map JSON
          </button>
          {error && (
            <span className="save-status save-status--error" role="alert">
              {error}
            </span>
          )}
          <div ref={stage} className="export-stage-holder">
            <MapExportSvg map={map} metrics={metrics} findings={waste?.findings ?? []} />
          </div>
        </div>
      )}
    </span>
  );
}

/** Drop a vsm-map JSON file anywhere on the window to open it; the outcome or the file's error is shown. */
export function MapDropTarget() {
  const [over, setOver] = useState(false);
  const state = useMapImport((s) => s.state);
  const importFile = useMapImport((s) => s.importFile);
  const clear = useMapImport((s) => s.clear);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      setOver(false);
      // A dropped .vsm is a workspace: the desktop app's preload has taken it (and prevented the default).
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      setOver(false);
      const f = e.dataTransfer?.files[0];
      if (f) void importFile(f);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFile]);
  return (
    <>
      {over && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <p>Drop a vsm-map JSON file to open it as a map</p>
        </div>
      )}
      {state.kind === 'busy' && (
        <div className="maps-toast" role="status">
          Opening {state.file}…
        </div>
      )}
      {state.kind === 'error' && (
        <div className="maps-toast maps-toast--error" role="alert" data-testid="map-import-error">
          <pre className="maps-toast__pre">{state.message}</pre>
          <p className="maps-toast__note">Nothing was saved.</p>
          <button type="button" className="maps-toast__close" onClick={clear} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </>
  );
}
