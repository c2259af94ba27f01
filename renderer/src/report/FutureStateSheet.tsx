// Current vs future state and measured-after (issue 8), printed when the map has a future state or a
// baseline: the ladders side by side (baseline, current as measured now, future target) and the baseline /
// target / gain table, all from the core's compareStates carried in the report model.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { gain, improves, REFERENCE_TEXT, value } from '../compare/compare-format.ts';
import { formatDate, formatHours, formatPercent } from '../common/format.ts';
import { LadderSvg } from './LadderSheet.tsx';
import { toPrint, type PrintLadder } from './report-ladders.ts';
import { Sheet } from './Sheet.tsx';

function LadderFigure({ title, ladder, kind, testId }: { title: string; ladder: PrintLadder | null; kind: 'estimate' | 'measured'; testId: string }) {
  return (
    <figure className="report__ladder-fig" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {ladder ? (
        <>
          <LadderSvg ladder={ladder} kind={kind} bottleneckId={null} />
          <p className="report__footnote">
            Lead time {formatHours(ladder.totalLeadTimeHours)} · process time {formatHours(ladder.totalProcessTimeHours)} · activity ratio{' '}
            {formatPercent(ladder.activityRatio)} · rolled %C&amp;A {formatPercent(ladder.rolledPercentCompleteAccurate)}
          </p>
        </>
      ) : (
        <p className="muted">{kind === 'measured' ? 'No completed items in this window.' : 'No step has both a process and a lead time estimate.'}</p>
      )}
    </figure>
  );
}

export function FutureStateSheet({ model }: { model: ReportModel }) {
  const c = model.comparison;
  if (!c) return null;
  return (
    <Sheet model={model} title={c.future ? `Current vs future state: ${c.future.name}` : 'Current state and baseline'} testId="report-future">
      <p className="report__footnote report__basis">
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
            · baseline <strong>{c.baseline.name}</strong> (taken {formatDate(c.baseline.takenAt)}, figures as of {formatDate(c.baseline.asOf)})
          </>
        )}
        . Gains are measured from {REFERENCE_TEXT[c.reference]}. Totals sum per-step medians (measured) or estimates along the main path.
      </p>
      <div className="report__ladders report__ladders--both">
        {c.baseline && (
          <LadderFigure
            title={`Baseline “${c.baseline.name}” (measured then)`}
            ladder={toPrint(c.baseline.ladder.measured)}
            kind="measured"
            testId="report-future-baseline"
          />
        )}
        <LadderFigure title="Current state, measured now" ladder={toPrint(c.current.ladder.measured)} kind="measured" testId="report-future-current" />
        {c.future && (
          <LadderFigure
            title={`Future state “${c.future.name}” (target estimate)`}
            ladder={toPrint(c.future.ladder.estimate)}
            kind="estimate"
            testId="report-future-target"
          />
        )}
      </div>
      <table className="report__kaizen report__gains" data-testid="report-gain-table">
        <thead>
          <tr>
            <th>Figure</th>
            <th className="num">Baseline</th>
            <th className="num">Target (future)</th>
            <th className="num">Gain</th>
            <th className="num">Measured now</th>
            <th className="num">Achieved</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.figure} data-figure={r.figure}>
              <th scope="row">{r.label}</th>
              <td className="num">{value(r, r.reference)}</td>
              <td className="num">{value(r, r.target)}</td>
              <td className={improves(r) ? 'num gain gain--good' : 'num gain'}>
                {gain(r)}
                {r.relativeGain !== null && ` (${formatPercent(r.relativeGain)})`}
              </td>
              <td className="num">{value(r, r.now)}</td>
              <td className="num">{r.achieved === null ? '–' : formatPercent(r.achieved)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report__footnote">
        Achieved: the share of the planned change (baseline → target) that today&apos;s measurement has made; it needs a baseline. Ratios gain in percentage
        points (pt).
      </p>
    </Sheet>
  );
}
