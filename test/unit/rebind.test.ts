// The binding view's edits on the demo's real map: a status moved anywhere leaves every other place, the core's
// own parser accepts the result, and ignored statuses conflict with nothing else; the thresholds form's
// percentages read back as the shares the core stores.
import { describe, expect, it } from 'vitest';
import { demoMap } from '../../shared/demo/demo-data.ts';
import { parseMapDoc } from '../../shared/store/map-repo.ts';
import { bindingKey, parseBindingKey, rebind } from '../../renderer/src/binding/rebind.ts';
import type { EditableDoc } from '../../renderer/src/editor/step-draft.ts';
import { thresholdInput, thresholdText, thresholdValue } from '../../renderer/src/waste/thresholds.ts';

const demo = (): EditableDoc => parseMapDoc(demoMap()) as EditableDoc;
const places = (doc: EditableDoc, s: string) => [
  ...doc.steps.flatMap((x) => [...(x.activeStatuses.includes(s) ? [`active:${x.id}`] : []), ...(x.waitStatuses.includes(s) ? [`wait:${x.id}`] : [])]),
  ...(['doneStatuses', 'blockedStatuses', 'abandonedStatuses', 'ignoredStatuses'] as const).filter((k) => (doc[k] ?? []).includes(s)).map((k) => k),
];

describe('rebind', () => {
  it('moves a status from a step to ignored and back, valid at each stage', () => {
    const ignored = rebind(demo(), 'Ready for QA', { role: 'ignored' });
    expect(places(ignored, 'Ready for QA')).toEqual(['ignoredStatuses']);
    expect(parseMapDoc(ignored).steps.find((s) => s.id === 'qa')!.waitStatuses).toEqual([]);
    const back = rebind(ignored, 'Ready for QA', { role: 'wait', stepId: 'qa' });
    expect(places(back, 'Ready for QA')).toEqual(['wait:qa']);
    expect(back.ignoredStatuses).toBeUndefined();
    expect(parseMapDoc(back)).toEqual(parseMapDoc(demo()));
  });

  it('binds an unbound status, moves one between steps and unbinds one', () => {
    const abandoned = rebind(demo(), "Won't Do", { role: 'abandoned' });
    expect(parseMapDoc(abandoned).abandonedStatuses).toEqual(["Won't Do"]);
    const moved = rebind(abandoned, 'In Review', { role: 'active', stepId: 'develop' });
    expect(places(moved, 'In Review')).toEqual(['active:develop']);
    expect(moved.steps.find((s) => s.id === 'develop')!.activeStatuses).toEqual(['In Development', 'In Review']);
    const unbound = rebind(moved, 'Triage', { role: 'unbound' });
    expect(places(unbound, 'Triage')).toEqual([]);
    expect(() => parseMapDoc(unbound)).not.toThrow();
  });

  it('the last done status moved away leaves a map the core refuses with its reason', () => {
    expect(() => parseMapDoc(rebind(demo(), 'Done', { role: 'ignored' }))).toThrow(/a map needs at least one done status/);
  });

  it('an ignored status that is bound elsewhere is refused by the map format', () => {
    const doc = { ...demo(), ignoredStatuses: ['In QA'] };
    expect(() => parseMapDoc(doc)).toThrow(/ignoredStatuses\[0\]: status "In QA" is both an ignored status and bound in steps\[5\] "qa" activeStatuses/);
  });

  it('select keys round-trip', () => {
    for (const b of [{ role: 'wait' as const, stepId: 'qa' }, { role: 'done' as const }, { role: 'active' as const, stepId: 'a:b' }])
      expect(parseBindingKey(bindingKey(b))).toEqual(b);
  });
});

describe('thresholds form', () => {
  it('shows shares as percentages and reads them back as the stored shares', () => {
    expect(thresholdInput('waiting', 0.25)).toBe('25');
    expect(thresholdInput('defects', 0.1)).toBe('10');
    expect(thresholdInput('partially-done', 5)).toBe('5');
    expect(thresholdValue('waiting', '30')).toBe(0.3);
    expect(thresholdValue('waiting', '12,5 %')).toBe(0.125);
    expect(thresholdValue('handoffs', '1.5')).toBe(1.5);
    expect(thresholdValue('handoffs', 'x')).toBeNull();
    expect(thresholdText('approval', 0.2)).toBe('threshold below 20.0 %');
    expect(thresholdText('partially-done', 5)).toBe('threshold 5');
  });
});
