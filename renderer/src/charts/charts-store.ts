// Whether the Charts view is open. Its data is not kept here: the view reads the series afresh each time it
// opens (and when the map's figures change), so it never shows figures older than the map behind it.
import { create } from 'zustand';

interface ChartsState {
  open: boolean;
  setOpen(open: boolean): void;
}

export const useChartsStore = create<ChartsState>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
