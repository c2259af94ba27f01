// (e) Monte Carlo: "when will N items be done?" and "how many by date D?" from the core's forecast, as dates and
// counts at three confidence levels; the histograms of both answers are drawn in the grid (ForecastCharts).
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { shownForecast, useForecastStore } from './forecast-store.ts';
import type { Forecast } from '../../../shared/metrics/forecast.ts';
import { figuresFollower, filterQuery, historyDaysQuery, useAppStore } from '../app/store.ts';
import { getClient } from '../common/client.ts';
import { errorMessage, formatDate, formatEndDate, formatNumber } from '../common/format.ts';
import { PERCENTILE_COLOR } from './palette.ts';
import { CONVENTIONS } from '../../../shared/metrics/conventions.ts';

export const DEFAULT_FORECAST_ITEMS = 20;

/** The figures a filter change brought along with its forecast (`rerun`: ChartsView asks for both at once). */
const forecastFollower = figuresFollower();
const MAX_ITEMS = 100_000;

/** `stale`: the answer before the one being simulated, drawn without test ids (only a current answer has them). */
function Result({ forecast, stale = false }: { forecast: Forecast; stale?: boolean }) {
  const id = (testId: string) => (stale ? undefined : testId);
  // The history counts each item on the day the query's convention counts it done (issue 14).
  const convention = useAppStore((st) => st.filters.convention || st.map?.convention) ?? 'flowmap';
  const when = forecast.when;
  if (!when) return null;
  const h = forecast.history;
  const doneBy = convention === 'flowmap' ? '' : ` by the ${CONVENTIONS[convention].label} convention's done rule`;
  const basis = `${formatNumber(forecast.trials)} simulated futures from ${formatNumber(h.days)} ${h.workingDaysOnly ? 'working ' : ''}days of history (${formatDate(h.from)} – ${formatDate(h.to)}, ${formatNumber(h.items)} items done${doneBy}), from ${formatDate(forecast.asOf)}`;
  if (!when.p50 && !when.p85 && !when.p95) {
    return (
      <p className="forecast__result" data-testid={id('forecast-result')} data-state="none" data-history-items={h.items} data-history-days={h.days}>
        {h.items === 0
          ? `No items were completed in the ${formatNumber(h.days)} days of history (${formatDate(h.from)} – ${formatEndDate(h.to)}): no forecast. To use older work, widen the forecast history or set a done window in the filter bar.`
          : `${formatNumber(when.items)} items are not done within ten years at this pace.`}
      </p>
    );
  }
  return (
    <div>
      <p
        className="forecast__result"
        data-testid={id('forecast-result')}
        data-state="ready"
        data-items={when.items}
        data-history-items={h.items}
        data-history-days={h.days}
      >
        {(['p50', 'p85', 'p95'] as const).map((k, i) => (
          <span key={k} className="forecast__pct">
            {i > 0 && ', '}
            <strong style={{ color: PERCENTILE_COLOR[k] }}>{k}</strong> by{' '}
            <span className="forecast__date" data-testid={id(`forecast-${k}`)}>
              {when[k] ? formatDate(when[k].date) : 'not within ten years'}
            </span>
          </span>
        ))}
      </p>
      <p className="forecast__basis muted">{basis}</p>
    </div>
  );
}

/** The default "by" date: four weeks after asOf (YYYY-MM-DD). */
export function defaultByDate(asOf: string): string {
  return new Date(Date.parse(asOf) + 28 * 86_400_000).toISOString().slice(0, 10);
}

export const ForecastPanel = memo(function ForecastPanel({ mapId, refreshKey, asOf }: { mapId: number; refreshKey: unknown; asOf: string }) {
  const [value, setValue] = useState(String(DEFAULT_FORECAST_ITEMS));
  const [byValue, setByValue] = useState(() => defaultByDate(asOf));
  const state = useForecastStore((s) => s.state);
  const setState = useForecastStore((s) => s.set);
  const byRef = useRef(byValue);
  byRef.current = byValue;
  // Only the latest request may set the result: a slow answer for an older N must not overwrite a newer one.
  const seq = useRef(0);

  const run = useCallback(
    async (items: number) => {
      const mine = ++seq.current;
      setState({ kind: 'loading', previous: shownForecast(useForecastStore.getState().state) });
      try {
        // Every filter on screen, as-of and the done-window included (the history is that window when set).
        const filters = useAppStore.getState().filters;
        const q = { ...filterQuery(filters), ...historyDaysQuery(filters) };
        const byOk = /^\d{4}-\d{2}-\d{2}$/.test(byRef.current) && Date.parse(`${byRef.current}T00:00:00Z`) > Date.parse(asOf);
        const by = byOk ? new Date(`${byRef.current}T00:00:00Z`).toISOString() : undefined;
        const forecast = await getClient().forecast({ mapId, items, ...(by ? { by } : {}), ...q });
        if (mine === seq.current) setState({ kind: 'ready', forecast });
      } catch (e) {
        if (mine === seq.current) setState({ kind: 'error', message: errorMessage(e) });
      }
    },
    [mapId, asOf, setState],
  );

  const parsed = Number(value);
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_ITEMS;

  // The answer for the N on screen when the panel opens and again when the map's figures change (an import
  // landed). Read through a ref: typing alone must not start a simulation, only submitting does.
  const shown = useRef(DEFAULT_FORECAST_ITEMS);
  if (valid) shown.current = parsed;
  // A filter change asked already, with the as-of on screen then: asked again only if the change moved it
  // (the "by" date is checked against it).
  const askedAsOf = useRef<string | null>(null);
  useEffect(() => {
    const fresh = forecastFollower.follows(refreshKey);
    if (fresh || askedAsOf.current !== asOf) void run(shown.current);
    askedAsOf.current = null;
  }, [run, refreshKey, asOf]);
  useEffect(() => {
    useForecastStore.setState({
      rerun: (figures) => {
        forecastFollower.started(figures);
        askedAsOf.current = asOf;
        void run(shown.current);
      },
    });
    return () => useForecastStore.setState({ rerun: null });
  }, [run, asOf]);

  const shownAnswer = shownForecast(state);
  const stale = state.kind === 'loading';
  return (
    <section className="forecast" data-testid="forecast" data-state={state.kind} aria-label="Monte Carlo forecast">
      <form
        className="forecast__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void run(parsed);
        }}
      >
        <h3 className="forecast__title">Forecast</h3>
        <label className="forecast__label">
          How many items?
          <input
            type="number"
            min={1}
            max={MAX_ITEMS}
            step={1}
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={!valid}
            data-testid="forecast-items"
          />
        </label>
        <label className="forecast__label">
          How many by
          <input
            type="date"
            value={byValue}
            min={new Date(Date.parse(asOf) + 86_400_000).toISOString().slice(0, 10)}
            onChange={(e) => setByValue(e.target.value)}
            data-testid="forecast-by"
          />
        </label>
        <button type="submit" disabled={!valid || state.kind === 'loading'} data-testid="forecast-run">
          Forecast
        </button>
      </form>
      <div className="forecast__out" aria-live="polite">
        {!valid && <p className="forecast__error">Enter a whole number from 1 to {formatNumber(MAX_ITEMS)}.</p>}
        {state.kind === 'loading' && state.previous === null && <p className="muted">Simulating…</p>}
        {state.kind === 'error' && (
          <p className="forecast__error" role="alert">
            {state.message}
          </p>
        )}
        {/* One wrapper for the fresh and the dimmed answer: the same elements are updated in place, instead of
            mounting the answer anew under another parent on every filter change. */}
        {shownAnswer !== null && (
          <div className={stale ? 'forecast__stale' : undefined} aria-busy={stale} title={stale ? 'Simulating again for the filters on screen…' : undefined}>
            <Result forecast={shownAnswer} stale={stale} />
          </div>
        )}
      </div>
    </section>
  );
});
