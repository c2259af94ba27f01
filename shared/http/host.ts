// The local HTTP host: the contract over HTTP on 127.0.0.1, plus the built UI, behind a per-session token.
// Transport only: every call goes to `core.call`, which validates input with the contract.
import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMethodName, type MethodName } from '../contract/contract.ts';
import { CONTRACT_EVENTS } from '../contract/method-names.ts';
import { answerFor, parseTag, type TaggedAnswer } from '../core/answer-tags.ts';
import type { Core } from '../core/create-core.ts';
import { FlowmapError, toErrorPayload, type ErrorCode } from '../domain/errors.ts';
import { securityHeaders, serveStatic } from './static-files.ts';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** What the host needs of a core: calls with untrusted input, and its events (an in-thread core or a worker). */
export type HostCore = Pick<Core, 'call' | 'on'> & {
  /** A core in another thread answers with its JSON text, which the host sends as it is (no parse, no second stringify). */
  callJson?(method: MethodName, input: unknown): Promise<string>;
  /** The same with the answer's tag, told `same` when the caller's copy (`have`) is still the answer (a 304). */
  callTagged?(method: MethodName, input: unknown, have?: string): Promise<TaggedAnswer>;
};

export interface HostOptions {
  core: HostCore;
  /** Folder of the built renderer; without it only the API is served. */
  staticDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The session token (default: random); API calls present it as `Authorization: Bearer`. */
  token?: string;
}

export interface Host {
  url: string;
  /**
   * The URL to open: `/#token=TICKET`, a one-time sign-in ticket in the fragment (never sent to a server, a
   * log or a Referer). The page trades it once at `POST /session` for the session token, keeps that in memory
   * and sessionStorage (this origin and tab only), and removes the ticket from the address bar.
   */
  openUrl: string;
  /** Another one-time URL for a second tab or browser (each ticket is accepted once). */
  newOpenUrl(): string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthorized: 401,
  'not-found': 404,
  locked: 409,
  conflict: 409,
  'newer-schema': 409,
  corrupt: 500,
  'import-failed': 422,
  internal: 500,
};

class TooLarge extends Error {}

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of any two strings (non-ASCII, other lengths): equal-length digests compared. */
export function sameSecret(candidate: string | undefined, secret: string): boolean {
  return candidate !== undefined && crypto.timingSafeEqual(digest(candidate), digest(secret));
}

const bearer = (req: IncomingMessage) => {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
};

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  /** Unused sign-in tickets, by digest: each is deleted when it is traded for the session token. */
  const tickets = new Set<string>();
  const newTicket = () => {
    const ticket = crypto.randomBytes(24).toString('base64url');
    tickets.add(digest(ticket).toString('hex'));
    return ticket;
  };

  let origin = '';
  const newOpenUrl = () => `${origin}/#token=${newTicket()}`;

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...securityHeaders() }).end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, code: ErrorCode, message: string) => sendJson(res, STATUS[code], { code, message });
  const unauthorized = (res: ServerResponse) =>
    fail(res, 'unauthorized', 'missing or wrong session token: open the URL `vsm serve` printed (each such URL signs in once)');

  /** A call's answer from whichever way the core answers: tagged (a worker), as text (a worker without tags), or in this thread. */
  const answer = async (method: MethodName, input: unknown, have: string | undefined): Promise<TaggedAnswer> => {
    const { core } = options;
    if (core.callTagged) return core.callTagged(method, input, have);
    if (core.callJson) return { json: await core.callJson(method, input), tag: null };
    const value = await core.call(method, input);
    return answerFor(value, have, () => JSON.stringify(value));
  };

  /** DNS rebinding: only our own loopback names, with our port, may address this server. */
  const hostAllowed = (req: IncomingMessage) => {
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowed.includes(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    return origin === undefined || allowed.some((a) => origin === `http://${a}`);
  };

  /** Reads a JSON body of at most MAX_BODY_BYTES; past that it stops keeping data and fails with 413. */
  const readBody = (req: IncomingMessage) =>
    new Promise<unknown>((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_BODY_BYTES) return reject(new TooLarge());
      let size = 0;
      let tooLarge = false;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (tooLarge) return;
        if (size > MAX_BODY_BYTES) {
          tooLarge = true;
          chunks.length = 0;
          reject(new TooLarge());
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge) return;
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.trim() === '') return resolve({});
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new FlowmapError('invalid-input', 'request body is not valid JSON'));
        }
      });
      req.on('error', reject);
    });

  /**
   * The contract's events as Server-Sent Events: the browser build's stand-in for Electron's event channel.
   * A comment line every 15 s keeps idle connections open through proxies and detects closed tabs.
   */
  const streams = new Set<ServerResponse>();
  function streamEvents(res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', ...securityHeaders() });
    res.write(': connected\n\n');
    streams.add(res);
    const offs = CONTRACT_EVENTS.map((event) => options.core.on(event, (payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      offs.forEach((off) => off());
      streams.delete(res);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req)) return fail(res, 'unauthorized', 'this host only answers requests addressed to 127.0.0.1 or localhost from its own origin');

    // The ticket from the URL fragment, traded once for the session token; a second use is refused.
    if (url.pathname === '/session') {
      if (req.method !== 'POST') return fail(res, 'invalid-input', 'sign in with POST /session');
      const ticket = bearer(req);
      if (ticket === undefined || !tickets.delete(digest(ticket).toString('hex'))) {
        return fail(
          res,
          'unauthorized',
          'this sign-in link was already used or is not from this `vsm serve`: each link signs in once; reload the tab that used it, or start `vsm serve` again for a new link',
        );
      }
      return sendJson(res, 200, { token });
    }

    // A holder of the session token may ask for another one-time link (a second tab, a test's browser).
    if (url.pathname === '/session/link') {
      if (req.method !== 'POST') return fail(res, 'invalid-input', 'ask for a link with POST /session/link');
      if (!sameSecret(bearer(req), token)) return unauthorized(res);
      return sendJson(res, 200, { url: newOpenUrl() });
    }

    // The UI's files are public (the same bundle for everyone); the API and events need the session token,
    // as a header only: no cookie (cookies are shared by every port of 127.0.0.1) and no token in a URL.
    const isApi = url.pathname.startsWith('/api/') || url.pathname === '/events';
    if (isApi && !sameSecret(bearer(req), token)) return unauthorized(res);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return fail(res, 'invalid-input', 'API calls are POST requests');
      const method = url.pathname.slice('/api/'.length);
      if (!isMethodName(method)) return fail(res, 'not-found', `no such method: ${method}`);
      try {
        const input = await readBody(req);
        // A conditional call (If-None-Match: the tag of the answer the page holds): 304 and no body while the
        // core's answer is still that one. Every answer is still computed (or found) by the core for this
        // input, so a changed workspace or filter always sends the new one.
        const a = await answer(method, input, parseTag(req.headers['if-none-match']));
        const tagged = a.tag !== null ? { etag: `"${a.tag}"` } : {};
        if ('same' in a) res.writeHead(304, { ...tagged, ...securityHeaders() }).end();
        else res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...tagged, ...securityHeaders() }).end(a.json);
      } catch (e) {
        if (e instanceof TooLarge) {
          // Answer, then drop the connection rather than read the rest of an oversized body.
          res.setHeader('connection', 'close');
          res.on('finish', () => req.destroy());
          return sendJson(res, 413, { code: 'invalid-input', message: `request body is larger than ${MAX_BODY_BYTES} bytes` });
        }
        const payload = toErrorPayload(e);
        sendJson(res, STATUS[payload.code], payload);
      }
      return;
    }
    if (url.pathname === '/events') {
      if (req.method !== 'GET') return fail(res, 'invalid-input', 'events are a GET stream');
      return streamEvents(res);
    }
    if (req.method !== 'GET') return fail(res, 'invalid-input', 'only GET for pages');
    if (!options.staticDir) return fail(res, 'not-found', 'this host serves the API only');
    serveStatic(options.staticDir, url.pathname, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, toErrorPayload(e));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    openUrl: newOpenUrl(),
    newOpenUrl,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
