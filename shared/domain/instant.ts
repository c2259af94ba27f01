// Source timestamps to UTC instants (ms since the epoch). Browser-safe: no Node, no dependencies.
// Accepts ISO 8601 / RFC 3339 date-times with `Z`, `+01:00` or Jira's `+0100` offsets, optional fractional
// seconds, a space instead of `T`, and plain dates (`2026-01-05`, taken as UTC midnight). Anything else is
// refused with a message naming where the value came from and what was expected, never guessed at.
import { FlowmapError } from './errors.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export const INSTANT_FORMATS_EXPECTED = 'an ISO 8601 date-time with an offset such as 2026-01-05T09:12:33.000+0100, 2026-01-05T08:12:33Z, or a date 2026-01-05';

/** Parses one timestamp; `where` names the file, record and field for the error message. */
export function parseInstant(text: string, where: string): number {
  const ms = tryParseInstant(text);
  if (ms === null) {
    const shown = typeof text === 'string' ? JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text) : String(text);
    throw new FlowmapError('invalid-input', `${where}: ${shown} is not a date in a known format; expected ${INSTANT_FORMATS_EXPECTED}`);
  }
  return ms;
}

/** Like parseInstant but returns null instead of throwing. A date-time without an offset is refused
 * (its zone is unknown) unless `assumeUtc` is set. */
export function tryParseInstant(text: string, assumeUtc = false): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (h === undefined) return Date.UTC(year, month - 1, day);
  if (zone === undefined && !assumeUtc) return null;
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return null;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000 + 1e-6);
  let offsetMin = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 18 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMin * 60_000;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The UTC offset written in a source timestamp, in minutes east of UTC (`+0100` is 60, `Z` is 0); null when the
 * text has none (a plain date) or is not a timestamp. Kept per status change for conventions that count a change
 * on the local date written in the source (jira-agile-metrics).
 */
export function sourceOffsetMinutes(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO.exec(text.trim());
  if (m === null || m[4] === undefined) return null;
  const zone = m[8];
  if (zone === undefined) return null;
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0));
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;

/** True for a date or date-time written without a UTC offset (`2018-01-01 01:01:01`, `2018-01-01`). */
export function isOffsetLess(text: string): boolean {
  return LOCAL.test(text.trim());
}

/**
 * A date or date-time written without an offset, read as wall-clock time in the IANA zone `timeZone` (a date is
 * that zone's midnight); null when the text is not such a value. Where the wall-clock time does not exist (a
 * daylight-saving gap) or exists twice, the zone rules of @date-fns/tz decide. Also returns the zone's offset at
 * that instant, which is what the source's clock showed.
 */
export function parseLocalInstant(
  text: string,
  timeZone: string,
  zoned: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, tz: string) => number,
): { at: number; offsetMin: number } | null {
  const m = LOCAL.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000 + 1e-6);
  const at = zoned(year, month, day, hour, minute, second, ms, timeZone);
  if (!Number.isFinite(at)) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return { at, offsetMin: Math.round((wall - at) / 60_000) };
}
