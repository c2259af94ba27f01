// `vsm waste --workspace WS --map NAME [--as-of ISO] [--from ISO --to ISO] [--type T] [--label L] [--json]`:
// the lean waste findings of a map (human output rounded; --json unrounded, the contract's shape).
import type { Command } from 'commander';
import type { WasteAnalysis } from '../../metrics/waste.ts';
import { addMetricsOptions, queryOf, type MetricsFlags } from '../metrics-flags.ts';
import { openCore } from '../open-core.ts';
import { print, printJson } from '../terminal-output.ts';

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const one = (x: number) => x.toFixed(1);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}

export function formatWaste(w: WasteAnalysis, mapName: string): string {
  const out = [
    `Waste on "${mapName}" as of ${w.asOf}`,
    `Window: items done in [${w.window.from}, ${w.window.to}); ${w.completedItems} completed`,
    `Abandoned statuses${w.abandonedStatuses.suggested ? ' (suggested from status names; set abandonedStatuses in the map)' : ''}: ${w.abandonedStatuses.statuses.join(', ') || 'none'}`,
    '',
  ];
  if (w.findings.length === 0) out.push('No findings at the thresholds of this map.');
  w.findings.forEach((f, i) => {
    out.push(`${i + 1}. [${f.waste}] ${f.evidence}${f.threshold === null ? '' : ` (threshold ${f.threshold})`}`);
    if (f.items.length > 0) out.push(`   items: ${f.items.slice(0, 8).join(', ')}${f.items.length > 8 ? `, … ${f.items.length - 8} more` : ''}`);
  });
  out.push(
    '',
    table([
      ['step', 'entered', 'sent back', 'rework in', '%C&A', 'reopened', 'handoffs/item', 'wait share', 'flow eff.', 'abandoned', 'aging>p85', 'WIP/person'],
      ...w.steps.map((s) => [
        `${s.name} (${s.id})`,
        String(s.entered),
        `${s.sentBack} (${pct(s.sentBackRate)})`,
        String(s.reworkReceived),
        pct(s.measuredPercentCompleteAccurate),
        String(s.reopened),
        one(s.handoffsPerItem),
        pct(s.waitShare),
        pct(s.flowEfficiency),
        String(s.abandoned),
        String(s.agingPastP85),
        s.wipPerPerson === undefined ? '-' : one(s.wipPerPerson),
      ]),
    ]),
    '',
    `Rolled measured %C&A: ${pct(w.rolledMeasuredPercentCompleteAccurate)}`,
  );
  return `${out.join('\n')}\n`;
}

export function registerWasteCommand(program: Command): void {
  const cmd = program
    .command('waste')
    .description('lean waste per step of a map: rework, reopened work, handoffs, abandoned and aging work, WIP per person, waiting');
  addMetricsOptions(cmd, true)
    .option('--json', 'machine-readable output (numbers unrounded)')
    .action(async (o: MetricsFlags) => {
      const core = await openCore(o);
      try {
        const q = await queryOf(core, o, { map: 'required' });
        const mapName = (await core.call('getMap', { mapId: q.mapId }))!.name;
        const w = await core.call('wasteAnalysis', q as typeof q & { mapId: number });
        if (o.json) printJson(w);
        else print(formatWaste(w, mapName));
      } finally {
        core.close();
      }
    });
}
