// Sheet 2: the timeline ladders (workshop estimate and measured, side by side where both exist) with their
// totals, and what those totals are, in words: sums of per-step medians on the main path, which is not the
// headline per-item lead time, and an activity ratio that is not the pooled flow efficiency.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { wrapName } from './MapSvg.tsx';
import { printLadders, type PrintLadder } from './report-ladders.ts';
import { Sheet } from './Sheet.tsx';

const W = 1040;
const LEFT = 78;

export function LadderSvg({ ladder, kind, bottleneckId }: { ladder: PrintLadder; kind: 'estimate' | 'measured'; bottleneckId: string | null }) {
  const n = Math.max(1, ladder.rungs.length);
  const w = (W - LEFT) / n;
  const top = 26;
  const bottom = 62;
  const maxChars = Math.max(8, Math.floor(w / 7));
  const workLabel = kind === 'estimate' ? 'PT' : 'active p50';
  const waitLabel = kind === 'estimate' ? 'LT − PT' : 'wait p50';
  return (
    <svg className="ladder-svg" viewBox={`0 0 ${W} 116`} role="img" aria-label={`Timeline ladder (${kind})`} data-testid={`report-ladder-${kind}`}>
      <text x={0} y={top + 4} fontSize="11" fontWeight="700" fill="#b45309">
        {waitLabel}
      </text>
      <text x={0} y={bottom + 4} fontSize="11" fontWeight="700" fill="#047857">
        {workLabel}
      </text>
      {ladder.rungs.map((r, i) => {
        const x0 = LEFT + i * w;
        const mid = x0 + w / 2;
        const x1 = x0 + w;
        const stroke = r.noData ? '#94a3b8' : '#0f172a';
        const dash = r.noData ? '4 3' : undefined;
        const isB = r.stepId === bottleneckId;
        const lines = wrapName(r.name, maxChars);
        return (
          <g key={r.stepId} data-step-id={r.stepId}>
            <path
              d={`M${x0},${top} H${mid} V${bottom} H${x1}${i < n - 1 ? ` V${top}` : ''}`}
              fill="none"
              stroke={isB ? '#b91c1c' : stroke}
              strokeWidth={isB ? 3.5 : 2.5}
              strokeDasharray={dash}
            />
            {r.noData ? (
              <text x={x0 + w / 2} y={top - 7} textAnchor="middle" fontSize="11" fill="#64748b" fontStyle="italic">
                no data
              </text>
            ) : (
              <>
                <text x={x0 + w / 4} y={top - 7} textAnchor="middle" fontSize="12.5" fontWeight="700" fill="#b45309">
                  {formatHours(r.waitHours)}
                </text>
                <text x={mid + w / 4} y={bottom + 16} textAnchor="middle" fontSize="12.5" fontWeight="700" fill="#047857">
                  {formatHours(r.workHours)}
                </text>
              </>
            )}
            {lines.map((l, li) => (
              <text
                key={li}
                x={x0 + w / 2}
                y={bottom + 34 + li * 13}
                textAnchor="middle"
                fontSize="11"
                fontWeight={isB ? 800 : 600}
                fill={isB ? '#b91c1c' : '#334155'}
              >
                {l}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

type Row = { label: string; hint: string; estimate: string | null; measured: string | null };

export function LadderSheet({ model }: { model: ReportModel }) {
  const { metrics } = model;
  const { estimate, measured } = printLadders(model);
  const bottleneckId = metrics.bottleneck?.stepId ?? null;
  const both = estimate !== null && measured !== null;
  const val = (l: PrintLadder | null, f: (l: PrintLadder) => string) => (l ? f(l) : null);
  const rows: Row[] = [
    {
      label: 'Total lead time',
      hint: 'Σ (wait + process) per step on the main path',
      estimate: val(estimate, (l) => formatHours(l.totalLeadTimeHours)),
      measured: val(measured, (l) => formatHours(l.totalLeadTimeHours)),
    },
    {
      label: 'Total process time',
      hint: 'Σ PT (estimate) or Σ median active time (measured)',
      estimate: val(estimate, (l) => formatHours(l.totalProcessTimeHours)),
      measured: val(measured, (l) => formatHours(l.totalProcessTimeHours)),
    },
    {
      label: 'Total wait',
      hint: 'Σ (LT − PT) or Σ median wait',
      estimate: val(estimate, (l) => formatHours(l.totalWaitHours)),
      measured: val(measured, (l) => formatHours(l.totalWaitHours)),
    },
    {
      label: 'Activity ratio',
      hint: 'total process time / total lead time',
      estimate: val(estimate, (l) => formatPercent(l.activityRatio)),
      measured: val(measured, (l) => formatPercent(l.activityRatio)),
    },
    {
      label: 'Rolled %C&A',
      hint: 'Π %C&A along the path (estimate: the workshop’s; measured: 1 − rework received / left forward)',
      estimate: val(estimate, (l) => formatPercent(l.rolledPercentCompleteAccurate)),
      measured: val(measured, (l) => formatPercent(l.rolledPercentCompleteAccurate)),
    },
  ];
  const offPath = [...new Set([...(estimate?.offPath ?? []), ...(measured?.offPath ?? [])])];
  const onPath = (measured ?? estimate)?.rungs.length ?? 0;

  return (
    <Sheet
      model={model}
      title={both ? 'Timeline ladder: workshop estimate and measured' : measured ? 'Timeline ladder (measured)' : 'Timeline ladder (workshop estimate)'}
      testId="report-ladder"
    >
      {!estimate && !measured && (
        <p className="muted">No step has an estimate (PT and LT) and no item was completed in the window: there is no ladder to draw.</p>
      )}
      <div className={both ? 'report__ladders report__ladders--both' : 'report__ladders'}>
        {estimate && (
          <figure className="report__ladder-fig">
            <figcaption>Workshop estimate (PT, LT from the data boxes)</figcaption>
            <LadderSvg ladder={estimate} kind="estimate" bottleneckId={bottleneckId} />
          </figure>
        )}
        {measured && (
          <figure className="report__ladder-fig">
            <figcaption>Measured: medians of the {formatNumber(metrics.items.done)} items done in the window</figcaption>
            <LadderSvg ladder={measured} kind="measured" bottleneckId={bottleneckId} />
          </figure>
        )}
      </div>

      {(estimate || measured) && (
        <table className="report__ladder-totals" data-testid="report-ladder-totals">
          <thead>
            <tr>
              <th>Total</th>
              <th>What it is</th>
              {estimate && <th className="num">Estimate</th>}
              {measured && <th className="num">Measured</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="report__hint">{r.hint}</td>
                {estimate && <td className="num">{r.estimate}</td>}
                {measured && <td className="num">{r.measured}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="report__explain" data-testid="report-ladder-explain">
        <p>
          <strong>What the totals are.</strong> Each total is a sum over the {onPath} steps on the main path
          {offPath.length > 0 ? ` (off it, not summed: ${offPath.join(', ')})` : ''}: of the workshop’s figures, or of the per-step medians of the items done in
          the window. Parallel branches and rework loops are never added twice.
        </p>
        {measured && (
          <>
            <p>
              <strong>
                Why the ladder’s lead time ({formatHours(measured.totalLeadTimeHours)}) is not the headline lead time (p50{' '}
                {formatHours(metrics.leadTimeHours.p50)}).
              </strong>{' '}
              The headline is the median of each item’s own lead time, from creation to done. The ladder adds up medians step by step: a sum of medians is not
              the median of the sums (an item slow in one step is not slow in all), and it leaves out the time from creation to the first bound status and time
              in statuses no step is bound to.
            </p>
            <p>
              <strong>
                Why the activity ratio ({formatPercent(measured.activityRatio)}) is not the pooled flow efficiency ({formatPercent(metrics.flowEfficiency)}).
              </strong>{' '}
              The activity ratio divides median active time by median lead time on the main path. The pooled flow efficiency divides all active time by all
              active, wait and blocked time of every item in every step: the long waits of the slowest items, which medians leave out, count in full there, as
              do steps off the main path.
            </p>
          </>
        )}
      </div>
    </Sheet>
  );
}
