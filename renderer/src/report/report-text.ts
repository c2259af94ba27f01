// The report's sentences that say what the figures are about: the filters, the duration convention, the
// data sources, the binding and the footer line. Pure (no React), so the printer and tests read the same text.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import { stepsInFlowOrder } from '../../../shared/domain/map.ts';
import { formatDate, formatDateTime, formatNumber } from '../common/format.ts';

/** "Bug, Story · label “q3”", or null when every item counts. */
export function filterText(filters: ReportModel['filters']): string | null {
  const parts: string[] = [];
  if (filters.types.length > 0) parts.push(`${filters.types.length === 1 ? 'type' : 'types'} ${filters.types.join(', ')}`);
  if (filters.label !== null) parts.push(`label “${filters.label}”`);
  return parts.length === 0 ? null : parts.join(' · ');
}

/** What a duration means in this report. */
export function durationText(metrics: ReportModel['metrics']): string {
  const d = metrics.durations;
  // Under another tool's convention (issue 14) the report says so: its figures follow that tool's rules.
  const c = metrics.convention ? `; cycle and lead time by the ${metrics.convention.label} convention (${metrics.convention.summary})` : '';
  if (!d || d.kind === 'elapsed') return `elapsed time, 24 h a day, UTC; a day is [00:00, 24:00) UTC; days in the figures are 24 h${c}`;
  return `${d.text}; a day is [00:00, 24:00) in ${d.timeZone}${c}`;
}

export function windowText(metrics: ReportModel['metrics']): string {
  return `items done from ${formatDate(metrics.window.from)} to ${formatDate(metrics.window.to)} (end exclusive)`;
}

/** "jira: 903 items (last import export.json, 1 Nov 2026, 08:03 UTC)" per source. */
export function sourceLines(sources: ReportModel['sources']): string[] {
  return sources.map(
    (s) =>
      `${s.source}: ${formatNumber(s.items)} ${s.items === 1 ? 'item' : 'items'}${s.lastImport ? ` (last import ${s.lastImport.input}, ${formatDateTime(s.lastImport.finishedAt)})` : ''}`,
  );
}

export interface BindingRow {
  /** Step name, or the map-level role ("Done", "Blocked", "Abandoned"). */
  name: string;
  active: string[];
  wait: string[];
}

/**
 * Which statuses the figures count as each step's active and wait time, and the map-level statuses. Abandoned
 * is what the waste analysis counted: the map's, or those it suggested from status names when the map names none.
 */
export function bindingRows(model: Pick<ReportModel, 'map' | 'waste'>): {
  steps: BindingRow[];
  done: string[];
  blocked: string[];
  abandoned: string[];
  abandonedSuggested: boolean;
} {
  const { map } = model;
  return {
    steps: stepsInFlowOrder(map).map((s) => ({ name: s.name, active: s.activeStatuses, wait: s.waitStatuses })),
    done: map.doneStatuses,
    blocked: map.blockedStatuses ?? [],
    abandoned: model.waste.abandonedStatuses.statuses,
    abandonedSuggested: model.waste.abandonedStatuses.suggested && model.waste.abandonedStatuses.statuses.length > 0,
  };
}

const names = (xs: string[]) => (xs.length === 0 ? 'none' : xs.join(', '));

/** The title block's binding lines: active and wait statuses, then done, blocked and abandoned. */
export function bindingSummary(model: Pick<ReportModel, 'map' | 'waste'>): string[] {
  const b = bindingRows(model);
  const active = b.steps.flatMap((s) => s.active);
  const wait = b.steps.flatMap((s) => s.wait);
  return [
    `active: ${names(active)}`,
    `wait: ${names(wait)}`,
    `done: ${names(b.done)} · blocked: ${names(b.blocked)} · abandoned: ${names(b.abandoned)}${b.abandonedSuggested ? ' (suggested from the status names)' : ''}`,
  ];
}

/** The line printed at the foot of every page (beside "3 / 7"): workspace, map, as-of and, when filtered, the filter. */
export function footerText(model: Pick<ReportModel, 'workspace' | 'map' | 'metrics' | 'filters'>): string {
  const filtered = filterText(model.filters);
  return [model.workspace, model.map.name, `as of ${formatDate(model.metrics.asOf)}`, filtered ? `FILTERED: ${filtered} only` : 'all items'].join(' · ');
}
