// `vsm items --workspace WS [--map NAME] --json|--csv`: every item's facts and status changes, so any
// figure of `vsm metrics` can be checked by hand or in a spreadsheet.
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { addMetricsOptions, queryOf, type MetricsFlags } from '../metrics-flags.ts';
import { openCore } from '../open-core.ts';

export function registerItemsCommand(program: Command): void {
  const cmd = program.command('items').description('per item: key, type, created, start, done, lead and cycle time, time per step, status changes');
  addMetricsOptions(cmd, false)
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per item)')
    .action(async (o: MetricsFlags & { csv?: boolean }) => {
      if (!o.json && !o.csv) throw new FlowmapError('invalid-input', 'choose an output format: --json or --csv');
      if (o.json && o.csv) throw new FlowmapError('invalid-input', 'choose one output format: --json or --csv, not both');
      const core = await openCore(o);
      try {
        const t = await core.call('metricItems', await queryOf(core, o, { map: 'optional' }));
        const { itemTableCsv } = await import('../../metrics/items-table.ts');
        process.stdout.write(o.csv ? itemTableCsv(t) : `${JSON.stringify(t, null, 2)}\n`);
      } finally {
        core.close();
      }
    });
}
