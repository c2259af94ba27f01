// What the core reuses between queries gives the figures a fresh core computes: the statuses and facets read
// once per item snapshot, and the distributions' pooled efficiency taken from flowMetrics of the same query
// (the app asks for the map's figures first). A fresh core per query is the uncached reference.
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('core reuse between queries (demo workspace)', () => {
  const file = tmp.file('demo.vsm');
  createDemoWorkspace(file).close();
  const warm = createCore({ workspacePath: file, db: openWorkspace(file) });
  afterAll(() => warm.close());
  const fresh = async <T>(read: (c: ReturnType<typeof createCore>) => Promise<T>): Promise<T> => {
    const c = createCore({ workspacePath: file, db: openWorkspace(file) });
    try {
      return await read(c);
    } finally {
      c.close();
    }
  };

  it('flowCharts after flowMetrics (reused pooled efficiency) equals flowCharts alone, for several filters', { timeout: 120_000 }, async () => {
    const mapId = (await warm.getMap({}))!.id;
    const types = (await warm.itemFacets({})).types.map((t) => t.value);
    const queries = [{ mapId }, { mapId, types: [types[0]!] }, { mapId, types: types.slice(1) }, { mapId, from: '2025-01-01T00:00:00.000Z' }];
    for (const q of queries) {
      const metrics = await warm.flowMetrics(q);
      const charts = await warm.flowCharts(q);
      const alone = await fresh((c) => c.flowCharts(q));
      expect(charts).toEqual(alone);
      if (charts.flowEfficiency.pooled !== null) expect(charts.flowEfficiency.pooled).toBe(metrics.flowEfficiency);
    }
  });

  it('statuses, facets and the waste analysis read once per snapshot equal a fresh read', { timeout: 120_000 }, async () => {
    const mapId = (await warm.getMap({}))!.id;
    await warm.flowMetrics({ mapId });
    expect(await warm.workspaceStatuses({})).toEqual(await fresh((c) => c.workspaceStatuses({})));
    expect(await warm.itemFacets({})).toEqual(await fresh((c) => c.itemFacets({})));
    expect(await warm.wasteAnalysis({ mapId, types: ['Bug'] })).toEqual(await fresh((c) => c.wasteAnalysis({ mapId, types: ['Bug'] })));
  });

  it("waste walks kept per item give, under every filter and window switched between, the fresh core's analysis", { timeout: 180_000 }, async () => {
    const mapId = (await warm.getMap({}))!.id;
    const facets = await warm.itemFacets({});
    const types = facets.types.map((t) => t.value);
    const label = facets.labels[0]?.value;
    const window = { from: '2025-01-01T00:00:00.000Z', to: '2025-06-30T00:00:00.000Z' };
    // Walked unfiltered first, then filters that reuse those walks, a window that needs its own, and back.
    const queries = [
      { mapId },
      { mapId, types: [types[0]!] },
      { mapId, types: types.slice(1) },
      ...(label ? [{ mapId, label }] : []),
      { mapId, ...window },
      { mapId, ...window, types: [types[0]!] },
      { mapId, types: [types[0]!] },
    ];
    expect(queries.length).toBeGreaterThanOrEqual(6);
    for (const q of queries) {
      const kept = await warm.wasteAnalysis(q);
      expect(kept).toEqual(await fresh((c) => c.wasteAnalysis(q)));
      expect(await warm.flowMetrics(q)).toEqual(await fresh((c) => c.flowMetrics(q)));
    }
  });

  it("warm() computes what the app's first screen asks for: that query then walks nothing", { timeout: 120_000 }, async () => {
    const c = createCore({ workspacePath: file, db: openWorkspace(file) });
    try {
      await c.warm();
      const after = c.timelineStats();
      expect(after.loads).toBe(1);
      const info = await c.workspaceInfo({});
      const mapId = (await c.getMap({}))!.id;
      const q = { mapId, ...(info.suggestedAsOf ? { asOf: info.suggestedAsOf.at } : {}) };
      expect(await c.flowMetrics(q)).toEqual(await fresh((f) => f.flowMetrics(q)));
      expect(c.timelineStats()).toEqual(after);
    } finally {
      c.close();
    }
  });
});
