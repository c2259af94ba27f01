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

/** The convention a chart's series say they follow (absent: flowmap). */
export interface ChartConvention {
  name: string;
  label: string;
  unit: 'hours' | 'days';
  summary: string;
}

const nameOf = (c: ChartConvention | undefined): ConventionName => (c?.name ?? 'flowmap') as ConventionName;

/** A duration axis' tooltip: what it measures, in which unit, by which convention ("cycle time: whole days counting both ends, jirametrics convention (…)"). */
export function axisHint(what: string, c: ChartConvention | undefined): string {
  if (!c) return `${what}: exact elapsed time in days (hours ÷ 24), Flowmap convention: start = first entry into a mapped status, done = last entry into done`;
  return `${what}: ${conventionUnitText(nameOf(c))}, ${c.label} convention (${c.summary})`;
}

/** A duration axis' title with its unit and, under another tool's convention, its name: "Cycle time (days, jirametrics)". */
export function axisTitle(what: string, c: ChartConvention | undefined): string {
  return c ? `${what} (${c.unit}, ${c.label})` : `${what} (days)`;
}

/** The one line under a chart that names the convention its figures follow. */
export function chartConventionNote(c: ChartConvention | undefined, figures: string): string {
  const info = CONVENTIONS[nameOf(c)];
  return `${figures}: ${conventionUnitText(info.name)}, ${info.label} convention`;
}

/** A chart's hour field in its convention's unit: days × 24 back to days (hours convention: as it is). */
export function inUnit(hours: number | null, c: ChartConvention | undefined): number | null {
  return hours === null || !c || c.unit === 'hours' ? hours : hours / 24;
}
