// The step being edited (or added), its draft, and saving it through the contract's saveMap. The core
// validates the whole map, so its message (e.g. a status bound in two steps) is what the form shows.
import { create } from 'zustand';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';
import { useHistory } from '../app/history.ts';
import { currentMapDoc, saveAfterPending, STEP_SPACING_X, useAppStore } from '../app/store.ts';
import { useDrillStore } from '../drilldown/drilldown-store.ts';
import { applyDraft, draftFromStep, removeStep, type EditableDoc, type StepDraft } from './step-draft.ts';

interface EditorState {
  /** stepId null: a new step. */
  editing: { stepId: string | null; draft: StepDraft; backToItems: boolean } | null;
  statuses: { status: string; items: number }[];
  saving: boolean;
  error: string | null;
  /** `backToItems`: after saving, show the step's items again (the editor was opened from them). */
  open(stepId: string | null, backToItems?: boolean): void;
  update(patch: Partial<StepDraft>): void;
  save(): Promise<void>;
  remove(): Promise<void>;
  close(): void;
}

/** A new step goes to the right of the rightmost one, on its row. */
function nextPosition(): { x: number; y: number } {
  const nodes = useAppStore.getState().nodes;
  if (nodes.length === 0) return { x: 0, y: 0 };
  const last = nodes.reduce((a, b) => (b.position.x > a.position.x ? b : a));
  return { x: Math.round(last.position.x + STEP_SPACING_X), y: Math.round(last.position.y) };
}

export const useEditorStore = create<EditorState>((set, get) => {
  async function commit(doc: EditableDoc, focus: string | null) {
    const backToItems = get().editing?.backToItems ?? true;
    const before = currentMapDoc();
    set({ saving: true, error: null });
    try {
      if (!(await saveAfterPending(doc))) {
        // The map on screen is now the current one: the draft stays open to be saved again onto it.
        set({ saving: false, error: 'This map was changed in another window: it has been reloaded. Check the step and save again.' });
        return;
      }
      if (before) useHistory.getState().record(before);
      await useAppStore.getState().reload();
      set({ saving: false, editing: null });
      const mapId = useAppStore.getState().map?.id;
      if (focus !== null && mapId !== undefined && backToItems) void useDrillStore.getState().open(mapId, focus);
      else useDrillStore.getState().close();
    } catch (e) {
      set({ saving: false, error: errorMessage(e) });
    }
  }

  return {
    editing: null,
    statuses: [],
    saving: false,
    error: null,

    open(stepId, backToItems = true) {
      const doc = currentMapDoc();
      if (!doc) return;
      const step = stepId === null ? undefined : doc.steps.find((s) => s.id === stepId);
      set({ editing: { stepId: step ? step.id : null, draft: draftFromStep(step, doc.flows), backToItems }, error: null });
      // The workspace's statuses, for binding: fetched each time, since an import may have added some.
      getClient()
        .workspaceStatuses({})
        .then((statuses) => set({ statuses }))
        .catch(() => set({ statuses: [] }));
    },

    update(patch) {
      const editing = get().editing;
      if (editing) set({ editing: { ...editing, draft: { ...editing.draft, ...patch } } });
    },

    async save() {
      const editing = get().editing;
      const doc = currentMapDoc();
      if (!editing || !doc || get().saving) return;
      let next: { doc: EditableDoc; stepId: string };
      try {
        next = applyDraft(doc, editing.stepId, editing.draft, editing.stepId === null ? nextPosition() : undefined);
      } catch (e) {
        set({ error: errorMessage(e) });
        return;
      }
      await commit(next.doc, next.stepId);
    },

    async remove() {
      const editing = get().editing;
      const doc = currentMapDoc();
      if (!editing || editing.stepId === null || !doc || get().saving) return;
      try {
        await commit(removeStep(doc, editing.stepId), null);
      } catch (e) {
        set({ error: errorMessage(e) });
      }
    },

    close() {
      set({ editing: null, error: null });
    },
  };
});
