// `vsm serve [--workspace WS | --demo] [--port N]`: the browser transport. First line out is the URL.
import fs from 'node:fs';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import path from 'node:path';
import { writeDemoWorkspace } from '../open-core.ts';
import { RENDERER_DIST } from '../paths.ts';
import { print } from '../terminal-output.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the Flowmap UI and API on 127.0.0.1; prints the URL to open (with its session token) first')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--demo', 'open a fresh copy of the demo workspace')
    .option('--port <n>', 'port (default: any free port)', (v) => Number.parseInt(v, 10))
    .option('--jira-url <url>', 'the Jira site the token in JIRA_API_TOKEN / JIRA_PAT belongs to (or JIRA_BASE_URL): the only host it is sent to')
    .option('--github-api-url <url>', 'the GitHub API the token in GITHUB_TOKEN belongs to (or GITHUB_API_URL; default https://api.github.com)')
    .action(async (opts: { workspace?: string; demo?: boolean; port?: number; jiraUrl?: string; githubApiUrl?: string }) => {
      if (!fs.existsSync(`${RENDERER_DIST}/index.html`)) {
        throw new FlowmapError('not-found', `the UI is not built (${RENDERER_DIST}): run \`npm run build:renderer\``);
      }
      if (!opts.demo && !opts.workspace) throw new FlowmapError('invalid-input', 'name a workspace with --workspace FILE.vsm, or use --demo');
      // The core runs in a worker thread: a long import or forecast never holds the thread that serves.
      const workspace = opts.demo ? await writeDemoWorkspace() : path.resolve(opts.workspace!);
      const [{ startHost }, { startWorkerCore }] = await Promise.all([import('../../http/host.ts'), import('../../http/worker-core.ts')]);
      const core = await startWorkerCore({ workspace, create: true, sites: { jira: opts.jiraUrl, github: opts.githubApiUrl } });
      const host = await startHost({ core, staticDir: RENDERER_DIST, port: opts.port });
      print(`${host.openUrl}\n`);
      print(`Serving ${core.workspacePath} on ${host.url} (Ctrl+C to stop)\n`);
      // The worker computes the first screen's figures while the browser loads the page (core-worker.ts).
      const stop = async () => {
        await host.close();
        await core.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
