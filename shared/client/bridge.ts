// The shape of `window.flowmap`, the one object the Electron preload exposes: one function per contract
// method plus a subscription to the contract's events. Browser-safe (types and names only).
import type { CONTRACT_EVENTS, CONTRACT_METHODS } from '../contract/method-names.ts';

export type BridgeMethod = (typeof CONTRACT_METHODS)[number];
export type BridgeEvent = (typeof CONTRACT_EVENTS)[number];

export type FlowmapBridge = { [M in BridgeMethod]: (input: unknown) => Promise<unknown> } & {
  /** Returns an unsubscribe function. */
  on(event: BridgeEvent, listener: (payload: unknown) => void): () => void;
};

/** Results cross IPC as `{ ok: true, value }` or `{ ok: false, error }` so typed errors survive the hop. */
export type BridgeResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
