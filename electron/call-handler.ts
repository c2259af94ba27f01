// The IPC call handler, apart from Electron: who may call (our app:// top frame), which methods (the
// contract's), and what comes back (`BridgeResult`). Input is validated by `core.call` against the contract.
import { isMethodName } from '../shared/contract/contract.ts';
import type { BridgeResult } from '../shared/client/bridge.ts';
import type { Core } from '../shared/core/create-core.ts';
import { toErrorPayload } from '../shared/domain/errors.ts';
import { isAppUrl } from './security.ts';

export interface CallSender {
  /** URL of the frame that sent the message (`event.senderFrame.url`). */
  frameUrl: string | undefined;
  /** Whether that frame is its page's top frame. */
  isMainFrame: boolean;
}

/** Only our own page's top frame may call the core. */
export function isTrustedSender(sender: CallSender): boolean {
  return sender.isMainFrame && isAppUrl(sender.frameUrl);
}

export function createCallHandler(getCore: () => Pick<Core, 'call'> | null) {
  return async (sender: CallSender, method: unknown, input: unknown): Promise<BridgeResult> => {
    if (!isTrustedSender(sender)) {
      return { ok: false, error: { code: 'unauthorized', message: 'calls are accepted only from the Flowmap window' } };
    }
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'not-found', message: `no such method: ${String(method).slice(0, 100)}` } };
    }
    const core = getCore();
    if (core === null) return { ok: false, error: { code: 'internal', message: 'no workspace is open' } };
    try {
      return { ok: true, value: await core.call(method, input) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e) };
    }
  };
}
