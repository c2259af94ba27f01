// The value stream map on a React Flow canvas: steps as VSM boxes, flows as arrows; drag to arrange.
import { Background, Controls, ReactFlow, type NodeTypes } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { StepNode } from './StepNode.tsx';
import { useAppStore } from './store.ts';

const nodeTypes: NodeTypes = { step: StepNode };

export function MapCanvas() {
  const { nodes, edges, onNodesChange } = useAppStore(useShallow((s) => ({ nodes: s.nodes, edges: s.edges, onNodesChange: s.onNodesChange })));
  return (
    <div className="canvas" data-testid="map-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
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
