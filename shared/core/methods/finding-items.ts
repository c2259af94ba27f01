// The items behind each waste finding as the report prints them: key, title, type and the one figure that
// makes the item part of the finding (its wait in the step, its age, the active work thrown away, how often
// it was sent back, reopened or handed over). One scan over the few listed items, after the waste pass.
import { HOUR_MS } from '../../domain/items.ts';
import { BLOCKED } from '../../metrics/binding.ts';
import type { WasteFinding } from '../../metrics/waste.ts';
import { itemTitles } from '../../store/report-repo.ts';
import type { CoreContext } from '../context.ts';
import type { Resolved } from '../resolve-query.ts';

export interface FindingItem {
  key: string;
  title: string | null;
  type: string | null;
  /** What `value` is, in the report's words ("wait here", "age since start", "sent back"). */
  effect: string;
  value: number;
  unit: 'hours' | 'count';
}

/** Each waste's per-item figure: the measure its finding ranks items by. */
export const FINDING_EFFECT: Record<WasteFinding['waste'], { effect: string; unit: 'hours' | 'count' }> = {
  waiting: { effect: 'wait here', unit: 'hours' },
  approval: { effect: 'wait here', unit: 'hours' },
  defects: { effect: 'times sent back from here', unit: 'count' },
  relearning: { effect: 'times reopened into here', unit: 'count' },
  'partially-done': { effect: 'age since start', unit: 'hours' },
  'extra-features': { effect: 'active work thrown away', unit: 'hours' },
  handoffs: { effect: 'assignee changes here', unit: 'count' },
  'task-switching': { effect: 'active here', unit: 'hours' },
  manual: { effect: 'active here', unit: 'hours' },
};

export function findingItems(
  ctx: CoreContext,
  r: Resolved,
  findings: WasteFinding[],
  perFinding: number,
  assigneeChanges: Map<number, Float64Array>,
): FindingItem[][] {
  const lists = findings.map((f) => f.items.slice(0, perFinding));
  const wanted = new Set(lists.flat());
  if (wanted.size === 0) return lists.map(() => []);
  const stepIndex = new Map(r.binding.steps.map((s, i) => [s.id, i]));
  const roles = r.binding.roles;
  const done = r.binding.done;
  const w = r.clock.w;
  const assignees = assigneeChanges;
  const rows = new Map<string, { type: string | null; figure: (f: WasteFinding) => number }>();

  ctx.timelines.scan(r.binding, { asOf: r.asOf, clock: r.clock }, r.filter, (facts, item) => {
    if (!wanted.has(item.key)) return;
    const active = Float64Array.from(facts.active);
    const wait = Float64Array.from(facts.wait);
    const start = facts.start;
    // The moves out of and into each step, and the assignee changes while in it, walked as the waste pass does.
    const n = r.binding.steps.length;
    const sentBack = new Int32Array(n);
    const reopened = new Int32Array(n);
    const handoffs = new Int32Array(n);
    const ac = assignees.get(item.id);
    let k = 0;
    let last = -1;
    let status = item.count > 0 ? (item.from[0] ?? item.initialStatus) : item.initialStatus;
    const stepOf = (s: string | null) => {
      const role = s === null ? undefined : roles.get(s);
      return role === undefined ? -1 : role.kind === BLOCKED ? last : role.step;
    };
    const order = Array.from({ length: item.count }, (_, i) => i).sort((a, b) => item.at[a]! - item.at[b]! || a - b);
    const countHandoffs = (until: number) => {
      const s = stepOf(status);
      while (ac !== undefined && k < ac.length && Math.max(ac[k]!, item.createdAt) < until) {
        if (s >= 0) handoffs[s]!++;
        k++;
      }
    };
    if (stepOf(status) >= 0) last = stepOf(status);
    for (const i of order) {
      const t = Math.max(item.at[i]!, item.createdAt);
      if (item.at[i]! > r.asOf) break;
      countHandoffs(t);
      const prev = status;
      status = item.to[i]!;
      const s = stepOf(status);
      if (s < 0 || roles.get(status)?.kind === BLOCKED) continue;
      if (prev !== null && done.has(prev)) reopened[s]!++;
      else if (last >= 0 && s < last) sentBack[last]!++;
      last = s;
    }
    countHandoffs(r.asOf);
    let allActive = 0;
    for (const a of active) allActive += a;
    rows.set(item.key, {
      type: item.type,
      figure: (f) => {
        const s = stepIndex.get(f.stepId) ?? -1;
        switch (f.waste) {
          case 'waiting':
          case 'approval':
            return s < 0 ? 0 : wait[s]! / HOUR_MS;
          case 'defects':
            return s < 0 ? 0 : sentBack[s]!;
          case 'relearning':
            return s < 0 ? 0 : reopened[s]!;
          case 'partially-done':
            return start === null ? 0 : (w(r.asOf) - w(start)) / HOUR_MS;
          case 'extra-features':
            return allActive / HOUR_MS;
          case 'handoffs':
            return s < 0 ? 0 : handoffs[s]!;
          case 'task-switching':
          case 'manual':
            return s < 0 ? 0 : active[s]! / HOUR_MS;
        }
      },
    });
  });

  const titles = itemTitles(ctx.db, [...wanted]);
  return lists.map((keys, fi) =>
    keys.map((key) => {
      const f = findings[fi]!;
      const row = rows.get(key);
      return { key, title: titles.get(key) ?? null, type: row?.type ?? null, ...FINDING_EFFECT[f.waste], value: row ? row.figure(f) : 0 };
    }),
  );
}
