// The object the preload exposes as `window.flowmap`, built from two primitives the preload supplies
// (ipcRenderer.invoke and an ipcRenderer event subscription). Pure, so a unit test can check the exposed
// surface without Electron: one function per contract method, `on` for contract events, nothing else.
import { CONTRACT_EVENTS, CONTRACT_METHODS } from '../shared/contract/method-names.ts';
import type { BridgeEvent, BridgeMethod, FlowmapBridge } from '../shared/client/bridge.ts';

/** The one IPC channel for calls (renderer → main, invoke/handle). */
export const CALL_CHANNEL = 'flowmap:call';
/** The one IPC channel for events (main → renderer): `(name, payload)`. */
export const EVENT_CHANNEL = 'flowmap:event';
/** Preload → main: a workspace file the user dropped on the window (path read by webUtils in the preload). */
export const DROP_CHANNEL = 'flowmap:open-dropped';

export type Invoke = (channel: typeof CALL_CHANNEL, method: BridgeMethod, input: unknown) => Promise<unknown>;
/** Subscribes to EVENT_CHANNEL; returns an unsubscribe function. */
export type Subscribe = (listener: (name: unknown, payload: unknown) => void) => () => void;

export function isBridgeEvent(name: unknown): name is BridgeEvent {
  return typeof name === 'string' && (CONTRACT_EVENTS as readonly string[]).includes(name);
}

export function buildBridge(invoke: Invoke, subscribe: Subscribe): FlowmapBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of CONTRACT_METHODS) {
    // Only the input crosses; the renderer cannot choose the channel or the method's identity.
    bridge[method] = (input: unknown) => invoke(CALL_CHANNEL, method, input);
  }
  bridge.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isBridgeEvent(event)) throw new TypeError(`flowmap.on: unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('flowmap.on: listener must be a function');
    // The IPC event object (with `sender`, `ports`) never reaches the page: only the payload does.
    return subscribe((name, payload) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    });
  };
  return Object.freeze(bridge) as unknown as FlowmapBridge;
}
