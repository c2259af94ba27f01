// The one typed contract every transport speaks: each method's name, zod input and zod output.
// Electron IPC, the local HTTP host and the CLI all call a `CoreApi`; the renderer calls it through a
// client. Browser-safe: zod and domain types only.
import { z } from 'zod';
import { MapDocSchema, type MapDocInput } from '../domain/map.ts';
import { FlowMetricsSchema } from '../metrics/flow-metrics.ts';
import { LaddersSchema } from '../metrics/ladder.ts';
import { WasteAnalysisSchema } from '../metrics/waste.ts';
import { WorkingCalendarSchema } from '../metrics/calendar.ts';
import { ForecastSchema } from '../metrics/forecast.ts';
import { ItemRowSchema, ItemTableSchema, StepItemSchema, StepItemsSchema } from '../metrics/items-table.ts';
import { FlowSeriesSchema } from '../metrics/series.ts';
import { ConventionComparisonSchema, ConventionFiguresSchema, ConventionNameSchema } from '../metrics/conventions.ts';
import { ChartItemSchema, ChartItemsSchema, ChartSelectionSchema } from '../metrics/chart-items.ts';
import { ChartSeriesSchema } from '../metrics/chart-series.ts';
import { StateComparisonSchema } from '../metrics/state-comparison.ts';
import { StatusInventorySchema } from '../metrics/status-inventory.ts';
import { BindingProposalSchema, SUGGEST_MODES } from '../metrics/suggest-binding.ts';
import { atMost, LIMITS } from '../domain/limits.ts';
import { MAX_WEB_URL_LENGTH, safeHttpsUrl } from '../domain/web-links.ts';
import { checkTimeZone } from '../domain/time-zone.ts';

const IsoInstant = z.iso.datetime({ offset: true });

/**
 * An item's web page (its Jira issue, GitHub pull request or issue) for the UI to link out to: a safe https
 * address or null. The client refuses anything else, so no other kind of link reaches the renderer.
 */
export const ItemUrlSchema = z
  .string()
  .max(MAX_WEB_URL_LENGTH)
  .refine((u) => safeHttpsUrl(u) !== null, 'expected an https address with a host and no credentials')
  .nullable();

// Every item list the UI shows carries its items' web pages. The metrics compute the figures; the core adds `url`
// from the store afterwards, as it does the titles.
export const LinkedStepItemSchema = StepItemSchema.extend({ url: ItemUrlSchema });
export type LinkedStepItem = z.infer<typeof LinkedStepItemSchema>;
export const LinkedStepItemsSchema = StepItemsSchema.extend({
  completed: StepItemsSchema.shape.completed.extend({ items: z.array(LinkedStepItemSchema) }),
  current: StepItemsSchema.shape.current.extend({ items: z.array(LinkedStepItemSchema) }),
});
export type LinkedStepItems = z.infer<typeof LinkedStepItemsSchema>;
export const LinkedItemRowSchema = ItemRowSchema.extend({ url: ItemUrlSchema });
export type LinkedItemRow = z.infer<typeof LinkedItemRowSchema>;
export const LinkedItemTableSchema = ItemTableSchema.extend({ items: z.array(LinkedItemRowSchema) });
export type LinkedItemTable = z.infer<typeof LinkedItemTableSchema>;
export const LinkedChartItemSchema = ChartItemSchema.extend({ url: ItemUrlSchema });
export type LinkedChartItem = z.infer<typeof LinkedChartItemSchema>;
export const LinkedChartItemsSchema = ChartItemsSchema.extend({ items: z.array(LinkedChartItemSchema) });
export type LinkedChartItems = z.infer<typeof LinkedChartItemsSchema>;

/** `revision` counts the map's saves: saveMap takes the one an edit was based on (see saveMap). */
export const StoredMapSchema = z.intersection(MapDocSchema, z.object({ id: z.number().int(), updatedAt: z.number(), revision: z.number().int() }));
export type StoredMap = z.infer<typeof StoredMapSchema>;

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  items: z.number().int(),
  statusChanges: z.number().int(),
  maps: z.number().int(),
  /** The instant figures are stated as of when no asOf is given (the demo pins it to its history's end). */
  defaultAsOf: z.string().nullable(),
  /**
   * The as-of the app's filter bar starts with when the data ends more than a week ago: the end of the UTC day of
   * the last status change (`lastChange`); null when the data is recent or an as-of is pinned.
   */
  suggestedAsOf: z.object({ at: z.string(), lastChange: z.string(), reason: z.string() }).nullable(),
});

export const MetricsQuerySchema = z.object({
  mapId: z.number().int().positive(),
  asOf: IsoInstant.optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  types: z
    .array(z.string().max(200, atMost(200, 'characters')))
    .max(100, atMost(100, 'types'))
    .optional(),
  label: z.string().max(200, atMost(200, 'characters')).optional(),
  /** Durations in working time; null = elapsed hours even if the map names a calendar; absent = the map's. */
  calendar: WorkingCalendarSchema.nullable().optional(),
  /** The named convention figures follow (issue 14); absent = the map's (flowmap when it names none). */
  convention: ConventionNameSchema.optional(),
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

/** The flow metrics with the map's timeline ladders (estimate and measured), computed in the core. */
export const FlowMetricsOutputSchema = FlowMetricsSchema.extend({
  ladder: LaddersSchema,
  /** Under a convention other than flowmap (the query's or the map's): cycle and lead time by its rules and unit, what the headline shows. */
  convention: ConventionFiguresSchema.optional(),
});
export type FlowMetricsOutput = z.infer<typeof FlowMetricsOutputSchema>;

export const ReportModelSchema = z.object({
  generatedAt: z.string(),
  workspace: z.string(),
  map: StoredMapSchema,
  metrics: FlowMetricsOutputSchema,
  /** The items behind the bottleneck (longest waits there, and its WIP); null without a bottleneck. */
  bottleneckItems: LinkedStepItemsSchema.nullable(),
  /** The item filters the figures were computed under (empty types and null label: every item). */
  filters: z.object({ types: z.array(z.string()), label: z.string().nullable() }),
  /** Where the items came from: items per source under those filters, and each source's latest import. */
  sources: z.array(z.object({ source: z.string(), items: z.number().int(), lastImport: z.object({ input: z.string(), finishedAt: z.string() }).nullable() })),
  /** The waste analysis of the same query, exactly as `wasteAnalysis` (and `vsm waste --json`) return it. */
  waste: WasteAnalysisSchema,
  /** Per finding (same order), the first items behind it with their title and the figure that puts them there. */
  findingItems: z.array(
    z.array(
      z.object({
        key: z.string(),
        title: z.string().nullable(),
        type: z.string().nullable(),
        effect: z.string(),
        value: z.number(),
        unit: z.enum(['hours', 'count']),
      }),
    ),
  ),
  /** Current vs future state and measured-after (as `compareStates`), when the map has a future state or a baseline; else null. */
  comparison: StateComparisonSchema.nullable(),
});
export type ReportModel = z.infer<typeof ReportModelSchema>;

/** The environment variables `vsm` (and `vsm serve`) read tokens from, as messages and the UI name them. */
export const CREDENTIAL_ENV = { jira: 'JIRA_API_TOKEN (Cloud) or JIRA_PAT (Server)', github: 'GITHUB_TOKEN' } as const;

/** The commitment point the peers count from (their start status or column); default: the first step in flow order. */
const StartStepId = z.string().min(1).max(64).optional();

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** What every import reports back (the CLI prints it; the UI shows it when the progress bar ends). */
export const ImportResultSchema = z.object({
  importId: z.string(),
  source: z.string(),
  input: z.string(),
  items: z.number().int(),
  statusChanges: z.number().int(),
  flagChanges: z.number().int(),
  commits: z.number().int(),
  releases: z.number().int(),
  warnings: z.array(z.string()),
  /** Files of a folder left out because they hold no work items (a board configuration, jira-config.json), with why. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  durationMs: z.number(),
});
export type ImportResultOut = z.infer<typeof ImportResultSchema>;

const ImportId = z
  .string()
  .min(1)
  .max(100, atMost(100, 'characters'))
  .regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only');
/** An IANA time-zone name this runtime knows (Europe/Berlin, UTC). */
const TimeZoneName = z
  .string()
  .min(1)
  .max(100, atMost(100, 'characters'))
  .refine((tz) => {
    try {
      checkTimeZone(tz);
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time-zone name such as Europe/Berlin or UTC');
const FilePath = z.string().min(1).max(4096, atMost(4096, 'characters'));

export const DoraMetricsSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  releases: z.number().int(),
  deploymentsPerWeek: z.number(),
  changes: z.number().int(),
  leadTimeForChangesHours: z.object({ p50: z.number().nullable(), p85: z.number().nullable() }),
  /** Failed releases / releases, where reverts, hotfix releases or incident issues show failures; null without releases. */
  changeFailureRate: z.number().nullable(),
  failedReleases: z.number().int(),
  timeToRestoreHours: z.object({ p50: z.number().nullable(), p85: z.number().nullable() }),
  basis: z.array(z.string()),
});
export type DoraMetrics = z.infer<typeof DoraMetricsSchema>;

/** DORA per UTC calendar month (null: not enough data that month to compute the figure). */
export const DoraTrendSchema = z.object({
  whole: DoraMetricsSchema,
  months: z.array(
    z.object({
      month: z.string(),
      from: z.string(),
      to: z.string(),
      releases: z.number().int(),
      deploymentsPerWeek: z.number(),
      changes: z.number().int(),
      leadTimeForChangesHoursP50: z.number().nullable(),
      changeFailureRate: z.number().nullable(),
      failedReleases: z.number().int(),
      timeToRestoreHoursP50: z.number().nullable(),
    }),
  ),
});
export type DoraTrend = z.infer<typeof DoraTrendSchema>;

export const contract = {
  workspaceInfo: method(z.object({}).strict(), WorkspaceInfoSchema),
  listMaps: method(
    z.object({}).strict(),
    z.array(z.object({ id: z.number().int(), name: z.string(), steps: z.number().int(), updatedAt: z.number(), revision: z.number().int() })),
  ),
  /**
   * By `mapId` or `name` (not found: an error naming it); with neither, the most recently edited map (what opening
   * a workspace shows), null when there is none.
   */
  getMap: method(z.object({ mapId: z.number().int().positive().optional(), name: z.string().min(1).max(500).optional() }).strict(), StoredMapSchema.nullable()),
  /**
   * Replaces the map of the same name, or with `mapId` that map (renaming it to the document's name). `source`
   * names where the map came from (a file) in the refusal message. With `baseRevision` (the revision the edit
   * started from), refused with code 'conflict' when the map has been saved since (another window, tab or
   * command): nothing is written, and the caller reloads. Without it, the save replaces the map whatever its
   * revision (an import over it); `replaced` says what it replaced.
   */
  saveMap: method(
    z
      .object({
        map: z.unknown(),
        mapId: z.number().int().positive().optional(),
        source: z.string().max(4096).optional(),
        baseRevision: z.number().int().positive().optional(),
      })
      .strict(),
    z.object({
      id: z.number().int(),
      revision: z.number().int(),
      replaced: z.object({ revision: z.number().int(), steps: z.number().int(), updatedAt: z.number() }).nullable(),
    }),
  ),
  /** Removes a map (its steps and flows); the workspace's items stay. */
  /** Deletes a map with its baselines and future-state link; `undoToken` restores it whole (restoreDeletedMap). */
  deleteMap: method(z.object({ mapId: z.number().int().positive() }).strict(), z.object({ deleted: z.literal(true), undoToken: z.string() })),
  /** Item types and labels with their item counts, for the filters (labels: the 500 most used). */
  itemFacets: method(
    z.object({}).strict(),
    z.object({
      types: z.array(z.object({ value: z.string(), items: z.number().int() })),
      labels: z.array(z.object({ value: z.string(), items: z.number().int() })),
    }),
  ),
  /** Every status the workspace's items have been in, with how many items entered it: what steps bind to. */
  workspaceStatuses: method(z.object({}).strict(), z.array(z.object({ status: z.string(), items: z.number().int() }))),
  flowMetrics: method(MetricsQuerySchema.strict(), FlowMetricsOutputSchema),
  /** Lean waste per step (rework, reopened, handoffs, abandoned, aging, WIP per person, wait share) and the findings with evidence. */
  wasteAnalysis: method(MetricsQuerySchema.strict(), WasteAnalysisSchema),
  reportModel: method(MetricsQuerySchema.partial({ mapId: true }).strict(), ReportModelSchema),
  /** Chart series: daily CFD per step, daily WIP run, weekly throughput, cycle-time scatter, aging WIP. */
  flowSeries: method(MetricsQuerySchema.strict(), FlowSeriesSchema),
  /** Monte Carlo: "when will N items be done" and/or "how many by date D" from recent daily throughput. */
  forecast: method(
    // With a done-window (from/to), the history is that window (up to asOf); else the historyDays before asOf.
    MetricsQuerySchema.extend({
      items: z.number().int().positive().max(LIMITS.forecastItems, atMost(LIMITS.forecastItems, 'items')).optional(),
      /** At most LIMITS.forecastDays after asOf (checked by the core, which knows asOf). */
      by: IsoInstant.optional(),
      trials: z.number().int().min(100).max(LIMITS.forecastTrials, atMost(LIMITS.forecastTrials, 'trials')).optional(),
      seed: z.number().int().optional(),
      historyDays: z.number().int().min(1).max(3650, atMost(3650, 'history days')).optional(),
    }).strict(),
    ForecastSchema,
  ),
  /** The drill-down from a step: items completed in the window that waited there longest, and its WIP now. */
  stepItems: method(
    MetricsQuerySchema.extend({
      stepId: z.string().min(1).max(200, atMost(200, 'characters')),
      limit: z.number().int().min(1).max(1000, atMost(1000, 'items')).optional(),
    }).strict(),
    LinkedStepItemsSchema,
  ),
  /** Per item: key, web page, type, created, start, done, lead and cycle time, time per step and the ordered status changes. */
  metricItems: method(
    MetricsQuerySchema.partial({ mapId: true })
      /** Only these item keys (a waste finding's items, for its drill-down). */
      .extend({
        keys: z
          .array(z.string().max(200, atMost(200, 'characters')))
          .max(1000, atMost(1000, 'keys'))
          .optional(),
      })
      .strict(),
    LinkedItemTableSchema,
  ),
  /** Jira issues from a file or folder (search responses, issue arrays, NDJSON, one issue per file). */
  importJiraFiles: method(
    z
      .object({
        path: FilePath,
        importId: ImportId.optional(),
        /** The IANA zone dates without a UTC offset were written in (`2018-01-01 01:01:01`); such dates are refused without it. */
        timeZone: TimeZoneName.optional(),
      })
      .strict(),
    ImportResultSchema,
  ),
  /**
   * Jira issues live from a site by JQL, full changelogs included; incremental after the first run of the same
   * (site, JQL) unless `full`. The token comes from the core's credential source (environment or the app's
   * secure store), never from this input.
   */
  importJiraLive: method(
    z
      .object({
        baseUrl: z
          .url({ protocol: /^https?$/, message: 'expected the http(s) URL of the Jira site, e.g. https://your-site.atlassian.net' })
          .max(2000)
          .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'put the token in JIRA_API_TOKEN or JIRA_PAT, not in the URL'),
        jql: z.string().trim().min(1).max(10_000, atMost(10_000, 'characters')),
        deployment: z.enum(['cloud', 'server']),
        /** Cloud: the Atlassian account email that goes with the API token. */
        email: z.string().min(3).max(320).optional(),
        full: z.boolean().optional(),
        importId: ImportId.optional(),
      })
      .strict(),
    ImportResultSchema,
  ),
  /** Stage-date CSV: ID, optional Name/Type, one column per stage with the date the item entered it. */
  importCsv: method(
    z.object({ path: FilePath, importId: ImportId.optional(), skipBadRows: z.boolean().optional(), source: z.string().min(1).max(100).optional() }).strict(),
    ImportResultSchema.extend({ skippedRows: z.array(z.string()) }),
  ),
  /** Commits and release tags of a local git repository (work tree or bare). */
  importGit: method(
    z
      .object({
        path: FilePath,
        importId: ImportId.optional(),
        releasePattern: z.string().max(500).optional(),
        hotfixPattern: z.string().max(500).optional(),
        repo: z.string().max(200).optional(),
      })
      .strict(),
    ImportResultSchema,
  ),
  /** GitHub issues, pull requests (reviews, commits, timeline), releases and deployments saved from the REST API. */
  importGithubFiles: method(z.object({ path: FilePath, importId: ImportId.optional(), repo: z.string().max(200).optional() }).strict(), ImportResultSchema),
  /**
   * Issues, pull requests (reviews, commits, timeline), releases and deployments of `owner/name`, live from the
   * GitHub REST API; incremental after the first run unless `full`. The token comes from the core's credential
   * source (environment or the app's secure store), never from this input.
   */
  importGithubLive: method(
    z
      .object({
        repo: z
          .string()
          .max(140)
          .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, 'expected a GitHub repository as OWNER/NAME'),
        apiUrl: z
          .url({ protocol: /^https?$/, message: 'expected an http(s) URL of a GitHub API, e.g. https://ghe.example.com/api/v3' })
          .max(2000)
          .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'put the token in GITHUB_TOKEN, not in the API URL')
          .optional(),
        full: z.boolean().optional(),
        importId: ImportId.optional(),
      })
      .strict(),
    ImportResultSchema,
  ),
  /** Asks a running import to stop; it rolls back and leaves the workspace as it was. */
  cancelImport: method(z.object({ importId: ImportId }).strict(), z.object({ cancelled: z.boolean() })),
  /** Which services have a token, and where tokens come from. Never the token itself. */
  credentialStatus: method(
    z.object({}).strict(),
    z.object({
      source: z.enum(['keychain', 'environment', 'none']),
      jira: z.boolean(),
      github: z.boolean(),
      /** The one site each token may be sent to (an origin), or null. */
      sites: z.object({ jira: z.string().nullable(), github: z.string().nullable() }),
    }),
  ),
  /** Write-only: the token goes to the main process's keychain (Electron) and can never be read back. */
  setCredential: method(
    z
      .object({
        service: z.enum(['jira', 'github']),
        secret: z.string().trim().min(1).max(10_000).nullable(),
        /** The site the token belongs to (Jira: the site root; GitHub: the API URL, default https://api.github.com): the only host it is ever sent to. */
        site: z.string().min(1).max(2000).optional(),
      })
      .strict(),
    z.object({ service: z.enum(['jira', 'github']), stored: z.boolean() }),
  ),
  /** Copies a map as its future state, linked to it (the comparison view pairs them). */
  createFutureState: method(
    z.object({ mapId: z.number().int().positive(), name: z.string().trim().min(1).max(200).optional() }).strict(),
    z.object({ id: z.number().int(), name: z.string(), currentMapId: z.number().int() }),
  ),
  /** Freezes a map's measured figures (as-of, window, filters, every figure and both ladders) under a name. */
  saveBaseline: method(
    MetricsQuerySchema.extend({ name: z.string().trim().min(1).max(200) }).strict(),
    z.object({ id: z.number().int(), name: z.string(), takenAt: z.string() }),
  ),
  listBaselines: method(
    z.object({ mapId: z.number().int().positive() }).strict(),
    z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        takenAt: z.string(),
        asOf: z.string(),
        window: z.object({ from: z.string(), to: z.string() }),
        query: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
  deleteBaseline: method(z.object({ id: z.number().int().positive() }).strict(), z.object({ deleted: z.boolean() })),
  /**
   * Current vs future state and measured-after: both ladders, the chosen (default: newest) baseline, and the
   * baseline / target / gain table. `mapId` may name the current state or one of its future states.
   */
  compareStates: method(
    MetricsQuerySchema.extend({ futureMapId: z.number().int().positive().optional(), baselineId: z.number().int().positive().optional() }).strict(),
    StateComparisonSchema,
  ),
  /**
   * Cycle and lead time under a named convention (flowmap, jirametrics, jira-agile-metrics, actionable-agile):
   * each tool's start, done, day counting and percentile rules, with the choices and their references.
   */
  conventionFigures: method(
    MetricsQuerySchema.extend({ convention: ConventionNameSchema.optional(), startStepId: StartStepId }).strict(),
    ConventionFiguresSchema,
  ),
  /** "Why do the numbers differ?": the figures under every convention, and the items that change most between a and b, with the rule. */
  compareConventions: method(
    MetricsQuerySchema.extend({
      a: ConventionNameSchema,
      b: ConventionNameSchema,
      limit: z.number().int().min(1).max(100_000, atMost(100_000, 'items')).optional(),
      startStepId: StartStepId,
      includeSame: z.boolean().optional(),
    }).strict(),
    ConventionComparisonSchema,
  ),
  doraMetrics: method(z.object({ from: IsoInstant.optional(), to: IsoInstant.optional(), repo: z.string().max(200).optional() }).strict(), DoraMetricsSchema),
  /** The dashboard's distributions: cycle-time histogram, lead vs cycle time, per-item flow efficiency. */
  flowCharts: method(MetricsQuerySchema.strict(), ChartSeriesSchema),
  /** The items behind one bar, bin, day or point of a chart (same filters and rules as the series). */
  chartItems: method(
    MetricsQuerySchema.extend({ select: ChartSelectionSchema, limit: z.number().int().min(1).max(1000, atMost(1000, 'items')).optional() }).strict(),
    LinkedChartItemsSchema,
  ),
  /** DORA for the whole window and per UTC month. */
  doraTrend: method(z.object({ from: IsoInstant.optional(), to: IsoInstant.optional(), repo: z.string().max(200).optional() }).strict(), DoraTrendSchema),
  /**
   * The binding view: every status in the workspace (GitHub's event states too) with its items, Jira status
   * category, typical order, item-time held up to asOf, and how the map (default: the latest) binds it.
   */
  statusInventory: method(z.object({ mapId: z.number().int().positive().optional(), asOf: IsoInstant.optional() }).strict(), StatusInventorySchema),
  /**
   * A whole map binding proposed from status names, Jira categories and the typical order: 'complete' binds
   * what the map leaves unbound, 'fresh' proposes every step anew. Nothing is saved: the caller saves `map`
   * (saveMap with baseRevision = basedOnRevision) once the user accepts.
   */
  suggestBinding: method(
    z
      .object({
        mapId: z.number().int().positive().optional(),
        asOf: IsoInstant.optional(),
        mode: z.enum(SUGGEST_MODES).optional(),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    z.object({ basedOnRevision: z.number().int().nullable(), map: MapDocSchema, proposals: z.array(BindingProposalSchema) }),
  ),
  /**
   * Copies a map under a new name (default "NAME (copy)", made unique with " (2)", " (3)", …): steps, flows,
   * kaizen bursts, annotations, settings. Not linked to it (createFutureState links), no baselines.
   */
  duplicateMap: method(
    z.object({ mapId: z.number().int().positive(), name: z.string().trim().min(1).max(200).optional() }).strict(),
    z.object({ id: z.number().int(), name: z.string(), revision: z.number().int() }),
  ),
  /** Undoes a deleteMap of this session: the map with its steps, flows, baselines and links, its id kept when free. */
  restoreDeletedMap: method(z.object({ undoToken: z.string().min(1).max(100) }).strict(), z.object({ id: z.number().int(), name: z.string() })),
} as const;

/** Events the core pushes to the UI (Electron: IPC messages; HTTP: polled or streamed later). */
export const contractEvents = {
  workspaceChanged: z.object({ what: z.enum(['maps', 'items']) }),
  importProgress: z.object({ importId: z.string(), phase: z.string(), done: z.number().int(), total: z.number().int().optional() }),
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
