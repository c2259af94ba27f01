#!/usr/bin/env node
// Bundles the Electron shell with esbuild (no Electron binary needed):
//   electron/main.ts    → dist-electron/main.cjs    (Node, CJS; electron and better-sqlite3 stay external)
//   electron/preload.ts → dist-electron/preload.cjs (one CJS file: a sandboxed preload can require only
//                                                     `electron` and a few built-ins)
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = outArg ? path.resolve(outArg.slice('--outdir='.length)) : path.join(root, 'dist-electron');
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

fs.rmSync(outdir, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  target: 'node22',
  sourcemap: production ? false : 'linked',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await Promise.all([
  build({
    ...common,
    // core-process: the utility process main forks for the core (electron/process-core.ts).
    entryPoints: { main: 'electron/main.ts', 'core-process': 'electron/core-process.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    external: ['electron', 'better-sqlite3'],
    // CommonJS has no import.meta: shared code that calls createRequire(import.meta.url) gets this bundle's
    // own URL (module resolution then starts from dist-electron/, which finds the app's node_modules).
    define: { ...common.define, 'import.meta.url': '__flowmapImportMetaUrl' },
    banner: { js: "'use strict';\nconst __flowmapImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    // The preload runs in a sandboxed renderer: browser-like, with `require('electron')` only.
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
  }),
]);

// The preload must require nothing but `electron`; fail the build if bundling let anything else through.
const preload = fs.readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
const stray = required.filter((m) => m !== 'electron');
if (stray.length > 0) {
  console.error(`preload.cjs requires ${stray.join(', ')}: a sandboxed preload may only require 'electron'`);
  process.exit(1);
}
// Modules the main bundle loads at run time must ship in the package (electron-builder.yml `files`).
const main = fs.readFileSync(path.join(outdir, 'main.cjs'), 'utf8');
if (/import\.meta/.test(main.replace(/__flowmapImportMetaUrl/g, ''))) {
  console.error('main.cjs still refers to import.meta');
  process.exit(1);
}
console.log(`built ${path.relative(root, outdir)}/main.cjs and preload.cjs`);
