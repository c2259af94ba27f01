#!/usr/bin/env node
// Bundles the `vsm` command with esbuild into dist-cli/ (ESM, code-split), so it starts without compiling
// TypeScript: bin/vsm.mjs runs dist-cli/vsm.mjs when it is newer than every source file under shared/.
// Native and heavy packages stay external and load from node_modules: better-sqlite3 (native),
// playwright-core (loaded only by `vsm report`), electron (never reached from the CLI). Modules a command
// imports dynamically (the core, jira.js, the host) become separate chunks, loaded only by that command.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-cli');
const tmp = `${outdir}.partial-${process.pid}`;

fs.rmSync(tmp, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // core-worker: the worker thread `vsm serve` runs the core in (shared/http/worker-core.ts loads it by name).
  entryPoints: { vsm: 'shared/cli/main.ts', 'core-worker': 'shared/http/core-worker.ts' },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  external: ['better-sqlite3', 'playwright-core', 'electron'],
  // Bundled CommonJS packages call require() for Node built-ins; ESM has none, so give the bundle one.
  banner: { js: "import { createRequire as __flowmapCreateRequire } from 'node:module';\nconst require = __flowmapCreateRequire(import.meta.url);" },
});
// Swap the finished folder in whole: a `vsm` started during the build sees the old bundle or the new one.
fs.rmSync(outdir, { recursive: true, force: true });
fs.renameSync(tmp, outdir);
if (!process.argv.includes('--quiet')) console.log(`built ${path.relative(root, outdir)}/vsm.mjs`);
