#!/usr/bin/env node
// `npm run screenshots`: runs the E2E suites with their screenshots written into docs/ (the README's images).
// `npm test` never writes there: it leaves the working tree unchanged.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const docs = path.resolve('docs');
const r = spawnSync(path.join('node_modules', '.bin', 'vitest'), ['run', '--project', 'e2e', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FLOWMAP_SHOTS_DIR: docs },
});
process.exit(r.status ?? 1);
