// The waste findings as the report prints them: the core's finding (waste analysis, as `vsm waste --json`
// has it) with the items the report model lists behind it, the short label of each waste and the threshold
// it crossed in words. Formatting only: every number is the core's.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import type { WasteType } from '../../../shared/domain/map.ts';
import type { WasteFinding as CoreFinding } from '../../../shared/metrics/waste.ts';
import { formatNumber, formatPercent } from '../common/format.ts';
import { WASTE_TAG as APP_TAG } from '../waste/waste-labels.ts';

export type FindingItem = ReportModel['findingItems'][number][number];
export type WasteFinding = CoreFinding & { listed: FindingItem[] };

/** The findings in the core's rank order, each with its listed items. */
export function reportFindings(model: ReportModel): WasteFinding[] {
  return model.waste.findings.map((f, i) => ({ ...f, listed: model.findingItems[i] ?? [] }));
}

export const WASTE_LABEL: Record<WasteType, string> = {
  waiting: 'Waiting',
  defects: 'Defects (rework)',
  relearning: 'Relearning (reopened)',
  'partially-done': 'Partially done (aging)',
  'extra-features': 'Extra features (abandoned)',
  handoffs: 'Handoffs',
  'task-switching': 'Task switching',
  approval: 'Approval that waits',
  manual: 'Manual work',
};

export const wasteLabel = (w: string) => WASTE_LABEL[w as WasteType] ?? w;
/** The same short tags as the app's map. */
export const wasteTag = (w: string) => APP_TAG[w as WasteType]?.label ?? w;

/** The rule each waste is raised by, with the threshold the core applied (the default or the map's). */
export function thresholdText(waste: WasteType, t: number | null): string {
  if (t === null) return 'every manual step is listed (the case for automating it)';
  switch (waste) {
    case 'waiting':
      return `the step holds at least ${formatPercent(t)} of all wait time`;
    case 'defects':
      return `the step sends at least ${formatPercent(t)} of its items back to an earlier step`;
    case 'relearning':
      return `at least ${formatPercent(t)} of the completed items were reopened into the step`;
    case 'partially-done':
      return `at least ${formatNumber(t)} unfinished items in the step are older than the cycle-time p85`;
    case 'extra-features':
      return `at least ${formatPercent(t)} of the items that reached the step were abandoned after it`;
    case 'handoffs':
      return `at least ${formatNumber(t, 1)} assignee changes per item in the step`;
    case 'task-switching':
      return `at least ${formatNumber(t, 1)} items in progress per person`;
    case 'approval':
      return `an approval step with a flow efficiency below ${formatPercent(t)}`;
    case 'manual':
      return 'every manual step is listed';
  }
}
