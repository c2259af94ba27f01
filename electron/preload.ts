// The sandboxed preload: exposes exactly one object, `window.flowmap` (see bridge-api.ts), and never
// ipcRenderer itself. Bundled by esbuild into one CJS file with only `electron` external, because a
// sandboxed preload can require nothing but a few built-ins.
//
// Drag and drop of a workspace: a sandboxed page cannot see file paths. The preload (isolated world, same
// DOM) listens for drops of a `.vsm` file, reads its path with webUtils.getPathForFile and sends it to the
// main process on DROP_CHANNEL. The page never sees the path, and a page cannot forge one: getPathForFile
// returns '' for a File the page built itself. The main process re-checks the path before opening it.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge, DROP_CHANNEL, EVENT_CHANNEL } from './bridge-api.ts';

const bridge = buildBridge(
  (channel, method, input) => ipcRenderer.invoke(channel, method, input),
  (listener) => {
    const handler = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
);

contextBridge.exposeInMainWorld('flowmap', bridge);

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

window.addEventListener(
  'dragover',
  (e) => {
    // Without this the drop becomes a navigation to file://, which the main process refuses anyway.
    if (hasFiles(e)) e.preventDefault();
  },
  true,
);

window.addEventListener(
  'drop',
  (e) => {
    if (!hasFiles(e)) return;
    const file = Array.from(e.dataTransfer?.files ?? []).find((f) => f.name.toLowerCase().endsWith('.vsm'));
    if (!file) return;
    e.preventDefault();
    const filePath = webUtils.getPathForFile(file);
    if (filePath) ipcRenderer.send(DROP_CHANNEL, filePath);
  },
  true,
);
