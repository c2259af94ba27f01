// The import dialog: pick a source, name the file or folder, watch a progress bar with counts, cancel.
// Every message from an importer is shown as text (it may quote imported data).
import { useState, type FormEvent } from 'react';
import { formatNumber } from '../common/format.ts';
import { useImportStore, type ImportRun } from './import-store.ts';
import { IMPORT_SOURCES } from './sources.ts';

function Progress({ run }: { run: Extract<ImportRun, { kind: 'running' }> }) {
  const cancel = useImportStore((s) => s.cancel);
  const known = run.total !== undefined && run.total > 0;
  return (
    <div className="import-progress" data-testid="import-progress" aria-live="polite">
      <progress max={known ? run.total : undefined} value={known ? run.done : undefined} />
      <div className="import-progress__row">
        <span data-testid="import-counts">
          {run.phase}: {formatNumber(run.done)}
          {known && <> of {formatNumber(run.total)}</>}
        </span>
        <button type="button" className="button button--danger" onClick={() => void cancel()} disabled={run.cancelling} data-testid="import-cancel">
          {run.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}

function Outcome({ run }: { run: ImportRun }) {
  if (run.kind === 'done') {
    const r = run.result;
    const parts = [`${formatNumber(r.items)} items`, `${formatNumber(r.statusChanges)} status changes`];
    if (r.commits) parts.push(`${formatNumber(r.commits)} commits`);
    if (r.releases) parts.push(`${formatNumber(r.releases)} releases`);
    return (
      <div className="import-outcome import-outcome--ok" data-testid="import-result">
        <strong>Imported {parts.join(', ')}</strong> in {(r.durationMs / 1000).toFixed(1)} s.
        {r.warnings.length > 0 && (
          <details>
            <summary>{formatNumber(r.warnings.length)} warnings</summary>
            <ul>
              {r.warnings.slice(0, 50).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    );
  }
  if (run.kind === 'failed') {
    return (
      <div className="import-outcome import-outcome--error" role="alert" data-testid="import-error">
        {run.message}
      </div>
    );
  }
  return null;
}

export function ImportPanel() {
  const open = useImportStore((s) => s.open);
  const run = useImportStore((s) => s.run);
  const setOpen = useImportStore((s) => s.setOpen);
  const start = useImportStore((s) => s.start);
  const [sourceId, setSourceId] = useState(IMPORT_SOURCES[0]!.id);
  const [path, setPath] = useState('');
  if (!open) return null;

  const source = IMPORT_SOURCES.find((s) => s.id === sourceId) ?? IMPORT_SOURCES[0]!;
  const running = run.kind === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim() !== '') void start(source, path);
  };

  return (
    <div className="dialog-backdrop">
      <form className="dialog import-panel" role="dialog" aria-modal="true" aria-labelledby="import-title" onSubmit={submit} data-testid="import-panel">
        <h2 id="import-title">Import work items</h2>
        <p className="muted">Each import is one transaction: if it fails or you cancel it, the workspace stays exactly as it was.</p>
        <fieldset disabled={running} className="import-panel__sources">
          <legend>Source</legend>
          {IMPORT_SOURCES.map((s) => (
            <label key={s.id} className="import-source">
              <input type="radio" name="source" value={s.id} checked={s.id === source.id} onChange={() => setSourceId(s.id)} />
              {s.label}
            </label>
          ))}
        </fieldset>
        <label className="import-panel__path">
          {source.pathLabel}
          <input
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={source.placeholder}
            disabled={running}
            spellCheck={false}
            data-testid="import-path"
          />
          <span className="muted">{source.hint}</span>
        </label>
        {run.kind === 'running' ? <Progress run={run} /> : <Outcome run={run} />}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => setOpen(false)} disabled={running} data-testid="import-close">
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={running || path.trim() === ''} data-testid="import-start">
            Import
          </button>
        </div>
      </form>
    </div>
  );
}
