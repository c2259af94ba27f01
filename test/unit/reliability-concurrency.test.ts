// Two windows, or the app and the CLI, on one workspace: writes never interleave into a torn state, and a
// writer that cannot get the lock in time gets a clear "locked" error instead of hanging or corrupting.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { demoMap } from '../../shared/demo/demo-data.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { getMap } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const writer = (file: string, name: string, times: number) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/crash/writer-child.ts'), file, name, String(times)], { cwd: root });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} failed: ${err}`))));
  });

describe('several writers on one workspace', () => {
  it('two processes saving maps at once both land whole', { timeout: 120_000 }, async () => {
    const file = tmp.file('two.vsm');
    createDemoWorkspace(file).close();
    await Promise.all([writer(file, 'Window A', 150), writer(file, 'Window B', 150)]);
    const db = openWorkspace(file, { create: false });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const name of ['Window A', 'Window B']) {
      const map = getMap(db, { name });
      expect(map.description).toBe(`${name} save 149`);
      expect(new Set(map.steps.map((s) => s.notes))).toEqual(new Set([`${name}-149`]));
    }
    db.close();
  });

  it('a writer blocked past the busy timeout gets a clear "locked" error, then succeeds once the lock is free', { timeout: 30_000 }, async () => {
    const file = tmp.file('locked.vsm');
    const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const map = demoMap();
    const err = await core.saveMap({ map: { ...map, description: 'while locked' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    expect((err as FlowmapError).code).toBe('locked');
    expect((err as FlowmapError).message).toMatch(/another window or a `vsm` command is writing/);
    other.exec('ROLLBACK');
    other.close();
    await core.saveMap({ map: { ...map, description: 'after the lock' } });
    expect((await core.getMap({}))!.description).toBe('after the lock');
    core.close();
  });
});
