// How the comparison's figures read, in the app's view and in the report: values with their unit, gains
// signed (percentage points for ratios), and what the gains are measured from.
import type { ComparisonRow, StateComparison } from '../../../shared/metrics/state-comparison.ts';
import { formatHours, formatPercent } from '../common/format.ts';

export const REFERENCE_TEXT: Record<StateComparison['reference'], string> = {
  baseline: 'the baseline snapshot (measured then)',
  'current-measured': 'the current state as measured now (take a baseline to track measured-after)',
  'current-estimate': "the current state's workshop estimates (no data yet)",
};

export function value(r: ComparisonRow, x: number | null): string {
  if (x === null) return '–';
  return r.unit === 'hours' ? formatHours(x) : formatPercent(x, 1);
}

export function gain(r: ComparisonRow): string {
  if (r.gain === null) return '–';
  const magnitude = r.unit === 'hours' ? formatHours(Math.abs(r.gain)) : `${(Math.abs(r.gain) * 100).toFixed(1)} pt`;
  const sign = r.gain === 0 ? '±' : r.gain < 0 ? '−' : '+';
  return `${sign}${magnitude}`;
}

/** Whether a change goes the right way for the figure (shorter lead time, higher ratio). */
export const improves = (r: ComparisonRow) => r.gain !== null && r.gain !== 0 && (r.better === 'lower' ? r.gain < 0 : r.gain > 0);
