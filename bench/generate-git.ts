// A synthetic git repository for the git importer's test and benchmark, written with `git fast-import`
// (seconds, not minutes, for 10,000 commits): a linear history of COMMITS commits 10 min apart, a revert
// every 500, and an annotated release tag (tagged 1 h after its commit) every TAG_EVERY commits.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface GeneratedRepo {
  commits: number;
  tags: number;
}

export function generateGitRepo(dir: string, opts: { commits?: number; tagEvery?: number; startMs?: number } = {}): GeneratedRepo {
  const commits = opts.commits ?? 10_000;
  const tagEvery = opts.tagEvery ?? 33;
  const base = Math.round((opts.startMs ?? Date.UTC(2026, 0, 1)) / 1000);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const lines: string[] = [];
  let tags = 0;
  for (let i = 1; i <= commits; i++) {
    const t = base + i * 600;
    const msg = i % 500 === 0 ? `Revert "c${i - 1}"\n\nThis reverts commit 0000000.` : `c${i}`;
    lines.push(`commit refs/heads/main`, `mark :${i}`, `committer T <t@example.test> ${t} +0000`, `data ${Buffer.byteLength(msg)}`, msg);
    if (i > 1) lines.push(`from :${i - 1}`);
    lines.push(`M 644 inline f${i % 100}.txt`, `data ${String(i).length}`, String(i), '');
    if (i % tagEvery === 0) {
      tags++;
      lines.push(`tag v1.${Math.floor(i / tagEvery)}.0`, `from :${i}`, `tagger T <t@example.test> ${t + 3600} +0000`, `data 3`, 'rel');
    }
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: lines.join('\n') + '\n', maxBuffer: 64 * 2 ** 20 });
  return { commits, tags };
}
