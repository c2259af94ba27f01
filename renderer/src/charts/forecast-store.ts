// The Monte Carlo answer on screen, shared by the forecast form in the header and its two histograms.
import { create } from 'zustand';
import type { Forecast } from '../../../shared/metrics/forecast.ts';

/**
 * `loading` keeps the answer on screen before it (`previous`): a filter change redraws the forecast once, when
 * the new answer comes, instead of emptying the header and both histograms meanwhile (which moved every
 * chart below them twice).
 */
export type ForecastState =
  { kind: 'idle' } | { kind: 'loading'; previous: Forecast | null } | { kind: 'ready'; forecast: Forecast } | { kind: 'error'; message: string };

/** The answer to draw: the ready one, or while the next is simulated the one before it. */
export function shownForecast(state: ForecastState): Forecast | null {
  return state.kind === 'ready' ? state.forecast : state.kind === 'loading' ? state.previous : null;
}

export const useForecastStore = create<{
  state: ForecastState;
  set(state: ForecastState): void;
  /**
   * Asks again for the N on screen (set by the open forecast panel): a filter change does, beside the map's
   * `figures`, so the panel does not ask once more when they arrive.
   */
  rerun: ((figures: Promise<unknown>) => void) | null;
}>((set) => ({
  state: { kind: 'idle' },
  set: (state) => set({ state }),
  rerun: null,
}));
