// "Why do the numbers differ?": the map's cycle and lead time under every named convention side by side,
// and the items whose value changes most between two of them, with the rule that changed it. Everything
// comes from the core's compareConventions; the view only draws it.
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import { CONVENTION_NAMES, type ConventionName } from '../../../shared/metrics/convention-names.ts';
import type { ConventionComparison, ConventionFigures } from '../../../shared/metrics/conventions.ts';
import { filterQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage, formatDate, formatHours } from '../common/format.ts';

export const useConventionsStore = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({ open: false, setOpen: (open) => set({ open }) }));

type Load = { kind: 'loading' } | { kind: 'ready'; c: ConventionComparison } | { kind: 'error'; message: string };

function value(f: Pick<ConventionFigures, 'unit' | 'convention'>, x: number | null): string {
  if (x === null) return '–';
  if (f.unit === 'hours') return formatHours(x);
  return `${Number.isInteger(x) ? x : x.toFixed(1)} d`;
}

function Panel({ mapId }: { mapId: number }) {
  const setOpen = useConventionsStore((s) => s.setOpen);
  const filters = useAppStore((s) => s.filters);
  const metrics = useAppStore((s) => s.metrics);
  const [a, setA] = useState<ConventionName>('flowmap');
  const [b, setB] = useState<ConventionName>('jirametrics');
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    getClient()
      .compareConventions({ mapId, a, b, limit: 20, ...filterQuery(filters) })
      .then((c) => live && setLoad({ kind: 'ready', c }))
      .catch((e: unknown) => live && setLoad({ kind: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [mapId, a, b, filters, metrics]);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);

  const pick = (label: string, v: ConventionName, set: (c: ConventionName) => void, testId: string) => (
    <label className="conventions__pick">
      {label}{' '}
      <select value={v} onChange={(e) => set(e.target.value as ConventionName)} data-testid={testId}>
        {CONVENTION_NAMES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section
      className="compare conventions"
      data-testid="conventions"
      data-state={load.kind}
      role="dialog"
      aria-modal="true"
      aria-label="Why do the numbers differ?"
    >
      <header className="compare__head">
        <h2>Why do the numbers differ?</h2>
        <button type="button" ref={closeRef} className="charts__close" onClick={() => setOpen(false)} aria-label="Close" data-testid="conventions-close">
          ×
        </button>
      </header>
      {load.kind === 'loading' && <p className="compare__basis">Computing every convention…</p>}
      {load.kind === 'error' && (
        <p className="compare__basis charts__state--error" role="alert">
          {load.message}
        </p>
      )}
      {load.kind === 'ready' && (
        <>
          <p className="compare__basis">
            The same items done {formatDate(load.c.figures[0]!.window.from)} – {formatDate(load.c.figures[0]!.window.to)}, measured by each tool's own rules.
            Flowmap counts exact elapsed time; the others count whole dates in {load.c.figures[0]!.timeZone}.
          </p>
          <table className="compare__gains" data-testid="conventions-table">
            <thead>
              <tr>
                <th>Convention</th>
                <th>Done</th>
                <th>Cycle p50</th>
                <th>Cycle p85</th>
                <th>Cycle p95</th>
                <th>Lead p50</th>
                <th>Lead p85</th>
              </tr>
            </thead>
            <tbody>
              {load.c.figures.map((f) => (
                <tr key={f.convention} data-convention={f.convention} title={f.choices.map((x) => `${x.topic}: ${x.rule} [${x.reference}]`).join('\n')}>
                  <th scope="row">
                    {f.label}
                    <div className="muted conventions__summary">{f.summary}</div>
                  </th>
                  <td>{f.done}</td>
                  <td data-figure="cycle-p50">{value(f, f.cycleTime.p50)}</td>
                  <td data-figure="cycle-p85">{value(f, f.cycleTime.p85)}</td>
                  <td>{value(f, f.cycleTime.p95)}</td>
                  <td>{value(f, f.leadTime.p50)}</td>
                  <td>{value(f, f.leadTime.p85)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="compare__actions conventions__pair">
            {pick('Items that change most from', a, setA, 'convention-a')}
            {pick('to', b, setB, 'convention-b')}
            <span className="muted">
              {load.c.totalItems} items differ; the {Math.min(20, load.c.items.length)} largest:
            </span>
          </div>
          <table className="compare__gains conventions__items" data-testid="conventions-items">
            <thead>
              <tr>
                <th>Item</th>
                <th>{a}</th>
                <th>{b}</th>
                <th>Difference</th>
                <th>Rule</th>
              </tr>
            </thead>
            <tbody>
              {load.c.items.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">{r.key}</th>
                  <td>
                    {r.a.cycle === null ? 'not counted' : value({ unit: load.c.figures.find((f) => f.convention === a)!.unit, convention: a }, r.a.cycle)}
                  </td>
                  <td>
                    {r.b.cycle === null ? 'not counted' : value({ unit: load.c.figures.find((f) => f.convention === b)!.unit, convention: b }, r.b.cycle)}
                  </td>
                  <td>{r.differenceDays === null ? '–' : `${r.differenceDays > 0 ? '+' : ''}${r.differenceDays.toFixed(1)} d`}</td>
                  <td className="conventions__rules">{r.rules.map((x) => `${x.convention}: ${x.text}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function ConventionsView() {
  const open = useConventionsStore((s) => s.open);
  const map = useAppStore((s) => s.map);
  return open && map ? <Panel mapId={map.id} /> : null;
}

export function ConventionsButton() {
  const setOpen = useConventionsStore((s) => s.setOpen);
  return (
    <button
      type="button"
      className="toolbar-button"
      onClick={() => setOpen(true)}
      data-testid="conventions-open"
      title="The same figures under jirametrics, jira-agile-metrics and ActionableAgile rules"
    >
      Definitions
    </button>
  );
}
