// One status moved to a new place in the map's binding: out of wherever the map had it (a step's active or
// wait list, done, blocked, abandoned, ignored), into the target. Editing only: the core validates the map
// (a map needs a done status) and measures it again.
import type { StatusBinding } from '../../../shared/metrics/status-inventory.ts';
import type { EditableDoc } from '../editor/step-draft.ts';

const without = (xs: string[] | undefined, s: string) => (xs ?? []).filter((x) => x !== s);
const LISTS = { done: 'doneStatuses', blocked: 'blockedStatuses', abandoned: 'abandonedStatuses', ignored: 'ignoredStatuses' } as const;

export function rebind(doc: EditableDoc, status: string, to: StatusBinding): EditableDoc {
  const steps = doc.steps.map((step) => {
    const active = without(step.activeStatuses, status);
    const wait = without(step.waitStatuses, status);
    if (to.stepId === step.id && to.role === 'active') active.push(status);
    if (to.stepId === step.id && to.role === 'wait') wait.push(status);
    return { ...step, activeStatuses: active, waitStatuses: wait };
  });
  const out: EditableDoc = { ...doc, steps };
  for (const [role, key] of Object.entries(LISTS) as Array<[keyof typeof LISTS, (typeof LISTS)[keyof typeof LISTS]]>) {
    const list = without(doc[key] as string[] | undefined, status);
    if (to.role === role) list.push(status);
    if (key === 'doneStatuses') out.doneStatuses = list;
    else if (list.length > 0) out[key] = list;
    else delete out[key];
  }
  return out;
}

/** How a binding reads on screen: "Development · active", "done", "unbound". */
export function bindingLabel(b: StatusBinding, stepName: (id: string) => string): string {
  return b.stepId !== undefined ? `${stepName(b.stepId)} · ${b.role}` : b.role;
}

/** A binding as a <select> value and back: "active:develop", "done". */
export const bindingKey = (b: StatusBinding) => (b.stepId !== undefined ? `${b.role}:${b.stepId}` : b.role);
export function parseBindingKey(key: string): StatusBinding {
  const i = key.indexOf(':');
  return i < 0 ? { role: key as StatusBinding['role'] } : { role: key.slice(0, i) as StatusBinding['role'], stepId: key.slice(i + 1) };
}
