// Backups on a rotation, and the recovery path when a workspace is damaged: detect on open, restore from
// the newest sound backup through the CLI, keep the damaged file aside.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { BACKUPS_KEPT, backupDir, backupWorkspace, listBackups } from '../../shared/store/backups.ts';
import { countItems } from '../../shared/store/item-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { restoreWorkspace } from '../../shared/store/restore-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Runs the CLI in-process and captures what it prints. */
async function vsm(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

describe('restoreWorkspace (what File ▸ Restore from Backup… and the damaged-file prompt call)', () => {
  it('puts a chosen backup back, keeps the replaced file, and refuses a workspace without backups', () => {
    const file = tmp.file('app-restore.vsm');
    const db = createDemoWorkspace(file);
    const before = countItems(db);
    const backup = backupWorkspace(db, file, 'before-change');
    db.prepare('DELETE FROM work_items WHERE id % 2 = 0').run();
    const changed = countItems(db);
    expect(changed.items).toBeLessThan(before.items);
    db.close();

    const r = restoreWorkspace(file, backup);
    expect(r.from).toBe(backup);
    expect(r.keptCurrentAs).toMatch(/replaced-by-restore\.vsm\.old$/);
    const restored = openWorkspace(file, { create: false });
    expect(countItems(restored)).toEqual(before);
    restored.close();
    // The replaced file is itself a workspace holding the change, so the restore can be undone.
    const kept = openWorkspace(r.keptCurrentAs!, { create: false });
    expect(countItems(kept)).toEqual(changed);
    kept.close();

    const bare = tmp.file('no-backups.vsm');
    openWorkspace(bare, { create: true }).close();
    expect(() => restoreWorkspace(bare)).toThrow(/no backups of .*no-backups\.vsm to restore/);
  });
});

describe('backups', () => {
  it(`keeps the last ${BACKUPS_KEPT} on a rotation`, () => {
    const file = tmp.file('rotate.vsm');
    const db = createDemoWorkspace(file);
    const taken: string[] = [];
    for (let i = 0; i < BACKUPS_KEPT + 3; i++) taken.push(backupWorkspace(db, file, `test-${String(i).padStart(2, '0')}`));
    db.close();
    const kept = listBackups(file).map((b) => b.file);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept).toContain(taken.at(-1));
    expect(kept).not.toContain(taken[0]);
  });

  it('detects a damaged workspace on open and restores it from the newest backup', async () => {
    const file = tmp.file('damaged.vsm');
    const db = createDemoWorkspace(file);
    const before = countItems(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect((await vsm('backup', 'create', '--workspace', file)).code).toBe(0);

    // Scribble over the middle of the file, as a failing disk or a bad sync would.
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 8, 0xa5), 0, 4096 * 8, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);

    let error: unknown;
    try {
      openWorkspace(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlowmapError);
    expect((error as FlowmapError).code).toBe('corrupt');
    expect((error as FlowmapError).message).toMatch(/vsm backup/);

    const restored = await vsm('backup', 'restore', '--workspace', file);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/restored .* \(the replaced file is kept as .*replaced-by-restore/);
    const again = openWorkspace(file, { create: false });
    expect(countItems(again)).toEqual(before);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
    expect(fs.readdirSync(backupDir(file)).some((f) => f.includes('replaced-by-restore'))).toBe(true);
  });

  it('refuses to restore a backup that is itself damaged, and changes nothing', async () => {
    const file = tmp.file('keep.vsm');
    createDemoWorkspace(file).close();
    const bad = tmp.file('bad-backup.vsm');
    fs.writeFileSync(bad, 'not a database');
    const before = fs.readFileSync(file);
    const r = await vsm('backup', 'restore', '--workspace', file, '--from', bad);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/bad-backup\.vsm is not a readable workspace/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
