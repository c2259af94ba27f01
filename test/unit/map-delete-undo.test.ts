// Undo of a map delete (issue 8: every edit undoable, nothing lost): the map comes back whole, with the same
// id, its baselines (measured-after snapshots) and both directions of its future-state link.
import { afterAll, describe, expect, it } from 'vitest';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-undo-delete-');
afterAll(() => tmp.cleanup());

const H = 3_600_000;
const t0 = Date.UTC(2026, 2, 2);
const at = (h: number) => t0 + h * H;
const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'Delivery',
  doneStatuses: ['Done'],
  steps: [
    { id: 'dev', name: 'Develop', waitStatuses: ['Ready'], activeStatuses: ['In Dev'] },
    { id: 'test', name: 'Test', waitStatuses: ['Ready for Test'], activeStatuses: ['Testing'] },
  ],
  flows: [{ from: 'dev', to: 'test', kind: 'push' as const }],
};
const item = (key: string, start: number) => ({
  key,
  createdAt: at(start),
  changes: ['Ready', 'In Dev', 'Ready for Test', 'Testing', 'Done'].map((to, i, all) => ({ at: at(start + i * 5), from: i === 0 ? null : all[i - 1]!, to })),
});

describe('deleteMap then restoreDeletedMap', () => {
  const { core, mapId } = metricsWorkspace(tmp.file('undo.vsm'), MAP, [item('A-1', 0), item('A-2', 3)]);

  it('restores the current state with its baseline and its future state link, under the same id', async () => {
    const future = await core.call('createFutureState', { mapId });
    await core.call('saveBaseline', { mapId, name: 'before kaizen', asOf: new Date(at(40)).toISOString() });
    const baselinesBefore = await core.call('listBaselines', { mapId });
    const comparedBefore = await core.call('compareStates', { mapId, asOf: new Date(at(40)).toISOString() });
    expect(comparedBefore.future).not.toBeNull();

    const { undoToken } = await core.call('deleteMap', { mapId });
    expect((await core.call('listMaps', {})).map((m) => m.id)).toEqual([future.id]);
    expect(await core.call('listBaselines', { mapId })).toEqual([]);

    expect(await core.call('restoreDeletedMap', { undoToken })).toEqual({ id: mapId, name: 'Delivery' });
    const baselinesAfter = await core.call('listBaselines', { mapId });
    expect(baselinesAfter.map(({ id: _id, ...b }) => b)).toEqual(baselinesBefore.map(({ id: _id, ...b }) => b));
    const comparedAfter = await core.call('compareStates', { mapId, asOf: new Date(at(40)).toISOString() });
    expect(comparedAfter).toEqual({ ...comparedBefore, baseline: { ...comparedBefore.baseline!, id: baselinesAfter[0]!.id } });
    expect((await core.call('getMap', { mapId }))!.steps.map((s) => s.id)).toEqual(['dev', 'test']);
    // A token restores once.
    await expect(core.call('restoreDeletedMap', { undoToken })).rejects.toThrow(/can no longer be restored/);
  });

  it('a deleted future state comes back linked to its current state; a taken name is made unique', async () => {
    const future = await core.call('createFutureState', { mapId, name: 'Target' });
    const { undoToken } = await core.call('deleteMap', { mapId: future.id });
    await core.call('duplicateMap', { mapId, name: 'Target' });
    const restored = await core.call('restoreDeletedMap', { undoToken });
    expect(restored.name).toBe('Target (2)');
    await expect(core.call('createFutureState', { mapId: restored.id })).rejects.toThrow(/is itself a future state/);
  });
});
