// The Monte Carlo answers as histograms: for "when will N items be done", how many simulated futures
// finished on each day; for "how many by date D", how many futures completed each number of items. The
// p50/p85/p95 answers are marked, and the history window sampled is stated.
import { utcFormat } from 'd3';
import { memo, useMemo } from 'react';
import type { Forecast } from '../../../shared/metrics/forecast.ts';
import { formatDate, formatNumber } from '../common/format.ts';
import { BarsPlot, type BarDatum, type Marker } from './BarsPlot.tsx';
import { ChartCard, LegendSwatch } from './ChartCard.tsx';
import { countBins, countPos } from './count-bins.ts';
import { shownForecast, useForecastStore } from './forecast-store.ts';
import { ACCENT, PERCENTILE_COLOR } from './palette.ts';
import { useAppStore } from '../app/store.ts';
import { CONVENTIONS } from '../../../shared/metrics/conventions.ts';

const fmtDay = utcFormat('%-d %b');

function Waiting({ testId, title }: { testId: string; title: string }) {
  const state = useForecastStore((s) => s.state);
  return (
    <figure className="chart" data-testid={testId} data-state={state.kind}>
      <figcaption className="chart__head">
        <h3 className="chart__title">{title}</h3>
        <div className="chart__subtitle">{state.kind === 'error' ? state.message : 'Simulating…'}</div>
      </figcaption>
    </figure>
  );
}

/** Under another convention the history counts each item on the day that convention counts it done (issue 14). */
function useDoneRuleNote(): string | undefined {
  const c = useAppStore((st) => st.filters.convention || st.map?.convention) ?? 'flowmap';
  return c === 'flowmap' ? undefined : `History: each item counted on the day the ${CONVENTIONS[c].label} convention counts it done`;
}

export const ForecastWhen = memo(function ForecastWhen() {
  const state = useForecastStore((s) => s.state);
  const note = useDoneRuleNote();
  return <ForecastWhenChart f={shownForecast(state)} convention={note} />;
});

/** The "when" histogram of one forecast (the dashboard's store-bound chart, and the report's). */
export const ForecastWhenChart = memo(function ForecastWhenChart({ f, convention }: { f: Forecast | null; convention?: string }) {
  const bars = useMemo<BarDatum[]>(() => {
    const hist = f?.when?.histogram ?? [];
    if (hist.length === 0) return [];
    // Every day from the first to the last finishing day, empty days as 0.
    const lo = hist[0]!.days;
    const hi = hist[hist.length - 1]!.days;
    const by = new Map(hist.map((h) => [h.days, h]));
    const asOf = Date.parse(f!.asOf);
    return Array.from({ length: hi - lo + 1 }, (_, i) => {
      const d = lo + i;
      const date = new Date(asOf + d * 86_400_000);
      const trials = by.get(d)?.trials ?? 0;
      return {
        id: String(d),
        label: fmtDay(date),
        values: [trials],
        tooltip: `Done on day ${d} (${formatDate(date.toISOString())}) in ${formatNumber(trials)} of ${formatNumber(f!.trials)} futures`,
      };
    });
  }, [f]);
  if (!f || !f.when) return <Waiting testId="chart-forecast-when" title="When will the items be done?" />;
  const when = f.when;
  const lo = when.histogram?.[0]?.days ?? 0;
  const markers: Marker[] = (['p50', 'p85', 'p95'] as const).flatMap((k) =>
    when[k] ? [{ pos: when[k]!.days - lo + 0.5, label: `${k} ${formatDate(when[k]!.date)}`, color: PERCENTILE_COLOR[k], dashed: k !== 'p50' }] : [],
  );
  const h = f.history;
  return (
    <ChartCard
      testId="chart-forecast-when"
      title={`When will ${formatNumber(when.items)} items be done?`}
      subtitle={
        <span data-testid="forecast-when-basis">{`${formatNumber(f.trials)} futures, each day's throughput drawn from ${formatNumber(h.days)} ${h.workingDaysOnly ? 'working ' : ''}days of history (${formatDate(h.from)} – ${formatDate(h.to)}, ${formatNumber(h.items)} items done)`}</span>
      }
      legend={<LegendSwatch color={ACCENT} label="Futures finishing that day" />}
      label="Histogram of the days needed to finish the items"
      convention={convention}
      csv={() => (when.histogram ?? []).map((b) => ({ days_from_as_of: b.days, date: b.date, trials: b.trials }))}
    >
      {(size) => (
        <BarsPlot bars={bars} colors={[ACCENT]} size={size} xTitle="Done on" yTitle="Futures" markers={markers} testId="forecast-when-bar" labelPx={70} />
      )}
    </ChartCard>
  );
});

export const ForecastHowMany = memo(function ForecastHowMany() {
  const state = useForecastStore((s) => s.state);
  const note = useDoneRuleNote();
  return <ForecastHowManyChart f={shownForecast(state)} convention={note} />;
});

/** The "how many" histogram of one forecast. */
export const ForecastHowManyChart = memo(function ForecastHowManyChart({ f, convention }: { f: Forecast | null; convention?: string }) {
  const { bars, start, width } = useMemo(() => {
    const { bins, start, width } = countBins(f?.howMany?.histogram ?? []);
    const bars = bins.map<BarDatum>((b) => {
      const what = b.from === b.to ? formatNumber(b.from) : `${formatNumber(b.from)}–${formatNumber(b.to)}`;
      return {
        id: String(b.from),
        label: what,
        values: [b.trials],
        tooltip: `${what} items done in ${formatNumber(b.trials)} of ${formatNumber(f!.trials)} futures`,
      };
    });
    return { bars, start, width };
  }, [f]);
  if (!f || !f.howMany) return <Waiting testId="chart-forecast-howmany" title="How many items by the date?" />;
  const hm = f.howMany;
  const markers: Marker[] = (['p50', 'p85', 'p95'] as const).map((k) => ({
    pos: countPos(hm[k], start, width),
    label: `${k}: at least ${formatNumber(hm[k])}`,
    color: PERCENTILE_COLOR[k],
    dashed: k !== 'p50',
  }));
  const h = f.history;
  return (
    <ChartCard
      testId="chart-forecast-howmany"
      title={`How many items by ${formatDate(hm.by)}?`}
      subtitle={
        <span data-testid="forecast-howmany-summary">
          {`${hm.days} days ahead · p50 at least ${formatNumber(hm.p50)}, p85 at least ${formatNumber(hm.p85)}, p95 at least ${formatNumber(hm.p95)} · history ${formatDate(h.from)} – ${formatDate(h.to)}`}
        </span>
      }
      legend={<LegendSwatch color={ACCENT} label="Futures completing that many" />}
      label="Histogram of the items completed by the date"
      convention={convention}
      csv={() => (hm.histogram ?? []).map((b) => ({ items: b.items, trials: b.trials }))}
    >
      {(size) => (
        <BarsPlot
          bars={bars}
          colors={[ACCENT]}
          size={size}
          xTitle={width === 1 ? 'Items done by the date' : `Items done by the date (bars of ${formatNumber(width)})`}
          yTitle="Futures"
          markers={markers}
          testId="forecast-howmany-bar"
          labelPx={width === 1 ? 50 : 80}
        />
      )}
    </ChartCard>
  );
});
