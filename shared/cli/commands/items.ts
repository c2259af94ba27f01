// `vsm items --workspace WS [--map NAME] --json|--csv`: every item's facts, web page and status changes, so any
// figure of `vsm metrics` can be checked by hand or in a spreadsheet.
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { CONVENTION_NAMES } from '../../metrics/convention-names.ts';
import { addMetricsOptions, conventionName, queryOf, type MetricsFlags } from '../metrics-flags.ts';
import { openCore } from '../open-core.ts';
import { print, printJson } from '../terminal-output.ts';

export function registerItemsCommand(program: Command): void {
  const cmd = program
    .command('items')
    .description('per item: key, web page (url), type, created, start, done, lead and cycle time, time per step, status changes');
  addMetricsOptions(cmd, false)
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per item)')
    .option('--convention <name>', `each item's cycle and lead time under a convention (${CONVENTION_NAMES.join(', ')})`)
    .option('--compare <name>', 'with --convention: beside it, the same items under this convention and the rule that differs')
    .option('--start-step <id>', 'with --convention: the step the other tools count from (default: the first step)')
    .action(async (o: MetricsFlags & { csv?: boolean; convention?: string; compare?: string; startStep?: string }) => {
      if (!o.json && !o.csv) throw new FlowmapError('invalid-input', 'choose an output format: --json or --csv');
      if (o.json && o.csv) throw new FlowmapError('invalid-input', 'choose one output format: --json or --csv, not both');
      if (o.compare !== undefined && o.convention === undefined)
        throw new FlowmapError('invalid-input', '--compare goes with --convention: e.g. --convention jirametrics --compare flowmap');
      const core = await openCore(o);
      try {
        if (o.convention !== undefined) {
          const a = conventionName('convention', o.convention);
          const b = o.compare === undefined ? a : conventionName('compare', o.compare);
          const q = await queryOf(core, o, { map: 'required' });
          const c = await core.call('compareConventions', {
            ...q,
            mapId: q.mapId!,
            a,
            b,
            limit: 100_000,
            includeSame: true,
            ...(o.startStep ? { startStepId: o.startStep } : {}),
          });
          const { conventionComparisonCsv } = await import('../../metrics/conventions.ts');
          if (o.csv) print(conventionComparisonCsv(c));
          else printJson(c);
          return;
        }
        const t = await core.call('metricItems', await queryOf(core, o, { map: 'optional' }));
        const { itemTableCsv } = await import('../../metrics/items-table.ts');
        if (o.csv) print(itemTableCsv(t));
        else printJson(t);
      } finally {
        core.close();
      }
    });
}
