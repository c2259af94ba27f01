// A map's abandonedResolutions, on real data: DevLake's board 8 holds 30 Jira issues, all now in the done status
// 已完成, 5 of them resolved "Won't Do". Named in the map, those 5 are abandoned work, not throughput: out of
// the completed count (and so out of cycle and lead time), and counted as abandoned in the waste analysis on the
// step they left. Without the field nothing changes.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { MapDocSchema, type MapDocInput } from '../../shared/domain/map.ts';
import { abandonedByResolution, bindMap } from '../../shared/metrics/binding.ts';
import { jiraBoard8Issues } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-abandoned-res-');
let core: Core;
let base: MapDocInput;
const issues = jiraBoard8Issues();
const resolution = (i: (typeof issues)[number]) => ((i.fields as Record<string, unknown>).resolution as { name?: string } | null)?.name ?? null;
const wontDo = issues.filter((i) => resolution(i) === "Won't Do").map((i) => i.key as string);

beforeAll(async () => {
  const file = tmp.file('board8.json');
  fs.writeFileSync(file, JSON.stringify(issues));
  core = createCore({ workspacePath: tmp.file('board8.vsm') });
  await core.importJiraFiles({ path: file });
  base = (await core.suggestBinding({ name: 'Board 8' })).map as MapDocInput;
});
afterAll(() => {
  core?.close();
  tmp.cleanup();
});

describe('abandonedResolutions', () => {
  it('the fixture holds what the test relies on: 30 issues, 5 resolved Won’t Do', () => {
    expect(issues).toHaveLength(30);
    expect(wontDo).toHaveLength(5);
  });

  it('is optional in the map format, defaults to none, and is validated', () => {
    expect(MapDocSchema.parse(base).abandonedResolutions).toBeUndefined();
    expect(MapDocSchema.parse({ ...base, abandonedResolutions: ["Won't Do"] }).abandonedResolutions).toEqual(["Won't Do"]);
    expect(() => MapDocSchema.parse({ ...base, abandonedResolutions: [''] })).toThrow();
    expect(() => MapDocSchema.parse({ ...base, abandonedResolutions: "Won't Do" })).toThrow();
  });

  it('the binding carries them only when the map names some', () => {
    const map = MapDocSchema.parse(base);
    expect(bindMap(map).abandonedResolutions).toBeUndefined();
    expect(abandonedByResolution(bindMap(map), "Won't Do")).toBe(false);
    const b = bindMap({ ...map, abandonedResolutions: ["Won't Do", 'Duplicate'] });
    expect(abandonedByResolution(b, "Won't Do")).toBe(true);
    expect(abandonedByResolution(b, 'Done')).toBe(false);
    expect(abandonedByResolution(b, null)).toBe(false);
  });

  it("leaves Won't Do items out of throughput and counts them as abandoned waste", async () => {
    const plain = await core.saveMap({ map: base });
    const named = await core.saveMap({ map: { ...base, name: 'Board 8 (Won’t Do abandoned)', abandonedResolutions: ["Won't Do", 'Withdrawn', 'Duplicate'] } });
    const m0 = await core.flowMetrics({ mapId: plain.id });
    const m1 = await core.flowMetrics({ mapId: named.id });
    expect(m0.items.done).toBe(30);
    expect(m1.items.done).toBe(25);
    expect(m1.items.total).toBe(m0.items.total);

    // The completed items' list no longer holds them.
    const t0 = await core.metricItems({ mapId: plain.id });
    const t1 = await core.metricItems({ mapId: named.id });
    const doneKeys = (t: typeof t0) =>
      t.items
        .filter((r) => r.done !== null)
        .map((r) => r.key)
        .sort();
    expect(doneKeys(t0)).toHaveLength(30);
    expect(doneKeys(t1)).toEqual(doneKeys(t0).filter((k) => !wontDo.includes(k)));

    const w0 = await core.wasteAnalysis({ mapId: plain.id });
    const w1 = await core.wasteAnalysis({ mapId: named.id });
    const abandoned = (w: typeof w0) => w.steps.reduce((n, s) => n + s.abandoned, 0);
    expect(abandoned(w0)).toBe(0);
    // Each of the 5 entered a mapped step before done, so each is abandoned on the step it left.
    expect(abandoned(w1)).toBe(5);
    expect(w1.steps.reduce((h, s) => h + s.abandonedActiveHours, 0)).toBeGreaterThan(0);
  });
});
