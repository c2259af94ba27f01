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
import { print, printError } from './terminal-output.ts';

export function buildProgram(): Command {
  const program = new Command('vsm')
    .description('Flowmap: value-stream maps driven by real delivery data')
    .showHelpAfterError()
    .exitOverride()
    // Commander echoes arguments (a file name, a map name) in its own errors: same escaping as ours.
    .configureOutput({ writeOut: print, writeErr: printError });
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
      printError(`vsm: ${e.message}\n`);
      return 2;
    }
    printError(`vsm: ${unexpected(e)}\n`);
    return 1;
  }
}

/**
 * Errors that escape every command (a SQLite error in a server's callback, a failed close on Ctrl-C) print as
 * the same one line instead of Node's stack trace. Installed by bin/vsm.mjs only: tests call main() in-process.
 */
export function installCrashHandlers(): void {
  const crash = (e: unknown) => {
    printError(`vsm: ${e instanceof FlowmapError ? e.message : unexpected(e)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

/**
 * Anything that is not a FlowmapError (a SQLite error, a bug) in one line: what failed, never a stack trace
 * (it names our files and lines, and a SQLite message can run over several lines). VSM_DEBUG=1 shows the stack.
 */
export function unexpected(e: unknown): string {
  if (process.env.VSM_DEBUG === '1' && e instanceof Error && e.stack) return e.stack;
  const err = e as { code?: unknown; message?: unknown };
  const message = (typeof err?.message === 'string' ? err.message : String(e)).split('\n')[0]!.slice(0, 500);
  const code = typeof err?.code === 'string' && /^SQLITE_/.test(err.code) ? ` (${err.code})` : '';
  return `unexpected error${code}: ${message}`;
}
