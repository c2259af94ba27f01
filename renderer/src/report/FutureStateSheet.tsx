// Current vs future state and the measured-after comparison (issue 8): printed only when the report model
// carries one. No one builds future states yet: this is the hook, drawn from the shape the comparison view
// will have (both ladders' totals and a baseline / target / gain table).
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { Sheet } from './Sheet.tsx';

export interface FutureStateComparison {
  futureMapName: string;
  /** Rows such as lead time, process time, activity ratio, rolled %C&A: already formatted by the caller's format.ts. */
  rows: Array<{ figure: string; baseline: string; target: string; gain: string; measuredAfter?: string | null }>;
}

export function FutureStateSheet({ model, comparison }: { model: ReportModel; comparison: FutureStateComparison | null }) {
  if (!comparison) return null;
  const after = comparison.rows.some((r) => r.measuredAfter != null);
  return (
    <Sheet model={model} title={`Current vs future state: ${comparison.futureMapName}`} testId="report-future">
      <table className="report__kaizen">
        <thead>
          <tr>
            <th>Figure</th>
            <th className="num">Baseline (current)</th>
            <th className="num">Target (future)</th>
            <th className="num">Gain</th>
            {after && <th className="num">Measured after</th>}
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((r) => (
            <tr key={r.figure}>
              <th scope="row">{r.figure}</th>
              <td className="num">{r.baseline}</td>
              <td className="num">{r.target}</td>
              <td className="num">{r.gain}</td>
              {after && <td className="num">{r.measuredAfter ?? '–'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </Sheet>
  );
}
