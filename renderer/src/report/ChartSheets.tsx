// The chart sheets: the flow charts as vector SVG with text as text (the app's own chart components, drawn
// into fixed-size boxes; the scatter's dots as SVG, not the screen's canvas), and the Monte Carlo forecast's
// histograms with its answers in words.
import type { ReportModel } from '../../../shared/contract/contract.ts';
import type { Forecast } from '../../../shared/metrics/forecast.ts';
import type { FlowSeries } from '../../../shared/metrics/series.ts';
import { AgingWip } from '../charts/AgingWip.tsx';
import { CumulativeFlow } from '../charts/CumulativeFlow.tsx';
import { CycleScatter } from '../charts/CycleScatter.tsx';
import { ForecastHowManyChart, ForecastWhenChart } from '../charts/ForecastCharts.tsx';
import { Throughput } from '../charts/Throughput.tsx';
import { formatDate, formatHours, formatNumber, formatEndDate } from '../common/format.ts';
import { Sheet } from './Sheet.tsx';

function ForecastBox({ forecast }: { forecast: Forecast | null }) {
  if (!forecast) return <p className="muted">No forecast: the history window holds no completed items.</p>;
  const h = forecast.history;
  const when = forecast.when;
  const howMany = forecast.howMany;
  return (
    <section className="report__forecast" data-testid="report-forecast">
      <h3>Monte Carlo forecast</h3>
      {when && (
        <p>
          <strong>When will today&apos;s {formatNumber(when.items)} items in progress be done?</strong>{' '}
          {(['p50', 'p85', 'p95'] as const).map((k, i) => (
            <span key={k}>
              {i > 0 && ' · '}
              {k}: {when[k] ? `${formatDate(when[k].date)} (${formatNumber(when[k].days)} days)` : 'not within ten years'}
            </span>
          ))}
        </p>
      )}
      {howMany && (
        <p>
          <strong>
            How many items by {formatDate(howMany.by)} ({formatNumber(howMany.days)} days)?
          </strong>{' '}
          at least {formatNumber(howMany.p50)} (p50) · {formatNumber(howMany.p85)} (p85) · {formatNumber(howMany.p95)} (p95)
        </p>
      )}
      <p className="report__footnote">
        {formatNumber(forecast.trials)} simulated futures resampling the daily throughput of the {formatNumber(h.days)} {h.workingDaysOnly ? 'working ' : ''}
        days before {formatDate(forecast.asOf)} ({formatNumber(h.items)} items done). A p85 date: 85 in 100 futures were done by then.
      </p>
    </section>
  );
}

export function ChartSheets({ model, series, forecast }: { model: ReportModel; series: FlowSeries; forecast: Forecast | null }) {
  const pcts = series.scatter.cycleTimeHours;
  return (
    <>
      <Sheet model={model} title="Flow over time" testId="report-charts-flow">
        <div className="report__charts">
          <CumulativeFlow series={series} />
          <Throughput series={series} />
        </div>
        <p className="report__footnote">
          Days are dates in {series.durations.timeZone}; weeks start on Monday. Window: {formatDate(series.window.from)} – {formatEndDate(series.window.to)}.
        </p>
      </Sheet>
      <Sheet model={model} title="Cycle time" testId="report-charts-time">
        <div className="report__charts report__charts--wide">
          <CycleScatter series={series} vector />
        </div>
        <p className="report__footnote">
          Cycle time of the items done in the window: p50 {formatHours(pcts.p50)} · p85 {formatHours(pcts.p85)} · p95 {formatHours(pcts.p95)}.
        </p>
      </Sheet>
      <Sheet model={model} title="Aging work in progress" testId="report-charts-aging">
        <div className="report__charts report__charts--wide">
          <AgingWip series={series} />
        </div>
        <p className="report__footnote">
          Each dot is an unfinished item at its age since it started, in the step it is in now, against the completed items&apos; cycle-time p50{' '}
          {formatHours(series.aging.cycleTimeHours.p50)} and p85 {formatHours(series.aging.cycleTimeHours.p85)}.
        </p>
      </Sheet>
      <Sheet model={model} title="Monte Carlo forecast" testId="report-charts-forecast">
        {forecast && (
          <div className="report__charts report__charts--forecast">
            <ForecastWhenChart f={forecast} />
            <ForecastHowManyChart f={forecast} />
          </div>
        )}
        <ForecastBox forecast={forecast} />
      </Sheet>
    </>
  );
}
