// Chooses the transport the renderer runs on: Electron's preload bridge when present, else the local host.
import type { FlowmapBridge } from './bridge.ts';
import { createClient, httpTransport, type Transport } from './create-client.ts';
import { currentPageSession } from './http-session.ts';
import type { CoreApi } from '../contract/contract.ts';

declare global {
  interface Window {
    flowmap?: FlowmapBridge;
  }
}

export function bridgeTransport(bridge: FlowmapBridge): Transport {
  return async (method, input) => {
    const result = (await bridge[method](input)) as { ok: boolean; value?: unknown; error?: unknown };
    if (!result.ok) throw result.error;
    return result.value;
  };
}

export function createAppClient(): CoreApi {
  if (typeof window !== 'undefined' && window.flowmap) return createClient(bridgeTransport(window.flowmap));
  const session = currentPageSession();
  return createClient(httpTransport(window.location.origin, () => session.token()));
}
