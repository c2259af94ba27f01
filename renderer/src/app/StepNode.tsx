// One step of the map on the canvas: a VSM process box (name, owner, people) over its data box (measured
// median wait and active time, WIP, flow efficiency, the workshop estimate), kaizen bursts, bottleneck mark.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatHours, formatNumber, formatPercent } from '../common/format.ts';
import { KaizenBurst } from '../common/KaizenBurst.tsx';
import { WASTE_TAG } from '../waste/waste-labels.ts';
import { heatColor } from '../waste/heat.ts';
import { useWasteStore } from '../waste/waste-store.ts';
import type { StepNode as StepNodeType } from './canvas-elements.ts';

/** Flow arrows meet the boxes at the same height whatever each box's length, so a row reads straight. */
const FLOW_HANDLE = { top: 64 };

const REWORK_OUT = { left: '35%' };
const REWORK_IN = { left: '65%' };
const INFO_OUT = { left: '70%' };
const INFO_IN = { left: '30%' };

type StepFigures = NonNullable<StepNodeType['data']['figures']>;

/** A median over no completed item is not 0 h: the step says "no data" until an item has passed through it. */
function measured(figures: StepFigures | undefined, show: (f: StepFigures) => string) {
  if (!figures) return '–';
  if (figures.measuredItems === 0)
    return (
      <span className="step__nodata-figure" title="no item completed in the window passed through this step">
        no data
      </span>
    );
  return show(figures);
}

const KIND_LABEL = { approval: 'approval gate', automated: 'automated', manual: 'manual', handoff: 'handoff' } as const;

export const StepNode = memo(function StepNode({ data }: NodeProps<StepNodeType>) {
  const { step, figures, bottleneck } = data;
  const waste = useWasteStore((st) => st.waste);
  const stepWaste = waste?.steps.find((x) => x.id === step.id);
  const findings = waste?.findings.filter((f) => f.stepId === step.id) ?? [];
  const est = step.estimate;
  const hasEstimate = est !== undefined && (est.processTimeHours !== undefined || est.leadTimeHours !== undefined || est.percentCompleteAccurate !== undefined);
  const kaizen = step.kaizen ?? [];
  const who = [step.owner, step.people !== undefined ? `${step.people} ${step.people === 1 ? 'person' : 'people'}` : undefined].filter(Boolean).join(' · ');

  return (
    <div
      className={`step${bottleneck ? ' step--bottleneck' : ''}${step.kind && step.kind !== 'process' ? ` step--${step.kind}` : ''}`}
      data-testid="step-node"
      data-step-id={step.id}
      data-bottleneck={bottleneck ? 'true' : undefined}
      data-kind={step.kind ?? 'process'}
    >
      <Handle type="target" position={Position.Left} id="in" className="step__handle" style={FLOW_HANDLE} title="Drop a flow here" />
      <Handle type="source" position={Position.Right} id="out" className="step__handle" style={FLOW_HANDLE} title="Drag to the next step: a flow" />
      <Handle
        type="source"
        position={Position.Bottom}
        id="rework-out"
        className="step__handle step__handle--rework"
        style={REWORK_OUT}
        title="Drag back to an earlier step: rework"
      />
      <Handle type="target" position={Position.Bottom} id="rework-in" className="step__handle step__handle--rework" style={REWORK_IN} />
      <Handle
        type="source"
        position={Position.Top}
        id="info-out"
        className="step__handle step__handle--info"
        style={INFO_OUT}
        title="Drag to a step: information flow"
      />
      <Handle type="target" position={Position.Top} id="info-in" className="step__handle step__handle--info" style={INFO_IN} />

      {bottleneck && <div className="step__badge">Bottleneck</div>}
      {stepWaste && (
        <div
          className="step__heat"
          style={{ background: heatColor(stepWaste.waitShare) }}
          title={`wait share ${formatPercent(stepWaste.waitShare)}`}
          data-testid="step-heat"
          data-wait-share={stepWaste.waitShare}
        />
      )}
      {kaizen.length > 0 && (
        <div className="step__burst">
          <KaizenBurst count={kaizen.length} title={kaizen.map((k) => k.text).join('\n')} />
        </div>
      )}

      <div className="step__process">
        <div className="step__name" data-testid="step-name">
          {step.name}
        </div>
        {who && <div className="step__who">{who}</div>}
        {step.kind !== undefined && step.kind !== 'process' && <div className="step__kind">{KIND_LABEL[step.kind]}</div>}
      </div>

      {findings.length > 0 && (
        <div className="step__waste" data-testid="waste-tags">
          {findings.map((f) => (
            <button
              type="button"
              key={f.waste}
              className="waste-tag nodrag"
              data-waste={f.waste}
              title={f.evidence}
              onClick={(e) => {
                e.stopPropagation();
                useWasteStore.getState().setOpen(true);
                void useWasteStore.getState().drillInto(f);
              }}
            >
              {WASTE_TAG[f.waste].icon} {WASTE_TAG[f.waste].label}
            </button>
          ))}
        </div>
      )}

      {/* A step bound to no status cannot be measured: it says so instead of a row of zeros. */}
      {step.waitStatuses.length + step.activeStatuses.length === 0 ? (
        <div
          className="step__data step__nodata"
          data-testid="step-figures"
          data-figure="none"
          title="Bind the step's wait and active statuses (double-click) to measure it"
        >
          no data
        </div>
      ) : (
        <dl className="step__data" data-testid="step-figures" data-measured-items={figures?.measuredItems}>
          <div className="step__row step__row--wait">
            <dt>Wait p50</dt>
            <dd data-figure="wait">{measured(figures, (f) => formatHours(f.waitHours.p50))}</dd>
          </div>
          <div className="step__row step__row--active">
            <dt>Active p50</dt>
            <dd data-figure="active">{measured(figures, (f) => formatHours(f.activeHours.p50))}</dd>
          </div>
          <div className="step__row">
            <dt>WIP now</dt>
            <dd data-figure="wip">{figures ? formatNumber(figures.wip) : '–'}</dd>
          </div>
          <div className="step__row">
            <dt>Flow eff.</dt>
            <dd data-figure="efficiency">{measured(figures, (f) => formatPercent(f.flowEfficiency))}</dd>
          </div>
        </dl>
      )}

      {hasEstimate && (
        <div className="step__estimate" title="The workshop's estimate (sticky notes), for comparison with the data">
          <span className="step__estimate-label">Workshop</span>
          {est.processTimeHours !== undefined && <span>PT {formatHours(est.processTimeHours)}</span>}
          {est.leadTimeHours !== undefined && <span>LT {formatHours(est.leadTimeHours)}</span>}
          {est.percentCompleteAccurate !== undefined && <span>%C&amp;A {formatPercent(est.percentCompleteAccurate)}</span>}
        </div>
      )}
      {stepWaste && stepWaste.measuredPercentCompleteAccurate !== null && (
        <div className="step__estimate" title="Measured %C&A: 1 − items sent back into this step after leaving it / items that left it forward">
          <span className="step__estimate-label">Measured</span>
          <span className="step__measured-ca" data-testid="measured-ca">
            %C&amp;A {formatPercent(stepWaste.measuredPercentCompleteAccurate)}
          </span>
        </div>
      )}

      {(step.waitStatuses.length > 0 || step.activeStatuses.length > 0) && (
        <div className="step__bound" title="Statuses this step is measured by" data-testid="step-bound">
          {step.waitStatuses.length > 0 && <span>wait: {step.waitStatuses.join(', ')}</span>}
          {step.activeStatuses.length > 0 && <span>active: {step.activeStatuses.join(', ')}</span>}
        </div>
      )}
      {step.notes && (
        <div className="step__notes" data-testid="step-notes">
          {step.notes}
        </div>
      )}
      {kaizen.length > 0 && (
        <ul className="step__kaizen" aria-label="Kaizen actions" data-testid="step-kaizen">
          {kaizen.map((k, i) => (
            <li key={i}>
              {k.text}
              {k.owner && <span className="step__kaizen-owner"> ({k.owner})</span>}
              {k.waste && <span className="step__kaizen-waste"> · {k.waste}</span>}
              {k.votes !== undefined && k.votes > 0 && (
                <span className="step__kaizen-votes" title="dot votes">
                  {' '}
                  · {'●'.repeat(Math.min(k.votes, 8))}
                  {k.votes > 8 ? ` ${k.votes}` : ''}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
