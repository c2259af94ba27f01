// The workspace's status list (binding view, abandoned-status suggestions) is read off the in-memory snapshot:
// it must equal what each item's own history says, counted independently through the store's item stream.
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { streamHistories } from '../../shared/store/item-repo.ts';
import { loadItemSnapshot, snapshotStatuses } from '../../shared/store/item-snapshot.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-statuses-');
afterAll(() => tmp.cleanup());

describe('snapshotStatuses', () => {
  const db = createDemoWorkspace(tmp.file('demo.vsm'));

  it('counts each status once per item that entered or started in it, most used first', () => {
    const expected = new Map<string, number>();
    for (const item of streamHistories(db)) {
      const seen = new Set<string>([...(item.initialStatus ? [item.initialStatus] : []), ...item.changes.map((c) => c.to)]);
      for (const s of seen) expected.set(s, (expected.get(s) ?? 0) + 1);
    }
    const got = snapshotStatuses(loadItemSnapshot(db));
    expect(got.length).toBeGreaterThan(5);
    expect(new Map(got.map((r) => [r.status, r.items]))).toEqual(expected);
    for (let i = 1; i < got.length; i++) {
      const [a, b] = [got[i - 1]!, got[i]!];
      expect(a.items > b.items || (a.items === b.items && a.status < b.status)).toBe(true);
    }
  });
});
