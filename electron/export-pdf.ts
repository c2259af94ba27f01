// Export PDF: the renderer's own report route, loaded in a hidden window with the same security settings
// as the main window, printed with webContents.printToPDF once the page says it is ready.
import type { BrowserWindow } from 'electron';
import { FlowmapError } from '../shared/domain/errors.ts';
import { reportHash, type ReportQuery } from '../shared/report/report-route.ts';
import { writeFileAtomic } from '../shared/store/atomic-file.ts';
import { APP_INDEX_URL } from './security.ts';
import { createSecureWindow } from './window.ts';

const READY = `document.querySelector('[data-report-state="ready"]') !== null`;
const FAILED = `document.querySelector('[data-report-state="error"]') !== null`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the page a yes/no question; anything but a literal `true` (a page could return anything) is no. */
async function pageSays(win: BrowserWindow, expression: string): Promise<boolean> {
  return (await win.webContents.executeJavaScript(expression, false)) === true;
}

export async function exportReportPdf(opts: { preload: string; query: ReportQuery; outFile: string; timeoutMs?: number }): Promise<void> {
  const win = createSecureWindow(opts.preload, { show: false, width: 1400, height: 990 });
  try {
    await win.loadURL(`${APP_INDEX_URL}${reportHash(opts.query)}`);
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    for (;;) {
      if (await pageSays(win, READY)) break;
      if (await pageSays(win, FAILED)) throw new FlowmapError('internal', 'the report page could not build the report');
      if (Date.now() > deadline) throw new FlowmapError('internal', 'the report page did not become ready within the time allowed');
      await sleep(200);
    }
    const pdf = await win.webContents.printToPDF({
      landscape: true,
      pageSize: 'A4',
      printBackground: true,
      margins: { top: 0.47, bottom: 0.47, left: 0.39, right: 0.39 },
    });
    writeFileAtomic(opts.outFile, pdf);
  } finally {
    win.destroy();
  }
}
