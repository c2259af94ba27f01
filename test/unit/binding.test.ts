// The binding view's core methods on real data: statusInventory and suggestBinding on the demo, the DevLake
// Jira issues of board 8 and the panjf2000/ants GitHub repository; and handoffs from GitHub assignment events.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { DEMO_AS_OF, demoItems, demoMap } from '../../shared/demo/demo-data.ts';
import { MapDocSchema } from '../../shared/domain/map.ts';
import { assigneeChanges, emptyBundle, normalizeGithub } from '../../shared/importers/github-normalize.ts';
import { DEVLAKE, jiraBoard8Issues, readRaw } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const H = 3_600_000;
const tmp = tempDir('flowmap-binding-');
let demo: Core;
let jira: Core;
let gh: Core;

const ghRaw = (name: string) =>
  readRaw<Record<string, unknown>>(path.join(DEVLAKE, 'github', 'raw_tables', name))
    .filter((r) => JSON.stringify(r.params) === JSON.stringify({ ConnectionId: 1, Name: 'panjf2000/ants' }))
    .map((r) => r.data);

beforeAll(async () => {
  createDemoWorkspace(tmp.file('demo.vsm')).close();
  demo = createCore({ workspacePath: tmp.file('demo.vsm') });
  const issues = tmp.file('board8.json');
  fs.writeFileSync(issues, JSON.stringify(jiraBoard8Issues()));
  jira = createCore({ workspacePath: tmp.file('jira.vsm') });
  await jira.importJiraFiles({ path: issues });
  const dir = tmp.file('ants');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'issues.json'), JSON.stringify(ghRaw('_raw_github_api_issues.csv')));
  fs.writeFileSync(path.join(dir, 'pulls.json'), JSON.stringify(ghRaw('_raw_github_api_pull_requests.csv')));
  fs.writeFileSync(path.join(dir, 'events.json'), JSON.stringify(ghRaw('_raw_github_api_events.csv')));
  gh = createCore({ workspacePath: tmp.file('gh.vsm') });
  await gh.importGithubFiles({ path: dir });
});
afterAll(() => {
  for (const c of [demo, jira, gh]) c?.close();
  tmp.cleanup();
});

describe('statusInventory', () => {
  it('lists every demo status with its items, now, hours held and binding', async () => {
    const inv = await demo.statusInventory({});
    const items = demoItems();
    expect(inv.asOf).toBe(new Date(DEMO_AS_OF).toISOString());
    // Items per status, counted here from the generator's own histories.
    const entered = new Map<string, Set<string>>();
    const hours = new Map<string, number>();
    const now = new Map<string, number>();
    for (const it of items) {
      let s = 'Idea';
      let since = it.createdAt;
      (entered.get(s) ?? entered.set(s, new Set()).get(s)!).add(it.key);
      for (const c of it.changes) {
        hours.set(s, (hours.get(s) ?? 0) + (c.at - since) / H);
        s = c.to;
        since = c.at;
        (entered.get(s) ?? entered.set(s, new Set()).get(s)!).add(it.key);
      }
      hours.set(s, (hours.get(s) ?? 0) + (DEMO_AS_OF - since) / H);
      now.set(s, (now.get(s) ?? 0) + 1);
    }
    expect(inv.statuses.map((s) => s.status).sort()).toEqual([...entered.keys()].sort());
    for (const s of inv.statuses) {
      expect(s.items, s.status).toBe(entered.get(s.status)!.size);
      expect(s.itemsNow, s.status).toBe(now.get(s.status) ?? 0);
      expect(s.hours, s.status).toBeCloseTo(hours.get(s.status)!, 6);
      expect(s.sources).toEqual(['demo']);
      expect(s.jiraCategory).toBeNull();
    }
    // Every item holds some status from creation to asOf: the hours add up to the items' ages.
    expect(inv.totalHours).toBeCloseTo(
      items.reduce((a, it) => a + (DEMO_AS_OF - it.createdAt) / H, 0),
      3,
    );
    // The typical order is the demo's workflow: each step's wait then active status, then Done. (Won't Do
    // meets only the statuses before it and is placed among them.)
    const map = demoMap();
    const flow = [...map.steps.flatMap((s) => [...s.waitStatuses, ...s.activeStatuses]), 'Done'];
    expect(inv.statuses.map((s) => s.status).filter((s) => s !== "Won't Do")).toEqual(flow);
    expect(inv.statuses.map((s) => s.order)).toEqual(inv.statuses.map((_, i) => i + 1));
    expect(inv.statuses.find((s) => s.status === 'Ready for QA')!.binding).toEqual({ role: 'wait', stepId: 'qa' });
    expect(inv.statuses.find((s) => s.status === 'Done')!.binding).toEqual({ role: 'done' });
    // The demo map leaves Won't Do unbound: its item-time is what the map does not measure.
    const wont = inv.statuses.find((s) => s.status === "Won't Do")!;
    expect(wont).toMatchObject({ items: 156, itemsNow: 156, binding: { role: 'unbound' } });
    expect(inv.unbound).toBe(1);
    expect(inv.unboundHours).toBe(wont.hours);
  });

  it('carries the Jira status category where imported, and the order of first occurrence on real Jira data', async () => {
    const inv = await jira.statusInventory({});
    const names = inv.statuses.map((s) => s.status);
    expect(names.sort()).toEqual(['Closed', 'In Development', 'In Progress', 'Inbox', 'Open', 'Ready for Dev', 'Resolved', 'To Do', '已完成']);
    const by = new Map(inv.statuses.map((s) => [s.status, s]));
    // All 30 issues are now in 已完成: 25 carry the category done, 5 (edited by DevLake's tests) new.
    expect(by.get('已完成')).toMatchObject({ items: 30, itemsNow: 30, jiraCategory: 'done', sources: ['jira'] });
    expect(by.get('Open')!.jiraCategory).toBeNull();
    // Every issue went To Do → Open → … → Closed → 已完成 (30 each): that is their order of first occurrence.
    const order = (s: string) => by.get(s)!.order;
    expect(order('To Do')).toBeLessThan(order('Open'));
    expect(order('Open')).toBeLessThan(order('Resolved'));
    expect(order('Resolved')).toBeLessThan(order('Closed'));
    expect(order('Closed')).toBeLessThan(order('已完成'));
    expect(inv.statuses.every((s) => s.binding.role === 'unbound')).toBe(true);
    expect(inv.mapId).toBeNull();
    expect(inv.unboundHours).toBeCloseTo(inv.totalHours, 6);
  });

  it('lists GitHub event states with their source', async () => {
    const inv = await gh.statusInventory({});
    const by = new Map(inv.statuses.map((s) => [s.status, s]));
    // 49 pull requests start in Coding; 26 merged, 19 closed unmerged, 4 open; 26 issues Open → Closed.
    expect(by.get('Coding')).toMatchObject({ items: 49, sources: ['github'] });
    expect(by.get('Merged')).toMatchObject({ items: 26, itemsNow: 26 });
    expect(by.get('Closed')).toMatchObject({ items: 45, itemsNow: 45 });
    expect(by.get('Open')).toMatchObject({ items: 26 });
    expect(by.get('Awaiting review')!.itemsNow).toBe(4);
  });
});

describe('suggestBinding', () => {
  it('completes the demo map: only Won\u2019t Do is unbound, and its name reads as abandoned', async () => {
    const s = await demo.suggestBinding({});
    expect(s.proposals).toEqual([{ status: "Won't Do", from: { role: 'unbound' }, to: { role: 'abandoned' }, reason: 'its name reads as abandoned work' }]);
    const map = (await demo.getMap({}))!;
    expect(s.basedOnRevision).toBe(map.revision);
    // Everything else is the map as it is, estimates and positions included.
    expect(s.map.steps).toEqual(map.steps);
    expect(s.map.abandonedStatuses).toEqual(["Won't Do"]);
  });

  it('proposes the demo workflow from scratch: each step a queue and its work, in flow order', async () => {
    const s = await demo.suggestBinding({ mode: 'fresh' });
    const demoSteps = demoMap().steps;
    expect(s.map.steps.map((x) => [x.waitStatuses, x.activeStatuses])).toEqual(demoSteps.map((x) => [x.waitStatuses, x.activeStatuses]));
    expect(s.map.steps.map((x) => x.name)).toEqual([
      'Triage',
      'Discovering',
      'Refining',
      'Development',
      'Review',
      'QA',
      'CAB Review',
      'Deploying',
      'Verifying',
    ]);
    expect(s.map.doneStatuses).toEqual(['Done']);
    expect(s.map.flows.map((f) => `${f.from}>${f.to}`)).toEqual(s.map.steps.slice(1).map((x, i) => `${s.map.steps[i]!.id}>${x.id}`));
  });

  it('proposes a whole map for real Jira data, and accepting it binds every status and measures the items', async () => {
    const s = await jira.suggestBinding({ name: 'Board 8' });
    expect(s.basedOnRevision).toBeNull();
    expect(() => MapDocSchema.parse(s.map)).not.toThrow();
    // Resolved and Closed by their names, 已完成 by its Jira category; Inbox is a backlog before commitment.
    expect(s.map.doneStatuses.sort()).toEqual(['Closed', 'Resolved', '已完成']);
    expect(s.map.ignoredStatuses).toEqual(['Inbox']);
    const reasons = new Map(s.proposals.map((p) => [p.status, p.reason]));
    expect(reasons.get('已完成')).toBe('Jira status category done');
    // In Development and In Progress never meet in one issue: two names for one stage, bound to one step.
    const dev = s.map.steps.find((x) => x.activeStatuses.includes('In Development'))!;
    expect(dev.activeStatuses).toContain('In Progress');
    expect(s.proposals).toHaveLength(9);

    const saved = await jira.saveMap({ map: s.map });
    const inv = await jira.statusInventory({ mapId: saved.id });
    expect(inv.unbound).toBe(0);
    expect(inv.unboundHours).toBe(0);
    const m = await jira.flowMetrics({ mapId: saved.id });
    // All 30 issues are done (in 已完成), every one measured from its first bound status.
    expect(m.items.done).toBe(30);
    expect(m.cycleTimeHours.p50).toBeGreaterThan(0);
  });

  it('binds GitHub event states with done for merged and closed pull requests', async () => {
    const s = await gh.suggestBinding({ mode: 'fresh', name: 'ants' });
    expect(s.map.doneStatuses.sort()).toEqual(['Closed', 'Merged']);
    const bound = s.map.steps.flatMap((x) => [...x.activeStatuses, ...x.waitStatuses]).sort();
    expect(bound).toEqual(['Awaiting review', 'Coding', 'Open']);
    expect(s.map.steps.find((x) => x.waitStatuses.includes('Awaiting review'))).toBeDefined();
  });

  it('a complete suggestion over a partly bound map anchors new statuses to its steps', async () => {
    const map = { ...demoMap(), name: 'Partial' };
    // Unbind the QA step's queue and the change board's work: the suggestion puts them back by name and place.
    map.steps = map.steps.map((x) => (x.id === 'qa' ? { ...x, waitStatuses: [] } : x.id === 'approval' ? { ...x, activeStatuses: [] } : x));
    const saved = await demo.saveMap({ map });
    const s = await demo.suggestBinding({ mapId: saved.id });
    const to = new Map(s.proposals.map((p) => [p.status, p.to]));
    expect(to.get('Ready for QA')).toEqual({ role: 'wait', stepId: 'qa' });
    expect(to.get('CAB Review')).toEqual({ role: 'active', stepId: 'approval' });
    expect(to.get("Won't Do")).toEqual({ role: 'abandoned' });
    await demo.deleteMap({ mapId: saved.id });
  });
});

describe('handoffs from GitHub assignment events', () => {
  // The fixture's 10 `assigned` events are on issues #212–#230, which its issue list (#5–#44) does not hold; the
  // events carry each issue as GitHub returned it, so those issues are imported from there.
  const events = ghRaw('_raw_github_api_events.csv');
  const assigned = events.filter((e) => e.event === 'assigned');

  it('turns each assigned or unassigned instant into one assignee change', () => {
    expect(assigned).toHaveLength(10);
    const b = emptyBundle('panjf2000/ants');
    const seen = new Set<number>();
    for (const e of assigned) {
      const issue = e.issue as Record<string, unknown>;
      if (!seen.has(issue.number as number)) b.issues.push(issue);
      seen.add(issue.number as number);
      b.events.set(issue.number as number, [...(b.events.get(issue.number as number) ?? []), e]);
    }
    const { items } = normalizeGithub(b);
    const withChanges = items.filter((i) => (i.assignees ?? []).length > 0);
    expect(withChanges).toHaveLength(10);
    const i226 = items.find((i) => i.key === 'panjf2000/ants#226')!;
    expect(i226.assignees).toEqual([{ at: Date.parse('2022-05-21T16:39:30Z'), assigneeId: 'panjf2000', assigneeName: 'panjf2000' }]);
    // A reassignment (unassigned A, assigned B at one instant) is one change, as in Jira; a lone unassigned is one.
    const t = '2026-01-05T10:00:00Z';
    expect(
      assigneeChanges(
        [
          { event: 'unassigned', created_at: t, assignee: { login: 'ann' } },
          { event: 'assigned', created_at: t, assignee: { login: 'bob' } },
          { event: 'labeled', created_at: t },
          { event: 'unassigned', created_at: '2026-01-06T10:00:00Z', assignee: { login: 'bob' } },
        ],
        1,
      ),
    ).toEqual([
      { at: Date.parse(t), assigneeId: 'bob', assigneeName: 'bob' },
      { at: Date.parse('2026-01-06T10:00:00Z'), assigneeId: null, assigneeName: null },
    ]);
  });

  it('counts them as handoffs in the step the item was in (an event at a status change counts in the step entered)', async () => {
    const dir = tmp.file('assigned');
    fs.mkdirSync(dir);
    const issues = [...new Map(assigned.map((e) => [(e.issue as { number: number }).number, e.issue])).values()];
    // Issue #226: assigned at 16:39:30 and closed later; a hand-made review handoff at the instant it reopens.
    const reopenAt = '2022-05-25T08:00:00Z';
    const extra = [
      { event: 'reopened', created_at: reopenAt, issue: { number: 226 } },
      { event: 'assigned', created_at: reopenAt, assignee: { login: 'reviewer' }, issue: { number: 226 } },
      { event: 'closed', created_at: '2022-05-26T08:00:00Z', issue: { number: 226 } },
    ];
    fs.writeFileSync(path.join(dir, 'issues.json'), JSON.stringify(issues));
    fs.writeFileSync(path.join(dir, 'events.json'), JSON.stringify([...assigned, ...extra]));
    const core = createCore({ workspacePath: tmp.file('assigned.vsm') });
    try {
      await core.importGithubFiles({ path: dir });
      const rows = core.db
        .prepare('SELECT w.key, a.at, a.assignee_id FROM assignee_changes a JOIN work_items w ON w.id = a.item_id ORDER BY w.key, a.at')
        .all() as Array<{ key: string; at: number; assignee_id: string }>;
      expect(rows).toHaveLength(11);
      const { id: mapId } = await core.saveMap({
        map: {
          format: 'vsm-map',
          version: 1,
          name: 'Issues',
          doneStatuses: ['Closed'],
          steps: [{ id: 'open', name: 'Open', activeStatuses: ['Open'] }],
          flows: [],
        },
      });
      const w = await core.wasteAnalysis({ mapId, asOf: '2022-07-01T00:00:00Z' });
      // Completed issues (closed before asOf) among the ten, each assignment made while Open.
      const closed = issues.filter((i) => (i as { state: string }).state === 'closed').map((i) => `panjf2000/ants#${(i as { number: number }).number}`);
      const open = w.steps[0]!;
      expect(open.entered).toBe(closed.length);
      // One assignment each, plus #226's at the instant it re-entered Open.
      expect(open.handoffs).toBe(closed.length + 1);
      expect(open.handoffsPerItem).toBeCloseTo((closed.length + 1) / closed.length, 12);
      const finding = w.findings.find((f) => f.waste === 'handoffs')!;
      expect(finding.items[0]).toBe('panjf2000/ants#226');
    } finally {
      core.close();
    }
  });
});
