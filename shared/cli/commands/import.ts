// `vsm import jira|csv|git|github ... --workspace WS`: the importers over the core. Each import is one
// transaction: Ctrl-C cancels it and leaves the workspace as it was. Progress goes to stderr.
import type { Command } from 'commander';
import type { MethodName } from '../../contract/contract.ts';
import type { Core } from '../../core/create-core.ts';
import { openCore } from '../open-core.ts';

interface CommonFlags {
  workspace: string;
  json?: boolean;
  quiet?: boolean;
}

type ImportMethod = Extract<MethodName, 'importJiraFiles' | 'importCsv' | 'importGit' | 'importGithubFiles'>;

async function runImportCommand(flags: CommonFlags, method: ImportMethod, input: Record<string, unknown>): Promise<void> {
  const core: Core = openCore({ workspace: flags.workspace }, { create: true });
  const importId = `cli-${process.pid}`;
  const tty = process.stderr.isTTY && !flags.quiet;
  let lastLine = 0;
  const off = core.on('importProgress', (p) => {
    if (!tty || Date.now() - lastLine < 100) return;
    lastLine = Date.now();
    process.stderr.write(`\r${p.phase}: ${p.done}${p.total === undefined ? '' : ` / ${p.total}`}   `);
  });
  const cancel = () => {
    process.stderr.write('\ncancelling: rolling back the import…\n');
    void core.call('cancelImport', { importId });
  };
  process.once('SIGINT', cancel);
  try {
    const result = (await core.call(method, { ...input, importId })) as {
      items: number;
      statusChanges: number;
      commits: number;
      releases: number;
      warnings: string[];
      durationMs: number;
      skippedRows?: string[];
    };
    if (tty) process.stderr.write('\r\x1b[K');
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const parts = [`${result.items} items`, `${result.statusChanges} status changes`];
      if (result.commits) parts.push(`${result.commits} commits`);
      if (result.releases) parts.push(`${result.releases} releases`);
      process.stdout.write(`imported ${parts.join(', ')} into ${flags.workspace} in ${(result.durationMs / 1000).toFixed(1)} s\n`);
      if (!flags.quiet) {
        for (const w of result.warnings.slice(0, 20)) process.stderr.write(`warning: ${w}\n`);
        if (result.warnings.length > 20) process.stderr.write(`warning: ... and ${result.warnings.length - 20} more\n`);
      }
    }
  } finally {
    process.off('SIGINT', cancel);
    off();
    core.close();
  }
}

export function registerImportCommand(program: Command): void {
  const cmd = program.command('import').description('import work items and status changes into a workspace (one transaction per import)');
  const common = (c: Command) =>
    c
      .requiredOption('--workspace <file>', 'workspace file (.vsm); created when missing')
      .option('--json', 'print the result as JSON')
      .option('--quiet', 'no progress or warnings on stderr');
  common(
    cmd
      .command('jira <fileOrDir>')
      .description('Jira issues with expand=changelog: a search response (or an array of pages), an array of issues, NDJSON, or a folder of issue files'),
  ).action((input: string, opts: CommonFlags) => runImportCommand(opts, 'importJiraFiles', { path: input }));
  common(
    cmd
      .command('csv <file>')
      .description('stage-date CSV: ID, optional Name and Type, then one column per stage with the date the item entered it')
      .option('--skip-bad-rows', 'import the readable rows and report the others (default: refuse the whole file)')
      .option('--source <name>', 'source name for these items (default csv)'),
  ).action((input: string, opts: CommonFlags & { skipBadRows?: boolean; source?: string }) =>
    runImportCommand(opts, 'importCsv', { path: input, skipBadRows: opts.skipBadRows, source: opts.source }),
  );
  common(
    cmd
      .command('git <repoPath>')
      .description('commits and release tags of a local git repository (work tree or bare), for DORA figures')
      .option('--release-pattern <regex>', 'release tags (default ^v?\\d+\\.\\d+\\.\\d+$)')
      .option('--hotfix-pattern <regex>', 'hotfix tags, also releases (default: hotfix, case-insensitive)')
      .option('--repo <name>', 'name to store the repository under (default: its folder name)'),
  ).action((input: string, opts: CommonFlags & { releasePattern?: string; hotfixPattern?: string; repo?: string }) =>
    runImportCommand(opts, 'importGit', { path: input, releasePattern: opts.releasePattern, hotfixPattern: opts.hotfixPattern, repo: opts.repo }),
  );
  common(
    cmd
      .command('github <dir>')
      .description('GitHub issues, pull requests (reviews, commits, timeline), releases and deployments saved from the REST API into a folder')
      .option('--repo <owner/name>', 'repository name (default: read from the files)'),
  ).action((input: string, opts: CommonFlags & { repo?: string }) => runImportCommand(opts, 'importGithubFiles', { path: input, repo: opts.repo }));
}
