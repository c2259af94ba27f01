// Runs the core in a worker thread for `vsm serve`, so the serving thread never waits on a long call: static
// files, sign-in, event streams and a cancel are answered while an import or a large forecast runs.
import { Worker } from 'node:worker_threads';
import { connectCore, type CoreMessage, type RemoteCore } from '../core/core-channel.ts';
import type { CredentialSites } from '../cli/open-core.ts';

export interface WorkerCoreSpec {
  /** The workspace file (the demo is written to one before the worker starts). */
  workspace: string;
  create?: boolean;
  sites?: CredentialSites;
  /** Write the demo workspace to `workspace` first (in the worker, so generating it holds no other thread). */
  demo?: boolean;
  /** Compute the first screen's figures after ready (default true; `vsm report` asks for its own). */
  warm?: boolean;
  /** A fixed "now" (tests and the bench compare answers with an in-thread core on the same instant). */
  fixedNow?: number;
  /** Set by startWorkerCore: the module the source-mode bootstrap imports. */
  entry?: string;
}

export interface WorkerCore extends RemoteCore {
  close(): Promise<void>;
}

/** The bundle (dist-cli/) ships core-worker.mjs beside this chunk; from the sources, tsx loads core-worker.ts. */
function workerEntry(): { file: URL; entry?: string } {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return { file: new URL('./core-worker.mjs', import.meta.url) };
  return { file: new URL('./core-worker-boot.mjs', import.meta.url), entry: new URL('./core-worker.ts', import.meta.url).href };
}

export async function startWorkerCore(spec: WorkerCoreSpec): Promise<WorkerCore> {
  const { file, entry } = workerEntry();
  const worker = new Worker(file, { workerData: { ...spec, entry } });
  const channel = connectCore({
    send: (m) => worker.postMessage(m),
    onMessage: (l) => worker.on('message', (m: CoreMessage) => l(m)),
  });
  worker.on('error', (e) => channel.ownerExited(e.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      channel.ownerExited(`exit code ${code}`);
      resolve();
    }),
  );
  let remote: RemoteCore;
  try {
    remote = await channel.ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  return {
    ...remote,
    close: async () => {
      worker.postMessage({ kind: 'close' } satisfies CoreMessage);
      await exited;
    },
  };
}
