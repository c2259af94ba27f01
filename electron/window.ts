// Every Flowmap window (the main window and the hidden PDF window) is made here, with one literal set of
// web preferences, so the static analysis (test/unit/electron-security.test.ts) sees exactly what runs.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export function createSecureWindow(preload: string, options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would open a window; those are denied anyway, this stops the event at the source.
      disableBlinkFeatures: 'Auxclick',
      // Chromium's spellchecker downloads dictionaries from Google; the app makes no network requests.
      spellcheck: false,
      safeDialogs: true,
    },
  });
}
