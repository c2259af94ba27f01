// Throughput run chart: items completed per day or per Monday-start week (switchable), empty periods drawn
// as 0 so gaps are visible. Weeks cut by the window's edges are paler: fewer days, not a slower team.
import { utcFormat } from 'd3';
import { memo, useMemo, useState } from 'react';
import type { ChartSelection } from '../../../shared/metrics/chart-items.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { formatNumber } from '../common/format.ts';
import { BarsPlot, type BarDatum } from './BarsPlot.tsx';
import { ChartCard, LegendSwatch } from './ChartCard.tsx';
import { ACCENT } from './palette.ts';
import { dayToDate } from './series-math.ts';

const fmtDay = utcFormat('%-d %b');
const fmtLong = utcFormat('%-d %b %Y');

export const Throughput = memo(function Throughput({ series, onSelect }: { series: FlowSeries; onSelect?: (s: ChartSelection, title: string) => void }) {
  const [period, setPeriod] = useState<'week' | 'day'>('week');
  const daily = useMemo(() => series.throughputDaily ?? [], [series.throughputDaily]);
  const weeks = series.throughputWeekly;
  const bars = useMemo<BarDatum[]>(() => {
    if (period === 'day') {
      return daily.map((d) => ({
        id: d.day,
        label: fmtDay(dayToDate(d.day)),
        values: [d.count],
        tooltip: `${fmtLong(dayToDate(d.day))}: ${formatNumber(d.count)} done${d.count ? `: ${d.keys.join(', ')}${d.count > d.keys.length ? ` and ${formatNumber(d.count - d.keys.length)} more` : ''}` : ''}`,
        select: { kind: 'done-day', day: d.day },
      }));
    }
    // A week's tooltip names the first keys of its days (the core lists them all on a click).
    const byDay = new Map(daily.map((d) => [d.day, d.keys]));
    return weeks.map((w) => {
      const keys: string[] = [];
      for (let i = 0; i < 7 && keys.length < 5; i++)
        keys.push(...(byDay.get(new Date(Date.parse(`${w.weekStart}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)) ?? []));
      const shown = keys.slice(0, 5);
      return {
        id: w.weekStart,
        label: fmtDay(dayToDate(w.weekStart)),
        values: [w.count],
        faded: w.daysInWindow < 7,
        tooltip: `Week of ${fmtLong(dayToDate(w.weekStart))}: ${formatNumber(w.count)} done${w.daysInWindow < 7 ? ` (${w.daysInWindow} days in the window)` : ''}${w.count ? `: ${shown.join(', ')}${w.count > shown.length ? ` and ${formatNumber(w.count - shown.length)} more` : ''}` : ''}`,
        select: { kind: 'done-week', weekStart: w.weekStart },
      };
    });
  }, [period, daily, weeks]);
  const full = weeks.filter((w) => w.daysInWindow === 7);
  const mean = full.length === 0 ? null : full.reduce((a, w) => a + w.count, 0) / full.length;
  const perDay = daily.length === 0 ? null : daily.reduce((a, d) => a + d.count, 0) / daily.length;
  return (
    <ChartCard
      testId="chart-throughput"
      title={period === 'week' ? 'Weekly throughput' : 'Daily throughput'}
      subtitle={
        period === 'week'
          ? mean === null
            ? 'Items completed per week'
            : `Items completed per week · ${mean.toFixed(1)} a week on average over ${full.length} full weeks`
          : perDay === null
            ? 'Items completed per day'
            : `Items completed per day · ${perDay.toFixed(2)} a day on average over ${formatNumber(daily.length)} days`
      }
      convention={
        series.convention
          ? `Done day: the local date the ${series.convention.label} convention counts each item done`
          : 'Done day: the last entry into a done status, still done (Flowmap convention)'
      }
      tools={
        <span className="chart__switch" role="group" aria-label="Throughput period">
          {(['day', 'week'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={period === p}
              className={`chart__export${period === p ? ' chart__export--on' : ''}`}
              onClick={() => setPeriod(p)}
              data-testid={`throughput-${p}`}
            >
              {p === 'day' ? 'Daily' : 'Weekly'}
            </button>
          ))}
        </span>
      }
      legend={
        period === 'week' ? (
          <>
            <LegendSwatch color={ACCENT} label="Full week" />
            <LegendSwatch color="rgba(29, 78, 216, 0.4)" label="Part week at the window's edge" />
          </>
        ) : (
          <LegendSwatch color={ACCENT} label="Items done that day" />
        )
      }
      label={period === 'week' ? 'Weekly throughput bar chart' : 'Daily throughput bar chart'}
      csv={() =>
        period === 'week'
          ? weeks.map((w) => ({ week_start: w.weekStart, items_done: w.count, days_in_window: w.daysInWindow }))
          : daily.map((d) => ({ day: d.day, items_done: d.count }))
      }
    >
      {(size) => (
        <BarsPlot
          bars={bars}
          colors={[ACCENT]}
          size={size}
          xTitle={period === 'week' ? 'Week starting (Monday)' : 'Day'}
          yTitle="Items done"
          onSelect={onSelect}
          testId="throughput-bar"
          labelPx={84}
        />
      )}
    </ChartCard>
  );
});
