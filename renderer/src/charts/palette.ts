// The charts' colours: the app's palette (renderer/src/styles/app.css) so a step's wait reads amber, done
// and "fine" read green and alarms read red on the map and in the charts alike.
import { interpolateRgbBasis, quantize } from 'd3';

export const INK = '#0f172a';
export const INK_2 = '#334155';
export const MUTED = '#64748b';
export const GRID = '#e2e8f0';
export const WAIT = '#b45309';
export const ACTIVE = '#047857';
export const ALARM = '#b91c1c';
export const ACCENT = '#1d4ed8';

/** Percentile lines: the median is "normal" (green), p85 is the usual service-level line (amber), p95 the tail (red). */
export const PERCENTILE_COLOR = { p50: ACTIVE, p85: WAIT, p95: ALARM } as const;

/**
 * One colour per step for the CFD bands. Nine or more neighbouring bands need distinct hues, so this walks
 * the app's accent blue → step-kind violet → wait amber → kaizen yellow rather than shades of one colour.
 */
export function stepColors(n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [ACCENT];
  return quantize(interpolateRgbBasis([ACCENT, '#6d28d9', '#be185d', WAIT, '#ca8a04']), n);
}
