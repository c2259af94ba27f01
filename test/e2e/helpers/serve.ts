// Starts the real local host (`node bin/vsm.mjs serve --demo`) as a child process and reads the URL it
// prints on its first line. No mocks: the page talks to the real core over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface Served {
  /** A URL to open (a one-time sign-in ticket in its fragment: it works once). */
  openUrl: string;
  /** Another one-time URL, for a second page or a second visit in a fresh tab. */
  newOpenUrl(): Promise<string>;
  /** Origin without any token (a tab that signed in keeps its session in sessionStorage across reloads). */
  origin: string;
  /** The session token, as scripts send it: `Authorization: Bearer`. */
  token: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

export function serveDemo(args: string[] = [], cwd = REPO_ROOT, env: Record<string, string> = {}): Promise<Served> {
  return serve(['--demo', ...args], cwd, env);
}

/** `vsm serve ARGS` (e.g. `--workspace FILE`). */
export async function serve(args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [path.join(cwd, 'bin', 'vsm.mjs'), 'serve', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`vsm serve printed no URL within 60 s\n${err}`)), 60_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vsm serve exited with ${code} before printing its URL\n${err}`));
    });
  });
  const url = new URL(firstLine);
  // Sign in as a script would with the printed link, then ask for fresh one-time links for the browser.
  const token = await signIn(firstLine);
  const newOpenUrl = () => newLink(url.origin, token);
  return {
    openUrl: await newOpenUrl(),
    newOpenUrl,
    origin: url.origin,
    token,
    child,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Trades the one-time ticket in a `vsm serve` URL (`/#token=…`) for the session token. */
export async function signIn(openUrl: string): Promise<string> {
  const url = new URL(openUrl);
  const ticket = /^#token=([\w-]+)/.exec(url.hash)?.[1];
  if (!ticket) throw new Error(`no #token= ticket in ${openUrl}`);
  const res = await fetch(`${url.origin}/session`, { method: 'POST', headers: { authorization: `Bearer ${ticket}` } });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`signing in failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function newLink(origin: string, token: string): Promise<string> {
  const res = await fetch(`${origin}/session/link`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { url?: string };
  if (!res.ok || !body.url) throw new Error(`no new link: ${res.status} ${JSON.stringify(body)}`);
  return body.url;
}

/** One contract call over the host's HTTP API with the session token; throws with the error payload. */
export async function callApi<T>(served: Served, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  return body;
}
