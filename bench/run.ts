// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints one
// markdown table to paste into BENCHMARKS.md, with the machine and the date.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The requirement it is checked against, e.g. "≤ 3.0". */
  target?: string;
  pass?: boolean;
  note?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

// Every whole-process figure is for the prebuilt `vsm` (dist-cli/), as a user runs it after `npm ci`.
if (spawnSync(process.execPath, [path.join(here, '..', 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' }).status !== 0) {
  throw new Error('could not build the vsm bundle (scripts/build-cli.mjs)');
}

const rows: BenchRow[] = [];
for (const f of files) {
  process.stderr.write(`bench: ${f}\n`);
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: () => Promise<BenchRow[]> };
  rows.push(...(await mod.default()));
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const lines = [
  `Run ${new Date().toISOString()} on ${machine}`,
  '',
  '| benchmark | value | unit | target | pass | note |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${Number.isInteger(r.value) ? r.value : r.value.toFixed(3)} | ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} | ${r.note ?? ''} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
fs.mkdirSync(path.join(here, '..', '.bench'), { recursive: true });
fs.writeFileSync(path.join(here, '..', '.bench', 'results.json'), JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2));
if (rows.some((r) => r.pass === false)) process.exitCode = 1;
