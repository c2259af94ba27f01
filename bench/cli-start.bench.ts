// `vsm --help` as a user runs it: a fresh process each time through bin/vsm.mjs, which runs the prebuilt
// bundle (bench/run.ts builds it first). Measures Node's own start-up too, so `node -e 0` is given beside it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './run.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 9;

function wall(args: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    out.push(performance.now() - s);
  }
  return out.sort((a, b) => a - b);
}

export default async function (): Promise<BenchRow[]> {
  const node = wall(['-e', '0']);
  const help = wall([path.join(root, 'bin', 'vsm.mjs'), '--help']);
  const med = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
  return [
    { name: 'start: `node -e 0` (Node alone)', value: Math.round(med(node)), unit: 'ms', note: `median of ${RUNS}` },
    {
      name: 'start: `vsm --help`',
      value: Math.round(med(help)),
      unit: 'ms',
      target: '< 300',
      pass: med(help) < 300,
      note: `median of ${RUNS} fresh processes (best ${Math.round(help[0]!)} ms)`,
    },
  ];
}
