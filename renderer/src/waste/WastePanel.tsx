// The waste panel: every finding of the core's waste analysis, ranked, with its evidence and threshold;
// a click drills down to the finding's items with their status history; "Turn into kaizen" puts a kaizen
// burst on the step with the waste type filled in. Imported text is rendered as React text only.
import { useEffect, useRef, useState } from 'react';
import { formatDateTime, formatPercent } from '../common/format.ts';
import { ItemKeyLink } from '../links/ExternalLink.tsx';
import { thresholdText } from './thresholds.ts';
import { ThresholdsForm } from './ThresholdsForm.tsx';
import { WASTE_TAG } from './waste-labels.ts';
import { useWasteStore } from './waste-store.ts';

export function WasteButton() {
  const open = useWasteStore((s) => s.open);
  const count = useWasteStore((s) => s.waste?.findings.length ?? 0);
  return (
    <button type="button" className="toolbar-button" aria-pressed={open} onClick={() => useWasteStore.getState().setOpen(!open)} data-testid="waste-open">
      Waste ({count})
    </button>
  );
}

function FindingItems() {
  const drill = useWasteStore((s) => s.drill);
  const ref = useRef<HTMLElement>(null);
  // The items open below the list: bring them into view, or a click on a finding seems to do nothing.
  useEffect(() => {
    if (drill.kind !== 'closed') ref.current?.scrollIntoView({ block: 'start' });
  }, [drill.kind]);
  if (drill.kind === 'closed') return null;
  return (
    <section className="waste__drill" data-testid="waste-drill" aria-label="Items behind the finding" ref={ref}>
      <div className="waste__drill-head">
        <strong>Items behind: {drill.finding.evidence}</strong>
        <button type="button" onClick={() => useWasteStore.getState().closeDrill()} aria-label="Close the items">
          ×
        </button>
      </div>
      {drill.kind === 'loading' && <p className="muted">Loading…</p>}
      {drill.kind === 'error' && <p role="alert">{drill.message}</p>}
      {drill.kind === 'ready' && (
        <ol className="waste__items">
          {drill.items.items.map((i) => (
            <li key={i.key} data-item-key={i.key}>
              <div className="drill__key">
                <ItemKeyLink item={i} />
                {i.type && <span className="drill__type">{i.type}</span>} <span className="muted">now {i.status ?? '—'}</span>
              </div>
              <ol className="waste__history" aria-label={`Status history of ${i.key}`}>
                {i.changes.map((c, k) => (
                  <li key={k}>
                    <span className="muted">{formatDateTime(c.at)}</span> {c.from ?? '∅'} → <strong>{c.to}</strong>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function WastePanel() {
  const open = useWasteStore((s) => s.open);
  const waste = useWasteStore((s) => s.waste);
  const error = useWasteStore((s) => s.error);
  const [editing, setEditing] = useState(false);
  if (!open) return null;
  return (
    <aside className="waste" data-testid="waste-panel" aria-label="Waste on this map">
      <div className="waste__head">
        <h2>Waste, ranked</h2>
        <button
          type="button"
          className="waste__thresholds-open"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
          data-testid="waste-thresholds-open"
        >
          Thresholds
        </button>
        <button type="button" onClick={() => useWasteStore.getState().setOpen(false)} aria-label="Close the waste panel">
          ×
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {waste && (
        <>
          <p className="muted waste__basis">
            {waste.completedItems.toLocaleString('en-US')} completed items · rolled measured %C&amp;A{' '}
            {formatPercent(waste.rolledMeasuredPercentCompleteAccurate)}
            {waste.abandonedStatuses.suggested && waste.abandonedStatuses.statuses.length > 0 && (
              <> · abandoned statuses suggested: {waste.abandonedStatuses.statuses.join(', ')}</>
            )}
          </p>
          {editing && <ThresholdsForm current={waste.thresholds} onDone={() => setEditing(false)} />}
          {waste.findings.length === 0 && <p>No findings at this map's thresholds.</p>}
          <ol className="waste__list">
            {waste.findings.map((f, i) => (
              <li key={`${f.waste}-${f.stepId}`} className="waste__finding" data-testid="waste-finding" data-waste={f.waste} data-step-id={f.stepId}>
                <button
                  type="button"
                  className="waste__evidence"
                  onClick={() => void useWasteStore.getState().drillInto(f)}
                  title="Show the items behind this finding"
                >
                  <span className="waste__rank">{i + 1}</span>
                  <span className="waste__icon" aria-hidden="true">
                    {WASTE_TAG[f.waste].icon}
                  </span>
                  <span className="waste__type">{f.waste}</span>
                  <span className="waste__text" data-testid="waste-evidence">
                    {f.evidence}
                  </span>
                </button>
                <div className="waste__meta">
                  <span className="muted">{f.threshold === null ? 'every manual step' : thresholdText(f.waste, f.threshold)}</span>
                  <button type="button" className="waste__kaizen" onClick={() => void useWasteStore.getState().toKaizen(f)} data-testid="waste-to-kaizen">
                    Turn into kaizen
                  </button>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      <FindingItems />
    </aside>
  );
}
