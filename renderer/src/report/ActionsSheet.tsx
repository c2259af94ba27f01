// The last sheet: the kaizen actions (improvement, step, owner, waste addressed, votes, due date, status)
// and how to read the report.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { stepsInFlowOrder } from '../../../shared/domain/map.ts';
import { formatNumber } from '../common/format.ts';
import { Sheet } from './Sheet.tsx';
import { wasteLabel } from './waste.ts';

export function ActionsSheet({ model }: { model: ReportModel }) {
  const kaizen = stepsInFlowOrder(model.map).flatMap((s) => (s.kaizen ?? []).map((k) => ({ step: s.name, ...k })));
  // Most votes first: the room's priorities.
  const ordered = [...kaizen].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  return (
    <Sheet model={model} title="Kaizen actions" testId="report-actions">
      {ordered.length === 0 ? (
        <p className="muted">No kaizen actions recorded on this map.</p>
      ) : (
        <table className="report__kaizen" data-testid="report-kaizen">
          <thead>
            <tr>
              <th>Improvement</th>
              <th>Step</th>
              <th>Owner</th>
              <th>Waste addressed</th>
              <th className="num">Votes</th>
              <th>Due</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((k, i) => (
              <tr key={i}>
                <td>{k.text}</td>
                <td>{k.step}</td>
                <td>{k.owner ?? '–'}</td>
                <td>{k.waste ? wasteLabel(k.waste) : '–'}</td>
                <td className="num">{k.votes !== undefined ? formatNumber(k.votes) : '–'}</td>
                <td>{k.due ?? '–'}</td>
                <td>{k.status ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="report__glossary">
        <h2 className="sheet__title">How to read this report</h2>
        <p>
          <strong>Lead time</strong>: created → done. <strong>Cycle time</strong>: first bound status → done. <strong>Done</strong>: the last entry into a done
          status, the item still done at the as-of instant.
        </p>
        <p>
          <strong>Flow efficiency</strong>: active / (active + wait + blocked). The headline is pooled (Σ over items), not an average of per-item ratios.
        </p>
        <p>
          <strong>Timeline ladder</strong>: wait (top rung) and process or active time (bottom rung) per step along the main path; the activity ratio is Σ
          process / Σ lead time along it.
        </p>
        <p>
          <strong>Bottleneck</strong>: the step holding the largest share of all wait time. <strong>Waste</strong>: each finding names the figure that crossed
          its threshold and the items behind it, largest effect first.
        </p>
        <p>
          <strong>Percentiles</strong>: p50/p85/p95 with R-7 interpolation. <strong>Forecast</strong>: Monte Carlo resampling of daily throughput; a p85 date
          means 85 in 100 of the simulated futures were done by then.
        </p>
      </section>
    </Sheet>
  );
}
