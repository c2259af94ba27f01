// The desktop app's core in its own process (electron/process-core.ts), with an in-memory stand-in for Electron's
// utilityProcess: messages cross as structured clones on later ticks, as between processes. Main's side answers
// what an in-process core answers, forwards events, keeps tokens in main's keychain, answers other calls while
// a long import runs, and fails pending calls when the process dies.
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJiraExport } from '../../bench/generate-jira.ts';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { runCoreProcess, startProcessCore, type CoreChild, type KeychainLike, type ProcessMessage } from '../../electron/process-core.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
const NOW = Date.parse('2026-11-20T10:15:00Z');

/** A utilityProcess stand-in: the child's runCoreProcess on the far side of a cloned, asynchronous channel. */
function fakeChild(): CoreChild & { opened: Core[]; die(code: number): void } {
  const toMain = new EventEmitter();
  const toChild = new EventEmitter();
  const opened: Core[] = [];
  let alive = true;
  const deliver = (to: EventEmitter, m: unknown) => setImmediate(() => alive && to.emit('message', structuredClone(m)));
  runCoreProcess(
    { send: (m) => deliver(toMain, m), onMessage: (l) => toChild.on('message', (m: ProcessMessage) => l(m)) },
    (workspace, credentials) => {
      const core = createCore({ workspacePath: workspace, db: openWorkspace(workspace, { create: false }), credentials, clock: { now: () => NOW } });
      opened.push(core);
      return core;
    },
    () => {
      alive = false;
      setImmediate(() => toMain.emit('exit', 0));
    },
  );
  return {
    opened,
    postMessage: (m) => deliver(toChild, m),
    on: (event: string, listener: (x: never) => void) => toMain.on(event, listener as (x: unknown) => void),
    kill: () => {
      alive = false;
      toMain.emit('exit', 9);
      return true;
    },
    die(code) {
      alive = false;
      toMain.emit('exit', code);
    },
  } as CoreChild & { opened: Core[]; die(code: number): void };
}

function fakeKeychain(): KeychainLike & { stored: Record<string, { secret: string; site: string } | undefined>; problem: string | null } {
  const stored: Record<string, { secret: string; site: string } | undefined> = {};
  return {
    stored,
    problem: null,
    storageProblem() {
      return this.problem;
    },
    get: (s) => stored[s]?.secret ?? null,
    site: (s) => stored[s]?.site ?? null,
    set: (s, secret, site) => {
      if (secret === 'ghp_refused') throw new Error('the keychain is locked');
      stored[s] = { secret, site };
    },
    remove: (s) => void delete stored[s],
  };
}

let demo: string;
let inThread: Core;
beforeAll(() => {
  demo = tmp.file('demo.vsm');
  createDemoWorkspace(demo).close();
  inThread = createCore({ workspacePath: demo, clock: { now: () => NOW } });
});
afterAll(() => {
  inThread.close();
  tmp.cleanup();
});

describe('the core in its own process (desktop app)', () => {
  it('answers what an in-process core answers, values and errors, and queues calls made before it is ready', async () => {
    const child = fakeChild();
    const core = startProcessCore(child, demo, fakeKeychain());
    const early = core.call('workspaceInfo', {}); // sent before the process reported ready
    const mapId = (await inThread.getMap({}))!.id;
    expect(await early).toStrictEqual(await inThread.call('workspaceInfo', {}));
    for (const [method, input] of [
      ['flowMetrics', { mapId }],
      ['wasteAnalysis', { mapId }],
      ['reportModel', {}],
      ['forecast', { mapId, items: 40, trials: 500, seed: 2 }],
      ['flowCharts', { mapId }],
    ] as const) {
      expect(await core.call(method, input), method).toStrictEqual(await inThread.call(method, input));
    }
    const err = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: Error & { code?: string }) => ({ name: e.name, code: e.code, message: e.message }),
      );
    expect(await err(core.call('forecast', { mapId, items: 1_000_000 }))).toStrictEqual(await err(inThread.call('forecast', { mapId, items: 1_000_000 })));
    expect(await err(core.call('getMap', { mapId: 'x' }))).toMatchObject({ code: 'invalid-input' });
    await core.close();
    expect(child.opened[0]!.db.open).toBe(false);
  });

  it('forwards events, and answers other calls between the batches of a long import; cancel works mid-way', async () => {
    const file = tmp.file('import.vsm');
    createDemoWorkspace(file).close();
    const big = tmp.file('big.json');
    generateJiraExport(big, 4000);
    const core = startProcessCore(fakeChild(), file, fakeKeychain());
    const before = (await core.call('workspaceInfo', {})).items;
    const events: string[] = [];
    const order: string[] = [];
    let firstProgress!: () => void;
    const progressed = new Promise<void>((r) => (firstProgress = r));
    core.on('importProgress', (p) => {
      events.push(`progress:${p.importId}`);
      firstProgress();
    });
    core.on('workspaceChanged', (p) => events.push(`changed:${p.what}`));
    const running = core.call('importJiraFiles', { path: big, importId: 'a' }).then((r) => (order.push('import'), r));
    await progressed;
    const info = await core.call('workspaceInfo', {});
    order.push('workspaceInfo');
    expect((await running).items).toBe(4000);
    expect(order).toEqual(['workspaceInfo', 'import']);
    expect(info.items).toBeLessThan(before + 4000);
    expect(events).toContain('progress:a');
    expect(events.at(-1)).toBe('changed:items');

    let secondProgress!: () => void;
    const progressedAgain = new Promise<void>((r) => (secondProgress = r));
    core.on('importProgress', (p) => p.importId === 'b' && secondProgress());
    const again = core.call('importJiraFiles', { path: big, importId: 'b' }).then(
      () => 'finished',
      (e: Error) => e.message,
    );
    await progressedAgain;
    expect(await core.call('cancelImport', { importId: 'b' })).toEqual({ cancelled: true });
    expect(await again).toBe('import cancelled; the workspace is unchanged');
    await core.close();
  }, 120_000);

  it('keeps tokens in main: a stored token goes to the keychain, a refused one is not used by the core', async () => {
    const keychain = fakeKeychain();
    keychain.set('github', 'ghp_before', 'https://api.github.com');
    const core = startProcessCore(fakeChild(), demo, keychain);
    expect(await core.call('credentialStatus', {})).toEqual({
      source: 'keychain',
      jira: false,
      github: true,
      sites: { jira: null, github: 'https://api.github.com' },
    });
    await core.call('setCredential', { service: 'jira', secret: 'jira-token-1', site: 'https://acme.atlassian.net' });
    expect(keychain.stored.jira).toEqual({ secret: 'jira-token-1', site: 'https://acme.atlassian.net' });
    await core.call('setCredential', { service: 'github', secret: null });
    expect(keychain.stored.github).toBeUndefined();
    // Main's keychain refuses this one after the fact; the snapshot main sends back puts the core right.
    await core.call('setCredential', { service: 'github', secret: 'ghp_refused', site: 'https://ghe.example.com/api/v3' });
    await new Promise((r) => setTimeout(r, 20));
    const status = await core.call('credentialStatus', {});
    expect(status).toEqual({ source: 'keychain', jira: true, github: false, sites: { jira: 'https://acme.atlassian.net', github: null } });
    expect(keychain.stored.github).toBeUndefined();
    expect(JSON.stringify(status)).not.toContain('jira-token-1');
    await core.close();
    // No secure storage (Linux without a keyring): the refusal comes back as the call's answer, as before.
    keychain.problem = 'no secure storage is available; the token was not saved';
    const locked = startProcessCore(fakeChild(), demo, keychain);
    await expect(locked.call('setCredential', { service: 'github', secret: 'ghp_y' })).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'no secure storage is available; the token was not saved',
    });
    expect(keychain.stored.github).toBeUndefined();
    await locked.close();
  });

  it('fails pending and later calls with a clear error when the process dies', async () => {
    const child = fakeChild();
    const core = startProcessCore(child, demo, fakeKeychain());
    await core.ready;
    const mapId = (await inThread.getMap({}))!.id;
    const pending = core.call('forecast', { mapId, items: 50_000, trials: 20_000 });
    child.die(5);
    await expect(pending).rejects.toThrow('the core stopped (exit code 5); open the workspace again');
    await expect(core.call('workspaceInfo', {})).rejects.toThrow('the core stopped (exit code 5)');
    await core.close(); // already gone: returns at once
  });

  it('refuses a workspace it cannot open through the calls that wait for it', async () => {
    const core = startProcessCore(fakeChild(), tmp.file('nowhere.vsm'), fakeKeychain());
    await expect(core.ready).rejects.toMatchObject({ code: 'not-found' });
    await expect(core.call('workspaceInfo', {})).rejects.toMatchObject({ code: 'not-found' });
  });
});
