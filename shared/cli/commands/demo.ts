// `vsm demo --out FILE`: writes the demo workspace to a file, to explore or to start from.
import fs from 'node:fs';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('write the demo workspace (a year of a fictional team\'s history) to a new file')
    .requiredOption('--out <file>', 'new workspace file (.vsm)')
    .action(async (opts: { out: string }) => {
      if (fs.existsSync(opts.out)) throw new FlowmapError('invalid-input', `${opts.out} already exists; choose a new file`);
      const { createDemoWorkspace } = await import('../../demo/create-demo-workspace.ts');
      createDemoWorkspace(opts.out).close();
      process.stdout.write(`wrote ${opts.out}\n`);
    });
}
