// `vsm`: the command-line transport over the core. One file per command under commands/.
import { Command } from 'commander';
import { FlowmapError } from '../domain/errors.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerItemsCommand } from './commands/items.ts';
import { registerMapCommand } from './commands/map.ts';
import { registerMetricsCommand } from './commands/metrics.ts';
import { registerDoraCommand } from './commands/dora.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerStateCommands } from './commands/states.ts';
import { registerWasteCommand } from './commands/waste.ts';

export function buildProgram(): Command {
  const program = new Command('vsm')
    .description('Flowmap: value-stream maps driven by real delivery data')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerReportCommand(program);
  registerDemoCommand(program);
  registerBackupCommand(program);
  registerMapCommand(program);
  registerMetricsCommand(program);
  registerWasteCommand(program);
  registerItemsCommand(program);
  registerImportCommand(program);
  registerDoraCommand(program);
  registerStateCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) return err.exitCode ?? 1;
    if (e instanceof FlowmapError) {
      process.stderr.write(`vsm: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`vsm: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
