// The print-ready report (A4 landscape): title block, static map, timeline ladder, headline figures,
// per-step table, bottleneck and kaizen actions. Printed headlessly by shared/report/print-pdf.ts, which
// waits for data-report-state="ready" (or "error", whose text is the message).
import { useEffect, useState } from 'react';
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { stepsInFlowOrder } from '../../../shared/domain/map.ts';
import type { ReportQuery } from '../../../shared/report/report-route.ts';
import { getClient } from '../common/client.ts';
import { errorMessage, formatDate, formatDateTime, formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { TimelineLadder } from '../common/Ladder.tsx';
import { MapSvg } from './MapSvg.tsx';

type State = { kind: 'loading' } | { kind: 'ready'; model: ReportModel } | { kind: 'error'; message: string };

export function ReportPage({ query }: { query: ReportQuery }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    const q = JSON.parse(key) as ReportQuery;
    (async () => {
      if (q.mapId !== undefined && !(Number.isInteger(q.mapId) && q.mapId > 0)) throw new Error(`the report address has an invalid mapId`);
      return getClient().reportModel({ mapId: q.mapId, asOf: q.asOf, from: q.from, to: q.to, types: q.types, label: q.label });
    })().then(
      (model) => live && setState({ kind: 'ready', model }),
      (e: unknown) => live && setState({ kind: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    document.title = state.kind === 'ready' ? `${state.model.map.name}: Flowmap report` : 'Flowmap report';
  }, [state]);

  if (state.kind === 'loading') {
    return (
      <div className="report-screen" data-report-state="loading">
        <p className="report-status">Preparing the report…</p>
      </div>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="report-screen">
        <p className="report-status report-status--error" role="alert" data-report-state="error">
          {state.message}
        </p>
      </div>
    );
  }
  return <Report model={state.model} />;
}

function Report({ model }: { model: ReportModel }) {
  const { map, metrics } = model;
  const figures = new Map(metrics.steps.map((s) => [s.id, s]));
  const ordered = stepsInFlowOrder(map);
  const bottleneck = metrics.bottleneck ? map.steps.find((s) => s.id === metrics.bottleneck!.stepId) : undefined;
  const kaizen = ordered.flatMap((s) => (s.kaizen ?? []).map((k) => ({ step: s.name, ...k })));

  return (
    <div className="report-screen">
      <nav className="report-actions no-print">
        <a href="#/">← Back to the map</a>
        <button type="button" onClick={() => window.print()}>
          Print / save as PDF
        </button>
      </nav>
      <article className="report" data-report-state="ready">
        <section className="sheet">
          <header className="report__title">
            <div>
              <div className="report__kicker">Value stream map · current state</div>
              <h1>{map.name}</h1>
              {map.description && <p className="report__description">{map.description}</p>}
            </div>
            <table className="report__titleblock">
              <tbody>
                <tr>
                  <th>Workspace</th>
                  <td>{model.workspace}</td>
                </tr>
                {map.owner && (
                  <tr>
                    <th>Owner</th>
                    <td>{map.owner}</td>
                  </tr>
                )}
                <tr>
                  <th>As of</th>
                  <td>{formatDate(metrics.asOf)}</td>
                </tr>
                <tr>
                  <th>Window</th>
                  <td>
                    {formatDate(metrics.window.from)} – {formatDate(metrics.window.to)}
                  </td>
                </tr>
                {metrics.durations && (
                  <tr>
                    <th>Durations</th>
                    <td className="report__basis">{metrics.durations.kind === 'elapsed' ? 'elapsed time (24 h a day, UTC)' : metrics.durations.text}</td>
                  </tr>
                )}
                <tr>
                  <th>Generated</th>
                  <td>{formatDateTime(model.generatedAt)}</td>
                </tr>
              </tbody>
            </table>
          </header>

          <table className="report__headline">
            <thead>
              <tr>
                <th>Lead time p50 / p85</th>
                <th>Cycle time p50 / p85</th>
                <th>Flow efficiency (pooled)</th>
                <th>Throughput</th>
                <th>WIP now / average</th>
                <th>Items done</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  {formatHours(metrics.leadTimeHours.p50)} / {formatHours(metrics.leadTimeHours.p85)}
                </td>
                <td>
                  {formatHours(metrics.cycleTimeHours.p50)} / {formatHours(metrics.cycleTimeHours.p85)}
                </td>
                <td>
                  {formatPercent(metrics.flowEfficiency)}
                  <span className="report__sub"> per item p50 {formatPercent(metrics.flowEfficiencyPerItem.p50)}</span>
                </td>
                <td>{formatNumber(metrics.throughputPerWeek, 1)} / week</td>
                <td>
                  {formatNumber(metrics.wip.current)} / {formatNumber(metrics.wip.average)}
                </td>
                <td>
                  {formatNumber(metrics.items.done)} <span className="report__sub">of {formatNumber(metrics.items.total)}</span>
                </td>
              </tr>
            </tbody>
          </table>

          <section className="report__map">
            <MapSvg map={map} metrics={metrics} />
          </section>

          {metrics.bottleneck && (
            <section className="report__bottleneck" data-testid="report-bottleneck">
              <span className="report__tag">Bottleneck</span>
              <strong>{bottleneck?.name ?? metrics.bottleneck.stepId}</strong>: {metrics.bottleneck.reason}
            </section>
          )}

          <section className="report__ladder">
            <h2>Timeline ladder ({metrics.ladder.measured ? 'measured medians per step' : 'workshop estimates per step'})</h2>
            <TimelineLadder ladders={metrics.ladder} bottleneckId={metrics.bottleneck?.stepId ?? null} compact controls={false} />
          </section>
        </section>

        <section className="sheet sheet--second">
          <h2>Steps in flow order</h2>
          <table className="report__steps">
            <thead>
              <tr>
                <th rowSpan={2}>Step</th>
                <th colSpan={3}>Active time</th>
                <th colSpan={3}>Wait time</th>
                <th rowSpan={2}>WIP now</th>
                <th rowSpan={2}>Flow eff.</th>
                <th rowSpan={2}>Workshop PT / LT / %C&amp;A</th>
              </tr>
              <tr>
                <th>total</th>
                <th>p50</th>
                <th>p85</th>
                <th>total</th>
                <th>p50</th>
                <th>p85</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((s) => {
                const f = figures.get(s.id);
                const isB = metrics.bottleneck?.stepId === s.id;
                const est = s.estimate;
                return (
                  <tr key={s.id} className={isB ? 'is-bottleneck' : undefined}>
                    <th scope="row">
                      {s.name}
                      {isB && <span className="report__tag report__tag--small">bottleneck</span>}
                    </th>
                    <td>{f ? formatHours(f.activeHours.total) : '–'}</td>
                    <td>{f ? formatHours(f.activeHours.p50) : '–'}</td>
                    <td>{f ? formatHours(f.activeHours.p85) : '–'}</td>
                    <td>{f ? formatHours(f.waitHours.total) : '–'}</td>
                    <td>{f ? formatHours(f.waitHours.p50) : '–'}</td>
                    <td>{f ? formatHours(f.waitHours.p85) : '–'}</td>
                    <td>{f ? formatNumber(f.wip) : '–'}</td>
                    <td>{f ? formatPercent(f.flowEfficiency) : '–'}</td>
                    <td className="report__estimate">
                      {est
                        ? [
                            est.processTimeHours !== undefined ? formatHours(est.processTimeHours) : '–',
                            est.leadTimeHours !== undefined ? formatHours(est.leadTimeHours) : '–',
                            est.percentCompleteAccurate !== undefined ? formatPercent(est.percentCompleteAccurate) : '–',
                          ].join(' / ')
                        : '–'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="report__footnote">
            Totals are summed over the {formatNumber(metrics.items.done)} items completed in the window; p50/p85 are per-item percentiles (R-7). Flow efficiency = active / (active + wait), pooled over
            those items. Wait and active time come from the statuses each step is bound to.
          </p>

          <div className="report__columns">
            <section>
              <h2>Kaizen actions</h2>
              {kaizen.length === 0 ? (
                <p className="muted">No kaizen actions recorded on this map.</p>
              ) : (
                <table className="report__kaizen">
                  <thead>
                    <tr>
                      <th>Step</th>
                      <th>Action</th>
                      <th>Owner</th>
                    </tr>
                  </thead>
                  <tbody>
                    {kaizen.map((k, i) => (
                      <tr key={i}>
                        <td>{k.step}</td>
                        <td>{k.text}</td>
                        <td>{k.owner ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="report__glossary">
              <h2>How to read this report</h2>
              <p>
                <strong>Lead time</strong>: created → done. <strong>Cycle time</strong>: first bound status → done.
              </p>
              <p>
                <strong>Flow efficiency</strong>: active / (active + wait). The headline is pooled (Σ over items), not an average of per-item ratios.
              </p>
              <p>
                <strong>Timeline ladder</strong>: median wait (top rung) and median active time (bottom rung) per step along the main path (the workshop's LT − PT
                and PT when nothing is measured yet); the activity ratio is Σ active / Σ (wait + active) along it.
              </p>
              <p>
                <strong>Bottleneck</strong>: the step holding the largest share of all wait time.
              </p>
            </section>
          </div>
        </section>
        {model.bottleneckItems && <BottleneckItems items={model.bottleneckItems} />}
      </article>
    </div>
  );
}

/** The third sheet: the work items behind the bottleneck, so the retrospective talks about real tickets. */
function BottleneckItems({ items }: { items: NonNullable<ReportModel['bottleneckItems']> }) {
  const rows = (list: typeof items.completed.items, now: boolean) => (
    <table className="report__kaizen report__items">
      <thead>
        <tr>
          <th>Item</th>
          <th>Title</th>
          <th>Type</th>
          <th className="num">Wait here</th>
          <th className="num">Active here</th>
          <th className="num">{now ? 'Status' : 'Lead time'}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((i) => (
          <tr key={i.key}>
            <td className="report__item-key">{i.key}</td>
            <td>{i.title ?? '–'}</td>
            <td>{i.type ?? '–'}</td>
            <td className="num">{formatHours(i.waitHours)}</td>
            <td className="num">{formatHours(i.activeHours)}</td>
            <td className="num">{now ? (i.status ?? '–') : formatHours(i.leadTimeHours)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="sheet sheet--second" data-testid="report-bottleneck-items">
      <h2>Behind the bottleneck: {items.stepName}</h2>
      <p className="report__footnote">
        {formatNumber(items.completed.count)} completed items passed through {items.stepName} and waited {formatHours(items.completed.waitHours)} there in all. The{' '}
        {items.completed.items.length} that waited longest:
      </p>
      {items.completed.items.length > 0 ? rows(items.completed.items, false) : <p className="muted">None.</p>}
      <h2 className="report__items-now">
        In {items.stepName} now: {formatNumber(items.current.count)} items
      </h2>
      {items.current.count > items.current.items.length && <p className="report__footnote">The {items.current.items.length} that have been there longest:</p>}
      {items.current.items.length > 0 ? rows(items.current.items, true) : <p className="muted">None.</p>}
    </section>
  );
}
