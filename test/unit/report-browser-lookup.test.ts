// Which browser prints the PDF: --browser, then FLOWMAP_CHROMIUM, then each platform's install places and
// PATH; the installed desktop app where its installers put it; and a message that says what to do when
// there is none. Checked against fake file systems for each platform.
import { describe, expect, it } from 'vitest';
import { browserCandidates, desktopAppCandidates, findChromium, findDesktopApp, type LookupEnv } from '../../shared/report/browser-lookup.ts';

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
    expect(findChromium(undefined, env('darwin', ['/Applications/Chromium.app/Contents/MacOS/Chromium']))).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium');
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findChromium(undefined, env('win32', [edge], { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }))).toBe(edge);
    // The first candidate wins when several are installed.
    const c = browserCandidates(env('linux', []));
    expect(c[0]).toBe('/usr/bin/chromium');
  });

  it('says clearly when there is none: where it looked, what to install, and --browser', () => {
    expect(() => findChromium(undefined, env('linux', []))).toThrow(/no Chrome or Chromium found to print the PDF with \(looked in \/usr\/bin\/chromium.*apt-get install chromium.*--browser PATH/);
    expect(() => findChromium(undefined, env('darwin', []))).toThrow(/install Google Chrome or Chromium, or name one with --browser PATH/);
  });

  it('finds the installed desktop app on each platform, or null', () => {
    expect(findDesktopApp(env('linux', ['/opt/Flowmap/flowmap']))).toBe('/opt/Flowmap/flowmap');
    expect(findDesktopApp(env('darwin', ['/Users/ana/Applications/Flowmap.app/Contents/MacOS/Flowmap']))).toBe('/Users/ana/Applications/Flowmap.app/Contents/MacOS/Flowmap');
    const win = env('win32', ['C:\\Users\\ana\\AppData\\Local\\Programs\\Flowmap\\Flowmap.exe'], { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' });
    expect(findDesktopApp(win)).toBe('C:\\Users\\ana\\AppData\\Local\\Programs\\Flowmap\\Flowmap.exe');
    expect(findDesktopApp(env('linux', []))).toBeNull();
    expect(desktopAppCandidates(env('linux', [])).length).toBeGreaterThan(1);
  });
});
