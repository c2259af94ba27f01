// `vsm import jira|csv|git|github ... --workspace WS`: the importers over the core. Each import is one
// transaction: Ctrl-C cancels it and leaves the workspace as it was. Progress goes to stderr.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { MethodName } from '../../contract/contract.ts';
import type { Core } from '../../core/create-core.ts';
import { FlowmapError } from '../../domain/errors.ts';
import { environmentCredentials, openCore, type CredentialSites } from '../open-core.ts';
import { clearProgress, print, printError, printJson, printProgress } from '../terminal-output.ts';

interface CommonFlags {
  workspace: string;
  json?: boolean;
  quiet?: boolean;
}

type ImportMethod = Extract<MethodName, 'importJiraFiles' | 'importJiraLive' | 'importCsv' | 'importGit' | 'importGithubFiles' | 'importGithubLive'>;

async function runImportCommand(flags: CommonFlags, method: ImportMethod, input: Record<string, unknown>, sites: CredentialSites = {}): Promise<void> {
  // A token is bound to the site this command names (unless JIRA_BASE_URL / GITHUB_API_URL fix another).
  const core: Core = await openCore({ workspace: flags.workspace }, { create: true, sites });
  const importId = `cli-${process.pid}`;
  const tty = process.stderr.isTTY && !flags.quiet;
  let lastLine = 0;
  const off = core.on('importProgress', (p) => {
    if (!tty || Date.now() - lastLine < 100) return;
    lastLine = Date.now();
    printProgress(`${p.phase}: ${p.done}${p.total === undefined ? '' : ` / ${p.total}`}   `);
  });
  const cancel = () => {
    printError('\ncancelling: rolling back the import…\n');
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
      skipped?: Array<{ file: string; reason: string }>;
    };
    if (tty) clearProgress();
    if (flags.json) {
      printJson(result);
    } else {
      const parts = [`${result.items} items`, `${result.statusChanges} status changes`];
      if (result.commits) parts.push(`${result.commits} commits`);
      if (result.releases) parts.push(`${result.releases} releases`);
      print(`imported ${parts.join(', ')} into ${flags.workspace} in ${(result.durationMs / 1000).toFixed(1)} s\n`);
      // What a folder held besides issues is part of the answer, not a warning: it goes to stdout.
      const skipped = result.skipped ?? [];
      if (skipped.length > 0) {
        print(`skipped ${skipped.length} ${skipped.length === 1 ? 'file' : 'files'} holding no issues:\n`);
        for (const s of skipped) print(`  ${s.file}: ${s.reason}\n`);
      }
      if (!flags.quiet) {
        for (const w of result.warnings.slice(0, 20)) printError(`warning: ${w}\n`);
        if (result.warnings.length > 20) printError(`warning: ... and ${result.warnings.length - 20} more\n`);
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
      .description(
        'Jira issues with expand=changelog: a search response (or an array of pages), an array of issues, NDJSON, or a folder of issue files ' +
          "(other JSON in the folder, such as jirametrics' board configuration or jira-config.json, is listed as skipped)",
      )
      .option('--tz <zone>', 'IANA time zone that dates without a UTC offset (2018-01-01 01:01:01) were written in; such dates are refused without it'),
  ).action((input: string, opts: CommonFlags & { tz?: string }) =>
    runImportCommand(opts, 'importJiraFiles', { path: input, ...(opts.tz === undefined ? {} : { timeZone: opts.tz }) }),
  );
  // Tokens come from the environment only (never a flag: flags land in shell history and process lists).
  common(
    cmd
      .command('jira-live')
      .description(
        'Jira issues live by JQL, full status history included; after the first run only issues updated since the last sync. ' +
          'Token: JIRA_API_TOKEN (Cloud, with --email or JIRA_EMAIL) or JIRA_PAT (Server/Data Center)',
      )
      .requiredOption('--url <url>', 'Jira site root, e.g. https://your-site.atlassian.net')
      .requiredOption('--jql <query>', 'which issues, e.g. "project = ABC"')
      .option('--server', 'Jira Server or Data Center: REST v2, personal access token (JIRA_PAT) as Bearer; with --email, basic auth')
      .option('--email <email>', 'Cloud: the Atlassian account email for the API token (default: JIRA_EMAIL)')
      .option('--full', 'fetch every matching issue, not only those updated since the last sync'),
  ).action((opts: CommonFlags & { url: string; jql: string; server?: boolean; email?: string; full?: boolean }) => {
    // JIRA_EMAIL is a Cloud setting; on Server an email switches to basic auth, so only an explicit --email does.
    const email = opts.email ?? (opts.server ? undefined : process.env.JIRA_EMAIL || undefined);
    if (!opts.server && !email) {
      throw new FlowmapError(
        'invalid-input',
        'Jira Cloud signs in with the account email and an API token: give --email or set JIRA_EMAIL (Jira Server or Data Center: add --server and set JIRA_PAT)',
      );
    }
    return runImportCommand(
      opts,
      'importJiraLive',
      { baseUrl: opts.url, jql: opts.jql, deployment: opts.server ? 'server' : 'cloud', email, full: opts.full },
      { jira: opts.url },
    );
  });
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
      .command('github <dirOrRepo>')
      .description(
        'GitHub issues, pull requests (reviews, commits, timeline), releases and deployments. An existing folder is read as ' +
          'JSON files saved from the REST API; anything else is OWNER/REPO, fetched live with the token in GITHUB_TOKEN (or GH_TOKEN), ' +
          'incrementally after the first import',
      )
      .option('--repo <owner/name>', 'folder import: repository name (default: read from the files)')
      .option('--api-url <url>', 'live import: GitHub Enterprise API URL, e.g. https://ghe.example.com/api/v3 (default https://api.github.com)')
      .option('--full', 'live import: fetch everything again instead of what changed since the last import'),
  ).action((input: string, opts: CommonFlags & { repo?: string; apiUrl?: string; full?: boolean }) => {
    // A folder that exists wins, so `vsm import github owner/repo` still reads a folder saved under that path.
    if (fs.existsSync(input) && fs.statSync(input).isDirectory()) return runImportCommand(opts, 'importGithubFiles', { path: input, repo: opts.repo });
    if (!/^[^/\\\s]+\/[^/\\\s]+$/.test(input)) {
      throw new FlowmapError('invalid-input', `${input}: no such folder, and not a GitHub repository as OWNER/REPO`);
    }
    if (!environmentCredentials.get('github')) {
      throw new FlowmapError('unauthorized', `importing ${input} from GitHub needs an API token: set GITHUB_TOKEN (or GH_TOKEN) in the environment`);
    }
    return runImportCommand(opts, 'importGithubLive', { repo: input, apiUrl: opts.apiUrl, full: opts.full }, opts.apiUrl ? { github: opts.apiUrl } : {});
  });
}
