// Workshop mode's state: open or not, which exercise (walk the stream or dot voting), the presenter's step,
// the time-box timer and the dot budget. Votes are the map's own (kaizen `votes`), saved through saveMap
// like any edit (undoable); everything else lives in this window only.
import { create } from 'zustand';
import type { MapStep } from '../../../shared/domain/map.ts';
import { currentMapDoc, useAppStore } from '../app/store.ts';

export type WorkshopTab = 'walk' | 'vote';

export interface Timer {
  /** The time box, in seconds. */
  durationS: number;
  /** Milliseconds run before the current start (pauses keep them). */
  elapsedMs: number;
  /** When it was last started (Date.now), null while paused or reset. */
  startedAt: number | null;
}

interface WorkshopState {
  open: boolean;
  tab: WorkshopTab;
  stepIndex: number;
  timer: Timer;
  participants: number;
  dotsEach: number;
  voteError: string | null;
  setOpen(open: boolean): void;
  setTab(tab: WorkshopTab): void;
  go(index: number, steps: number): void;
  setMinutes(minutes: number): void;
  start(): void;
  pause(): void;
  reset(): void;
  setBudget(participants: number, dotsEach: number): void;
  /** Adds `delta` dots (±1) to kaizen burst `index` of step `stepId`. */
  vote(stepId: string, index: number, delta: number): Promise<void>;
  /** Every burst of the map back to 0 votes. */
  resetVotes(): Promise<void>;
}

export function timerElapsedMs(t: Timer, now: number): number {
  return t.elapsedMs + (t.startedAt === null ? 0 : now - t.startedAt);
}

export function remainingSeconds(t: Timer, now: number): number {
  return Math.max(0, Math.ceil(t.durationS - timerElapsedMs(t, now) / 1000));
}

/** The votes of every burst of the map. */
export function votesCast(steps: MapStep[]): number {
  return steps.reduce((a, s) => a + (s.kaizen ?? []).reduce((b, k) => b + (k.votes ?? 0), 0), 0);
}

/** Applies `change` to the map's steps as one edit (recorded for Undo, drawn at once) and saves it now. */
async function editSteps(change: (steps: MapStep[]) => MapStep[], onError: (m: string) => void): Promise<void> {
  const doc = currentMapDoc();
  if (!doc) return;
  const refused = useAppStore.getState().edit({ ...doc, steps: change(doc.steps) });
  if (refused) return onError(refused);
  await useAppStore.getState().flush();
}

export const useWorkshop = create<WorkshopState>((set, get) => ({
  open: false,
  tab: 'walk',
  stepIndex: 0,
  timer: { durationS: 10 * 60, elapsedMs: 0, startedAt: null },
  participants: 6,
  dotsEach: 3,
  voteError: null,
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab }),
  go: (index, steps) => set({ stepIndex: Math.max(0, Math.min(steps - 1, index)) }),
  setMinutes(minutes) {
    if (!(Number.isFinite(minutes) && minutes > 0 && minutes <= 600)) return;
    set({ timer: { durationS: Math.round(minutes * 60), elapsedMs: 0, startedAt: null } });
  },
  start() {
    const t = get().timer;
    if (t.startedAt !== null || remainingSeconds(t, Date.now()) === 0) return;
    set({ timer: { ...t, startedAt: Date.now() } });
  },
  pause() {
    const t = get().timer;
    if (t.startedAt === null) return;
    set({ timer: { ...t, elapsedMs: timerElapsedMs(t, Date.now()), startedAt: null } });
  },
  reset: () => set({ timer: { ...get().timer, elapsedMs: 0, startedAt: null } }),
  setBudget(participants, dotsEach) {
    if (Number.isInteger(participants) && participants >= 1 && participants <= 100 && Number.isInteger(dotsEach) && dotsEach >= 1 && dotsEach <= 20)
      set({ participants, dotsEach });
  },
  vote(stepId, index, delta) {
    set({ voteError: null });
    return editSteps(
      (steps) =>
        steps.map((s) =>
          s.id !== stepId ? s : { ...s, kaizen: (s.kaizen ?? []).map((k, i) => (i === index ? { ...k, votes: Math.max(0, (k.votes ?? 0) + delta) } : k)) },
        ),
      (voteError) => set({ voteError }),
    );
  },
  resetVotes() {
    set({ voteError: null });
    return editSteps(
      (steps) => steps.map((s) => (s.kaizen ? { ...s, kaizen: s.kaizen.map((k) => ({ ...k, votes: 0 })) } : s)),
      (voteError) => set({ voteError }),
    );
  },
}));
