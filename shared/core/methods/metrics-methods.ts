import type { contract, FlowMetricsOutput, LinkedItemRow, LinkedItemTable, MetricsQuery } from '../../contract/contract.ts';
import type { z } from 'zod';
import { FlowmapError } from '../../domain/errors.ts';
import { DAY_MS, HOUR_MS } from '../../domain/items.ts';
import { localDate } from '../../metrics/calendar.ts';
import { durationBasis, windowBounds } from '../../metrics/flow-metrics.ts';
import { buildLadders } from '../../metrics/ladder.ts';
import { monteCarlo, type Forecast } from '../../metrics/forecast.ts';
import { LIMITS } from '../../domain/limits.ts';
import type { ItemRow } from '../../metrics/items-table.ts';
import { itemUrls } from '../../store/item-repo.ts';
import { createSeriesAccumulator, type FlowSeries } from '../../metrics/series.ts';
import type { CoreContext } from '../context.ts';
import { instant, resolve, resolvedKey, type Resolved } from '../resolve-query.ts';
import { recentAnswer } from '../recent-answers.ts';
import { figuresUnderConvention } from './convention-methods.ts';
import { conventionLens } from '../convention-lens.ts';
import { CONVENTIONS } from '../../metrics/conventions.ts';
import { computeReportModel } from './report-model.ts';
import { computeStepItems } from './step-items.ts';
import { computeFlowAndWaste } from './waste-methods.ts';
import type { MethodImpls } from '../method-impls.ts';

export function computeFlowMetrics(ctx: CoreContext, q: MetricsQuery): FlowMetricsOutput {
  // The measured ladder's %C&A comes from the waste analysis' rework counts, in the same pass.
  const { map, metrics, waste } = computeFlowAndWaste(ctx, q);
  const ca = new Map(waste.steps.map((s) => [s.id, s.measuredPercentCompleteAccurate]));
  const out: FlowMetricsOutput = { ...metrics, ladder: buildLadders(map, metrics, ca) };
  // The flowmap convention's figures are the metrics themselves; another convention adds its own headline.
  if ((q.convention ?? map.convention ?? 'flowmap') !== 'flowmap') out.convention = figuresUnderConvention(ctx, q);
  return out;
}

/**
 * Series kept: the one shown, the one before (a filter toggled back) and the likely next type filters the
 * core computes while idle (next-filters.ts, four types). At 50,000 items each is ~20 MB of objects.
 */
const RECENT_SERIES = 6;

export function computeFlowSeries(ctx: CoreContext, q: MetricsQuery): FlowSeries {
  const r = resolve(ctx, q, true);
  return recentAnswer(ctx, 'flowSeries', resolvedKey(r), RECENT_SERIES, () => seriesOf(ctx, r));
}

function seriesOf(ctx: CoreContext, r: Resolved): FlowSeries {
  const earliest = ctx.timelines.earliestCreated(r.filter) ?? r.asOf;
  const acc = createSeriesAccumulator(r.binding, { asOf: r.asOf, from: r.from, to: r.to, earliest, clock: r.clock, convention: r.convention });
  // Under another convention each item is read under it too (which needs its changes); flowmap reads the facts alone.
  const lens = r.convention === 'flowmap' ? null : conventionLens(r);
  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock, visits: true }, r.filter, (f, item) => acc.addFacts(f, item, lens?.(f, item)), {
    changes: lens !== null,
  });
  return acc.result();
}

export function computeForecast(ctx: CoreContext, q: z.output<(typeof contract)['forecast']['input']>): Forecast {
  if (q.items === undefined && q.by === undefined)
    throw new FlowmapError('invalid-input', 'forecast: give items (when will N be done) and/or by (how many by that date)');
  const r = resolve(ctx, q, true);
  const by = instant(q.by);
  if (by !== undefined && by <= r.asOf) throw new FlowmapError('invalid-input', `forecast: by ${q.by} is not after asOf ${new Date(r.asOf).toISOString()}`);
  if (by !== undefined && by - r.asOf > LIMITS.forecastDays * DAY_MS) {
    throw new FlowmapError(
      'invalid-input',
      `forecast: by ${q.by} is more than ${LIMITS.forecastDays} days after asOf ${new Date(r.asOf).toISOString()}; forecasts reach at most ${LIMITS.forecastDays} days ahead`,
    );
  }
  // Deterministic for its seed (1 unless given), so an answer asked again is the one kept.
  const key = `${resolvedKey(r)}|${JSON.stringify([q.items, q.by, q.historyDays ?? null, q.trials ?? null, q.seed ?? null])}`;
  // Twice the series' room: a selection's forecast is also asked with other inputs (N, date, history days).
  return recentAnswer(ctx, 'forecast', key, 2 * RECENT_SERIES, () => forecastOf(ctx, q, r, by));
}

function forecastOf(ctx: CoreContext, q: z.output<(typeof contract)['forecast']['input']>, r: Resolved, by: number | undefined): Forecast {
  // The history: the done-window when one is given (it ends at asOf at the latest), else the historyDays
  // before asOf; whole 24 h days counted back from its end, at most ten years.
  const historyTo = Math.min(r.to ?? r.asOf, r.asOf);
  const historyDays = Math.min(
    3650,
    r.from !== undefined && q.historyDays === undefined ? Math.max(1, Math.ceil((historyTo - r.from) / DAY_MS)) : (q.historyDays ?? 90),
  );
  const historyFrom = historyTo - historyDays * DAY_MS;
  const counts = new Array<number>(historyDays).fill(0);
  // Under another convention the history counts each item on the day it is done by that convention's rule
  // (which reads the item's changes); under flowmap the facts alone are enough.
  const lens = r.convention === 'flowmap' ? null : conventionLens(r);
  ctx.timelines.scan(
    r.binding,
    { asOf: r.asOf },
    r.filter,
    (f, item) => {
      const done = lens ? lens(f, item).done : f.done;
      if (done !== null && done >= historyFrom && done < historyTo && (r.from === undefined || done >= r.from))
        counts[Math.floor((done - historyFrom) / DAY_MS)]!++;
    },
    { changes: lens !== null },
  );
  // With a working calendar: history and forecast count working days only (rolling 24 h days from asOf,
  // judged by their local date at the start of each day).
  const cal = r.clock.calendar;
  let samples = counts;
  let isForecastDay: ((d: number) => boolean) | undefined;
  if (cal !== null) {
    const holidays = new Set(cal.holidays);
    const working = (t: number) => {
      const ld = localDate(cal.timeZone, t);
      const iso = `${ld.y}-${String(ld.m).padStart(2, '0')}-${String(ld.d).padStart(2, '0')}`;
      return cal.workingDays.includes(ld.weekday) && !holidays.has(iso);
    };
    samples = counts.filter((_, i) => working(historyFrom + i * DAY_MS));
    // Judged once per forward day, not once per trial and day (a time-zone lookup each).
    const ahead = Array.from({ length: LIMITS.forecastDays + 1 }, (_, d) => working(r.asOf + d * DAY_MS));
    isForecastDay = (d) => ahead[d] ?? working(r.asOf + d * DAY_MS);
  }
  return monteCarlo({
    asOf: r.asOf,
    dailyThroughput: samples,
    historyFrom,
    historyTo,
    isForecastDay,
    workingDaysOnly: cal !== null,
    items: q.items,
    by,
    trials: q.trials,
    seed: q.seed,
  });
}

export function computeItemTable(ctx: CoreContext, q: Partial<MetricsQuery> & { keys?: string[] }): LinkedItemTable {
  const r = resolve(ctx, q, false);
  const keys = q.keys === undefined ? null : new Set(q.keys);
  const { to, completedIn } = windowBounds({ asOf: r.asOf, from: r.from, to: r.to });
  const w = r.clock.w;
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const items: Array<Omit<LinkedItemRow, 'url'>> = [];
  const ids: number[] = [];
  const steps = r.binding.steps;
  const lens = r.convention === 'flowmap' ? null : conventionLens(r);
  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock }, r.filter, (f, item) => {
    if (item.createdAt > r.asOf || (keys !== null && !keys.has(item.key))) return;
    const v = lens?.(f, item);
    const changes: ItemRow['changes'] = [];
    const order = Array.from({ length: item.count }, (_, i) => i).sort((a, b) => item.at[a]! - item.at[b]! || a - b);
    for (const i of order) {
      if (item.at[i]! > r.asOf) break;
      changes.push({ at: new Date(item.at[i]!).toISOString(), from: item.from[i]!, to: item.to[i]! });
    }
    const done = f.done;
    ids.push(item.id);
    items.push({
      key: item.key,
      type: item.type,
      created: new Date(item.createdAt).toISOString(),
      start: iso(f.start),
      done: iso(done),
      status: f.current,
      stepId: f.currentStep >= 0 ? steps[f.currentStep]!.id : null,
      leadTimeHours: done === null ? null : (w(done) - w(item.createdAt)) / HOUR_MS,
      cycleTimeHours: done === null || f.start === null ? null : (w(done) - w(f.start)) / HOUR_MS,
      completedInWindow: completedIn(done),
      steps: steps.map((s, i) => ({ id: s.id, activeHours: f.active[i]! / HOUR_MS, waitHours: f.wait[i]! / HOUR_MS, blockedHours: f.blocked[i]! / HOUR_MS })),
      changes,
      ...(v ? { convention: { start: iso(v.start), done: iso(v.done), cycle: v.cycle, lead: v.lead, completedInWindow: completedIn(v.done) } } : {}),
    });
  });
  const urls = itemUrls(ctx.db, ids);
  return {
    asOf: new Date(r.asOf).toISOString(),
    window: { from: iso(r.from ?? null), to: new Date(to).toISOString() },
    map: r.map?.name ?? null,
    durations: durationBasis(r.clock.calendar),
    steps: steps.map((s) => ({ id: s.id, name: s.name })),
    // Web pages are read after the scan, for the listed items only (the timeline snapshot keeps none).
    items: items.map((row, i) => ({ ...row, url: urls.get(ids[i]!) ?? null })),
    ...(lens ? { convention: { name: r.convention, unit: CONVENTIONS[r.convention].unit, summary: CONVENTIONS[r.convention].summary } } : {}),
  };
}

export function metricsMethods(ctx: CoreContext): MethodImpls<'flowMetrics' | 'reportModel' | 'flowSeries' | 'forecast' | 'stepItems' | 'metricItems'> {
  return {
    flowMetrics: (q) => computeFlowMetrics(ctx, q),
    flowSeries: (q) => computeFlowSeries(ctx, q),
    forecast: (q) => computeForecast(ctx, q),
    stepItems: (q) => computeStepItems(ctx, q),
    metricItems: (q) => computeItemTable(ctx, q),
    reportModel: (q) => computeReportModel(ctx, q),
  };
}
