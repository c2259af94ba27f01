// The VSM timeline ladder: wait on the top rung, active (process) time on the bottom rung, step by step
// along the main path, with the totals at the end. Plain HTML + CSS so it is crisp on screen and in print.
import { memo } from 'react';
import { formatHours, formatPercent } from './format.ts';
import type { Ladder } from './ladder.ts';

export const TimelineLadder = memo(function TimelineLadder({ ladder, compact = false }: { ladder: Ladder; compact?: boolean }) {
  return (
    <section className={`ladder${compact ? ' ladder--compact' : ''}`} aria-label="Timeline ladder" data-testid="ladder">
      <div className="ladder__track">
        <div className="ladder__legend" aria-hidden="true">
          <div className="ladder__rungs">
            <span className="ladder__legend-wait">wait p50</span>
            <span className="ladder__legend-active">active p50</span>
          </div>
        </div>
        {ladder.rungs.map((r) => (
          <div key={r.stepId} className={`ladder__step${r.bottleneck ? ' ladder__step--bottleneck' : ''}`} data-step-id={r.stepId}>
            <div className="ladder__rungs">
              <div className="ladder__wait">
                <span className="ladder__value ladder__value--wait">{formatHours(r.waitHours)}</span>
              </div>
              <div className="ladder__active">
                <span className="ladder__value ladder__value--active">{formatHours(r.activeHours)}</span>
              </div>
            </div>
            <div className="ladder__name" title={r.name}>
              {r.name}
            </div>
          </div>
        ))}
      </div>
      <dl className="ladder__totals" data-testid="ladder-totals">
        <div>
          <dt>Σ wait</dt>
          <dd>{formatHours(ladder.totalWaitHours)}</dd>
        </div>
        <div>
          <dt>Σ active</dt>
          <dd>{formatHours(ladder.totalActiveHours)}</dd>
        </div>
        <div>
          <dt title="Σ (wait + active) of the steps on the ladder">Σ lead time</dt>
          <dd>{formatHours(ladder.totalLeadHours)}</dd>
        </div>
        <div className="ladder__ratio">
          <dt title="Σ active / Σ (wait + active) along the ladder">Activity ratio</dt>
          <dd>{formatPercent(ladder.activityRatio)}</dd>
        </div>
        {ladder.rolledPercentCompleteAccurate !== null && (
          <div>
            <dt title="Π %C&amp;A of the workshop estimates along the ladder">Rolled %C&amp;A</dt>
            <dd>{formatPercent(ladder.rolledPercentCompleteAccurate)}</dd>
          </div>
        )}
      </dl>
      {ladder.offPath.length > 0 && <p className="ladder__note">Off the main path (parallel branches, not summed): {ladder.offPath.join(', ')}</p>}
    </section>
  );
});
