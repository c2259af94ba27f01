// Workspace files as the desktop shell handles them: the demo in userData, New, Save As, opening a file the
// user chose. Node only (better-sqlite3 through shared/store); no `electron` import, so it is unit-tested.
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core, type CredentialSource } from '../shared/core/create-core.ts';
import { createDemoWorkspace } from '../shared/demo/create-demo-workspace.ts';
import { FlowmapError } from '../shared/domain/errors.ts';
import { siblingTempPath } from '../shared/store/atomic-file.ts';
import { openWorkspace, type Db } from '../shared/store/open-workspace.ts';
import { vacuumInto } from '../shared/store/backups.ts';

export const DEMO_FILE_NAME = 'demo.vsm';

/** The path for a fresh sibling file we write before renaming it into place (random: nothing planted there). */
const partialPath = (target: string) => siblingTempPath(target);

/** SQLite's side files: stale ones next to a file we replace must go, or they would be replayed into it. */
function removeSideFiles(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function replaceWith(tmp: string, target: string): void {
  removeSideFiles(target);
  fs.renameSync(tmp, target);
}

/** Opens an existing workspace (never creates one) and wraps it in a core. */
export function openWorkspaceCore(file: string, credentials?: CredentialSource): Core {
  const resolved = path.resolve(file);
  return createCore({ workspacePath: resolved, db: openWorkspace(resolved, { create: false }), ...(credentials ? { credentials } : {}) });
}

/** userData/demo.vsm, written once (to a partial file, then renamed, so a crash never leaves half a demo). */
export function ensureDemoWorkspace(userDataDir: string): string {
  fs.mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, DEMO_FILE_NAME);
  if (fs.existsSync(file)) return file;
  const tmp = partialPath(file);
  fs.rmSync(tmp, { force: true });
  const db: Db = createDemoWorkspace(tmp);
  db.close();
  replaceWith(tmp, file);
  return file;
}

/** A new, empty workspace at `target` (replacing the file there, which the save dialog confirmed). */
export function createEmptyWorkspace(target: string, currentPath?: string): string {
  const file = path.resolve(target);
  if (currentPath !== undefined && path.resolve(currentPath) === file) {
    throw new FlowmapError('invalid-input', `${file} is the workspace that is open now; choose another file`);
  }
  const tmp = partialPath(file);
  fs.rmSync(tmp, { force: true });
  openWorkspace(tmp).close();
  replaceWith(tmp, file);
  return file;
}

/**
 * Save As: a consistent copy of the open workspace at `target` (VACUUM INTO a partial file, then rename),
 * replacing what is there. The open workspace is untouched; the caller switches to the copy.
 */
export function copyWorkspaceTo(db: Db, currentPath: string, target: string): string {
  const file = path.resolve(target);
  if (path.resolve(currentPath) === file) {
    throw new FlowmapError('invalid-input', `${file} is the workspace that is open now; it is already saved`);
  }
  const tmp = partialPath(file);
  fs.rmSync(tmp, { force: true });
  try {
    vacuumInto(db, tmp);
    replaceWith(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return file;
}
