// One import at a time from the UI: its progress (from the contract's importProgress events), its result or
// error, and cancellation through cancelImport, which rolls the import back.
import { create } from 'zustand';
import type { ContractEvents, ImportResultOut } from '../../../shared/contract/contract.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';
import type { ImportSource } from './sources.ts';

export type ImportRun =
  | { kind: 'idle' }
  | { kind: 'running'; importId: string; phase: string; done: number; total?: number; cancelling: boolean }
  | { kind: 'done'; result: ImportResultOut }
  | { kind: 'failed'; message: string };

interface ImportState {
  open: boolean;
  run: ImportRun;
  setOpen(open: boolean): void;
  start(source: ImportSource, values: Record<string, string>): Promise<void>;
  cancel(): Promise<void>;
  onProgress(p: ContractEvents['importProgress']): void;
}

let counter = 0;
const newImportId = () => `ui-${Date.now().toString(36)}-${++counter}`;

export const useImportStore = create<ImportState>((set, get) => ({
  open: false,
  run: { kind: 'idle' },

  setOpen(open) {
    // A running import keeps the panel: closing it would hide the only cancel button.
    if (!open && get().run.kind === 'running') return;
    set({ open, ...(open && get().run.kind !== 'running' ? { run: { kind: 'idle' } } : {}) });
  },

  async start(source, values) {
    if (get().run.kind === 'running') return;
    const importId = newImportId();
    set({ run: { kind: 'running', importId, phase: 'starting', done: 0, cancelling: false } });
    try {
      // The contract validates the input; the form only gathers it.
      const call = getClient()[source.method] as (input: unknown) => Promise<ImportResultOut>;
      const result = await call({ ...source.toInput(values), importId });
      set({ run: { kind: 'done', result } });
    } catch (e) {
      set({ run: { kind: 'failed', message: errorMessage(e) } });
    }
  },

  async cancel() {
    const run = get().run;
    if (run.kind !== 'running' || run.cancelling) return;
    set({ run: { ...run, cancelling: true } });
    await getClient().cancelImport({ importId: run.importId });
  },

  onProgress(p) {
    const run = get().run;
    if (run.kind !== 'running' || run.importId !== p.importId || p.phase === 'done') return;
    set({ run: { ...run, phase: p.phase, done: p.done, ...(p.total === undefined ? {} : { total: p.total }) } });
  },
}));
