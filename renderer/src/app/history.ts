// Undo and redo for every map edit made in this window (add, delete, connect, move, paste, settings, step
// form): each edit records the document as it was. Undo puts that document back on screen at once and the
// autosave writes it through saveMap (with its revision), like any edit; redo the same with the one it
// replaced. A conflict (the map was saved elsewhere) clears both stacks. A reload starts a fresh history.
import { create } from 'zustand';
import type { EditableDoc } from '../editor/step-draft.ts';

/** Edits kept for undo: a workshop makes hundreds; the issue asks for at least 100. */
export const HISTORY_LIMIT = 200;

interface HistoryState {
  past: EditableDoc[];
  future: EditableDoc[];
  busy: boolean;
  error: string | null;
  /** Call with the document as it was before an edit. */
  record(before: EditableDoc): void;
  /** The document to go back to (current goes onto the redo stack), or null. */
  takeUndo(current: EditableDoc): EditableDoc | null;
  takeRedo(current: EditableDoc): EditableDoc | null;
  clear(): void;
}

export const useHistory = create<HistoryState>((set, get) => ({
  past: [],
  future: [],
  busy: false,
  error: null,
  record(before) {
    set({ past: [...get().past, before].slice(-HISTORY_LIMIT), future: [] });
  },
  takeUndo(current) {
    const { past, future } = get();
    const doc = past.at(-1);
    if (!doc) return null;
    set({ past: past.slice(0, -1), future: [current, ...future].slice(0, HISTORY_LIMIT) });
    return doc;
  },
  takeRedo(current) {
    const { past, future } = get();
    const doc = future[0];
    if (!doc) return null;
    set({ past: [...past, current].slice(-HISTORY_LIMIT), future: future.slice(1) });
    return doc;
  },
  clear() {
    set({ past: [], future: [] });
  },
}));
