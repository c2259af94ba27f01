// Human-readable figures for a projector: hours as minutes, hours or days; ratios as percentages.

// One Intl formatter per format, made once: toLocaleString builds a new one on every call, which was most of
// a 50,000-item dashboard's drawing time (a label, tooltip or aria text per bar, day and dot). Same text.
const INTEGER = new Intl.NumberFormat('en-US');
const numberFormats = new Map<number, Intl.NumberFormat>();
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** 0.4 → "24 min", 5.53 → "5.5 h", 112.9 → "4.7 d". Days are calendar days (24 h): the data is wall-clock time. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '–';
  if (hours < 0) return `−${formatHours(-hours)}`;
  if (hours === 0) return '0 h';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 24) return `${oneDecimal(hours)} h`;
  return `${oneDecimal(hours / 24)} d`;
}

/** Trims a trailing ".0" below 100 and drops decimals from 100 up: 3.0 → "3", 3.24 → "3.2", 151.3 → "151". */
function oneDecimal(x: number): string {
  if (x >= 100) return INTEGER.format(Math.round(x));
  const s = x.toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** One decimal everywhere: 0.0686 → "6.9 %"; 0.125 → "12.5 %"; 0.75 → "75.0 %". */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)} %`;
}

/** The ladder's display units: hours, working days (hours per working day from the map's calendar) or calendar days. */
export type DurationUnit = 'hours' | 'working-days' | 'calendar-days';

export const DURATION_UNITS: ReadonlyArray<{ unit: DurationUnit; label: string }> = [
  { unit: 'hours', label: 'hours' },
  { unit: 'working-days', label: 'working days' },
  { unit: 'calendar-days', label: 'calendar days' },
];

/** 12 h → "12 h" | "1.5 wd" (8 h days) | "0.5 d"; null → "no data" (a step without data is never "0 h"). */
export function formatDuration(hours: number | null | undefined, unit: DurationUnit, hoursPerWorkingDay = 8): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return 'no data';
  if (unit === 'hours') return `${oneDecimal(hours)} h`;
  if (unit === 'working-days') return `${oneDecimal(hours / hoursPerWorkingDay)} wd`;
  return `${oneDecimal(hours / 24)} d`;
}

export function formatNumber(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  let f = numberFormats.get(digits);
  if (f === undefined) numberFormats.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(x);
}

/** "2026-11-01T00:00:00.000Z" → "1 Nov 2026" (UTC: the figures' instants are stated in UTC). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE.format(d);
}

/**
 * The last day of a window whose end is exclusive ([from, to)): a window to 2 Jul 00:00 ends on "1 Jul 2026",
 * the day the user picked as "to".
 */
export function formatEndDate(isoExclusive: string | null | undefined): string {
  if (!isoExclusive) return '–';
  const t = Date.parse(isoExclusive);
  return Number.isNaN(t) ? isoExclusive : formatDate(new Date(t - 1).toISOString());
}

/** "1 Nov 2026, 08:03 UTC". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = TIME.format(d);
  return `${formatDate(iso)}, ${time} UTC`;
}

/** The file name of a workspace path, whatever the platform's separator. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/** Only http(s) links are ever rendered from imported data. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}
