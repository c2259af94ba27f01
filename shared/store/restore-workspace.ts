// Restoring a workspace from one of its backups: the backup is checked (integrity, schema) before it
// replaces anything, and the restored file is opened once so migrations run. Used by the CLI and the app.
import Database from 'better-sqlite3';
import { FlowmapError } from '../domain/errors.ts';
import { listBackups, restoreBackup } from './backups.ts';
import { SCHEMA_VERSION } from './migrations/index.ts';
import { integrityProblems, openWorkspace } from './open-workspace.ts';
import { checkSchema } from './schema-check.ts';

/** A backup is only restored when SQLite itself finds it sound and this Flowmap can read its schema. */
export function checkBackupFile(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new FlowmapError('corrupt', `backup ${file} fails its integrity check: ${integrityProblems([String(result)])}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new FlowmapError('newer-schema', `backup ${file} has schema ${version}, newer than this Flowmap (${SCHEMA_VERSION})`);
    checkSchema(db, file, version, 'choose another backup');
  } catch (e) {
    if (e instanceof FlowmapError) throw e;
    throw new FlowmapError('corrupt', `backup ${file} is not a readable workspace: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Restores a closed workspace from `backupFile` (default: the newest backup), checked first, then opens it
 * once so migrations bring an older backup up to date. What the CLI and the desktop app both call.
 */
export function restoreWorkspace(workspacePath: string, backupFile?: string): { from: string; keptCurrentAs: string | null } {
  const from = backupFile ?? listBackups(workspacePath)[0]?.file;
  if (!from) throw new FlowmapError('not-found', `no backups of ${workspacePath} to restore`);
  const { keptCurrentAs } = restoreBackup(workspacePath, from, checkBackupFile);
  openWorkspace(workspacePath, { create: false }).close();
  return { from, keptCurrentAs };
}
