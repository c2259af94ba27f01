// `vsm backup list|create|restore --workspace WS`: the automatic backups, by hand.
import path from 'node:path';
import type { Command } from 'commander';
import { backupWorkspace, listBackups } from '../../store/backups.ts';
import { restoreWorkspace } from '../../store/restore-workspace.ts';
import { openWorkspace } from '../../store/open-workspace.ts';

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
      const { from, keptCurrentAs } = restoreWorkspace(file, opts.from ? path.resolve(opts.from) : undefined);
      process.stdout.write(`restored ${file} from ${from}${keptCurrentAs ? ` (the replaced file is kept as ${keptCurrentAs})` : ''}\n`);
    });
}
