// Conventions (issue 14): every completed item's cycle and lead time under each named convention, the
// figures side by side, and the items whose value changes the most between two of them, with the rule
// that changed it. One scan of the cached timelines serves all four conventions.
import type { MetricsQuery } from '../../contract/contract.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { windowBounds } from '../../metrics/flow-metrics.ts';
import {
  CONVENTION_NAMES,
  CONVENTIONS,
  conventionPercentile,
  DIFFERENCE_TEXT,
  inDays,
  itemUnderConvention,
  type ConventionComparison,
  type ConventionFigures,
  type ConventionItem,
  type ConventionName,
} from '../../metrics/conventions.ts';
import type { CoreContext } from '../context.ts';
import type { MethodImpls } from '../method-impls.ts';
import { resolve } from '../resolve-query.ts';

/** The step the other tools count from: named, else the first step in flow order. */
function startStageOf(steps: { id: string }[], stepId: string | undefined): number {
  if (stepId === undefined) return 0;
  const i = steps.findIndex((s) => s.id === stepId);
  if (i < 0) throw new FlowmapError('invalid-input', `startStepId "${stepId}" is not a step of this map (steps: ${steps.map((s) => s.id).join(', ')})`);
  return i;
}

interface Evaluated {
  key: string;
  byConvention: Record<ConventionName, ConventionItem>;
}

function evaluate(ctx: CoreContext, q: MetricsQuery & { startStepId?: string }) {
  const r = resolve(ctx, q, true);
  const startStage = startStageOf(r.binding.steps, q.startStepId);
  const timeZone = r.map?.calendar?.timeZone ?? 'UTC';
  const { completedIn } = windowBounds({ asOf: r.asOf, from: r.from, to: r.to });
  const items: Evaluated[] = [];
  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock }, r.filter, (f, item) => {
    if (item.createdAt > r.asOf) return;
    // The changes up to asOf, in instant order (ties keep their stored order), as the walker takes them.
    const order = Array.from({ length: item.count }, (_, i) => i).sort((a, b) => item.at[a]! - item.at[b]! || a - b);
    const at: number[] = [];
    const from: (string | null)[] = [];
    const to: string[] = [];
    const offsetMin: (number | null)[] = [];
    const offsets = item.offsets;
    for (const i of order) {
      if (item.at[i]! > r.asOf) break;
      at.push(item.at[i]!);
      from.push(item.from[i]!);
      to.push(item.to[i]!);
      offsetMin.push(offsets ? (offsets.all[offsets.first + i] ?? null) : null);
    }
    const changes = { createdAt: item.createdAt, initialStatus: item.initialStatus, count: at.length, at, from, to, offsetMin };
    const flowmap = { start: f.start, done: f.done, w: r.clock.w };
    const byConvention = Object.fromEntries(
      CONVENTION_NAMES.map((c) => [c, itemUnderConvention(c, changes, r.binding, { timeZone, flowmap, startStage })]),
    ) as Record<ConventionName, ConventionItem>;
    if (CONVENTION_NAMES.some((c) => completedIn(byConvention[c].done))) items.push({ key: item.key, byConvention });
  });
  const earliest = ctx.timelines.earliestCreated(r.filter) ?? r.asOf;
  return { r, timeZone, items, completedIn, earliest };
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
  const pcts = (xs: number[]) => ({ p50: conventionPercentile(convention, xs, 0.5), p85: conventionPercentile(convention, xs, 0.85), p95: conventionPercentile(convention, xs, 0.95) });
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

export function compareConventions(ctx: CoreContext, q: MetricsQuery & { a: ConventionName; b: ConventionName; limit?: number; startStepId?: string; includeSame?: boolean }): ConventionComparison {
  const e = evaluate(ctx, q);
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const side = (v: ConventionItem, counted: boolean) => ({ start: iso(v.start), done: counted ? iso(v.done) : null, cycle: counted ? v.cycle : null, lead: counted ? v.lead : null });
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
      return { key: it.key, title: null, a: side(va, ina), b: side(vb, inb), differenceDays: da !== null && db !== null ? db - da : null, rules, onlyOne: ina !== inb };
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
    conventionFigures: ({ convention, ...q }) => figuresOf(convention ?? 'flowmap', evaluate(ctx, q)),
    compareConventions: (q) => compareConventions(ctx, q),
  };
}
