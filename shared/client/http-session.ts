// The page's session with the local host (`vsm serve`), without a cookie: cookies are shared by every port of
// 127.0.0.1, so any other local page would receive one. The URL `vsm serve` prints carries a one-time ticket in
// its fragment (`#token=…`, never sent to a server, a log or a Referer). At start-up the page takes it out of the
// address bar (history.replaceState), trades it once at `POST /session` for the session token, and keeps that
// in memory and in sessionStorage (this tab and this origin, port included, only) so a reload still works.
// Every API call and the event stream send it as `Authorization: Bearer`. Browser-safe.
import { FlowmapError } from '../domain/errors.ts';

export const SESSION_STORAGE_KEY = 'flowmap.session';
const TICKET = /^#token=([A-Za-z0-9_-]+)(.*)$/;

export interface HttpSession {
  /**
   * The session token, trading the URL's ticket for it on first use. Once known it is returned as it is, not
   * as a promise: a call then reaches fetch in the same task, ahead of the render its state change queued.
   */
  token(): string | Promise<string>;
  /** Forgets a token the host refused (e.g. after `vsm serve` restarted). */
  forget(): void;
}

/** Splits `#token=TICKET` (optionally followed by the route, `#token=T#/report?…`) into ticket and the rest. */
export function splitTicket(hash: string): { ticket: string | null; rest: string } {
  const m = TICKET.exec(hash);
  return m ? { ticket: m[1]!, rest: m[2]! } : { ticket: null, rest: hash };
}

export interface SessionEnv {
  origin: string;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  fetch: typeof fetch;
}

/** Takes the ticket out of the address bar at once (before anything reads the route) and trades it lazily. */
export function createHttpSession(env: SessionEnv): HttpSession {
  const { ticket, rest } = splitTicket(env.location.hash);
  if (ticket !== null) env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest}`);
  let pending: string | null = ticket;
  let memory: Promise<string> | null = null;
  let known: string | null = null;

  const stored = () => {
    try {
      return env.storage?.getItem(SESSION_STORAGE_KEY) ?? null;
    } catch {
      return null; // storage disabled: the session lives in memory only
    }
  };

  async function trade(t: string): Promise<string> {
    const res = await env.fetch(`${env.origin}/session`, { method: 'POST', headers: { authorization: `Bearer ${t}` } });
    const body = (await res.json()) as { token?: unknown; code?: unknown; message?: unknown };
    if (!res.ok || typeof body.token !== 'string') throw body;
    try {
      env.storage?.setItem(SESSION_STORAGE_KEY, body.token);
    } catch {
      // memory only
    }
    return body.token;
  }

  return {
    token: () => {
      if (known !== null) return known;
      if (memory) return memory;
      if (pending !== null) {
        const t = pending;
        pending = null;
        memory = trade(t);
        // A refused ticket (already used) falls back to this tab's earlier session, if it has one.
        const traded = memory.catch((e: unknown) => {
          const earlier = stored();
          if (earlier !== null) return earlier;
          memory = null;
          throw e;
        });
        memory = traded;
        // Unless forgotten meanwhile (the host refused it before the trade came back).
        void traded.then(
          (t) => memory === traded && (known = t),
          () => undefined,
        );
        return traded;
      }
      const earlier = stored();
      if (earlier !== null) return (known = earlier);
      return Promise.reject(
        new FlowmapError('unauthorized', 'this tab has no session: open the URL `vsm serve` printed (each such URL signs in once)').toPayload(),
      );
    },
    forget: () => {
      memory = null;
      known = null;
      try {
        env.storage?.removeItem(SESSION_STORAGE_KEY);
      } catch {
        // nothing kept
      }
    },
  };
}

let pageSession: HttpSession | null = null;

/** The page's one session; main.tsx calls it first, so the ticket leaves the address bar before any render. */
export function currentPageSession(): HttpSession {
  pageSession ??= createHttpSession({
    origin: window.location.origin,
    location: window.location,
    history: window.history,
    storage: (() => {
      try {
        return window.sessionStorage;
      } catch {
        return null;
      }
    })(),
    fetch: (...args) => window.fetch(...args),
  });
  return pageSession;
}
