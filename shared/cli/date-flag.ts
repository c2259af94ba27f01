// One parser for every date flag of `vsm` (--as-of, --from, --to, --forecast-by, and dora's and report's):
//  - an instant with an offset (2026-01-05T09:12:33+01:00, …Z) is taken as it is;
//  - a date alone (2026-01-05) is the start of that day in the stated time zone (--tz), UTC without one;
//  - a date-time without an offset (2026-01-05T09:00) is a wall-clock time in --tz, and refused without it,
//    since its zone would be a guess.
import { TZDate } from '@date-fns/tz';
import { FlowmapError } from '../domain/errors.ts';
import { tryParseInstant } from '../domain/instant.ts';
import { checkTimeZone } from '../domain/time-zone.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

export const DATE_FLAG_HELP = 'an instant with an offset (2026-01-05T09:12:33+01:00) or a date (2026-01-05: the start of that day in --tz, UTC without it)';

/** The flag's value as the contract wants it (ISO with an offset); undefined stays undefined. */
export function parseDateFlag(flag: string, value: string | undefined, timeZone?: string): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const bad = (why: string) => new FlowmapError('invalid-input', `--${flag} ${JSON.stringify(value)}: ${why}; expected ${DATE_FLAG_HELP}`);
  if (timeZone !== undefined) {
    try {
      checkTimeZone(timeZone);
    } catch (e) {
      throw new FlowmapError('invalid-input', `--tz: ${(e as Error).message}`);
    }
  }
  const zone = timeZone ?? 'UTC';
  const d = DATE_ONLY.exec(v);
  const l = d ? null : LOCAL.exec(v);
  if (d || l) {
    if (tryParseInstant(v, true) === null) throw bad('not a valid date');
    if (l && timeZone === undefined) throw bad('a date-time without an offset needs a time zone (add Z or +01:00, or give --tz)');
    const [, y, mo, day, h = '0', mi = '0', s = '0', ms = '0'] = (d ?? l)!;
    const t = +new TZDate(Number(y), Number(mo) - 1, Number(day), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')), zone);
    return new Date(t).toISOString();
  }
  const t = tryParseInstant(v);
  if (t === null) throw bad('not an instant');
  return new Date(t).toISOString();
}
