// The Monte Carlo answer on screen, shared by the forecast form in the header and its two histograms.
import { create } from 'zustand';
import type { Forecast } from '../../../shared/metrics/forecast.ts';

export type ForecastState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; forecast: Forecast } | { kind: 'error'; message: string };

export const useForecastStore = create<{ state: ForecastState; set(state: ForecastState): void }>((set) => ({
  state: { kind: 'idle' },
  set: (state) => set({ state }),
}));
