// The canvas's edits as pure functions on a vsm-map document: add, connect, delete, duplicate, paste, move,
// set a flow's kind. Each returns a new document; the store records the old one for undo and autosaves the
// new one. Browser-safe and free of React, so a unit test runs them on real maps.
import type { Annotation, AnnotationKind } from '../../../shared/domain/annotations.ts';
import type { MapFlow, MapStep } from '../../../shared/domain/map.ts';
import { newStepId, type EditableDoc } from './step-draft.ts';

export type StepKind = NonNullable<MapStep['kind']>;
export type Position = { x: number; y: number };

/** Every id in the document: steps and annotations share one id space (the schema refuses a clash). */
export function takenIds(doc: EditableDoc): Set<string> {
  return new Set([...doc.steps.map((s) => s.id), ...(doc.annotations ?? []).map((a) => a.id)]);
}

const STEP_NAMES: Record<StepKind, string> = {
  process: 'New step',
  approval: 'Approval',
  handoff: 'Handoff',
  manual: 'Manual step',
  automated: 'Automated step',
};
const ANNOTATION_TEXT: Record<AnnotationKind, string> = { supplier: 'Supplier', customer: 'Customer', queue: '', note: 'Note', handoff: 'Handoff' };

/** Adds a step; with `after`, a push flow from that step to it (how a room extends a stream step by step). */
export function addStep(doc: EditableDoc, kind: StepKind, position: Position, name?: string, after?: string): { doc: EditableDoc; id: string } {
  const label = name?.trim() || STEP_NAMES[kind];
  const id = newStepId(label, takenIds(doc));
  const step: MapStep = { id, name: label, activeStatuses: [], waitStatuses: [], ...(kind === 'process' ? {} : { kind }), position: round(position) };
  const flows = after !== undefined && doc.steps.some((s) => s.id === after) ? [...doc.flows, { from: after, to: id, kind: 'push' as const }] : doc.flows;
  return { doc: { ...doc, steps: [...doc.steps, step], flows }, id };
}

/**
 * Adds a supplier, customer, queue, sticky note or handoff marker. A queue stands before `stepId` (the
 * schema requires it); the others are pinned to it when given.
 */
export function addAnnotation(doc: EditableDoc, kind: AnnotationKind, position: Position, text?: string, stepId?: string): { doc: EditableDoc; id: string } {
  if (kind === 'queue' && stepId === undefined) throw new Error('a queue stands before a step: select the step it feeds first');
  const id = newStepId(`${kind}`, takenIds(doc));
  const body = text?.trim() || ANNOTATION_TEXT[kind];
  const a: Annotation = { id, kind, position: round(position), ...(body ? { text: body } : {}), ...(stepId !== undefined ? { stepId } : {}) };
  return { doc: { ...doc, annotations: [...(doc.annotations ?? []), a] }, id };
}

/** Adds a kaizen burst to a step. */
export function addKaizen(doc: EditableDoc, stepId: string, text = 'Improvement idea'): EditableDoc {
  return { ...doc, steps: doc.steps.map((s) => (s.id === stepId ? { ...s, kaizen: [...(s.kaizen ?? []), { text }] } : s)) };
}

/**
 * Connects two nodes. Step to step: a flow of `kind` (a second flow of the same kind between the same steps
 * is not added). A supplier or queue to a step, or a step to a customer: the annotation is pinned to it.
 */
export function connect(doc: EditableDoc, source: string, target: string, kind: MapFlow['kind']): EditableDoc {
  if (source === target) return doc;
  const isStep = (id: string) => doc.steps.some((s) => s.id === id);
  const annotation = (id: string) => doc.annotations?.find((a) => a.id === id);
  if (isStep(source) && isStep(target)) {
    if (doc.flows.some((f) => f.from === source && f.to === target && f.kind === kind)) return doc;
    const flow: MapFlow = {
      from: source,
      to: target,
      kind,
      ...(kind === 'rework' ? { rate: 0.1 } : {}),
      ...(kind === 'info' ? { infoKind: 'electronic' as const } : {}),
    };
    return { ...doc, flows: [...doc.flows, flow] };
  }
  const a = annotation(source) ?? annotation(target);
  const step = isStep(source) ? source : isStep(target) ? target : undefined;
  if (!a || step === undefined) return doc;
  return { ...doc, annotations: doc.annotations!.map((x) => (x.id === a.id ? { ...x, stepId: step } : x)) };
}

/** Changes flow `index` (its kind, rate, label, lane, info kind); undefined fields are removed. */
export function updateFlow(doc: EditableDoc, index: number, patch: Partial<MapFlow>): EditableDoc {
  return {
    ...doc,
    flows: doc.flows.map((f, i) => {
      if (i !== index) return f;
      const next = { ...f, ...patch } as MapFlow;
      // What belongs to one kind goes when the flow changes kind.
      if (next.kind !== 'rework') delete next.rate;
      if (next.kind !== 'info') delete next.infoKind;
      if (next.kind !== 'pull') delete next.lane;
      for (const k of Object.keys(next) as (keyof MapFlow)[]) if (next[k] === undefined || next[k] === '') delete next[k];
      return next;
    }),
  };
}

/**
 * Removes nodes (steps or annotations) and flows by index. Flows into or out of a removed step go with it,
 * as do queues standing before it; other annotations pinned to it stay, unpinned. A map keeps one step.
 */
export function removeElements(doc: EditableDoc, nodeIds: readonly string[], flowIndexes: readonly number[] = []): EditableDoc {
  const gone = new Set(nodeIds);
  const steps = doc.steps.filter((s) => !gone.has(s.id));
  if (steps.length === 0) throw new Error('a map needs at least one step: the last one stays');
  const dropFlows = new Set(flowIndexes);
  const flows = doc.flows.filter((f, i) => !dropFlows.has(i) && !gone.has(f.from) && !gone.has(f.to));
  const annotations = (doc.annotations ?? [])
    .filter((a) => !gone.has(a.id) && !(a.kind === 'queue' && a.stepId !== undefined && gone.has(a.stepId)))
    .map((a) => (a.stepId !== undefined && gone.has(a.stepId) ? withoutKey(a, 'stepId') : a));
  return { ...doc, steps, flows, ...(doc.annotations ? { annotations } : {}) };
}

/** What Ctrl+C copies: steps and annotations, the flows between the copied steps. Survives a map switch (JSON). */
export interface Clip {
  format: 'flowmap-clip';
  steps: MapStep[];
  annotations: Annotation[];
  flows: MapFlow[];
}

export function copyElements(doc: EditableDoc, nodeIds: readonly string[]): Clip {
  const ids = new Set(nodeIds);
  const steps = doc.steps.filter((s) => ids.has(s.id));
  const stepIds = new Set(steps.map((s) => s.id));
  return {
    format: 'flowmap-clip',
    steps,
    annotations: (doc.annotations ?? []).filter((a) => ids.has(a.id)),
    flows: doc.flows.filter((f) => stepIds.has(f.from) && stepIds.has(f.to)),
  };
}

/**
 * Pastes a clip, `offset` from where it was: fresh ids, no statuses bound (a status belongs to one step, and
 * the copy would bind it twice), annotations pinned to copied steps follow them, others lose the pin
 * unless that step exists in this map (queues without a step are left out). Returns the new node ids.
 */
export function pasteClip(doc: EditableDoc, clip: Clip, offset: Position): { doc: EditableDoc; ids: string[] } {
  const taken = takenIds(doc);
  const rename = new Map<string, string>();
  const fresh = (old: string, name: string) => {
    const id = newStepId(name, taken);
    taken.add(id);
    rename.set(old, id);
    return id;
  };
  const move = (p: Position | undefined) => round({ x: (p?.x ?? 0) + offset.x, y: (p?.y ?? 0) + offset.y });
  const steps = clip.steps.map((s): MapStep => ({ ...s, id: fresh(s.id, s.name), activeStatuses: [], waitStatuses: [], position: move(s.position) }));
  const existing = new Set(doc.steps.map((s) => s.id));
  const annotations = clip.annotations
    .map((a): Annotation | null => {
      const pin = a.stepId === undefined ? undefined : (rename.get(a.stepId) ?? (existing.has(a.stepId) ? a.stepId : undefined));
      if (a.kind === 'queue' && pin === undefined) return null;
      const copy: Annotation = { ...withoutKey(a, 'stepId'), id: fresh(a.id, a.kind), position: move(a.position) };
      return pin === undefined ? copy : { ...copy, stepId: pin };
    })
    .filter((a): a is Annotation => a !== null);
  const flows = clip.flows.map((f) => ({ ...f, from: rename.get(f.from)!, to: rename.get(f.to)! }));
  return {
    doc: { ...doc, steps: [...doc.steps, ...steps], flows: [...doc.flows, ...flows], annotations: [...(doc.annotations ?? []), ...annotations] },
    ids: [...steps.map((s) => s.id), ...annotations.map((a) => a.id)],
  };
}

/** Reads a clip back from the clipboard's text; anything else is null. */
export function parseClip(text: string | null): Clip | null {
  if (!text) return null;
  try {
    const c = JSON.parse(text) as Clip;
    return c?.format === 'flowmap-clip' && Array.isArray(c.steps) && Array.isArray(c.annotations) && Array.isArray(c.flows) ? c : null;
  } catch {
    return null;
  }
}

/** Sets positions of steps and annotations by id (a drag, a nudge, the tidy layout). */
export function movedTo(doc: EditableDoc, positions: ReadonlyMap<string, Position>): EditableDoc {
  const at = <T extends { id: string; position?: Position }>(x: T): T => {
    const p = positions.get(x.id);
    return p ? { ...x, position: round(p) } : x;
  };
  return { ...doc, steps: doc.steps.map(at), ...(doc.annotations ? { annotations: doc.annotations.map(at) } : {}) };
}

/** Changes one annotation (its text, count). */
export function updateAnnotation(doc: EditableDoc, id: string, patch: Partial<Annotation>): EditableDoc {
  return { ...doc, annotations: (doc.annotations ?? []).map((a) => (a.id === id ? { ...a, ...patch } : a)) };
}

function round(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

function withoutKey<T extends object, K extends keyof T>(o: T, k: K): Omit<T, K> {
  const { [k]: _drop, ...rest } = o;
  return rest;
}
