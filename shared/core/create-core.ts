// The core: the contract implemented over one workspace file. Plain TypeScript on Node; every transport
// (Electron main, HTTP host, CLI) wraps the object this returns and nothing else.
import path from 'node:path';
import type { z } from 'zod';
import { contract, type CoreApi, type MethodInput, type MethodName, type MethodOutput, type MetricsQuery } from '../contract/contract.ts';
import { FlowmapError } from '../domain/errors.ts';
import { formatIssues } from '../domain/map.ts';
import { bindMap } from '../metrics/binding.ts';
import { createFlowAccumulator, type FlowMetrics } from '../metrics/flow-metrics.ts';
import { countItems, streamHistories } from '../store/item-repo.ts';
import { getMap, latestMapId, listMaps, parseMapDoc, saveMap } from '../store/map-repo.ts';
import { getMeta } from '../store/meta-repo.ts';
import { openWorkspace, type Db } from '../store/open-workspace.ts';
import { SCHEMA_VERSION } from '../store/migrations/index.ts';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface CoreOptions {
  workspacePath: string;
  clock?: Clock;
  /** An already-open handle (the demo is written before the core takes it over). */
  db?: Db;
}

export interface Core extends CoreApi {
  readonly db: Db;
  readonly workspacePath: string;
  /** Validates input and output against the contract: what transports call with untrusted input. */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const db = options.db ?? openWorkspace(options.workspacePath);
  const workspacePath = path.resolve(options.workspacePath);

  const parseInstant = (iso: string | undefined, fallback: number) => (iso === undefined ? fallback : Date.parse(iso));
  const defaultAsOf = () => {
    const pinned = getMeta(db, 'defaultAsOf');
    return pinned === null ? clock.now() : Date.parse(pinned);
  };

  function computeFlowMetrics(q: MetricsQuery): FlowMetrics {
    const map = getMap(db, { id: q.mapId });
    const asOf = parseInstant(q.asOf, defaultAsOf());
    const from = q.from === undefined ? undefined : Date.parse(q.from);
    const to = q.to === undefined ? undefined : Date.parse(q.to);
    if (from !== undefined && to !== undefined && from >= to) throw new FlowmapError('invalid-input', `window from ${q.from} is not before to ${q.to}`);
    const acc = createFlowAccumulator(bindMap(map), { asOf, from, to });
    for (const item of streamHistories(db, { types: q.types, label: q.label })) acc.add(item);
    return acc.result();
  }

  const resolveMapId = (mapId: number | undefined) => {
    const id = mapId ?? latestMapId(db);
    if (id === null) throw new FlowmapError('not-found', 'this workspace has no map yet: import one with `vsm map import FILE`');
    return id;
  };

  const impl: { [M in MethodName]: (input: MethodOutputInput<M>) => MethodOutput<M> } = {
    workspaceInfo: () => {
      const { items, changes } = countItems(db);
      return {
        path: workspacePath,
        schemaVersion: SCHEMA_VERSION,
        items,
        statusChanges: changes,
        maps: listMaps(db).length,
        defaultAsOf: getMeta(db, 'defaultAsOf'),
      };
    },
    listMaps: () => listMaps(db),
    getMap: ({ mapId }) => {
      const id = mapId ?? latestMapId(db);
      return id === null ? null : getMap(db, { id });
    },
    saveMap: ({ map }) => ({ id: saveMap(db, parseMapDoc(map), clock.now()) }),
    flowMetrics: (q) => computeFlowMetrics(q),
    reportModel: (q) => {
      const mapId = resolveMapId(q.mapId);
      return {
        generatedAt: new Date(clock.now()).toISOString(),
        workspace: path.basename(workspacePath),
        map: getMap(db, { id: mapId }),
        metrics: computeFlowMetrics({ ...q, mapId }),
      };
    },
  };

  async function call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) throw new FlowmapError('invalid-input', `${method}: invalid input\n${formatIssues(parsed.error, '  ')}`);
    const run = impl[method] as (i: unknown) => MethodOutput<M>;
    return run(parsed.data);
  }

  const api = Object.fromEntries(
    (Object.keys(impl) as MethodName[]).map((m) => [m, (input: unknown) => call(m, input)]),
  ) as unknown as CoreApi;

  return {
    ...api,
    db,
    workspacePath,
    call,
    close: () => db.close(),
  };
}

type MethodOutputInput<M extends MethodName> = z.output<(typeof contract)[M]['input']>;
export type { MethodInput };
