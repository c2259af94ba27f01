// Undo and redo for map changes made in this window (moves and step edits): each change records the
// document as it was; undo saves that document back through saveMap, redo the one it replaced. The core
// re-measures after each, like any save. A reload of the page starts a fresh history.
import { create } from 'zustand';
import type { EditableDoc } from '../editor/step-draft.ts';
import { saveMapEdit } from './store.ts';
import { errorMessage } from '../common/format.ts';

const LIMIT = 100;

interface HistoryState {
  past: EditableDoc[];
  future: EditableDoc[];
  busy: boolean;
  error: string | null;
  /** Call before saving a change, with the document as it was. */
  record(before: EditableDoc): void;
  undo(current: EditableDoc, reload: () => Promise<void>): Promise<void>;
  redo(current: EditableDoc, reload: () => Promise<void>): Promise<void>;
}

export const useHistory = create<HistoryState>((set, get) => {
  async function restore(doc: EditableDoc, reload: () => Promise<void>, after: Partial<HistoryState>) {
    set({ busy: true, error: null });
    try {
      // A conflict (the map was saved elsewhere) has reloaded the map and cleared this history.
      if (!(await saveMapEdit(doc))) return set({ busy: false });
      set({ ...after, busy: false });
      await reload();
    } catch (e) {
      set({ busy: false, error: errorMessage(e) });
    }
  }
  return {
    past: [],
    future: [],
    busy: false,
    error: null,
    record(before) {
      set({ past: [...get().past, before].slice(-LIMIT), future: [] });
    },
    async undo(current, reload) {
      const { past, future, busy } = get();
      const doc = past.at(-1);
      if (!doc || busy) return;
      await restore(doc, reload, { past: past.slice(0, -1), future: [current, ...future] });
    },
    async redo(current, reload) {
      const { past, future, busy } = get();
      const doc = future[0];
      if (!doc || busy) return;
      await restore(doc, reload, { past: [...past, current], future: future.slice(1) });
    },
  };
});
