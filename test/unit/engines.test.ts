// `engines` must state what the installed dependencies require (issue 12). Everything the app, the core and the
// `vsm` CLI run on (the production tree) must accept the lowest Node our range allows; the only packages that may
// ask for more are the desktop packaging tool-chain, which runs on a packaging machine, never on Node 20 here.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>;
};

/** The Electron download/rebuild tool-chain: needed to package the desktop app, not to run tests or the CLI. */
const PACKAGING_ONLY = new Set(['electron', '@electron/get', '@electron/rebuild', '@electron-internal/extract-zip', 'node-abi']);

function nameOf(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** Lock entries whose declared Node range refuses the lowest Node our `engines` allows. */
function refusing(floor: string): { name: string; dev: boolean; range: string }[] {
  const out: { name: string; dev: boolean; range: string }[] = [];
  for (const [p, entry] of Object.entries(lock.packages)) {
    if (p === '' || Array.isArray(entry.engines)) continue;
    const range = entry.engines?.node;
    if (range && !semver.satisfies(floor, range)) out.push({ name: nameOf(p), dev: entry.dev === true, range });
  }
  return out;
}

describe('engines', () => {
  const floor = semver.minVersion(pkg.engines.node)!.version;

  it('every production dependency runs on the lowest Node that `engines` allows', () => {
    expect(refusing(floor).filter((r) => !r.dev)).toEqual([]);
  });

  it('only the desktop packaging tool-chain asks for a newer Node (stated in the README)', () => {
    const dev = refusing(floor).filter((r) => r.dev);
    expect(dev.filter((r) => !PACKAGING_ONLY.has(r.name))).toEqual([]);
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const r of dev) expect(readme).toContain(`\`${r.name}\``);
  });

  it('the check itself sees a refusal: a floor below the production tree’s needs is refused', () => {
    // Node 16 is below what vite and better-sqlite3 accept, so the same walk must report production packages.
    expect(refusing('16.0.0').some((r) => !r.dev)).toBe(true);
  });
});
