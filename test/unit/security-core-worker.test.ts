// Issue 11, class 5: one call must not block the host. The core runs in a worker thread under `vsm serve`:
// its answers equal an in-thread core's on the demo, inputs past the contract's caps are refused with the limit
// named, and while a long import or forecast runs the host still answers (ordering, never wall-clock bounds).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJiraExport } from '../../bench/generate-jira.ts';
import { environmentCredentialsFor } from '../../shared/cli/open-core.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { DEMO_AS_OF } from '../../shared/demo/demo-data.ts';
import type { MethodName } from '../../shared/contract/contract.ts';
import { startHost, type Host } from '../../shared/http/host.ts';
import { startWorkerCore, type WorkerCore } from '../../shared/http/worker-core.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
const NOW = Date.parse('2026-11-20T10:15:00Z');
let inThread: Core;
let worker: WorkerCore;
let host: Host;
let mapId: number;
const bigExport = tmp.file('big.json');

beforeAll(async () => {
  const demo = tmp.file('demo.vsm');
  createDemoWorkspace(demo).close();
  // Same file, same instant, same credential source: only the thread differs.
  inThread = createCore({ workspacePath: demo, clock: { now: () => NOW }, credentials: environmentCredentialsFor({}) });
  worker = await startWorkerCore({ workspace: demo, fixedNow: NOW });
  // A second workspace for the imports, so the comparison above reads a file nothing writes to.
  const target = tmp.file('target.vsm');
  createDemoWorkspace(target).close();
  const importer = await startWorkerCore({ workspace: target });
  host = await startHost({ core: importer, staticDir: tmp.dir });
  hostCores.push(importer);
  fs.writeFileSync(tmp.file('index.html'), '<!doctype html><title>t</title>');
  generateJiraExport(bigExport, 12_000);
  mapId = (await inThread.getMap({}))!.id;
}, 120_000);
const hostCores: WorkerCore[] = [];
afterAll(async () => {
  await host?.close();
  for (const c of hostCores) await c.close();
  await worker?.close();
  inThread?.close();
  tmp.cleanup();
});

const api = async (method: string, body: unknown) => {
  const res = await fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('the core in a worker thread', () => {
  it('answers exactly what an in-thread core answers on the demo, values and errors', async () => {
    const asOf = new Date(DEMO_AS_OF).toISOString();
    const calls: Array<[MethodName, unknown]> = [
      ['workspaceInfo', {}],
      ['listMaps', {}],
      ['getMap', {}],
      ['getMap', { mapId }],
      ['itemFacets', {}],
      ['workspaceStatuses', {}],
      ['flowMetrics', { mapId }],
      ['flowMetrics', { mapId, asOf, types: ['Bug'] }],
      ['wasteAnalysis', { mapId }],
      ['reportModel', {}],
      ['flowSeries', { mapId }],
      ['forecast', { mapId, items: 50, by: '2026-12-15T00:00:00Z', trials: 2000, seed: 7 }],
      ['stepItems', { mapId, stepId: (await inThread.getMap({}))!.steps[1]!.id, limit: 20 }],
      ['metricItems', { mapId }],
      ['conventionFigures', { mapId, convention: 'jirametrics' }],
      ['compareConventions', { mapId, a: 'flowmap', b: 'actionable-agile', limit: 50 }],
      ['doraMetrics', {}],
      ['doraTrend', {}],
      ['flowCharts', { mapId }],
      ['credentialStatus', {}],
      ['listBaselines', { mapId }],
      ['compareStates', { mapId }],
    ];
    for (const [method, input] of calls) {
      const here = await inThread.call(method, input);
      const there = await worker.call(method, input);
      // toStrictEqual: undefined members, class instances and key order of arrays all count.
      expect(there, method).toStrictEqual(here);
      expect(JSON.stringify(there), method).toBe(JSON.stringify(here));
    }
    const failures: Array<[MethodName, unknown]> = [
      ['getMap', { name: 'No such map' }],
      ['flowMetrics', { mapId: 999 }],
      ['forecast', { mapId, items: 1_000_000, trials: 1_000_000 }],
      ['workspaceInfo', { extra: 1 }],
      ['importJiraFiles', { path: tmp.file('missing.json') }],
    ];
    for (const [method, input] of failures) {
      const here = await inThread.call(method, input).then(
        () => null,
        (e: Error & { code?: string }) => ({ name: e.name, code: e.code, message: e.message }),
      );
      const there = await worker.call(method, input).then(
        () => null,
        (e: Error & { code?: string }) => ({ name: e.name, code: e.code, message: e.message }),
      );
      expect(here, method).not.toBeNull();
      expect(there, method).toStrictEqual(here);
    }
  }, 300_000);

  it('refuses a forecast past the caps with 400 and the limit named', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ items: 1_000_000, trials: 1_000_000 }, /items: at most 100,000 items[\s\S]*trials: at most 50,000 trials/],
      [{ items: 100_001 }, /items: at most 100,000 items/],
      [{ items: 10, trials: 50_001 }, /trials: at most 50,000 trials/],
      [{ items: 10, historyDays: 5000 }, /historyDays: at most 3,650 history days/],
      [{ by: '2046-01-01T00:00:00Z' }, /more than 3650 days after asOf .*at most 3650 days ahead/],
      [{ items: 10, types: Array.from({ length: 101 }, (_, i) => `T${i}`) }, /types: at most 100 types/],
      [{ items: 10, label: 'x'.repeat(201) }, /label: at most 200 characters/],
    ];
    for (const [extra, message] of cases) {
      const res = await api('forecast', { mapId, ...extra });
      expect(res.status, JSON.stringify(extra).slice(0, 80)).toBe(400);
      expect(res.body.code).toBe('invalid-input');
      expect(res.body.message).toMatch(message);
    }
    // At the caps the call is accepted.
    expect((await api('forecast', { mapId, items: 100_000, trials: 100, seed: 1 })).status).toBe(200);
  }, 120_000);

  it('answers workspaceInfo, static files and sign-in links while a long import runs, before it ends', async () => {
    const before = (await api('workspaceInfo', {})).body.items as number;
    const order: string[] = [];
    const firstProgress = new Promise<void>((resolve) => {
      const off = hostCores[0]!.on('importProgress', (p) => {
        if (p.importId === 'long-1') {
          off();
          resolve();
        }
      });
    });
    const running = api('importJiraFiles', { path: bigExport, importId: 'long-1' }).then((r) => {
      order.push('import');
      return r;
    });
    await firstProgress;
    const info = api('workspaceInfo', {}).then((r) => {
      order.push('workspaceInfo');
      return r;
    });
    const page = fetch(`${host.url}/`).then(async (r) => {
      order.push('static');
      return { status: r.status, text: await r.text() };
    });
    const [imported, during, served] = await Promise.all([running, info, page]);
    expect(imported.status).toBe(200);
    expect(imported.body.items).toBe(12_000);
    // workspaceInfo was answered between two of the import's batches (on its connection, inside its transaction).
    expect(during.status).toBe(200);
    expect(during.body.items).toBeGreaterThanOrEqual(before);
    expect(during.body.items).toBeLessThan(before + 12_000);
    expect(served).toEqual({ status: 200, text: '<!doctype html><title>t</title>' });
    expect(order.indexOf('workspaceInfo')).toBeLessThan(order.indexOf('import'));
    expect(order.indexOf('static')).toBeLessThan(order.indexOf('import'));
    expect((await api('workspaceInfo', {})).body.items).toBe(before + 12_000);
  }, 120_000);

  it('cancels a long import mid-way: it rolls back, and the workspace is as it was', async () => {
    const before = (await api('workspaceInfo', {})).body;
    const progress: number[] = [];
    const firstProgress = new Promise<void>((resolve) => {
      const off = hostCores[0]!.on('importProgress', (p) => {
        if (p.importId !== 'long-2') return;
        progress.push(p.done);
        off();
        resolve();
      });
    });
    const running = api('importJiraFiles', { path: bigExport, importId: 'long-2' });
    await firstProgress;
    const cancel = await api('cancelImport', { importId: 'long-2' });
    expect(cancel).toEqual({ status: 200, body: { cancelled: true } });
    const result = await running;
    expect(result.status).toBe(422);
    expect(result.body).toEqual({ code: 'import-failed', message: 'import cancelled; the workspace is unchanged' });
    expect((await api('workspaceInfo', {})).body).toEqual(before);
    // Cancelling an import that no longer runs says so.
    expect((await api('cancelImport', { importId: 'long-2' })).body).toEqual({ cancelled: false });
  }, 120_000);

  it('serves while one long forecast holds the core: the serving thread is never the core thread', async () => {
    const order: string[] = [];
    const forecast = api('forecast', { mapId, items: 100_000, trials: 20_000, seed: 3 }).then((r) => {
      order.push('forecast');
      return r;
    });
    const link = await fetch(`${host.url}/session/link`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` } });
    order.push('link');
    const page = await fetch(`${host.url}/index.html`);
    order.push('static');
    expect(link.status).toBe(200);
    expect(page.status).toBe(200);
    expect((await forecast).status).toBe(200);
    expect(order).toEqual(['link', 'static', 'forecast']);
  }, 120_000);
});
