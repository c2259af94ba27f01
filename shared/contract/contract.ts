// The one typed contract every transport speaks: each method's name, zod input and zod output.
// Electron IPC, the local HTTP host and the CLI all call a `CoreApi`; the renderer calls it through a
// client. Browser-safe: zod and domain types only.
import { z } from 'zod';
import { MapDocSchema, type MapDocInput } from '../domain/map.ts';
import { FlowMetricsSchema } from '../metrics/flow-metrics.ts';

const IsoInstant = z.iso.datetime({ offset: true });

export const StoredMapSchema = z.intersection(MapDocSchema, z.object({ id: z.number().int(), updatedAt: z.number() }));
export type StoredMap = z.infer<typeof StoredMapSchema>;

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  items: z.number().int(),
  statusChanges: z.number().int(),
  maps: z.number().int(),
  /** The instant figures are stated as of when no asOf is given (the demo pins it to its history's end). */
  defaultAsOf: z.string().nullable(),
});

export const MetricsQuerySchema = z.object({
  mapId: z.number().int().positive(),
  asOf: IsoInstant.optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  types: z.array(z.string().max(200)).max(100).optional(),
  label: z.string().max(200).optional(),
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

export const ReportModelSchema = z.object({
  generatedAt: z.string(),
  workspace: z.string(),
  map: StoredMapSchema,
  metrics: FlowMetricsSchema,
});
export type ReportModel = z.infer<typeof ReportModelSchema>;

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const contract = {
  workspaceInfo: method(z.object({}).strict(), WorkspaceInfoSchema),
  listMaps: method(
    z.object({}).strict(),
    z.array(z.object({ id: z.number().int(), name: z.string(), steps: z.number().int(), updatedAt: z.number() })),
  ),
  /** Without `mapId`: the most recently edited map (what opening a workspace shows); null when there is none. */
  getMap: method(z.object({ mapId: z.number().int().positive().optional() }).strict(), StoredMapSchema.nullable()),
  saveMap: method(z.object({ map: z.unknown() }).strict(), z.object({ id: z.number().int() })),
  flowMetrics: method(MetricsQuerySchema.strict(), FlowMetricsSchema),
  reportModel: method(MetricsQuerySchema.partial({ mapId: true }).strict(), ReportModelSchema),
} as const;

/** Events the core pushes to the UI (Electron: IPC messages; HTTP: polled or streamed later). */
export const contractEvents = {
  workspaceChanged: z.object({ what: z.enum(['maps', 'items']) }),
} as const;
export type EventName = keyof typeof contractEvents;
export type ContractEvents = { [E in EventName]: z.infer<(typeof contractEvents)[E]> };

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What the core implements and what every client exposes. */
export type CoreApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type { MapDocInput };
