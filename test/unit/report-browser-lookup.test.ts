// Which browser prints the PDF: --browser, then FLOWMAP_CHROMIUM, then each platform's install places and
// PATH; the installed desktop app where its installers put it; and a message that says what to do when
// there is none. Checked against fake file systems for each platform.
import { describe, expect, it } from 'vitest';
import { browserCandidates, desktopAppCandidates, findChromium, findDesktopApp, findPrinter, type LookupEnv } from '../../shared/report/browser-lookup.ts';
import { desktopPrintArgs, parseDesktopPrintArgs } from '../../shared/report/desktop-print.ts';

const env = (platform: NodeJS.Platform, files: string[], vars: Record<string, string> = {}): LookupEnv => ({
  platform,
  env: vars,
  home: platform === 'win32' ? 'C:\\Users\\ana' : platform === 'darwin' ? '/Users/ana' : '/home/ana',
  exists: (f) => files.includes(f),
});

describe('browser lookup', () => {
  it('takes --browser first, then FLOWMAP_CHROMIUM, and refuses a path that is not there', () => {
    const l = env('linux', ['/usr/bin/chromium', '/opt/chrome', '/x/chrome'], { FLOWMAP_CHROMIUM: '/x/chrome' });
    expect(findChromium('/opt/chrome', l)).toBe('/opt/chrome');
    expect(findChromium(undefined, l)).toBe('/x/chrome');
    expect(() => findChromium('/nope', l)).toThrow(/--browser \/nope: no such file/);
    expect(() => findChromium(undefined, env('linux', [], { FLOWMAP_CHROMIUM: '/gone' }))).toThrow(/FLOWMAP_CHROMIUM \/gone: no such file/);
  });

  it('finds Chromium or Chrome where each platform installs it, and on PATH', () => {
    expect(findChromium(undefined, env('linux', ['/usr/bin/google-chrome-stable']))).toBe('/usr/bin/google-chrome-stable');
    expect(findChromium(undefined, env('linux', ['/home/ana/bin/chromium'], { PATH: '/home/ana/bin:/usr/bin' }))).toBe('/home/ana/bin/chromium');
    expect(findChromium(undefined, env('darwin', ['/Applications/Chromium.app/Contents/MacOS/Chromium']))).toBe(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findChromium(undefined, env('win32', [edge], { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }))).toBe(edge);
    // The first candidate wins when several are installed.
    const c = browserCandidates(env('linux', []));
    expect(c[0]).toBe('/usr/bin/chromium');
  });

  it('says clearly when there is none: where it looked, what to install, and --browser', () => {
    expect(() => findChromium(undefined, env('linux', []))).toThrow(
      /no Chrome or Chromium found to print the PDF with \(looked in \/usr\/bin\/chromium.*apt-get install chromium.*--browser PATH/,
    );
    expect(() => findChromium(undefined, env('darwin', []))).toThrow(/install Google Chrome or Chromium, or name one with --browser PATH/);
  });

  it('finds the installed desktop app on each platform, or null', () => {
    expect(findDesktopApp(env('linux', ['/opt/Flowmap/flowmap']))).toBe('/opt/Flowmap/flowmap');
    expect(findDesktopApp(env('darwin', ['/Users/ana/Applications/Flowmap.app/Contents/MacOS/Flowmap']))).toBe(
      '/Users/ana/Applications/Flowmap.app/Contents/MacOS/Flowmap',
    );
    const win = env('win32', ['C:\\Users\\ana\\AppData\\Local\\Programs\\Flowmap\\Flowmap.exe'], { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' });
    expect(findDesktopApp(win)).toBe('C:\\Users\\ana\\AppData\\Local\\Programs\\Flowmap\\Flowmap.exe');
    expect(findDesktopApp(env('linux', []))).toBeNull();
    expect(desktopAppCandidates(env('linux', [])).length).toBeGreaterThan(1);
  });
});

describe('what prints the report (findPrinter)', () => {
  const app = '/opt/Flowmap/flowmap';
  it('prefers --browser, then FLOWMAP_CHROMIUM, over the installed desktop app', () => {
    const l = env('linux', [app, '/usr/bin/chromium', '/x/chrome'], { FLOWMAP_CHROMIUM: '/x/chrome' });
    expect(findPrinter('/usr/bin/chromium', l)).toEqual({ kind: 'chromium', path: '/usr/bin/chromium' });
    expect(findPrinter(undefined, l)).toEqual({ kind: 'chromium', path: '/x/chrome' });
    expect(() => findPrinter('/nope', l)).toThrow(/--browser \/nope: no such file/);
  });

  it('uses the installed desktop app before any system browser', () => {
    expect(findPrinter(undefined, env('linux', [app, '/usr/bin/chromium']))).toEqual({ kind: 'desktop-app', path: app });
    const mac = '/Applications/Flowmap.app/Contents/MacOS/Flowmap';
    expect(findPrinter(undefined, env('darwin', [mac, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']))).toEqual({
      kind: 'desktop-app',
      path: mac,
    });
  });

  it('falls back to a system Chrome or Chromium without the app', () => {
    expect(findPrinter(undefined, env('linux', ['/usr/bin/chromium']))).toEqual({ kind: 'chromium', path: '/usr/bin/chromium' });
  });

  it('says clearly when there is neither: where it looked for both, and --browser', () => {
    expect(() => findPrinter(undefined, env('linux', []))).toThrow(
      /no Chrome or Chromium found .*--browser PATH .*or install the Flowmap desktop app, whose own browser prints the report \(looked for it in \/opt\/Flowmap\/flowmap/,
    );
  });
});

describe('the desktop app print job', () => {
  it('round-trips through the argv the CLI passes and the app reads', () => {
    const job = { workspace: '/w/a b.vsm', out: '/tmp/r.pdf', query: { mapId: 3, types: ['Bug', 'a,b'], label: '<x>', paper: 'letter' as const } };
    const argv = ['/opt/Flowmap/flowmap', ...desktopPrintArgs(job)];
    expect(parseDesktopPrintArgs(argv)).toEqual({ ...job, query: { ...job.query, asOf: undefined, from: undefined, to: undefined } });
    expect(parseDesktopPrintArgs(['/opt/Flowmap/flowmap', 'x.vsm'])).toBeNull();
    expect(parseDesktopPrintArgs(['/opt/Flowmap/flowmap', '--print-report', '--workspace', '/w.vsm'])).toBeNull();
  });
});
