// Sheet 1: the title block (value stream, team, window, as-of, filters, duration convention, data sources),
// the headline figures, the map with its measured figures and the bottleneck's badge (its reason is printed
// once, on the bottleneck's own sheet).
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { formatDateTime, formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { MapSvg } from './MapSvg.tsx';
import { bindingSummary, durationText, filterText, sourceLines, windowText } from './report-text.ts';
import { Sheet } from './Sheet.tsx';
import type { WasteFinding } from './waste.ts';

export function OverviewSheet({ model, findings }: { model: ReportModel; findings: WasteFinding[] }) {
  const { map, metrics } = model;
  const filtered = filterText(model.filters);
  const sources = sourceLines(model.sources);
  return (
    <Sheet model={model} first testId="report-overview">
      <header className="report__title">
        <div className="report__heading">
          <div className="report__kicker">Value stream map · current state · retrospective report</div>
          <h1>{map.name}</h1>
          {map.description && <p className="report__description">{map.description}</p>}
          {filtered && (
            <p className="report__filtered report__filtered--banner" data-testid="report-filter-banner">
              Filtered: {filtered} only. Every figure in this report counts only these items.
            </p>
          )}
        </div>
        <table className="report__titleblock" data-testid="report-titleblock">
          <tbody>
            <tr>
              <th>Value stream</th>
              <td>{map.name}</td>
              <th>Team / owner</th>
              <td>{map.owner ?? '–'}</td>
            </tr>
            <tr>
              <th>Workspace</th>
              <td>{model.workspace}</td>
              <th>As of</th>
              <td>{formatDateTime(metrics.asOf)}</td>
            </tr>
            <tr>
              <th>Window</th>
              <td className="report__wrap">{windowText(metrics)}</td>
              <th>Filters</th>
              <td className="report__wrap">{filtered ?? 'none: all items'}</td>
            </tr>
            <tr>
              <th>Durations</th>
              <td className="report__wrap">{durationText(metrics)}</td>
              <th>Data sources</th>
              <td className="report__wrap" data-testid="report-sources">
                {sources.length === 0 ? 'no items imported' : sources.map((s, i) => <div key={i}>{s}</div>)}
              </td>
            </tr>
            <tr>
              <th>Binding</th>
              <td colSpan={3} className="report__wrap report__binding-cell" data-testid="report-binding-summary">
                {bindingSummary(model).map((l, i) => (
                  <div key={i}>{l}</div>
                ))}
              </td>
            </tr>
            <tr>
              <th>Generated</th>
              <td colSpan={3}>{formatDateTime(model.generatedAt)}</td>
            </tr>
          </tbody>
        </table>
      </header>

      <table className="report__headline" data-testid="report-headline">
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
              {formatNumber(metrics.wip.current)} / {formatNumber(metrics.wip.average, 1)}
            </td>
            <td>
              {formatNumber(metrics.items.done)} <span className="report__sub">of {formatNumber(metrics.items.total)}</span>
            </td>
          </tr>
        </tbody>
      </table>

      <section className="report__map">
        <MapSvg map={map} metrics={metrics} findings={findings} />
      </section>

      <p className="report__footnote">
        Lead time: created → done; cycle time: first bound status → done; p50/p85: per-item percentiles (R-7) over the {formatNumber(metrics.items.done)} items
        done in the window. Flow efficiency is pooled (Σ active / Σ (active + wait + blocked)), not a mean of per-item ratios. Heat: the step&apos;s share of
        all wait time.
      </p>
    </Sheet>
  );
}
