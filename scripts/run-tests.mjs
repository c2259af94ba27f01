#!/usr/bin/env node
// `npm test`: builds the UI the E2E suite drives, type-checks, runs every vitest suite (unit + e2e),
// and ends with one plain line of totals: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const bin = (name) => path.join('node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const step = (name, ok) => {
  if (ok) passed++;
  else {
    failed++;
    console.error(`✗ ${name} failed`);
  }
};

step('renderer build (vite build)', run(bin('vite'), ['build', '--logLevel', 'warn']) === 0);
step('vsm bundle (esbuild, dist-cli/)', run(process.execPath, ['scripts/build-cli.mjs', '--quiet']) === 0);
step('type-check (tsc --noEmit)', run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) === 0);
// One check per layer: the renderer without Node's types, the core without the DOM, the preload as a page.
for (const layer of ['renderer', 'core', 'preload']) {
  step(`type-check, ${layer} layer (tsconfig.${layer}.json)`, run(bin('tsc'), ['--noEmit', '-p', `tsconfig.${layer}.json`]) === 0);
}
step('lint (eslint, layer rules)', run(bin('eslint'), ['--max-warnings', '0', '.']) === 0);
step('format (prettier --check)', run(bin('prettier'), ['--check', '--log-level', 'warn', '.']) === 0);

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-vitest-')), 'report.json');
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that failed to load has no tests to count: count it as a failure.
  failed += (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
} else {
  step('vitest run', vitestStatus === 0);
}
if (vitestStatus !== 0 && failed === 0) failed++;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
