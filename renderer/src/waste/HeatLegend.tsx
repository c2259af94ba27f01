// The legend of the wait-share heat drawn on top of each step.
import { heatColor, HEAT_MAX } from './heat.ts';

export function HeatLegend() {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((x) => `${heatColor(x * HEAT_MAX)} ${x * 100}%`).join(', ');
  return (
    <span className="heat-legend" data-testid="heat-legend">
      Wait share 0 % <span className="heat-legend__bar" style={{ background: `linear-gradient(to right, ${stops})` }} /> ≥ {HEAT_MAX * 100} %
    </span>
  );
}
