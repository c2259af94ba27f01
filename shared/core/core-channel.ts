// The core over a message port: one side owns the core (a worker thread under `vsm serve`, a utility process in
// the desktop app) and answers calls; the other side (the HTTP host, Electron main) forwards calls and receives
// the core's events. Transport only: input is still validated by the owning core's `call`. Node only.
import { CONTRACT_EVENTS } from '../contract/method-names.ts';
import type { ContractEvents, EventName, MethodName, MethodOutput } from '../contract/contract.ts';
import { FlowmapError, toErrorPayload, type ErrorPayload } from '../domain/errors.ts';
import { answerFor, type TaggedAnswer } from './answer-tags.ts';
import type { Core } from './create-core.ts';
import { createNextFilters, type NextFilterOptions } from './next-filters.ts';

/** A message port reduced to what the channel needs (worker_threads, Electron utilityProcess, MessageChannel). */
export interface CorePort {
  send(message: CoreMessage): void;
  onMessage(listener: (message: CoreMessage) => void): void;
}

export type CoreMessage =
  // `have`: the tag of the answer the caller already holds (see answer-tags.ts); the owner answers `same` when
  // its answer is still that object, without writing it again.
  | { kind: 'call'; id: number; method: MethodName; input: unknown; have?: string }
  // The owner sends each result as JSON text: a port copies one string in microseconds, while cloning a large
  // object graph (the 50,000-item series, 6.6 MB) took 85–275 ms; the HTTP host then sends that text unchanged.
  | { kind: 'result'; id: number; json: string; tag?: string }
  | { kind: 'same'; id: number; tag: string }
  | { kind: 'error'; id: number; error: ErrorPayload }
  | { kind: 'event'; event: EventName; payload: unknown }
  | { kind: 'close' }
  | { kind: 'ready'; workspacePath: string }
  | { kind: 'failed'; error: ErrorPayload };

/** What the forwarding side holds: the core's calls and events, and its workspace. */
export interface RemoteCore {
  readonly workspacePath: string;
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  /** The same call, answered with the result's JSON text as the owner wrote it (what an HTTP response carries). */
  callJson(method: MethodName, input: unknown): Promise<string>;
  /** The same, for a caller that may hold the answer already (`have`, its tag): `same` instead of the text when it is unchanged. */
  callTagged(method: MethodName, input: unknown, have?: string): Promise<TaggedAnswer>;
  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void;
}

/**
 * The owning side: answers every call on `port` with `core` and forwards every contract event. With
 * `nextFilters`, the owner computes the likely next type filters while it is idle (next-filters.ts); returns
 * what stops that, for the owner's close.
 */
export function serveCore(
  core: Pick<Core, 'call' | 'on' | 'workspacePath'>,
  port: CorePort,
  options: { nextFilters?: NextFilterOptions } = {},
): { stop(): void } {
  for (const event of CONTRACT_EVENTS) core.on(event, (payload) => port.send({ kind: 'event', event, payload }));
  const next = options.nextFilters === undefined ? null : createNextFilters(core, options.nextFilters);
  port.onMessage((m) => {
    if (m.kind !== 'call') return;
    next?.started(m.method, m.input);
    core.call(m.method, m.input).then(
      (value) => {
        const a = answerFor(value, m.have, () => JSON.stringify(value ?? null));
        port.send('same' in a ? { kind: 'same', id: m.id, tag: a.tag } : { kind: 'result', id: m.id, json: a.json, ...(a.tag !== null ? { tag: a.tag } : {}) });
        next?.finished(m.method, value);
      },
      // Only the payload crosses (code and message): never a stack, nor an object the port cannot clone.
      (e: unknown) => {
        port.send({ kind: 'error', id: m.id, error: toErrorPayload(e) });
        next?.finished(m.method, undefined);
      },
    );
  });
  port.send({ kind: 'ready', workspacePath: core.workspacePath });
  return { stop: () => next?.stop() };
}

/**
 * The forwarding side. Resolves when the owner reports `ready` (or rejects with its start-up error, e.g. a
 * workspace that cannot be opened); `onExit` rejects every pending call when the owner stops.
 */
export function connectCore(port: CorePort): { ready: Promise<RemoteCore>; ownerExited(reason: string): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let exited: FlowmapError | null = null;
  let settle!: { resolve(c: RemoteCore): void; reject(e: unknown): void };
  const ready = new Promise<RemoteCore>((resolve, reject) => (settle = { resolve, reject }));

  const callTagged = (method: MethodName, input: unknown, have?: string): Promise<TaggedAnswer> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.send({ kind: 'call', id, method, input, ...(have !== undefined ? { have } : {}) });
    });
  };
  // Without `have` the owner never answers `same`.
  const callJson = (method: MethodName, input: unknown): Promise<string> => callTagged(method, input).then((a) => ('json' in a ? a.json : ''));

  const remote = (workspacePath: string): RemoteCore => ({
    workspacePath,
    call: (method, input) => callJson(method, input).then((json) => JSON.parse(json) as never),
    callJson,
    callTagged,
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
  });

  port.onMessage((m) => {
    switch (m.kind) {
      case 'ready':
        return settle.resolve(remote(m.workspacePath));
      case 'failed':
        return settle.reject(FlowmapError.fromPayload(m.error));
      case 'event':
        for (const l of listeners.get(m.event) ?? []) l(m.payload);
        return;
      case 'result':
      case 'same':
      case 'error': {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.kind === 'result') p.resolve({ json: m.json, tag: m.tag ?? null });
        else if (m.kind === 'same') p.resolve({ same: true, tag: m.tag });
        else p.reject(FlowmapError.fromPayload(m.error));
        return;
      }
    }
  });

  return {
    ready,
    ownerExited: (reason) => {
      exited = new FlowmapError('internal', `the core stopped (${reason}); open the workspace again`);
      settle.reject(exited);
      for (const p of pending.values()) p.reject(exited);
      pending.clear();
    },
  };
}
