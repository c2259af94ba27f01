// The core: the contract implemented over one workspace file. Plain TypeScript on Node; every transport
// (Electron main, HTTP host, CLI) wraps the object this returns and nothing else.
import path from 'node:path';
import { contract, type ContractEvents, type CoreApi, type EventName, type MethodName, type MethodOutput } from '../contract/contract.ts';
import { FlowmapError } from '../domain/errors.ts';
import { formatIssues } from '../domain/map.ts';
import { redactText, redactValue, secretForms } from './redact.ts';
import { openWorkspace, type Db } from '../store/open-workspace.ts';
import { defaultAsOfFor, noCredentials, systemClock, type Clock, type CoreContext, type CredentialSource } from './context.ts';
import { credentialMethods } from './methods/credential-methods.ts';
import { importMethods } from './methods/import-methods.ts';
import { mapMethods } from './methods/map-methods.ts';
import { metricsMethods } from './methods/metrics-methods.ts';
import { chartMethods } from './methods/chart-methods.ts';
import { conventionMethods } from './methods/convention-methods.ts';
import { stateMethods } from './methods/state-methods.ts';
import { wasteMethods } from './methods/waste-methods.ts';
import { bindingMethods } from './methods/binding-methods.ts';
import { createTimelineCache } from './timeline-cache.ts';
import { workspaceMethods } from './methods/workspace-methods.ts';
import type { MethodImpls } from './method-impls.ts';

export { systemClock, type Clock, type CredentialSource };

export interface CoreOptions {
  workspacePath: string;
  clock?: Clock;
  /** An already-open handle (the demo is written before the core takes it over). */
  db?: Db;
  /** API tokens for live imports (main process or environment); absent = live imports refuse with a clear error. */
  credentials?: CredentialSource;
  /** Tokens may go to plain-http loopback sites (the tests' replay servers); never set by the app. */
  allowLoopbackHttp?: boolean;
}

/** SQLite's busy and corruption codes become errors the user can act on; anything else passes through. */
function asWorkspaceError(e: unknown, workspacePath: string): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new FlowmapError(
      'locked',
      `workspace ${workspacePath} is busy: another window or a \`vsm\` command is writing to it; try again when it has finished`,
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new FlowmapError(
      'corrupt',
      `workspace ${workspacePath} is damaged (${(e as Error).message}); restore it with \`vsm backup restore --workspace ${workspacePath}\``,
    );
  }
  return e;
}

type Listener<E extends EventName> = (payload: ContractEvents[E]) => void;

export interface Core extends CoreApi {
  readonly db: Db;
  readonly workspacePath: string;
  /** Validates input against the contract: what transports call with untrusted input. */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** How often the timeline cache has read the items and walked them (bench and tests). */
  timelineStats(): { loads: number; savedLoads: number; walks: number };
  /** Computes now what the app's first screen asks for, so its queries find it cached (vsm serve, at start). */
  warm(): Promise<void>;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const db = options.db ?? openWorkspace(options.workspacePath);
  const workspacePath = path.resolve(options.workspacePath);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const timelines = createTimelineCache(db);

  const ctx: CoreContext = {
    db,
    clock,
    workspacePath,
    credentials: options.credentials ?? noCredentials,
    allowLoopbackHttp: options.allowLoopbackHttp ?? false,
    secretsInUse: new Set(),
    defaultAsOf: () => defaultAsOfFor(db, clock),
    timelines,
    emit: (event, payload) => {
      if (event === 'workspaceChanged' && (payload as ContractEvents['workspaceChanged']).what === 'items') timelines.invalidate();
      const safe = redactValue(payload, forms());
      for (const l of listeners.get(event) ?? []) l(safe);
    },
  };
  /** The forms of every token in use, recomputed only when a new token comes into use. */
  let cachedForms: { size: number; forms: string[] } = { size: 0, forms: [] };
  const forms = () => {
    if (cachedForms.size !== ctx.secretsInUse.size) cachedForms = { size: ctx.secretsInUse.size, forms: secretForms(ctx.secretsInUse) };
    return cachedForms.forms;
  };
  /** Errors leave the core with every token redacted, whatever a server echoed into them. */
  const redactError = (e: unknown): unknown => {
    const f = forms();
    if (f.length === 0) return e;
    if (e instanceof FlowmapError) return new FlowmapError(e.code, redactText(e.message, f));
    if (e instanceof Error) {
      const copy = new Error(redactText(e.message, f));
      (copy as { code?: unknown }).code = (e as { code?: unknown }).code;
      return copy;
    }
    return new Error(redactText(String(e), f));
  };

  const impl: MethodImpls<MethodName> = {
    ...workspaceMethods(ctx),
    ...mapMethods(ctx),
    ...metricsMethods(ctx),
    ...chartMethods(ctx),
    ...wasteMethods(ctx),
    ...bindingMethods(ctx),
    ...importMethods(ctx),
    ...credentialMethods(ctx),
    ...stateMethods(ctx),
    ...conventionMethods(ctx),
  };

  async function call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new FlowmapError('invalid-input', `${method}: invalid input\n${formatIssues(parsed.error, '  ')}`);
    const run = impl[method] as (i: unknown) => MethodOutput<M> | Promise<MethodOutput<M>>;
    let out: MethodOutput<M>;
    try {
      out = await run(parsed.data);
    } catch (e) {
      throw redactError(asWorkspaceError(e, workspacePath));
    }
    return redactValue(out, forms());
  }

  const api = Object.fromEntries((Object.keys(contract) as MethodName[]).map((m) => [m, (input: unknown) => call(m, input)])) as unknown as CoreApi;

  return {
    ...api,
    db,
    workspacePath,
    call,
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    timelineStats: () => timelines.stats(),
    warm: async () => {
      // What the app asks first: the latest map's figures as of the suggested day (or now), the statuses.
      // Errors are left to the real query, which reports them with its specific message.
      try {
        const info = await call('workspaceInfo', {});
        const map = await call('getMap', {});
        if (map !== null) await call('flowMetrics', { mapId: map.id, ...(info.suggestedAsOf ? { asOf: info.suggestedAsOf.at } : {}) });
        await call('workspaceStatuses', {});
        await call('itemFacets', {});
      } catch {
        // reported by the query that needs it
      }
    },
    close: () => db.close(),
  };
}
