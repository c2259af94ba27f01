// The value stream map on a React Flow canvas: steps as VSM boxes, flows as arrows; drag to arrange.
import { Background, Controls, ReactFlow, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDrillStore } from '../drilldown/drilldown-store.ts';
import { StepNode } from './StepNode.tsx';
import { useAppStore } from './store.ts';

const nodeTypes: NodeTypes = { step: StepNode };

export function MapCanvas() {
  const { nodes, edges, onNodesChange } = useAppStore(useShallow((s) => ({ nodes: s.nodes, edges: s.edges, onNodesChange: s.onNodesChange })));
  // A click (not a drag) on a step drills into the items behind its figures.
  const onNodeClick: NodeMouseHandler = useCallback((_event, node) => {
    const mapId = useAppStore.getState().map?.id;
    if (mapId !== undefined) void useDrillStore.getState().open(mapId, node.id);
  }, []);
  return (
    <div className="canvas" data-testid="map-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.06 }}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
    </div>
  );
}
