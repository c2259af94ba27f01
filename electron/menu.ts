// The application menu as a template. Type-only `electron` import: main.ts turns it into a Menu.
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';

export interface MenuActions {
  newWorkspace(): void;
  open(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  saveAs(): void;
  /** Replace the workspace with one of its automatic backups. */
  restoreBackup(): void;
  exportPdf(): void;
  about(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Development builds only: Reload and the developer tools. */
  isDev: boolean;
  recent: readonly string[];
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isDev, recent } = options;
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent workspaces', enabled: false }]
      : recent.map((file) => ({ label: path.basename(file), sublabel: file, toolTip: file, click: () => actions.openRecent(file) }));

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      {
        label: 'Open Recent',
        submenu: [...recentItems, { type: 'separator' }, { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() }],
      },
      { type: 'separator' },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveAs() },
      { label: 'Restore from Backup…', click: () => actions.restoreBackup() },
      { label: 'Export PDF…', accelerator: 'CmdOrCtrl+P', click: () => actions.exportPdf() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isDev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: 'About Flowmap', click: () => actions.about() }] };
  return [...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, edit, view, help];
}
