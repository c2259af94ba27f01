// The map format's drawing additions (annotations, flow labels, info kinds, pull lanes) and the map methods
// the editor needs: save by id (rename), refuse a name another map has, delete; all through the real core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { formatIssues, MapDocSchema, stepsInFlowOrder, type MapDocInput } from '../../shared/domain/map.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const BASE: MapDocInput = {
  format: 'vsm-map',
  version: 1,
  name: 'Workshop',
  doneStatuses: ['Done'],
  steps: [
    { id: 'a', name: 'Analyse', waitStatuses: ['Ready'], activeStatuses: ['Analysing'] },
    { id: 'b', name: 'Build', waitStatuses: ['To build'], activeStatuses: ['Building'] },
  ],
  flows: [
    { from: 'a', to: 'b', kind: 'pull', lane: 'fifo', label: 'max 3' },
    { from: 'b', to: 'a', kind: 'info', infoKind: 'electronic', label: 'Jira' },
  ],
  annotations: [
    { id: 'sup', kind: 'supplier', text: 'Customers', stepId: 'a', link: { kind: 'info', infoKind: 'manual', label: 'phone' }, position: { x: -200, y: 0 } },
    { id: 'cus', kind: 'customer', text: 'Users', stepId: 'b' },
    { id: 'q1', kind: 'queue', stepId: 'b', count: 12 },
    { id: 'n1', kind: 'note', text: 'ask ops about the release train' },
    { id: 'h1', kind: 'handoff', text: 'to ops', stepId: 'b' },
  ],
};

const errorsOf = (doc: unknown) => {
  const r = MapDocSchema.safeParse(doc);
  return r.success ? '' : formatIssues(r.error);
};

describe('vsm-map drawing additions', () => {
  it('accepts supplier, customer, queue, note and handoff annotations and labelled flows', () => {
    expect(errorsOf(BASE)).toBe('');
    const parsed = MapDocSchema.parse(BASE);
    expect(parsed.annotations).toHaveLength(5);
    expect(parsed.flows[0]).toEqual({ from: 'a', to: 'b', kind: 'pull', lane: 'fifo', label: 'max 3' });
  });

  it('a map of the old format (no annotations, no labels) still reads the same', () => {
    const { annotations: _a, ...old } = BASE;
    const parsed = MapDocSchema.parse({ ...old, flows: [{ from: 'a', to: 'b' }] });
    expect(parsed.annotations).toBeUndefined();
    expect(parsed.flows).toEqual([{ from: 'a', to: 'b', kind: 'push' }]);
  });

  it('names duplicate ids, ids shared with a step, missing steps and a queue without its step', () => {
    const bad = structuredClone(BASE);
    bad.annotations = [
      { id: 'x', kind: 'note', text: 'one' },
      { id: 'x', kind: 'note', text: 'two' },
      { id: 'a', kind: 'note' },
      { id: 'y', kind: 'customer', stepId: 'ghost' },
      { id: 'z', kind: 'queue' },
    ];
    expect(errorsOf(bad).split('\n')).toEqual([
      'annotations[1].id: duplicate annotation id "x" (already used by annotations[0])',
      'annotations[2].id: annotation id "a" is already the id of steps[0]',
      'annotations[3].stepId: annotation customer "y" points at step "ghost", which is not a step of this map',
      'annotations[4].stepId: queue "z" needs the step it stands before (stepId)',
    ]);
  });

  it('refuses unknown kinds and a negative count with the field named', () => {
    expect(errorsOf({ ...BASE, annotations: [{ id: 'q', kind: 'queue', stepId: 'a', count: -1 }] })).toContain('annotations[0].count');
    expect(errorsOf({ ...BASE, annotations: [{ id: 'q', kind: 'cloud' }] })).toContain('annotations[0].kind');
    expect(errorsOf({ ...BASE, flows: [{ from: 'a', to: 'b', kind: 'info', infoKind: 'telepathy' }] })).toContain('flows[0].infoKind');
  });

  it('annotations never change the flow order', () => {
    const parsed = MapDocSchema.parse(BASE);
    expect(stepsInFlowOrder(parsed).map((s) => s.id)).toEqual(stepsInFlowOrder({ ...parsed, annotations: [] } as never).map((s) => s.id));
  });
});

describe('map methods: save by id, rename, delete', () => {
  const tmp = tempDir();
  let core: Core;
  let t = 1_000;
  beforeAll(() => {
    const file = tmp.file('maps.vsm');
    core = createCore({ workspacePath: file, db: openWorkspace(file, { create: true }), clock: { now: () => (t += 1_000) } });
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('stores annotations and flow labels and reads them back unchanged', async () => {
    const { id } = await core.saveMap({ map: BASE });
    const { id: _id, updatedAt: _u, revision: _r, ...doc } = (await core.getMap({ mapId: id }))!;
    expect(doc).toEqual(MapDocSchema.parse(BASE));
  });

  it('renames a map when saved with its id, and keeps a second map apart', async () => {
    const first = (await core.listMaps({}))[0]!;
    await core.saveMap({ map: { ...BASE, name: 'Second' } });
    await core.saveMap({ map: { ...BASE, name: 'Workshop, renamed' }, mapId: first.id });
    const names = (await core.listMaps({})).map((m) => m.name).sort();
    expect(names).toEqual(['Second', 'Workshop, renamed']);
    expect((await core.getMap({ mapId: first.id }))!.name).toBe('Workshop, renamed');
  });

  it('refuses to rename onto the name of another map, and saves nothing', async () => {
    const maps = await core.listMaps({});
    const renamed = maps.find((m) => m.name === 'Workshop, renamed')!;
    const err = await core
      .saveMap({ map: { ...BASE, name: 'Second', steps: [BASE.steps[0]!], flows: [], annotations: [] }, mapId: renamed.id })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowmapError);
    expect((err as Error).message).toBe('another map of this workspace is already called "Second"; choose another name');
    expect((await core.getMap({ mapId: renamed.id }))!.steps).toHaveLength(2);
  });

  it('deletes a map with its steps and flows; a second delete names the missing map', async () => {
    const second = (await core.listMaps({})).find((m) => m.name === 'Second')!;
    expect(await core.deleteMap({ mapId: second.id })).toMatchObject({ deleted: true });
    expect((await core.listMaps({})).map((m) => m.name)).toEqual(['Workshop, renamed']);
    const steps = core.db.prepare('SELECT count(*) AS n FROM steps WHERE map_id = ?').get(second.id) as { n: number };
    expect(steps.n).toBe(0);
    await expect(core.deleteMap({ mapId: second.id })).rejects.toThrow(`no map #${second.id} in this workspace`);
    await expect(core.saveMap({ map: BASE, mapId: second.id })).rejects.toThrow(`no map #${second.id} in this workspace`);
  });
});

describe('the queue before a step: waitWip in the core', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  it('counts the items in the wait statuses now, apart from those being worked on', async () => {
    const H = 3_600_000;
    const T0 = Date.UTC(2026, 0, 5);
    const item = (key: string, moves: string[]) => ({
      key,
      createdAt: T0,
      initialStatus: 'Ready',
      changes: moves.map((to, i) => ({ at: T0 + (i + 1) * H, from: i === 0 ? 'Ready' : moves[i - 1]!, to })),
    });
    // Now: x1 and x2 queue before Analyse (Ready), x3 analyses, x4 queues before Build, x5 builds, x6 is done.
    const items = [
      item('x1', []),
      item('x2', []),
      item('x3', ['Analysing']),
      item('x4', ['Analysing', 'To build']),
      item('x5', ['Analysing', 'To build', 'Building']),
      item('x6', ['Analysing', 'Done']),
    ];
    const { core, mapId } = metricsWorkspace(tmp.file('q.vsm'), BASE, items);
    try {
      const m = await core.flowMetrics({ mapId, asOf: new Date(T0 + 100 * H).toISOString() });
      expect(m.steps.map((s) => [s.id, s.wip, s.waitWip])).toEqual([
        ['a', 3, 2],
        ['b', 2, 1],
      ]);
    } finally {
      core.close();
    }
  });
});
