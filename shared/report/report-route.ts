// The report page's address inside the UI: shared by the renderer (which reads it) and the exporters. Browser-safe.
import type { ReportModel } from '../contract/contract.ts';
import { isConventionName, type ConventionName } from '../metrics/convention-names.ts';
export interface ReportQuery {
  mapId?: number;
  asOf?: string;
  from?: string;
  to?: string;
  /** Item filters, as the map on screen had them. */
  types?: string[];
  label?: string;
  /** The convention the figures follow (issue 14); absent = the map's. */
  convention?: ConventionName;
  /** The sheet size the page lays itself out for (default A4); the printer is told the same. */
  paper?: Paper;
}

export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

export function isPaper(v: unknown): v is Paper {
  return typeof v === 'string' && (PAPERS as readonly string[]).includes(v);
}

export function reportHash(q: ReportQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    // Types go one parameter each: a type name may itself contain a comma.
    if (Array.isArray(v)) for (const t of v) params.append(k, String(t));
    else params.set(k, String(v));
  }
  const s = params.toString();
  return `#/report${s ? `?${s}` : ''}`;
}

export function parseReportHash(hash: string): ReportQuery | null {
  if (!hash.startsWith('#/report')) return null;
  const params = new URLSearchParams(hash.split('?')[1] ?? '');
  const mapId = params.get('mapId');
  return {
    mapId: mapId === null ? undefined : Number(mapId),
    asOf: params.get('asOf') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    types: params.getAll('types').length > 0 ? params.getAll('types') : undefined,
    label: params.get('label') ?? undefined,
    ...(isConventionName(params.get('convention') ?? '') ? { convention: params.get('convention') as ConventionName } : {}),
    ...(isPaper(params.get('paper')) ? { paper: params.get('paper') as Paper } : {}),
  };
}

/** The forecast the report prints: when today's WIP will be done, and how many items in the next four weeks. */
export const FORECAST_HORIZON_DAYS = 28;
const DAY_MS = 86_400_000;

/** The reportModel input of a report address (the page's first call). */
export function reportModelInput(q: ReportQuery) {
  return { mapId: q.mapId, asOf: q.asOf, from: q.from, to: q.to, types: q.types, label: q.label, ...(q.convention ? { convention: q.convention } : {}) };
}

/**
 * The page's calls after the model: the series of its charts and the forecast. One place, so `vsm report` can
 * ask the core for them while the page is still loading and the page finds them computed.
 */
export function reportFollowUpInputs(q: ReportQuery, model: Pick<ReportModel, 'map' | 'metrics'>) {
  const filters = { types: q.types, label: q.label, ...(q.convention ? { convention: q.convention } : {}) };
  const query = { mapId: model.map.id, asOf: model.metrics.asOf, ...filters };
  const wip = model.metrics.wip.current;
  const by = new Date(Date.parse(model.metrics.asOf) + FORECAST_HORIZON_DAYS * DAY_MS).toISOString();
  return {
    flowSeries: { ...query, from: q.from, to: q.to },
    forecast: { ...query, by, ...(wip > 0 ? { items: wip } : {}) },
  };
}
