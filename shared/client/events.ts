// The contract's events in the renderer, over whichever transport it runs on: the preload bridge's `on` in
// Electron, Server-Sent Events from the local host in a browser. Payloads are parsed with the contract, as
// call results are. Browser-safe.
import { contractEvents, type ContractEvents, type EventName } from '../contract/contract.ts';
import { CONTRACT_EVENTS } from '../contract/method-names.ts';
import type { FlowmapBridge } from './bridge.ts';
import type { TokenSource } from './create-client.ts';
import { currentPageSession } from './http-session.ts';

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

/**
 * Parses Server-Sent Event frames out of a text stream: returns the complete frames and what is left over.
 * Comment lines (`: ping`) carry no event.
 */
export function parseSseFrames(buffer: string): { frames: { event: string; data: string }[]; rest: string } {
  const frames: { event: string; data: string }[] = [];
  const parts = buffer.split('\n\n');
  const rest = parts.pop() ?? '';
  for (const part of parts) {
    let event = 'message';
    const data: string[] = [];
    for (const line of part.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) frames.push({ event, data: data.join('\n') });
  }
  return { frames, rest };
}

/**
 * `GET /events` on the host that served the page, read with fetch streaming so the session token goes in the
 * `Authorization` header (EventSource cannot set headers, and a token in its URL would be a reusable credential).
 * Reconnects after a dropped stream, waiting up to 10 s.
 */
export function subscribeHttpEvents(baseUrl: string, token: TokenSource, listener: AppEventListener): () => void {
  const raw = validated(listener);
  const known = new Set<string>(CONTRACT_EVENTS);
  const controller = new AbortController();
  let delay = 500;
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const bearer = typeof token === 'string' ? token : await token();
        const res = await fetch(`${baseUrl}/events`, { headers: { authorization: `Bearer ${bearer}` }, credentials: 'omit', signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseSseFrames(buffer + value);
          buffer = parsed.rest;
          for (const f of parsed.frames) {
            if (!known.has(f.event)) continue;
            try {
              raw(f.event as EventName, JSON.parse(f.data));
            } catch {
              // A malformed frame is dropped, like any payload the contract rejects.
            }
          }
        }
      } catch {
        // dropped or refused: try again below
      }
      if (controller.signal.aborted) return;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void connect();
  return () => controller.abort();
}

export function subscribeAppEvents(listener: AppEventListener): () => void {
  if (typeof window !== 'undefined' && window.flowmap) return subscribeBridgeEvents(window.flowmap, listener);
  const session = currentPageSession();
  return subscribeHttpEvents(window.location.origin, () => session.token(), listener);
}
