// The map as React Flow nodes and edges: steps and annotations (supplier, customer, queue, note, handoff)
// as nodes, flows as edges styled by kind (push, pull through a supermarket or FIFO lane, manual or
// electronic information, rework with its rate), and the thin links that pin annotations to their step.
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { StoredMap } from '../../../shared/contract/contract.ts';
import type { Annotation } from '../../../shared/domain/annotations.ts';
import type { MapFlow, MapStep } from '../../../shared/domain/map.ts';
import type { FlowMetrics } from '../../../shared/metrics/flow-metrics.ts';
import { formatPercent } from '../common/format.ts';

export type StepFigures = FlowMetrics['steps'][number];

export const STEP_SPACING_X = 260;

export type StepNodeData = { step: MapStep; figures: StepFigures | undefined; bottleneck: boolean };
export type StepNode = Node<StepNodeData, 'step'>;
/** `measuredCount`: the queue's step's WIP in its wait statuses, when that step binds any (else the counted one shows). */
export type AnnotationNodeData = { annotation: Annotation; measuredCount: number | undefined };
export type AnnotationNode = Node<AnnotationNodeData, 'annotation'>;
export type CanvasNode = StepNode | AnnotationNode;

/** Positions from the map; steps without one go in a row (after the placed ones, on a row below them). */
export function layoutPositions(steps: readonly { position?: { x: number; y: number } }[]): { x: number; y: number }[] {
  const placed = steps.filter((s) => s.position !== undefined);
  const rowY = placed.length === 0 ? 0 : Math.max(...placed.map((s) => s.position!.y)) + 320;
  let column = 0;
  return steps.map((s) => s.position ?? { x: column++ * STEP_SPACING_X, y: rowY });
}

/** An annotation without a position stands near its step: a queue before it, a supplier far left, a customer right. */
function annotationPosition(a: Annotation, stepAt: Map<string, { x: number; y: number }>, i: number): { x: number; y: number } {
  if (a.position) return a.position;
  const s = a.stepId === undefined ? undefined : stepAt.get(a.stepId);
  if (!s) return { x: i * 160, y: -220 };
  const dx = { queue: -50, supplier: -230, customer: 250, note: 0, handoff: 60 }[a.kind];
  const dy = { queue: 30, supplier: 10, customer: 10, note: -150, handoff: -70 }[a.kind];
  return { x: s.x + dx, y: s.y + dy };
}

/**
 * Nodes for the map and its figures. `prev` keeps what the canvas owns: selection, and the position of a
 * node being dragged right now (figures can arrive mid-drag).
 */
export function buildNodes(
  map: Pick<StoredMap, 'steps' | 'annotations'>,
  metrics: FlowMetrics | null,
  prev: readonly CanvasNode[] = [],
  select?: ReadonlySet<string>,
): CanvasNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  const figures = new Map((metrics?.steps ?? []).map((s) => [s.id, s]));
  const positions = layoutPositions(map.steps);
  const stepAt = new Map(map.steps.map((s, i) => [s.id, positions[i]!]));
  const keep = (id: string, position: { x: number; y: number }) => {
    const o = old.get(id);
    return {
      position: o?.dragging ? o.position : position,
      selected: select ? select.has(id) : (o?.selected ?? false),
      ...(o?.measured ? { measured: o.measured } : {}),
    };
  };
  const steps: CanvasNode[] = map.steps.map((step, i) => ({
    id: step.id,
    type: 'step' as const,
    ...keep(step.id, positions[i]!),
    data: { step, figures: figures.get(step.id), bottleneck: metrics?.bottleneck?.stepId === step.id },
  }));
  const annotations: CanvasNode[] = (map.annotations ?? []).map((a, i) => {
    const bound = a.kind === 'queue' && a.stepId !== undefined ? map.steps.find((s) => s.id === a.stepId) : undefined;
    const measuredCount = bound && bound.waitStatuses.length > 0 ? (figures.get(bound.id)?.waitWip ?? undefined) : undefined;
    return {
      id: a.id,
      type: 'annotation' as const,
      ...keep(a.id, annotationPosition(a, stepAt, i)),
      data: { annotation: a, measuredCount },
    };
  });
  return [...steps, ...annotations];
}

/** A flow's edge id: flows have no ids of their own, so their place in the document names them. */
export const flowEdgeId = (i: number) => `flow-${i}`;
export const flowIndexOf = (edgeId: string): number | null => (/^flow-(\d+)$/.exec(edgeId) ? Number(edgeId.slice(5)) : null);

export function flowLabel(f: MapFlow): string | undefined {
  if (f.kind === 'rework') return f.rate === undefined ? 'rework' : `rework ${formatPercent(f.rate)}`;
  if (f.kind === 'pull') return [f.lane === 'fifo' ? 'FIFO' : f.lane === 'supermarket' ? 'supermarket' : 'pull', f.label].filter(Boolean).join(' · ');
  if (f.kind === 'info') return [f.infoKind === 'manual' ? '✎' : '⚡', f.label].filter(Boolean).join(' ');
  return f.label;
}

const DARK = '#1e293b';
const LABEL = { labelBgPadding: [8, 4] as [number, number], labelBgBorderRadius: 4 };

function flowEdge(f: MapFlow, i: number, selected: boolean): Edge {
  const base = { id: flowEdgeId(i), source: f.from, target: f.to, selected, label: flowLabel(f), ...LABEL, data: { kind: f.kind }, interactionWidth: 18 };
  if (f.kind === 'rework') {
    return {
      ...base,
      sourceHandle: 'rework-out',
      targetHandle: 'rework-in',
      className: 'edge edge--rework',
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#b45309' },
      style: { stroke: '#b45309', strokeWidth: 2.5, strokeDasharray: '8 6' },
      labelStyle: { fill: '#92400e', fontWeight: 700, fontSize: 15 },
    };
  }
  if (f.kind === 'info') {
    const manual = f.infoKind === 'manual';
    return {
      ...base,
      sourceHandle: 'info-out',
      targetHandle: 'info-in',
      type: manual ? 'straight' : 'step',
      className: `edge edge--info edge--info-${manual ? 'manual' : 'electronic'}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#475569' },
      style: manual ? { stroke: '#475569', strokeWidth: 1.5 } : { stroke: '#2563eb', strokeWidth: 2, strokeDasharray: '10 4 2 4' },
      labelStyle: { fill: '#1e3a8a', fontWeight: 700, fontSize: 14 },
    };
  }
  const pull = f.kind === 'pull';
  return {
    ...base,
    sourceHandle: 'out',
    targetHandle: 'in',
    className: `edge edge--${f.kind}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: DARK },
    style: pull ? { stroke: '#0f766e', strokeWidth: 3, strokeDasharray: '14 5' } : { stroke: DARK, strokeWidth: 2.5 },
    labelStyle: { fill: pull ? '#115e59' : DARK, fontWeight: 700, fontSize: 14 },
  };
}

/** A drawn link from a supplier or queue into its step, or from a step to its customer (not a flow). */
function annotationEdge(a: Annotation): Edge | null {
  if (a.stepId === undefined || (a.kind !== 'supplier' && a.kind !== 'customer' && a.kind !== 'queue')) return null;
  const toStep = a.kind !== 'customer';
  const info = a.link?.kind === 'info';
  return {
    id: `pin-${a.id}`,
    source: toStep ? a.id : a.stepId,
    target: toStep ? a.stepId : a.id,
    sourceHandle: 'out',
    targetHandle: 'in',
    selectable: false,
    focusable: false,
    className: `edge edge--pin edge--pin-${a.kind}`,
    label: a.link?.label,
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#64748b' },
    style: { stroke: '#64748b', strokeWidth: a.kind === 'queue' ? 1.5 : 2, strokeDasharray: info || a.kind === 'queue' ? '4 4' : undefined },
  };
}

export function buildEdges(map: Pick<StoredMap, 'flows' | 'annotations'>, prev: readonly Edge[] = []): Edge[] {
  const selected = new Set(prev.filter((e) => e.selected).map((e) => e.id));
  const flows = map.flows.map((f, i) => flowEdge(f, i, selected.has(flowEdgeId(i))));
  const pins = (map.annotations ?? []).map(annotationEdge).filter((e): e is Edge => e !== null);
  return [...flows, ...pins];
}
