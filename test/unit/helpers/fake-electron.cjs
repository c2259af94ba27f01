// A stand-in for the `electron` module, so the real dist-electron/main.cjs can be loaded by plain Node
// (the Electron binary cannot run here). It records what main registers, then drives the protocol handler
// and the IPC handler once the app is "ready", and prints the observations as one JSON line.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const userData = process.env.FAKE_USER_DATA;
const appPath = process.env.FAKE_APP_PATH;
const rec = {
  privileged: null,
  sandboxEnabled: false,
  windows: [],
  protocol: null,
  ipcHandle: {},
  ipcOn: {},
  appEvents: [],
  permission: {},
  blocked: null,
  menu: null,
  recent: [],
};
let readyResolve;
const ready = new Promise((r) => (readyResolve = r));

class WebContents {
  constructor() {
    this.sent = [];
    this.handlers = {};
    this.mainFrame = {};
  }
  send(...args) {
    this.sent.push(args);
  }
  reload() {
    this.reloaded = true;
  }
  isLoading() {
    return false;
  }
  on(ev, fn) {
    this.handlers[ev] = fn;
    return this;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
}
class BrowserWindow {
  constructor(opts) {
    this.opts = opts;
    this.webContents = new WebContents();
    this.events = {};
    rec.windows.push(this);
  }
  static getAllWindows() {
    return rec.windows;
  }
  on(ev, fn) {
    this.events[ev] = fn;
    return this;
  }
  once(ev, fn) {
    this.events[ev] = fn;
    return this;
  }
  setTitle(t) {
    this.title = t;
  }
  setRepresentedFilename() {}
  loadURL(u) {
    this.url = u;
    return Promise.resolve();
  }
  show() {}
  focus() {}
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
}
const electron = {
  app: {
    isPackaged: false,
    enableSandbox() {
      rec.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    on(ev, fn) {
      rec.appEvents.push(ev);
      if (ev === 'web-contents-created') rec.onContents = fn;
      return this;
    },
    whenReady: () => ready,
    isReady: () => true,
    getPath: (n) => (n === 'userData' ? userData : path.join(userData, n)),
    getAppPath: () => appPath,
    addRecentDocument: (f) => rec.recent.push(f),
    clearRecentDocuments() {},
    getVersion: () => '0.0.0',
    quit() {},
  },
  protocol: { registerSchemesAsPrivileged: (s) => (rec.privileged = s) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (rec.permission.request = fn),
      setPermissionCheckHandler: (fn) => (rec.permission.check = fn),
      setDevicePermissionHandler: (fn) => (rec.permission.device = fn),
      webRequest: { onBeforeRequest: (filter, fn) => (rec.blocked = { filter, fn }) },
      protocol: { handle: (scheme, fn) => (rec.protocol = { scheme, fn }) },
    },
  },
  ipcMain: { handle: (ch, fn) => (rec.ipcHandle[ch] = fn), on: (ch, fn) => (rec.ipcOn[ch] = fn) },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (m) => (rec.menu = m) },
  BrowserWindow,
  dialog: {
    showErrorBox: (t, m) => {
      throw new Error(`${t}: ${m}`);
    },
    showMessageBox: async () => ({}),
  },
  shell: {
    openExternal: async (u) => {
      (rec.opened ??= []).push(u);
    },
  },
  safeStorage: { isEncryptionAvailable: () => false },
  // utilityProcess.fork: the real core-process.cjs in a worker thread, with Electron's parentPort shape.
  utilityProcess: {
    fork(modulePath, _args, options) {
      rec.forked = { module: path.basename(modulePath), serviceName: options && options.serviceName };
      const { Worker } = require('node:worker_threads');
      const boot = `const { parentPort } = require('node:worker_threads');
        process.parentPort = { on: (ev, fn) => parentPort.on(ev, (data) => fn({ data })), postMessage: (m) => parentPort.postMessage(m) };
        require(${JSON.stringify(modulePath)});`;
      // execArgv: [] so the worker does not --require this stand-in again (it would drive a second "app").
      const worker = new Worker(boot, { eval: true, execArgv: [] });
      return {
        postMessage: (m) => worker.postMessage(m),
        on(ev, fn) {
          worker.on(ev, fn);
          return this;
        },
        kill: () => {
          void worker.terminate();
          return true;
        },
      };
    },
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

async function drive() {
  const out = {};
  out.sandboxEnabled = rec.sandboxEnabled;
  out.privileged = rec.privileged;
  out.window = { count: rec.windows.length, url: rec.windows[0]?.url, webPreferences: rec.windows[0]?.opts.webPreferences, title: rec.windows[0]?.title };
  out.preloadExists = fs.existsSync(rec.windows[0]?.opts.webPreferences.preload ?? '');
  const serve = async (url, method = 'GET') => {
    const r = await rec.protocol.fn({ url, method });
    return { status: r.status, csp: r.headers.get('content-security-policy'), type: r.headers.get('content-type'), body: (await r.text()).slice(0, 40) };
  };
  out.protocol = {
    scheme: rec.protocol.scheme,
    index: await serve('app://flowmap/'),
    traversal: await serve('app://flowmap/..%2f..%2fpackage.json'),
    otherHost: await serve('app://elsewhere/index.html'),
    post: await serve('app://flowmap/index.html', 'POST'),
  };
  const call = (frameUrl, parent, method, input) => rec.ipcHandle['flowmap:call']({ senderFrame: { url: frameUrl, parent }, sender: {} }, method, input);
  out.ipc = {
    channels: Object.keys(rec.ipcHandle),
    info: await call('app://flowmap/index.html', null, 'workspaceInfo', {}),
    listMaps: await call('app://flowmap/index.html', null, 'listMaps', {}),
    subframe: await call('app://flowmap/index.html', {}, 'listMaps', {}),
    foreign: await call('https://evil.example/', null, 'listMaps', {}),
    unknown: await call('app://flowmap/index.html', null, 'constructor', {}),
    invalid: await call('app://flowmap/index.html', null, 'getMap', { mapId: 'x' }),
  };
  let granted = null;
  rec.permission.request(null, 'media', (g) => (granted = g));
  out.permissions = { request: granted, check: rec.permission.check(null, 'clipboard-read'), device: rec.permission.device({}) };
  let cancel = null;
  rec.blocked.fn({ url: 'https://example.com/' }, (r) => (cancel = r.cancel));
  out.blocked = { urls: rec.blocked.filter.urls, cancel };
  const contents = new WebContents();
  rec.onContents({}, contents);
  const nav = (ev, url, extra = {}) => {
    let prevented = false;
    contents.handlers[ev]({ url, preventDefault: () => (prevented = true), ...extra });
    return prevented;
  };
  out.navigation = {
    willNavigateFile: nav('will-navigate', 'file:///etc/passwd'),
    willNavigateApp: nav('will-navigate', 'app://flowmap/index.html'),
    willRedirect: nav('will-redirect', 'https://example.com/'),
    frameOtherDoc: nav('will-frame-navigate', 'app://flowmap/other.html', { isSameDocument: false }),
    frameSameDoc: nav('will-frame-navigate', 'app://flowmap/index.html#/report', { isSameDocument: true }),
    // Links leave only right after a click or key press (the window's input events), one per gesture, https only.
    windowOpenNoGesture: contents.windowOpenHandler({ url: 'https://example.com/no-gesture' }),
    navigateHover: (contents.handlers['input-event']({}, { type: 'mouseMove' }), nav('will-navigate', 'https://example.com/after-hover')),
    windowOpen: (contents.handlers['input-event']({}, { type: 'mouseUp' }), contents.windowOpenHandler({ url: 'https://example.com/x' })),
    windowOpenSameGesture: contents.windowOpenHandler({ url: 'https://example.com/second' }),
    windowOpenHttp: (contents.handlers['input-event']({}, { type: 'keyDown' }), contents.windowOpenHandler({ url: 'http://example.com/plain' })),
    windowOpenFile: (contents.handlers['input-event']({}, { type: 'mouseUp' }), contents.windowOpenHandler({ url: 'file:///etc/passwd' })),
    webview: nav('will-attach-webview', ''),
  };
  await new Promise((r) => setTimeout(r, 20));
  out.opened = rec.opened ?? [];
  out.menu = (rec.menu ?? []).map((m) => m.label ?? m.role);
  out.forked = rec.forked ?? null;
  out.demoWritten = fs.existsSync(path.join(userData, 'demo.vsm'));
  process.stdout.write(`\nRESULT ${JSON.stringify(out)}\n`);
  process.exit(0);
}

setImmediate(() => {
  readyResolve();
  setTimeout(
    () =>
      drive().catch((e) => {
        console.error(e);
        process.exit(1);
      }),
    50,
  );
});
