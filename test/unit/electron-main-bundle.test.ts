// The bundled main process (dist-electron/main.cjs as esbuild makes it), loaded by plain Node with a
// stand-in `electron` module (helpers/fake-electron.cjs): proves the bundle loads without import.meta,
// opens the demo through the real core, and wires the window, protocol, IPC, permissions and navigation
// guards as intended. Electron itself cannot run on this machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/static-files.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = tempDir('flowmap-main-bundle-');
let r: any;

beforeAll(() => {
  const out = tmp.file('dist-electron');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-electron.mjs'), `--outdir=${out}`], { cwd: ROOT, stdio: 'pipe' });
  const appPath = tmp.file('app');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Flowmap</title>');
  const stdout = execFileSync(process.execPath, ['--require', path.join(ROOT, 'test/unit/helpers/fake-electron.cjs'), path.join(out, 'main.cjs'), '--demo'], {
    cwd: ROOT,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), FAKE_USER_DATA: tmp.file('userData'), FAKE_APP_PATH: appPath },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result from the main bundle:\n${stdout}`);
  r = JSON.parse(line.slice('RESULT '.length));
}, 90_000);
afterAll(() => tmp.cleanup());

describe('dist-electron/main.cjs under a stand-in electron', () => {
  it('sandboxes every renderer and registers app:// as a standard, secure scheme', () => {
    expect(r.sandboxEnabled).toBe(true);
    expect(r.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens the demo in userData and loads one locked-down window from app://flowmap', () => {
    expect(r.demoWritten).toBe(true);
    expect(r.window.count).toBe(1);
    expect(r.window.url).toBe('app://flowmap/index.html');
    expect(r.window.title).toBe('Demo workspace — Flowmap');
    expect(r.window.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(r.preloadExists).toBe(true);
    expect(r.menu).toEqual(['File', 'Edit', 'View', 'help']);
  });

  it('serves the renderer with the strict CSP and nothing else', () => {
    expect(r.protocol.scheme).toBe('app');
    expect(r.protocol.index).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>Flowmap</title>' });
    expect(r.protocol.index.type).toMatch(/^text\/html/);
    for (const k of ['traversal', 'otherHost']) expect(r.protocol[k]).toMatchObject({ status: 404, csp: CONTENT_SECURITY_POLICY });
    expect(r.protocol.post.status).toBe(405);
  });

  it('runs the core in its own utility process, not in main', () => {
    expect(r.forked).toEqual({ module: 'core-process.cjs', serviceName: 'Flowmap core' });
  });

  it('answers the contract over flowmap:call from our top frame only', () => {
    expect(r.ipc.channels).toEqual(['flowmap:call']);
    expect(r.ipc.info).toMatchObject({ ok: true, value: { path: tmp.file('userData/demo.vsm') } });
    expect(r.ipc.listMaps, JSON.stringify(r.ipc.listMaps)).toMatchObject({ ok: true });
    expect(r.ipc.listMaps.value.length).toBeGreaterThan(0);
    expect(r.ipc.subframe).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(r.ipc.foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(r.ipc.unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(r.ipc.invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('denies every permission and blocks network and file requests at the session', () => {
    expect(r.permissions).toEqual({ request: false, check: false, device: false });
    expect(r.blocked.cancel).toBe(true);
    expect(r.blocked.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file:///*']));
  });

  it('refuses navigation, redirects, new windows and webviews; only https after a gesture goes to the OS browser', () => {
    expect(r.navigation).toMatchObject({
      willNavigateFile: true,
      willNavigateApp: true,
      willRedirect: true,
      frameOtherDoc: true,
      frameSameDoc: false,
      windowOpen: { action: 'deny' },
      windowOpenNoGesture: { action: 'deny' },
      windowOpenSameGesture: { action: 'deny' },
      windowOpenHttp: { action: 'deny' },
      navigateHover: true,
      windowOpenFile: { action: 'deny' },
      webview: true,
    });
    // Only the https link right after a click: not before one, not a second on the same click, not http, not after a hover.
    expect(r.opened).toEqual(['https://example.com/x']);
  });
});
