// DORA's four figures per calendar month (UTC) over the releases in the window: the trend the dashboard
// draws beside each figure. Each month is computed by the same definitions as the whole window
// (computeDora with that month as the window); a month without releases has no lead time, failure rate or
// restore time (null: "not enough data"), and a deployment frequency of 0 only when releases exist elsewhere.
import type { z } from 'zod';
import type { contract, DoraTrend } from '../../contract/contract.ts';
import { computeDora } from '../../metrics/dora.ts';
import type { CoreContext } from '../context.ts';

const WEEK_MS = 7 * 86_400_000;

function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function computeDoraTrend(ctx: CoreContext, q: z.output<(typeof contract)['doraTrend']['input']>): DoraTrend {
  const from = q.from === undefined ? undefined : Date.parse(q.from);
  const to = q.to === undefined ? undefined : Date.parse(q.to);
  const whole = computeDora(ctx.db, { from, to, repo: q.repo });
  const months: DoraTrend['months'] = [];
  if (whole.releases > 0 && whole.from !== null && whole.to !== null) {
    const lo = Date.parse(whole.from);
    const hi = Date.parse(whole.to);
    for (let m = monthStart(lo); m <= hi; m = nextMonth(m)) {
      const a = Math.max(m, from ?? m);
      const b = Math.min(nextMonth(m), to ?? nextMonth(m));
      if (b <= a) continue;
      const d = computeDora(ctx.db, { from: a, to: b, repo: q.repo });
      months.push({
        month: new Date(m).toISOString().slice(0, 7),
        from: new Date(a).toISOString(),
        to: new Date(b).toISOString(),
        releases: d.releases,
        deploymentsPerWeek: d.releases / ((b - a) / WEEK_MS),
        changes: d.changes,
        leadTimeForChangesHoursP50: d.leadTimeForChangesHours.p50,
        changeFailureRate: d.changeFailureRate,
        failedReleases: d.failedReleases,
        timeToRestoreHoursP50: d.timeToRestoreHours.p50,
      });
    }
  }
  return { whole, months };
}
