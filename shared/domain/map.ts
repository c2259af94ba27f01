// The `vsm-map` document, version 1: the file format, the contract's map type and what the store keeps.
// Browser-safe: zod only.
import { z } from 'zod';
import { atMost, LIMITS } from './limits.ts';
import { checkTimeZone, WorkingCalendarSchema } from '../metrics/calendar.ts';
import { CONVENTION_NAMES } from '../metrics/convention-names.ts';
import { AnnotationSchema, checkAnnotations } from './annotations.ts';

export const StepEstimateSchema = z.object({
  processTimeHours: z.number().nonnegative().optional(),
  leadTimeHours: z.number().nonnegative().optional(),
  percentCompleteAccurate: z.number().min(0).max(1).optional(),
});

/** The lean wastes the waste analysis detects (issue 9); a kaizen burst may name the one it attacks. */
export const WASTE_TYPES = [
  'waiting',
  'defects',
  'relearning',
  'partially-done',
  'extra-features',
  'handoffs',
  'task-switching',
  'approval',
  'manual',
] as const;
export const WasteTypeSchema = z.enum(WASTE_TYPES);
export type WasteType = z.infer<typeof WasteTypeSchema>;

/** Thresholds a map may override, each the figure a finding needs (see shared/metrics/waste.ts for the defaults). */
export const WasteThresholdsSchema = z
  .object({
    waiting: z.number().min(0).max(1),
    defects: z.number().min(0).max(1),
    relearning: z.number().min(0).max(1),
    'partially-done': z.number().int().min(0),
    'extra-features': z.number().min(0).max(1),
    handoffs: z.number().min(0),
    'task-switching': z.number().min(0),
    approval: z.number().min(0).max(1),
  })
  .partial()
  .strict();
export type WasteThresholds = z.infer<typeof WasteThresholdsSchema>;

/** A list of status names (bound to a step, or done/blocked/abandoned). */
const Statuses = z.array(z.string().min(1).max(500, atMost(500, 'characters'))).max(LIMITS.statusesPerList, atMost(LIMITS.statusesPerList, 'statuses'));

export const KaizenSchema = z.object({
  text: z.string().min(1).max(LIMITS.textChars, atMost(LIMITS.textChars, 'characters')),
  owner: z.string().max(200, atMost(200, 'characters')).optional(),
  waste: WasteTypeSchema.optional(),
  /** Dot votes from a workshop. */
  votes: z.number().int().nonnegative().optional(),
  /** Local date the action is due, e.g. 2026-12-15. */
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-15')
    .optional(),
  status: z.enum(['open', 'doing', 'done']).optional(),
});

/** A step's kind: `manual` and `handoff` feed the waste analysis (manual work, handoff markers). */
export const STEP_KINDS = ['process', 'approval', 'handoff', 'manual', 'automated'] as const;

export const StepSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  activeStatuses: Statuses.default([]),
  waitStatuses: Statuses.default([]),
  estimate: StepEstimateSchema.optional(),
  people: z.number().int().nonnegative().optional(),
  owner: z.string().max(200, atMost(200, 'characters')).optional(),
  kind: z.enum(STEP_KINDS).optional(),
  notes: z.string().max(LIMITS.textChars, atMost(LIMITS.textChars, 'characters')).optional(),
  kaizen: z.array(KaizenSchema).max(LIMITS.kaizenPerStep, atMost(LIMITS.kaizenPerStep, 'kaizen actions per step')).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
});

export const FlowSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  kind: z.enum(['push', 'pull', 'info', 'rework']).default('push'),
  rate: z.number().min(0).max(1).optional(),
  /** What the arrow says, e.g. "Jira" or "CI" on an information flow, "weekly" on a push. */
  label: z.string().max(100).optional(),
  /** Information flows: a person passing it on (manual) or a system (electronic). */
  infoKind: z.enum(['manual', 'electronic']).optional(),
  /** Pull flows: through a supermarket or a FIFO lane. */
  lane: z.enum(['supermarket', 'fifo']).optional(),
});

const MapBaseSchema = z.object({
  format: z.literal('vsm-map'),
  version: z.literal(1),
  name: z.string().min(1).max(200),
  description: z.string().max(LIMITS.textChars, atMost(LIMITS.textChars, 'characters')).optional(),
  owner: z.string().max(200, atMost(200, 'characters')).optional(),
  doneStatuses: Statuses.min(1, 'a map needs at least one done status'),
  steps: z.array(StepSchema).min(1, 'a map needs at least one step').max(LIMITS.mapSteps, atMost(LIMITS.mapSteps, 'steps')),
  flows: z.array(FlowSchema).max(LIMITS.mapFlows, atMost(LIMITS.mapFlows, 'flows')).default([]),
  /** Statuses that mean "blocked": time in them is blocked time of the step the item was in before
   * (the first step in flow order if none), never active or wait. Jira's Flagged field overlays the same way. */
  blockedStatuses: Statuses.optional(),
  /** Statuses that mean "abandoned" (Won't Do, Cancelled): work thrown away, counted on the step it left. */
  abandonedStatuses: Statuses.optional(),
  /**
   * Resolutions that mean the work was abandoned although its status is done (Jira's Won't Do, Withdrawn,
   * Duplicate): such items are not completed (no throughput, cycle or lead time) and count as abandoned waste.
   */
  abandonedResolutions: z
    .array(z.string().min(1).max(200, atMost(200, 'characters')))
    .max(200, atMost(200, 'resolutions'))
    .optional(),
  /** Statuses the map deliberately leaves unmeasured (a backlog before commitment): the binding view shows them as decided, not unbound. */
  ignoredStatuses: Statuses.optional(),
  /** Per-map overrides of the waste analysis thresholds. */
  wasteThresholds: WasteThresholdsSchema.optional(),
  /** The team's working calendar; metrics use it for durations unless a query says otherwise. */
  calendar: WorkingCalendarSchema.optional(),
  /** The named convention (issue 14) every figure of this map follows unless a query names another; absent = flowmap. */
  convention: z.enum(CONVENTION_NAMES).optional(),
  /** The committed step (the start status or column) the other tools' conventions count cycle time from; absent = the first step. */
  startStepId: z.string().min(1).optional(),
  /** Supplier, customer, queue triangles, sticky notes, handoff markers: drawn on the map, never measured. */
  annotations: z.array(AnnotationSchema).max(LIMITS.annotations, atMost(LIMITS.annotations, 'annotations')).optional(),
});

/** Cross-field rules that a JSON schema alone cannot state; each issue names the exact path. */
export const MapDocSchema = MapBaseSchema.superRefine((map, ctx) => {
  const stepIndex = new Map<string, number>();
  map.steps.forEach((step, i) => {
    const first = stepIndex.get(step.id);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${step.id}" (already used by steps[${first}])` });
    } else stepIndex.set(step.id, i);
  });
  if (map.startStepId !== undefined && !stepIndex.has(map.startStepId)) {
    ctx.addIssue({
      code: 'custom',
      path: ['startStepId'],
      message: `startStepId "${map.startStepId}" is not a step of this map (steps: ${map.steps.map((s) => s.id).join(', ')})`,
    });
  }
  const owner = new Map<string, string>();
  const done = new Set(map.doneStatuses);
  map.steps.forEach((step, i) => {
    for (const list of ['activeStatuses', 'waitStatuses'] as const) {
      step[list].forEach((status, j) => {
        const where = `steps[${i}] "${step.id}" ${list}`;
        const prev = owner.get(status);
        if (prev !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, list, j], message: `status "${status}" is bound twice: in ${prev} and in ${where}` });
        } else owner.set(status, where);
        if (done.has(status)) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, list, j], message: `status "${status}" is both a done status and bound to step "${step.id}"` });
        }
      });
    }
  });
  (map.blockedStatuses ?? []).forEach((status, j) => {
    const prev = owner.get(status);
    if (prev !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['blockedStatuses', j], message: `status "${status}" is both a blocked status and bound in ${prev}` });
    }
    if (done.has(status))
      ctx.addIssue({ code: 'custom', path: ['blockedStatuses', j], message: `status "${status}" is both a blocked status and a done status` });
  });
  const blocked = new Set(map.blockedStatuses ?? []);
  (map.abandonedStatuses ?? []).forEach((status, j) => {
    const prev = owner.get(status);
    if (prev !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['abandonedStatuses', j], message: `status "${status}" is both an abandoned status and bound in ${prev}` });
    }
    if (done.has(status))
      ctx.addIssue({ code: 'custom', path: ['abandonedStatuses', j], message: `status "${status}" is both an abandoned status and a done status` });
    if (blocked.has(status))
      ctx.addIssue({ code: 'custom', path: ['abandonedStatuses', j], message: `status "${status}" is both an abandoned status and a blocked status` });
  });
  const abandoned = new Set(map.abandonedStatuses ?? []);
  (map.ignoredStatuses ?? []).forEach((status, j) => {
    const prev = owner.get(status);
    const other =
      prev !== undefined
        ? `bound in ${prev}`
        : done.has(status)
          ? 'a done status'
          : blocked.has(status)
            ? 'a blocked status'
            : abandoned.has(status)
              ? 'an abandoned status'
              : null;
    if (other !== null) ctx.addIssue({ code: 'custom', path: ['ignoredStatuses', j], message: `status "${status}" is both an ignored status and ${other}` });
  });
  map.steps.forEach((step, i) => {
    const e = step.estimate;
    if (e?.processTimeHours !== undefined && e.leadTimeHours !== undefined && e.processTimeHours > e.leadTimeHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', i, 'estimate', 'processTimeHours'],
        message: `process time ${e.processTimeHours} h is longer than the lead time ${e.leadTimeHours} h of step "${step.id}" (lead time includes process time)`,
      });
    }
  });
  if (map.calendar) {
    try {
      checkTimeZone(map.calendar.timeZone);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['calendar', 'timeZone'], message: (e as Error).message });
    }
  }
  if (map.annotations) checkAnnotations(map.annotations, stepIndex, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
  map.flows.forEach((flow, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!stepIndex.has(flow[end])) {
        ctx.addIssue({ code: 'custom', path: ['flows', i, end], message: `flow ${end} "${flow[end]}" is not a step of this map` });
      }
    }
  });
});

export type MapDoc = z.infer<typeof MapDocSchema>;
export type MapStep = z.infer<typeof StepSchema>;
export type MapFlow = z.infer<typeof FlowSchema>;
export type MapDocInput = z.input<typeof MapDocSchema>;

/** Formats zod issues as one line each: `steps[2].activeStatuses[0]: status "X" is bound twice ...`. */
export function formatIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
      return `${prefix}${path || '(root)'}: ${issue.message}`;
    })
    .join('\n');
}

/** Steps in flow order: a topological walk of the push/pull flows from the sources, then any unconnected
 * steps in document order. Used for the ladder, for the bottleneck tie-break and for the report. */
export function stepsInFlowOrder(map: Pick<MapDoc, 'steps' | 'flows'>): MapStep[] {
  const forward = map.flows.filter((f) => f.kind === 'push' || f.kind === 'pull');
  const indegree = new Map(map.steps.map((s) => [s.id, 0]));
  for (const f of forward) indegree.set(f.to, (indegree.get(f.to) ?? 0) + 1);
  const byId = new Map(map.steps.map((s) => [s.id, s]));
  const out: MapStep[] = [];
  const seen = new Set<string>();
  const queue = map.steps.filter((s) => (indegree.get(s.id) ?? 0) === 0).map((s) => s.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(byId.get(id)!);
    for (const f of forward) {
      if (f.from !== id) continue;
      const left = (indegree.get(f.to) ?? 0) - 1;
      indegree.set(f.to, left);
      if (left === 0) queue.push(f.to);
    }
  }
  for (const s of map.steps) if (!seen.has(s.id)) out.push(s);
  return out;
}
