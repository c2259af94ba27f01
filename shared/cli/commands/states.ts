// `vsm future create`, `vsm baseline create|list|delete`, `vsm compare`: current vs future state and
// measured-after, through the contract.
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import type { ComparisonRow, StateComparison } from '../../metrics/state-comparison.ts';
import { addMetricsOptions, queryOf, type MetricsFlags } from '../metrics-flags.ts';
import { openCore } from '../open-core.ts';
import { print, printJson } from '../terminal-output.ts';

const hours = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} h`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const value = (r: ComparisonRow, x: number | null) => (r.unit === 'hours' ? hours(x) : pct(x));
const signed = (r: ComparisonRow, x: number | null) => {
  if (x === null) return '—';
  const s = r.unit === 'hours' ? `${Math.abs(x).toFixed(1)} h` : `${(Math.abs(x) * 100).toFixed(1)} pt`;
  return `${x < 0 ? '−' : '+'}${s}`;
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n');
}

const REFERENCE_TEXT: Record<StateComparison['reference'], string> = {
  baseline: 'the baseline snapshot (measured)',
  'current-measured': 'the current state as measured now',
  'current-estimate': "the current state's workshop estimates",
};

export function formatComparison(c: StateComparison): string {
  const lines = [
    `Current state: "${c.current.name}"${c.future ? `   Future state: "${c.future.name}"` : '   (no future state yet: `vsm future create`)'}`,
    c.baseline
      ? `Baseline: "${c.baseline.name}" taken ${c.baseline.takenAt}, figures as of ${c.baseline.asOf}`
      : 'Baseline: none (`vsm baseline create` freezes the measured figures)',
    `Reference: ${REFERENCE_TEXT[c.reference]}. Totals are sums of per-step medians (measured) or estimates along the main path.`,
    '',
    table([
      ['figure', 'reference', 'target', 'gain', 'gain %', 'measured now', 'achieved'],
      ...c.rows.map((r) => [
        r.label,
        value(r, r.reference),
        value(r, r.target),
        signed(r, r.gain),
        r.relativeGain === null ? '—' : `${(r.relativeGain * 100).toFixed(1)} %`,
        value(r, r.now),
        r.achieved === null ? '—' : `${(r.achieved * 100).toFixed(1)} %`,
      ]),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerStateCommands(program: Command): void {
  const future = program.command('future').description('future states of a value-stream map');
  future
    .command('create')
    .description('copy a map as its future state, linked to it')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .requiredOption('--map <name>', 'the current-state map')
    .option('--name <name>', 'name of the future state (default: "MAP — future state")')
    .action(async (o: { workspace?: string; map: string; name?: string }) => {
      const core = await openCore(o);
      try {
        const mapId = (await core.call('getMap', { name: o.map }))!.id;
        const r = await core.call('createFutureState', { mapId, ...(o.name ? { name: o.name } : {}) });
        print(`created future state "${r.name}" (id ${r.id}) of "${o.map}"\n`);
      } finally {
        core.close();
      }
    });

  const baseline = program.command('baseline').description('baseline snapshots: freeze measured figures to compare with later');
  addMetricsOptions(baseline.command('create').description("freeze a map's measured figures under a name"), true)
    .requiredOption('--name <name>', 'name of the baseline, e.g. "before kaizen week"')
    .action(async (o: MetricsFlags & { name: string }) => {
      const core = await openCore(o);
      try {
        const q = await queryOf(core, o, { map: 'required' });
        const r = await core.call('saveBaseline', { ...q, mapId: q.mapId!, name: o.name });
        print(`baseline "${r.name}" (id ${r.id}) taken ${r.takenAt}\n`);
      } finally {
        core.close();
      }
    });
  baseline
    .command('list')
    .description('list the baselines of a map')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .requiredOption('--map <name>', 'map name')
    .option('--json', 'JSON output')
    .action(async (o: { workspace?: string; map: string; json?: boolean }) => {
      const core = await openCore(o);
      try {
        const list = await core.call('listBaselines', { mapId: (await core.call('getMap', { name: o.map }))!.id });
        if (o.json) printJson(list);
        else if (list.length === 0) print(`map "${o.map}" has no baseline\n`);
        else print(list.map((b) => `${b.id}\t${b.name}\ttaken ${b.takenAt}\tas of ${b.asOf}`).join('\n') + '\n');
      } finally {
        core.close();
      }
    });

  addMetricsOptions(program.command('compare').description('current vs future state and measured-after: both ladders and the gain table'), true)
    .option('--future <name>', 'the future-state map (default: the newest future state of --map)')
    .option('--baseline <name>', 'the baseline to compare with (default: the newest)')
    .option('--json', 'JSON output (unrounded)')
    .action(async (o: MetricsFlags & { future?: string; baseline?: string }) => {
      const core = await openCore(o);
      try {
        const q = await queryOf(core, o, { map: 'required' });
        const futureMapId = o.future === undefined ? undefined : (await core.call('getMap', { name: o.future }))!.id;
        let baselineId: number | undefined;
        if (o.baseline !== undefined) {
          const list = await core.call('listBaselines', { mapId: q.mapId! });
          const b = list.find((x) => x.name === o.baseline);
          if (!b) throw new FlowmapError('not-found', `map has no baseline named "${o.baseline}" (see \`vsm baseline list\`)`);
          baselineId = b.id;
        }
        const c = await core.call('compareStates', { ...q, mapId: q.mapId!, ...(futureMapId ? { futureMapId } : {}), ...(baselineId ? { baselineId } : {}) });
        if (o.json) printJson(c);
        else print(formatComparison(c));
      } finally {
        core.close();
      }
    });
}
