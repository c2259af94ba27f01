// Undo/redo buttons for map changes, and the usual shortcuts (Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl+Y) when the
// keyboard is not in a form field, where they keep undoing text as browsers do.
import { useEffect } from 'react';
import { useHistory } from './history.ts';
import { redoMapChange, undoMapChange } from './store.ts';

function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function UndoRedo() {
  const canUndo = useHistory((s) => s.past.length > 0 && !s.busy);
  const canRedo = useHistory((s) => s.future.length > 0 && !s.busy);
  const error = useHistory((s) => s.error);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || inField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undoMapChange();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void redoMapChange();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <span className="undo-redo">
      <button type="button" className="toolbar-button" disabled={!canUndo} onClick={() => void undoMapChange()} title="Undo (Ctrl+Z)" data-testid="undo">
        Undo
      </button>
      <button type="button" className="toolbar-button" disabled={!canRedo} onClick={() => void redoMapChange()} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
        Redo
      </button>
      {error && (
        <span className="save-status save-status--error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
