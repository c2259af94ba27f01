// Sheet 3: every step's figures in flow order beside the workshop estimate, and the binding the figures
// were measured with (which statuses count as each step's active and wait time, done, blocked, abandoned).
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { stepsInFlowOrder } from '../../../shared/domain/map.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { bindingRows } from './report-text.ts';
import { Sheet } from './Sheet.tsx';

const list = (xs: string[]) => (xs.length === 0 ? '–' : xs.join(', '));

export function StepsSheet({ model }: { model: ReportModel }) {
  const { map, metrics } = model;
  const figures = new Map(metrics.steps.map((s) => [s.id, s]));
  const ordered = stepsInFlowOrder(map);
  const binding = bindingRows(model);
  return (
    <Sheet model={model} title="Steps in flow order" testId="report-steps">
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
              <tr key={s.id} className={isB ? 'is-bottleneck' : undefined} data-step-id={s.id}>
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
        Totals are summed over the {formatNumber(metrics.items.done)} items completed in the window; p50/p85 are per-item percentiles (R-7). A step&apos;s flow
        efficiency = its active / (active + wait + blocked), pooled over those items.
      </p>

      <h2 className="sheet__title">Binding: what each step measures</h2>
      <table className="report__binding" data-testid="report-binding">
        <thead>
          <tr>
            <th>Step</th>
            <th>Active statuses (someone works on it)</th>
            <th>Wait statuses (it sits in a queue)</th>
          </tr>
        </thead>
        <tbody>
          {binding.steps.map((b, i) => (
            <tr key={i}>
              <th scope="row">{b.name}</th>
              <td>{list(b.active)}</td>
              <td>{list(b.wait)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="report__binding-map">
        <div>
          <dt>Done</dt>
          <dd>{list(binding.done)}</dd>
        </div>
        <div>
          <dt>Blocked</dt>
          <dd>{list(binding.blocked)}</dd>
        </div>
        <div>
          <dt>Abandoned</dt>
          <dd>
            {list(binding.abandoned)}
            {binding.abandonedSuggested && ' (suggested from the status names: the map names none)'}
          </dd>
        </div>
      </dl>
    </Sheet>
  );
}
