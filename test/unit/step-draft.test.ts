// The step editor's draft ↔ document mapping, on the demo's real map: what a facilitator types becomes a
// valid vsm-map (the core's own parser accepts it), flows follow "work goes next to", numbers are checked.
import { describe, expect, it } from 'vitest';
import { demoMap } from '../../shared/demo/demo-data.ts';
import { parseMapDoc } from '../../shared/store/map-repo.ts';
import { applyDraft, parsePercent, draftFromStep, newStepId, removeStep, type EditableDoc } from '../../renderer/src/editor/step-draft.ts';

const demo = (): EditableDoc => parseMapDoc(demoMap()) as EditableDoc;

describe('step editor drafts', () => {
  it('round-trips a step unchanged', () => {
    const doc = demo();
    const qa = doc.steps.find((s) => s.id === 'qa')!;
    const { doc: out } = applyDraft(doc, 'qa', draftFromStep(qa, doc.flows));
    expect(out.steps.find((s) => s.id === 'qa')).toEqual(qa);
    expect(new Set(out.flows.map((f) => JSON.stringify(f)))).toEqual(new Set(doc.flows.map((f) => JSON.stringify(f))));
  });

  it('edits name, people, estimate and statuses, and rewires only the step’s push flows', () => {
    const doc = demo();
    const qa = doc.steps.find((s) => s.id === 'qa')!;
    const draft = {
      ...draftFromStep(qa, doc.flows),
      name: ' Exploratory QA ',
      people: '2',
      percentCompleteAccurate: '82,5',
      activeStatuses: ['In QA', ' In QA ', 'Testing'],
      flowsTo: ['deploy'],
    };
    const { doc: out } = applyDraft(doc, 'qa', draft);
    const edited = out.steps.find((s) => s.id === 'qa')!;
    expect(edited).toMatchObject({ name: 'Exploratory QA', people: 2, activeStatuses: ['In QA', 'Testing'], estimate: { percentCompleteAccurate: 0.825 } });
    expect(out.flows.filter((f) => f.from === 'qa' && f.kind === 'push').map((f) => f.to)).toEqual(['deploy']);
    // The rework loop out of QA is not a push flow: it stays.
    expect(out.flows.filter((f) => f.kind === 'rework')).toEqual(doc.flows.filter((f) => f.kind === 'rework'));
    expect(() => parseMapDoc(out)).not.toThrow();
  });

  it('adds a new step with a unique slug id at the given position', () => {
    const doc = demo();
    const draft = { ...draftFromStep(undefined, doc.flows), name: 'Manual QA', waitStatuses: ['Security Queue'] };
    const { doc: out, stepId } = applyDraft(doc, null, draft, { x: 2400, y: 0 });
    expect(stepId).toBe('manual-qa');
    expect(out.steps.at(-1)).toMatchObject({ id: 'manual-qa', name: 'Manual QA', waitStatuses: ['Security Queue'], position: { x: 2400, y: 0 } });
    expect(newStepId('Manual QA', new Set(['manual-qa', 'manual-qa-2']))).toBe('manual-qa-3');
    expect(newStepId('ÄÖ  !!', new Set())).toBe('ao');
    expect(newStepId('!!!', new Set())).toBe('step');
  });

  it('reads %C&A one way only: "90 %" and "90" are percent, a bare number below 1 is a fraction, and says which', () => {
    expect(parsePercent('90 %')).toEqual({ ratio: 0.9, reading: '90 %' });
    expect(parsePercent('90%')).toEqual({ ratio: 0.9, reading: '90 %' });
    expect(parsePercent('90')).toEqual({ ratio: 0.9, reading: '90 %' });
    expect(parsePercent('0.9')).toEqual({ ratio: 0.9, reading: '90 % (0.9 read as a fraction)' });
    expect(parsePercent('0,85')).toEqual({ ratio: 0.85, reading: '85 % (0.85 read as a fraction)' });
    expect(parsePercent('0.5 %')).toEqual({ ratio: 0.005, reading: '0.5 %' });
    expect(parsePercent('1')).toEqual({ ratio: 0.01, reading: '1 %' });
    expect(parsePercent('100 %')).toEqual({ ratio: 1, reading: '100 %' });
    expect(parsePercent('0')).toEqual({ ratio: 0, reading: '0 %' });
    expect(parsePercent('  ')).toBeUndefined();
    expect(() => parsePercent('%')).toThrow('%C&A: "%" is not a percentage such as 90 %, 90 or 0.9');
    expect(() => parsePercent('ninety')).toThrow('is not a percentage');
    expect(() => parsePercent('101 %')).toThrow('%C&A: "101 %" is more than 100 %');
    // Typed 0.9, stored as 0.9 (90 %), never as 0.009; and a stored figure reads back as itself.
    const doc = demo();
    const qa = doc.steps.find((s) => s.id === 'qa')!;
    const { doc: out } = applyDraft(doc, 'qa', { ...draftFromStep(qa, doc.flows), percentCompleteAccurate: '0.9' });
    const saved = out.steps.find((s) => s.id === 'qa')!;
    expect(saved.estimate!.percentCompleteAccurate).toBe(0.9);
    expect(draftFromStep(saved, out.flows).percentCompleteAccurate).toBe('90 %');
    const tiny = { ...saved, estimate: { ...saved.estimate, percentCompleteAccurate: 0.005 } };
    expect(parsePercent(draftFromStep(tiny, out.flows).percentCompleteAccurate)!.ratio).toBe(0.005);
  });

  it('refuses numbers that are not numbers, fractional people and %C&A over 100', () => {
    const doc = demo();
    const qa = doc.steps.find((s) => s.id === 'qa')!;
    const base = draftFromStep(qa, doc.flows);
    expect(() => applyDraft(doc, 'qa', { ...base, processTimeHours: 'two' })).toThrow('Process time: "two" is not a number of 0 or more');
    expect(() => applyDraft(doc, 'qa', { ...base, people: '1.5' })).toThrow('People: "1.5" is not a whole number');
    expect(() => applyDraft(doc, 'qa', { ...base, percentCompleteAccurate: '120' })).toThrow('%C&A: "120" is more than 100 %');
    expect(() => applyDraft(doc, 'gone', base)).toThrow('the map has no step "gone" any more');
  });

  it('a status bound in two steps is left for the core to refuse, with its precise message', () => {
    const doc = demo();
    const intake = doc.steps.find((s) => s.id === 'intake')!;
    const { doc: out } = applyDraft(doc, 'intake', { ...draftFromStep(intake, doc.flows), activeStatuses: ['Triage', 'In QA'] });
    expect(() => parseMapDoc(out)).toThrow(/status "In QA" is bound twice/);
  });

  it('removing a step removes every flow into and out of it', () => {
    const doc = demo();
    const out = removeStep(doc, 'qa');
    expect(out.steps.map((s) => s.id)).not.toContain('qa');
    expect(out.flows.some((f) => f.from === 'qa' || f.to === 'qa')).toBe(false);
    expect(() => removeStep({ ...doc, steps: doc.steps.slice(0, 1) }, doc.steps[0]!.id)).toThrow('a map needs at least one step');
  });
});
