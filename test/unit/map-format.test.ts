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
    { id: 'review', name: 'Code review', activeStatuses: ['In Review'], waitStatuses: ['Ready for Review'], estimate: { processTimeHours: 2, leadTimeHours: 30, percentCompleteAccurate: 0.8 }, people: 2, owner: 'Team A' },
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
    expect(errorsOf(doc)).toBe('steps[1].waitStatuses[1]: status "In Progress" is bound twice: in steps[0] "develop" activeStatuses and in steps[1] "review" waitStatuses');
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
    expect(errorsOf({ ...ISSUE_EXAMPLE, blockedStatuses: ['In Review'] })).toContain('blockedStatuses[0]: status "In Review" is both a blocked status and bound in steps[1] "review" activeStatuses');
    expect(errorsOf({ ...ISSUE_EXAMPLE, calendar: { timeZone: 'Mars/Olympus' } })).toContain('calendar.timeZone: unknown time zone "Mars/Olympus"');
    expect(errorsOf({ ...ISSUE_EXAMPLE, blockedStatuses: ['Blocked'], calendar: { timeZone: 'Asia/Kolkata', holidays: ['2026-01-26'] } })).toBe('');
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
    fs.writeFileSync(file, JSON.stringify({ ...ISSUE_EXAMPLE, blockedStatuses: ['Blocked'], steps: ISSUE_EXAMPLE.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 }, kaizen: [{ text: 'idea' }] })) }));
    const imp = await run(['map', 'import', file, '--workspace', ws, '--create']);
    expect(imp).toMatchObject({ code: 0, out: 'imported map "Delivery" (2 steps, id 1)\n' });
    const list = await run(['map', 'list', '--workspace', ws, '--json']);
    expect(JSON.parse(list.out)).toMatchObject([{ name: 'Delivery', steps: 2 }]);
    const exp = await run(['map', 'export', 'Delivery', '--workspace', ws]);
    expect(exp.code).toBe(0);
    expect(JSON.parse(exp.out)).toEqual(MapDocSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
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
