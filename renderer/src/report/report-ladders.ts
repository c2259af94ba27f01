// The two timeline ladders as the report prints them, read from the core's `metrics.ladder`
// ({ estimate, measured }). Shaping only: every figure here is the core's.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import type { EstimateLadder, MeasuredLadder } from '../../../shared/metrics/ladder.ts';

export interface PrintRung {
  stepId: string;
  name: string;
  waitHours: number | null;
  /** Process time (estimate) or median active time (measured). */
  workHours: number | null;
  noData: boolean;
  percentCompleteAccurate: number | null;
}

export interface PrintLadder {
  rungs: PrintRung[];
  totalLeadTimeHours: number;
  totalProcessTimeHours: number;
  totalWaitHours: number;
  activityRatio: number | null;
  rolledPercentCompleteAccurate: number | null;
  offPath: string[];
}

export function toPrint(l: EstimateLadder | MeasuredLadder | null): PrintLadder | null {
  if (!l) return null;
  return {
    totalLeadTimeHours: l.totalLeadTimeHours,
    totalProcessTimeHours: l.totalProcessTimeHours,
    totalWaitHours: l.totalWaitHours,
    activityRatio: l.activityRatio,
    rolledPercentCompleteAccurate: l.rolledPercentCompleteAccurate,
    rungs: l.rungs.map((r) => ({
      stepId: r.stepId,
      name: r.name,
      waitHours: r.waitHours,
      workHours: 'processHours' in r ? r.processHours : r.activeHours,
      noData: r.noData,
      percentCompleteAccurate: r.percentCompleteAccurate,
    })),
    offPath: l.offPath.map((s) => s.name),
  };
}

export function printLadders(model: ReportModel): { estimate: PrintLadder | null; measured: PrintLadder | null } {
  return { estimate: toPrint(model.metrics.ladder.estimate), measured: toPrint(model.metrics.ladder.measured) };
}
