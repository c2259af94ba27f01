// The E2E suites drive the built renderer. `npm test` runs `vite build` first; when these suites run on
// their own (`npx vitest run --project e2e`) this builds dist/renderer if it is missing or older than
// any source file under renderer/ (or the browser-safe shared/ code it bundles).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './serve.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const d of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(d.parentPath, d.name)).mtimeMs);
  }
  return newest;
}

export function ensureRendererBuilt(): void {
  const index = path.join(REPO_ROOT, 'dist', 'renderer', 'index.html');
  const sources = ['renderer', 'shared/domain', 'shared/contract', 'shared/client', 'shared/metrics', 'shared/report'].map((d) =>
    newestMtime(path.join(REPO_ROOT, d)),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(...sources)) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
