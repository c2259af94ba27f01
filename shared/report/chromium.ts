// Launches the browser that prints the report (and drives the E2E suites): the one browser-lookup finds,
// through playwright-core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findChromium } from './browser-lookup.ts';

export { findChromium, findDesktopApp } from './browser-lookup.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A persistent context in a fresh profile folder, removed on close. */
export async function launchChromium(opts: { executablePath?: string } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = opts.executablePath ?? findChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
