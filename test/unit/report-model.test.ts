// The report model's title-block facts: the filters it was computed under and the items each data source
// contributed under them, which must add up to the items the figures count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
let core: Core;

beforeAll(() => {
  const file = tmp.file('demo.vsm');
  core = createCore({ workspacePath: file, db: createDemoWorkspace(file), clock: { now: () => Date.UTC(2027, 0, 1) } });
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

describe('reportModel', () => {
  it('echoes no filter and counts every item under its source', async () => {
    const m = await core.call('reportModel', {});
    expect(m.filters).toEqual({ types: [], label: null });
    expect(m.sources.map((s) => s.source)).toEqual(['demo']);
    expect(m.sources.reduce((n, s) => n + s.items, 0)).toBe(m.metrics.items.total);
  });

  it('echoes the filters and counts only the items they select, as the figures do', async () => {
    for (const types of [['Bug'], ['Story', 'Task']]) {
      const m = await core.call('reportModel', { types });
      expect(m.filters).toEqual({ types, label: null });
      expect(m.sources.reduce((n, s) => n + s.items, 0)).toBe(m.metrics.items.total);
      expect(m.metrics.items.total).toBeLessThan((await core.call('reportModel', {})).metrics.items.total);
    }
  });

  it('names an import run by its file name, never its full path', async () => {
    core.db.prepare("INSERT INTO import_runs (source, input, started_at, finished_at, items, status_changes) VALUES ('demo', '/home/ana/secret/folder/export.json', 1, 2, 0, 0)").run();
    const m = await core.call('reportModel', {});
    expect(m.sources[0]!.lastImport).toEqual({ input: 'export.json', finishedAt: new Date(2).toISOString() });
  });
});
