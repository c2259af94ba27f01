// `vsm backup list|create|restore --workspace WS`: the automatic backups, by hand.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { backupWorkspace, listBackups, restoreBackup } from '../../store/backups.ts';
import { SCHEMA_VERSION } from '../../store/migrations/index.ts';
import { openWorkspace } from '../../store/open-workspace.ts';

/** A backup is only restored when SQLite itself finds it sound and this Flowmap can read its schema. */
function checkBackup(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new FlowmapError('corrupt', `backup ${file} fails its integrity check: ${String(result)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new FlowmapError('newer-schema', `backup ${file} has schema ${version}, newer than this Flowmap (${SCHEMA_VERSION})`);
  } catch (e) {
    if (e instanceof FlowmapError) throw e;
    throw new FlowmapError('corrupt', `backup ${file} is not a readable workspace: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

export function registerBackupCommand(program: Command): void {
  const backup = program.command('backup').description('list, take or restore automatic workspace backups');
  backup
    .command('list')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .action((opts: { workspace: string }) => {
      const rows = listBackups(path.resolve(opts.workspace));
      if (rows.length === 0) process.stdout.write(`no backups of ${opts.workspace}\n`);
      for (const r of rows) process.stdout.write(`${r.takenAt}  ${String(r.bytes).padStart(10)} B  ${r.file}\n`);
    });
  backup
    .command('create')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .action((opts: { workspace: string }) => {
      const file = path.resolve(opts.workspace);
      const db = openWorkspace(file, { create: false });
      try {
        process.stdout.write(`wrote ${backupWorkspace(db, file, 'manual')}\n`);
      } finally {
        db.close();
      }
    });
  backup
    .command('restore')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .option('--from <backup>', 'backup file (default: the newest)')
    .action((opts: { workspace: string; from?: string }) => {
      const file = path.resolve(opts.workspace);
      const from = opts.from ? path.resolve(opts.from) : listBackups(file)[0]?.file;
      if (!from) throw new FlowmapError('not-found', `no backups of ${file} to restore`);
      const { keptCurrentAs } = restoreBackup(file, from, checkBackup);
      openWorkspace(file, { create: false }).close();
      process.stdout.write(`restored ${file} from ${from}${keptCurrentAs ? ` (the replaced file is kept as ${keptCurrentAs})` : ''}\n`);
    });
}
