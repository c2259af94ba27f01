// `vsm import git PATH`: commits and release tags of a local repository (work tree or bare), read through the
// git CLI. Tags matching the release pattern (default ^v?\d+\.\d+\.\d+$) or the hotfix pattern are releases;
// a tag's time is its tagger date when annotated, else its commit's committer date. Taking releases in time
// order, each commit is released by the first one whose history contains it: one walk over the commit
// graph in total, since the commits an earlier release contains are exactly those already assigned.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/open-workspace.ts';
import { invalid } from './json-input.ts';
import { GitFailed, runGit } from './git-runner.ts';
import { clip, preview } from './preview.ts';
import { runImport, type ImportOptions, type ImportResult } from './session.ts';
import { clearGitHistory } from '../store/import-repo.ts';

export const DEFAULT_RELEASE_PATTERN = '^v?\\d+\\.\\d+\\.\\d+$';
export const DEFAULT_HOTFIX_PATTERN = 'hotfix';
export const GIT_SOURCE = 'git';

export interface GitOptions extends ImportOptions {
  releasePattern?: string;
  hotfixPattern?: string;
  /** Name the repository is stored under (default: the folder name without `.git`). */
  repo?: string;
}

export interface GitCommit {
  sha: string;
  parents: string[];
  authorTime: number;
  commitTime: number;
  subject: string;
  revertsSha: string | null;
}
export interface GitRelease {
  name: string;
  sha: string;
  at: number;
  hotfix: boolean;
}

// Every git call goes through runGit: nothing the repository, the user's configuration or the environment says
// can make it run a program (see git-runner.ts).
async function git(repoPath: string, args: string[]): Promise<string> {
  try {
    return await runGit(repoPath, args);
  } catch (e) {
    if (!(e instanceof GitFailed)) throw e;
    if (e.notInstalled) throw invalid('the git command is not installed or not on PATH; install git to import repositories');
    throw invalid(`${repoPath}: git ${args[0]} failed: ${clip(e.firstLine)}`);
  }
}

function regex(repoPath: string, pattern: string, what: string): RegExp {
  try {
    return new RegExp(pattern, what === 'hotfix' ? 'i' : '');
  } catch (e) {
    // V8's message repeats the pattern: both are cut short.
    throw invalid(`${repoPath}: ${what} pattern ${preview(pattern)} is not a valid regular expression: ${clip((e as Error).message)}`);
  }
}

export async function readGitRepository(
  repoPath: string,
  options: { releasePattern?: string; hotfixPattern?: string } = {},
): Promise<{ commits: GitCommit[]; releases: GitRelease[]; releaseOf: Map<string, string> }> {
  if (!fs.existsSync(repoPath)) throw invalid(`${repoPath}: no such folder`);
  const releaseRe = regex(repoPath, options.releasePattern ?? DEFAULT_RELEASE_PATTERN, 'release');
  const hotfixRe = regex(repoPath, options.hotfixPattern ?? DEFAULT_HOTFIX_PATTERN, 'hotfix');
  await git(repoPath, ['rev-parse', '--git-dir']).catch((e: Error) => {
    // Git refuses a repository another user owns (its configuration could run programs as us): say so.
    if (/dubious ownership/.test(e.message))
      throw invalid(`${repoPath}: the repository belongs to another user; git refuses to read it (copy it, or clone it, to a folder of your own)`);
    throw invalid(`${repoPath}: not a git repository (neither a work tree nor a bare repository)`);
  });
  const hasRefs = (await git(repoPath, ['for-each-ref', '--count=1', '--format=%(refname)'])).trim() !== '';
  const log = hasRefs
    ? await git(repoPath, [
        'log',
        '--all',
        '--no-show-signature',
        '--no-notes',
        '--no-ext-diff',
        '--no-textconv',
        '--no-color',
        '--format=%H%x1f%P%x1f%at%x1f%ct%x1f%s%x1f%b%x1e',
      ])
    : '';
  const commits: GitCommit[] = [];
  const index = new Map<string, number>();
  for (const rec of log.split('\x1e')) {
    const r = rec.replace(/^\n/, '');
    if (r === '') continue;
    const [sha, parents, at, ct, subject, body] = r.split('\x1f');
    const reverts = /This reverts commit ([0-9a-f]{7,40})/.exec(body ?? '')?.[1] ?? null;
    index.set(sha!, commits.length);
    commits.push({
      sha: sha!,
      parents: parents ? parents.split(' ') : [],
      authorTime: Number(at) * 1000,
      commitTime: Number(ct) * 1000,
      subject: subject ?? '',
      revertsSha: reverts,
    });
  }
  const refs = hasRefs
    ? await git(repoPath, [
        'for-each-ref',
        'refs/tags',
        '--format=%(refname:strip=2)%1f%(objecttype)%1f%(objectname)%1f%(*objecttype)%1f%(*objectname)%1f%(taggerdate:unix)',
      ])
    : '';
  const releases: GitRelease[] = [];
  for (const line of refs.split('\n')) {
    if (line.trim() === '') continue;
    const [name, type, object, peeledType, peeled, taggerDate] = line.split('\x1f') as [string, string, string, string, string, string];
    const hotfix = hotfixRe.test(name);
    if (!releaseRe.test(name) && !hotfix) continue;
    let sha = type === 'commit' ? object : peeledType === 'commit' ? peeled : null;
    if (sha === null && type === 'tag') sha = (await git(repoPath, ['rev-parse', `${object}^{commit}`]).catch(() => '')).trim() || null;
    if (sha === null || !index.has(sha)) continue; // a tag of a tree or blob: not a release
    const at = type === 'tag' && taggerDate ? Number(taggerDate) * 1000 : commits[index.get(sha)!]!.commitTime;
    releases.push({ name, sha, at, hotfix });
  }
  releases.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // One walk: each release takes the commits reachable from it that no earlier release took.
  const owner = new Int32Array(commits.length).fill(-1);
  const parentIdx = commits.map((c) => c.parents.map((p) => index.get(p) ?? -1));
  const stack: number[] = [];
  releases.forEach((rel, r) => {
    const start = index.get(rel.sha)!;
    if (owner[start] !== -1) return;
    owner[start] = r;
    stack.push(start);
    while (stack.length > 0) {
      const c = stack.pop()!;
      for (const p of parentIdx[c]!) {
        if (p >= 0 && owner[p] === -1) {
          owner[p] = r;
          stack.push(p);
        }
      }
    }
  });
  const releaseOf = new Map<string, string>();
  commits.forEach((c, i) => {
    if (owner[i]! >= 0) releaseOf.set(c.sha, releases[owner[i]!]!.name);
  });
  return { commits, releases, releaseOf };
}

export function repoName(repoPath: string): string {
  return path.basename(path.resolve(repoPath)).replace(/\.git$/, '') || 'repo';
}

export async function importGitRepository(db: Db, repoPath: string, options: GitOptions = {}): Promise<ImportResult> {
  const repo = options.repo ?? repoName(repoPath);
  options.onProgress?.({ phase: 'reading', done: 0 });
  const { commits, releases, releaseOf } = await readGitRepository(repoPath, options);
  return runImport(db, { source: GIT_SOURCE, input: repoPath }, options, async (s) => {
    // The repository is the whole truth for its commits and tags: replace what an earlier import wrote.
    clearGitHistory(db, repo);
    for (const r of releases) s.release({ repo, kind: 'tag', name: r.name, at: r.at, sha: r.sha, hotfix: r.hotfix });
    const relAt = new Map(releases.map((r) => [r.name, r.at]));
    for (let i = 0; i < commits.length; i++) {
      const c = commits[i]!;
      const rel = releaseOf.get(c.sha) ?? null;
      s.commit({ repo, sha: c.sha, authorTime: c.authorTime, commitTime: c.commitTime, subject: c.subject, releaseName: rel, revertsSha: c.revertsSha });
      // Each commit is also a work item a map can bind to: Committed → Released.
      s.item({
        source: GIT_SOURCE,
        externalId: `${repo}@${c.sha}`,
        key: c.sha.slice(0, 10),
        type: 'commit',
        title: c.subject,
        createdAt: c.commitTime,
        initialStatus: 'Committed',
        labels: [],
        fields: { repo, sha: c.sha, release: rel, authorTime: c.authorTime },
        changes: rel === null ? [] : [{ at: Math.max(relAt.get(rel)!, c.commitTime), from: 'Committed', to: 'Released' }],
      });
      if ((i & 2047) === 2047) await s.progress('commits', i + 1, commits.length);
    }
  });
}
