// `vsm backup list|create|restore --workspace WS`: the automatic backups, by hand.
import path from 'node:path';
import type { Command } from 'commander';
import { print } from '../terminal-output.ts';

// Backups act on the workspace file itself (a restore replaces it), below any open core: the store's own
// file operations, loaded when a backup command runs.
const store = async () => {
  const [{ backupWorkspace, listBackups }, { restoreWorkspace }, { openWorkspace }] = await Promise.all([
    import('../../store/backups.ts'),
    import('../../store/restore-workspace.ts'),
    import('../../store/open-workspace.ts'),
  ]);
  return { backupWorkspace, listBackups, restoreWorkspace, openWorkspace };
};

export function registerBackupCommand(program: Command): void {
  const backup = program.command('backup').description('list, take or restore automatic workspace backups');
  backup
    .command('list')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .action(async (opts: { workspace: string }) => {
      const { listBackups } = await store();
      const rows = listBackups(path.resolve(opts.workspace));
      if (rows.length === 0) print(`no backups of ${opts.workspace}\n`);
      for (const r of rows) print(`${r.takenAt}  ${String(r.bytes).padStart(10)} B  ${r.file}\n`);
    });
  backup
    .command('create')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .action(async (opts: { workspace: string }) => {
      const { backupWorkspace, openWorkspace } = await store();
      const file = path.resolve(opts.workspace);
      const db = openWorkspace(file, { create: false });
      try {
        print(`wrote ${backupWorkspace(db, file, 'manual')}\n`);
      } finally {
        db.close();
      }
    });
  backup
    .command('restore')
    .requiredOption('--workspace <file>', 'workspace file (.vsm)')
    .option('--from <backup>', 'backup file (default: the newest)')
    .action(async (opts: { workspace: string; from?: string }) => {
      const { restoreWorkspace } = await store();
      const file = path.resolve(opts.workspace);
      const { from, keptCurrentAs } = restoreWorkspace(file, opts.from ? path.resolve(opts.from) : undefined);
      print(`restored ${file} from ${from}${keptCurrentAs ? ` (the replaced file is kept as ${keptCurrentAs})` : ''}\n`);
    });
}
