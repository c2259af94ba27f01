// The VSM timeline ladder: wait on the top rung, process (estimate) or active (measured) time on the bottom
// rung, step by step along the main path, with the totals at the end. The core computes both ladders
// (flowMetrics().ladder); this only draws them, with an Estimate | Measured | Both switch and a unit switch.
// Plain HTML + CSS so it is crisp on screen and in print.
import { memo, useState } from 'react';
import type { EstimateLadder, Ladders, MeasuredLadder } from '../../../shared/metrics/ladder.ts';
import { DURATION_UNITS, formatDuration, formatPercent, type DurationUnit } from './format.ts';

export type LadderView = 'estimate' | 'measured' | 'both';

/** Measured when there is a measured ladder, else the estimate: a workspace with no items opens on its estimates. */
export function defaultLadderView(ladders: Ladders): LadderView {
  return ladders.measured !== null ? 'measured' : 'estimate';
}

interface Rung {
  stepId: string;
  name: string;
  waitHours: number | null;
  work: number | null;
  noData: boolean;
}

function rungsOf(side: EstimateLadder | MeasuredLadder): Rung[] {
  return side.rungs.map((r) => ({
    stepId: r.stepId,
    name: r.name,
    waitHours: r.waitHours,
    work: 'processHours' in r ? r.processHours : r.activeHours,
    noData: r.noData,
  }));
}

function LadderTrack({
  kind,
  side,
  unit,
  hoursPerDay,
  bottleneckId,
}: {
  kind: 'estimate' | 'measured';
  side: EstimateLadder | MeasuredLadder | null;
  unit: DurationUnit;
  hoursPerDay: number;
  bottleneckId: string | null;
}) {
  const d = (h: number | null) => formatDuration(h, unit, hoursPerDay);
  const workLabel = kind === 'estimate' ? 'process' : 'active p50';
  if (side === null) {
    return (
      <div className="ladder ladder--empty" data-testid={`ladder-${kind}`} data-ladder={kind}>
        <p className="ladder__note">
          {kind === 'estimate'
            ? 'No estimates yet: give steps a process time and a lead time (Edit step) to see the workshop ladder.'
            : 'No measured data yet: no item was completed in the window.'}
        </p>
      </div>
    );
  }
  return (
    <div className="ladder" data-testid={`ladder-${kind}`} data-ladder={kind}>
      <div className="ladder__track">
        <div className="ladder__legend" aria-hidden="true">
          <div className="ladder__kind">{kind === 'estimate' ? 'Estimate' : 'Measured'}</div>
          <div className="ladder__rungs">
            <span className="ladder__legend-wait">{kind === 'estimate' ? 'wait' : 'wait p50'}</span>
            <span className="ladder__legend-active">{workLabel}</span>
          </div>
        </div>
        {rungsOf(side).map((r) => (
          <div
            key={r.stepId}
            className={`ladder__step${r.stepId === bottleneckId && kind === 'measured' ? ' ladder__step--bottleneck' : ''}${r.noData ? ' ladder__step--nodata' : ''}`}
            data-step-id={r.stepId}
          >
            <div className="ladder__rungs">
              <div className="ladder__wait">
                <span className="ladder__value ladder__value--wait">{d(r.noData ? null : r.waitHours)}</span>
              </div>
              <div className="ladder__active">
                <span className="ladder__value ladder__value--active">{r.noData ? '' : d(r.work)}</span>
              </div>
            </div>
            <div className="ladder__name" title={r.name}>
              {r.name}
            </div>
          </div>
        ))}
      </div>
      <dl className="ladder__totals" data-testid={`ladder-totals-${kind}`}>
        <div>
          <dt>Σ wait</dt>
          <dd>{d(side.totalWaitHours)}</dd>
        </div>
        <div>
          <dt>{kind === 'estimate' ? 'Σ process' : 'Σ active'}</dt>
          <dd>{d(side.totalProcessTimeHours)}</dd>
        </div>
        <div>
          <dt title="Σ (wait + process) of the steps on the ladder">Σ lead time</dt>
          <dd>{d(side.totalLeadTimeHours)}</dd>
        </div>
        <div className="ladder__ratio">
          <dt title="Σ process / Σ lead time along the ladder">Activity ratio</dt>
          <dd data-testid={`activity-ratio-${kind}`}>{formatPercent(side.activityRatio)}</dd>
        </div>
        {side.rolledPercentCompleteAccurate !== null && (
          <div>
            <dt
              title={
                kind === 'estimate'
                  ? 'Π %C&A of the workshop estimates along the ladder'
                  : 'Π measured %C&A (1 − rework received / left forward) along the ladder'
              }
            >
              Rolled %C&amp;A
            </dt>
            <dd data-testid={`rolled-ca-${kind}`}>{formatPercent(side.rolledPercentCompleteAccurate)}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

export const TimelineLadder = memo(function TimelineLadder({
  ladders,
  bottleneckId = null,
  compact = false,
  controls = true,
  view: fixedView,
}: {
  ladders: Ladders;
  bottleneckId?: string | null;
  compact?: boolean;
  /** The view and unit switches (off in print). */
  controls?: boolean;
  view?: LadderView;
}) {
  const [chosen, setView] = useState<LadderView | null>(null);
  const [unit, setUnit] = useState<DurationUnit>('hours');
  const view = fixedView ?? chosen ?? defaultLadderView(ladders);
  const offPath = (ladders.measured ?? ladders.estimate)?.offPath ?? [];
  const tracks: Array<'estimate' | 'measured'> = view === 'both' ? ['estimate', 'measured'] : [view];
  return (
    <section className={`ladder-block${compact ? ' ladder--compact' : ''}`} aria-label="Timeline ladder" data-testid="ladder" data-view={view} data-unit={unit}>
      {controls && (
        <div className="ladder__controls">
          <div className="segmented" role="group" aria-label="Ladder data">
            {(['estimate', 'measured', 'both'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} data-testid={`ladder-view-${v}`}>
                {v === 'estimate' ? 'Estimate' : v === 'measured' ? 'Measured' : 'Both'}
              </button>
            ))}
          </div>
          <label className="ladder__unit">
            Units{' '}
            <select value={unit} onChange={(e) => setUnit(e.target.value as DurationUnit)} data-testid="ladder-unit">
              {DURATION_UNITS.map((u) => (
                <option key={u.unit} value={u.unit}>
                  {u.unit === 'working-days' ? `${u.label} (${ladders.hoursPerWorkingDay} h)` : u.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {tracks.map((k) => (
        <LadderTrack key={k} kind={k} side={ladders[k]} unit={unit} hoursPerDay={ladders.hoursPerWorkingDay} bottleneckId={bottleneckId} />
      ))}
      {offPath.length > 0 && <p className="ladder__note">Off the main path (parallel branches, not summed): {offPath.map((s) => s.name).join(', ')}</p>}
    </section>
  );
});
