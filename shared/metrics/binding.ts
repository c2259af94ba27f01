// How a map's steps bind statuses: the lookup every metric goes through. Browser-safe.
import { stepsInFlowOrder, type MapDoc, type MapStep } from '../domain/map.ts';

export interface StatusRole {
  /** Index into `Binding.steps` (flow order). */
  step: number;
  active: boolean;
}

export interface Binding {
  /** Steps in flow order; every per-step array in the metrics follows this order. */
  steps: MapStep[];
  roles: Map<string, StatusRole>;
  done: Set<string>;
}

export function bindMap(map: Pick<MapDoc, 'steps' | 'flows' | 'doneStatuses'>): Binding {
  const steps = stepsInFlowOrder(map);
  const roles = new Map<string, StatusRole>();
  steps.forEach((step, i) => {
    for (const s of step.activeStatuses) roles.set(s, { step: i, active: true });
    for (const s of step.waitStatuses) roles.set(s, { step: i, active: false });
  });
  return { steps, roles, done: new Set(map.doneStatuses) };
}
