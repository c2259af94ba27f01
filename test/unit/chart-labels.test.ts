// Bar labels and the wait chart's day axis: names cut to their room, thousands short enough to clear the axis title.
import { describe, expect, it } from 'vitest';
import { fitLabel } from '../../renderer/src/charts/BarsPlot.tsx';
import { daysText } from '../../renderer/src/charts/WaitBars.tsx';

describe('fitLabel', () => {
  it('keeps a label that fits and cuts a longer one to its room with an ellipsis', () => {
    expect(fitLabel('Intake', 200)).toBe('Intake');
    const cut = fitLabel('Verify in production', 60);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan('Verify in production'.length);
    expect('Verify in production'.startsWith(cut.slice(0, -1))).toBe(true);
    // A wider room never shows less of the name.
    expect(fitLabel('Verify in production', 90).length).toBeGreaterThanOrEqual(cut.length);
  });
  it('does not leave a trailing space before the ellipsis, and a tiny room shows the ellipsis alone', () => {
    expect(fitLabel('Code review', 45)).not.toMatch(/ …$/);
    expect(fitLabel('Code review', 5)).toBe('…');
  });
});

describe('daysText', () => {
  it('labels days as they are: zero plain, one decimal below ten, whole days, then thousands as k', () => {
    expect(daysText(0)).toBe('0');
    expect(daysText(2.5)).toBe('2.5');
    expect(daysText(833.4)).toBe('833');
    expect(daysText(20_000)).toBe('20k');
    expect(daysText(20_459)).toBe('20k');
  });
});
