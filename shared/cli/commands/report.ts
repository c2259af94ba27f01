// `vsm report [--workspace WS | --demo] [--map NAME] [--paper a4|letter] [--type T] [--label L] --out FILE.pdf`:
// the retrospective PDF, printed headlessly by a Chrome or Chromium found on the machine (or --browser PATH).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { findPrinter } from '../../report/browser-lookup.ts';
import { isPaper, PAPERS, reportModelInput, type ReportQuery } from '../../report/report-route.ts';
import { DATE_FLAG_HELP, parseDateFlag } from '../date-flag.ts';
import { CONVENTION_NAMES } from '../../metrics/convention-names.ts';
import { conventionName } from '../metrics-flags.ts';
import { RENDERER_DIST } from '../paths.ts';
import { print, printError } from '../terminal-output.ts';

interface Flags {
  workspace?: string;
  demo?: boolean;
  map?: string;
  asOf?: string;
  from?: string;
  to?: string;
  tz?: string;
  type?: string[];
  label?: string;
  convention?: string;
  paper: string;
  browser?: string;
  timings?: boolean;
  out: string;
}

/** Where the demo is written for this run: a private temp folder, removed when the process exits. */
function demoPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-demo-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'demo.vsm');
}

const collect = (v: string, acc: string[] = []) => [
  ...acc,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write the retrospective PDF of a map (title block, map, ladder, bottleneck and waste, charts, kaizen actions)')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--demo', 'report on the demo workspace')
    .option('--map <name>', 'map name (default: the most recently edited map)')
    .option('--as-of <date>', `the instant the figures describe: ${DATE_FLAG_HELP}`)
    .option('--from <date>', 'window start (completed items)')
    .option('--to <date>', 'window end (exclusive)')
    .option('--tz <zone>', 'time zone of date-only and offset-less values (IANA, default UTC)')
    .option('--type <type>', 'only items of this type (repeat or comma-separate); every page says so', collect)
    .option('--label <label>', 'only items with this label; every page says so')
    .option('--convention <name>', `the convention every figure follows (${CONVENTION_NAMES.join(', ')}; default: the map's)`)
    .option('--paper <size>', `paper, landscape: ${PAPERS.join(' or ')}`, 'a4')
    .option('--browser <path>', 'the Chrome or Chromium executable to print with (default: the one found on this machine)')
    .option('--timings', 'print how long each phase took (on stderr)')
    .requiredOption('--out <file>', 'PDF file to write')
    .action(async (opts: Flags) => {
      const paper = opts.paper.toLowerCase();
      if (!isPaper(paper)) throw new FlowmapError('invalid-input', `--paper ${JSON.stringify(opts.paper)}: expected ${PAPERS.join(' or ')}`);
      const window = {
        asOf: parseDateFlag('as-of', opts.asOf, opts.tz),
        from: parseDateFlag('from', opts.from, opts.tz),
        to: parseDateFlag('to', opts.to, opts.tz),
      };
      if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
        throw new FlowmapError('not-found', `the UI is not built (${RENDERER_DIST}): run \`npm run build:renderer\``);
      }
      // Find the printer first: without one there is nothing to do, and the message says how to name one.
      const printer = findPrinter(opts.browser);
      const started = performance.now();
      const cpu = () => {
        const u = process.cpuUsage();
        return ((u.user + u.system) / 1e6).toFixed(2);
      };
      // Wall time since the printer was found, and this process's CPU time (both threads; Chromium's is its own).
      const phase = opts.timings
        ? (what: string) => printError(`${((performance.now() - started) / 1000).toFixed(2)} s (cpu ${cpu()} s)  ${what}\n`)
        : undefined;
      // Three things at once: Chromium boots in its own process (after playwright-core, most of a second to load,
      // loads on this thread); the core opens the workspace (or writes the demo) and computes in a worker thread;
      // and then the page loads while the core computes its answers.
      const chromium = printer.kind === 'chromium' ? import('../../report/print-pdf.ts').then((m) => ({ m, browser: m.launchPrinter(printer.path) })) : null;
      chromium?.catch(() => {});
      const workspace = opts.demo ? demoPath() : opts.workspace ? path.resolve(opts.workspace) : null;
      if (workspace === null) throw new FlowmapError('invalid-input', 'name a workspace with --workspace FILE.vsm, or use --demo');
      const core = import('../../http/worker-core.ts').then(({ startWorkerCore }) => startWorkerCore({ workspace, demo: opts.demo === true, warm: false }));
      core.then(
        () => phase?.('workspace open'),
        () => {},
      );
      try {
        const base: ReportQuery = {
          ...window,
          ...(opts.type && opts.type.length > 0 ? { types: opts.type } : {}),
          ...(opts.label !== undefined ? { label: opts.label } : {}),
          ...(opts.convention !== undefined ? { convention: conventionName('convention', opts.convention) } : {}),
        };
        // A map by name needs the core (its id is in the page's address); the latest map does not.
        const query: ReportQuery = opts.map === undefined ? base : { mapId: (await (await core).call('getMap', { name: opts.map }))!.id, ...base };
        if (chromium === null) {
          await (await core).call('reportModel', reportModelInput(query)); // the query checked before the app starts
          phase?.('report model computed');
          const { printWithDesktopApp } = await import('../../report/print-desktop.ts');
          await printWithDesktopApp(printer.path, { workspace: (await core).workspacePath, out: path.resolve(opts.out), query: { ...query, paper } });
        } else {
          const { m, browser } = await chromium;
          const prefetched = m.prefetchReport(core, query);
          prefetched.model.then(
            () => phase?.('report model computed'),
            () => {},
          );
          await m.printReportPdf(core, RENDERER_DIST, { ...query, paper }, path.resolve(opts.out), { browser, prefetched, onPhase: phase });
        }
        print(`wrote ${opts.out}\n`);
      } catch (e) {
        // The browser may be up already: never leave it behind.
        await chromium?.then(({ browser }) => browser.then((b) => b.close())).catch(() => {});
        throw e;
      } finally {
        await core.then(
          (c) => c.close(),
          () => {},
        );
      }
    });
}
