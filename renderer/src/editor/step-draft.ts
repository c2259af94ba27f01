// Editing one step of a vsm-map document as a flat form draft, and turning the draft back into a document.
// Pure and browser-safe: the core validates the result (a status bound twice, a flow to nowhere) on save.
import type { Annotation } from '../../../shared/domain/annotations.ts';
import type { MapDocInput, MapFlow, MapStep } from '../../../shared/domain/map.ts';

export interface StepDraft {
  name: string;
  owner: string;
  people: string;
  kind: NonNullable<MapStep['kind']>;
  waitStatuses: string[];
  activeStatuses: string[];
  processTimeHours: string;
  leadTimeHours: string;
  /** As typed: "90 %", "90" or "0.9" (see parsePercent). */
  percentCompleteAccurate: string;
  /** Steps this one pushes work to. */
  flowsTo: string[];
  notes: string;
  /** Kaizen bursts on the step, votes as typed. */
  kaizen: KaizenDraft[];
}

export interface KaizenDraft {
  text: string;
  owner: string;
  waste: string;
  votes: string;
  /** What the form does not edit (due date, status) is kept as it was. */
  rest: Omit<Kaizen, 'text' | 'owner' | 'waste' | 'votes'>;
}
type Kaizen = NonNullable<MapStep['kaizen']>[number];

/** The document shape the editor works on: a map without its store id and timestamp. */
export type EditableDoc = Omit<MapDocInput, 'steps' | 'flows' | 'annotations'> & { steps: MapStep[]; flows: MapFlow[]; annotations?: Annotation[] };

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function draftFromStep(step: MapStep | undefined, flows: readonly MapFlow[]): StepDraft {
  return {
    name: step?.name ?? 'New step',
    owner: step?.owner ?? '',
    people: text(step?.people),
    kind: step?.kind ?? 'process',
    waitStatuses: [...(step?.waitStatuses ?? [])],
    activeStatuses: [...(step?.activeStatuses ?? [])],
    processTimeHours: text(step?.estimate?.processTimeHours),
    leadTimeHours: text(step?.estimate?.leadTimeHours),
    // Written with its % sign, so reading it back is never the fraction reading (0.5 % stays 0.5 %).
    percentCompleteAccurate: step?.estimate?.percentCompleteAccurate === undefined ? '' : `${Math.round(step.estimate.percentCompleteAccurate * 1e6) / 1e4} %`,
    flowsTo: step ? flows.filter((f) => f.from === step.id && (f.kind === 'push' || f.kind === 'pull')).map((f) => f.to) : [],
    notes: step?.notes ?? '',
    kaizen: (step?.kaizen ?? []).map(({ text, owner, waste, votes, ...rest }) => ({
      text,
      owner: owner ?? '',
      waste: waste ?? '',
      votes: votes === undefined ? '' : String(votes),
      rest,
    })),
  };
}

/** A number typed in a form: '' is "not given"; anything else must be a finite number ≥ 0. */
function parseField(label: string, raw: string): number | undefined {
  const t = raw.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${label}: "${raw}" is not a number of 0 or more`);
  return n;
}

/**
 * %C&A as typed, read one way only: "90 %" (or "90%") and "90" are percent; a bare number below 1 ("0.9",
 * "0,85") is a fraction. So 0.9 is 90 %, never 0.9 %; "1" is 1 % (write "100" or "100 %" for all). `reading`
 * says which reading was taken, for the form to show. '' is "not given".
 */
export function parsePercent(raw: string): { ratio: number; reading: string } | undefined {
  const t = raw.trim().replace(',', '.');
  if (t === '') return undefined;
  const m = /^(.*?)\s*%$/.exec(t);
  const n = Number(m ? m[1] : t);
  if (m?.[1] === '' || !Number.isFinite(n) || n < 0) throw new Error(`%C&A: "${raw}" is not a percentage such as 90 %, 90 or 0.9`);
  const fraction = !m && n > 0 && n < 1;
  const ratio = fraction ? n : n / 100;
  if (ratio > 1) throw new Error(`%C&A: "${raw}" is more than 100 %`);
  const pct = `${Math.round(ratio * 1e6) / 1e4} %`;
  return { ratio, reading: fraction ? `${pct} (${t} read as a fraction)` : pct };
}

/** A fresh step id: the name as a slug, made unique among the map's ids. */
export function newStepId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'step';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The document with the step `stepId` replaced by the draft (or, for null, the draft added as a new step at
 * `position`). Its push/pull flows out are set to `flowsTo`; other flows (info, rework, and those into it)
 * stay. Throws on a field that is not a number.
 */
export function applyDraft(
  doc: EditableDoc,
  stepId: string | null,
  draft: StepDraft,
  position?: { x: number; y: number },
): { doc: EditableDoc; stepId: string } {
  const people = parseField('People', draft.people);
  if (people !== undefined && !Number.isInteger(people)) throw new Error(`People: "${draft.people}" is not a whole number`);
  const pca = parsePercent(draft.percentCompleteAccurate)?.ratio;
  const estimate = {
    processTimeHours: parseField('Process time', draft.processTimeHours),
    leadTimeHours: parseField('Lead time', draft.leadTimeHours),
    percentCompleteAccurate: pca,
  };
  const hasEstimate = Object.values(estimate).some((v) => v !== undefined);
  const kaizen = draft.kaizen
    .filter((k) => k.text.trim() !== '')
    .map((k, i): Kaizen => {
      const votes = parseField(`Kaizen ${i + 1} votes`, k.votes);
      if (votes !== undefined && !Number.isInteger(votes)) throw new Error(`Kaizen ${i + 1} votes: "${k.votes}" is not a whole number`);
      return {
        ...k.rest,
        text: k.text.trim(),
        ...(k.owner.trim() ? { owner: k.owner.trim() } : {}),
        ...(k.waste ? { waste: k.waste as Kaizen['waste'] } : {}),
        ...(votes !== undefined ? { votes } : {}),
      };
    });
  const old = stepId === null ? undefined : doc.steps.find((s) => s.id === stepId);
  if (stepId !== null && !old) throw new Error(`the map has no step "${stepId}" any more`);
  const id = old?.id ?? newStepId(draft.name, new Set(doc.steps.map((s) => s.id)));
  const clean = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter((s) => s !== ''))];
  const step: MapStep = {
    ...old,
    id,
    name: draft.name.trim(),
    activeStatuses: clean(draft.activeStatuses),
    waitStatuses: clean(draft.waitStatuses),
    kind: draft.kind,
    ...(draft.owner.trim() ? { owner: draft.owner.trim() } : { owner: undefined }),
    ...(people !== undefined ? { people } : { people: undefined }),
    estimate: hasEstimate ? Object.fromEntries(Object.entries(estimate).filter(([, v]) => v !== undefined)) : undefined,
    notes: draft.notes.trim() || undefined,
    kaizen: kaizen.length > 0 ? kaizen : undefined,
    ...((old?.position ?? position) ? { position: old?.position ?? position } : {}),
  };
  // Undefined keys would survive JSON as absent anyway; drop them so the saved document stays tidy.
  for (const k of Object.keys(step) as (keyof MapStep)[]) if (step[k] === undefined) delete step[k];
  const steps = old ? doc.steps.map((s) => (s.id === id ? step : s)) : [...doc.steps, step];
  const kept = doc.flows.filter((f) => !(f.from === id && (f.kind === 'push' || f.kind === 'pull')));
  const oldKinds = new Map(doc.flows.filter((f) => f.from === id).map((f) => [f.to, f.kind]));
  const out = [...new Set(draft.flowsTo)]
    .filter((to) => to !== id)
    .map((to): MapFlow => ({ from: id, to, kind: oldKinds.get(to) === 'pull' ? 'pull' : 'push' }));
  return { doc: { ...doc, steps, flows: [...kept, ...out] }, stepId: id };
}

/** The document without the step and every flow into or out of it. */
export function removeStep(doc: EditableDoc, stepId: string): EditableDoc {
  if (doc.steps.length <= 1) throw new Error('a map needs at least one step');
  const next: EditableDoc = { ...doc, steps: doc.steps.filter((s) => s.id !== stepId), flows: doc.flows.filter((f) => f.from !== stepId && f.to !== stepId) };
  // The committed step goes with it: the conventions count from the first step again.
  if (next.startStepId === stepId) delete next.startStepId;
  return next;
}
