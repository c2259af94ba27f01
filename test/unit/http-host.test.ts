// The local host over a real demo workspace: the token, the DNS-rebinding guard, limits, and that a call
// over HTTP answers exactly what the core answers.
import http from 'node:http';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpTransport } from '../../shared/client/create-client.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { MAX_BODY_BYTES, startHost, type Host } from '../../shared/http/host.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
let core: Core;
let host: Host;

beforeAll(async () => {
  const file = tmp.file('demo.vsm');
  fs.mkdirSync(tmp.file('static'));
  fs.writeFileSync(tmp.file('static/index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(tmp.file('secret.txt'), 'outside the static folder');
  core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  host = await startHost({ core, staticDir: tmp.file('static') });
});
afterAll(async () => {
  await host.close();
  core.close();
  tmp.cleanup();
});

/** Raw request, so tests can set Host and Origin headers that fetch would not let them forge. */
function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const auth = () => ({ authorization: `Bearer ${host.token}`, 'content-type': 'application/json' });

describe('local HTTP host', () => {
  it('listens on 127.0.0.1 only and prints a URL whose one-time ticket is in the fragment, not the session token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.openUrl).toMatch(new RegExp(`^${host.url}/#token=[\\w-]{32}$`));
    expect(host.openUrl).not.toContain(host.token);
    expect(new URL(host.openUrl).search).toBe('');
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a contract call exactly as the core does', async () => {
    const client = createClient(httpTransport(host.url, host.token));
    const map = await client.getMap({});
    expect(map?.name).toBe('Idea to production');
    expect(await client.flowMetrics({ mapId: map!.id })).toEqual(await core.flowMetrics({ mapId: map!.id }));
  });

  it('rejects calls without the token, or with a wrong one (any length, any characters: 401, never 500)', async () => {
    expect((await request({ path: '/api/workspaceInfo', method: 'POST' })).status).toBe(401);
    const wrongs = [
      'nope',
      'é'.repeat(32),
      'é'.repeat(host.token.length),
      '\u00ff'.repeat(16),
      'x'.repeat(host.token.length),
      `${host.token}x`,
      host.token.slice(1),
      '',
    ];
    for (const wrong of wrongs) {
      const res = await request({ path: '/api/workspaceInfo', method: 'POST', headers: { authorization: `Bearer ${wrong}` } });
      expect(res.status, JSON.stringify(wrong)).toBe(401);
      expect(JSON.parse(res.body).code).toBe('unauthorized');
      expect(res.body).not.toMatch(/length/i);
    }
    // A raw non-ASCII header (latin-1 bytes on the wire), as a hostile client can send it.
    const rawLatin1 = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/api/workspaceInfo', method: 'POST', headers: { host: `127.0.0.1:${host.port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.setHeader('authorization', Buffer.from(`Bearer ${'\u00e9'.repeat(32)}`, 'latin1').toString('latin1'));
      req.on('error', reject);
      req.end();
    });
    expect(rawLatin1).toBe(401);
  });

  it('never takes the session from a cookie or a ?token= query, and never sets a cookie', async () => {
    const byQuery = await request({ path: `/api/workspaceInfo?token=${host.token}`, method: 'POST' });
    expect(byQuery.status).toBe(401);
    const byCookie = await request({ path: '/api/workspaceInfo', method: 'POST', headers: { cookie: `flowmap_session=${host.token}` } });
    expect(byCookie.status).toBe(401);
    const events = await request({ path: `/events?token=${host.token}` });
    expect(events.status).toBe(401);
    const page = await request({ path: `/?token=${host.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('trades each URL ticket once for the session token; a reused or made-up ticket is refused', async () => {
    const link = host.newOpenUrl();
    const ticket = new URL(link).hash.slice('#token='.length);
    const first = await request({ path: '/session', method: 'POST', headers: { authorization: `Bearer ${ticket}` } });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ token: host.token });
    expect(first.headers['set-cookie']).toBeUndefined();
    const again = await request({ path: '/session', method: 'POST', headers: { authorization: `Bearer ${ticket}` } });
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).message).toMatch(/already used/);
    // The session token itself is not a ticket, and a ticket is not a session token.
    expect((await request({ path: '/session', method: 'POST', headers: { authorization: `Bearer ${host.token}` } })).status).toBe(401);
    const unused = new URL(host.newOpenUrl()).hash.slice('#token='.length);
    expect((await request({ path: '/api/workspaceInfo', method: 'POST', headers: { authorization: `Bearer ${unused}` } })).status).toBe(401);
    expect((await request({ path: '/session', method: 'GET', headers: { authorization: `Bearer ${unused}` } })).status).toBe(400);
    // Two different links are two tickets: both work once.
    expect((await request({ path: '/session', method: 'POST', headers: { authorization: `Bearer ${unused}` } })).status).toBe(200);
  });

  it('gives a new one-time link only to a holder of the session token', async () => {
    expect((await request({ path: '/session/link', method: 'POST' })).status).toBe(401);
    const res = await request({ path: '/session/link', method: 'POST', headers: auth() });
    expect(res.status).toBe(200);
    const { url } = JSON.parse(res.body) as { url: string };
    expect(url).toMatch(new RegExp(`^${host.url}/#token=`));
    expect(url).not.toContain(host.token);
  });

  it('rejects other Host and Origin headers (DNS rebinding), even with the token', async () => {
    const rebound = await request({ path: '/api/workspaceInfo', method: 'POST', headers: { ...auth(), host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(401);
    const crossOrigin = await request({ path: '/api/workspaceInfo', method: 'POST', headers: { ...auth(), origin: 'http://evil.example' } });
    expect(crossOrigin.status).toBe(401);
    const sameOrigin = await request({ path: '/api/workspaceInfo', method: 'POST', headers: { ...auth(), origin: host.url } });
    expect(sameOrigin.status).toBe(200);
  });

  it('validates input with the contract and names the bad field', async () => {
    const res = await request({ path: '/api/flowMetrics', method: 'POST', headers: auth(), body: JSON.stringify({ mapId: 'one' }) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/mapId/) });
    const extra = await request({ path: '/api/workspaceInfo', method: 'POST', headers: auth(), body: JSON.stringify({ sql: 'DROP TABLE maps' }) });
    expect(extra.status).toBe(400);
    const client = createClient(httpTransport(host.url, host.token));
    await expect(client.getMap({ mapId: 999 })).rejects.toBeInstanceOf(FlowmapError);
  });

  it('refuses unknown methods, non-JSON bodies and bodies over the size limit', async () => {
    expect((await request({ path: '/api/dropEverything', method: 'POST', headers: auth() })).status).toBe(404);
    expect((await request({ path: '/api/workspaceInfo', method: 'POST', headers: auth(), body: '{not json' })).status).toBe(400);
    const declared = await request({ path: '/api/saveMap', method: 'POST', headers: { ...auth(), 'content-length': String(MAX_BODY_BYTES + 1) }, body: '{}' });
    expect(declared.status).toBe(413);
    const streamed = await request({
      path: '/api/saveMap',
      method: 'POST',
      headers: { ...auth(), 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20),
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).message).toMatch(/larger than/);
  });

  it('serves the UI (public files) with a strict CSP, and never a file outside its folder', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await request({ path: '/index.html' })).status).toBe(200);
    const escape = await request({ path: '/..%2fsecret.txt' });
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('outside the static folder');
  });
});

describe('event stream (GET /events)', () => {
  it('refuses a request without the session token', async () => {
    const res = await request({ path: '/events' });
    expect(res.status).toBe(401);
  });

  it("streams the core's events as Server-Sent Events until the client goes away", async () => {
    const frames = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}` } },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => {
            text += d;
            // The first frame is the connection comment: the subscription exists, so the event can go out.
            if (text.startsWith(': connected') && !text.includes('event:'))
              void core.call('saveMap', {
                map: {
                  format: 'vsm-map',
                  version: 1,
                  name: 'SSE probe',
                  doneStatuses: ['Done'],
                  steps: [{ id: 'a', name: 'A', activeStatuses: ['Doing'], waitStatuses: [] }],
                  flows: [],
                },
              });
            if (text.includes('event: workspaceChanged')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(frames).toContain('event: workspaceChanged\ndata: {"what":"maps"}\n\n');
  });
});
