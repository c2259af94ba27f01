// "Suggest binding": a whole map binding proposed from the workflow itself: status names, Jira status
// categories and the typical order items pass through. Browser-safe and pure.
//
// Each status is first read as done, abandoned, blocked, ignored (a backlog before commitment), wait (a queue:
// Ready for…, To…, Awaiting…, Jira category "new") or active (the rest). Then:
//  - mode 'complete' keeps every decision the map has made and binds only what it leaves unbound: a wait or
//    active status goes to the step its name names ("Testing" to step Test), else to the step its typical position falls in (a wait
//    in front of the next bound step, an active status behind the last one); what has no anchor gets new steps;
//  - mode 'fresh' builds the steps from scratch in typical order: a wait status opens a step, the next active
//    status joins it; statuses of one kind that never meet in one item are taken as two names for one stage.
import { z } from 'zod';
import type { MapDoc, MapStep } from '../domain/map.ts';
import { bindingsOf, StatusBindingSchema, type StatusBinding, type StatusInventoryEntry } from './status-inventory.ts';
import { ABANDONED_NAME } from './waste.ts';

export const SUGGEST_MODES = ['complete', 'fresh'] as const;

export const BindingProposalSchema = z.object({
  status: z.string(),
  from: StatusBindingSchema,
  to: StatusBindingSchema,
  reason: z.string(),
});
export type BindingProposal = z.infer<typeof BindingProposalSchema>;

const DONE_NAME = /^(done|closed|resolved|completed?|finished|merged|released|shipped|delivered|accepted|verified)$/i;
const BLOCKED_NAME = /block|on[\s-]?hold|imped|parked|paused|suspended/i;
const IGNORED_NAME = /^(backlog|icebox|ice box|funnel|inbox|parking lot|someday)$/i;
const WAIT_NAME =
  /^(ready|to\s|todo$|to do$|open$|reopened$|new$|awaiting|waiting|queued?|pending|selected|approved$|idea|proposed|requested|submitted)|\b(ready|queue|waiting|awaiting|pending)\b/i;

type Kind = 'done' | 'abandoned' | 'blocked' | 'ignored' | 'wait' | 'active';

export function readStatus(s: Pick<StatusInventoryEntry, 'status' | 'jiraCategory'>): { kind: Kind; reason: string } {
  const n = s.status.trim();
  if (ABANDONED_NAME.test(n)) return { kind: 'abandoned', reason: 'its name reads as abandoned work' };
  if (DONE_NAME.test(n)) return { kind: 'done', reason: 'its name reads as done' };
  if (s.jiraCategory === 'done') return { kind: 'done', reason: 'Jira status category done' };
  if (BLOCKED_NAME.test(n)) return { kind: 'blocked', reason: 'its name reads as blocked' };
  if (IGNORED_NAME.test(n)) return { kind: 'ignored', reason: 'a backlog before commitment: left unmeasured' };
  if (WAIT_NAME.test(n)) return { kind: 'wait', reason: 'its name reads as a queue' };
  if (s.jiraCategory === 'new') return { kind: 'wait', reason: 'Jira status category to do' };
  return { kind: 'active', reason: s.jiraCategory === 'indeterminate' ? 'Jira status category in progress' : 'its name reads as work' };
}

/** "In Development" → "Development", "Ready for QA" → "QA": the stage a status names. */
export function stageName(status: string): string {
  const stem = status
    .trim()
    .replace(/^(in|doing|under)\s+/i, '')
    .replace(/^(ready\s+(for|to)|to|awaiting|waiting\s+for|pending)\s+/i, '')
    .trim();
  const name = stem === '' ? status.trim() : stem;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

type SuggestMap = Pick<MapDoc, 'name' | 'steps' | 'flows' | 'doneStatuses'> & Partial<MapDoc>;

export interface SuggestInput {
  statuses: StatusInventoryEntry[];
  /** Items that were in both statuses (0: alternatives). */
  together(a: string, b: string): number;
  map: SuggestMap | null;
  mode: (typeof SUGGEST_MODES)[number];
  /** Name for a map proposed where there is none. */
  mapName?: string;
}

interface Draft {
  id: string;
  name: string;
  active: string[];
  wait: string[];
  kept: MapStep | null;
}

export function suggestBinding(input: SuggestInput): { map: MapDoc; proposals: BindingProposal[] } {
  const { statuses, together } = input;
  const base = input.map;
  const fresh = input.mode === 'fresh' || base === null;
  const current = bindingsOf(base);
  const decided = fresh ? new Map<string, StatusBinding>() : current;
  const reasons = new Map<string, string>();
  const done: string[] = fresh ? [] : [...(base?.doneStatuses ?? [])];
  const blocked: string[] = fresh ? [] : [...(base?.blockedStatuses ?? [])];
  const abandoned: string[] = fresh ? [] : [...(base?.abandonedStatuses ?? [])];
  const ignored: string[] = fresh ? [] : [...(base?.ignoredStatuses ?? [])];
  const drafts: Draft[] = fresh ? [] : base!.steps.map((s) => ({ id: s.id, name: s.name, active: [...s.activeStatuses], wait: [...s.waitStatuses], kept: s }));
  const usedIds = new Set(drafts.map((d) => d.id));
  const pos = new Map(statuses.map((s) => [s.status, s.order]));

  const open = statuses.filter((s) => !decided.has(s.status));
  const flowing: Array<{ s: StatusInventoryEntry; kind: 'wait' | 'active'; reason: string }> = [];
  for (const s of open) {
    const r = readStatus(s);
    if (r.kind === 'wait' || r.kind === 'active') flowing.push({ s, kind: r.kind, reason: r.reason });
    else {
      ({ done, abandoned, blocked, ignored })[r.kind].push(s.status);
      reasons.set(s.status, r.reason);
    }
  }

  // Complete: bind into the map's steps by name, then by where the status typically falls.
  const anchored: typeof flowing = [];
  const leftover: typeof flowing = [];
  if (!fresh) {
    const stepPos = drafts.map((d) => {
      const ps = [...d.active, ...d.wait].map((x) => pos.get(x)).filter((p): p is number => p !== undefined);
      return ps.length > 0 ? { lo: Math.min(...ps), hi: Math.max(...ps) } : null;
    });
    for (const f of flowing) {
      const stem = norm(stageName(f.s.status));
      const byName =
        stem.length >= 3
          ? drafts.find((d) => [norm(d.name), norm(d.id)].some((n) => n.length >= 3 && (n === stem || n.startsWith(stem) || stem.startsWith(n))))
          : undefined;
      let target = byName;
      let why = byName ? `its name matches step ${byName.name}` : '';
      if (!target) {
        const p = f.s.order;
        const inside = drafts.findIndex((_, i) => stepPos[i] !== null && stepPos[i]!.lo <= p && p <= stepPos[i]!.hi);
        const next = drafts.findIndex((_, i) => stepPos[i] !== null && stepPos[i]!.lo >= p);
        let prev = -1;
        drafts.forEach((_, i) => stepPos[i] !== null && stepPos[i]!.hi <= p && (prev = i));
        const i = inside >= 0 ? inside : f.kind === 'wait' ? (next >= 0 ? next : prev) : prev >= 0 ? prev : next;
        if (i >= 0) {
          target = drafts[i];
          why =
            inside >= 0
              ? `items typically pass it within step ${target!.name}`
              : f.kind === 'wait'
                ? `items typically wait in it before step ${target!.name}`
                : `items typically work in it after step ${target!.name}`;
        }
      }
      if (target) {
        (f.kind === 'active' ? target.active : target.wait).push(f.s.status);
        reasons.set(f.s.status, `${f.reason}; ${why}`);
        anchored.push(f);
      } else leftover.push(f);
    }
  }

  // Fresh steps (all of them, or for what had no anchor) in typical order.
  const toBuild = fresh ? flowing : leftover;
  toBuild.sort((a, b) => a.s.order - b.s.order);
  const built: Draft[] = [];
  const alternatives = (xs: string[], s: string) => xs.every((x) => together(x, s) === 0);
  for (const f of toBuild) {
    const cur = built.at(-1);
    if (f.kind === 'wait') {
      if (cur && cur.active.length === 0) cur.wait.push(f.s.status);
      else built.push({ id: '', name: '', active: [], wait: [f.s.status], kept: null });
    } else if (cur && (cur.active.length === 0 || alternatives(cur.active, f.s.status))) cur.active.push(f.s.status);
    else built.push({ id: '', name: '', active: [f.s.status], wait: [], kept: null });
    reasons.set(f.s.status, `${f.reason}; a new step in the workflow's typical order`);
  }
  for (const d of built) {
    d.name = stageName(d.active[0] ?? d.wait[0]!);
    let id =
      d.name
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'step';
    const stem = id;
    for (let k = 2; usedIds.has(id); k++) id = `${stem}-${k}`;
    usedIds.add(id);
    d.id = id;
  }

  const steps: MapStep[] = [...drafts, ...built].map((d) =>
    d.kept
      ? { ...d.kept, activeStatuses: d.active, waitStatuses: d.wait }
      : { id: d.id, name: d.name, activeStatuses: d.active, waitStatuses: d.wait, kind: 'process' },
  );
  const forward = (base && !fresh ? base.flows : []).slice();
  // New steps follow the map's last step in flow order (or one another).
  const chain = [...(fresh ? [] : drafts.length > 0 ? [drafts.at(-1)!.id] : []), ...built.map((d) => d.id)];
  for (let i = 1; i < chain.length; i++) forward.push({ from: chain[i - 1]!, to: chain[i]!, kind: 'push' });

  const { id: _id, updatedAt: _u, revision: _r, ...rest } = (base ?? {}) as SuggestMap & { id?: number; updatedAt?: number; revision?: number };
  const map = {
    ...rest,
    format: 'vsm-map' as const,
    version: 1 as const,
    name: base?.name ?? input.mapName ?? 'Value stream',
    doneStatuses: done,
    steps,
    flows: forward,
    ...(blocked.length > 0 ? { blockedStatuses: blocked } : { blockedStatuses: undefined }),
    ...(abandoned.length > 0 ? { abandonedStatuses: abandoned } : { abandonedStatuses: undefined }),
    ...(ignored.length > 0 ? { ignoredStatuses: ignored } : { ignoredStatuses: undefined }),
  } as MapDoc;
  for (const k of ['blockedStatuses', 'abandonedStatuses', 'ignoredStatuses'] as const) if (map[k] === undefined) delete map[k];

  const proposed = bindingsOf(map);
  const proposals: BindingProposal[] = [];
  for (const s of statuses) {
    const from = current.get(s.status) ?? { role: 'unbound' as const };
    const to = proposed.get(s.status) ?? { role: 'unbound' as const };
    if (from.role === to.role && from.stepId === to.stepId) continue;
    proposals.push({ status: s.status, from, to, reason: reasons.get(s.status) ?? 'kept' });
  }
  return { map, proposals };
}
