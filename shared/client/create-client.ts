// A CoreApi over any transport: the renderer uses it over Electron IPC or HTTP alike.
// Outputs are parsed with the contract, so the UI never trusts a transport's shape blindly. Browser-safe.
import { contract, METHOD_NAMES, type CoreApi, type MethodName } from '../contract/contract.ts';
import { ErrorPayloadSchema } from '../domain/error-payload.ts';
import { FlowmapError } from '../domain/errors.ts';

/** Sends one call; resolves with the raw result or rejects with an ErrorPayload-shaped value. */
export type Transport = (method: MethodName, input: unknown) => Promise<unknown>;

export function createClient(transport: Transport): CoreApi {
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  // A transport that hands back an answer it kept (HTTP's 304) returns the same raw object: its parse is kept
  // too, so the UI gets the very object it had (its memos hold) and 50,000 points are not validated again.
  const parsed = new WeakMap<object, unknown>();
  for (const name of METHOD_NAMES) {
    api[name] = async (input: unknown) => {
      let raw: unknown;
      try {
        raw = await transport(name, input);
      } catch (e) {
        const payload = ErrorPayloadSchema.safeParse(e);
        throw payload.success ? FlowmapError.fromPayload(payload.data) : e;
      }
      const known = typeof raw === 'object' && raw !== null ? parsed.get(raw) : undefined;
      if (known !== undefined) return known;
      const out = contract[name].output.parse(raw);
      if (typeof raw === 'object' && raw !== null) parsed.set(raw, out);
      return out;
    };
  }
  return api as CoreApi;
}

/** The session token, or where to get it (a page: its HttpSession, which answers at once once it knows it). */
export type TokenSource = string | (() => string | Promise<string>);

/** Answers the HTTP transport keeps with their tags, for conditional calls: the last few of each method. */
const KEPT_PER_METHOD = 3;

/**
 * Transport over the local HTTP host: POST /api/<method> with `Authorization: Bearer <session token>`. No
 * cookie is ever sent or set (`credentials: 'omit'`).
 */
export function httpTransport(baseUrl: string, token: TokenSource): Transport {
  // Per method, by request body: the last answers that came with a tag (the core's kept answers: series,
  // distributions, forecast). Asking again sends the tag; a 304 means the core's answer is still this one.
  const kept = new Map<MethodName, Map<string, { tag: string; body: unknown }>>();
  return async (method, input) => {
    // No await before fetch when the token is known: the request leaves in the caller's task, not after
    // the microtasks queued before it (a filter change's synchronous render took 35 ms on 50,000 items).
    const now = typeof token === 'string' ? token : token();
    const bearer = typeof now === 'string' ? now : await now;
    const request = JSON.stringify(input ?? {});
    const mine = kept.get(method) ?? new Map<string, { tag: string; body: unknown }>();
    kept.set(method, mine);
    const held = mine.get(request);
    const res = await fetch(`${baseUrl}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...(held ? { 'if-none-match': `"${held.tag}"` } : {}) },
      credentials: 'omit',
      body: request,
    });
    if (res.status === 304 && held) {
      // Most recently used last, so the oldest goes first.
      mine.delete(request);
      mine.set(request, held);
      return held.body;
    }
    const body = (await res.json()) as unknown;
    if (!res.ok) throw body;
    const tag = /^"(.+)"$/.exec(res.headers.get('etag') ?? '')?.[1];
    mine.delete(request);
    if (tag !== undefined) {
      mine.set(request, { tag, body });
      if (mine.size > KEPT_PER_METHOD) mine.delete(mine.keys().next().value!);
    }
    return body;
  };
}
