// A fresh page at the size the screenshots use, which records console errors, CSP refusals and uncaught
// exceptions into `problems`, so each suite can assert the app ran clean.
import type { Page } from 'playwright-core';
import type { launchChromium } from '../../../shared/report/chromium.ts';

export async function newWatchedPage(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  problems: string[],
  opts: { refusalsExpected?: boolean } = {},
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  page.on('console', (m) => {
    // Where a suite provokes refusals (bad imports, invalid saves), the host answers 4xx on purpose and
    // Chromium logs those responses; they are not page errors.
    if (opts.refusalsExpected && m.text().startsWith('Failed to load resource: the server responded with a status of 4')) return;
    if (m.type() === 'error' || m.text().includes('Refused to')) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return page;
}
