// `vsm demo --out FILE`: writes the demo workspace to a file, to explore or to start from.
import fs from 'node:fs';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { lstatExists, siblingTempPath } from '../../store/atomic-file.ts';
import { print } from '../terminal-output.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description("write the demo workspace (a year of a fictional team's history) to a new file")
    .requiredOption('--out <file>', 'new workspace file (.vsm)')
    .action(async (opts: { out: string }) => {
      // lstat: a dangling symlink at OUT is something there too (SQLite would create the file it points to).
      if (lstatExists(opts.out)) throw new FlowmapError('invalid-input', `${opts.out} already exists; choose a new file`);
      const { createDemoWorkspace } = await import('../../demo/create-demo-workspace.ts');
      const tmp = siblingTempPath(opts.out);
      try {
        createDemoWorkspace(tmp).close();
        fs.renameSync(tmp, opts.out);
      } finally {
        for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
      }
      print(`wrote ${opts.out}\n`);
    });
}
