// The core's timeline cache: every figure computed from cached facts equals the same figure computed by a
// fresh SQLite scan (the uncached path), for random filters, windows and asOf instants; the cache walks once
// per (map, asOf, clock) and reads the items again when they change (an import here, or a write elsewhere).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { createFlowAccumulator } from '../../shared/metrics/flow-metrics.ts';
import { createSeriesAccumulator } from '../../shared/metrics/series.ts';
import { earliestCreated, scanTimelines } from '../../shared/store/store-scan.ts';
import { createItemWriter } from '../../shared/store/item-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { newItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const DAY = 86_400_000;

describe('timeline cache on the demo workspace', () => {
  const file = tmp.file('demo.vsm');
  const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  afterAll(() => core.close());

  it('flowMetrics and flowSeries from the cache equal a fresh scan, for random filters and windows', async () => {
    const map = (await core.getMap({}))!;
    const binding = bindMap(map);
    const facets = await core.itemFacets({});
    const info = await core.workspaceInfo({});
    const end = Date.parse(info.defaultAsOf!);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(facets.types.map((t) => t.value)),
        fc.option(fc.constantFrom(...facets.labels.map((l) => l.value)), { nil: undefined }),
        fc.option(fc.integer({ min: 30, max: 300 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 29 }), { nil: undefined }),
        fc.integer({ min: 0, max: 40 }),
        async (types, label, fromDaysBack, toDaysBack, asOfBack) => {
          const asOf = end - asOfBack * DAY;
          const from = fromDaysBack === undefined ? undefined : asOf - fromDaysBack * DAY;
          const to = toDaysBack === undefined ? undefined : asOf - toDaysBack * DAY;
          const q = {
            mapId: map.id,
            asOf: new Date(asOf).toISOString(),
            ...(from === undefined ? {} : { from: new Date(from).toISOString() }),
            ...(to === undefined ? {} : { to: new Date(to).toISOString() }),
            ...(types.length ? { types } : {}),
            ...(label ? { label } : {}),
          };
          const filter = { types: types.length ? types : undefined, label, createdBefore: asOf };
          // The uncached path: one ordered SQLite scan through the same accumulators.
          const acc = createFlowAccumulator(binding, { asOf, from, to });
          scanTimelines(core.db, binding, acc.walkOptions(), filter, (f, item) => acc.addFacts(f, item.createdAt));
          // The ladder is built from these figures and the map; everything else is the accumulator's.
          const { ladder: _ladder, ...figures } = await core.flowMetrics(q);
          expect(figures).toEqual(acc.result());
          const earliest = earliestCreated(core.db, filter) ?? asOf;
          const sacc = createSeriesAccumulator(binding, { asOf, from, to, earliest });
          scanTimelines(core.db, binding, { asOf, visits: true }, filter, (f, item) => sacc.addFacts(f, item));
          expect(await core.flowSeries(q)).toEqual(sacc.result());
        },
      ),
      { numRuns: 8, seed: 20261201 },
    );
  }, 240_000);

  it('a selection is kept per filter, not per spelling: types in another order or repeated select the same items, and a label narrows them', async () => {
    const map = (await core.getMap({}))!;
    const facets = await core.itemFacets({});
    const [a, b] = facets.types.map((t) => t.value);
    const label = facets.labels[0]!.value;
    const ab = await core.flowMetrics({ mapId: map.id, types: [a!, b!] });
    expect(await core.flowMetrics({ mapId: map.id, types: [b!, a!, b!] })).toEqual(ab);
    const onlyA = await core.flowMetrics({ mapId: map.id, types: [a!] });
    expect(onlyA.items.total).toBeLessThan(ab.items.total);
    const withLabel = await core.flowMetrics({ mapId: map.id, types: [a!, b!], label });
    expect(withLabel.items.total).toBeLessThan(ab.items.total);
    // Five other filters later (more than the selections kept), the first one is selected again, equally.
    const others = [...facets.types.map((t) => ({ types: [t.value] })), ...facets.labels.map((l) => ({ label: l.value }))].slice(0, 5);
    expect(others).toHaveLength(5);
    for (const f of others) await core.flowMetrics({ mapId: map.id, ...f });
    expect(await core.flowMetrics({ mapId: map.id, types: [a!, b!] })).toEqual(ab);
  });

  it('walks the items once per map and asOf: filter and window changes reuse the facts', async () => {
    const map = (await core.getMap({}))!;
    await core.flowMetrics({ mapId: map.id });
    const before = core.timelineStats();
    await core.flowMetrics({ mapId: map.id, types: ['Bug'] });
    await core.flowSeries({ mapId: map.id, label: (await core.itemFacets({})).labels[0]!.value });
    await core.stepItems({ mapId: map.id, stepId: map.steps[0]!.id, from: '2026-01-01T00:00:00Z' });
    expect(core.timelineStats()).toEqual(before);
    await core.flowMetrics({ mapId: map.id, asOf: '2026-02-01T00:00:00Z' });
    expect(core.timelineStats()).toEqual({ ...before, walks: before.walks + 1 });
  });
});

describe('timeline cache follows the items', () => {
  const MAP = {
    format: 'vsm-map' as const,
    version: 1 as const,
    name: 'M',
    doneStatuses: ['Done'],
    steps: [{ id: 'dev', name: 'Dev', activeStatuses: ['In Dev'], waitStatuses: ['Ready'] }],
    flows: [],
  };
  const T0 = Date.UTC(2026, 0, 5);

  it('a write through another connection is seen on the next query', async () => {
    const file = tmp.file('follow.vsm');
    const db = openWorkspace(file, { create: true });
    const write = createItemWriter(db);
    write(
      newItem({
        key: 'A-1',
        createdAt: T0,
        changes: [
          { at: T0 + DAY, from: 'Ready', to: 'In Dev' },
          { at: T0 + 3 * DAY, from: 'In Dev', to: 'Done' },
        ],
      }),
    );
    const core = createCore({ workspacePath: file, db });
    const { id } = await core.saveMap({ map: MAP });
    const asOf = new Date(T0 + 30 * DAY).toISOString();
    expect((await core.flowMetrics({ mapId: id, asOf })).items.done).toBe(1);
    // The series and distributions are kept by query (a filter toggled back finds them), shared and frozen.
    const series = await core.flowSeries({ mapId: id, asOf });
    expect(rowsOf(series.scatter.points).map((p) => p.key)).toEqual(['A-1']);
    expect(await core.flowSeries({ mapId: id, asOf })).toBe(series);
    expect(() => (series.scatter.points.key as unknown[]).push(null)).toThrow(TypeError);
    expect((await core.flowCharts({ mapId: id, asOf })).items.completed).toBe(1);
    const other = openWorkspace(file);
    createItemWriter(other)(newItem({ key: 'A-2', createdAt: T0, changes: [{ at: T0 + 2 * DAY, from: 'Ready', to: 'Done' }] }));
    other.close();
    const m = await core.flowMetrics({ mapId: id, asOf });
    expect(m.items.done).toBe(2);
    expect(m.leadTimeHours.p50).toBe((3 * 24 + 2 * 24) / 2);
    // Nothing kept from before the write is answered after it.
    expect(
      rowsOf((await core.flowSeries({ mapId: id, asOf })).scatter.points)
        .map((p) => p.key)
        .sort(),
    ).toEqual(['A-1', 'A-2']);
    expect((await core.flowCharts({ mapId: id, asOf })).items.completed).toBe(2);
    core.close();
  });
});
