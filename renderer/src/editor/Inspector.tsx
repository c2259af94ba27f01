// The small panel for what is selected on the canvas when it is not a step: a flow (its kind, the pull's
// supermarket or FIFO lane, the information flow's manual/electronic and label, the rework rate) or an
// annotation (its text, a queue's counted inventory). Each change is one undoable edit; text fields apply
// on Enter or when they lose focus, so typing a word is one edit, not one per letter.
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MapFlow } from '../../../shared/domain/map.ts';
import { flowIndexOf } from '../app/canvas-elements.ts';
import { currentMapDoc, useAppStore } from '../app/store.ts';
import { deleteSelection, useCanvasUi } from './canvas-actions.ts';
import { updateAnnotation, updateFlow } from './doc-edits.ts';
import { parsePercent } from './step-draft.ts';

function apply(next: ReturnType<typeof updateFlow>) {
  useCanvasUi.getState().say(useAppStore.getState().edit(next));
}

function TextField({
  label,
  value,
  onCommit,
  testId,
  inputMode,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  testId: string;
  inputMode?: 'decimal' | 'numeric';
}) {
  const commit = (v: string) => v !== value && onCommit(v);
  return (
    <label className="editor__field">
      <span>{label}</span>
      <input
        key={value}
        defaultValue={value}
        inputMode={inputMode}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
        data-testid={testId}
      />
    </label>
  );
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <aside className="inspector" aria-label={title} data-testid={testId}>
      <div className="inspector__head">
        <strong>{title}</strong>
        <button type="button" className="button button--danger" onClick={deleteSelection} data-testid="inspector-delete">
          Delete
        </button>
      </div>
      <div className="inspector__body">{children}</div>
    </aside>
  );
}

export function Inspector() {
  const { edgeIds, nodeIds } = useAppStore(
    useShallow((s) => ({
      edgeIds: s.edges
        .filter((e) => e.selected)
        .map((e) => e.id)
        .join(' '),
      nodeIds: s.nodes
        .filter((n) => n.selected)
        .map((n) => n.id)
        .join(' '),
    })),
  );
  const map = useAppStore((s) => s.map);
  if (!map) return null;
  const flowIndex = edgeIds && !edgeIds.includes(' ') && !nodeIds ? flowIndexOf(edgeIds) : null;
  const flow = flowIndex === null ? undefined : map.flows[flowIndex];
  if (flow && flowIndex !== null) return <FlowPanel flow={flow} index={flowIndex} names={new Map(map.steps.map((s) => [s.id, s.name]))} />;
  const annotation = nodeIds && !nodeIds.includes(' ') && !edgeIds ? map.annotations?.find((a) => a.id === nodeIds) : undefined;
  if (!annotation) return null;
  const set = (patch: Parameters<typeof updateAnnotation>[2]) => {
    const doc = currentMapDoc();
    if (doc) apply(updateAnnotation(doc, annotation.id, patch));
  };
  return (
    <Panel
      title={
        annotation.kind === 'queue'
          ? 'Queue'
          : annotation.kind === 'note'
            ? 'Sticky note'
            : annotation.kind === 'handoff'
              ? 'Handoff marker'
              : annotation.kind === 'supplier'
                ? 'Supplier'
                : 'Customer'
      }
      testId="annotation-panel"
    >
      <TextField
        label={annotation.kind === 'note' ? 'Text' : 'Name'}
        value={annotation.text ?? ''}
        onCommit={(v) => set({ text: v.trim() || undefined })}
        testId="annotation-text"
      />
      {annotation.kind === 'queue' && (
        <TextField
          label="Counted items (shown when its step binds no wait status)"
          value={annotation.count === undefined ? '' : String(annotation.count)}
          inputMode="numeric"
          onCommit={(v) => {
            const n = Number(v.trim());
            if (v.trim() === '') set({ count: undefined });
            else if (Number.isInteger(n) && n >= 0) set({ count: n });
            else useCanvasUi.getState().say(`Count: "${v}" is not a whole number of 0 or more`);
          }}
          testId="annotation-count"
        />
      )}
    </Panel>
  );
}

function FlowPanel({ flow, index, names }: { flow: MapFlow; index: number; names: Map<string, string> }) {
  const set = (patch: Partial<MapFlow>) => {
    const doc = currentMapDoc();
    if (doc) apply(updateFlow(doc, index, patch));
  };
  return (
    <Panel title={`Flow ${names.get(flow.from) ?? flow.from} → ${names.get(flow.to) ?? flow.to}`} testId="edge-panel">
      <label className="editor__field">
        <span>Kind</span>
        <select
          value={flow.kind}
          onChange={(e) => set({ kind: e.target.value as MapFlow['kind'], ...(e.target.value === 'rework' && flow.rate === undefined ? { rate: 0.1 } : {}) })}
          data-testid="edge-kind"
        >
          <option value="push">Push</option>
          <option value="pull">Pull</option>
          <option value="info">Information</option>
          <option value="rework">Rework loop</option>
        </select>
      </label>
      {flow.kind === 'pull' && (
        <label className="editor__field">
          <span>Through</span>
          <select value={flow.lane ?? ''} onChange={(e) => set({ lane: (e.target.value || undefined) as MapFlow['lane'] })} data-testid="edge-lane">
            <option value="">—</option>
            <option value="supermarket">Supermarket</option>
            <option value="fifo">FIFO lane</option>
          </select>
        </label>
      )}
      {flow.kind === 'info' && (
        <label className="editor__field">
          <span>Information</span>
          <select value={flow.infoKind ?? 'electronic'} onChange={(e) => set({ infoKind: e.target.value as MapFlow['infoKind'] })} data-testid="edge-info-kind">
            <option value="electronic">Electronic (a system)</option>
            <option value="manual">Manual (a person)</option>
          </select>
        </label>
      )}
      {flow.kind === 'rework' && (
        <TextField
          label="Rework rate (%)"
          value={flow.rate === undefined ? '' : `${Math.round(flow.rate * 1e6) / 1e4} %`}
          inputMode="decimal"
          onCommit={(v) => {
            try {
              set({ rate: parsePercent(v)?.ratio });
            } catch (e) {
              useCanvasUi.getState().say((e as Error).message.replace('%C&A', 'Rework rate'));
            }
          }}
          testId="edge-rate"
        />
      )}
      <TextField
        label={flow.kind === 'info' ? 'Label (e.g. Jira, CI)' : 'Label'}
        value={flow.label ?? ''}
        onCommit={(v) => set({ label: v.trim() || undefined })}
        testId="edge-label"
      />
    </Panel>
  );
}
