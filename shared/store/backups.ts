// Consistent copies of a workspace taken before risky changes (migrations, imports), kept on a rotation.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { copyToSiblingTemp } from './atomic-file.ts';

export const BACKUPS_KEPT = 10;

export function backupDir(workspacePath: string): string {
  return `${workspacePath}.backups`;
}

/** `VACUUM INTO` writes a consistent snapshot even while WAL holds uncommitted pages of other readers. */
export function backupWorkspace(db: Database, workspacePath: string, reason: string): string {
  const dir = backupDir(workspacePath);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${reason.replace(/[^a-z0-9-]/gi, '_')}.vsm`);
  db.prepare('VACUUM INTO ?').run(file);
  rotate(dir);
  return file;
}

export function listBackups(workspacePath: string): Array<{ file: string; bytes: number; takenAt: string }> {
  const dir = backupDir(workspacePath);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.vsm'))
    .sort()
    .reverse()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return { file: path.join(dir, f), bytes: st.size, takenAt: st.mtime.toISOString() };
    });
}

function rotate(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.vsm'))
    .sort();
  for (const f of files.slice(0, Math.max(0, files.length - BACKUPS_KEPT))) fs.rmSync(path.join(dir, f));
}

/**
 * Replaces the workspace with a backup. The backup is checked first; the current file (even a damaged one)
 * is kept beside the backups, so a restore can itself be undone. The workspace must not be open.
 */
export function restoreBackup(workspacePath: string, backupFile: string, check: (file: string) => void): { keptCurrentAs: string | null } {
  if (!fs.existsSync(backupFile)) throw new Error(`backup ${backupFile} does not exist`);
  check(backupFile);
  let keptCurrentAs: string | null = null;
  if (fs.existsSync(workspacePath)) {
    const dir = backupDir(workspacePath);
    fs.mkdirSync(dir, { recursive: true });
    keptCurrentAs = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-replaced-by-restore.vsm.old`);
    fs.copyFileSync(workspacePath, keptCurrentAs);
    for (const side of ['-wal', '-shm']) if (fs.existsSync(workspacePath + side)) fs.copyFileSync(workspacePath + side, keptCurrentAs + side);
  }
  const tmp = copyToSiblingTemp(backupFile, workspacePath);
  for (const side of ['-wal', '-shm']) fs.rmSync(workspacePath + side, { force: true });
  fs.renameSync(tmp, workspacePath);
  return { keptCurrentAs };
}

/** Writes a consistent copy of the open workspace to `file` (which must not exist), as SQLite's VACUUM INTO. */
export function vacuumInto(db: Database, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}
