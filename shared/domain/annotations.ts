// What a value-stream map draws besides its steps and flows: supplier and customer, queue (inventory)
// triangles, sticky notes and handoff markers. Browser-safe: zod only. Annotations never enter the metrics
// (the flow order, the ladder and every figure come from steps and flows alone).
import { z } from 'zod';

export const ANNOTATION_KINDS = ['supplier', 'customer', 'queue', 'note', 'handoff'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** How a supplier feeds its step, or a step its customer: material (push) or information (manual or electronic). */
export const AnnotationLinkSchema = z.object({
  kind: z.enum(['push', 'info']).default('push'),
  infoKind: z.enum(['manual', 'electronic']).optional(),
  label: z.string().max(100).optional(),
});

export const AnnotationSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(ANNOTATION_KINDS),
  /** Supplier/customer name, the note's text, the handoff's label. */
  text: z.string().max(2000).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  /**
   * The step it belongs to: the step a supplier feeds or a customer is fed by, the step whose queue a
   * triangle shows (it stands before that step), the step a handoff marker or a note is pinned to.
   */
  stepId: z.string().min(1).max(64).optional(),
  link: AnnotationLinkSchema.optional(),
  /** A queue's counted inventory, for a workshop without data; bound steps show the measured WIP in their wait statuses instead. */
  count: z.number().int().nonnegative().optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

/** Cross-field checks, reported through the map's own refinement: unique ids (also against steps) and existing steps. */
export function checkAnnotations(
  annotations: readonly Annotation[],
  stepIds: ReadonlyMap<string, number>,
  addIssue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Map<string, number>();
  annotations.forEach((a, i) => {
    const first = seen.get(a.id);
    if (first !== undefined) addIssue(['annotations', i, 'id'], `duplicate annotation id "${a.id}" (already used by annotations[${first}])`);
    else seen.set(a.id, i);
    const step = stepIds.get(a.id);
    if (step !== undefined) addIssue(['annotations', i, 'id'], `annotation id "${a.id}" is already the id of steps[${step}]`);
    if (a.stepId !== undefined && !stepIds.has(a.stepId))
      addIssue(['annotations', i, 'stepId'], `annotation ${a.kind} "${a.id}" points at step "${a.stepId}", which is not a step of this map`);
    if (a.kind === 'queue' && a.stepId === undefined) addIssue(['annotations', i, 'stepId'], `queue "${a.id}" needs the step it stands before (stepId)`);
  });
}
