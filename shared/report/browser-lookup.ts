// Which browser prints the report: a Chrome or Chromium already on the machine (never a downloaded build).
// `--browser PATH` or FLOWMAP_CHROMIUM name one; otherwise the usual install places of each platform and
// then PATH are searched. The installed desktop app is found too (`findDesktopApp`): its Electron prints
// the same page without any other browser. No playwright here: the CLI checks this before loading it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FlowmapError } from '../domain/errors.ts';

type Platform = NodeJS.Platform;

export interface LookupEnv {
  platform: Platform;
  env: Record<string, string | undefined>;
  home: string;
  exists(file: string): boolean;
}

export const HOST_LOOKUP: LookupEnv = {
  platform: process.platform,
  env: process.env,
  home: os.homedir(),
  exists: (f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  },
};

/** Where Chrome, Chromium and Edge (also Chromium) install themselves, per platform. */
export function browserCandidates(l: LookupEnv): string[] {
  if (l.platform === 'darwin') {
    const apps = ['Google Chrome', 'Chromium', 'Google Chrome Canary', 'Microsoft Edge', 'Brave Browser'];
    return apps.flatMap((a) => [`/Applications/${a}.app/Contents/MacOS/${a}`, path.join(l.home, 'Applications', `${a}.app`, 'Contents', 'MacOS', a)]);
  }
  if (l.platform === 'win32') {
    const roots = [l.env.PROGRAMFILES, l.env['PROGRAMFILES(X86)'], l.env.LOCALAPPDATA].filter((r): r is string => !!r);
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return roots.flatMap((r) => rel.map((p) => path.win32.join(r, p)));
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
  const fixed = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome'].flatMap((d) => names.map((n) => path.posix.join(d, n)));
  fixed.push('/opt/google/chrome/chrome');
  const onPath = (l.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((d) => names.map((n) => path.join(d, n)));
  return [...new Set([...fixed, ...onPath])];
}

/** The installed Flowmap desktop app's executable (its own Electron), where the installers put it. */
export function desktopAppCandidates(l: LookupEnv): string[] {
  if (l.platform === 'darwin')
    return ['/Applications/Flowmap.app/Contents/MacOS/Flowmap', path.join(l.home, 'Applications', 'Flowmap.app', 'Contents', 'MacOS', 'Flowmap')];
  if (l.platform === 'win32') {
    return [l.env.LOCALAPPDATA, l.env.PROGRAMFILES].filter((r): r is string => !!r).map((r) => path.win32.join(r, 'Programs', 'Flowmap', 'Flowmap.exe'));
  }
  // deb/rpm install to /opt/Flowmap; an AppImage is wherever the user keeps it, usually ~/Applications.
  return [
    '/opt/Flowmap/flowmap',
    '/usr/lib/flowmap/flowmap',
    path.join(l.home, 'Applications', 'Flowmap.AppImage'),
    path.join(l.home, '.local', 'bin', 'Flowmap.AppImage'),
  ];
}

export function findDesktopApp(l: LookupEnv = HOST_LOOKUP): string | null {
  return desktopAppCandidates(l).find((c) => l.exists(c)) ?? null;
}

/** The Chrome or Chromium to print with: `explicit` (--browser), then FLOWMAP_CHROMIUM, then the usual places. */
export function findChromium(explicit?: string, l: LookupEnv = HOST_LOOKUP): string {
  for (const [what, p] of [
    ['--browser', explicit],
    ['FLOWMAP_CHROMIUM', l.env.FLOWMAP_CHROMIUM],
  ] as const) {
    if (!p) continue;
    if (!l.exists(p)) throw new FlowmapError('not-found', `${what} ${p}: no such file; give the path of a Chrome or Chromium executable`);
    return p;
  }
  const candidates = browserCandidates(l);
  const found = candidates.find((c) => l.exists(c));
  if (found) return found;
  const hint =
    l.platform === 'linux'
      ? 'install one (e.g. `sudo apt-get install chromium`)'
      : l.platform === 'darwin'
        ? 'install Google Chrome or Chromium'
        : 'install Google Chrome, or use Microsoft Edge';
  throw new FlowmapError(
    'not-found',
    `no Chrome or Chromium found to print the PDF with (looked in ${candidates.slice(0, 6).join(', ')}${candidates.length > 6 ? ` and ${candidates.length - 6} more places` : ''}): ${hint}, or name one with --browser PATH (or FLOWMAP_CHROMIUM)`,
  );
}

export type Printer = { kind: 'desktop-app'; path: string } | { kind: 'chromium'; path: string };

/**
 * What prints the report, in this order: a browser named with --browser, then FLOWMAP_CHROMIUM (both are
 * the user's explicit choice), then the installed desktop app (its own Electron: no other browser needed),
 * then a Chrome or Chromium in the usual places; none of them is an error that says what to do.
 */
export function findPrinter(explicit?: string, l: LookupEnv = HOST_LOOKUP): Printer {
  if (explicit || l.env.FLOWMAP_CHROMIUM) return { kind: 'chromium', path: findChromium(explicit, l) };
  const app = findDesktopApp(l);
  if (app) return { kind: 'desktop-app', path: app };
  try {
    return { kind: 'chromium', path: findChromium(undefined, l) };
  } catch (e) {
    if (e instanceof FlowmapError) {
      throw new FlowmapError(
        e.code,
        `${e.message}; or install the Flowmap desktop app, whose own browser prints the report (looked for it in ${desktopAppCandidates(l).join(', ')})`,
      );
    }
    throw e;
  }
}
