// The import dialog: pick a source, name the file or folder, watch a progress bar with counts, cancel.
// Every message from an importer is shown as text (it may quote imported data).
import { useState, type FormEvent } from 'react';
import { formatNumber } from '../common/format.ts';
import { useImportStore, type ImportRun } from './import-store.ts';
import { IMPORT_SOURCES, isComplete } from './sources.ts';
import { TokenStatus } from './TokenStatus.tsx';

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
        {r.skipped.length > 0 && (
          <details data-testid="import-skipped">
            <summary>
              {formatNumber(r.skipped.length)} {r.skipped.length === 1 ? 'file' : 'files'} skipped (no issues in {r.skipped.length === 1 ? 'it' : 'them'})
            </summary>
            <ul>
              {r.skipped.slice(0, 50).map((s, i) => (
                <li key={i}>
                  <span className="mono">{s.file}</span>: {s.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
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
  // One set of values per source, so switching sources keeps what was typed.
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  if (!open) return null;

  const source = IMPORT_SOURCES.find((s) => s.id === sourceId) ?? IMPORT_SOURCES[0]!;
  const own = values[source.id] ?? {};
  const setValue = (name: string, value: string) => setValues((v) => ({ ...v, [source.id]: { ...v[source.id], [name]: value } }));
  const running = run.kind === 'running';
  const ready = isComplete(source, own);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) void start(source, own);
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
        <fieldset disabled={running} className="import-panel__fields">
          {source.fields.map((f) => (
            <label key={f.name} className="import-panel__field">
              <span>
                {f.label}
                {f.optional && <span className="muted"> (optional)</span>}
              </span>
              {f.options ? (
                <select value={own[f.name] ?? f.options[0]!.value} onChange={(e) => setValue(f.name, e.target.value)} data-testid={`import-${f.name}`}>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  type="text"
                  className={f.monospace ? 'mono' : undefined}
                  value={own[f.name] ?? ''}
                  onChange={(e) => setValue(f.name, e.target.value)}
                  placeholder={f.placeholder}
                  spellCheck={false}
                  data-testid={`import-${f.name}`}
                />
              )}
            </label>
          ))}
          <span className="muted import-panel__hint">{source.hint}</span>
        </fieldset>
        {source.service && (
          <TokenStatus key={source.service} service={source.service} site={(source.service === 'jira' ? own.baseUrl : own.apiUrl)?.trim() || undefined} />
        )}
        {run.kind === 'running' ? <Progress run={run} /> : <Outcome run={run} />}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => setOpen(false)} disabled={running} data-testid="import-close">
            Close
          </button>
          <button type="submit" className="button button--primary" disabled={running || !ready} data-testid="import-start">
            Import
          </button>
        </div>
      </form>
    </div>
  );
}
