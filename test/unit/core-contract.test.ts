// The core through its contract, as every transport sees it: validated input, typed errors, demo figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/contract.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { DEMO_AS_OF, demoItems, demoMap } from '../../shared/demo/demo-data.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
let core: Core;
beforeAll(() => {
  const file = tmp.file('demo.vsm');
  core = createCore({ workspacePath: file, db: createDemoWorkspace(file), clock: { now: () => Date.UTC(2027, 0, 1) } });
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

describe('core over the demo workspace', () => {
  it('implements every contract method', () => {
    // Every method the contract declares is a function on the core built from the implementations.
    const missing = METHOD_NAMES.filter((m) => typeof core[m] !== 'function');
    expect(missing).toEqual([]);
    expect(METHOD_NAMES.length).toBeGreaterThan(20);
  });

  it('opens on the most recently edited map, with the demo history in place', async () => {
    const info = await core.workspaceInfo({});
    const items = demoItems();
    expect(info.items).toBe(items.length);
    expect(info.statusChanges).toBe(items.reduce((n, i) => n + i.changes.length, 0));
    expect(info.defaultAsOf).toBe(new Date(DEMO_AS_OF).toISOString());
    const map = await core.getMap({});
    expect(map?.steps.map((s) => s.id)).toEqual(demoMap().steps.map((s) => s.id));
    expect(map!.steps.length).toBeGreaterThanOrEqual(8);
    expect(map!.steps.length).toBeLessThanOrEqual(10);
  });

  it('finds a map by name, and names the one it cannot find', async () => {
    const latest = (await core.getMap({}))!;
    expect((await core.call('getMap', { name: latest.name }))!.id).toBe(latest.id);
    await expect(core.call('getMap', { name: 'No such map' })).rejects.toThrowError(/no map named "No such map"/);
    await expect(core.call('getMap', { name: latest.name, mapId: latest.id })).rejects.toThrowError(/not both/);
  });

  it('states figures as of the demo history end, not the wall clock', async () => {
    const map = (await core.getMap({}))!;
    const m = await core.flowMetrics({ mapId: map.id });
    expect(m.asOf).toBe(new Date(DEMO_AS_OF).toISOString());
    expect(m.items.done).toBeGreaterThan(2000);
    // Every step of the demo has measured wait and active time.
    for (const s of m.steps) {
      expect(s.waitHours.p50).toBeGreaterThan(0);
      expect(s.activeHours.p50).toBeGreaterThan(0);
    }
    expect(m.bottleneck?.stepId).toBe('qa');
    expect(m.flowEfficiency).toBeGreaterThan(0);
    expect(m.flowEfficiency).toBeLessThan(1);
  });

  it('rejects invalid input with the method and field named', async () => {
    await expect(core.call('flowMetrics', { mapId: -1 })).rejects.toThrowError(/flowMetrics: invalid input\n\s+mapId/);
    await expect(core.call('flowMetrics', { mapId: 1, asOf: 'yesterday' })).rejects.toThrowError(/asOf/);
    await expect(core.call('getMap', { mapId: 1, extra: true })).rejects.toThrowError(/extra/);
    await expect(core.call('flowMetrics', { mapId: 1, from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })).rejects.toThrowError(/is not before/);
  });

  it('refuses an invalid map with a precise, per-field error and keeps the stored map intact', async () => {
    const good = demoMap();
    const bad = {
      ...good,
      steps: [...good.steps, { ...good.steps[0]!, name: 'Copy' }],
      flows: [...good.flows, { from: 'verify', to: 'nowhere', kind: 'push' }],
    };
    const err = await core.saveMap({ map: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    const message = (err as FlowmapError).message;
    expect(message).toMatch(/steps\[9\]\.id: duplicate step id "intake"/);
    expect(message).toMatch(/status "Idea" is bound twice/);
    expect(message).toMatch(/flows\[9\]\.to: flow to "nowhere" is not a step of this map/);
    expect((await core.getMap({}))!.steps).toHaveLength(good.steps.length);
  });

  it('tells listeners when a map changes', async () => {
    const seen: unknown[] = [];
    const off = core.on('workspaceChanged', (p) => seen.push(p));
    const map = (await core.getMap({}))!;
    const { id: _id, updatedAt: _u, ...doc } = map;
    await core.saveMap({ map: { ...doc, steps: doc.steps.map((s, i) => (i === 0 ? { ...s, position: { x: -50, y: 10 } } : s)) } });
    off();
    expect(seen).toEqual([{ what: 'maps' }]);
    expect((await core.getMap({}))!.steps[0]!.position).toEqual({ x: -50, y: 10 });
  });
});
