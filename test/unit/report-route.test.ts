// The report page's address carries the map, the instant, the window and the filters of the screen it was
// opened from; it must come back exactly, whatever characters the filter values hold.
import { describe, expect, it } from 'vitest';
import { parseReportHash, reportHash } from '../../shared/report/report-route.ts';

describe('report route', () => {
  it('round-trips every field, types one parameter each (a type may hold a comma)', () => {
    const q = {
      mapId: 3,
      asOf: '2026-11-01T00:00:00.000Z',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
      types: ['Bug', 'Story, large'],
      label: 'q3 & "urgent"',
    };
    const hash = reportHash(q);
    expect(hash.startsWith('#/report?')).toBe(true);
    expect(new URLSearchParams(hash.split('?')[1]).getAll('types')).toEqual(['Bug', 'Story, large']);
    expect(parseReportHash(hash)).toEqual(q);
  });

  it('leaves out what is not set, and is null for any other page', () => {
    expect(reportHash({ mapId: 1, types: [] })).toBe('#/report?mapId=1');
    expect(reportHash({})).toBe('#/report');
    expect(parseReportHash('#/report')).toEqual({ mapId: undefined, asOf: undefined, from: undefined, to: undefined, types: undefined, label: undefined });
    expect(parseReportHash('#/')).toBeNull();
  });
});

describe('report route: paper', () => {
  it('carries the paper size, and ignores one it does not know', () => {
    expect(parseReportHash(reportHash({ mapId: 2, paper: 'letter' }))?.paper).toBe('letter');
    expect(parseReportHash('#/report?paper=a3')?.paper).toBeUndefined();
  });
});
