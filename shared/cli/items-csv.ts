// `vsm items --csv`: the items table as RFC 4180 CSV with each item's web page beside its key. The columns are
// those of metrics' itemTableCsv plus `url`; built here over the linked table the contract returns, because the
// metrics layer computes figures and knows nothing of where an item lives on the web.
import type { LinkedItemTable } from '../contract/contract.ts';
import { toCsv, type CsvCell } from '../domain/csv.ts';

/** One row per item, one column triple per step, the changes in one cell ("at from→to; …"); formula cells neutralised by toCsv. */
export function linkedItemTableCsv(t: LinkedItemTable): string {
  const head = ['key', 'url', 'type', 'created', 'start', 'done', 'status', 'step', 'lead_time_hours', 'cycle_time_hours', 'completed_in_window'];
  for (const s of t.steps) head.push(`${s.id}_active_hours`, `${s.id}_wait_hours`, `${s.id}_blocked_hours`);
  head.push('status_changes');
  const c = t.convention;
  if (c) head.push(`${c.name}_start`, `${c.name}_done`, `${c.name}_cycle_${c.unit}`, `${c.name}_lead_${c.unit}`, `${c.name}_completed_in_window`);
  const rows: CsvCell[][] = [];
  for (const r of t.items) {
    const row: CsvCell[] = [r.key, r.url, r.type, r.created, r.start, r.done, r.status, r.stepId, r.leadTimeHours, r.cycleTimeHours, r.completedInWindow];
    for (const s of r.steps) row.push(s.activeHours, s.waitHours, s.blockedHours);
    row.push(r.changes.map((x) => `${x.at} ${x.from ?? ''}→${x.to}`).join('; '));
    if (c)
      row.push(
        r.convention?.start ?? null,
        r.convention?.done ?? null,
        r.convention?.cycle ?? null,
        r.convention?.lead ?? null,
        r.convention?.completedInWindow ?? false,
      );
    rows.push(row);
  }
  return toCsv(head, rows);
}
