// What the map draws besides steps: supplier and customer (the factory icon at each end), the queue
// triangle before a step with its count (the measured WIP in that step's wait statuses when it binds
// any, else the counted inventory), a sticky note and a handoff marker. Drawn, never measured.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatNumber } from '../common/format.ts';
import type { AnnotationNode as AnnotationNodeType } from './canvas-elements.ts';

function Factory() {
  return (
    <svg className="annotation__icon" width="120" height="44" viewBox="0 0 120 44" aria-hidden="true">
      <path d="M2 42 V14 L26 2 V14 L50 2 V14 L74 2 V14 H118 V42 Z" fill="#fff" stroke="#1e293b" strokeWidth="2.5" strokeLinejoin="round" />
    </svg>
  );
}

export const AnnotationNode = memo(function AnnotationNode({ data }: NodeProps<AnnotationNodeType>) {
  const { annotation: a, measuredCount } = data;
  const handles = (
    <>
      <Handle type="target" position={Position.Left} id="in" className="step__handle" />
      <Handle type="source" position={Position.Right} id="out" className="step__handle" />
    </>
  );
  if (a.kind === 'queue') {
    const count = measuredCount ?? a.count;
    return (
      <div className="annotation annotation--queue" data-testid="annotation" data-kind="queue" data-annotation-id={a.id}>
        {handles}
        <svg width="64" height="56" viewBox="0 0 64 56" aria-hidden="true">
          <polygon points="32,3 61,53 3,53" fill="#fef3c7" stroke="#b45309" strokeWidth="3" strokeLinejoin="round" />
          <text x="32" y="45" textAnchor="middle" fontSize="20" fontWeight="800" fill="#78350f">
            I
          </text>
        </svg>
        <div
          className="annotation__count"
          data-testid="queue-count"
          data-measured={measuredCount !== undefined ? 'true' : 'false'}
          title={measuredCount !== undefined ? 'measured: items in the wait statuses now' : 'counted in the room'}
        >
          {count === undefined ? '–' : formatNumber(count)}
          {measuredCount !== undefined && <span className="annotation__measured"> measured</span>}
        </div>
        {a.text && <div className="annotation__text">{a.text}</div>}
      </div>
    );
  }
  if (a.kind === 'supplier' || a.kind === 'customer') {
    return (
      <div className={`annotation annotation--party annotation--${a.kind}`} data-testid="annotation" data-kind={a.kind} data-annotation-id={a.id}>
        {handles}
        <Factory />
        <div className="annotation__role">{a.kind}</div>
        <div className="annotation__name">{a.text ?? a.kind}</div>
      </div>
    );
  }
  if (a.kind === 'handoff') {
    return (
      <div
        className="annotation annotation--handoff"
        data-testid="annotation"
        data-kind="handoff"
        data-annotation-id={a.id}
        title="Handoff: work changes hands here"
      >
        {handles}
        <span className="annotation__handoff-mark" aria-hidden="true">
          ⇄
        </span>
        <span className="annotation__text">{a.text ?? 'handoff'}</span>
      </div>
    );
  }
  return (
    <div className="annotation annotation--note" data-testid="annotation" data-kind="note" data-annotation-id={a.id}>
      {handles}
      {a.text ?? ''}
    </div>
  );
});
