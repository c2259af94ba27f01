// vsm-map version 1: validation with precise errors, and `vsm map import / export / list` round trip.
import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import { formatIssues, MapDocSchema } from '../../shared/domain/map.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const ISSUE_EXAMPLE = {
  format: 'vsm-map',
  version: 1,
  name: 'Delivery',
  doneStatuses: ['Done'],
  steps: [
    { id: 'develop', name: 'Development', activeStatuses: ['In Progress'], waitStatuses: ['Ready for Dev'] },
    {
      id: 'review',
      name: 'Code review',
      activeStatuses: ['In Review'],
      waitStatuses: ['Ready for Review'],
      estimate: { processTimeHours: 2, leadTimeHours: 30, percentCompleteAccurate: 0.8 },
      people: 2,
      owner: 'Team A',
    },
  ],
  flows: [{ from: 'develop', to: 'review', kind: 'push' }],
};

function errorsOf(doc: unknown): string {
  const r = MapDocSchema.safeParse(doc);
  return r.success ? '' : formatIssues(r.error);
}

describe('vsm-map validation', () => {
  it("accepts the issue's example", () => {
    expect(errorsOf(ISSUE_EXAMPLE)).toBe('');
  });
  it('names a status bound in two steps', () => {
    const doc = structuredClone(ISSUE_EXAMPLE);
    doc.steps[1]!.waitStatuses.push('In Progress');
    expect(errorsOf(doc)).toBe(
      'steps[1].waitStatuses[1]: status "In Progress" is bound twice: in steps[0] "develop" activeStatuses and in steps[1] "review" waitStatuses',
    );
  });
  it('names a duplicate step id', () => {
    const doc = structuredClone(ISSUE_EXAMPLE);
    doc.steps[1]!.id = 'develop';
    expect(errorsOf(doc)).toContain('steps[1].id: duplicate step id "develop" (already used by steps[0])');
  });
  it('names a flow to a missing step', () => {
    const doc = structuredClone(ISSUE_EXAMPLE);
    doc.flows.push({ from: 'review', to: 'deploy', kind: 'push' });
    expect(errorsOf(doc)).toBe('flows[1].to: flow to "deploy" is not a step of this map');
  });
  it('checks blocked statuses and the calendar', () => {
    expect(errorsOf({ ...ISSUE_EXAMPLE, blockedStatuses: ['In Review'] })).toContain(
      'blockedStatuses[0]: status "In Review" is both a blocked status and bound in steps[1] "review" activeStatuses',
    );
    expect(errorsOf({ ...ISSUE_EXAMPLE, calendar: { timeZone: 'Mars/Olympus' } })).toContain('calendar.timeZone: unknown time zone "Mars/Olympus"');
    expect(errorsOf({ ...ISSUE_EXAMPLE, blockedStatuses: ['Blocked'], calendar: { timeZone: 'Asia/Kolkata', holidays: ['2026-01-26'] } })).toBe('');
  });
  it('accepts the lean fields: step kinds manual and handoff, kaizen waste/votes/due/status, abandoned statuses, waste thresholds', () => {
    const doc = structuredClone(ISSUE_EXAMPLE) as Record<string, unknown> & typeof ISSUE_EXAMPLE;
    Object.assign(doc.steps[0]!, {
      kind: 'manual',
      kaizen: [{ text: 'Automate the deploy', owner: 'Ops', waste: 'manual', votes: 4, due: '2026-12-15', status: 'doing' }],
    });
    Object.assign(doc.steps[1]!, { kind: 'handoff' });
    const full = { ...doc, abandonedStatuses: ["Won't Do", 'Cancelled'], wasteThresholds: { waiting: 0.3, 'partially-done': 3, handoffs: 1.5 } };
    expect(errorsOf(full)).toBe('');
    const parsed = MapDocSchema.parse(full);
    expect(parsed.steps[0]!.kaizen![0]).toEqual({ text: 'Automate the deploy', owner: 'Ops', waste: 'manual', votes: 4, due: '2026-12-15', status: 'doing' });
    expect(parsed.abandonedStatuses).toEqual(["Won't Do", 'Cancelled']);
    expect(parsed.wasteThresholds).toEqual({ waiting: 0.3, 'partially-done': 3, handoffs: 1.5 });
  });
  it('names what is wrong in the lean fields', () => {
    const withKaizen = (k: object) => ({ ...ISSUE_EXAMPLE, steps: [{ ...ISSUE_EXAMPLE.steps[0], kaizen: [{ text: 'x', ...k }] }, ISSUE_EXAMPLE.steps[1]] });
    expect(errorsOf(withKaizen({ waste: 'laziness' }))).toContain('steps[0].kaizen[0].waste');
    expect(errorsOf(withKaizen({ votes: -1 }))).toContain('steps[0].kaizen[0].votes');
    expect(errorsOf(withKaizen({ votes: 1.5 }))).toContain('steps[0].kaizen[0].votes');
    expect(errorsOf(withKaizen({ due: '15/12/2026' }))).toBe('steps[0].kaizen[0].due: a date such as 2026-12-15');
    expect(errorsOf(withKaizen({ status: 'stalled' }))).toContain('steps[0].kaizen[0].status');
    expect(errorsOf({ ...ISSUE_EXAMPLE, steps: [{ ...ISSUE_EXAMPLE.steps[0], kind: 'robot' }, ISSUE_EXAMPLE.steps[1]] })).toContain('steps[0].kind');
    expect(errorsOf({ ...ISSUE_EXAMPLE, abandonedStatuses: ['In Review'] })).toBe(
      'abandonedStatuses[0]: status "In Review" is both an abandoned status and bound in steps[1] "review" activeStatuses',
    );
    expect(errorsOf({ ...ISSUE_EXAMPLE, abandonedStatuses: ['Done'] })).toBe(
      'abandonedStatuses[0]: status "Done" is both an abandoned status and a done status',
    );
    expect(errorsOf({ ...ISSUE_EXAMPLE, blockedStatuses: ['Parked'], abandonedStatuses: ['Parked'] })).toBe(
      'abandonedStatuses[0]: status "Parked" is both an abandoned status and a blocked status',
    );
    expect(errorsOf({ ...ISSUE_EXAMPLE, wasteThresholds: { waiting: 2 } })).toContain('wasteThresholds.waiting');
    expect(errorsOf({ ...ISSUE_EXAMPLE, wasteThresholds: { boredom: 1 } })).toContain('wasteThresholds');
    expect(
      errorsOf({ ...ISSUE_EXAMPLE, steps: [ISSUE_EXAMPLE.steps[0], { ...ISSUE_EXAMPLE.steps[1], estimate: { processTimeHours: 40, leadTimeHours: 30 } }] }),
    ).toBe('steps[1].estimate.processTimeHours: process time 40 h is longer than the lead time 30 h of step "review" (lead time includes process time)');
  });
});

describe('vsm map import / export / list', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      const code = await main(args);
      return { code, out, err };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('round-trips a map through a workspace', async () => {
    const ws = tmp.file('maps.vsm');
    const file = tmp.file('delivery.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...ISSUE_EXAMPLE,
        blockedStatuses: ['Blocked'],
        steps: ISSUE_EXAMPLE.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 }, kaizen: [{ text: 'idea' }] })),
      }),
    );
    const imp = await run(['map', 'import', file, '--workspace', ws, '--create']);
    expect(imp).toMatchObject({ code: 0, out: 'imported map "Delivery" (2 steps, id 1, revision 1)\n' });
    const list = await run(['map', 'list', '--workspace', ws, '--json']);
    expect(JSON.parse(list.out)).toMatchObject([{ name: 'Delivery', steps: 2 }]);
    const exp = await run(['map', 'export', 'Delivery', '--workspace', ws]);
    expect(exp.code).toBe(0);
    expect(JSON.parse(exp.out)).toEqual(MapDocSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
  });

  it('creates the workspace when it does not exist, and round-trips the lean fields', async () => {
    const ws = tmp.file('fresh.vsm');
    expect(fs.existsSync(ws)).toBe(false);
    const file = tmp.file('lean.json');
    const doc = {
      ...ISSUE_EXAMPLE,
      steps: [
        {
          ...ISSUE_EXAMPLE.steps[0],
          kind: 'manual',
          kaizen: [{ text: 'Automate', waste: 'manual', votes: 3, due: '2027-01-31', status: 'open', owner: 'Ops' }],
        },
        { ...ISSUE_EXAMPLE.steps[1], kind: 'handoff' },
      ],
      abandonedStatuses: ["Won't Do"],
      wasteThresholds: { defects: 0.2 },
    };
    fs.writeFileSync(file, JSON.stringify(doc));
    const imp = await run(['map', 'import', file, '--workspace', ws]);
    expect(imp).toMatchObject({ code: 0, out: 'imported map "Delivery" (2 steps, id 1, revision 1)\n' });
    const exp = await run(['map', 'export', 'Delivery', '--workspace', ws]);
    expect(JSON.parse(exp.out)).toEqual(MapDocSchema.parse(doc));
    fs.writeFileSync(file, JSON.stringify({ ...doc, abandonedStatuses: ['Done'] }));
    const r = await run(['map', 'import', file, '--workspace', ws]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('abandonedStatuses[0]: status "Done" is both an abandoned status and a done status');
  });

  it('creates no workspace for a map it refuses', async () => {
    const ws = tmp.file('never.vsm');
    const file = tmp.file('refused.json');
    fs.writeFileSync(file, JSON.stringify({ ...ISSUE_EXAMPLE, doneStatuses: [] }));
    const r = await run(['map', 'import', file, '--workspace', ws]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('doneStatuses: a map needs at least one done status');
    expect(fs.existsSync(ws)).toBe(false);
    fs.writeFileSync(file, JSON.stringify(ISSUE_EXAMPLE));
    expect(await run(['map', 'import', file, '--workspace', ws])).toMatchObject({ code: 0, out: 'imported map "Delivery" (2 steps, id 1, revision 1)\n' });
    expect(fs.existsSync(ws)).toBe(true);
  });

  it('refuses an invalid map with the precise error and a non-zero exit', async () => {
    const ws = tmp.file('bad.vsm');
    const file = tmp.file('bad.json');
    const doc = structuredClone(ISSUE_EXAMPLE);
    doc.flows.push({ from: 'ghost', to: 'review', kind: 'push' });
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await run(['map', 'import', file, '--workspace', ws, '--create']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('flows[1].from: flow from "ghost" is not a step of this map');
    const missing = await run(['map', 'export', 'Nope', '--workspace', tmp.file('maps.vsm')]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('no map named "Nope"');
  });
});
