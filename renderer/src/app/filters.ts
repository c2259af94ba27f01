// The filter bar's filters and what they mean as a core query: pure (no React, no client), so the store, the
// report link and the dashboard bench (bench/dashboard.bench.ts, in Node) read a filter the same way.
import type { ConventionName } from '../../../shared/metrics/convention-names.ts';

/** What the figures are filtered to, as the filter bar holds it: '' or [] means "all". Dates are YYYY-MM-DD. */
export interface ItemFilters {
  types: string[];
  label: string;
  from: string;
  to: string;
  /** The last day the figures describe (as of the end of it); '' = the core's default (now, or a pinned one). */
  asOf: string;
  /** Days of history the forecast samples before asOf, as typed ('' = 90; a done-window, when set, wins). */
  historyDays: string;
  /** The convention every figure follows (issue 14); '' = the map's own (flowmap unless the map names another). */
  convention?: ConventionName | '';
}
export const NO_FILTERS: ItemFilters = { types: [], label: '', from: '', to: '', asOf: '', historyDays: '' };

const DAY_MS = 86_400_000;

/**
 * The filters as a metrics query: dates become UTC instants, and "to" (the last day shown, inclusive)
 * becomes the start of the next day, as the window [from, to) wants.
 */
export function filterQuery(f: ItemFilters): { types?: string[]; label?: string; from?: string; to?: string; asOf?: string; convention?: ConventionName } {
  const day = (d: string, plus = 0) => new Date(Date.parse(`${d}T00:00:00.000Z`) + plus * DAY_MS).toISOString();
  return {
    ...(f.types.length > 0 ? { types: f.types } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.from ? { from: day(f.from) } : {}),
    ...(f.to ? { to: day(f.to, 1) } : {}),
    // "as of 30 Jun" is the state at the end of that day, like "to".
    ...(f.asOf ? { asOf: day(f.asOf, 1) } : {}),
    ...(f.convention ? { convention: f.convention } : {}),
  };
}

/** The forecast's history window as a query field (undefined: the core's default). */
export function historyDaysQuery(f: ItemFilters): { historyDays?: number } {
  const n = Number(f.historyDays);
  return f.historyDays.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 3650 ? { historyDays: n } : {};
}

/** The filters a workspace starts with: none, and as of the core's suggestion (data that ended over a week ago). */
export function startFilters(suggestedAsOf: { at: string } | null): ItemFilters {
  return suggestedAsOf === null ? NO_FILTERS : { ...NO_FILTERS, asOf: new Date(Date.parse(suggestedAsOf.at) - 1).toISOString().slice(0, 10) };
}
