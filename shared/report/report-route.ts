// The report page's address inside the UI: shared by the renderer (which reads it) and the exporters. Browser-safe.
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
