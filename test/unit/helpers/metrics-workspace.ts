// A real workspace on disk with items written through the store and a map saved: what the core computes on.
import { createCore, type Core } from '../../../shared/core/create-core.ts';
import type { MapDocInput } from '../../../shared/domain/map.ts';
import { createItemWriter, type NewItem } from '../../../shared/store/item-repo.ts';
import { parseMapDoc, saveMap } from '../../../shared/store/map-repo.ts';
import { openWorkspace } from '../../../shared/store/open-workspace.ts';

export interface SimpleItem {
  key: string;
  type?: string;
  labels?: string[];
  createdAt: number;
  initialStatus?: string | null;
  changes: Array<{ at: number; from: string | null; to: string }>;
  flags?: Array<{ at: number; flagged: boolean }>;
}

export function newItem(i: SimpleItem): NewItem {
  return {
    source: 'test',
    externalId: i.key,
    key: i.key,
    type: i.type ?? 'Story',
    title: null,
    createdAt: i.createdAt,
    initialStatus: i.initialStatus ?? null,
    labels: i.labels ?? [],
    changes: i.changes,
  };
}

export function metricsWorkspace(file: string, map: MapDocInput, items: SimpleItem[]): { core: Core; mapId: number } {
  const db = openWorkspace(file, { create: true });
  const write = createItemWriter(db);
  const hasFlags = items.some((i) => i.flags && i.flags.length > 0);
  const insFlag = hasFlags ? db.prepare('INSERT INTO flag_changes (item_id, at, flagged) VALUES (?, ?, ?)') : null;
  db.transaction(() => {
    for (const i of items) {
      const id = write(newItem(i));
      for (const f of i.flags ?? []) insFlag!.run(id, f.at, f.flagged ? 1 : 0);
    }
  })();
  const mapId = saveMap(db, parseMapDoc(map), Date.UTC(2026, 0, 1));
  return { core: createCore({ workspacePath: file, db }), mapId };
}
