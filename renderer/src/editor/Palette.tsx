// The notation palette down the canvas's left edge: every VSM element one click away (a step of each kind,
// supplier, customer, queue, sticky note, handoff marker, kaizen burst), the kind a new connection gets
// (push, pull, information, rework), and Tidy layout. N or / opens the same as a quick-add box.
import type { MapFlow } from '../../../shared/domain/map.ts';
import type { AnnotationKind } from '../../../shared/domain/annotations.ts';
import { addKaizenToSelected, quickAddAnnotation, quickAddStep, tidyLayout, useCanvasUi } from './canvas-actions.ts';
import type { StepKind } from './doc-edits.ts';

export const STEP_ITEMS: { kind: StepKind; label: string; icon: string }[] = [
  { kind: 'process', label: 'Process step', icon: '▭' },
  { kind: 'approval', label: 'Approval gate', icon: '◇' },
  { kind: 'handoff', label: 'Handoff step', icon: '⇄' },
  { kind: 'manual', label: 'Manual step', icon: '✎' },
  { kind: 'automated', label: 'Automated step', icon: '⚙' },
];
export const ANNOTATION_ITEMS: { kind: AnnotationKind; label: string; icon: string }[] = [
  { kind: 'supplier', label: 'Supplier', icon: '⌂' },
  { kind: 'customer', label: 'Customer', icon: '⚑' },
  { kind: 'queue', label: 'Queue', icon: '△' },
  { kind: 'note', label: 'Sticky note', icon: '▤' },
  { kind: 'handoff', label: 'Handoff marker', icon: '↔' },
];
const CONNECT: { kind: MapFlow['kind']; label: string }[] = [
  { kind: 'push', label: 'Push' },
  { kind: 'pull', label: 'Pull' },
  { kind: 'info', label: 'Info' },
  { kind: 'rework', label: 'Rework' },
];

export function Palette() {
  const connectKind = useCanvasUi((s) => s.connectKind);
  const message = useCanvasUi((s) => s.message);
  const { setConnectKind, setPanel, say } = useCanvasUi.getState();
  return (
    <>
      <nav className="palette" aria-label="Notation palette" data-testid="palette">
        <div className="palette__group">
          {STEP_ITEMS.map((it) => (
            <button
              key={it.kind}
              type="button"
              className="palette__item"
              onClick={() => quickAddStep(it.kind)}
              title={`Add a ${it.label.toLowerCase()} (after the selected step)`}
              data-testid={`palette-step-${it.kind}`}
            >
              <span aria-hidden="true">{it.icon}</span> {it.label}
            </button>
          ))}
        </div>
        <div className="palette__group">
          {ANNOTATION_ITEMS.map((it) => (
            <button
              key={it.kind}
              type="button"
              className="palette__item"
              onClick={() => quickAddAnnotation(it.kind)}
              title={`Add a ${it.label.toLowerCase()}`}
              data-testid={`palette-${it.kind}`}
            >
              <span aria-hidden="true">{it.icon}</span> {it.label}
            </button>
          ))}
          <button
            type="button"
            className="palette__item"
            onClick={() => addKaizenToSelected()}
            title="Add a kaizen burst to the selected step"
            data-testid="palette-kaizen"
          >
            <span aria-hidden="true">✸</span> Kaizen burst
          </button>
        </div>
        <div className="palette__group" role="radiogroup" aria-label="Connect as">
          <div className="palette__caption">Connect as</div>
          {CONNECT.map((c) => (
            <button
              key={c.kind}
              type="button"
              role="radio"
              aria-checked={connectKind === c.kind}
              className={`palette__chip${connectKind === c.kind ? ' palette__chip--on' : ''}`}
              onClick={() => setConnectKind(c.kind)}
              data-testid={`connect-${c.kind}`}
            >
              {c.label}
            </button>
          ))}
        </div>
        <div className="palette__group">
          <button
            type="button"
            className="palette__item"
            onClick={() => void tidyLayout()}
            data-testid="tidy-layout"
            title="Lay the map out left to right with no overlaps (elkjs, layered)"
          >
            <span aria-hidden="true">▦</span> Tidy layout
          </button>
          <button type="button" className="palette__item" onClick={() => setPanel('quick-add')} title="Quick add (N or /)" data-testid="quick-add-open">
            <span aria-hidden="true">+</span> Quick add <kbd>N</kbd>
          </button>
          <button type="button" className="palette__item" onClick={() => setPanel('find')} title="Find a step (Ctrl+F)">
            <span aria-hidden="true">⌕</span> Find <kbd>Ctrl F</kbd>
          </button>
          <button type="button" className="palette__item" onClick={() => setPanel('settings')} data-testid="map-settings-open">
            <span aria-hidden="true">⚙</span> Map settings
          </button>
        </div>
      </nav>
      {message && (
        <div className="canvas-message" role="alert" data-testid="canvas-message">
          {message}
          <button type="button" className="button" onClick={() => say(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </>
  );
}
