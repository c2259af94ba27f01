// The contract's events in the renderer, over whichever transport it runs on: the preload bridge's `on` in
// Electron, Server-Sent Events from the local host in a browser. Payloads are parsed with the contract, as
// call results are. Browser-safe.
import { contractEvents, type ContractEvents, type EventName } from '../contract/contract.ts';
import { CONTRACT_EVENTS } from '../contract/method-names.ts';
import type { FlowmapBridge } from './bridge.ts';

export type AppEventListener = <E extends EventName>(event: E, payload: ContractEvents[E]) => void;
type RawListener = (event: EventName, payload: unknown) => void;

function validated(listener: AppEventListener): RawListener {
  return (event, payload) => {
    const parsed = contractEvents[event].safeParse(payload);
    if (parsed.success) listener(event, parsed.data as ContractEvents[typeof event]);
  };
}

export function subscribeBridgeEvents(bridge: FlowmapBridge, listener: AppEventListener): () => void {
  const raw = validated(listener);
  const offs = CONTRACT_EVENTS.map((event) => bridge.on(event, (payload) => raw(event, payload)));
  return () => offs.forEach((off) => off());
}

/** `GET /events` on the host that served the page; the session cookie authorises it. */
export function subscribeHttpEvents(baseUrl: string, listener: AppEventListener): () => void {
  const raw = validated(listener);
  const source = new EventSource(`${baseUrl}/events`, { withCredentials: true });
  for (const event of CONTRACT_EVENTS) {
    source.addEventListener(event, (e) => {
      try {
        raw(event, JSON.parse((e as MessageEvent<string>).data));
      } catch {
        // A malformed frame is dropped, like any payload the contract rejects.
      }
    });
  }
  return () => source.close();
}

export function subscribeAppEvents(listener: AppEventListener): () => void {
  if (typeof window !== 'undefined' && window.flowmap) return subscribeBridgeEvents(window.flowmap, listener);
  return subscribeHttpEvents(window.location.origin, listener);
}
