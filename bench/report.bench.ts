// `vsm report` of the demo as a user runs it: a whole fresh process each time (Node start, the workspace
// opened, the core's figures, Chromium launched, the report page drawn and printed, the PDF written). Twice:
// on the demo workspace written once by `vsm demo --out` (the README's way), and with `--demo`, which also
// generates the demo's year of history in that process.
// Wall time is what the "< 5 s" is about; the CPU time of the whole process tree (Node and
// Chromium, from /usr/bin/time) is given beside it because it depends much less on what else the machine
// runs; the phases are `vsm report --timings` of the median run; the load average says how busy it was.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './run.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;

interface Run {
  wallMs: number;
  cpuS: number;
  phases: string;
}

function once(out: string, source: string[]): Run {
  const timeFile = `${out}.time`;
  const s = performance.now();
  // stderr carries --timings' phases (and nothing else on success).
  const res = spawnSync(
    '/usr/bin/time',
    ['-f', '%U %S', '-o', timeFile, process.execPath, path.join(root, 'bin', 'vsm.mjs'), 'report', ...source, '--timings', '--out', out],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  if (res.status !== 0) throw new Error(`vsm report failed: ${res.stderr}`);
  const wallMs = performance.now() - s;
  const [u, sys] = fs.readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  if (!fs.existsSync(out) || fs.statSync(out).size < 10_000) throw new Error(`vsm report wrote no PDF at ${out}`);
  return {
    wallMs,
    cpuS: u! + sys!,
    phases: res.stderr
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .join('; '),
  };
}

function measure(dir: string, name: string, source: string[]) {
  once(path.join(dir, `${name}-warm.pdf`), source);
  const load = os.loadavg()[0]!;
  const runs = Array.from({ length: RUNS }, (_, i) => once(path.join(dir, `${name}-${i}.pdf`), source)).sort((a, b) => a.wallMs - b.wallMs);
  const med = runs[Math.floor(RUNS / 2)]!;
  const cpu = [...runs].sort((a, b) => a.cpuS - b.cpuS)[Math.floor(RUNS / 2)]!.cpuS;
  return { runs, med, cpu, load };
}

export default async function (): Promise<BenchRow[]> {
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('build the UI first (npm run build:renderer)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-bench-report-'));
  try {
    const demo = path.join(dir, 'demo.vsm');
    const made = spawnSync(process.execPath, [path.join(root, 'bin', 'vsm.mjs'), 'demo', '--out', demo], { cwd: root, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`vsm demo failed: ${made.stderr}`);
    const rows: BenchRow[] = [];
    for (const [label, source] of [
      ['`vsm report --workspace demo.vsm --out FILE.pdf`', ['--workspace', demo]],
      ['`vsm report --demo --out FILE.pdf` (the demo generated too)', ['--demo']],
    ] as const) {
      const { runs, med, cpu, load } = measure(dir, source[0].slice(2), [...source]);
      rows.push(
        {
          name: `${label}, whole process (wall)`,
          value: med.wallMs / 1000,
          unit: 's',
          target: '< 5',
          pass: med.wallMs < 5000,
          note: `median of ${RUNS} after a warm-up (best ${(runs[0]!.wallMs / 1000).toFixed(2)} s); load average ${load.toFixed(1)} on ${os.cpus().length} cores; phases of the median run: ${med.phases}`,
        },
        {
          name: `${label}, CPU time of Node + Chromium (user + sys)`,
          value: cpu,
          unit: 's',
          note: `median of ${RUNS}, /usr/bin/time over the whole process tree`,
        },
      );
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
