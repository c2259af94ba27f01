// The worker thread that owns the core under `vsm serve`: opens the workspace, answers calls posted by the
// HTTP host (shared/http/worker-core.ts) and forwards the core's events. A long call here (an import, a big
// forecast) leaves the host's thread free to answer, stream events and take a cancel.
import { parentPort, workerData } from 'node:worker_threads';
import { openCore } from '../cli/open-core.ts';
import { serveCore, type CoreMessage, type CorePort } from '../core/core-channel.ts';
import { toErrorPayload } from '../domain/errors.ts';
import type { WorkerCoreSpec } from './worker-core.ts';

const spec = workerData as WorkerCoreSpec;
const parent = parentPort!;
const port: CorePort = {
  send: (m) => parent.postMessage(m),
  onMessage: (l) => parent.on('message', (m: CoreMessage) => l(m)),
};

try {
  const fixed = spec.fixedNow;
  if (spec.demo) {
    const { createDemoWorkspace } = await import('../demo/create-demo-workspace.ts');
    createDemoWorkspace(spec.workspace).close();
  }
  const core = await openCore(
    { workspace: spec.workspace },
    { create: spec.create, sites: spec.sites, clock: fixed === undefined ? undefined : { now: () => fixed } },
  );
  // The likely next type filters are computed while the page is idle, unless the first screen is not warmed either.
  const served = serveCore(core, port, spec.warm === false ? {} : { nextFilters: {} });
  parent.on('message', (m: CoreMessage) => {
    if (m.kind !== 'close') return;
    served.stop();
    core.close();
    parent.close();
  });
  // The first screen's figures, computed while the browser loads the page, so its first query finds them
  // cached. After `ready`, so the link is printed at once (on 50,000 items under load this took a minute).
  if (spec.warm !== false) void core.warm();
} catch (e) {
  port.send({ kind: 'failed', error: toErrorPayload(e) });
}
