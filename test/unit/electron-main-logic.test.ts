// The main process's decisions, tested without Electron: which URLs are ours or may leave the app, which
// files app:// serves, who may call the core over IPC, workspace files (demo, New, Save As), recent files,
// credentials and the menu. Real workspaces and a real core throughout.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/static-files.ts';
import { createCallHandler, isTrustedSender } from '../../electron/call-handler.ts';
import { createCredentialStore, type Cipher } from '../../electron/credentials.ts';
import { buildMenuTemplate, type MenuActions } from '../../electron/menu.ts';
import { existingRecent, loadRecent, pushRecent, RECENT_MAX, saveRecent } from '../../electron/recent-files.ts';
import {
  APP_INDEX_URL,
  appResponseHeaders,
  isAppUrl,
  isOpenableWorkspacePath,
  isSafeExternalUrl,
  resolveAppFile,
  resolveAppPath,
  workspaceFromArgv,
} from '../../electron/security.ts';
import { copyWorkspaceTo, createEmptyWorkspace, ensureDemoWorkspace, openWorkspaceCore } from '../../electron/workspace-files.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-electron-');
afterAll(() => tmp.cleanup());

describe('URLs', () => {
  it('isAppUrl accepts only app://flowmap', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://flowmap/assets/x.js?v=1#/report')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://flowmap.evil/index.html',
      'app://user:pw@flowmap/index.html',
      'app://flowmap:8080/index.html',
      'https://flowmap/index.html',
      'file:///index.html',
      'http://127.0.0.1:5173/',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
      undefined,
      null,
      42,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('isSafeExternalUrl lets only http(s) links to a host through', () => {
    expect(isSafeExternalUrl('https://github.com/acme/repo/pull/1')).toBe(true);
    expect(isSafeExternalUrl('http://jira.example.com/browse/PAY-1')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'data:text/html,<script>1</script>',
      'app://flowmap/index.html',
      'vscode://file/etc',
      'https://user:pass@example.com/',
      'https://',
      '//example.com',
      'example.com',
      `https://example.com/${'a'.repeat(5000)}`,
      undefined,
      {},
    ]) {
      expect(isSafeExternalUrl(url), String(url).slice(0, 60)).toBe(false);
    }
  });
});

describe('app:// file resolution', () => {
  const root = tmp.file('renderer');
  const outside = tmp.file('secret.txt');
  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(outside, 'secret');
    fs.symlinkSync(outside, path.join(root, 'assets', 'link.js'));
    fs.mkdirSync(tmp.file('renderer-sibling'));
    fs.writeFileSync(tmp.file('renderer-sibling/x.js'), 'x');
  });

  it('serves files under the renderer folder, / as index.html', () => {
    expect(resolveAppFile(root, 'app://flowmap/')).toBe(fs.realpathSync(path.join(root, 'index.html')));
    expect(resolveAppFile(root, 'app://flowmap/index.html#/report?mapId=1')).toBe(fs.realpathSync(path.join(root, 'index.html')));
    expect(resolveAppFile(root, 'app://flowmap/assets/app.js?x=1')).toBe(fs.realpathSync(path.join(root, 'assets', 'app.js')));
  });

  it('refuses other origins, traversal, encoded separators, NUL bytes, folders, missing files and symlinks out', () => {
    for (const url of [
      'app://other/index.html',
      'https://flowmap/index.html',
      'app://flowmap/../secret.txt',
      'app://flowmap/%2e%2e/secret.txt',
      'app://flowmap/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://flowmap/..%2fsecret.txt',
      'app://flowmap/..%5csecret.txt',
      'app://flowmap/index.html%00.js',
      'app://flowmap/%E0%A4%A',
      'app://flowmap/assets',
      'app://flowmap/missing.js',
      'app://flowmap/assets/link.js',
      'app://flowmap/../renderer-sibling/x.js',
      'app://flowmap/%2e%2e/renderer-sibling/x.js',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('resolveAppPath stays lexically inside the root', () => {
    expect(resolveAppPath(root, 'app://flowmap/a/b/c.js')).toBe(path.join(path.resolve(root), 'a', 'b', 'c.js'));
    // The URL parser folds %2e%2e segments at the root; whatever it leaves must still be inside.
    expect(resolveAppPath(root, 'app://flowmap/a/%2e%2e/%2e%2e/%2e%2e/x')).toBe(path.join(path.resolve(root), 'x'));
    expect(resolveAppPath(root, 'app://flowmap/a/..%2f..%2f..%2fx')).toBeNull();
    expect(resolveAppPath(root, 'app://flowmap/%2F%2Fetc/passwd')).toBe(path.join(path.resolve(root), 'etc', 'passwd'));
  });

  it('sends the strict CSP and hardening headers with the right content type', () => {
    const h = appResponseHeaders(path.join(root, 'assets', 'app.js'));
    expect(h['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['content-type']).toMatch(/^text\/javascript/);
    expect(appResponseHeaders(path.join(root, 'index.html'))['content-type']).toMatch(/^text\/html/);
    expect(appResponseHeaders(path.join(root, 'blob.bin'))['content-type']).toBe('application/octet-stream');
    expect(appResponseHeaders(null)['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('command line and dropped files', () => {
  it('finds the .vsm argument among Electron’s and Chromium’s', () => {
    expect(workspaceFromArgv(['/opt/Flowmap/flowmap', '--no-sandbox', '/home/a/Team.VSM'], 1)).toBe('/home/a/Team.VSM');
    expect(workspaceFromArgv(['electron', '.', '--demo'], 1)).toBeNull();
    expect(workspaceFromArgv(['electron', '.', '--flag=x.vsm', 'rel/w.vsm'], 1)).toBe(path.resolve('rel/w.vsm'));
    expect(workspaceFromArgv(['x.vsm'], 1)).toBeNull();
  });

  it('accepts only existing absolute .vsm files', () => {
    const file = tmp.file('dropped.vsm');
    fs.writeFileSync(file, '');
    expect(isOpenableWorkspacePath(file)).toBe(true);
    expect(isOpenableWorkspacePath(tmp.file('missing.vsm'))).toBe(false);
    expect(isOpenableWorkspacePath('dropped.vsm')).toBe(false);
    expect(isOpenableWorkspacePath(tmp.file('notes.txt'))).toBe(false);
    expect(isOpenableWorkspacePath(tmp.dir)).toBe(false);
    expect(isOpenableWorkspacePath(`${file}\0.vsm`)).toBe(false);
    expect(isOpenableWorkspacePath(42)).toBe(false);
  });
});

describe('the IPC call handler over a real core', () => {
  let core: Core;
  const trusted = { frameUrl: 'app://flowmap/index.html#/', isMainFrame: true };
  beforeAll(() => {
    const file = tmp.file('ipc.vsm');
    core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  });
  afterAll(() => core.close());

  it('trusts only our top frame', () => {
    expect(isTrustedSender(trusted)).toBe(true);
    expect(isTrustedSender({ ...trusted, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true })).toBe(false);
  });

  it('answers contract calls with { ok: true, value }', async () => {
    const handle = createCallHandler(() => core);
    const r = await handle(trusted, 'listMaps', {});
    expect(r.ok).toBe(true);
    expect(r.ok && Array.isArray(r.value) && r.value.length).toBeGreaterThan(0);
    const info = await handle(trusted, 'workspaceInfo', undefined);
    expect(info).toMatchObject({ ok: true, value: { path: core.workspacePath } });
  });

  it('refuses other senders, unknown methods and invalid input with typed errors', async () => {
    const handle = createCallHandler(() => core);
    expect(await handle({ frameUrl: 'https://evil.example/', isMainFrame: true }, 'listMaps', {})).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    for (const method of ['constructor', '__proto__', 'toString', 'db', 'close', 'call', 42]) {
      expect(await handle(trusted, method, {}), String(method)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(await handle(trusted, 'getMap', { mapId: -1 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await handle(trusted, 'listMaps', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await handle(trusted, 'saveMap', { map: { format: 'nope' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await createCallHandler(() => null)(trusted, 'listMaps', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('workspace files', () => {
  it('writes the demo once into userData and reopens it', async () => {
    const userData = tmp.file('userData');
    const file = ensureDemoWorkspace(userData);
    expect(file).toBe(path.join(userData, 'demo.vsm'));
    const mtime = fs.statSync(file).mtimeMs;
    expect(ensureDemoWorkspace(userData)).toBe(file);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(userData).filter((f) => f.includes('partial'))).toEqual([]);
    const core = openWorkspaceCore(file);
    try {
      expect((await core.listMaps({})).length).toBeGreaterThan(0);
    } finally {
      core.close();
    }
  });

  it('Save As copies the open workspace (VACUUM INTO) and replaces an existing target', async () => {
    const src = tmp.file('source.vsm');
    const core = createCore({ workspacePath: src, db: createDemoWorkspace(src) });
    const target = tmp.file('copy.vsm');
    fs.writeFileSync(target, 'an old file the dialog agreed to replace');
    fs.writeFileSync(`${target}-wal`, 'stale');
    try {
      expect(() => copyWorkspaceTo(core.db, src, src)).toThrow(/open now/);
      expect(copyWorkspaceTo(core.db, src, target)).toBe(target);
      expect(fs.existsSync(`${target}-wal`)).toBe(false);
      const copy = openWorkspaceCore(target);
      try {
        expect(await copy.listMaps({})).toEqual(await core.listMaps({}));
        expect((await copy.workspaceInfo({})).items).toBe((await core.workspaceInfo({})).items);
      } finally {
        copy.close();
      }
    } finally {
      core.close();
    }
  });

  it('New creates an empty workspace and never replaces the open one', async () => {
    const target = tmp.file('new.vsm');
    fs.writeFileSync(target, 'junk');
    expect(createEmptyWorkspace(target)).toBe(target);
    const core = openWorkspaceCore(target);
    try {
      expect(await core.listMaps({})).toEqual([]);
      expect(() => createEmptyWorkspace(target, core.workspacePath)).toThrow(/open now/);
    } finally {
      core.close();
    }
  });

  it('opening refuses a missing file and a file that is not a workspace, with typed errors', () => {
    expect(() => openWorkspaceCore(tmp.file('nowhere.vsm'))).toThrow(expect.objectContaining({ code: 'not-found' }));
    const bogus = tmp.file('bogus.vsm');
    fs.writeFileSync(bogus, 'this is not sqlite'.repeat(100));
    expect(() => openWorkspaceCore(bogus)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });
});

describe('recent files', () => {
  it('keeps the newest first, without duplicates, at most RECENT_MAX', () => {
    let list: string[] = [];
    for (let i = 0; i < RECENT_MAX + 3; i++) list = pushRecent(list, `/w/${i}.vsm`);
    list = pushRecent(list, '/w/5.vsm');
    expect(list[0]).toBe(path.resolve('/w/5.vsm'));
    expect(list).toHaveLength(RECENT_MAX);
    expect(new Set(list).size).toBe(list.length);
  });

  it('round-trips through userData and ignores a damaged or hostile file', () => {
    const store = tmp.file('userData2/recent.json');
    const real = tmp.file('recent-real.vsm');
    fs.writeFileSync(real, '');
    saveRecent(store, [real, tmp.file('gone.vsm')]);
    expect(loadRecent(store)).toEqual([real, tmp.file('gone.vsm')]);
    expect(existingRecent(loadRecent(store))).toEqual([real]);
    fs.writeFileSync(store, '{ not json');
    expect(loadRecent(store)).toEqual([]);
    fs.writeFileSync(store, JSON.stringify(['relative.vsm', 3, { a: 1 }, real]));
    expect(loadRecent(store)).toEqual([real]);
  });
});

describe('credentials', () => {
  // A stand-in for safeStorage (the OS keychain is not available in tests): reversible, but never plaintext.
  const cipher = (backend = 'gnome_libsecret', available = true): Cipher => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
  });

  it('stores tokens encrypted in its own file, readable only by the user', () => {
    const file = tmp.file('creds/credentials.json');
    const store = createCredentialStore(file, cipher());
    expect(store.has('github')).toBe(false);
    store.set('github', 'ghp_supersecret123', 'https://api.github.com');
    store.set('jira', 'jira-token-456', 'https://acme.atlassian.net');
    expect(store.site('jira')).toBe('https://acme.atlassian.net');
    expect(store.site('github')).toBe('https://api.github.com');
    expect(store.has('github')).toBe(true);
    expect(store.get('github')).toBe('ghp_supersecret123');
    expect(store.get('jira')).toBe('jira-token-456');
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).not.toContain('supersecret');
    expect(raw).not.toContain('jira-token');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
    store.remove('github');
    expect(store.has('github')).toBe(false);
    expect(store.get('github')).toBeNull();
    expect(createCredentialStore(file, cipher()).get('jira')).toBe('jira-token-456');
  });

  it('refuses to store without real OS encryption, and rejects unknown services', () => {
    const file = tmp.file('creds2/credentials.json');
    expect(() => createCredentialStore(file, cipher('basic_text')).set('jira', 'x', 'https://acme.atlassian.net')).toThrow(/secure storage/);
    expect(() => createCredentialStore(file, cipher('gnome_libsecret', false)).set('jira', 'x', 'https://acme.atlassian.net')).toThrow(/secure storage/);
    expect(fs.existsSync(file)).toBe(false);
    const store = createCredentialStore(file, cipher());
    expect(() => store.set('slack' as never, 'x', 'https://acme.atlassian.net')).toThrow(/unknown credential service/);
    expect(() => store.set('jira', '', 'https://acme.atlassian.net')).toThrow(/non-empty/);
  });

  it('errors never carry the secret', () => {
    const file = tmp.file('creds3/credentials.json');
    createCredentialStore(file, cipher()).set('jira', 'token-never-shown', 'https://acme.atlassian.net');
    const broken: Cipher = {
      ...cipher(),
      decryptString: () => {
        throw new Error('bad key for token-never-shown');
      },
    };
    expect(() => createCredentialStore(file, broken).get('jira')).toThrow(
      expect.objectContaining({ code: 'unauthorized', message: expect.not.stringContaining('token-never-shown') }),
    );
  });

  it('keeps the site with the token; a token stored before sites existed has none (and is sent nowhere)', () => {
    const file = tmp.file('creds4/credentials.json');
    const store = createCredentialStore(file, cipher());
    expect(() => store.set('jira', 'jira-token-789', '')).toThrow(/site it belongs to/);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ jira: cipher().encryptString('old-token').toString('base64') }));
    expect(store.get('jira')).toBe('old-token');
    expect(store.site('jira')).toBeNull();
  });
});

describe('menu', () => {
  const actions: MenuActions = {
    newWorkspace: () => {},
    open: () => {},
    openRecent: () => {},
    clearRecent: () => {},
    saveAs: () => {},
    restoreBackup: () => {},
    exportPdf: () => {},
    about: () => {},
  };
  type Item = { label?: string; role?: string; submenu?: Item[]; type?: string; enabled?: boolean };
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

  it('has File, Edit, View and Help, with the file commands', () => {
    const t = buildMenuTemplate(actions, { isMac: false, isDev: false, recent: ['/w/a.vsm'] }) as Item[];
    expect(t.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
    const labels = flat(t)
      .map((i) => i.label)
      .filter(Boolean);
    for (const l of ['New Workspace…', 'Open…', 'Open Recent', 'a.vsm', 'Save As…', 'Restore from Backup…', 'Export PDF…', 'About Flowmap'])
      expect(labels).toContain(l);
    const roles = flat(t)
      .map((i) => i.role)
      .filter(Boolean);
    for (const r of ['undo', 'redo', 'cut', 'copy', 'paste', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']) expect(roles).toContain(r);
  });

  it('offers Reload and developer tools only in development', () => {
    const roles = (isDev: boolean) => flat(buildMenuTemplate(actions, { isMac: false, isDev, recent: [] }) as Item[]).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
