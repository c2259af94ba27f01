// Headless PDF export: the renderer's own report page, served by the local host, printed by Chromium with a
// numbered footer on every page. (In Electron the same page and footer are printed with webContents.printToPDF.)
// Everything that can overlap does: `vsm report` launches the browser (`launchPrinter`) while the core, in
// its worker thread, opens the workspace; the page is opened before the core is ready (the host holds its
// calls until it is), and the core computes the page's answers (`prefetchReport`) while the page loads, so
// the page finds them computed. It is printed the moment it says it is ready.
import type { ContractEvents, EventName, MethodName, ReportModel } from '../contract/contract.ts';
import type { RemoteCore } from '../core/core-channel.ts';
import { FlowmapError } from '../domain/errors.ts';
import { startHost, type HostCore } from '../http/host.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { launchChromium } from './chromium.ts';
import { FOOTER_SELECTOR, footerTemplate, HEADER_TEMPLATE, PAPER_SIZES, PRINT_MARGINS_MM } from './page-template.ts';
import { reportFollowUpInputs, reportHash, reportModelInput, type ReportQuery } from './report-route.ts';

export type LaunchedBrowser = Awaited<ReturnType<typeof launchChromium>>;

/** Starts the Chrome or Chromium at `executablePath`; await it in printReportPdf. */
export function launchPrinter(executablePath: string): Promise<LaunchedBrowser> {
  const launched = launchChromium({ executablePath });
  // Awaited later; an early failure must not be an unhandled rejection meanwhile.
  launched.catch(() => {});
  return launched;
}

/** A call as the page sends it (undefined fields dropped, keys sorted), to recognise it. */
const callKey = (method: MethodName, input: unknown) =>
  `${method} ${JSON.stringify(input ?? {}, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))}`;

/** The core's answers to the page's calls, asked for before the page asks. */
export interface Prefetched {
  /** The report model (rejects with the core's error for a bad query: the command reports that one). */
  model: Promise<ReportModel>;
  /** The JSON answer of each call by callKey; each is handed out once. */
  answers: Map<string, Promise<string>>;
  /** How many answers the page took from here (for --timings). */
  used: number;
  asked: number;
}

/** Asks the core for the report model of `query` and then for the page's follow-up calls, in that order. */
export function prefetchReport(core: Promise<Pick<RemoteCore, 'callJson'>>, query: ReportQuery): Prefetched {
  const p: Prefetched = { model: null as unknown as Promise<ReportModel>, answers: new Map(), used: 0, asked: 0 };
  const ask = (method: MethodName, input: unknown) => {
    const json = core.then((c) => c.callJson(method, input));
    json.catch(() => {});
    p.answers.set(callKey(method, input), json);
    p.asked++;
    return json;
  };
  p.model = ask('reportModel', reportModelInput(query)).then((json) => {
    const model = JSON.parse(json) as ReportModel;
    const next = reportFollowUpInputs(query, model);
    ask('flowSeries', next.flowSeries);
    ask('forecast', next.forecast);
    return model;
  });
  p.model.catch(() => {});
  return p;
}

/**
 * The core as the page's host sees it: calls wait for the core (still opening when the page starts loading),
 * and a call the command asked already is answered with that answer (once).
 */
function hostCore(core: Promise<RemoteCore>, prefetched: Prefetched | undefined): HostCore {
  const take = (method: MethodName, input: unknown): Promise<string> | undefined => {
    if (!prefetched) return undefined;
    const key = callKey(method, input);
    const answer = prefetched.answers.get(key);
    if (answer) {
      prefetched.answers.delete(key);
      prefetched.used++;
    }
    return answer;
  };
  const callJson = (method: MethodName, input: unknown) => take(method, input) ?? core.then((c) => c.callJson(method, input));
  return {
    callJson,
    call: ((method: MethodName, input: unknown) => callJson(method, input).then((json) => JSON.parse(json) as unknown)) as HostCore['call'],
    on: ((event: EventName, listener: (payload: ContractEvents[EventName]) => void) => {
      let off: (() => void) | null = null;
      let live = true;
      void core.then(
        (c) => {
          if (live) off = c.on(event, listener);
        },
        () => {},
      );
      return () => {
        live = false;
        off?.();
      };
    }) as HostCore['on'],
  };
}

export interface PrintOptions {
  /** The core's answers asked for already (prefetchReport), whose model's error is the one reported. */
  prefetched?: Prefetched;
  /** The browser, launched with `launchPrinter` (closed here when done). */
  browser: Promise<LaunchedBrowser>;
  /** Told when each phase ends (for `--timings` and the bench). */
  onPhase?: (phase: string) => void;
}

export async function printReportPdf(core: Promise<RemoteCore>, staticDir: string, query: ReportQuery, outFile: string, opts: PrintOptions): Promise<void> {
  const phase = opts.onPhase ?? (() => {});
  const paper = PAPER_SIZES[query.paper ?? 'a4'];
  const { prefetched } = opts;
  const host = await startHost({ core: hostCore(core, prefetched), staticDir });
  let browser: LaunchedBrowser | null = null;
  try {
    browser = await opts.browser;
    phase('browser ready');
    // The persistent context opens with a blank page: use it.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Waits for the page's own ready signal, not for the load event or the network going idle.
    await page.goto(`${host.openUrl}${reportHash(query)}`, { waitUntil: 'commit' });
    const drawn = page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: 120_000 });
    drawn.catch(() => {});
    // A query the core refuses fails here with the core's own message.
    if (prefetched) await prefetched.model;
    const state = await drawn;
    if ((await state.getAttribute('data-report-state')) === 'error') {
      throw new FlowmapError('internal', `the report page failed: ${(await state.textContent()) ?? ''} ${errors.join('; ')}`);
    }
    if (opts.onPhase) {
      // Inside the page, from its navigation: when its scripts were in, its first call went out, its last
      // answer came in, and now (drawn).
      const t = await page.evaluate(() => {
        // Runs in the page (the DOM's resource timing), typed here by what is read of it.
        type Entry = { name: string; startTime: number; responseEnd: number };
        const r = performance.getEntriesByType('resource') as unknown as Entry[];
        const end = (f: (e: Entry) => boolean, pick: (e: Entry) => number) => Math.round(Math.max(0, ...r.filter(f).map(pick)));
        return {
          scripts: end(
            (e) => e.name.endsWith('.js'),
            (e) => e.responseEnd,
          ),
          firstCall: Math.round(Math.min(...r.filter((e) => e.name.includes('/session')).map((e) => e.startTime))),
          answers: end(
            (e) => e.name.includes('/api/'),
            (e) => e.responseEnd,
          ),
          drawn: Math.round(performance.now()),
        };
      });
      phase(
        `report drawn (${prefetched ? `${prefetched.used} of ${prefetched.asked} answers computed before the page asked; ` : ''}in the page: scripts in ${t.scripts} ms, first call ${t.firstCall} ms, last answer ${t.answers} ms, drawn ${t.drawn} ms)`,
      );
    }
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
