// Conditional calls over HTTP: the core's kept answers (series, distributions, forecast) carry a tag, and a
// caller that still holds one gets 304 and no body while the core's answer is that same object. Over the
// in-thread host and the worker thread `vsm serve` runs, on the demo; and the page's client, which then hands
// the UI the very object it had.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, httpTransport } from '../../shared/client/create-client.ts';
import { answerFor, answerTag, answerText } from '../../shared/core/answer-tags.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { startHost, type Host } from '../../shared/http/host.ts';
import { startWorkerCore, type WorkerCore } from '../../shared/http/worker-core.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
let core: Core;
let worker: WorkerCore;
let local: Host;
let remote: Host;
let mapId: number;

beforeAll(async () => {
  const a = tmp.file('a.vsm');
  core = createCore({ workspacePath: a, db: createDemoWorkspace(a) });
  local = await startHost({ core });
  const b = tmp.file('b.vsm');
  createDemoWorkspace(b).close();
  worker = await startWorkerCore({ workspace: b });
  remote = await startHost({ core: worker });
  mapId = (await core.getMap({}))!.id;
}, 120_000);
afterAll(async () => {
  await local?.close();
  await remote?.close();
  await worker?.close();
  core?.close();
  tmp.cleanup();
});

async function post(host: Host, method: string, body: unknown, tag?: string) {
  const res = await fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...(tag !== undefined ? { 'if-none-match': tag } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
}

describe.each([
  ['the in-thread host', () => local],
  ['the host over the worker thread', () => remote],
])('%s', (_name, host) => {
  it('tags a kept answer; asked again with its tag: 304 and no body; another filter: a new answer and tag', async () => {
    const first = await post(host(), 'flowSeries', { mapId });
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-f]{12}-[0-9a-z]+"$/);
    const again = await post(host(), 'flowSeries', { mapId }, first.etag!);
    expect(again).toEqual({ status: 304, etag: first.etag, text: '' });
    // Without the tag the same answer comes whole, with the same tag.
    expect(await post(host(), 'flowSeries', { mapId })).toEqual(first);
    const bugs = await post(host(), 'flowSeries', { mapId, types: ['Bug'] }, first.etag!);
    expect(bugs.status).toBe(200);
    expect(bugs.etag).not.toBe(first.etag);
    expect((JSON.parse(bugs.text) as { scatter: { points: { type: string[] } } }).scatter.points.type.every((t) => t === 'Bug')).toBe(true);
    for (const m of ['flowCharts', 'forecast'] as const) {
      const q = m === 'forecast' ? { mapId, items: 10 } : { mapId };
      const a = await post(host(), m, q);
      expect(a.etag, m).not.toBeNull();
      expect((await post(host(), m, q, a.etag!)).status, m).toBe(304);
    }
  });

  it('never tags an answer built afresh each call, and ignores a made-up or malformed tag', async () => {
    const metrics = await post(host(), 'flowMetrics', { mapId });
    expect(metrics.status).toBe(200);
    expect(metrics.etag).toBeNull();
    const series = await post(host(), 'flowSeries', { mapId });
    for (const tag of ['"000000000000-0"', 'W/"x"', '*', series.etag!.replace(/.$/, 'zz"'), `${series.etag}, ${series.etag}`]) {
      const r = await post(host(), 'flowSeries', { mapId }, tag);
      expect(r.status, tag).toBe(200);
      expect(r.text, tag).toBe(series.text);
    }
  });
});

describe("a kept answer's text", () => {
  it('is written once and sent again as written; an answer built afresh is written each time', async () => {
    const series = await core.flowSeries({ mapId, types: ['Story'] });
    const metrics = await core.flowMetrics({ mapId });
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const first = answerText(series);
      expect(first).toBe(JSON.stringify(series));
      stringify.mockClear();
      expect(answerText(series)).toBe(first);
      expect(answerFor(series, undefined, () => 'unused')).toEqual({ json: first, tag: answerTag(series) });
      expect(stringify).not.toHaveBeenCalled();
      // Not kept: no tag, written by the caller's own function every time.
      expect(answerFor(metrics, undefined, () => JSON.stringify(metrics))).toEqual({ json: JSON.stringify(metrics), tag: null });
      expect(stringify).toHaveBeenCalledTimes(2);
    } finally {
      stringify.mockRestore();
    }
  });
});

describe('a changed workspace', () => {
  it('answers in full after an import, though the caller sends the old tag', async () => {
    const before = await post(local, 'flowSeries', { mapId });
    await core.importCsv({ path: path.join(REPO_ROOT, 'test', 'fixtures', 'csv', 'actionable-agile.csv') });
    const after = await post(local, 'flowSeries', { mapId }, before.etag!);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.text).toBe(JSON.stringify(await core.flowSeries({ mapId })));
  });
});

describe("the page's HTTP client", () => {
  it('asks with the tag it holds and, told 304, returns the very object it had; each filter its own answer', async () => {
    const seen: number[] = [];
    const real = globalThis.fetch;
    globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
      const res = await real(...args);
      if (String(args[0]).endsWith('/api/flowSeries')) seen.push(res.status);
      return res;
    };
    try {
      const client = createClient(httpTransport(remote.url, remote.token));
      const all = await client.flowSeries({ mapId });
      const bugs = await client.flowSeries({ mapId, types: ['Bug'] });
      expect(await client.flowSeries({ mapId })).toBe(all);
      expect(await client.flowSeries({ mapId, types: ['Bug'] })).toBe(bugs);
      expect(bugs).not.toEqual(all);
      expect(seen).toEqual([200, 200, 304, 304]);
      // What it hands back is what the core answers now.
      expect(all).toEqual(await worker.call('flowSeries', { mapId }));
    } finally {
      globalThis.fetch = real;
    }
  });
});
