// Resolves a command's `--workspace WS | --demo` into an open core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock, CredentialService } from '../core/context.ts';
import type { Core, CredentialSource } from '../core/create-core.ts';
import { DEFAULT_GITHUB_API, loopbackHttpAllowed } from '../core/credential-site.ts';
import { FlowmapError } from '../domain/errors.ts';

export interface WorkspaceFlags {
  workspace?: string;
  demo?: boolean;
}

/** Sites named on the command line (`--url`, `--api-url`, `vsm serve --jira-url/--github-api-url`). */
export type CredentialSites = Partial<Record<CredentialService, string>>;

/**
 * The CLI's tokens come from the environment only: JIRA_API_TOKEN (or JIRA_PAT) and GITHUB_TOKEN (or GH_TOKEN).
 * Each is bound at start-up to one site: JIRA_BASE_URL / GITHUB_API_URL, else the command's own flag, else
 * (GitHub only) https://api.github.com. A page served by `vsm serve` can never change where a token goes.
 */
export function environmentCredentialsFor(sites: CredentialSites = {}): CredentialSource {
  return {
    kind: 'environment',
    get: (service) => {
      const env = process.env;
      const v = service === 'jira' ? (env.JIRA_API_TOKEN ?? env.JIRA_PAT) : (env.GITHUB_TOKEN ?? env.GH_TOKEN);
      return v && v.length > 0 ? v : null;
    },
    site: (service) => {
      const env = process.env;
      const fromEnv = service === 'jira' ? env.JIRA_BASE_URL : env.GITHUB_API_URL;
      return (fromEnv || sites[service]) ?? (service === 'github' ? DEFAULT_GITHUB_API : null);
    },
  };
}
export const environmentCredentials: CredentialSource = environmentCredentialsFor();

// The core (zod, SQLite, every importer) is loaded only by the commands that open a workspace, so
// `vsm --help` and argument errors answer at once.
const loadCore = async () => {
  const [{ createCore }, { openWorkspace }] = await Promise.all([import('../core/create-core.ts'), import('../store/open-workspace.ts')]);
  return { createCore, openWorkspace };
};

/** A fresh demo workspace in a private temp folder, removed when the process exits. */
async function demoFile() {
  const { createDemoWorkspace } = await import('../demo/create-demo-workspace.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-demo-'));
  const file = path.join(dir, 'demo.vsm');
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return { file, db: createDemoWorkspace(file) };
}

export async function openDemoCore(sites: CredentialSites = {}): Promise<Core> {
  const [{ createCore }, { file, db }] = await Promise.all([loadCore(), demoFile()]);
  return createCore({ workspacePath: file, db, credentials: environmentCredentialsFor(sites), allowLoopbackHttp: loopbackHttpAllowed() });
}

/** The demo written to a temp file and closed, for a core another thread opens (`vsm serve`). */
export async function writeDemoWorkspace(): Promise<string> {
  const { file, db } = await demoFile();
  db.close();
  return file;
}

export async function openCore(flags: WorkspaceFlags, opts: { create?: boolean; sites?: CredentialSites; clock?: Clock } = {}): Promise<Core> {
  if (flags.demo) return openDemoCore(opts.sites);
  if (!flags.workspace) throw new FlowmapError('invalid-input', 'name a workspace with --workspace FILE.vsm, or use --demo');
  const { createCore, openWorkspace } = await loadCore();
  const file = path.resolve(flags.workspace);
  return createCore({
    workspacePath: file,
    db: openWorkspace(file, { create: opts.create ?? false }),
    credentials: environmentCredentialsFor(opts.sites),
    allowLoopbackHttp: loopbackHttpAllowed(),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
}
