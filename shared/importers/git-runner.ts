// Runs read-only git commands on a repository someone may have sent us, so that nothing in it can make git run
// a program. Git reads its configuration from the system, the user (~/.gitconfig, XDG), the repository
// (.git/config and whatever it includes) and the environment (GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT, GIT_PAGER,
// GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND, ...); several keys name programs git then runs. So:
// - the environment is built from scratch (PATH and the few variables a platform needs), never inherited, and
//   turns off the system and user configuration, prompts, lazy fetches and optional locks;
// - `-c` (read after every file, so it wins over the repository and anything it includes) pins each key that
//   names a program or reaches a network, for the commands below and any git they start;
// - the commands themselves ask for nothing that runs a program: no signatures (`%G?`, --show-signature), no
//   diffs (so no external diff or textconv), no pager, no writes (so no hooks), no fetch.
// A key the repository sets and we do not pin can therefore only change what these commands never use.
import { spawn } from 'node:child_process';
import path from 'node:path';

/** Every key below names a program git may run, or turns on a feature that runs one. */
export const GIT_PINNED_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.untrackedCache', 'false'],
  ['core.pager', 'cat'],
  ['pager.log', 'false'],
  ['pager.for-each-ref', 'false'],
  ['pager.rev-parse', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.sshCommand', '/dev/null'],
  ['core.gitProxy', ''],
  ['core.askPass', '/dev/null'],
  ['core.editor', '/dev/null'],
  ['core.alternateRefsCommand', ''],
  ['credential.helper', ''],
  ['diff.external', ''],
  ['log.showSignature', 'false'],
  ['gpg.program', '/dev/null'],
  ['gpg.openpgp.program', '/dev/null'],
  ['gpg.ssh.program', '/dev/null'],
  ['gpg.x509.program', '/dev/null'],
  ['gpg.ssh.defaultKeyCommand', ''],
  ['gpg.ssh.allowedSignersFile', '/dev/null'],
  ['protocol.allow', 'never'],
  ['uploadpack.packObjectsHook', ''],
  ['fetch.recurseSubmodules', 'false'],
  ['submodule.recurse', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

/** The options every command gets before its own arguments. */
export const GIT_SAFE_ARGS: readonly string[] = ['--no-pager', '--no-replace-objects', ...GIT_PINNED_CONFIG.flatMap(([k, v]) => ['-c', `${k}=${v}`])];

/** A fresh environment: nothing inherited that git (or a program it starts) reads. */
export function gitEnvironment(repoPath: string, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: parent.PATH ?? parent.Path ?? '/usr/bin:/bin',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: process.platform === 'win32' ? 'NUL' : '/dev/null',
    GIT_CONFIG_SYSTEM: process.platform === 'win32' ? 'NUL' : '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PROTOCOL_FROM_USER: '0',
    // Overrides every protocol.*.allow a repository sets (a promisor remote's `ext::` URL would run a program
    // on a lazy fetch): no transport is called `none`, so none is allowed.
    GIT_ALLOW_PROTOCOL: 'none',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    // Discovery stops at the folder the user named: a parent folder's repository is never picked up.
    GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(repoPath)),
  };
  // Windows needs these to start any process at all; none of them is read by git as configuration.
  if (process.platform === 'win32') for (const k of ['SystemRoot', 'SYSTEMROOT', 'windir', 'TEMP', 'TMP']) if (parent[k]) env[k] = parent[k];
  return env;
}

export class GitFailed extends Error {
  constructor(
    readonly notInstalled: boolean,
    readonly firstLine: string,
  ) {
    super(firstLine);
  }
}

/** `git -C repoPath ARGS` with the safe options and environment; resolves to stdout. Stdin is closed. */
export function runGit(repoPath: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_SAFE_ARGS, '-C', repoPath, ...args], {
      env: gitEnvironment(repoPath),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err.length < 4096 ? (err += d) : undefined));
    child.once('error', (e: NodeJS.ErrnoException) => reject(new GitFailed(e.code === 'ENOENT', e.message)));
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      reject(new GitFailed(false, err.trim().split('\n')[0] || `exited with ${code ?? signal}`));
    });
  });
}
