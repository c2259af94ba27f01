// The Electron main process: a thin transport over the core. One window, loaded from app://flowmap/ (the
// built renderer, nothing else), one IPC channel into the contract, the menu, and file handling.
// Decisions that need no Electron live in security.ts, call-handler.ts, workspace-files.ts,
// recent-files.ts, credentials.ts and menu.ts, and are unit-tested there.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, utilityProcess, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACT_EVENTS } from '../shared/contract/method-names.ts';
import { toErrorPayload } from '../shared/domain/errors.ts';
import { backupDir, listBackups } from '../shared/store/backups.ts';
import { openWorkspace } from '../shared/store/open-workspace.ts';
import { restoreWorkspace } from '../shared/store/restore-workspace.ts';
import { CALL_CHANNEL, DROP_CHANNEL, EVENT_CHANNEL } from './bridge-api.ts';
import { createCallHandler, isTrustedSender } from './call-handler.ts';
import { createCredentialStore, CREDENTIALS_FILE_NAME, type CredentialStore } from './credentials.ts';
import { parseDesktopPrintArgs, type DesktopPrintJob } from '../shared/report/desktop-print.ts';
import { parseReportHash } from '../shared/report/report-route.ts';
import { exportReportPdf } from './export-pdf.ts';
import { createExternalLinkGate } from './external-links.ts';
import { buildMenuTemplate } from './menu.ts';
import { existingRecent, loadRecent, pushRecent, saveRecent } from './recent-files.ts';
import { APP_INDEX_URL, APP_SCHEME, appResponseHeaders, isAppUrl, isOpenableWorkspacePath, resolveAppFile, workspaceFromArgv } from './security.ts';
import { startProcessCore, type ProcessCore } from './process-core.ts';
import { copyWorkspaceTo, createEmptyWorkspace, ensureDemoWorkspace } from './workspace-files.ts';
import { createSecureWindow } from './window.ts';

// Paths come from __dirname / app.getAppPath() (this file is bundled to CommonJS: no import.meta).
const PRELOAD = path.join(__dirname, 'preload.cjs');
/** The core's own process (electron/core-process.ts): a long call there never freezes the window. */
const CORE_PROCESS = path.join(__dirname, 'core-process.cjs');
const rendererDir = () => path.join(app.getAppPath(), 'dist', 'renderer');
const userData = (name: string) => path.join(app.getPath('userData'), name);
const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';
const VSM_FILTERS = [{ name: 'Flowmap workspace', extensions: ['vsm'] }];

let core: ProcessCore | null = null;
let unsubscribeCore: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;
let demoPath: string | null = null;
let recent: string[] = [];
/** A file the OS asked us to open (macOS `open-file`) before the app was ready. */
let pendingOpen: string | null = null;
let credentials: CredentialStore | null = null;

// Every renderer sandboxed, whatever its web preferences say.
app.enableSandbox();

// Must run before `ready`: app://flowmap is a standard, secure origin (so the CSP's 'self' and fetch work).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** The only way anything leaves the app for the OS browser: https links right after a person's click or key press. */
const externalLinks = createExternalLinkGate({
  open: (url) => void shell.openExternal(url).catch((e: unknown) => console.error(`could not open a link: ${toErrorPayload(e).message}`)),
});
export function openExternal(url: string): void {
  const outcome = externalLinks.request(url);
  if (outcome !== 'opened')
    console.warn(`link not opened (${outcome === 'not-https' ? 'only https links open in the browser' : 'not from a click or key press'})`);
}

/** Tokens for the importers (main process only; never sent to the renderer). */
export function credentialStore(): CredentialStore {
  credentials ??= createCredentialStore(userData(CREDENTIALS_FILE_NAME), safeStorage);
  return credentials;
}

function showError(title: string, e: unknown): void {
  const { message } = toErrorPayload(e);
  if (mainWindow && !mainWindow.isDestroyed()) void dialog.showMessageBox(mainWindow, { type: 'error', title, message: title, detail: message });
  else dialog.showErrorBox(title, message);
}

// ---------------------------------------------------------------- workspace

function updateTitle(): void {
  if (!mainWindow || !core) return;
  const name = core.workspacePath === demoPath ? 'Demo workspace' : path.basename(core.workspacePath);
  mainWindow.setTitle(`${name} — Flowmap`);
  if (isMac) mainWindow.setRepresentedFilename(core.workspacePath);
}

function rememberRecent(file: string): void {
  if (file === demoPath) return;
  recent = pushRecent(recent, file);
  saveRecent(userData('recent.json'), recent);
  app.addRecentDocument(file);
  installMenu();
}

/**
 * Opens `file` and makes it the window's workspace: the new core is opened first, so a file we cannot open
 * leaves the current one in place. The window then reloads (the renderer starts afresh on the new file).
 */
function switchTo(file: string): boolean {
  const resolved = path.resolve(file);
  if (core?.workspacePath === resolved) {
    mainWindow?.focus();
    return true;
  }
  let next: ProcessCore;
  try {
    // Opened here once, briefly, so a file we cannot open (damaged, newer, hostile schema) is refused at once
    // with its recovery path; migrations run here too. Then the core's process takes the file over.
    openWorkspace(resolved, { create: false }).close();
    next = startProcessCore(utilityProcess.fork(CORE_PROCESS, [], { serviceName: 'Flowmap core' }), resolved, credentialStore());
  } catch (e) {
    // A damaged workspace with backups: offer the recovery path right here, not only on the command line.
    if (toErrorPayload(e).code === 'corrupt' && listBackups(resolved).length > 0 && offerRestore(resolved, toErrorPayload(e).message)) {
      void restoreInto(resolved);
      return true;
    }
    showError('Cannot open the workspace', e);
    return false;
  }
  unsubscribeCore?.();
  void core?.close();
  core = next;
  next.ready.catch((e: unknown) => showError('Cannot open the workspace', e));
  // Every contract event reaches the window (import progress drives its progress bar).
  const offs = CONTRACT_EVENTS.map((event) =>
    next.on(event, (payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event, payload);
    }),
  );
  unsubscribeCore = () => offs.forEach((off) => off());
  rememberRecent(resolved);
  updateTitle();
  if (mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isLoading()) mainWindow.webContents.reload();
  return true;
}

/** Asks whether to restore a damaged workspace from its newest backup. */
function offerRestore(file: string, problem: string): boolean {
  const newest = listBackups(file)[0]!;
  const options = {
    type: 'warning' as const,
    buttons: ['Restore newest backup', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    title: 'The workspace is damaged',
    message: `${path.basename(file)} cannot be opened. Restore it from its newest backup (${newest.takenAt})?`,
    detail: `${problem}\n\nThe damaged file is kept beside the backups.`,
  };
  const choice = mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBoxSync(mainWindow, options) : dialog.showMessageBoxSync(options);
  return choice === 0;
}

/** Closes the workspace if it is open, restores it from a backup (default: the newest) and opens it again. */
async function restoreInto(file: string, from?: string): Promise<boolean> {
  if (core?.workspacePath === file) {
    unsubscribeCore?.();
    unsubscribeCore = null;
    const closing = core;
    core = null;
    await closing.close(); // the core's process lets go of the file before the backup replaces it
  }
  try {
    restoreWorkspace(file, from);
  } catch (e) {
    showError('Cannot restore the backup', e);
    if (!core) openDemo();
    return false;
  }
  return switchTo(file);
}

/** File ▸ Restore from Backup…: pick one of the workspace's automatic backups, confirm, restore. */
async function restoreFromBackup(): Promise<void> {
  if (!core || !mainWindow) return;
  const file = core.workspacePath;
  if (listBackups(file).length === 0) {
    await dialog.showMessageBox(mainWindow, {
      type: 'info',
      message: 'This workspace has no backups yet',
      detail: 'Flowmap takes one before every import and every migration.',
    });
    return;
  }
  const pick = await dialog.showOpenDialog(mainWindow, {
    title: 'Restore from backup',
    defaultPath: backupDir(file),
    filters: VSM_FILTERS,
    properties: ['openFile'],
  });
  const from = pick.filePaths[0];
  if (pick.canceled || !from) return;
  const confirm = await dialog.showMessageBox(mainWindow, {
    type: 'warning',
    buttons: ['Restore', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    message: `Replace ${path.basename(file)} with this backup?`,
    detail: `${from}\n\nThe current file is kept beside the backups, so the restore can itself be undone.`,
  });
  if (confirm.response === 0) await restoreInto(file, from);
}

function openDemo(): void {
  try {
    demoPath = ensureDemoWorkspace(app.getPath('userData'));
    switchTo(demoPath);
  } catch (e) {
    showError('Cannot create the demo workspace', e);
  }
}

async function chooseAndOpen(): Promise<void> {
  const r = mainWindow
    ? await dialog.showOpenDialog(mainWindow, { title: 'Open workspace', filters: VSM_FILTERS, properties: ['openFile'] })
    : await dialog.showOpenDialog({ title: 'Open workspace', filters: VSM_FILTERS, properties: ['openFile'] });
  const file = r.filePaths[0];
  if (!r.canceled && file) switchTo(file);
}

async function askSavePath(title: string, defaultName: string, filters = VSM_FILTERS): Promise<string | null> {
  const options = { title, defaultPath: path.join(app.getPath('documents'), defaultName), filters };
  const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

const withVsm = (file: string) => (file.toLowerCase().endsWith('.vsm') ? file : `${file}.vsm`);

async function newWorkspace(): Promise<void> {
  const target = await askSavePath('New workspace', 'Untitled.vsm');
  if (!target) return;
  try {
    switchTo(createEmptyWorkspace(withVsm(target), core?.workspacePath));
  } catch (e) {
    showError('Cannot create the workspace', e);
  }
}

async function saveAs(): Promise<void> {
  if (!core) return;
  const base = core.workspacePath === demoPath ? 'Demo copy.vsm' : path.basename(core.workspacePath);
  const target = await askSavePath('Save workspace as', base);
  if (!target) return;
  try {
    // A second, short-lived handle in main: VACUUM INTO reads a consistent snapshot beside the core's.
    const db = openWorkspace(core.workspacePath, { create: false });
    let copy: string;
    try {
      copy = copyWorkspaceTo(db, core.workspacePath, withVsm(target));
    } finally {
      db.close();
    }
    switchTo(copy);
  } catch (e) {
    showError('Cannot save the workspace', e);
  }
}

async function exportPdf(): Promise<void> {
  if (!core) return;
  const stem = core.workspacePath === demoPath ? 'Demo' : path.basename(core.workspacePath, '.vsm');
  const target = await askSavePath('Export PDF', `${stem} report.pdf`, [{ name: 'PDF', extensions: ['pdf'] }]);
  if (!target) return;
  try {
    // The report the window shows (its map, filters and paper); from the map screen, the most recently
    // edited map as of its default instant.
    const shown = mainWindow && !mainWindow.isDestroyed() ? parseReportHash(new URL(mainWindow.webContents.getURL() || APP_INDEX_URL).hash) : null;
    await exportReportPdf({ preload: PRELOAD, query: shown ?? {}, outFile: target.toLowerCase().endsWith('.pdf') ? target : `${target}.pdf` });
  } catch (e) {
    showError('Cannot export the PDF', e);
  }
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      newWorkspace: () => void newWorkspace(),
      open: () => void chooseAndOpen(),
      openRecent: (file) => void switchTo(file),
      clearRecent: () => {
        recent = [];
        saveRecent(userData('recent.json'), recent);
        app.clearRecentDocuments();
        installMenu();
      },
      saveAs: () => void saveAs(),
      restoreBackup: () => void restoreFromBackup(),
      exportPdf: () => void exportPdf(),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'About Flowmap',
          message: `Flowmap ${app.getVersion()}`,
          detail: `Value-stream maps driven by real delivery data.\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
        }),
    },
    { isMac, isDev, recent: existingRecent(recent) },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// ---------------------------------------------------------------- security

/** Every web contents we create: no webviews, no new windows, no navigation away from the loaded page. */
function guardContents(contents: WebContents): void {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('input-event', (_e, input) => externalLinks.noteInput(input.type));
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e) => {
    e.preventDefault();
    // A plain link to a web page goes to the OS browser; anything else (file:// from a drop, app:// reloads
    // of another page) is refused.
    openExternal(e.url);
  });
  contents.on('will-frame-navigate', (e) => {
    if (!(e.isSameDocument && isAppUrl(e.url))) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
}

function guardSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Nothing in the app talks to the network or reads local files through the page: refuse at the session too.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file:///*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: appResponseHeaders(null) });
    }
    const file = resolveAppFile(rendererDir(), request.url);
    if (file === null) return new Response('not found', { status: 404, headers: appResponseHeaders(null) });
    const body = await fs.promises.readFile(file);
    return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(file) });
  });
}

function installIpc(): void {
  const handleCall = createCallHandler(() => core);
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, input: unknown) =>
    handleCall({ frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null }, method, input),
  );
  ipcMain.on(DROP_CHANNEL, (event, file: unknown) => {
    // Only the main window's own page, and only a real, existing .vsm file.
    if (!mainWindow || event.sender !== mainWindow.webContents) return;
    if (!isTrustedSender({ frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null })) return;
    if (isOpenableWorkspacePath(file)) switchTo(file);
  });
}

// ---------------------------------------------------------------- window

function createWindow(): void {
  mainWindow = createSecureWindow(PRELOAD, { width: 1400, height: 900, minWidth: 800, minHeight: 560, show: false, title: 'Flowmap' });
  mainWindow.on('page-title-updated', (e) => e.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  updateTitle();
  void mainWindow.loadURL(APP_INDEX_URL);
}

function start(): void {
  app.on('second-instance', (_event, argv) => {
    const file = workspaceFromArgv(argv, 1);
    if (file) switchTo(file);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // macOS: double-clicked .vsm files and drops on the Dock icon; may arrive before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (!app.isReady()) {
      pendingOpen = file;
      return;
    }
    switchTo(file);
    if (!mainWindow) createWindow();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('will-quit', () => {
    unsubscribeCore?.();
    void core?.close();
    core = null;
  });

  void app.whenReady().then(() => {
    guardSession();
    installIpc();
    recent = loadRecent(userData('recent.json'));
    installMenu();
    // A file named on the command line (or by the OS), else the demo (`--demo` asks for it explicitly).
    const requested = pendingOpen ?? workspaceFromArgv(process.argv, 1);
    if (!requested || !switchTo(requested)) openDemo();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}

/**
 * `Flowmap --print-report --workspace WS --out FILE --report HASH` (what `vsm report` runs when the app is
 * installed): no window on screen, the workspace opened, the report printed, the app gone. Errors go to
 * stderr in one line with exit code 1. Not single-instance: it may run beside the open app.
 */
function printHeadless(job: DesktopPrintJob): void {
  app.dock?.hide();
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  // The hidden window closes before the workspace does: we quit ourselves.
  app.on('window-all-closed', () => {});
  void app.whenReady().then(async () => {
    try {
      guardSession();
      installIpc();
      const file = path.resolve(job.workspace);
      // As switchTo: refused here at once when it cannot be opened, then served from the core's process.
      openWorkspace(file, { create: false }).close();
      core = startProcessCore(utilityProcess.fork(CORE_PROCESS, [], { serviceName: 'Flowmap core' }), file, credentialStore());
      await core.ready;
      await exportReportPdf({ preload: PRELOAD, query: job.query, outFile: path.resolve(job.out) });
      await core.close();
      core = null;
      app.exit(0);
    } catch (e) {
      process.stderr.write(`${toErrorPayload(e).message.replace(/\s+/g, ' ')}\n`);
      app.exit(1);
    }
  });
}

const printJob = parseDesktopPrintArgs(process.argv);
if (printJob) printHeadless(printJob);
else if (app.requestSingleInstanceLock()) start();
else app.quit();
