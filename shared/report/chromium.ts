// The system Chromium (Debian's /usr/bin/chromium here), driven by playwright-core: never a downloaded build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { FlowmapError } from '../domain/errors.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export function findChromium(): string {
  const fromEnv = process.env.FLOWMAP_CHROMIUM;
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((c) => fs.existsSync(c));
  if (!found) throw new FlowmapError('not-found', `no Chromium found (looked in ${CANDIDATES.join(', ')}); set FLOWMAP_CHROMIUM to its path`);
  return found;
}

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
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
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
