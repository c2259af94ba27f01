// The report model's title-block facts: the filters it was computed under and the items each data source
// contributed under them, which must add up to the items the figures count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
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

describe('reportModel', () => {
  it('echoes no filter and counts every item under its source', async () => {
    const m = await core.call('reportModel', {});
    expect(m.filters).toEqual({ types: [], label: null });
    expect(m.sources.map((s) => s.source)).toEqual(['demo']);
    expect(m.sources.reduce((n, s) => n + s.items, 0)).toBe(m.metrics.items.total);
  });

  it('echoes the filters and counts only the items they select, as the figures do', async () => {
    for (const types of [['Bug'], ['Story', 'Task']]) {
      const m = await core.call('reportModel', { types });
      expect(m.filters).toEqual({ types, label: null });
      expect(m.sources.reduce((n, s) => n + s.items, 0)).toBe(m.metrics.items.total);
      expect(m.metrics.items.total).toBeLessThan((await core.call('reportModel', {})).metrics.items.total);
    }
  });

  it('names an import run by its file name, never its full path', async () => {
    core.db
      .prepare(
        "INSERT INTO import_runs (source, input, started_at, finished_at, items, status_changes) VALUES ('demo', '/home/ana/secret/folder/export.json', 1, 2, 0, 0)",
      )
      .run();
    const m = await core.call('reportModel', {});
    expect(m.sources[0]!.lastImport).toEqual({ input: 'export.json', finishedAt: new Date(2).toISOString() });
  });

  it('carries the waste analysis exactly as wasteAnalysis has it, and per finding its first items with title and effect', async () => {
    const m = await core.call('reportModel', {});
    const waste = await core.call('wasteAnalysis', { mapId: m.map.id });
    expect(m.waste).toEqual(waste);
    expect(waste.findings.length).toBeGreaterThan(3);
    expect(m.findingItems).toHaveLength(waste.findings.length);
    const titles = new Map(
      (core.db.prepare('SELECT key, title FROM work_items').all() as Array<{ key: string; title: string | null }>).map((r) => [r.key, r.title]),
    );
    const byKey = new Map(
      (await core.call('metricItems', { mapId: m.map.id, keys: [...new Set(m.findingItems.flat().map((i) => i.key))] })).items.map((i) => [i.key, i]),
    );
    waste.findings.forEach((f, fi) => {
      const listed = m.findingItems[fi]!;
      expect(listed.map((i) => i.key)).toEqual(f.items.slice(0, 5));
      for (const i of listed) {
        expect(i.title).toBe(titles.get(i.key));
        const step = byKey.get(i.key)!.steps.find((s) => s.id === f.stepId)!;
        // The figure is the item's own, from the same walk as the metrics: its wait or active time in the step.
        if (f.waste === 'waiting' || f.waste === 'approval') expect(i).toMatchObject({ unit: 'hours', value: step.waitHours, effect: 'wait here' });
        if (f.waste === 'manual' || f.waste === 'task-switching') expect(i).toMatchObject({ unit: 'hours', value: step.activeHours });
        if (f.waste === 'defects' || f.waste === 'relearning' || f.waste === 'handoffs') expect(i.unit === 'count' && i.value >= 1).toBe(true);
      }
      // Largest effect first, as the core ranked them.
      if (f.waste === 'waiting') expect(listed.map((i) => i.value)).toEqual([...listed.map((i) => i.value)].sort((a, b) => b - a));
    });
  });

  it("has no comparison without a future state or a baseline, and compareStates' own one with them", async () => {
    expect((await core.call('reportModel', {})).comparison).toBeNull();
    const mapId = (await core.call('reportModel', {})).map.id;
    await core.call('saveBaseline', { mapId, name: 'before' });
    const withBaseline = await core.call('reportModel', { mapId });
    expect(withBaseline.comparison).toEqual(await core.call('compareStates', { mapId }));
    expect(withBaseline.comparison!.baseline!.name).toBe('before');
    const future = await core.call('createFutureState', { mapId });
    const m = await core.call('reportModel', { mapId });
    expect(m.comparison).toEqual(await core.call('compareStates', { mapId }));
    expect(m.comparison!.future!.mapId).toBe(future.id);
    expect(m.comparison!.rows.map((r) => r.figure)).toEqual(['totalLeadTimeHours', 'totalProcessTimeHours', 'activityRatio', 'rolledPercentCompleteAccurate']);
  });
});
