// Where a local day starts, and how long it is, across daylight-saving changes: gaps and overlaps, both
// hemispheres, transitions at midnight. Expected instants are written out by hand from the zones' rules and
// checked again against an independent oracle (a scan of Intl's local dates).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayGrid, localDate, localMidnight, workingClock } from '../../shared/metrics/calendar.ts';
import { createSeriesAccumulator } from '../../shared/metrics/series.ts';

const H = 3_600_000;
const Z = (iso: string) => Date.parse(iso);
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The oracle: the first quarter-hour whose local date (read through Intl) is y-m-d. */
function firstInstantOf(tz: string, y: number, m: number, d: number): number {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const want = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  for (let t = Date.UTC(y, m - 1, d) - 16 * H; t < Date.UTC(y, m - 1, d) + 16 * H; t += H / 4) if (f.format(t) === want) return t;
  throw new Error(`no instant of ${want} in ${tz}`);
}

const dayLength = (tz: string, date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return (localMidnight(tz, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) - localMidnight(tz, y, m, d)) / H;
};

describe('where a local day starts', () => {
  const cases: Array<[string, string, string, string]> = [
    // zone, local date, first instant (UTC), what happens
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00Z', 'gap at midnight: 00:00 → 01:00 (−04 → −03), southern spring'],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00Z', 'fall-back at 24:00 → 23:00: the day before is 25 h'],
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00Z', 'gap at midnight: 00:00 → 01:00'],
    ['America/Havana', '2026-11-01', '2026-11-01T04:00:00Z', 'overlap: 01:00 → 00:00, midnight happens twice; the earlier one'],
    ['Asia/Tehran', '2022-03-22', '2022-03-21T20:30:00Z', 'gap at midnight: 00:00 → 01:00 (+03:30 → +04:30)'],
    ['Asia/Tehran', '2022-09-22', '2022-09-21T20:30:00Z', 'fall-back at 24:00 → 23:00'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00Z', 'gap at 02:00 (same day)'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00Z', 'overlap at 03:00 → 02:00 (same day)'],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00Z', 'gap at 02:00'],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00Z', 'overlap at 02:00 → 01:00'],
    ['Australia/Sydney', '2026-04-05', '2026-04-04T13:00:00Z', 'southern autumn: overlap at 03:00 → 02:00'],
    ['Australia/Sydney', '2026-10-04', '2026-10-03T14:00:00Z', 'southern spring: gap at 02:00'],
    ['Asia/Kolkata', '2026-01-10', '2026-01-09T18:30:00Z', 'no DST, half-hour offset'],
  ];
  it.each(cases)('%s %s starts at %s (%s)', (tz, date, first) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(new Date(localMidnight(tz, y, m, d)).toISOString()).toBe(new Date(Z(first)).toISOString());
    expect(localMidnight(tz, y, m, d)).toBe(firstInstantOf(tz, y, m, d));
    expect(localDate(tz, Z(first))).toMatchObject({ y, m, d });
    expect(localDate(tz, Z(first) - 1)).not.toMatchObject({ y, m, d });
  });

  it('has 23 h and 25 h days where the clocks change, 24 h elsewhere', () => {
    expect(dayLength('Europe/Berlin', '2026-03-29')).toBe(23);
    expect(dayLength('Europe/Berlin', '2026-10-25')).toBe(25);
    expect(dayLength('America/New_York', '2026-03-08')).toBe(23);
    expect(dayLength('America/New_York', '2026-11-01')).toBe(25);
    expect(dayLength('Australia/Sydney', '2026-04-05')).toBe(25);
    expect(dayLength('Australia/Sydney', '2026-10-04')).toBe(23);
    expect(dayLength('America/Santiago', '2026-09-06')).toBe(23);
    expect(dayLength('America/Santiago', '2026-04-04')).toBe(25);
    expect(dayLength('America/Havana', '2026-11-01')).toBe(25);
    expect(dayLength('Asia/Tehran', '2022-03-22')).toBe(23);
    expect(dayLength('Asia/Kolkata', '2026-01-10')).toBe(24);
  });

  it('agrees with the oracle on random dates in many zones (seeded)', () => {
    const zones = [
      'America/Santiago',
      'America/Havana',
      'Asia/Tehran',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'Pacific/Auckland',
      'America/Sao_Paulo',
      'Asia/Beirut',
      'Europe/London',
      'UTC',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }), (tz, t) => {
        const { y, m, d } = localDate(tz, t);
        const start = localMidnight(tz, y, m, d);
        expect(start).toBe(firstInstantOf(tz, y, m, d));
        expect(start).toBeLessThanOrEqual(t);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

describe('a working calendar across DST', () => {
  it('counts a whole local day as its real length (23 h, 25 h)', () => {
    const cal = (timeZone: string) => workingClock({ timeZone, workingDays: ALL_DAYS, holidays: [] }, Z('2026-01-01T00:00:00Z'), Z('2026-12-31T00:00:00Z'));
    const span = (tz: string, a: string, b: string) => (cal(tz).w(Z(b)) - cal(tz).w(Z(a))) / H;
    expect(span('Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(23);
    expect(span('America/Santiago', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z')).toBe(23);
  });

  it('counts nothing on a non-working day that starts in a gap (America/Santiago, Sunday 6 Sep 2026)', () => {
    // Mon–Sat working: Saturday 5 Sep runs 04:00Z → Sunday 04:00Z (24 h); Sunday starts at 04:00Z, not 03:00Z.
    const clock = workingClock(
      { timeZone: 'America/Santiago', workingDays: [1, 2, 3, 4, 5, 6], holidays: [] },
      Z('2026-09-01T00:00:00Z'),
      Z('2026-09-10T00:00:00Z'),
    );
    expect((clock.w(Z('2026-09-06T04:00:00Z')) - clock.w(Z('2026-09-05T04:00:00Z'))) / H).toBe(24);
    expect(clock.w(Z('2026-09-07T03:00:00Z')) - clock.w(Z('2026-09-06T04:00:00Z'))).toBe(0);
    // 03:30Z is still Saturday 23:30 local: working time.
    expect((clock.w(Z('2026-09-06T03:30:00Z')) - clock.w(Z('2026-09-06T03:00:00Z'))) / H).toBe(0.5);
  });

  it('puts the series days on the local midnights of the zone (Sydney, southern autumn)', () => {
    const grid = dayGrid('Australia/Sydney', Z('2026-04-03T13:00:00Z'), Z('2026-04-06T00:00:00Z'));
    expect(grid.dates).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
    expect(Array.from(grid.starts, (t) => new Date(t).toISOString())).toEqual([
      '2026-04-03T13:00:00.000Z',
      '2026-04-04T13:00:00.000Z',
      '2026-04-05T14:00:00.000Z',
      '2026-04-06T14:00:00.000Z',
    ]);
    const acc = createSeriesAccumulator(
      { steps: [], roles: new Map(), done: new Set() },
      {
        asOf: Z('2026-04-06T14:00:00Z'),
        earliest: Z('2026-04-03T13:00:00Z'),
        clock: workingClock({ timeZone: 'Australia/Sydney', workingDays: ALL_DAYS, holidays: [] }, Z('2026-04-01T00:00:00Z'), Z('2026-04-07T00:00:00Z')),
      },
    );
    expect(acc.result().sampledAt).toEqual(['2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z', '2026-04-06T14:00:00.000Z']);
  });
});
