// The heat scale of wait share on the map (d3): pale at 0, deep red at 40 % of all wait time and above.
import { interpolateOrRd, scaleSequential } from 'd3';

export const HEAT_MAX = 0.4;
const scale = scaleSequential(interpolateOrRd).domain([0, HEAT_MAX]).clamp(true);

export function heatColor(waitShare: number): string {
  return scale(waitShare);
}
