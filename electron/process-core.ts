// The desktop app's core in its own process (Electron utilityProcess), so an import of 50,000 items or a large
// forecast never freezes the window: main forwards the window's calls and the core's events. This file holds
// the logic of both ends without importing Electron (tested with an in-memory pair of ports); main.ts and
// core-process.ts only plug Electron's ports in.
//
// Tokens: the keychain (safeStorage) stays in main. The core process gets a snapshot of the stored tokens and
// sites when it opens the workspace; a token the user stores (setCredential) is handed back to main to encrypt
// and keep, and main sends the new snapshot.
import { connectCore, serveCore, type CoreMessage, type CorePort, type RemoteCore } from '../shared/core/core-channel.ts';
import type { CredentialService, CredentialSource } from '../shared/core/context.ts';
import { FlowmapError, toErrorPayload } from '../shared/domain/errors.ts';

/** Per service its token and site (or why it cannot be read), and why storing is refused right now, if it is. */
export interface CredentialSnapshot {
  tokens: Record<CredentialService, { secret: string; site: string | null } | { unreadable: string; site: string | null } | null>;
  storageProblem: string | null;
}

/** Messages beside the core channel's: opening, and tokens going to and from main's keychain. */
export type ProcessMessage =
  | CoreMessage
  | { kind: 'open'; workspace: string; credentials: CredentialSnapshot }
  | { kind: 'credentials'; credentials: CredentialSnapshot }
  | { kind: 'store-credential'; service: CredentialService; secret: string; site: string }
  | { kind: 'remove-credential'; service: CredentialService };

export interface ProcessPort {
  send(message: ProcessMessage): void;
  onMessage(listener: (message: ProcessMessage) => void): void;
}

/** What main needs of the keychain (electron/credentials.ts's store). */
export interface KeychainLike {
  get(service: CredentialService): string | null;
  site(service: CredentialService): string | null;
  set(service: CredentialService, secret: string, site: string): void;
  remove(service: CredentialService): void;
  storageProblem(): string | null;
}

export function snapshotOf(store: KeychainLike): CredentialSnapshot {
  const one = (s: CredentialService) => {
    try {
      const secret = store.get(s);
      return secret === null ? null : { secret, site: store.site(s) };
    } catch (e) {
      return { unreadable: toErrorPayload(e).message, site: store.site(s) };
    }
  };
  return { tokens: { jira: one('jira'), github: one('github') }, storageProblem: store.storageProblem() };
}

/** The core process's credential source: reads the snapshot, hands writes to main. */
export function snapshotCredentials(port: ProcessPort, initial: CredentialSnapshot): { source: CredentialSource; replace(s: CredentialSnapshot): void } {
  let snap = initial;
  return {
    replace: (s) => (snap = s),
    source: {
      kind: 'keychain',
      get: (s) => {
        const t = snap.tokens[s];
        if (t && 'unreadable' in t) throw new FlowmapError('unauthorized', t.unreadable);
        return t?.secret ?? null;
      },
      site: (s) => snap.tokens[s]?.site ?? null,
      set: (service, secret, site) => {
        if (snap.storageProblem !== null) throw new FlowmapError('unauthorized', snap.storageProblem);
        snap = { ...snap, tokens: { ...snap.tokens, [service]: { secret, site } } };
        port.send({ kind: 'store-credential', service, secret, site });
      },
      remove: (service) => {
        snap = { ...snap, tokens: { ...snap.tokens, [service]: null } };
        port.send({ kind: 'remove-credential', service });
      },
    },
  };
}

type OpenCore = (workspace: string, credentials: CredentialSource) => Parameters<typeof serveCore>[0] & { close(): void };

/** The core process: waits for `open`, opens the workspace and answers on `port` until `close`. */
export function runCoreProcess(port: ProcessPort, open: OpenCore, exit: () => void): void {
  let creds: ReturnType<typeof snapshotCredentials> | null = null;
  let core: ReturnType<OpenCore> | null = null;
  let served: { stop(): void } | null = null;
  const listeners: Array<(m: CoreMessage) => void> = [];
  port.onMessage((m) => {
    if (m.kind === 'open') {
      creds = snapshotCredentials(port, m.credentials);
      try {
        core = open(m.workspace, creds.source);
      } catch (e) {
        port.send({ kind: 'failed', error: toErrorPayload(e) });
        return;
      }
      // As under `vsm serve`: the likely next type filters are computed while the window is idle.
      served = serveCore(core, { send: (x) => port.send(x), onMessage: (l) => listeners.push(l) }, { nextFilters: {} });
    } else if (m.kind === 'credentials') creds?.replace(m.credentials);
    else if (m.kind === 'close') {
      served?.stop();
      core?.close();
      exit();
    } else if (m.kind === 'call') for (const l of listeners) l(m);
  });
}

/** What main holds: the contract's calls (queued until the process is ready) and events, and `close`. */
export interface ProcessCore extends Pick<RemoteCore, 'call' | 'on'> {
  readonly workspacePath: string;
  readonly ready: Promise<unknown>;
  close(): Promise<void>;
}

/** Electron's UtilityProcess as main uses it (also what a test's fake provides). */
export interface CoreChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export function startProcessCore(child: CoreChild, workspace: string, keychain: KeychainLike): ProcessCore {
  const messageListeners: Array<(m: CoreMessage) => void> = [];
  const port: CorePort = { send: (m) => child.postMessage(m), onMessage: (l) => messageListeners.push(l) };
  const channel = connectCore(port);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = true;
      channel.ownerExited(`exit code ${code}`);
      resolve();
    }),
  );
  child.on('message', (raw) => {
    const m = raw as ProcessMessage;
    if (m.kind === 'store-credential' || m.kind === 'remove-credential') {
      try {
        if (m.kind === 'store-credential') keychain.set(m.service, m.secret, m.site);
        else keychain.remove(m.service);
      } catch (e) {
        console.error(`could not keep the ${m.service} token: ${toErrorPayload(e).message}`);
      }
      // Whatever the keychain now holds (a refused store leaves the old token) is what the core uses.
      child.postMessage({ kind: 'credentials', credentials: snapshotOf(keychain) } satisfies ProcessMessage);
      return;
    }
    for (const l of messageListeners) l(m as CoreMessage);
  });
  child.postMessage({ kind: 'open', workspace, credentials: snapshotOf(keychain) } satisfies ProcessMessage);
  const ready = channel.ready;
  ready.catch(() => undefined); // a failed open is reported through the calls that wait on it
  return {
    workspacePath: workspace,
    ready,
    call: (method, input) => ready.then((core) => core.call(method, input)),
    on: (event, listener) => {
      let off: (() => void) | null = null;
      let cancelled = false;
      void ready.then(
        (core) => {
          if (!cancelled) off = core.on(event, listener);
        },
        () => undefined,
      );
      return () => {
        cancelled = true;
        off?.();
      };
    },
    close: async () => {
      if (exited) return;
      child.postMessage({ kind: 'close' } satisfies ProcessMessage);
      // A process that does not stop on its own within a moment is ended: the window must be able to quit.
      const timer = setTimeout(() => child.kill(), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
