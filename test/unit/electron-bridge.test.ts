// The preload's surface: exactly the contract's methods plus `on` for the contract's events, and a bundle
// a sandboxed preload can load (one CJS file requiring nothing but `electron`).
import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, contractEvents } from '../../shared/contract/contract.ts';
import { CONTRACT_EVENTS, CONTRACT_METHODS } from '../../shared/contract/method-names.ts';
import { buildBridge, CALL_CHANNEL, isBridgeEvent } from '../../electron/bridge-api.ts';

function recordingBridge() {
  const calls: unknown[][] = [];
  const listeners = new Set<(name: unknown, payload: unknown) => void>();
  const bridge = buildBridge(
    async (...args) => {
      calls.push(args);
      return { ok: true, value: args[1] };
    },
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
  const emit = (name: unknown, payload: unknown) => {
    for (const l of [...listeners]) l(name, payload);
  };
  return { bridge, calls, listeners, emit };
}

describe('contract names the preload uses', () => {
  it('CONTRACT_METHODS equals the contract’s method names, in order', () => {
    expect([...CONTRACT_METHODS]).toEqual(Object.keys(contract));
  });

  it('CONTRACT_EVENTS equals the contract’s event names', () => {
    expect([...CONTRACT_EVENTS]).toEqual(Object.keys(contractEvents));
  });
});

describe('buildBridge (window.flowmap)', () => {
  it('exposes exactly one function per contract method, plus on', () => {
    const { bridge } = recordingBridge();
    expect(Object.keys(bridge).sort()).toEqual([...CONTRACT_METHODS, 'on'].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('each method invokes the one call channel with its own name and only the input', async () => {
    const { bridge, calls } = recordingBridge();
    for (const method of CONTRACT_METHODS) await bridge[method]({ probe: method });
    expect(calls).toEqual(CONTRACT_METHODS.map((m) => [CALL_CHANNEL, m, { probe: m }]));
  });

  it('does not let the page reach the IPC primitives or the prototype', () => {
    const { bridge } = recordingBridge();
    for (const key of ['invoke', 'send', 'ipcRenderer', 'sendSync', 'postMessage', 'subscribe']) {
      expect(Object.hasOwn(bridge, key)).toBe(false);
    }
    expect(() => Object.assign(bridge, { extra: () => 1 })).toThrow(TypeError);
  });

  it('on() accepts only contract events and a function listener', () => {
    const { bridge } = recordingBridge();
    expect(() => bridge.on('not-an-event' as never, () => {})).toThrow(/unknown event/);
    expect(() => bridge.on('__proto__' as never, () => {})).toThrow(/unknown event/);
    expect(() => bridge.on('workspaceChanged', 'nope' as never)).toThrow(/listener/);
    expect(isBridgeEvent('workspaceChanged')).toBe(true);
    expect(isBridgeEvent('flowmap:call')).toBe(false);
    expect(isBridgeEvent(undefined)).toBe(false);
  });

  it('delivers only its own event’s payload (never the IPC event), and unsubscribes', () => {
    const { bridge, listeners, emit } = recordingBridge();
    const seen: unknown[][] = [];
    const off = bridge.on('workspaceChanged', (...args) => seen.push(args));
    emit('workspaceChanged', { what: 'maps' });
    emit('somethingElse', { what: 'items' });
    expect(seen).toEqual([[{ what: 'maps' }]]);
    off();
    expect(listeners.size).toBe(0);
    emit('workspaceChanged', { what: 'items' });
    expect(seen).toHaveLength(1);
  });
});

describe('preload bundle', () => {
  it('is one CJS file that requires only electron and exposes one object', async () => {
    const out = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../electron/preload.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    expect(out.outputFiles).toHaveLength(1);
    const code = out.outputFiles[0]!.text;
    const required = [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    const exposures = [...code.matchAll(/exposeInMainWorld\(\s*"([^"]+)"\s*,\s*([\w$]+)\s*\)/g)];
    expect(exposures.map((m) => m[1])).toEqual(['flowmap']);
    expect(exposures[0]![2]).not.toMatch(/ipcRenderer/);
    // zod must not be in the sandbox: the preload carries names only.
    expect(code).not.toMatch(/zod/i);
  });
});
