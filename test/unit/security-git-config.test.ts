// Issue 11, class 1: a git repository (its .git/config, what that includes, its hooks), the user's own git
// configuration and the inherited environment must never make `vsm import git` run a program. Each variant
// builds a real repository whose configuration names a program that writes a marker file. A control run of
// plain git with the same configuration proves each variant is live (the marker appears); then the same trigger
// through the safe runner, the importer, the core method, the `vsm import git` CLI and `vsm serve`'s HTTP API
// must never write it.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { importGitRepository } from '../../shared/importers/git.ts';
import { runGit } from '../../shared/importers/git-runner.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { ensureRendererBuilt } from '../e2e/helpers/build.ts';
import { serve } from '../e2e/helpers/serve.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-gitsec-');
afterAll(() => tmp.cleanup());
const MARKERS = tmp.file('markers');
const BIN = tmp.file('bin');
const ident = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.test' };
/** A clean environment for building the fixtures (no user configuration). */
const buildEnv = { PATH: process.env.PATH, HOME: tmp.dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...ident };

function git(repo: string, args: string[], input?: string): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env: buildEnv, input }).trim();
}
const marker = (name: string) => path.join(MARKERS, name);
const clearMarkers = () => {
  fs.rmSync(MARKERS, { recursive: true, force: true });
  fs.mkdirSync(MARKERS);
};
/** A program that records its run as MARKERS/<name> (git runs `*.program` without a shell: one file per name). */
function evil(name: string): string {
  const file = path.join(BIN, name);
  fs.mkdirSync(BIN, { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\nmkdir -p ${MARKERS}\necho "$@" >> ${MARKERS}/${name}\nexit 1\n`, { mode: 0o755 });
  return file;
}

const SIGNATURES = {
  openpgp: ['-----BEGIN PGP SIGNATURE-----', '', 'iQEzBAABCAAdFiEE', '=abcd', '-----END PGP SIGNATURE-----'],
  ssh: ['-----BEGIN SSH SIGNATURE-----', 'U1NIU0lHAAAAAQ==', '-----END SSH SIGNATURE-----'],
  x509: ['-----BEGIN SIGNED MESSAGE-----', 'MIAGCSqGSIb3DQEHAqCAMIACAQEx', '-----END SIGNED MESSAGE-----'],
};

/** A work tree with two commits (the second carrying a gpgsig header, so it looks signed) and a release tag. */
function makeRepo(name: string, signature: keyof typeof SIGNATURES = 'openpgp'): string {
  const repo = tmp.file(name);
  fs.mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  fs.writeFileSync(path.join(repo, 'a.txt'), 'a\n');
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'first']);
  fs.writeFileSync(path.join(repo, 'a.txt'), 'b\n');
  git(repo, ['add', '.']);
  const tree = git(repo, ['write-tree']);
  const parent = git(repo, ['rev-parse', 'HEAD']);
  const sig = SIGNATURES[signature];
  const body =
    `tree ${tree}\nparent ${parent}\nauthor T <t@example.test> 1767225600 +0000\ncommitter T <t@example.test> 1767225600 +0000\n` +
    `gpgsig ${sig.join('\n ')}\n\nsigned-looking commit\n`;
  const signed = git(repo, ['hash-object', '-t', 'commit', '-w', '--stdin'], body);
  git(repo, ['update-ref', 'refs/heads/main', signed]);
  git(repo, ['reset', '-q', '--hard']);
  git(repo, ['tag', 'v1.0.0']);
  return repo;
}
const setConfig = (repo: string, pairs: Array<[string, string]>) => {
  for (const [k, v] of pairs) git(repo, ['config', k, v]);
};

interface Variant {
  name: string;
  signature?: keyof typeof SIGNATURES;
  /** The control needs a terminal (pagers start only on one). */
  tty?: boolean;
  /** Makes the repository (and any files around it) hostile; returns extra environment for the runs. */
  setup(repo: string): Record<string, string>;
  /** Plain git arguments that run the program under that configuration. */
  trigger: string[];
  /**
   * The same through the safe runner, when it differs: drivers named per file type (`diff.<driver>.textconv`)
   * cannot be pinned by `-c`, so the runner's callers never ask for a diff, and say so with --no-textconv.
   */
  safeTrigger?: string[];
}

const sigKeys = (fmt: string, programKey: string): Array<[string, string]> => [
  ['log.showSignature', 'true'],
  ['gpg.format', fmt],
  [programKey, evil(`sig-${fmt}`)],
];

const variants: Variant[] = [
  { name: 'gpg.program + log.showSignature', setup: (r) => (setConfig(r, sigKeys('openpgp', 'gpg.program')), {}), trigger: ['log', '--all', '--format=%H'] },
  { name: 'gpg.openpgp.program', setup: (r) => (setConfig(r, sigKeys('openpgp', 'gpg.openpgp.program')), {}), trigger: ['log', '--all', '--format=%H'] },
  {
    name: 'gpg.ssh.program',
    signature: 'ssh',
    setup: (r) => {
      fs.writeFileSync(`${r}-signers`, 't@example.test ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOh\n');
      setConfig(r, [...sigKeys('ssh', 'gpg.ssh.program'), ['gpg.ssh.allowedSignersFile', `${r}-signers`]]);
      return {};
    },
    trigger: ['log', '--all', '--format=%H'],
  },
  {
    name: 'gpg.x509.program',
    signature: 'x509',
    setup: (r) => (setConfig(r, sigKeys('x509', 'gpg.x509.program')), {}),
    trigger: ['log', '--all', '--format=%H'],
  },
  { name: 'core.fsmonitor', setup: (r) => (setConfig(r, [['core.fsmonitor', evil('fsmonitor')]]), {}), trigger: ['status'] },
  {
    name: 'core.pager / pager.log',
    tty: true,
    setup: (r) => (
      setConfig(r, [
        ['core.pager', evil('pager')],
        ['pager.log', evil('pager-log')],
      ]),
      {}
    ),
    trigger: ['-p', 'log', '-1'],
  },
  { name: 'diff.external', setup: (r) => (setConfig(r, [['diff.external', evil('extdiff')]]), {}), trigger: ['log', '-p', '-1', '--ext-diff'] },
  {
    name: 'textconv driver',
    setup: (r) => {
      setConfig(r, [['diff.evil.textconv', evil('textconv')]]);
      fs.writeFileSync(path.join(r, '.git', 'info', 'attributes'), '* diff=evil\n');
      return {};
    },
    trigger: ['log', '-p', '-1'],
    safeTrigger: ['log', '-p', '-1', '--no-textconv'],
  },
  {
    name: 'core.hooksPath and .git/hooks',
    setup: (r) => {
      const hooks = path.join(path.dirname(r), `${path.basename(r)}-hooks`);
      fs.mkdirSync(hooks);
      for (const h of ['pre-commit', 'post-commit', 'post-checkout', 'reference-transaction', 'post-index-change', 'fsmonitor-watchman']) {
        for (const dir of [hooks, path.join(r, '.git', 'hooks')]) {
          fs.writeFileSync(path.join(dir, h), `#!/bin/sh\n${evil(`hook-${h}`)}\n`, { mode: 0o755 });
        }
      }
      setConfig(r, [
        ['core.hooksPath', hooks],
        ['user.name', 'T'],
        ['user.email', 't@example.test'],
      ]);
      return {};
    },
    trigger: ['commit', '-q', '--allow-empty', '-m', 'x'],
  },
  {
    name: 'include.path of a file in the work tree',
    setup: (r) => {
      fs.writeFileSync(
        path.join(r, 'included.cfg'),
        `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${evil('include')}\n[core]\n\tpager = ${evil('include-pager')}\n`,
      );
      setConfig(r, [['include.path', '../included.cfg']]);
      return {};
    },
    trigger: ['log', '--all', '--format=%H'],
  },
  {
    name: 'includeIf gitdir',
    setup: (r) => {
      fs.writeFileSync(path.join(r, 'cond.cfg'), `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${evil('includeif')}\n`);
      setConfig(r, [[`includeIf.gitdir:${r}/.path`, path.join(r, 'cond.cfg')]]);
      return {};
    },
    trigger: ['log', '--all', '--format=%H'],
  },
  {
    name: 'the user global config (HOME, XDG, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM)',
    setup: (r) => {
      const home = `${r}-home`;
      fs.mkdirSync(path.join(home, '.config', 'git'), { recursive: true });
      const cfg = `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${evil('global')}\n[safe]\n\tdirectory = *\n`;
      fs.writeFileSync(path.join(home, '.gitconfig'), cfg);
      fs.writeFileSync(path.join(home, '.config', 'git', 'config'), cfg);
      fs.writeFileSync(path.join(home, 'system.cfg'), cfg);
      return {
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
        GIT_CONFIG_SYSTEM: path.join(home, 'system.cfg'),
        GIT_CONFIG_NOSYSTEM: '',
      };
    },
    trigger: ['log', '--all', '--format=%H'],
  },
  {
    name: 'GIT_CONFIG_COUNT / GIT_CONFIG_PARAMETERS in the environment',
    setup: () => ({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'log.showSignature',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_CONFIG_KEY_1: 'gpg.program',
      GIT_CONFIG_VALUE_1: evil('env-count'),
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${evil('env-params')}'`,
    }),
    trigger: ['log', '--all', '--format=%H'],
  },
  {
    name: 'GIT_PAGER, GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND, GIT_TRACE in the environment',
    setup: () => ({ GIT_PAGER: evil('env-pager'), GIT_EXTERNAL_DIFF: evil('env-extdiff'), GIT_SSH_COMMAND: evil('env-ssh'), GIT_TRACE: marker('env-trace') }),
    trigger: ['log', '-p', '-1'],
  },
  {
    name: 'a promisor remote whose lazy fetch runs a program (ext:: url and uploadpack)',
    setup: (r) => {
      // A partial clone without blobs: showing a diff makes git fetch them from the promisor remote.
      fs.renameSync(r, `${r}-src`);
      git(`${r}-src`, ['config', 'uploadpack.allowFilter', 'true']);
      execFileSync('git', ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${r}-src`, r], { env: buildEnv });
      setConfig(r, [
        ['remote.origin.url', `ext::${evil('lazy-ext')}`],
        ['remote.origin.uploadpack', evil('lazy-uploadpack')],
        ['protocol.ext.allow', 'always'],
      ]);
      return {};
    },
    trigger: ['log', '-p', '--format=%H'],
  },
];

const hostile = new Map<string, { repo: string; env: Record<string, string> }>();
beforeAll(() => {
  variants.forEach((v, i) => {
    const repo = makeRepo(`repo${i}`, v.signature);
    hostile.set(v.name, { repo, env: v.setup(repo) });
  });
});

/** Plain git, as the importer used to run it: inherits the (hostile) environment. */
function plainGit(repo: string, env: Record<string, string>, args: string[], tty = false): void {
  const opts = { env: { ...process.env, ...buildEnv, ...env }, encoding: 'utf8' as const, input: '' };
  if (!tty) spawnSync('git', ['-C', repo, ...args], opts);
  else spawnSync('script', ['-qec', ['git', '-C', repo, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], opts);
}

describe('git runs nothing a repository, the user config or the environment names', () => {
  for (const v of variants) {
    it(`${v.name}: plain git runs the program, the safe runner does not`, async () => {
      const { repo, env } = hostile.get(v.name)!;
      clearMarkers();
      plainGit(repo, env, v.trigger, v.tty);
      expect(fs.readdirSync(MARKERS), 'control: plain git must run the planted program').not.toEqual([]);

      clearMarkers();
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        await runGit(repo, v.safeTrigger ?? v.trigger).catch(() => undefined);
        await runGit(repo, ['log', '--all', '--show-signature', '-p', '--no-textconv', '--format=%H %G? %GS']).catch(() => undefined);
        await runGit(repo, ['status']).catch(() => undefined);
      } finally {
        process.env = saved;
      }
      expect(fs.readdirSync(MARKERS)).toEqual([]);
    });
  }
});

/** Runs `body` with the variant's environment in this process (the importer and the core inherit it). */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    process.env = saved;
  }
}

describe('the git import runs nothing, from every path in', () => {
  it('the importer and the core method import every hostile repository and run none of its programs', async () => {
    for (const [i, v] of variants.entries()) {
      const { repo, env } = hostile.get(v.name)!;
      clearMarkers();
      const db = openWorkspace(tmp.file(`imp${i}.vsm`));
      const direct = await withEnv(env, () => importGitRepository(db, repo));
      db.close();
      const core = createCore({ workspacePath: tmp.file(`core${i}.vsm`) });
      const viaCore = await withEnv(env, () => core.call('importGit', { path: repo }));
      const dora = await core.call('doraMetrics', {});
      core.close();
      expect(fs.readdirSync(MARKERS), v.name).toEqual([]);
      const commits = Number(git(repo, ['rev-list', '--all', '--count']));
      expect([direct.items, viaCore.items], v.name).toEqual([commits, commits]);
      expect(JSON.stringify(dora), v.name).toMatch(/deploy/i);
    }
  });

  const vsm = (args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });

  it('`vsm import git` (the CLI) with a hostile repository, user config and environment', async () => {
    const picks = [
      'gpg.program + log.showSignature',
      'include.path of a file in the work tree',
      'the user global config (HOME, XDG, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM)',
      'GIT_CONFIG_COUNT / GIT_CONFIG_PARAMETERS in the environment',
      'a promisor remote whose lazy fetch runs a program (ext:: url and uploadpack)',
    ];
    for (const name of picks) {
      const { repo, env } = hostile.get(name)!;
      clearMarkers();
      const out = await vsm(['import', 'git', repo, '--workspace', tmp.file(`cli-${picks.indexOf(name)}.vsm`)], env);
      expect(out.stdout, name).toMatch(/2 items/);
      expect(fs.readdirSync(MARKERS), name).toEqual([]);
    }
  }, 120_000);

  it("`vsm serve`'s HTTP API (what the import dialog calls) with a hostile user config in its environment", async () => {
    const global = hostile.get('the user global config (HOME, XDG, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM)')!;
    const counted = hostile.get('GIT_CONFIG_COUNT / GIT_CONFIG_PARAMETERS in the environment')!;
    ensureRendererBuilt();
    const served = await serve(['--workspace', tmp.file('served.vsm')], REPO_ROOT, { ...global.env, ...counted.env });
    try {
      for (const name of ['gpg.program + log.showSignature', 'gpg.x509.program', 'includeIf gitdir', 'core.fsmonitor']) {
        clearMarkers();
        const res = await fetch(`${served.origin}/api/importGit`, {
          method: 'POST',
          headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ path: hostile.get(name)!.repo }),
        });
        expect(res.status, name).toBe(200);
        expect(((await res.json()) as { items: number }).items, name).toBe(2);
        expect(fs.readdirSync(MARKERS), name).toEqual([]);
      }
    } finally {
      await served.stop();
    }
  }, 120_000);

  it.skipIf(process.getuid?.() !== 0)("refuses a repository another user owns, even when the user's config says safe.directory=*", async () => {
    const repo = makeRepo('foreign');
    setConfig(repo, sigKeys('openpgp', 'gpg.program'));
    execFileSync('chown', ['-R', 'nobody', repo]);
    const { env } = hostile.get('the user global config (HOME, XDG, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM)')!;
    clearMarkers();
    plainGit(repo, env, ['log', '--all', '--format=%H']);
    expect(fs.readdirSync(MARKERS), 'control: the user config lets plain git read it').not.toEqual([]);
    clearMarkers();
    const db = openWorkspace(tmp.file('foreign.vsm'));
    await expect(withEnv(env, () => importGitRepository(db, repo))).rejects.toThrow(/belongs to another user/);
    db.close();
    expect(fs.readdirSync(MARKERS)).toEqual([]);
  });
});
