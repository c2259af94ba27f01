import type { MapDoc } from '../../shared/domain/map.ts';

/** Two whole versions of a map: a torn save would show steps from both. */
export function autosaveVersion(base: MapDoc, v: 0 | 1 | number): MapDoc {
  return {
    ...base,
    description: `version ${v}`,
    steps: base.steps.map((s, i) => ({ ...s, position: { x: i * (v === 0 ? 100 : 300), y: v * 50 }, notes: `v${v}` })),
  };
}
