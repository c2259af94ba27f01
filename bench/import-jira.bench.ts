// `vsm import jira` on a generated export of 50,000 issues (~500,000 status changes) against the baseline
// (bare JSON.parse + one prepared insert per status change in one transaction), each in a child process on
// the same file; peak RSS is the child's VmHWM from /proc, polled while it runs.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './run.ts';
import { generateJiraExport } from './generate-jira.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.bench');
const ISSUES = Number(process.env.BENCH_JIRA_ISSUES ?? 50_000);

function runChild(args: string[]): Promise<{ ms: number; peakRssMiB: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let peak = 0;
    let stdout = '';
    let stderr = '';
    const poll = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(poll, 10);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, peakRssMiB: peak / 1024, stdout });
    });
  });
}

function rm(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.rmSync(`${file}.backups`, { recursive: true, force: true });
}

export default async function (): Promise<BenchRow[]> {
  fs.mkdirSync(work, { recursive: true });
  const data = path.join(work, `jira-${ISSUES}.json`);
  if (!fs.existsSync(data)) generateJiraExport(data, ISSUES);
  const mb = fs.statSync(data).size / 1e6;
  const baseDb = path.join(work, 'baseline.db');
  const ws = path.join(work, 'import-bench.vsm');
  const baselineJs = path.join(work, 'import-jira-baseline.mjs');
  await build({
    entryPoints: [path.join(root, 'bench', 'import-jira-baseline.ts')],
    outfile: baselineJs,
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  // Both sides run as plain JavaScript, as a user runs `vsm`: the baseline compiled by esbuild like the bundle,
  // so neither pays for TypeScript compilation. Alternate, keeping the best of three.
  let base = Infinity;
  let ours = Infinity;
  let basePeak = 0;
  let oursPeak = 0;
  let result: { items: number; statusChanges: number; durationMs: number } | null = null;
  for (let round = 0; round < 3; round++) {
    rm(baseDb);
    const b = await runChild([baselineJs, data, baseDb]);
    base = Math.min(base, b.ms);
    basePeak = Math.max(basePeak, b.peakRssMiB);
    rm(ws);
    const o = await runChild(['bin/vsm.mjs', 'import', 'jira', data, '--workspace', ws, '--json']);
    ours = Math.min(ours, o.ms);
    oursPeak = Math.max(oursPeak, o.peakRssMiB);
    result = JSON.parse(o.stdout) as typeof result;
  }
  rm(baseDb);
  rm(ws);
  const ratio = ours / base;
  const note = `${ISSUES} issues, ${result!.statusChanges} status changes, ${mb.toFixed(0)} MB; best of 3, wall clock of each child process incl. Node start-up (both plain JS)`;
  return [
    { name: 'import jira: baseline (JSON.parse + 1 insert/change)', value: base / 1000, unit: 's', note },
    { name: 'import jira: vsm import jira', value: ours / 1000, unit: 's', note: `in-process import ${(result!.durationMs / 1000).toFixed(2)} s` },
    { name: 'import jira: time ratio vsm / baseline', value: ratio, unit: '×', target: '≤ 2.0', pass: ratio <= 2 },
    {
      name: 'import jira: peak RSS (vsm import jira)',
      value: Math.round(oursPeak),
      unit: 'MiB',
      target: '< 1536',
      pass: oursPeak < 1536,
      note: `baseline peak ${Math.round(basePeak)} MiB`,
    },
  ];
}
