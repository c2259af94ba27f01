// The page's session with the local host, run against a real host: the ticket leaves the address bar before
// anything reads the route, is traded once, and a reload (same tab) signs in from sessionStorage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpTransport } from '../../shared/client/create-client.ts';
import { createHttpSession, SESSION_STORAGE_KEY, splitTicket, type SessionEnv } from '../../shared/client/http-session.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { startHost, type Host } from '../../shared/http/host.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
let core: Core;
let host: Host;

beforeAll(async () => {
  const file = tmp.file('demo.vsm');
  core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  host = await startHost({ core });
});
afterAll(async () => {
  await host.close();
  core.close();
  tmp.cleanup();
});

/** A tab: its address bar, its history entries and its sessionStorage. */
function tab(url: string, storage = new Map<string, string>()) {
  const u = new URL(url);
  const bar = { hash: u.hash, pathname: u.pathname, search: u.search };
  const replaced: string[] = [];
  const env: SessionEnv = {
    origin: u.origin,
    location: bar,
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, next?: string | URL | null) => {
        replaced.push(String(next));
        const n = new URL(String(next), u.origin);
        Object.assign(bar, { hash: n.hash, pathname: n.pathname, search: n.search });
      },
    },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
    fetch: (...a) => fetch(...a),
  };
  return { env, bar, replaced, storage };
}

describe('page session (no cookie; ticket in the fragment, traded once)', () => {
  it('splits the ticket from a route that follows it', () => {
    expect(splitTicket('#token=abc-_9#/report?mapId=1')).toEqual({ ticket: 'abc-_9', rest: '#/report?mapId=1' });
    expect(splitTicket('#token=abc')).toEqual({ ticket: 'abc', rest: '' });
    expect(splitTicket('#/report')).toEqual({ ticket: null, rest: '#/report' });
    expect(splitTicket('')).toEqual({ ticket: null, rest: '' });
  });

  it('removes the ticket from the address bar at once, keeping the route, then signs in and calls the API', async () => {
    const t = tab(`${host.newOpenUrl()}#/report?mapId=1`);
    createHttpSession(t.env);
    expect(t.bar.hash).toBe('#/report?mapId=1');
    expect(t.replaced).toEqual(['/#/report?mapId=1']);
    const first = tab(host.newOpenUrl());
    const s = createHttpSession(first.env);
    expect(first.bar.hash).toBe('');
    const client = createClient(httpTransport(host.url, () => s.token()));
    expect((await client.workspaceInfo({})).maps).toBeGreaterThan(0);
    expect(first.storage.get(SESSION_STORAGE_KEY)).toBe(host.token);
  });

  it('a reload of the same tab signs in from sessionStorage; a reused link in a fresh tab is refused', async () => {
    const link = host.newOpenUrl();
    const t = tab(link);
    const s = createHttpSession(t.env);
    expect(await s.token()).toBe(host.token);
    const reload = tab(`${host.url}/`, t.storage);
    expect(await createHttpSession(reload.env).token()).toBe(host.token);
    // The same link again in the same tab: the ticket is refused, the tab's own session still works.
    const sameTab = tab(link, t.storage);
    expect(await createHttpSession(sameTab.env).token()).toBe(host.token);
    // ...and in a fresh tab it is refused with the reason.
    const fresh = tab(link);
    await expect(createHttpSession(fresh.env).token()).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/already used/) });
    const none = tab(`${host.url}/`);
    await expect(createHttpSession(none.env).token()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('once the token is known, a call reaches fetch in its own task, ahead of microtasks queued before it', async () => {
    const t = tab(host.newOpenUrl());
    const s = createHttpSession(t.env);
    expect(s.token()).toBeInstanceOf(Promise); // the ticket is still to trade
    expect(await s.token()).toBe(host.token);
    expect(s.token()).toBe(host.token); // known now: no promise, no microtask hop
    const order: string[] = [];
    const real = globalThis.fetch;
    globalThis.fetch = (...a) => {
      order.push('fetch');
      return real(...a);
    };
    try {
      const client = createClient(httpTransport(host.url, () => s.token()));
      // What a state change does before the call: React queues its render as a microtask.
      queueMicrotask(() => order.push('render'));
      const info = client.workspaceInfo({});
      expect(order).toEqual(['fetch']);
      expect((await info).maps).toBeGreaterThan(0);
      expect(order).toEqual(['fetch', 'render']);
    } finally {
      globalThis.fetch = real;
    }
    // Forgotten (the host refused it): asked for again, not answered from memory.
    s.forget();
    await expect(Promise.resolve(s.token())).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
