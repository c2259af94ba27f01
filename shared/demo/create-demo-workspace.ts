// Writes the demo into a workspace file (the embedded default the app and `vsm serve --demo` open).
import { saveMap } from '../store/map-repo.ts';
import { createImportWriter } from '../store/import-repo.ts';
import { openWorkspace, type Db } from '../store/open-workspace.ts';
import { setMeta } from '../store/meta-repo.ts';
import { DEMO_AS_OF, demoItems, demoMap } from './demo-data.ts';

export function writeDemo(db: Db): void {
  const write = createImportWriter(db);
  db.transaction(() => {
    for (const item of demoItems()) {
      write({
        source: 'demo',
        externalId: item.externalId,
        key: item.key,
        type: item.type,
        title: item.title,
        createdAt: item.createdAt,
        initialStatus: 'Idea',
        labels: item.labels,
        changes: item.changes,
        assignees: item.assignees.map((a) => ({ at: a.at, assigneeId: a.name.toLowerCase(), assigneeName: a.name })),
      });
    }
    saveMap(db, demoMap(), DEMO_AS_OF);
    // Figures in the demo are stated as of the end of its history, so they do not drift with the calendar.
    setMeta(db, 'defaultAsOf', new Date(DEMO_AS_OF).toISOString());
  }).immediate();
}

export function createDemoWorkspace(path: string): Db {
  const db = openWorkspace(path);
  writeDemo(db);
  return db;
}
