// The waste findings as the report prints them (issue 9's contract: { stepId, waste, evidence, figures,
// items, threshold }), with the short label and the threshold sentence of each waste.
export interface WasteFinding {
  stepId: string;
  waste: string;
  /** The core's sentence with the numbers, e.g. "Test sent 22.7 % of its items back (205 of 903), to Develop". */
  evidence: string;
  figures?: Record<string, unknown>;
  /** The items behind it, longest wait or largest effect first: keys, or rows with what the core knows of them. */
  items: Array<string | WasteItem>;
  threshold: unknown;
}

export interface WasteItem {
  key: string;
  title?: string | null;
  hours?: number | null;
  /** What `hours` measures for this finding (e.g. "wait", "age", "active hours lost"). */
  effect?: string | null;
}

export const WASTE_LABEL: Record<string, string> = {
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

/** Short tags for the map (SVG text does not wrap). */
export const WASTE_TAG: Record<string, string> = {
  waiting: 'waiting',
  defects: 'rework',
  relearning: 'reopened',
  'partially-done': 'aging',
  'extra-features': 'abandoned',
  handoffs: 'handoffs',
  'task-switching': 'switching',
  approval: 'approval',
  manual: 'manual',
};

export const wasteLabel = (w: string) => WASTE_LABEL[w] ?? w;
export const wasteTag = (w: string) => WASTE_TAG[w] ?? w;
