// Issue 11, class 3: a token goes only to the site it is bound to, and no encoding of it comes back out.
// Servers here echo the Authorization header (raw, decoded, URL-encoded) into their error bodies; the token
// must appear in no encoding in the thrown error, the HTTP host's answer, or the CLI's output. A page-supplied
// other host is refused before any request; plain http only to loopback and only under the test switch.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type CredentialSource } from '../../shared/core/create-core.ts';
import { REDACTED, redactText, redactValue, secretForms } from '../../shared/core/redact.ts';
import { startHost } from '../../shared/http/host.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-token-site-');
const JIRA_TOKEN = 'ATATT3xFfGF0-echo-token-9b2e71c4';
const GITHUB_TOKEN = 'ghp_EchoEchoEcho0' + 'Z'.repeat(20);
const EMAIL = 'lead@example.com';

/** Every encoding of a token a server could send back. */
function encodings(token: string, email = EMAIL): string[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  return [
    token,
    encodeURIComponent(token),
    b64(token),
    b64url(token),
    b64(`${email}:${token}`),
    b64url(`${email}:${token}`),
    b64(`x${token}`),
    b64(`xy${token}`),
  ];
}
const leaks = (text: string, token: string) => encodings(token).filter((e) => text.includes(e));

interface Echo {
  url: string;
  hits: number;
  close(): Promise<void>;
}
/** A server that answers every request with an error whose body echoes the Authorization header, decoded too. */
async function echoServer(status = 400): Promise<Echo> {
  const state = { hits: 0 };
  const server = http.createServer((req, res) => {
    state.hits++;
    const auth = req.headers.authorization ?? '';
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : auth;
    const echo = `${auth} | ${decoded} | ${encodeURIComponent(decoded)} | ${Buffer.from(decoded).toString('base64')}`;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errorMessages: [echo], message: echo, errors: { auth: echo } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hits() {
      return state.hits;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const credentials = (sites: { jira?: string; github?: string }): CredentialSource => ({
  kind: 'environment',
  get: (s) => (s === 'jira' ? JIRA_TOKEN : GITHUB_TOKEN),
  site: (s) => sites[s] ?? null,
});
const coreWith = (name: string, sites: { jira?: string; github?: string }, allowLoopbackHttp = true) =>
  createCore({ workspacePath: tmp.file(name), db: openWorkspace(tmp.file(name), { create: true }), credentials: credentials(sites), allowLoopbackHttp });

let echo: Echo;
let other: Echo;
beforeAll(async () => {
  echo = await echoServer();
  other = await echoServer();
});
afterAll(async () => {
  await echo.close();
  await other.close();
  tmp.cleanup();
});

describe('redaction of every encoding', () => {
  it('removes raw, URL-encoded, base64 and base64url forms, and Basic base64(email:token) with any email', () => {
    const forms = secretForms([JIRA_TOKEN]);
    for (const email of ['a@b.c', 'ab@b.c', 'abc@b.c', EMAIL, '']) {
      const text = `got ${encodings(JIRA_TOKEN, email).join(' and ')}`;
      const out = redactText(text, forms);
      expect(encodings(JIRA_TOKEN, email).filter((e) => out.includes(e))).toEqual([]);
      expect(out).toContain(REDACTED);
    }
    expect(redactText('nothing secret here', forms)).toBe('nothing secret here');
  });

  it('property: base64 of any text holding the token no longer decodes to it after redaction (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 60 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (token, before, after) => {
        const forms = secretForms([token]);
        for (const enc of ['base64', 'base64url'] as const) {
          const text = Buffer.from(`${before}${token}${after}`).toString(enc);
          const decoded = Buffer.from(redactText(text, forms), enc).toString('utf8');
          expect(decoded.includes(token)).toBe(false);
        }
        expect(redactText(`${before}${token}${after}`, forms).includes(token)).toBe(false);
      }),
      { seed: 1111, numRuns: 300 },
    );
  });

  it('walks answers only when a form is in them, and redacts keys and values', () => {
    const forms = secretForms([GITHUB_TOKEN]);
    const clean = { a: [1, 'x'], b: { c: 'y' } };
    expect(redactValue(clean, forms)).toBe(clean);
    expect(redactValue({ w: [`token ${GITHUB_TOKEN}`], [GITHUB_TOKEN]: 1 }, forms)).toEqual({ w: [`token ${REDACTED}`], [REDACTED]: 1 });
  });
});

describe('a server that echoes the Authorization header', () => {
  it('Jira Cloud (Basic email:token) and Server (Bearer): the thrown error holds no encoding of the token', async () => {
    const core = coreWith('jira-echo.vsm', { jira: echo.url });
    for (const deployment of ['cloud', 'server'] as const) {
      const err = (await core.call('importJiraLive', { baseUrl: echo.url, jql: 'project = X', deployment, email: EMAIL }).catch((e: Error) => e)) as Error;
      expect(err).toBeInstanceOf(Error);
      expect(err.message).toMatch(/rejected the request \(400/);
      expect(err.message).toContain(REDACTED);
      expect(leaks(err.message, JIRA_TOKEN)).toEqual([]);
    }
    core.close();
  });

  it('GitHub: the thrown error holds no encoding of the token', async () => {
    const gh = await echoServer(422);
    const core = coreWith('gh-echo.vsm', { github: gh.url });
    const err = (await core.call('importGithubLive', { repo: 'o/r', apiUrl: gh.url }).catch((e: Error) => e)) as Error;
    expect(gh.hits).toBeGreaterThan(0);
    expect(err.message).toContain(REDACTED);
    expect(leaks(err.message, GITHUB_TOKEN)).toEqual([]);
    core.close();
    await gh.close();
  });

  it('the HTTP host answers the error with no encoding of the token', async () => {
    const core = coreWith('host-echo.vsm', { jira: echo.url, github: echo.url });
    const host = await startHost({ core });
    try {
      for (const [method, input] of [
        ['importJiraLive', { baseUrl: echo.url, jql: 'project = X', deployment: 'cloud', email: EMAIL }],
        ['importGithubLive', { repo: 'o/r', apiUrl: echo.url }],
      ] as const) {
        const res = await fetch(`${host.url}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        const text = await res.text();
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(leaks(text, JIRA_TOKEN)).toEqual([]);
        expect(leaks(text, GITHUB_TOKEN)).toEqual([]);
      }
    } finally {
      await host.close();
      core.close();
    }
  });

  it('the CLI prints no encoding of the token (stdout and stderr)', async () => {
    const run = (args: string[], env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], {
        cwd: REPO_ROOT,
        env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(JIRA_|GITHUB_|GH_)/.test(k))), FLOWMAP_ALLOW_LOOPBACK_HTTP: '1', ...env },
      }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const ws = tmp.file('cli-echo.vsm');
    const jira = await run(['import', 'jira-live', '--url', echo.url, '--jql', 'project = X', '--workspace', ws], {
      JIRA_API_TOKEN: JIRA_TOKEN,
      JIRA_EMAIL: EMAIL,
    });
    expect(jira.code).not.toBe(0);
    expect(jira.out).toMatch(/rejected the request/);
    expect(leaks(jira.out, JIRA_TOKEN)).toEqual([]);
    const gh = await run(['import', 'github', 'o/r', '--api-url', echo.url, '--workspace', ws], { GITHUB_TOKEN });
    expect(gh.code).not.toBe(0);
    expect(leaks(gh.out, GITHUB_TOKEN)).toEqual([]);
    // Without the test switch, plain http is refused before any request.
    const hits = echo.hits;
    const noSwitch = await run(['import', 'jira-live', '--url', echo.url, '--jql', 'project = X', '--workspace', ws], {
      JIRA_API_TOKEN: JIRA_TOKEN,
      JIRA_EMAIL: EMAIL,
      FLOWMAP_ALLOW_LOOPBACK_HTTP: '',
    });
    expect(noSwitch.out).toMatch(/is not https: a token is only ever sent over https/);
    expect(echo.hits).toBe(hits);
  }, 60_000);
});

describe('each token is bound to its site', () => {
  it('a page-supplied other host is refused before any request, with the bound site named', async () => {
    const core = coreWith('bound.vsm', { jira: echo.url, github: echo.url });
    const before = other.hits;
    const jira = core.call('importJiraLive', { baseUrl: other.url, jql: 'project = X', deployment: 'cloud', email: EMAIL });
    await expect(jira).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(new RegExp(`belongs to ${echo.url} and is never sent to another host: this import names ${other.url}`)),
    });
    await expect(core.call('importGithubLive', { repo: 'o/r', apiUrl: other.url })).rejects.toMatchObject({ code: 'unauthorized' });
    // The default GitHub API is another host too.
    await expect(core.call('importGithubLive', { repo: 'o/r' })).rejects.toThrow(/never sent to another host: this import names https:\/\/api\.github\.com/);
    // Same host, other port or scheme: another site.
    const otherPort = echo.url.replace(/:\d+$/, ':1');
    await expect(core.call('importJiraLive', { baseUrl: otherPort, jql: 'x', deployment: 'server' })).rejects.toThrow(/never sent to another host/);
    expect(other.hits).toBe(before);
    core.close();
  });

  it('an unbound token is sent nowhere; plain http needs loopback and the test switch', async () => {
    const unbound = coreWith('unbound.vsm', {});
    await expect(unbound.call('importJiraLive', { baseUrl: echo.url, jql: 'x', deployment: 'server' })).rejects.toThrow(/not bound to a site.*JIRA_BASE_URL/);
    unbound.close();
    const strict = coreWith('strict.vsm', { jira: echo.url }, false);
    const hits = echo.hits;
    await expect(strict.call('importJiraLive', { baseUrl: echo.url, jql: 'x', deployment: 'server' })).rejects.toThrow(
      /is not https.*FLOWMAP_ALLOW_LOOPBACK_HTTP=1/,
    );
    strict.close();
    const remoteHttp = coreWith('remote-http.vsm', { jira: 'http://jira.example.com' });
    await expect(remoteHttp.call('importJiraLive', { baseUrl: 'http://jira.example.com', jql: 'x', deployment: 'server' })).rejects.toThrow(
      /is not https: a token is only ever sent over https/,
    );
    remoteHttp.close();
    expect(echo.hits).toBe(hits);
  });

  it('the app stores the site with the token (https only) and reports it, never the token', async () => {
    const stored = new Map<string, { secret: string; site: string }>();
    const keychain: CredentialSource = {
      kind: 'keychain',
      get: (s) => stored.get(s)?.secret ?? null,
      site: (s) => stored.get(s)?.site ?? null,
      set: (s, secret, site) => void stored.set(s, { secret, site }),
      remove: (s) => void stored.delete(s),
    };
    const file = tmp.file('app.vsm');
    const core = createCore({ workspacePath: file, db: openWorkspace(file, { create: true }), credentials: keychain });
    await expect(core.call('setCredential', { service: 'jira', secret: JIRA_TOKEN })).rejects.toThrow(/give the Jira site/);
    await expect(core.call('setCredential', { service: 'jira', secret: JIRA_TOKEN, site: 'http://acme.atlassian.net' })).rejects.toThrow(/not https/);
    await expect(core.call('setCredential', { service: 'jira', secret: JIRA_TOKEN, site: echo.url })).rejects.toThrow(/not https/);
    await core.call('setCredential', { service: 'jira', secret: JIRA_TOKEN, site: 'https://acme.atlassian.net/jira/' });
    await core.call('setCredential', { service: 'github', secret: GITHUB_TOKEN });
    const status = await core.call('credentialStatus', {});
    expect(status).toEqual({ source: 'keychain', jira: true, github: true, sites: { jira: 'https://acme.atlassian.net', github: 'https://api.github.com' } });
    await expect(core.call('importJiraLive', { baseUrl: 'https://evil.example.com', jql: 'x', deployment: 'server' })).rejects.toThrow(
      /belongs to https:\/\/acme\.atlassian\.net/,
    );
    core.close();
  });
});
