// Current vs future state, and measured-after: both ladders side by side and the baseline / target / gain
// table, all from the core's compareStates. Escape or × returns to the map.
import { useEffect, useRef, useState } from 'react';
import type { StateComparison } from '../../../shared/metrics/state-comparison.ts';
import type { Ladders } from '../../../shared/metrics/ladder.ts';
import { formatDate, formatHours, formatPercent } from '../common/format.ts';
import { gain, improves, REFERENCE_TEXT, value } from './compare-format.ts';
import { useCompareStore } from './compare-store.ts';

/** One ladder as a compact table: wait and process/active per step on the main path, and the totals. */
function LadderTable({ title, ladder, which, testId }: { title: string; ladder: Ladders; which: 'estimate' | 'measured'; testId: string }) {
  const l = ladder[which];
  if (l === null) {
    return (
      <div className="compare__ladder" data-testid={testId} data-state="none">
        <h3>{title}</h3>
        <p className="muted">{which === 'measured' ? 'No completed items in this window.' : 'No step has both a process and a lead time estimate.'}</p>
      </div>
    );
  }
  return (
    <div className="compare__ladder" data-testid={testId} data-state="ready">
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th>Step</th>
            <th>Wait</th>
            <th>{which === 'estimate' ? 'Process' : 'Active'}</th>
          </tr>
        </thead>
        <tbody>
          {l.rungs.map((r) => (
            <tr key={r.stepId}>
              <td>{r.name}</td>
              <td>{r.noData ? 'no data' : formatHours(r.waitHours)}</td>
              <td>{r.noData ? 'no data' : formatHours('processHours' in r ? r.processHours : r.activeHours)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>Lead {formatHours(l.totalLeadTimeHours)}</th>
            <th colSpan={2} data-testid={`${testId}-ratio`}>
              activity ratio {formatPercent(l.activityRatio, 1)}
            </th>
          </tr>
        </tfoot>
      </table>
      {l.offPath.length > 0 && <p className="muted">Off the main path (not summed): {l.offPath.map((s) => s.name).join(', ')}</p>}
    </div>
  );
}

function GainTable({ c }: { c: StateComparison }) {
  return (
    <table className="compare__gains" data-testid="gain-table">
      <thead>
        <tr>
          <th>Figure</th>
          <th>Baseline</th>
          <th>Target</th>
          <th>Gain</th>
          <th>Measured now</th>
          <th>Achieved</th>
        </tr>
      </thead>
      <tbody>
        {c.rows.map((r) => (
          <tr key={r.figure} data-figure={r.figure}>
            <th scope="row">{r.label}</th>
            <td>{value(r, r.reference)}</td>
            <td>{value(r, r.target)}</td>
            <td className={improves(r) ? 'gain gain--good' : 'gain'}>
              {gain(r)}
              {r.relativeGain !== null && <span className="muted"> ({formatPercent(r.relativeGain, 1)})</span>}
            </td>
            <td>{value(r, r.now)}</td>
            <td>{r.achieved === null ? '–' : formatPercent(r.achieved, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BaselineForm() {
  const [name, setName] = useState('');
  const takeBaseline = useCompareStore((s) => s.takeBaseline);
  return (
    <form
      className="compare__baseline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void takeBaseline(name.trim()).then(() => setName(''));
      }}
    >
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="Baseline name, e.g. before kaizen week"
        aria-label="Baseline name"
        data-testid="baseline-name"
      />
      <button type="submit" className="toolbar-button" data-testid="baseline-take" disabled={!name.trim()}>
        Take baseline
      </button>
    </form>
  );
}

function ComparePanel() {
  const load = useCompareStore((s) => s.load);
  const notice = useCompareStore((s) => s.notice);
  const close = useCompareStore((s) => s.close);
  const createFutureState = useCompareStore((s) => s.createFutureState);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const c = load.kind === 'ready' ? load.comparison : null;
  return (
    <section className="compare" data-testid="compare" data-state={load.kind} role="dialog" aria-modal="true" aria-label="Current and future state">
      <header className="compare__head">
        <h2>Current vs future state</h2>
        <div className="compare__actions">
          {c && c.future === null && (
            <button type="button" className="toolbar-button" onClick={() => void createFutureState()} data-testid="future-create">
              Create future state
            </button>
          )}
          <BaselineForm />
        </div>
        <button type="button" ref={closeRef} className="charts__close" onClick={close} aria-label="Close the comparison" data-testid="compare-close">
          ×
        </button>
      </header>
      {notice && (
        <p className="compare__notice" role="status" data-testid="compare-notice">
          {notice}
        </p>
      )}
      {load.kind === 'loading' && <p className="muted">Comparing…</p>}
      {load.kind === 'error' && (
        <p className="charts__state--error" role="alert">
          {load.message}
        </p>
      )}
      {c && (
        <>
          <p className="compare__basis">
            Current state <strong>{c.current.name}</strong>
            {c.future ? (
              <>
                {' '}
                · future state <strong>{c.future.name}</strong>
              </>
            ) : (
              ' · no future state yet'
            )}
            {c.baseline && (
              <>
                {' '}
                · baseline <strong>{c.baseline.name}</strong> (figures as of {formatDate(c.baseline.asOf)})
              </>
            )}
            . Gains are measured from {REFERENCE_TEXT[c.reference]}. Totals sum per-step medians (measured) or estimates along the main path.
          </p>
          <div className="compare__ladders">
            {c.baseline && <LadderTable title={`Baseline “${c.baseline.name}”`} ladder={c.baseline.ladder} which="measured" testId="ladder-baseline" />}
            <LadderTable title="Current state (estimate)" ladder={c.current.ladder} which="estimate" testId="ladder-current-estimate" />
            <LadderTable title="Current state (measured now)" ladder={c.current.ladder} which="measured" testId="ladder-current-measured" />
            {c.future && <LadderTable title={`Future state “${c.future.name}” (target)`} ladder={c.future.ladder} which="estimate" testId="ladder-future" />}
          </div>
          <GainTable c={c} />
        </>
      )}
    </section>
  );
}

/** Mounted by the app screen; renders nothing until the Compare button opens it. */
export function CompareView() {
  const open = useCompareStore((s) => s.load.kind !== 'closed');
  return open ? <ComparePanel /> : null;
}

export function CompareButton() {
  const open = useCompareStore((s) => s.open);
  return (
    <button type="button" className="toolbar-button" onClick={() => void open()} data-testid="compare-open">
      Future state
    </button>
  );
}
