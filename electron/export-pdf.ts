// Export PDF: the renderer's own report route, loaded in a hidden window with the same security settings
// as the main window, printed with webContents.printToPDF once the page says it is ready, with the same
// paper, margins and numbered footer ("3 / 7", workspace, as-of, FILTERED) as `vsm report`.
import type { BrowserWindow } from 'electron';
import { FlowmapError } from '../shared/domain/errors.ts';
import { FOOTER_SELECTOR, footerTemplate, HEADER_TEMPLATE, PAPER_SIZES, PRINT_MARGINS_MM } from '../shared/report/page-template.ts';
import { reportHash, type ReportQuery } from '../shared/report/report-route.ts';
import { writeFileAtomic } from '../shared/store/atomic-file.ts';
import { APP_INDEX_URL } from './security.ts';
import { createSecureWindow } from './window.ts';

const STATE = `document.querySelector('[data-report-state="ready"]') ? 'ready' : document.querySelector('[data-report-state="error"]') ? 'error' : 'loading'`;
const FOOTER = `(document.querySelector(${JSON.stringify(FOOTER_SELECTOR)}) || {}).textContent || ''`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inches = (mm: number) => mm / 25.4;

/** Asks the page for a string; anything else (a page could return anything) is ''. */
async function pageString(win: BrowserWindow, expression: string): Promise<string> {
  const v: unknown = await win.webContents.executeJavaScript(expression, false);
  return typeof v === 'string' ? v : '';
}

export async function exportReportPdf(opts: { preload: string; query: ReportQuery; outFile: string; timeoutMs?: number }): Promise<void> {
  const win = createSecureWindow(opts.preload, { show: false, width: 1400, height: 990 });
  try {
    await win.loadURL(`${APP_INDEX_URL}${reportHash(opts.query)}`);
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    for (;;) {
      const state = await pageString(win, STATE);
      if (state === 'ready') break;
      if (state === 'error')
        throw new FlowmapError(
          'internal',
          `the report page could not build the report: ${await pageString(win, `(document.querySelector('[data-report-state="error"]') || {}).textContent || ''`)}`,
        );
      if (Date.now() > deadline) throw new FlowmapError('internal', 'the report page did not become ready within the time allowed');
      await sleep(50);
    }
    const paper = PAPER_SIZES[opts.query.paper ?? 'a4'];
    const pdf = await win.webContents.printToPDF({
      // The sheet is given landscape already (width > height).
      pageSize: { width: inches(paper.widthMm), height: inches(paper.heightMm) },
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: footerTemplate(await pageString(win, FOOTER)),
      margins: {
        top: inches(PRINT_MARGINS_MM.top),
        bottom: inches(PRINT_MARGINS_MM.bottom),
        left: inches(PRINT_MARGINS_MM.left),
        right: inches(PRINT_MARGINS_MM.right),
      },
    });
    writeFileAtomic(opts.outFile, pdf);
  } finally {
    win.destroy();
  }
}
