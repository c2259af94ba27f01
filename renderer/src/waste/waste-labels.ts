// How each lean waste is tagged on the map: an icon and a short label. Icons are plain symbols that common
// text fonts carry (DejaVu, Segoe UI Symbol), not emoji, which render as empty boxes without an emoji font.
import type { WasteType } from '../../../shared/domain/map.ts';

export const WASTE_TAG: Record<WasteType, { icon: string; label: string }> = {
  waiting: { icon: '◷', label: 'waiting' },
  defects: { icon: '↩', label: 'rework' },
  relearning: { icon: '⟲', label: 'reopened' },
  'partially-done': { icon: '◔', label: 'aging' },
  'extra-features': { icon: '✂', label: 'abandoned' },
  handoffs: { icon: '⇄', label: 'handoffs' },
  'task-switching': { icon: '☰', label: 'WIP/person' },
  approval: { icon: '⚖', label: 'approval wait' },
  manual: { icon: '✍', label: 'manual' },
};
