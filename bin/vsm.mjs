#!/usr/bin/env node
// `vsm`: runs the prebuilt bundle (dist-cli/, built by `npm ci`'s prepare step and by `npm test`) when it
// is newer than every source file under shared/; otherwise the TypeScript sources through tsx, so a
// change is never run stale and a checkout without a build still works.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist-cli', 'vsm.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.tsx?$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  if (process.env.FLOWMAP_CLI_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  const sources = path.join(root, 'shared');
  return !fs.existsSync(sources) || newestSource(sources) <= built;
}

let main;
let installCrashHandlers;
if (bundleIsCurrent()) {
  ({ main, installCrashHandlers } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main, installCrashHandlers } = await import('../shared/cli/main.ts'));
}
installCrashHandlers();
const code = await main(process.argv.slice(2));
// Long-running commands (serve) keep the process alive themselves; the rest exit with their status.
if (code !== 0) process.exit(code);
