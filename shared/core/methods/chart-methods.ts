// The dashboard's core methods: the distributions behind its histograms (flowCharts), the items behind
// any bar, bin, day or point (chartItems), and DORA's monthly trend (doraTrend). All from the timeline
// cache, with the filters and binding of the query.
import type { z } from 'zod';
import type { contract, LinkedChartItems } from '../../contract/contract.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { DAY_MS, HOUR_MS } from '../../domain/items.ts';
import { localIsoDate } from '../../metrics/calendar.ts';
import type { ChartItem, ChartSelection } from '../../metrics/chart-items.ts';
import { binIndex, createChartAccumulator, efficiencyBin, type ChartSeries } from '../../metrics/chart-series.ts';
import { createFlowAccumulator, windowBounds } from '../../metrics/flow-metrics.ts';
import { itemUrls } from '../../store/item-repo.ts';
import { itemTitles } from '../../store/item-snapshot.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';
import { resolve, resolvedKey, type Resolved } from '../resolve-query.ts';
import { recentAnswer } from '../recent-answers.ts';
import { conventionLens } from '../convention-lens.ts';
import { asHours } from '../../metrics/conventions.ts';
import { computeDoraTrend } from './dora-trend.ts';

type Q<M extends keyof typeof contract> = z.output<(typeof contract)[M]['input']>;

export function computeFlowCharts(ctx: CoreContext, q: Q<'flowCharts'>): ChartSeries {
  const r = resolve(ctx, q, true);
  return recentAnswer(ctx, 'flowCharts', resolvedKey(r), 8, () => chartsOf(ctx, r));
}

function chartsOf(ctx: CoreContext, r: Resolved): ChartSeries {
  const acc = createChartAccumulator(r.binding, { asOf: r.asOf, from: r.from, to: r.to, clock: r.clock, convention: r.convention });
  // Under another convention the items are those it counts done, read under it (which needs their changes),
  // and the pooled efficiency is that of those items.
  const lens = r.convention === 'flowmap' ? null : conventionLens(r);
  // The pooled efficiency is the headline figure itself (same sums in the same order), not a re-derivation:
  // taken from flowMetrics of the same query when that ran first (what the app does), else computed here.
  const known = lens ? undefined : ctx.timelines.derived<number | undefined>(`pooled-efficiency:${resolvedKey(r)}`, () => undefined);
  const flow = known === undefined && !lens ? createFlowAccumulator(r.binding, { asOf: r.asOf, from: r.from, to: r.to }, r.clock) : null;
  ctx.timelines.scan(
    r.binding,
    { asOf: r.asOf, clock: r.clock },
    r.filter,
    (f, item) => {
      acc.addFacts(f, item, lens?.(f, item));
      flow?.addFacts(f, item.createdAt);
    },
    { changes: lens !== null },
  );
  const charts = acc.result();
  if (charts.flowEfficiency.pooled !== null && !lens) charts.flowEfficiency.pooled = known ?? flow!.result().flowEfficiency;
  return charts;
}

const ORDER: Record<ChartSelection['kind'], string> = {
  'cycle-bin': 'longest cycle time first',
  'lead-bin': 'longest lead time first',
  'efficiency-bin': 'lowest flow efficiency first',
  'done-day': 'latest done first',
  'done-week': 'latest done first',
  wip: 'longest in the step first',
  aging: 'oldest first',
  'step-wait': 'longest wait in the step first',
  item: 'the item',
};

export function computeChartItems(ctx: CoreContext, q: Q<'chartItems'>): LinkedChartItems {
  const r = resolve(ctx, q, true);
  const sel = q.select;
  const limit = q.limit ?? 100;
  const tz = r.clock.calendar?.timeZone ?? 'UTC';
  const w = r.clock.w;
  const { completedIn } = windowBounds({ asOf: r.asOf, from: r.from, to: r.to });
  const stepIndex = (id: string) => {
    const i = r.binding.steps.findIndex((s) => s.id === id);
    if (i < 0) throw new FlowmapError('not-found', `map "${r.map!.name}" has no step with id "${id}"`);
    return i;
  };
  const si =
    sel.kind === 'step-wait' || (sel.kind === 'wip' && sel.stepId !== undefined) || (sel.kind === 'aging' && sel.stepId !== null)
      ? stepIndex((sel as { stepId: string }).stepId)
      : -1;
  // The WIP run samples a day at `at` and counts a visit [a, b) when a < S ≤ b, where S is `at` except at
  // asOf itself (then the state at asOf, which includes what happened at that instant): see series.ts.
  const wipAt = sel.kind === 'wip' ? Date.parse(sel.at) : Number.NaN;
  const S = wipAt === r.asOf ? r.asOf + 1 : wipAt;
  const mondayOf = (day: string) => {
    const t = Date.parse(`${day}T00:00:00Z`);
    const wd = new Date(t).getUTCDay() || 7;
    return new Date(t - (wd - 1) * DAY_MS).toISOString().slice(0, 10);
  };

  const hits: Array<{ id: number; rank: number; row: Omit<ChartItem, 'title'> }> = [];
  // Under another convention a bar, bin or day holds the items the charts put there: its done, cycle, lead and age.
  const conv = r.convention;
  const lens = conv === 'flowmap' ? null : conventionLens(r);
  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock, visits: sel.kind === 'wip' }, r.filter, (f, item) => {
    if (item.createdAt > r.asOf) return;
    const c = lens?.(f, item);
    const done = c ? c.done : f.done;
    const inWindow = completedIn(done);
    const lead = c ? asHours(conv, c.lead) : done === null ? null : (w(done) - w(item.createdAt)) / HOUR_MS;
    const cycle = c ? asHours(conv, c.cycle) : done === null || f.start === null ? null : (w(done) - w(f.start)) / HOUR_MS;
    const age = c ? asHours(conv, c.age ?? null) : done === null && f.start !== null ? (w(r.asOf) - w(f.start)) / HOUR_MS : null;
    const doneDay = (t: number) => (c ? c.doneDate! : localIsoDate(tz, t));
    let rank = Number.NaN;
    let value: number | null = null;
    switch (sel.kind) {
      case 'cycle-bin':
        if (inWindow && cycle !== null && binIndex(cycle, sel.binHours, sel.bins) === sel.index) rank = cycle;
        break;
      case 'lead-bin':
        if (inWindow && binIndex(lead!, sel.binHours, sel.bins) === sel.index) rank = lead!;
        break;
      case 'efficiency-bin': {
        if (!inWindow) break;
        let a = 0;
        let all = 0;
        for (let s = 0; s < f.active.length; s++) {
          a += f.active[s]!;
          all += f.active[s]! + f.wait[s]! + f.blocked[s]!;
        }
        if (all > 0 && efficiencyBin(a / all) === sel.index) {
          value = a / all;
          rank = -value;
        }
        break;
      }
      case 'done-day':
        if (inWindow && doneDay(done!) === sel.day) rank = done!;
        break;
      case 'done-week':
        if (inWindow && mondayOf(doneDay(done!)) === sel.weekStart) rank = done!;
        break;
      case 'wip':
        // The WIP total under a convention: started on or before the day, done on a later day (or that day,
        // both ends counted), as the run chart counts it.
        if (c && si < 0) {
          const day = localIsoDate(tz, S - 1);
          const open = c.done === null || (conv === 'jira-agile-metrics' ? c.doneDate! > day : c.doneDate! >= day);
          const from = c.start ?? (conv === 'jirametrics' && c.done !== null ? item.createdAt : null);
          if (from !== null && localIsoDate(tz, from) <= day && open) rank = S - from;
          break;
        }
        for (let v = 0; v < f.visitCount; v++) {
          if (si >= 0 && f.visitStep[v] !== si) continue;
          const a = f.visitStart[v]!;
          const b = f.visitEnd[v]!;
          if (a < S && S <= b) rank = Math.max(Number.isNaN(rank) ? 0 : rank, S - a);
        }
        break;
      case 'aging':
        if (age !== null && (sel.stepId === null ? f.currentStep < 0 : f.currentStep === si)) rank = age;
        break;
      case 'step-wait':
        if (inWindow && f.wait[si]! > 0) {
          value = f.wait[si]! / HOUR_MS;
          rank = value;
        }
        break;
      case 'item':
        if (item.key === sel.key) rank = 0;
        break;
    }
    if (Number.isNaN(rank)) return;
    hits.push({
      id: item.id,
      rank,
      row: {
        key: item.key,
        type: item.type,
        status: f.current,
        done: done === null ? null : new Date(done).toISOString(),
        leadTimeHours: lead,
        cycleTimeHours: cycle,
        ageHours: age,
        value,
      },
    });
  });
  hits.sort((a, b) => b.rank - a.rank || a.id - b.id);
  const top = hits.slice(0, limit);
  const ids = top.map((h) => h.id);
  const titles = itemTitles(ctx.db, ids);
  const urls = itemUrls(ctx.db, ids);
  return {
    asOf: new Date(r.asOf).toISOString(),
    count: hits.length,
    order: ORDER[sel.kind],
    items: top.map((h) => ({ ...h.row, title: titles.get(h.id) ?? null, url: urls.get(h.id) ?? null })),
  };
}

export function chartMethods(ctx: CoreContext): MethodImpls<'flowCharts' | 'chartItems' | 'doraTrend'> {
  return {
    flowCharts: (q) => computeFlowCharts(ctx, q),
    chartItems: (q) => computeChartItems(ctx, q),
    doraTrend: (q) => computeDoraTrend(ctx, q),
  };
}
