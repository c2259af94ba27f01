// Headless PDF export: the renderer's own report page, served by the local host, printed by Chromium.
// (In Electron the same page is printed with webContents.printToPDF.)
import fs from 'node:fs';
import type { Core } from '../core/create-core.ts';
import { FlowmapError } from '../domain/errors.ts';
import { startHost } from '../http/host.ts';
import { launchChromium } from './chromium.ts';
import { reportHash, type ReportQuery } from './report-route.ts';

export async function printReportPdf(core: Core, staticDir: string, query: ReportQuery, outFile: string): Promise<void> {
  const host = await startHost({ core, staticDir });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${host.openUrl}${reportHash(query)}`);
    const state = await page.waitForSelector('[data-report-state="ready"], [data-report-state="error"]', { timeout: 60_000 });
    if ((await state.getAttribute('data-report-state')) === 'error') {
      throw new FlowmapError('internal', `the report page failed: ${(await state.textContent()) ?? ''} ${errors.join('; ')}`);
    }
    const tmp = `${outFile}.partial`;
    await page.pdf({ path: tmp, format: 'A4', landscape: true, printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    fs.renameSync(tmp, outFile);
  } finally {
    await browser.close();
    await host.close();
  }
}
