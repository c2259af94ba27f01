// Resolves a command's `--workspace WS | --demo` into an open core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CredentialSource } from '../core/create-core.ts';
import { createDemoWorkspace } from '../demo/create-demo-workspace.ts';
import { FlowmapError } from '../domain/errors.ts';
import { openWorkspace } from '../store/open-workspace.ts';

export interface WorkspaceFlags {
  workspace?: string;
  demo?: boolean;
}

/** The CLI's tokens come from the environment only: JIRA_API_TOKEN (or JIRA_PAT) and GITHUB_TOKEN (or GH_TOKEN). */
export const environmentCredentials: CredentialSource = {
  kind: 'environment',
  get: (service) => {
    const env = process.env;
    const v = service === 'jira' ? (env.JIRA_API_TOKEN ?? env.JIRA_PAT) : (env.GITHUB_TOKEN ?? env.GH_TOKEN);
    return v && v.length > 0 ? v : null;
  },
};

/** A fresh demo workspace in a private temp folder, removed when the process exits. */
export function openDemoCore(): Core {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-demo-'));
  const file = path.join(dir, 'demo.vsm');
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return createCore({ workspacePath: file, db: createDemoWorkspace(file), credentials: environmentCredentials });
}

export function openCore(flags: WorkspaceFlags, opts: { create?: boolean } = {}): Core {
  if (flags.demo) return openDemoCore();
  if (!flags.workspace) throw new FlowmapError('invalid-input', 'name a workspace with --workspace FILE.vsm, or use --demo');
  const file = path.resolve(flags.workspace);
  return createCore({ workspacePath: file, db: openWorkspace(file, { create: opts.create ?? false }), credentials: environmentCredentials });
}
