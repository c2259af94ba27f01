// The demo: a fictional team's idea-to-production value stream and a year of Jira-style history bound
// to it. Deterministic (seeded), so every machine shows the same figures. Browser-safe (pure data).
import { randomExponential, randomLcg, randomLogNormal, randomUniform } from 'd3';
import { HOUR_MS, type StatusChange } from '../domain/items.ts';
import type { MapDoc } from '../domain/map.ts';

export const DEMO_SEED = 0.4242;
/** History runs one year up to this instant; the demo's figures are stated as of it. */
export const DEMO_AS_OF = Date.UTC(2026, 10, 1);
const DEMO_FROM = Date.UTC(2025, 10, 1);

interface DemoStep {
  id: string;
  name: string;
  wait: string;
  active: string;
  owner: string;
  people: number;
  kind?: 'approval' | 'automated' | 'manual';
  /** Mean hours waiting in front of the step and median hours of hands-on work (the generator's truth). */
  meanWaitH: number;
  medianActiveH: number;
  /** The workshop's sticky-note estimates, deliberately a little off from the data. */
  estimate: { processTimeHours: number; leadTimeHours: number; percentCompleteAccurate: number };
}

const STEPS: DemoStep[] = [
  {
    id: 'intake',
    name: 'Intake',
    wait: 'Idea',
    active: 'Triage',
    owner: 'Product',
    people: 1,
    meanWaitH: 60,
    medianActiveH: 1,
    estimate: { processTimeHours: 1, leadTimeHours: 48, percentCompleteAccurate: 0.9 },
  },
  {
    id: 'discovery',
    name: 'Discovery',
    wait: 'To Discover',
    active: 'Discovering',
    owner: 'Product + UX',
    people: 2,
    meanWaitH: 90,
    medianActiveH: 10,
    estimate: { processTimeHours: 8, leadTimeHours: 80, percentCompleteAccurate: 0.7 },
  },
  {
    id: 'refinement',
    name: 'Refinement',
    wait: 'To Refine',
    active: 'Refining',
    owner: 'Team',
    people: 6,
    meanWaitH: 70,
    medianActiveH: 2,
    estimate: { processTimeHours: 2, leadTimeHours: 72, percentCompleteAccurate: 0.8 },
  },
  {
    id: 'develop',
    name: 'Development',
    wait: 'Ready for Dev',
    active: 'In Development',
    owner: 'Developers',
    people: 5,
    meanWaitH: 80,
    medianActiveH: 20,
    estimate: { processTimeHours: 16, leadTimeHours: 60, percentCompleteAccurate: 0.85 },
  },
  {
    id: 'review',
    name: 'Code review',
    wait: 'Ready for Review',
    active: 'In Review',
    owner: 'Developers',
    people: 5,
    meanWaitH: 26,
    medianActiveH: 1.5,
    estimate: { processTimeHours: 1, leadTimeHours: 16, percentCompleteAccurate: 0.9 },
  },
  {
    id: 'qa',
    name: 'Manual QA',
    wait: 'Ready for QA',
    active: 'In QA',
    owner: 'QA',
    people: 1,
    kind: 'manual',
    meanWaitH: 165,
    medianActiveH: 4.5,
    estimate: { processTimeHours: 3, leadTimeHours: 72, percentCompleteAccurate: 0.75 },
  },
  {
    id: 'approval',
    name: 'Change approval',
    wait: 'Awaiting CAB',
    active: 'CAB Review',
    owner: 'Change board',
    people: 4,
    kind: 'approval',
    meanWaitH: 95,
    medianActiveH: 0.5,
    estimate: { processTimeHours: 0.5, leadTimeHours: 96, percentCompleteAccurate: 0.95 },
  },
  {
    id: 'deploy',
    name: 'Deployment',
    wait: 'Ready to Deploy',
    active: 'Deploying',
    owner: 'Ops',
    people: 2,
    meanWaitH: 55,
    medianActiveH: 1,
    estimate: { processTimeHours: 2, leadTimeHours: 48, percentCompleteAccurate: 0.9 },
  },
  {
    id: 'verify',
    name: 'Verify in production',
    wait: 'Awaiting Verification',
    active: 'Verifying',
    owner: 'Product',
    people: 1,
    meanWaitH: 20,
    medianActiveH: 0.5,
    estimate: { processTimeHours: 0.5, leadTimeHours: 24, percentCompleteAccurate: 0.95 },
  },
];

export function demoMap(): MapDoc {
  return {
    format: 'vsm-map',
    version: 1,
    name: 'Idea to production',
    description: 'Northwind Payments, team Falcon: from a customer idea to a verified change in production.',
    owner: 'Falcon team lead',
    doneStatuses: ['Done'],
    steps: STEPS.map((s, i) => ({
      id: s.id,
      name: s.name,
      activeStatuses: [s.active],
      waitStatuses: [s.wait],
      estimate: s.estimate,
      people: s.people,
      owner: s.owner,
      kind: s.kind ?? 'process',
      position: { x: i * 240, y: 0 },
      ...(s.id === 'qa'
        ? { kaizen: [{ text: 'Automate the regression suite', owner: 'QA + Developers', waste: 'manual' as const, votes: 5, status: 'doing' as const }] }
        : {}),
      ...(s.id === 'approval'
        ? { kaizen: [{ text: 'Pre-approve standard changes', owner: 'Change board', waste: 'approval' as const, votes: 3, status: 'open' as const }] }
        : {}),
    })),
    flows: [
      ...STEPS.slice(1).map((s, i) => ({ from: STEPS[i]!.id, to: s.id, kind: 'push' as const })),
      { from: 'qa', to: 'develop', kind: 'rework' as const, rate: 0.18 },
    ],
  };
}

export interface DemoItem {
  externalId: string;
  key: string;
  type: string;
  title: string;
  createdAt: number;
  labels: string[];
  changes: StatusChange[];
  /** Who the item was assigned to, and when (Jira's assignee history): the handoffs of the waste analysis. */
  assignees: Array<{ at: number; name: string }>;
}

const PEOPLE = {
  product: ['Priya', 'Tom'],
  dev: ['Ana', 'Ben', 'Chen', 'Dara', 'Eli'],
  qa: ['Quinn'],
  ops: ['Omar', 'Olga'],
};

const SUBJECTS = [
  'checkout',
  'refunds',
  'invoices',
  'card vault',
  'payouts',
  'fraud rules',
  'statements',
  'onboarding',
  'webhooks',
  'reporting',
  'currency rates',
  'disputes',
];
const VERBS = ['Add', 'Speed up', 'Fix', 'Redesign', 'Audit', 'Localise', 'Simplify', 'Log', 'Retry', 'Export'];

export function demoItems(): DemoItem[] {
  const source = randomLcg(DEMO_SEED);
  const uniform = randomUniform.source(source)(0, 1);
  const exp = (meanH: number) => randomExponential.source(source)(1 / meanH)();
  const logn = (medianH: number) => randomLogNormal.source(source)(Math.log(medianH), 0.6)();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(uniform() * xs.length)]!;

  const items: DemoItem[] = [];
  let t = DEMO_FROM;
  let n = 0;
  while (t < DEMO_AS_OF) {
    // About 11 new items per working day; weekends are quiet.
    t += exp(24 / 11) * HOUR_MS * (new Date(t).getUTCDay() % 6 === 0 ? 3 : 1);
    if (t >= DEMO_AS_OF) break;
    n++;
    const r = uniform();
    const type = r < 0.6 ? 'Story' : r < 0.85 ? 'Bug' : 'Task';
    const changes: StatusChange[] = [];
    const assignees: DemoItem['assignees'] = [];
    let at = t;
    let status = STEPS[0]!.wait;
    const move = (to: string, afterH: number) => {
      at += afterH * HOUR_MS;
      changes.push({ at: Math.round(at), from: status, to });
      status = to;
    };
    /** An assignee change at the current instant (the same instant as the last move: it counts in the step entered). */
    const assign = (names: readonly string[], laterH = 0) => assignees.push({ at: Math.round(at + laterH * HOUR_MS), name: pick(names) });
    let developer = '';
    // A few items started three to five months before the end stall at the change board: aging, partially done work.
    const age = DEMO_AS_OF - t;
    const stalls = age > 90 * 24 * HOUR_MS && age < 150 * 24 * HOUR_MS && uniform() < 0.03;
    // `busyH` is how long the item stays in its current status before the next move.
    let busyH = 0;
    for (let i = 0; i < STEPS.length; i++) {
      const step = STEPS[i]!;
      // Bugs and tasks skip discovery: they go straight from triage to refinement.
      if (step.id === 'discovery' && type !== 'Story') continue;
      if (i > 0) move(step.wait, busyH);
      if (stalls && step.id === 'approval') break;
      // Developers are picked in refinement for most items, at the start of development for the rest.
      if (step.id === 'develop' && developer === '') {
        assign(PEOPLE.dev);
        developer = assignees[assignees.length - 1]!.name;
      }
      move(step.active, exp(step.meanWaitH));
      busyH = logn(step.medianActiveH);
      if ((step.id === 'intake' && uniform() < 0.7) || (step.id === 'discovery' && uniform() < 0.5)) assign(PEOPLE.product);
      if (step.id === 'refinement' && uniform() < 0.6) {
        assign(PEOPLE.dev);
        developer = assignees[assignees.length - 1]!.name;
      }
      // Code review changes hands: to a reviewer, and often back to the developer and to a second reviewer.
      if (step.id === 'review') {
        assign(PEOPLE.dev);
        if (uniform() < 0.5) assign([developer], busyH / 3);
        if (uniform() < 0.3) assign(PEOPLE.dev, busyH / 2);
      }
      if (step.id === 'qa' && uniform() < 0.85) assign(PEOPLE.qa);
      if (step.id === 'deploy' && uniform() < 0.6) assign(PEOPLE.ops);
      if (step.id === 'refinement' && uniform() < 0.05) {
        move("Won't Do", busyH);
        break;
      }
      // QA sends about one item in five back to development.
      if (step.id === 'qa' && uniform() < 0.18) {
        move('Ready for Dev', busyH);
        assign([developer]);
        move('In Development', exp(STEPS[3]!.meanWaitH / 2));
        move('Ready for Review', logn(STEPS[3]!.medianActiveH / 3));
        move('In Review', exp(STEPS[4]!.meanWaitH));
        move('Ready for QA', logn(STEPS[4]!.medianActiveH));
        move('In QA', exp(step.meanWaitH / 2));
        busyH = logn(step.medianActiveH);
      }
      if (i === STEPS.length - 1) {
        move('Done', busyH);
        // About one item in twenty-five comes back after release: reopened into development, fixed, shipped again.
        if (uniform() < 0.04) {
          move('In Development', exp(72));
          assign([developer]);
          move('Ready for Review', logn(STEPS[3]!.medianActiveH / 2));
          move('In Review', exp(STEPS[4]!.meanWaitH));
          assign(PEOPLE.dev);
          move('Ready to Deploy', logn(STEPS[4]!.medianActiveH));
          move('Deploying', exp(STEPS[7]!.meanWaitH));
          move('Done', logn(STEPS[7]!.medianActiveH));
        }
      }
    }
    items.push({
      externalId: String(10000 + n),
      key: `FAL-${n}`,
      type,
      title: `${pick(VERBS)} ${pick(SUBJECTS)}${type === 'Bug' ? ' error' : ''}`,
      createdAt: Math.round(t),
      labels: [pick(['payments', 'platform', 'compliance', 'growth'])],
      changes: changes.filter((c) => c.at <= DEMO_AS_OF),
      assignees: assignees.filter((a) => a.at <= DEMO_AS_OF),
    });
  }
  return items;
}
