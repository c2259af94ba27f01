// The canvas's edits on the demo map, each result checked by the vsm-map schema the core saves with:
// connect, delete (flows and queues go with a step), copy/paste between maps (fresh ids, no status bound
// twice), the history's limit, and a seeded run of random edits that always leaves a valid map.
import { describe, expect, it } from 'vitest';
import { MapDocSchema } from '../../shared/domain/map.ts';
import { demoMap } from '../../shared/demo/demo-data.ts';
import {
  addAnnotation,
  addKaizen,
  addStep,
  connect,
  copyElements,
  movedTo,
  parseClip,
  pasteClip,
  removeElements,
  updateFlow,
} from '../../renderer/src/editor/doc-edits.ts';
import type { EditableDoc } from '../../renderer/src/editor/step-draft.ts';
import { HISTORY_LIMIT, useHistory } from '../../renderer/src/app/history.ts';

const demo = () => demoMap() as EditableDoc;
const valid = (d: EditableDoc) => {
  const r = MapDocSchema.safeParse(d);
  if (!r.success) throw new Error(r.error.message);
  return r.data;
};

describe('canvas edits', () => {
  it('adds a step after another, wired from it, and a queue before it', () => {
    const { doc, id } = addStep(demo(), 'approval', { x: 10.4, y: 20.6 }, 'Change board', 'deploy');
    expect(doc.steps.at(-1)).toEqual({
      id: 'change-board',
      name: 'Change board',
      activeStatuses: [],
      waitStatuses: [],
      kind: 'approval',
      position: { x: 10, y: 21 },
    });
    expect(doc.flows.at(-1)).toEqual({ from: 'deploy', to: id, kind: 'push' });
    const q = addAnnotation(doc, 'queue', { x: 0, y: 0 }, undefined, id);
    expect(q.doc.annotations!.at(-1)).toMatchObject({ kind: 'queue', stepId: id });
    expect(() => addAnnotation(doc, 'queue', { x: 0, y: 0 })).toThrow(/stands before a step/);
    valid(q.doc);
  });

  it('connects steps by kind once, pins an annotation to the step it is dragged to, and sets a rework rate', () => {
    let d = connect(demo(), 'approval', 'review', 'rework');
    const i = d.flows.length - 1;
    expect(d.flows[i]).toEqual({ from: 'approval', to: 'review', kind: 'rework', rate: 0.1 });
    expect(connect(d, 'approval', 'review', 'rework')).toBe(d);
    d = updateFlow(d, i, { rate: 0.25 });
    expect(d.flows[i]).toEqual({ from: 'approval', to: 'review', kind: 'rework', rate: 0.25 });
    d = updateFlow(d, i, { kind: 'info', infoKind: 'electronic', label: 'Jira' });
    expect(d.flows[i]).toEqual({ from: 'approval', to: 'review', kind: 'info', infoKind: 'electronic', label: 'Jira' });
    const s = addAnnotation(d, 'supplier', { x: 0, y: 0 }, 'Customers');
    d = connect(s.doc, s.id, 'intake', 'push');
    expect(d.annotations!.find((a) => a.id === s.id)!.stepId).toBe('intake');
    valid(d);
  });

  it('deleting a step takes its flows and its queue, unpins its note, and never the last step', () => {
    let d = addAnnotation(demo(), 'queue', { x: 0, y: 0 }, undefined, 'qa').doc;
    d = addAnnotation(d, 'note', { x: 0, y: 0 }, 'flaky tests', 'qa').doc;
    const out = removeElements(d, ['qa']);
    expect(out.steps.some((s) => s.id === 'qa')).toBe(false);
    expect(out.flows.some((f) => f.from === 'qa' || f.to === 'qa')).toBe(false);
    expect(out.annotations!.map((a) => [a.kind, a.stepId])).toEqual([['note', undefined]]);
    valid(out);
    expect(() =>
      removeElements(
        d,
        d.steps.map((s) => s.id),
      ),
    ).toThrow(/at least one step/);
  });

  it('copy and paste into another map: fresh ids, statuses left behind, flows between the copied steps kept', () => {
    const from = demo();
    const clip = parseClip(JSON.stringify(copyElements(addKaizen(from, 'qa', 'automate'), ['develop', 'review', 'qa'])))!;
    expect(clip.flows.length).toBeGreaterThan(0);
    // Into the same map (every status already bound there) and into a fresh one-step map.
    for (const target of [
      from,
      { ...from, name: 'Other', steps: [{ id: 'x', name: 'X', activeStatuses: [], waitStatuses: [] }], flows: [], annotations: [] },
    ]) {
      const { doc, ids } = pasteClip(target, clip, { x: 40, y: 40 });
      expect(ids).toHaveLength(3);
      const pasted = doc.steps.filter((s) => ids.includes(s.id));
      expect(pasted.every((s) => s.activeStatuses.length === 0 && s.waitStatuses.length === 0)).toBe(true);
      expect(pasted.find((s) => s.name === 'Manual QA')!.kaizen!.at(-1)!.text).toBe('automate');
      expect(doc.flows.filter((f) => ids.includes(f.from) && ids.includes(f.to))).toHaveLength(clip.flows.length);
      valid(doc);
    }
    expect(parseClip('{"format":"other"}')).toBeNull();
    expect(parseClip('not json')).toBeNull();
  });

  it('a seeded run of 300 random edits always leaves a map the schema accepts', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    let d = demo();
    for (let n = 0; n < 300; n++) {
      const ids = d.steps.map((s) => s.id);
      const op = Math.floor(rnd() * 6);
      if (op === 0)
        d = addStep(d, pick(['process', 'approval', 'handoff', 'manual', 'automated'] as const), { x: rnd() * 2000, y: rnd() * 900 }, undefined, pick(ids)).doc;
      else if (op === 1) d = connect(d, pick(ids), pick(ids), pick(['push', 'pull', 'info', 'rework'] as const));
      else if (op === 2 && ids.length > 2) d = removeElements(d, [pick(ids)]);
      else if (op === 3) d = pasteClip(d, copyElements(d, [pick(ids), pick(ids)]), { x: 40, y: 40 }).doc;
      else if (op === 4) d = addAnnotation(d, pick(['queue', 'supplier', 'customer', 'note', 'handoff'] as const), { x: 0, y: 0 }, undefined, pick(ids)).doc;
      else d = movedTo(d, new Map([[pick(ids), { x: rnd() * 1000, y: rnd() * 1000 }]]));
      valid(d);
    }
  });

  it('the history keeps the last 200 edits', () => {
    const h = useHistory.getState();
    h.clear();
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) h.record({ ...demo(), name: `v${i}` });
    expect(useHistory.getState().past).toHaveLength(200);
    const back = useHistory.getState().takeUndo({ ...demo(), name: 'now' })!;
    expect(back.name).toBe(`v${HISTORY_LIMIT + 49}`);
    expect(useHistory.getState().takeRedo(back)!.name).toBe('now');
  });
});
