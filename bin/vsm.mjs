#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx vsm` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../shared/cli/main.ts');
const code = await main(process.argv.slice(2));
// Long-running commands (serve) keep the process alive themselves; the rest exit with their status.
if (code !== 0) process.exit(code);
