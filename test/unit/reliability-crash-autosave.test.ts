// Kills a process in the middle of autosaving a map, 50 times at seeded random moments: every time the
// workspace must open, pass integrity_check and hold one whole version of the map, never a mix.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { randomLcg } from 'd3';
import { afterAll, describe, expect, it } from 'vitest';
import { demoMap } from '../../shared/demo/demo-data.ts';
import { getMap } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { autosaveVersion } from '../crash/autosave-versions.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const KILLS = 50;
const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function runAndKill(file: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/crash/autosave-child.ts'), file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended without being killed: ${err}`))));
  });
}

describe('crash safety of map autosave', () => {
  it(`survives ${KILLS} SIGKILLs mid-save with one whole version every time`, { timeout: 300_000 }, async () => {
    const file = tmp.file('autosave.vsm');
    const rand = randomLcg(0.1234);
    const base = demoMap();
    const versions = [0, 1].map((v) => autosaveVersion(base, v));
    const seen = new Set<string>();
    for (let i = 0; i < KILLS; i++) {
      await runAndKill(file, Math.floor(rand() * 40));
      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      const db = openWorkspace(file, { create: false });
      const { id: _id, updatedAt: _u, revision: _r, ...doc } = getMap(db, { name: base.name });
      db.close();
      const match = versions.findIndex((v) => isDeepStrictEqual(v, doc));
      expect(match, `kill ${i}: the map is not one whole version`).toBeGreaterThanOrEqual(0);
      seen.add(doc.description ?? '');
    }
    // The kills landed at different points of the save loop, not always before the first save.
    expect(seen.size).toBe(2);
  });
});
