// What the palette, the quick-add box and the keyboard do to the map on the canvas: each is one edit
// through the app store (checked, undoable, autosaved). The canvas's own UI state (which kind a new
// connection gets, which box is open) lives in useCanvasUi.
import { create } from 'zustand';
import type { AnnotationKind } from '../../../shared/domain/annotations.ts';
import type { MapFlow } from '../../../shared/domain/map.ts';
import { STEP_SPACING_X } from '../app/canvas-elements.ts';
import { currentMapDoc, useAppStore } from '../app/store.ts';
import { addAnnotation, addKaizen, addStep, copyElements, movedTo, parseClip, pasteClip, removeElements, type Position, type StepKind } from './doc-edits.ts';
import { flowIndexOf } from '../app/canvas-elements.ts';
import { tidyPositions } from './tidy-layout.ts';

interface CanvasUi {
  /** The kind a connection dragged between two right/left handles gets. */
  connectKind: MapFlow['kind'];
  panel: 'none' | 'quick-add' | 'find' | 'settings';
  message: string | null;
  setConnectKind(k: MapFlow['kind']): void;
  setPanel(p: CanvasUi['panel']): void;
  say(message: string | null): void;
}

export const useCanvasUi = create<CanvasUi>((set) => ({
  connectKind: 'push',
  panel: 'none',
  message: null,
  setConnectKind: (connectKind) => set({ connectKind }),
  setPanel: (panel) => set({ panel }),
  say: (message) => set({ message }),
}));

/** The canvas registers how to read its viewport (center, fit, focus a node), which only React Flow knows. */
export const viewport = {
  center: (): Position => ({ x: 0, y: 0 }),
  fit: (): void => undefined,
  focus: (_id: string): void => undefined,
};

export const GRID = 20;
const CLIP_KEY = 'flowmap.clipboard';

export function selectedNodeIds(): string[] {
  return useAppStore
    .getState()
    .nodes.filter((n) => n.selected)
    .map((n) => n.id);
}

/** Applies an edit; a refusal (the map's rules) is said in the canvas's message line. */
function apply(next: Parameters<ReturnType<typeof useAppStore.getState>['edit']>[0], select?: string[]): boolean {
  const refused = useAppStore.getState().edit(next, select);
  useCanvasUi.getState().say(refused);
  return refused === null;
}

/** Where a new node goes: right of the one selected step (and wired from it), else the middle of the view or the first free spot right of it. */
function placeNew(): { position: Position; after?: string } {
  const { nodes } = useAppStore.getState();
  const sel = nodes.filter((n) => n.selected);
  if (sel.length === 1 && sel[0]!.type === 'step') {
    const p = sel[0]!.position;
    const x = p.x + STEP_SPACING_X;
    // Step down until the spot is free, so adding after a step with a branch does not stack boxes.
    let y = p.y;
    while (nodes.some((n) => Math.abs(n.position.x - x) < 200 && Math.abs(n.position.y - y) < 150)) y += 300;
    return { position: { x, y }, after: sel[0]!.id };
  }
  const c = viewport.center();
  const y = Math.round(c.y / GRID) * GRID - 100;
  // The middle of the view, or right of whatever is there: a click on the palette never stacks a box on one.
  let x = Math.round(c.x / GRID) * GRID - 100;
  for (let tries = 0; tries < 200 && nodes.some((n) => Math.abs(n.position.x - x) < 200 && Math.abs(n.position.y - y) < 150); tries++) x += STEP_SPACING_X;
  return { position: { x, y } };
}

export function quickAddStep(kind: StepKind, name?: string): void {
  const doc = currentMapDoc();
  if (!doc) return;
  const { position, after } = placeNew();
  const r = addStep(doc, kind, position, name, after);
  apply(r.doc, [r.id]);
}

export function quickAddAnnotation(kind: AnnotationKind, text?: string): void {
  const doc = currentMapDoc();
  if (!doc) return;
  const sel = useAppStore.getState().nodes.filter((n) => n.selected && n.type === 'step');
  const step = sel.length === 1 ? sel[0]! : undefined;
  if (kind === 'queue' && !step) return useCanvasUi.getState().say('Select the step the queue stands before, then add the queue.');
  const near = step
    ? {
        x: step.position.x + { queue: -70, supplier: -250, customer: 260, note: 0, handoff: 40 }[kind],
        y: step.position.y + { queue: 20, supplier: 0, customer: 0, note: -170, handoff: -80 }[kind],
      }
    : placeNew().position;
  try {
    const r = addAnnotation(doc, kind, near, text, step?.id);
    apply(r.doc, [r.id]);
  } catch (e) {
    useCanvasUi.getState().say((e as Error).message);
  }
}

export function addKaizenToSelected(text?: string): void {
  const doc = currentMapDoc();
  const sel = useAppStore.getState().nodes.filter((n) => n.selected && n.type === 'step');
  if (!doc || sel.length !== 1) return useCanvasUi.getState().say('Select one step to add a kaizen burst to it.');
  apply(addKaizen(doc, sel[0]!.id, text?.trim() || undefined), [sel[0]!.id]);
}

export function deleteSelection(): void {
  const doc = currentMapDoc();
  if (!doc) return;
  const { nodes, edges } = useAppStore.getState();
  const ids = nodes.filter((n) => n.selected).map((n) => n.id);
  const flows = edges
    .filter((e) => e.selected)
    .map((e) => flowIndexOf(e.id))
    .filter((i): i is number => i !== null);
  if (ids.length === 0 && flows.length === 0) return;
  try {
    apply(removeElements(doc, ids, flows), []);
  } catch (e) {
    useCanvasUi.getState().say((e as Error).message);
  }
}

export function copySelection(): boolean {
  const doc = currentMapDoc();
  const ids = selectedNodeIds();
  if (!doc || ids.length === 0) return false;
  // localStorage: the clip survives a map switch and a reload in this app (the system clipboard may be denied).
  localStorage.setItem(CLIP_KEY, JSON.stringify(copyElements(doc, ids)));
  return true;
}

export function pasteClipboard(): void {
  const doc = currentMapDoc();
  const clip = parseClip(localStorage.getItem(CLIP_KEY));
  if (!doc || !clip || (clip.steps.length === 0 && clip.annotations.length === 0)) return;
  const r = pasteClip(doc, clip, { x: 40, y: 40 });
  // The pasted copy is the new clip, so pasting again steps further instead of stacking on it.
  localStorage.setItem(CLIP_KEY, JSON.stringify(copyElements(r.doc, r.ids)));
  apply(r.doc, r.ids);
}

export function duplicateSelection(): void {
  const doc = currentMapDoc();
  const ids = selectedNodeIds();
  if (!doc || ids.length === 0) return;
  const r = pasteClip(doc, copyElements(doc, ids), { x: 40, y: 40 });
  apply(r.doc, r.ids);
}

export function selectAll(): void {
  const { nodes, edges } = useAppStore.getState();
  useAppStore.setState({
    nodes: nodes.map((n) => (n.selected ? n : { ...n, selected: true })),
    edges: edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  });
}

export function nudgeSelection(dx: number, dy: number): void {
  const doc = currentMapDoc();
  const sel = useAppStore.getState().nodes.filter((n) => n.selected);
  if (!doc || sel.length === 0) return;
  apply(
    movedTo(doc, new Map(sel.map((n) => [n.id, { x: n.position.x + dx, y: n.position.y + dy }]))),
    sel.map((n) => n.id),
  );
}

export async function tidyLayout(): Promise<void> {
  const doc = currentMapDoc();
  if (!doc) return;
  const boxes = useAppStore.getState().nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? 212, height: n.measured?.height ?? 200 }));
  const positions = await tidyPositions(doc, boxes);
  if (apply(movedTo(doc, positions))) requestAnimationFrame(() => viewport.fit());
}

/** Selects a step by id and brings it to the middle of the view (Ctrl+F). */
export function focusStep(id: string): void {
  const { nodes, edges } = useAppStore.getState();
  useAppStore.setState({ nodes: nodes.map((n) => ({ ...n, selected: n.id === id })), edges: edges.map((e) => (e.selected ? { ...e, selected: false } : e)) });
  viewport.focus(id);
}
