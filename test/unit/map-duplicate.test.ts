// Several maps per workspace (issue 8): duplicateMap copies the whole document under a free name, a rename is
// a saveMap by id, and a deleted map comes back whole from the document the app kept (its Undo).
import { afterAll, describe, expect, it } from 'vitest';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-maps-');
afterAll(() => tmp.cleanup());

const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'Delivery',
  owner: 'Ops',
  doneStatuses: ['Done'],
  steps: [
    {
      id: 'dev',
      name: 'Develop',
      waitStatuses: ['Ready'],
      activeStatuses: ['In Dev'],
      estimate: { processTimeHours: 10, leadTimeHours: 50 },
      kaizen: [{ text: 'Smaller batches', votes: 4 }],
    },
    { id: 'test', name: 'Test', waitStatuses: ['Ready for Test'], activeStatuses: ['Testing'], position: { x: 300, y: 40 } },
  ],
  flows: [{ from: 'dev', to: 'test', kind: 'push' as const }],
  annotations: [{ id: 'cust', kind: 'customer' as const, text: 'Users' }],
};

describe('several maps in a workspace', () => {
  const { core, mapId } = metricsWorkspace(tmp.file('maps.vsm'), MAP, []);
  const doc = async (id: number) => {
    const { id: _i, updatedAt: _u, revision: _r, ...d } = (await core.call('getMap', { mapId: id }))!;
    return d;
  };

  it('duplicates a map whole under "NAME (copy)", then "NAME (copy) (2)"', async () => {
    const a = await core.call('duplicateMap', { mapId });
    expect(a).toMatchObject({ name: 'Delivery (copy)', revision: 1 });
    expect(await doc(a.id)).toEqual({ ...(await doc(mapId)), name: 'Delivery (copy)' });
    const b = await core.call('duplicateMap', { mapId });
    expect(b.name).toBe('Delivery (copy) (2)');
    const named = await core.call('duplicateMap', { mapId, name: '  Workshop  ' });
    expect(named.name).toBe('Workshop');
    expect((await core.call('listMaps', {})).map((m) => m.name).sort()).toEqual(['Delivery', 'Delivery (copy)', 'Delivery (copy) (2)', 'Workshop']);
    await expect(core.call('duplicateMap', { mapId: 999 })).rejects.toThrow('no map #999 in this workspace');
  });

  it('renames by id, refuses a name another map has, and restores a deleted map from its document', async () => {
    const copy = (await core.call('listMaps', {})).find((m) => m.name === 'Workshop')!;
    const before = await doc(copy.id);
    const r = await core.call('saveMap', { mapId: copy.id, baseRevision: copy.revision, map: { ...before, name: 'Room 2' } });
    expect(r).toMatchObject({ id: copy.id, revision: 2 });
    await expect(core.call('saveMap', { mapId: copy.id, map: { ...before, name: 'Delivery' } })).rejects.toThrow(
      'another map of this workspace is already called "Delivery"',
    );
    const kept = await doc(copy.id);
    await core.call('deleteMap', { mapId: copy.id });
    expect((await core.call('listMaps', {})).some((m) => m.name === 'Room 2')).toBe(false);
    const back = await core.call('saveMap', { map: kept });
    expect(await doc(back.id)).toEqual(kept);
  });
});
