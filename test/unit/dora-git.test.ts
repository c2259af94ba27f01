import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDora } from '../../shared/metrics/dora.ts';
import { importGitRepository, readGitRepository } from '../../shared/importers/git.ts';
import { openWorkspace, type Db } from '../../shared/store/open-workspace.ts';
import { generateGitRepo } from '../../bench/generate-git.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-git-');
afterAll(() => tmp.cleanup());
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const at = (hours: number) => T0 + hours * H;

function git(repo: string, args: string[], whenHours?: number): string {
  const date = whenHours === undefined ? undefined : `@${Math.round(at(whenHours) / 1000)} +0000`;
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.test',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: tmp.dir,
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  }).trim();
}

const repo = tmp.file('work');
const sha: Record<string, string> = {};
function commit(name: string, hours: number, message = name): void {
  fs.writeFileSync(path.join(repo, `${name}.txt`), name);
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', message], hours);
  sha[name] = git(repo, ['rev-parse', 'HEAD']);
}

beforeAll(() => {
  fs.mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  commit('c1', 0);
  commit('c2', 24);
  git(repo, ['tag', 'v1.0.0']); // lightweight: time = c2's committer time (24 h)
  commit('c3', 48);
  commit('c4', 72);
  git(repo, ['tag', '-a', 'v1.1.0', '-m', 'release'], 96); // annotated: tagger date 96 h
  git(repo, ['tag', 'nightly-20260104']); // not a release
  git(repo, ['checkout', '-q', '-b', 'feature', sha.c2!]);
  commit('c5', 84);
  git(repo, ['checkout', '-q', 'main']);
  git(repo, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], 120);
  sha.c6 = git(repo, ['rev-parse', 'HEAD']);
  git(repo, ['tag', '-a', 'v1.2.0', '-m', 'release'], 144);
  commit('c7', 160, `Revert "c4"\n\nThis reverts commit ${sha.c4}.`);
  git(repo, ['tag', '-a', 'v1.2.1-hotfix', '-m', 'hotfix'], 168);
  commit('c8', 200); // unreleased
});

describe('git importer', () => {
  it('assigns each commit to the first release (in time order) whose history contains it', async () => {
    const { releases, releaseOf } = await readGitRepository(repo);
    expect(releases.map((r) => [r.name, r.at, r.hotfix])).toEqual([
      ['v1.0.0', at(24), false],
      ['v1.1.0', at(96), false],
      ['v1.2.0', at(144), false],
      ['v1.2.1-hotfix', at(168), true],
    ]);
    expect(Object.fromEntries(Object.entries(sha).map(([k, s]) => [k, releaseOf.get(s) ?? null]))).toEqual({
      c1: 'v1.0.0',
      c2: 'v1.0.0',
      c3: 'v1.1.0',
      c4: 'v1.1.0',
      c5: 'v1.2.0',
      c6: 'v1.2.0',
      c7: 'v1.2.1-hotfix',
      c8: null,
    });
  });

  it('reads a bare repository the same way', async () => {
    const bare = tmp.file('bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo, bare]);
    const a = await readGitRepository(repo);
    const b = await readGitRepository(bare);
    expect(b.releases).toEqual(a.releases);
    expect([...b.releaseOf].sort()).toEqual([...a.releaseOf].sort());
  });

  it('imports commits, tags and commit items idempotently; DORA figures follow the definitions', async () => {
    const db: Db = openWorkspace(tmp.file('git.vsm'));
    const r = await importGitRepository(db, repo, { repo: 'demo' });
    expect(r).toMatchObject({ commits: 8, releases: 4, items: 8 });
    const dump = () => [
      db.prepare('SELECT * FROM commits ORDER BY sha').all(),
      db.prepare('SELECT * FROM releases ORDER BY name').all(),
      db.prepare('SELECT count(*) FROM status_changes').pluck().get(),
    ];
    const first = dump();
    await importGitRepository(db, repo, { repo: 'demo' });
    expect(dump()).toEqual(first);

    const d = computeDora(db);
    // lead times (h): c1 24, c2 0, c3 48, c4 24, c5 60, c6 24, c7 8 → sorted 0, 8, 24, 24, 24, 48, 60
    expect(d).toMatchObject({
      releases: 4,
      changes: 7,
      failedReleases: 2, // v1.2.0 (followed by a hotfix) and v1.1.0 (its c4 reverted)
      changeFailureRate: 0.5,
    });
    // R-7 by hand: rank (n − 1)·p, interpolated. Leads: p50 at rank 3 = 24; p85 at rank 5.1 = 48 + 0.1 × (60 − 48).
    expect(d.leadTimeForChangesHours.p50).toBeCloseTo(24, 9);
    expect(d.leadTimeForChangesHours.p85).toBeCloseTo(49.2, 9);
    // Restores 24 h and 72 h: p50 at rank 0.5 = 48; p85 at rank 0.85 = 24 + 0.85 × 48.
    expect(d.timeToRestoreHours.p50).toBeCloseTo(48, 9);
    expect(d.timeToRestoreHours.p85).toBeCloseTo(64.8, 9);
    expect(d.deploymentsPerWeek).toBeCloseTo(4 / ((168 - 24) / 168), 3);
    // The window counts releases by tag time: [96 h, 150 h) holds v1.1.0 and v1.2.0.
    const w = computeDora(db, { from: at(96), to: at(150) });
    expect(w).toMatchObject({ releases: 2, changes: 4, failedReleases: 2 });
    expect(w.deploymentsPerWeek).toBeCloseTo(2 / (54 / 168), 3);
    db.close();
  });

  it('refuses a folder that is not a repository and an invalid pattern', async () => {
    const db = openWorkspace(tmp.file('bad.vsm'));
    fs.mkdirSync(tmp.file('plain'));
    await expect(importGitRepository(db, tmp.file('plain'))).rejects.toThrow(/plain: not a git repository/);
    await expect(importGitRepository(db, repo, { releasePattern: '(' })).rejects.toThrow(/release pattern "\(" is not a valid regular expression/);
    db.close();
  });

  it('imports 10,000 commits and 303 tags (timed in bench/import-git.bench.ts), and `vsm dora --json` prints the figures', async () => {
    const big = tmp.file('big');
    // A linear history of 10,000 commits 10 min apart, a revert every 500, a release tag every 33.
    expect(generateGitRepo(big, { commits: 10_000, tagEvery: 33, startMs: T0 })).toEqual({ commits: 10_000, tags: 303 });
    const ws = tmp.file('big.vsm');
    const db = openWorkspace(ws);
    const r = await importGitRepository(db, big);
    expect(r).toMatchObject({ commits: 10_000, releases: 303 });
    db.close();
    const out = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), 'dora', '--workspace', ws, '--json'], { cwd: REPO_ROOT });
    const d = JSON.parse(out.stdout) as {
      releases: number;
      changes: number;
      deploymentsPerWeek: number;
      leadTimeForChangesHours: { p50: number; p85: number };
    };
    expect(d.releases).toBe(303);
    expect(d.changes).toBe(9999);
    // Each tag releases the 33 commits before it, 10 min apart, and is tagged 1 h after its commit.
    expect(d.leadTimeForChangesHours.p50).toBeCloseTo(1 + (16 * 10) / 60, 3);
    expect(d.deploymentsPerWeek).toBeGreaterThan(0);
  }, 60_000);
});
