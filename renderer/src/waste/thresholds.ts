// The waste thresholds as the panel's form shows them: what each one is judged on, and whether it is a share
// (typed as a percentage), a count or a ratio. Stored in the map's `wasteThresholds` as the core reads them.
import type { WasteThresholds } from '../../../shared/domain/map.ts';
import { formatPercent } from '../common/format.ts';

export type ThresholdKey = keyof WasteThresholds;

export const THRESHOLD_FIELDS: Array<{ key: ThresholdKey; label: string; unit: 'share' | 'count' | 'ratio'; below?: true }> = [
  { key: 'waiting', label: 'Waiting: share of all wait time ≥', unit: 'share' },
  { key: 'defects', label: 'Defects: items sent back ≥', unit: 'share' },
  { key: 'relearning', label: 'Relearning: completed items reopened ≥', unit: 'share' },
  { key: 'partially-done', label: 'Partially done: items older than p85 ≥', unit: 'count' },
  { key: 'extra-features', label: 'Extra features: items abandoned ≥', unit: 'share' },
  { key: 'handoffs', label: 'Handoffs: assignee changes per item ≥', unit: 'ratio' },
  { key: 'task-switching', label: 'Task switching: WIP per person ≥', unit: 'ratio' },
  { key: 'approval', label: 'Approval: flow efficiency below', unit: 'share', below: true },
];

const unitOf = (key: ThresholdKey) => THRESHOLD_FIELDS.find((f) => f.key === key)!.unit;

/** The value a field shows: shares as percentages (0.25 → "25"). */
export function thresholdInput(key: ThresholdKey, value: number): string {
  return unitOf(key) === 'share' ? String(Math.round(value * 10000) / 100) : String(value);
}

/** The typed text back as the stored value; null when it is not a number. */
export function thresholdValue(key: ThresholdKey, text: string): number | null {
  const t = text.trim().replace(',', '.').replace(/\s*%$/, '');
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  return unitOf(key) === 'share' ? n / 100 : n;
}

/** "threshold 25.0 %", "threshold 5 items", "threshold 1.0 per item". */
export function thresholdText(key: string, value: number): string {
  const f = THRESHOLD_FIELDS.find((x) => x.key === key);
  if (!f) return `threshold ${value}`;
  if (f.unit === 'share') return `threshold ${f.below ? 'below ' : ''}${formatPercent(value)}`;
  return `threshold ${value}`;
}
