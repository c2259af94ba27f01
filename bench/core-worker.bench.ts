// The cost of running the core off the serving thread (`vsm serve`'s worker): call latency through the HTTP
// host with the core in the host's thread (before) and in a worker thread (after), on the demo; and how long
// a static file waits while a 10,000-trial forecast holds the core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../shared/core/create-core.ts';
import { createDemoWorkspace } from '../shared/demo/create-demo-workspace.ts';
import { startHost, type HostCore } from '../shared/http/host.ts';
import { startWorkerCore } from '../shared/http/worker-core.ts';
import type { BenchRow } from './run.ts';

const RUNS = 41;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(core: HostCore, dir: string, mapId: number) {
  const host = await startHost({ core, staticDir: dir });
  const post = (method: string, body: unknown) =>
    fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify(body) }).then((r) =>
      r.json(),
    );
  const time = async (f: () => Promise<unknown>) => {
    const out: number[] = [];
    await f(); // warm: the timeline cache, JIT
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await f();
      out.push(performance.now() - s);
    }
    return med(out);
  };
  const info = await time(() => post('workspaceInfo', {}));
  const metrics = await time(() => post('flowMetrics', { mapId }));
  const items = await time(() => post('metricItems', { mapId }));
  const waits: number[] = [];
  let resets = 0;
  for (let i = 0; i < 5; i++) {
    const forecast = post('forecast', { mapId, items: 100_000, trials: 10_000, seed: i });
    await new Promise((r) => setTimeout(r, 20));
    const s = performance.now();
    // A blocked host may answer only after its 10 s header timeout, by dropping the connection: that counts too.
    await fetch(`${host.url}/index.html`).then(
      (r) => r.text(),
      () => (resets += 1),
    );
    waits.push(performance.now() - s);
    await forecast;
  }
  await host.close();
  return { info, metrics, items, staticDuringForecast: med(waits), resets };
}

export default async function (): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-bench-worker-'));
  try {
    const file = path.join(dir, 'demo.vsm');
    createDemoWorkspace(file).close();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>bench</title>');
    const inThread = createCore({ workspacePath: file });
    const mapId = (await inThread.getMap({}))!.id;
    const before = await measure(inThread, dir, mapId);
    inThread.close();
    const worker = await startWorkerCore({ workspace: file });
    const after = await measure(worker, dir, mapId);
    await worker.close();
    const note = `median of ${RUNS} calls over HTTP, demo (3,196 items)`;
    const rows: BenchRow[] = [];
    for (const [key, label] of [
      ['info', 'workspaceInfo'],
      ['metrics', 'flowMetrics'],
      ['items', 'metricItems (every item, ~2 MB JSON)'],
    ] as const) {
      rows.push({ name: `core in the host thread: ${label}`, value: before[key], unit: 'ms', note });
      rows.push({ name: `core in a worker thread: ${label}`, value: after[key], unit: 'ms', note });
    }
    const waitNote = (r: { resets: number }) =>
      `median of 5: GET /index.html sent 20 ms into a 10,000-trial forecast of 100,000 items${r.resets ? `; ${r.resets} of 5 dropped by the blocked host` : ''}`;
    rows.push({ name: 'core in the host thread: static file during a long forecast', value: before.staticDuringForecast, unit: 'ms', note: waitNote(before) });
    rows.push({ name: 'core in a worker thread: static file during a long forecast', value: after.staticDuringForecast, unit: 'ms', note: waitNote(after) });
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
