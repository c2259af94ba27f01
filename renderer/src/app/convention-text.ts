// How a convention's figures read on screen: its unit in words and a duration in its unit. Browser-safe.
import type { ConventionName } from '../../../shared/metrics/convention-names.ts';
import { CONVENTIONS } from '../../../shared/metrics/conventions.ts';

const UNIT_TEXT: Record<ConventionName, string> = {
  flowmap: 'exact elapsed time (hours, shown in days above 24 h)',
  jirametrics: 'whole days counting both ends',
  'jira-agile-metrics': 'whole days between local dates (no +1)',
  'actionable-agile': 'calendar days counting both ends',
};

export function conventionUnitText(c: ConventionName): string {
  return UNIT_TEXT[c];
}

/** A day figure: whole days as they are; jira-agile-metrics' R-7 percentiles keep one decimal. */
export function daysText(x: number | null | undefined, c: ConventionName): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (CONVENTIONS[c].unit === 'hours') return `${x} h`;
  const r = Math.round(x * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)} d`;
}
