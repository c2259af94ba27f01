// `vsm report [--workspace WS | --demo] [--map NAME] --out FILE.pdf`: the retrospective PDF, headless.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { DATE_FLAG_HELP, parseDateFlag } from '../date-flag.ts';
import { openCore } from '../open-core.ts';
import { RENDERER_DIST } from '../paths.ts';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write the PDF report of a map (map, timeline ladder, figures, bottleneck)')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--demo', 'report on the demo workspace')
    .option('--map <name>', 'map name (default: the most recently edited map)')
    .option('--as-of <date>', `the instant the figures describe: ${DATE_FLAG_HELP}`)
    .option('--from <date>', 'window start (completed items)')
    .option('--to <date>', 'window end (exclusive)')
    .option('--tz <zone>', 'time zone of date-only and offset-less values (IANA, default UTC)')
    .requiredOption('--out <file>', 'PDF file to write')
    .action(async (opts: { workspace?: string; demo?: boolean; map?: string; asOf?: string; from?: string; to?: string; tz?: string; out: string }) => {
      const window = { asOf: parseDateFlag('as-of', opts.asOf, opts.tz), from: parseDateFlag('from', opts.from, opts.tz), to: parseDateFlag('to', opts.to, opts.tz) };
      if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
        throw new FlowmapError('not-found', `the UI is not built (${RENDERER_DIST}): run \`npm run build:renderer\``);
      }
      const core = await openCore(opts);
      try {
        const mapId = opts.map === undefined ? undefined : (await core.call('getMap', { name: opts.map }))!.id;
        // Validate the window through the contract before starting a browser.
        await core.call('reportModel', { mapId, ...window });
        // playwright-core takes most of a second to load: only this command pays for it.
        const { printReportPdf } = await import('../../report/print-pdf.ts');
        await printReportPdf(core, RENDERER_DIST, { mapId, ...window }, path.resolve(opts.out));
        process.stdout.write(`wrote ${opts.out}\n`);
      } finally {
        core.close();
      }
    });
}
