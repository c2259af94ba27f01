// A CoreApi over any transport: the renderer uses it over Electron IPC or HTTP alike.
// Outputs are parsed with the contract, so the UI never trusts a transport's shape blindly. Browser-safe.
import { contract, METHOD_NAMES, type CoreApi, type MethodName } from '../contract/contract.ts';
import { ErrorPayloadSchema } from '../domain/error-payload.ts';
import { FlowmapError } from '../domain/errors.ts';

/** Sends one call; resolves with the raw result or rejects with an ErrorPayload-shaped value. */
export type Transport = (method: MethodName, input: unknown) => Promise<unknown>;

export function createClient(transport: Transport): CoreApi {
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    api[name] = async (input: unknown) => {
      let raw: unknown;
      try {
        raw = await transport(name, input);
      } catch (e) {
        const payload = ErrorPayloadSchema.safeParse(e);
        throw payload.success ? FlowmapError.fromPayload(payload.data) : e;
      }
      return contract[name].output.parse(raw);
    };
  }
  return api as CoreApi;
}

/** The session token, or where to get it (a page: its HttpSession). */
export type TokenSource = string | (() => Promise<string>);

/**
 * Transport over the local HTTP host: POST /api/<method> with `Authorization: Bearer <session token>`. No
 * cookie is ever sent or set (`credentials: 'omit'`).
 */
export function httpTransport(baseUrl: string, token: TokenSource): Transport {
  return async (method, input) => {
    const bearer = typeof token === 'string' ? token : await token();
    const res = await fetch(`${baseUrl}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      credentials: 'omit',
      body: JSON.stringify(input ?? {}),
    });
    const body = (await res.json()) as unknown;
    if (!res.ok) throw body;
    return body;
  };
}
