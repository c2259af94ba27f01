// "Walk the stream": the presenter steps through the map one step at a time in flow order, the step's data
// box enlarged (workshop estimates beside the core's measured medians), with ← / → and buttons.
import { useEffect } from 'react';
import { stepsInFlowOrder } from '../../../shared/domain/map.ts';
import { useAppStore } from '../app/store.ts';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { KaizenBurst } from '../common/KaizenBurst.tsx';
import { useWorkshop } from './workshop-store.ts';

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: 'wait' | 'active'; testId?: string }) {
  return (
    <div className={`ws-figure${tone ? ` ws-figure--${tone}` : ''}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function WalkTheStream() {
  const map = useAppStore((s) => s.map);
  const metrics = useAppStore((s) => s.metrics);
  const index = useWorkshop((s) => s.stepIndex);
  const go = useWorkshop((s) => s.go);
  const steps = map ? stepsInFlowOrder(map) : [];
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement | null)?.tagName === 'INPUT') return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') go(useWorkshop.getState().stepIndex + 1, steps.length);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(useWorkshop.getState().stepIndex - 1, steps.length);
      else if (e.key === 'Home') go(0, steps.length);
      else if (e.key === 'End') go(steps.length - 1, steps.length);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, steps.length]);
  if (!map || !metrics || steps.length === 0) return null;
  const i = Math.min(index, steps.length - 1);
  const step = steps[i]!;
  const fig = metrics.steps.find((s) => s.id === step.id);
  const e = step.estimate;
  const bottleneck = metrics.bottleneck?.stepId === step.id;
  return (
    <section className="ws-walk" aria-label="Walk the stream" data-testid="ws-walk">
      <ol className="ws-walk__strip" aria-label="Steps in flow order">
        {steps.map((s, k) => (
          <li key={s.id}>
            <button
              type="button"
              className={`ws-walk__dot${k === i ? ' ws-walk__dot--current' : ''}`}
              onClick={() => go(k, steps.length)}
              aria-current={k === i ? 'step' : undefined}
              data-step-id={s.id}
            >
              {s.name}
            </button>
          </li>
        ))}
      </ol>
      <div className={`ws-box${bottleneck ? ' ws-box--bottleneck' : ''}`} data-testid="ws-step" data-step-id={step.id}>
        <div className="ws-box__head">
          <span className="ws-box__count" data-testid="ws-step-count">
            Step {i + 1} of {steps.length}
          </span>
          {bottleneck && <span className="ws-box__tag">Bottleneck</span>}
          {step.kind && step.kind !== 'process' && <span className="ws-box__kind">{step.kind}</span>}
        </div>
        <h2 className="ws-box__name" data-testid="ws-step-name">
          {step.name}
        </h2>
        <p className="ws-box__who">
          {step.owner ? `Owner ${step.owner}` : 'No owner yet'}
          {step.people !== undefined ? ` · ${formatNumber(step.people)} ${step.people === 1 ? 'person' : 'people'}` : ''}
        </p>
        <div className="ws-box__data">
          <dl className="ws-box__group" aria-label="Workshop estimate">
            <div className="ws-box__group-title">Estimate</div>
            <Figure label="Process time" value={formatHours(e?.processTimeHours)} tone="active" testId="ws-est-pt" />
            <Figure label="Lead time" value={formatHours(e?.leadTimeHours)} tone="wait" testId="ws-est-lt" />
            <Figure label="%C&A" value={formatPercent(e?.percentCompleteAccurate)} />
          </dl>
          <dl className="ws-box__group" aria-label="Measured">
            <div className="ws-box__group-title">Measured</div>
            {fig && (fig.waitHours.total + fig.activeHours.total > 0 || fig.wip > 0) ? (
              <>
                <Figure label="Wait p50" value={formatHours(fig.waitHours.p50)} tone="wait" testId="ws-wait" />
                <Figure label="Active p50" value={formatHours(fig.activeHours.p50)} tone="active" />
                <Figure label="WIP now" value={formatNumber(fig.wip)} />
                <Figure label="Flow eff." value={formatPercent(fig.flowEfficiency)} />
              </>
            ) : (
              <p className="ws-box__nodata">no data</p>
            )}
          </dl>
        </div>
        {step.notes && <p className="ws-box__notes">{step.notes}</p>}
        {(step.kaizen ?? []).length > 0 && (
          <ul className="ws-box__kaizen">
            {step.kaizen!.map((k, ki) => (
              <li key={ki}>
                <KaizenBurst count={k.votes ?? 0} size={44} title={`${k.votes ?? 0} votes`} />
                <span>{k.text}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="ws-walk__nav">
        <button type="button" className="ws-button" onClick={() => go(i - 1, steps.length)} disabled={i === 0} data-testid="ws-prev">
          ← Previous
        </button>
        <button
          type="button"
          className="ws-button ws-button--primary"
          onClick={() => go(i + 1, steps.length)}
          disabled={i === steps.length - 1}
          data-testid="ws-next"
        >
          Next →
        </button>
      </div>
    </section>
  );
}
