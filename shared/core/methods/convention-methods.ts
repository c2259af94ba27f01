// Conventions (issue 14): every completed item's cycle and lead time under each named convention, the
// figures side by side, and the items whose value changes the most between two of them, with the rule
// that changed it. One scan of the cached timelines serves all four conventions.
import type { MetricsQuery } from '../../contract/contract.ts';
import { windowBounds } from '../../metrics/flow-metrics.ts';
import {
  CONVENTION_NAMES,
  CONVENTIONS,
  conventionPercentile,
  DIFFERENCE_TEXT,
  inDays,
  type ConventionComparison,
  type ConventionFigures,
  type ConventionItem,
  type ConventionName,
} from '../../metrics/conventions.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';
import { conventionLens } from '../convention-lens.ts';
import { resolve } from '../resolve-query.ts';

interface Evaluated {
  key: string;
  byConvention: Record<ConventionName, ConventionItem>;
}

function evaluate(ctx: CoreContext, q: MetricsQuery & { startStepId?: string }, only?: ConventionName) {
  const r = resolve(ctx, q, true);
  const names = only === undefined ? CONVENTION_NAMES : [only];
  const lens = conventionLens(r, q.startStepId);
  const timeZone = r.map?.calendar?.timeZone ?? 'UTC';
  const { completedIn } = windowBounds({ asOf: r.asOf, from: r.from, to: r.to });
  const items: Evaluated[] = [];
  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock }, r.filter, (f, item) => {
    if (item.createdAt > r.asOf) return;
    const byConvention = Object.fromEntries(names.map((c) => [c, lens(f, item, c)])) as Record<ConventionName, ConventionItem>;
    if (names.some((c) => completedIn(byConvention[c].done))) items.push({ key: item.key, byConvention });
  });
  const earliest = ctx.timelines.earliestCreated(r.filter) ?? r.asOf;
  return { r, timeZone, items, completedIn, earliest };
}

/** The figures of the query's convention (named, else the map's), for flowMetrics and the report. */
export function figuresUnderConvention(ctx: CoreContext, q: MetricsQuery & { startStepId?: string }): ConventionFigures {
  const convention = resolve(ctx, q, true).convention;
  return figuresOf(convention, evaluate(ctx, q, convention));
}

function figuresOf(convention: ConventionName, e: ReturnType<typeof evaluate>): ConventionFigures {
  const info = CONVENTIONS[convention];
  const cycles: number[] = [];
  const leads: number[] = [];
  let done = 0;
  for (const it of e.items) {
    const v = it.byConvention[convention];
    if (!e.completedIn(v.done)) continue;
    done++;
    if (v.lead !== null) leads.push(v.lead);
    if (v.cycle !== null) cycles.push(v.cycle);
  }
  cycles.sort((a, b) => a - b);
  leads.sort((a, b) => a - b);
  const pcts = (xs: number[]) => ({
    p50: conventionPercentile(convention, xs, 0.5),
    p85: conventionPercentile(convention, xs, 0.85),
    p95: conventionPercentile(convention, xs, 0.95),
  });
  const { to } = windowBounds({ asOf: e.r.asOf, from: e.r.from, to: e.r.to });
  return {
    convention,
    label: info.label,
    unit: info.unit,
    summary: info.summary,
    choices: info.choices,
    asOf: new Date(e.r.asOf).toISOString(),
    window: { from: new Date(e.r.from ?? e.earliest).toISOString(), to: new Date(to).toISOString() },
    timeZone: e.timeZone,
    done,
    withCycleTime: cycles.length,
    cycleTime: pcts(cycles),
    leadTime: pcts(leads),
  };
}

export function compareConventions(
  ctx: CoreContext,
  q: MetricsQuery & { a: ConventionName; b: ConventionName; limit?: number; startStepId?: string; includeSame?: boolean },
): ConventionComparison {
  const e = evaluate(ctx, q);
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const side = (v: ConventionItem, counted: boolean) => ({
    start: iso(v.start),
    done: counted ? iso(v.done) : null,
    cycle: counted ? v.cycle : null,
    lead: counted ? v.lead : null,
  });
  const rows = e.items
    .map((it) => {
      const va = it.byConvention[q.a];
      const vb = it.byConvention[q.b];
      const ina = e.completedIn(va.done);
      const inb = e.completedIn(vb.done);
      const da = ina ? inDays(q.a, va.cycle) : null;
      const db = inb ? inDays(q.b, vb.cycle) : null;
      const rules = [
        ...va.rules.map((rule) => ({ convention: q.a, rule, text: DIFFERENCE_TEXT[rule] })),
        ...vb.rules.map((rule) => ({ convention: q.b, rule, text: DIFFERENCE_TEXT[rule] })),
      ];
      return {
        key: it.key,
        title: null,
        a: side(va, ina),
        b: side(vb, inb),
        differenceDays: da !== null && db !== null ? db - da : null,
        rules,
        onlyOne: ina !== inb,
      };
    })
    .filter((row) => q.includeSame || row.onlyOne || row.differenceDays !== 0)
    .sort((x, y) => Number(y.onlyOne) - Number(x.onlyOne) || Math.abs(y.differenceDays ?? 0) - Math.abs(x.differenceDays ?? 0) || x.key.localeCompare(y.key));
  const limit = q.limit ?? 50;
  return {
    a: q.a,
    b: q.b,
    figures: CONVENTION_NAMES.map((c) => figuresOf(c, e)),
    items: rows.slice(0, limit).map(({ onlyOne: _o, ...row }) => row),
    totalItems: rows.length,
  };
}

export function conventionMethods(ctx: CoreContext): MethodImpls<'conventionFigures' | 'compareConventions'> {
  return {
    conventionFigures: (q) => figuresUnderConvention(ctx, q),
    compareConventions: (q) => compareConventions(ctx, q),
  };
}
