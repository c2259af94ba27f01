// Opening a vsm-map JSON file in the app (drag and drop or Open…): read, parsed and checked with the core's
// map schema here, so a bad file is refused with its file name and every issue before anything is sent; the
// core checks it again as it saves it, in one transaction. A map never replaces another: a name already in
// the workspace gets " (2)", " (3)", … .
import { create } from 'zustand';
import { formatIssues, MapDocSchema } from '../../../shared/domain/map.ts';
import { getClient } from '../common/client.ts';
import { errorMessage } from '../common/format.ts';
import { useAppStore } from '../app/store.ts';
import { useMapsStore } from '../maps/maps-store.ts';

const MAX_BYTES = 2 * 1024 * 1024;

export class MapFileError extends Error {}

/** The file's map document, or a MapFileError that says what is wrong with it. */
export async function readMapFile(file: File): Promise<ReturnType<typeof MapDocSchema.parse>> {
  if (file.size > MAX_BYTES) throw new MapFileError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: a vsm-map file is at most 2 MB`);
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (e) {
    throw new MapFileError(`${file.name} is not JSON: ${(e as Error).message}`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== 'vsm-map')
    throw new MapFileError(
      `${file.name} is not a vsm-map file: expected "format": "vsm-map", found ${format === undefined ? 'no format' : JSON.stringify(format)}`,
    );
  const parsed = MapDocSchema.safeParse(json);
  if (!parsed.success) throw new MapFileError(`${file.name} is not a valid vsm-map:\n${formatIssues(parsed.error, '  ')}`);
  return parsed.data;
}

function freeName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

type ImportState = { kind: 'idle' } | { kind: 'busy'; file: string } | { kind: 'error'; message: string };

export const useMapImport = create<{ state: ImportState; importFile(file: File): Promise<void>; clear(): void }>((set) => ({
  state: { kind: 'idle' },
  clear: () => set({ state: { kind: 'idle' } }),
  async importFile(file) {
    set({ state: { kind: 'busy', file: file.name } });
    useMapsStore.getState().dismiss();
    try {
      const doc = await readMapFile(file);
      const taken = new Set((await getClient().listMaps({})).map((m) => m.name));
      const name = freeName(doc.name, taken);
      const r = await getClient().saveMap({ map: { ...doc, name }, source: file.name });
      await useAppStore.getState().openMap(r.id);
      await useMapsStore.getState().refresh();
      useMapsStore.setState({
        notice: {
          kind: 'info',
          text: name === doc.name ? `Opened "${name}" from ${file.name}` : `Opened ${file.name} as "${name}" (a map called "${doc.name}" is already here)`,
        },
      });
      set({ state: { kind: 'idle' } });
    } catch (e) {
      set({ state: { kind: 'error', message: errorMessage(e) } });
    }
  },
}));
