// Headless PDF export: the renderer's own report page, served by the local host, printed by Chromium with a
// numbered footer on every page. (In Electron the same page and footer are printed with webContents.printToPDF.)
import type { Core } from '../core/create-core.ts';
import { FlowmapError } from '../domain/errors.ts';
import { startHost } from '../http/host.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { findChromium, launchChromium } from './chromium.ts';
import { FOOTER_SELECTOR, footerTemplate, HEADER_TEMPLATE, PAPER_SIZES, PRINT_MARGINS_MM } from './page-template.ts';
import { reportHash, type ReportQuery } from './report-route.ts';

export interface PrintOptions {
  /** A Chrome or Chromium executable (`--browser`); default: the one `findChromium` finds. */
  browser?: string;
}

export async function printReportPdf(core: Core, staticDir: string, query: ReportQuery, outFile: string, opts: PrintOptions = {}): Promise<void> {
  // Find the browser before starting anything, so "none found" is the first and only message.
  const executablePath = findChromium(opts.browser);
  const paper = PAPER_SIZES[query.paper ?? 'a4'];
  const host = await startHost({ core, staticDir });
  try {
    const browser = await launchChromium({ executablePath });
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${host.openUrl}${reportHash(query)}`);
      const state = await page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: 60_000 });
      if ((await state.getAttribute('data-report-state')) === 'error') {
        throw new FlowmapError('internal', `the report page failed: ${(await state.textContent()) ?? ''} ${errors.join('; ')}`);
      }
      const footer = (await page.locator(FOOTER_SELECTOR).first().textContent()) ?? '';
      const mm = (x: number) => `${x}mm`;
      // Written by us, exclusively under a random name, then renamed: never through a planted OUT.partial.
      const pdf = await page.pdf({
        width: mm(paper.widthMm),
        height: mm(paper.heightMm),
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: HEADER_TEMPLATE,
        footerTemplate: footerTemplate(footer),
        margin: { top: mm(PRINT_MARGINS_MM.top), bottom: mm(PRINT_MARGINS_MM.bottom), left: mm(PRINT_MARGINS_MM.left), right: mm(PRINT_MARGINS_MM.right) },
      });
      writeFileAtomic(outFile, pdf);
    } finally {
      await browser.close();
    }
  } finally {
    await host.close();
  }
}
