import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { parseInstant, tryParseInstant } from '../../shared/domain/instant.ts';

describe('parseInstant', () => {
  it("reads Jira's +0100 form, RFC 3339 offsets, Z, fractions and plain dates as UTC instants", () => {
    expect(parseInstant('2026-01-05T09:12:33.000+0100', 'x')).toBe(Date.UTC(2026, 0, 5, 8, 12, 33));
    expect(parseInstant('2020-06-12T08:13:13.360+0800', 'x')).toBe(Date.UTC(2020, 5, 12, 0, 13, 13, 360));
    expect(parseInstant('2026-01-05T09:12:33-05:30', 'x')).toBe(Date.UTC(2026, 0, 5, 14, 42, 33));
    expect(parseInstant('2026-01-05T09:12:33Z', 'x')).toBe(Date.UTC(2026, 0, 5, 9, 12, 33));
    expect(parseInstant('2026-01-05T09:12:33.123456Z', 'x')).toBe(Date.UTC(2026, 0, 5, 9, 12, 33, 123));
    expect(parseInstant('2026-01-05', 'x')).toBe(Date.UTC(2026, 0, 5));
    expect(parseInstant('2018-07-25T08:19:30.000+00:00', 'x')).toBe(Date.UTC(2018, 6, 25, 8, 19, 30));
  });

  it('refuses unknown formats and impossible dates with a message naming where', () => {
    for (const bad of ['05/01/2026', 'Jan 5, 2026', '2026-13-01', '2026-02-30', '2026-01-05T25:00:00Z', '', '2026-01-05T09:12:33']) {
      expect(() => parseInstant(bad, 'file.json: issues[3] (A-1) field fields.created')).toThrow(FlowmapError);
    }
    expect(() => parseInstant('05/01/2026', 'f.csv: line 3 column "Dev"')).toThrow(
      /^f\.csv: line 3 column "Dev": "05\/01\/2026" is not a date in a known format; expected an ISO 8601/,
    );
    expect(tryParseInstant('2026-01-05T09:12:33', true)).toBe(Date.UTC(2026, 0, 5, 9, 12, 33));
  });

  it('agrees with Date.parse on every ISO instant it is given', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (d, off) => {
          const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
          const sign = off < 0 ? '-' : '+';
          const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
          const mm = String(Math.abs(off) % 60).padStart(2, '0');
          expect(parseInstant(`${local}${sign}${hh}${mm}`, 'p')).toBe(d.getTime());
          expect(parseInstant(`${local}${sign}${hh}:${mm}`, 'p')).toBe(d.getTime());
        },
      ),
    );
  });
});
