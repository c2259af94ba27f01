// Headless PDF export: the renderer's own report page, served by the local host, printed by Chromium with a
// numbered footer on every page. (In Electron the same page and footer are printed with webContents.printToPDF.)
// The browser may be launched before the core has opened the workspace (`launchPrinter`), so its start-up
// overlaps the core's work; the page is printed the moment it says it is ready.
import type { MethodName, ReportModel } from '../contract/contract.ts';
import type { Core } from '../core/create-core.ts';
import { FlowmapError } from '../domain/errors.ts';
import { startHost } from '../http/host.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { launchChromium } from './chromium.ts';
import { FOOTER_SELECTOR, footerTemplate, HEADER_TEMPLATE, PAPER_SIZES, PRINT_MARGINS_MM } from './page-template.ts';
import { reportHash, type ReportQuery } from './report-route.ts';

export type LaunchedBrowser = Awaited<ReturnType<typeof launchChromium>>;

/** Starts the Chrome or Chromium at `executablePath`; await it in printReportPdf. */
export function launchPrinter(executablePath: string): Promise<LaunchedBrowser> {
  const launched = launchChromium({ executablePath });
  // Awaited later; an early failure must not be an unhandled rejection meanwhile.
  launched.catch(() => {});
  return launched;
}

/** The query as the page sends it (undefined fields dropped, keys sorted), to recognise its reportModel call. */
const canonical = (q: unknown) => JSON.stringify(q, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/**
 * The core as the page's host sees it: the page's first reportModel call for `query` is answered with the
 * model the command computed already (to validate the query), so the core does not compute it twice.
 */
function withModel(core: Core, query: ReportQuery, model: ReportModel | undefined): Core {
  if (!model) return core;
  const { paper: _paper, ...input } = query;
  const key = canonical(input);
  let served = false;
  const call = ((method: MethodName, arg: unknown) => {
    if (!served && method === 'reportModel' && canonical(arg) === key) {
      served = true;
      return Promise.resolve(model);
    }
    return core.call(method, arg);
  }) as Core['call'];
  return Object.assign(Object.create(core) as Core, { call });
}

export interface PrintOptions {
  /** The report model of `query`, when the caller has computed it already. */
  model?: ReportModel;
  /** The browser, launched with `launchPrinter` (closed here when done). */
  browser: Promise<LaunchedBrowser>;
  /** Told when each phase ends (for `--timings` and the bench). */
  onPhase?: (phase: string) => void;
}

export async function printReportPdf(core: Core, staticDir: string, query: ReportQuery, outFile: string, opts: PrintOptions): Promise<void> {
  const phase = opts.onPhase ?? (() => {});
  const paper = PAPER_SIZES[query.paper ?? 'a4'];
  const host = await startHost({ core: withModel(core, query, opts.model), staticDir });
  let browser: LaunchedBrowser | null = null;
  try {
    browser = await opts.browser;
    phase('browser ready');
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${host.openUrl}${reportHash(query)}`);
    phase('page loaded');
    const state = await page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: 60_000 });
    if ((await state.getAttribute('data-report-state')) === 'error') {
      throw new FlowmapError('internal', `the report page failed: ${(await state.textContent()) ?? ''} ${errors.join('; ')}`);
    }
    phase('report drawn');
    const footer = (await page.locator(FOOTER_SELECTOR).first().textContent()) ?? '';
    const mm = (x: number) => `${x}mm`;
    const pdf = await page.pdf({
      width: mm(paper.widthMm),
      height: mm(paper.heightMm),
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: footerTemplate(footer),
      margin: { top: mm(PRINT_MARGINS_MM.top), bottom: mm(PRINT_MARGINS_MM.bottom), left: mm(PRINT_MARGINS_MM.left), right: mm(PRINT_MARGINS_MM.right) },
    });
    phase('pdf printed');
    // Written by us, exclusively under a random name, then renamed: never through a planted OUT.partial.
    writeFileAtomic(outFile, pdf);
    phase('pdf written');
  } finally {
    await Promise.all([(browser ?? (await opts.browser.catch(() => null)))?.close(), host.close()]);
  }
}
