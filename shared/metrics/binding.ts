// How a map's steps bind statuses: the lookup every metric goes through. Browser-safe.
import { stepsInFlowOrder, type MapDoc, type MapStep } from '../domain/map.ts';

/** 0 = active, 1 = wait, 2 = blocked (a map-level blocked status, attributed to the step the item was in). */
export type RoleKind = 0 | 1 | 2;
export const ACTIVE: RoleKind = 0;
export const WAIT: RoleKind = 1;
export const BLOCKED: RoleKind = 2;

export interface StatusRole {
  /** Index into `Binding.steps` (flow order); −1 for a blocked status (the step comes from the history). */
  step: number;
  active: boolean;
  kind: RoleKind;
}

export interface Binding {
  /** Steps in flow order; every per-step array in the metrics follows this order. */
  steps: MapStep[];
  roles: Map<string, StatusRole>;
  done: Set<string>;
  /**
   * Resolutions that make a done item abandoned work, not throughput (Jira's Won't Do, Withdrawn, Duplicate):
   * such an item is never completed. Absent when the map names none.
   */
  abandonedResolutions?: Set<string>;
}

/** True when an item with this resolution is abandoned under the binding (so not completed even in a done status). */
export function abandonedByResolution(binding: Binding, resolution: string | null | undefined): boolean {
  return resolution !== null && resolution !== undefined && binding.abandonedResolutions !== undefined && binding.abandonedResolutions.has(resolution);
}

export function bindMap(map: Pick<MapDoc, 'steps' | 'flows' | 'doneStatuses'> & Partial<Pick<MapDoc, 'blockedStatuses' | 'abandonedResolutions'>>): Binding {
  const steps = stepsInFlowOrder(map);
  const roles = new Map<string, StatusRole>();
  steps.forEach((step, i) => {
    for (const s of step.activeStatuses) roles.set(s, { step: i, active: true, kind: 0 });
    for (const s of step.waitStatuses) roles.set(s, { step: i, active: false, kind: 1 });
  });
  for (const s of map.blockedStatuses ?? []) if (!roles.has(s)) roles.set(s, { step: -1, active: false, kind: 2 });
  const abandoned = map.abandonedResolutions ?? [];
  return { steps, roles, done: new Set(map.doneStatuses), ...(abandoned.length > 0 ? { abandonedResolutions: new Set(abandoned) } : {}) };
}
