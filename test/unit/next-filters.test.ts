// The likely next type filters, computed by the core's owner while the app is idle (next-filters.ts): over the
// worker channel (serveCore ↔ connectCore on an in-memory port) with a real core on the demo. What the owner
// computed ahead is what the app's click then gets, the very answer object the core kept; a call arriving
// stops a round; nothing runs after stop; an import makes it read the types again.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract/contract.ts';
import { connectCore, serveCore, type CoreMessage, type CorePort, type RemoteCore } from '../../shared/core/core-channel.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { toggledTypes } from '../../shared/core/next-filters.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Two ends of an in-memory port: each message is delivered on a later turn, as a worker's would be. */
function portPair(): [CorePort, CorePort] {
  const a: Array<(m: CoreMessage) => void> = [];
  const b: Array<(m: CoreMessage) => void> = [];
  const deliver = (to: Array<(m: CoreMessage) => void>, m: CoreMessage) => setImmediate(() => to.forEach((l) => l(structuredClone(m))));
  return [
    { send: (m) => deliver(b, m), onMessage: (l) => a.push(l) },
    { send: (m) => deliver(a, m), onMessage: (l) => b.push(l) },
  ];
}

type Seen = { method: MethodName; input: Record<string, unknown>; value: unknown };

/** A demo core served over a port, every call the owner makes on it recorded (the real core answers each). */
function served(idleMs: number, maxTypes = 4) {
  const file = tmp.file(`w${Math.random().toString(36).slice(2)}.vsm`);
  const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  const seen: Seen[] = [];
  const recording: Pick<Core, 'call' | 'on' | 'workspacePath'> = {
    workspacePath: core.workspacePath,
    on: core.on,
    call: async (method, input) => {
      const value = await core.call(method, input);
      seen.push({ method, input: input as Record<string, unknown>, value });
      return value;
    },
  };
  const [owner, caller] = portPair();
  const channel = connectCore(caller);
  const stop = serveCore(recording, owner, { nextFilters: { idleMs, maxTypes } });
  return { core, seen, stop, remote: channel.ready };
}

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('toggledTypes', () => {
  it('ticks a type that is not ticked and unticks one that is, keeping the others in order', () => {
    expect(toggledTypes([], 'Bug')).toEqual(['Bug']);
    expect(toggledTypes(['Bug'], 'Bug')).toEqual([]);
    expect(toggledTypes(['Bug', 'Story'], 'Bug')).toEqual(['Story']);
    expect(toggledTypes(['Story'], 'Bug')).toEqual(['Story', 'Bug']);
  });
});

describe('the owner computes the likely next type filters while idle', () => {
  let s: ReturnType<typeof served>;
  let remote: RemoteCore;
  let mapId: number;
  let types: { value: string; items: number }[];
  beforeAll(async () => {
    s = served(50, 2);
    remote = await s.remote;
    mapId = (await remote.call('getMap', {}))!.id;
    types = (await remote.call('itemFacets', {})).types;
  }, 60_000);
  afterAll(() => {
    s.stop.stop();
    s.core.close();
  });

  it("after the app's reads and a quiet moment, each of the two most common types is asked for, the fewest items first", { timeout: 60_000 }, async () => {
    expect(types.length).toBeGreaterThan(2);
    await Promise.all([remote.call('flowSeries', { mapId }), remote.call('flowMetrics', { mapId }), remote.call('forecast', { mapId, items: 10 })]);
    const before = s.seen.length;
    await quiet(2000);
    const ahead = s.seen.slice(before);
    // Only the reads the app asked for, with nothing but `types` changed, for the two most common types.
    const asked = ahead.map((a) => `${a.method} ${JSON.stringify(a.input)}`);
    const [most, next] = [types[0]!.value, types[1]!.value];
    expect(asked).toEqual(
      [next, most].flatMap((t) => [
        `forecast ${JSON.stringify({ mapId, items: 10, types: [t] })}`,
        `flowMetrics ${JSON.stringify({ mapId, types: [t] })}`,
        `flowSeries ${JSON.stringify({ mapId, types: [t] })}`,
      ]),
    );
    // The app's click then gets the answer computed ahead: the very object the core kept.
    const series = ahead.find((a) => a.method === 'flowSeries' && (a.input.types as string[])[0] === most)!.value;
    expect(await s.core.flowSeries({ mapId, types: [most] })).toBe(series);
    expect(await remote.call('flowSeries', { mapId, types: [most] })).toEqual(series);
    // And it equals what a core that never computed ahead answers.
    const file = tmp.file('fresh.vsm');
    const fresh = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
    try {
      expect(await fresh.flowSeries({ mapId, types: [most] })).toEqual(series);
    } finally {
      fresh.close();
    }
  });

  it('after a type filter, its neighbours: the type unticked (every item) and the other ticked beside it', { timeout: 60_000 }, async () => {
    const [most, next] = [types[0]!.value, types[1]!.value];
    await remote.call('flowSeries', { mapId, types: [most] });
    const before = s.seen.length;
    await quiet(2000);
    const series = s.seen
      .slice(before)
      .filter((a) => a.method === 'flowSeries')
      .map((a) => a.input.types ?? []);
    expect(series).toEqual([[most, next], []]);
  });
});

describe('a round gives way', () => {
  /** A fresh served demo core (rounds after 30 ms of quiet) for `body`, stopped and closed after it. */
  async function withServed(body: (s: ReturnType<typeof served>, remote: RemoteCore, mapId: number) => Promise<void>) {
    const s = served(30);
    const remote = await s.remote;
    try {
      await body(s, remote, (await remote.call('getMap', {}))!.id);
    } finally {
      s.stop.stop();
      s.core.close();
    }
  }

  it('a call arriving stops the round at its next read; a quiet moment starts a new one', { timeout: 60_000 }, () =>
    withServed(async (s, remote, mapId) => {
      await remote.call('itemFacets', {});
      for (let i = 0; i < 6; i++) await remote.call('flowCharts', { mapId, label: `l${i}` });
      const before = s.seen.length;
      // As soon as the round's first read is under way, the app asks for something else.
      while (s.seen.length === before) await quiet(1);
      await remote.call('workspaceInfo', {});
      const stopped = s.seen.length - before;
      // 6 reads × 4 types were due; the round stopped after its first read or two.
      expect(stopped).toBeLessThan(4);
      await quiet(3000);
      expect(s.seen.length - before).toBeGreaterThan(stopped + 1);
    }),
  );

  it('after stop nothing more is computed, however long the owner is quiet', { timeout: 60_000 }, () =>
    withServed(async (s, remote, mapId) => {
      await remote.call('flowSeries', { mapId });
      s.stop.stop();
      const before = s.seen.length;
      await quiet(500);
      expect(s.seen.length).toBe(before);
    }),
  );

  it('without an itemFacets answer it reads the types itself, once, and again after an import', { timeout: 60_000 }, () =>
    withServed(async (s, remote, mapId) => {
      const facets = () => s.seen.filter((a) => a.method === 'itemFacets').length;
      await remote.call('flowSeries', { mapId });
      await quiet(1500);
      expect(facets()).toBe(1);
      await remote.call('flowSeries', { mapId, label: 'none-such' });
      await quiet(1500);
      expect(facets()).toBe(1);
      // A real import (its workspaceChanged 'items') drops the types the owner knew; the CSV brings Story and Bug items.
      await remote.call('importCsv', { path: path.join(REPO_ROOT, 'test', 'fixtures', 'csv', 'actionable-agile.csv') });
      await remote.call('flowSeries', { mapId });
      await quiet(1500);
      expect(facets()).toBe(2);
    }),
  );
});
