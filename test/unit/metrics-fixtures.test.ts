// Real Jira Cloud data (DevLake's e2e fixtures): the status history and lead time the engine derives from
// the raw issue JSON must equal DevLake's expected outputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/create-core.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { itemFacts } from '../../shared/metrics/item-timeline.ts';
import { jiraFixtureIssues, readCsv, type FixtureIssue } from './helpers/jira-fixture.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';
import { devlakeEeMap } from '../fixtures/devlake.ts';

const MAP = devlakeEeMap();

const issues = jiraFixtureIssues().filter((i) => i.key.startsWith('EE-'));
const tmp = tempDir();
let core: Core;
let mapId: number;
const AS_OF = '2022-01-01T00:00:00.000Z';

beforeAll(() => {
  // Written in the order the agile API lists them (newest first): the engine orders them by instant.
  ({ core, mapId } = metricsWorkspace(
    tmp.file('ee.vsm'),
    MAP,
    issues.map((i) => ({
      key: i.key,
      type: i.type,
      labels: i.labels,
      createdAt: i.createdAt,
      initialStatus: null,
      changes: i.listed.map(({ at, from, to }) => ({ at, from, to })),
    })),
  ));
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

const devlakeTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

describe('DevLake fixtures: apache/incubator-devlake Jira board 8', () => {
  it('has the 30 EE issues and 165 status changes the README describes', () => {
    expect(issues).toHaveLength(30);
    expect(issues.reduce((n, i) => n + i.listed.length, 0)).toBe(165);
    // The agile endpoint lists histories newest first: the test exercises the reordering for real.
    expect(issues.some((i) => i.listed.length > 1 && i.listed[0]!.at > i.listed[1]!.at)).toBe(true);
  });

  it('per-issue status history equals issue_trace/snapshot_tables/issue_status_history.csv', async () => {
    const table = await core.metricItems({ mapId, asOf: AS_OF });
    const snapshot = readCsv('issue_trace/snapshot_tables/issue_status_history.csv');
    let compared = 0;
    for (const issue of issues) {
      const row = table.items.find((x) => x.key === issue.key)!;
      // DevLake ConvertIssueStatusHistory: (first change's from, created), then (to, at) per change.
      const ours = [
        { status: row.changes[0]!.from ?? '', start: devlakeTime(issue.createdAt), current: '0', first: '1' },
        ...row.changes.map((c, k) => ({ status: c.to, start: devlakeTime(Date.parse(c.at)), current: k === row.changes.length - 1 ? '1' : '0', first: '0' })),
      ];
      const expected = snapshot
        .filter((r) => r.issue_id === `jira:JiraIssue:2:${issue.id}`)
        .map((r) => ({ status: r.original_status!, start: r.start_date!, current: r.is_current_status!, first: r.is_first_status! }))
        .sort((a, b) => a.start.localeCompare(b.start) || Number(b.first) - Number(a.first));
      expect(ours, issue.key).toEqual(expected);
      compared += ours.length;
    }
    expect(compared).toBe(165 + 30);
  });

  it('lead time equals jira/snapshot_tables/issues.csv lead_time_minutes', async () => {
    const table = await core.metricItems({ mapId, asOf: AS_OF });
    const snapshot = readCsv('jira/snapshot_tables/issues.csv');
    expect(snapshot).toHaveLength(30);
    for (const s of snapshot) {
      const issue = issues.find((i) => `jira:JiraIssue:2:${i.id}` === s.id)!;
      const row = table.items.find((x) => x.key === issue.key)!;
      expect(row.done, issue.key).not.toBeNull();
      // DevLake: floor((resolutiondate − created) in whole unix seconds / 60). Our done instant is the status
      // change into the done category, which Jira stamps a few ms after resolutiondate (31–119 ms here).
      const minutes = Number(s.lead_time_minutes);
      expect(Math.floor(row.leadTimeHours! * 60), issue.key).toBe(minutes);
      expect(Math.abs(Date.parse(row.done!) - issue.resolutionDate!), issue.key).toBeLessThan(1000);
      expect(row.created).toBe(new Date(Date.parse(s.created_date!)).toISOString());
    }
    const m = await core.flowMetrics({ mapId, asOf: AS_OF });
    expect(m.items).toMatchObject({ total: 30, done: 30 });
  });

  it('EE-26: a reopened issue is done at its last entry into done, not at the 2021 bulk migration', () => {
    const ee26 = issues.find((i) => i.key === 'EE-26') as FixtureIssue;
    const f = itemFacts(
      { id: 0, key: ee26.key, type: null, title: null, labels: [], createdAt: ee26.createdAt, initialStatus: null, changes: ee26.listed },
      bindMap(MAP),
      Date.parse(AS_OF),
    );
    const sorted = [...ee26.listed].sort((a, b) => a.at - b.at);
    const lastEntry = sorted.filter((c, k) => MAP.doneStatuses.includes(c.to) && !(k > 0 && MAP.doneStatuses.includes(sorted[k - 1]!.to))).at(-1)!;
    expect(f.done).toBe(lastEntry.at);
    expect(new Date(f.done!).getUTCFullYear()).toBe(2020);
  });
});
