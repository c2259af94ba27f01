// `vsm report [--workspace WS | --demo] [--map NAME] --out FILE.pdf`: the retrospective PDF, headless.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { getMap } from '../../store/map-repo.ts';
import { printReportPdf } from '../../report/print-pdf.ts';
import { openCore } from '../open-core.ts';
import { RENDERER_DIST } from '../paths.ts';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write the PDF report of a map (map, timeline ladder, figures, bottleneck)')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--demo', 'report on the demo workspace')
    .option('--map <name>', 'map name (default: the most recently edited map)')
    .option('--as-of <iso>', 'the instant the figures describe')
    .option('--from <iso>', 'window start (completed items)')
    .option('--to <iso>', 'window end (exclusive)')
    .requiredOption('--out <file>', 'PDF file to write')
    .action(async (opts: { workspace?: string; demo?: boolean; map?: string; asOf?: string; from?: string; to?: string; out: string }) => {
      if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
        throw new FlowmapError('not-found', `the UI is not built (${RENDERER_DIST}): run \`npm run build:renderer\``);
      }
      const core = openCore(opts);
      try {
        const mapId = opts.map === undefined ? undefined : getMap(core.db, { name: opts.map }).id;
        // Validate the window through the contract before starting a browser.
        await core.call('reportModel', { mapId, asOf: opts.asOf, from: opts.from, to: opts.to });
        await printReportPdf(core, RENDERER_DIST, { mapId, asOf: opts.asOf, from: opts.from, to: opts.to }, path.resolve(opts.out));
        process.stdout.write(`wrote ${opts.out}\n`);
      } finally {
        core.close();
      }
    });
}
