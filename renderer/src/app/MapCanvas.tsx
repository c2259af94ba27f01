// The value stream map on a React Flow canvas: steps and annotations as nodes, flows as edges. Drag to
// arrange (snapped to the grid), drag from a handle to connect, click an edge to set its kind, box-select
// with Shift+drag, Shift+click to add to the selection; the keyboard does the rest (see onKey).
import { Background, ConnectionMode, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type NodeMouseHandler, type NodeTypes } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDrillStore } from '../drilldown/drilldown-store.ts';
import {
  copySelection,
  deleteSelection,
  duplicateSelection,
  GRID,
  nudgeSelection,
  pasteClipboard,
  selectAll,
  useCanvasUi,
  viewport,
} from '../editor/canvas-actions.ts';
import { connect } from '../editor/doc-edits.ts';
import { useEditorStore } from '../editor/editor-store.ts';
import { AnnotationNode } from './AnnotationNode.tsx';
import type { CanvasNode } from './canvas-elements.ts';
import { StepNode } from './StepNode.tsx';
import { currentMapDoc, useAppStore } from './store.ts';

// Stable across renders: React Flow re-mounts every node when nodeTypes changes.
const nodeTypes: NodeTypes = { step: StepNode, annotation: AnnotationNode };
const SNAP: [number, number] = [GRID, GRID];
const FIT = { padding: 0.08, maxZoom: 1 };
const MULTI = ['Shift', 'Meta', 'Control'];
const DOUBLE_CLICK_MS = 260;
const MINI = { width: 180, height: 110 };

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

const miniColor = (n: CanvasNode) => (n.type === 'annotation' ? '#f59e0b' : n.data.bottleneck ? '#b91c1c' : '#334155');

export function MapCanvas() {
  const { nodes, edges, onNodesChange, onEdgesChange } = useAppStore(
    useShallow((s) => ({ nodes: s.nodes, edges: s.edges, onNodesChange: s.onNodesChange, onEdgesChange: s.onEdgesChange })),
  );
  const flow = useReactFlow();
  const drillTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    viewport.center = () => {
      const el = document.querySelector('[data-testid="map-canvas"]')?.getBoundingClientRect();
      return el ? flow.screenToFlowPosition({ x: el.left + el.width / 2, y: el.top + el.height / 2 }) : { x: 0, y: 0 };
    };
    viewport.fit = () => void flow.fitView({ ...FIT, duration: 200 });
    viewport.focus = (id) => {
      const n = flow.getNode(id);
      if (n)
        void flow.setCenter(n.position.x + (n.measured?.width ?? 200) / 2, n.position.y + (n.measured?.height ?? 200) / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 200,
        });
    };
  }, [flow]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (inField(e.target) || e.altKey) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const ui = useCanvasUi.getState();
      const act = (f: () => void) => {
        e.preventDefault();
        f();
      };
      if (!mod && (key === 'delete' || key === 'backspace')) return act(deleteSelection);
      if (mod && key === 'd') return act(duplicateSelection);
      if (mod && key === 'c') return void (copySelection() && e.preventDefault());
      if (mod && key === 'v') return act(pasteClipboard);
      if (mod && key === 'a') return act(selectAll);
      if (mod && key === 'f') return act(() => ui.setPanel('find'));
      if (mod) return;
      if (key === 'f') return act(() => viewport.fit());
      if (key === 'n' || key === '/') return act(() => ui.setPanel('quick-add'));
      if (key === 'escape') {
        clearTimeout(drillTimer.current);
        ui.setPanel('none');
        useDrillStore.getState().close();
        return;
      }
      const step = e.shiftKey ? GRID * 5 : GRID;
      const arrows: Record<string, [number, number]> = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, -step], arrowdown: [0, step] };
      if (arrows[key]) return act(() => nudgeSelection(...arrows[key]!));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A click (not a drag, not a Shift/Ctrl-click that extends the selection) on a step drills into its items,
  // once it is clear no double-click follows (the items panel would cover what the second click aims at).
  const onNodeClick: NodeMouseHandler<CanvasNode> = useCallback((event, node) => {
    clearTimeout(drillTimer.current);
    if (node.type !== 'step' || event.shiftKey || event.ctrlKey || event.metaKey || event.detail > 1) return;
    drillTimer.current = setTimeout(() => {
      const mapId = useAppStore.getState().map?.id;
      if (mapId !== undefined) void useDrillStore.getState().open(mapId, node.id);
    }, DOUBLE_CLICK_MS);
  }, []);
  // A double-click opens the step's data box to fill in.
  const onNodeDoubleClick: NodeMouseHandler<CanvasNode> = useCallback((_event, node) => {
    clearTimeout(drillTimer.current);
    if (node.type !== 'step') return;
    useDrillStore.getState().close();
    useEditorStore.getState().open(node.id, false);
  }, []);
  const onConnect = useCallback((c: Connection) => {
    const doc = currentMapDoc();
    if (!doc || !c.source || !c.target) return;
    const handles = `${c.sourceHandle ?? ''} ${c.targetHandle ?? ''}`;
    const kind = handles.includes('rework') ? 'rework' : handles.includes('info') ? 'info' : useCanvasUi.getState().connectKind;
    const next = connect(doc, c.source, c.target, kind);
    if (next !== doc) useCanvasUi.getState().say(useAppStore.getState().edit(next));
  }, []);
  const onPaneClick = useCallback(() => useDrillStore.getState().close(), []);

  return (
    <div className="canvas" data-testid="map-canvas">
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onConnect={onConnect}
        onPaneClick={onPaneClick}
        connectionMode={ConnectionMode.Loose}
        zoomOnDoubleClick={false}
        disableKeyboardA11y
        snapToGrid
        snapGrid={SNAP}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI}
        deleteKeyCode={null}
        edgesFocusable
        fitView
        fitViewOptions={FIT}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={GRID * 2} color="#e2e8f0" />
        <MiniMap pannable zoomable nodeColor={miniColor} position="top-right" ariaLabel="Minimap" style={MINI} />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
    </div>
  );
}
