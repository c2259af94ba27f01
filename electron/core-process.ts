// Entry of the core's utility process (bundled to dist-electron/core-process.cjs; started by main.ts with
// utilityProcess.fork). Owns the workspace's SQLite handle and every importer; talks to main over parentPort.
import { createCore } from '../shared/core/create-core.ts';
import { openWorkspace } from '../shared/store/open-workspace.ts';
import { runCoreProcess, type ProcessMessage } from './process-core.ts';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}
const parent = (process as unknown as { parentPort: ParentPort }).parentPort;

runCoreProcess(
  { send: (m) => parent.postMessage(m), onMessage: (l) => parent.on('message', (e) => l(e.data as ProcessMessage)) },
  (workspace, credentials) => createCore({ workspacePath: workspace, db: openWorkspace(workspace, { create: false }), credentials }),
  () => process.exit(0),
);
