// "Tidy layout": positions for every node from elkjs's layered algorithm (Sugiyama, left to right along the
// push/pull flows), so a messy map reads as a stream again with no two boxes overlapping. Suppliers,
// queues and customers take part through the step they are pinned to; rework and information flows do not
// shape the layers (a loop back would otherwise fold the stream). elkjs is loaded when first used.
import type { EditableDoc } from './step-draft.ts';

export interface NodeBox {
  id: string;
  width: number;
  height: number;
}

/** The layered layout's positions (top-left corners, as React Flow places nodes) for the boxes given. */
export async function tidyPositions(doc: EditableDoc, boxes: readonly NodeBox[]): Promise<Map<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const ids = new Set(boxes.map((b) => b.id));
  const edges: { id: string; sources: string[]; targets: string[] }[] = [];
  doc.flows.forEach((f, i) => {
    if ((f.kind === 'push' || f.kind === 'pull') && ids.has(f.from) && ids.has(f.to)) edges.push({ id: `f${i}`, sources: [f.from], targets: [f.to] });
  });
  for (const a of doc.annotations ?? []) {
    if (a.stepId === undefined || !ids.has(a.id) || !ids.has(a.stepId)) continue;
    if (a.kind === 'customer') edges.push({ id: `a-${a.id}`, sources: [a.stepId], targets: [a.id] });
    else if (a.kind === 'supplier' || a.kind === 'queue') edges.push({ id: `a-${a.id}`, sources: [a.id], targets: [a.stepId] });
  }
  const elk = new ELK();
  const graph = await elk.layout({
    id: 'map',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '60',
      'elk.spacing.componentComponent': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.separateConnectedComponents': 'true',
    },
    children: boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges,
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
