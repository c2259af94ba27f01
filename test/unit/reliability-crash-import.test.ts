// Kills a process in the middle of a large Jira import, 50 times at seeded random moments (before the
// import writes, while it writes, around and after its commit): every time the workspace must open, pass
// integrity_check and hold either exactly what it held before the import or exactly what a completed import
// leaves, never a part of the import.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomLcg } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIssue, generateJiraExport } from '../../bench/generate-jira.ts';
import { demoMap } from '../../shared/demo/demo-data.ts';
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { saveMap } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { contentDigest, tableCounts } from './helpers/workspace-content.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const KILLS = 50;
/** Issues in the killed import (about ten status changes each); FLOW-1..FLOW-400 are also in the prior import. */
const IMPORT_ISSUES = 2000;
const PRIOR_ISSUES = 400;
const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = tempDir('flowmap-crash-import-');
afterAll(() => tmp.cleanup());

type Phase = 'started' | 'ready' | 'writing' | 'committed';
interface Run {
  /** The last thing the child reported before the kill was sent. */
  phase: Phase;
  /** Milliseconds from "ready" to "committed" (runs that reached it). */
  commitMs: number | null;
}

/** When to kill: `ms` after the child reports "ready", or `ms` after it reports "committed". */
type KillAt = { after: 'ready' | 'committed'; ms: number };

/** Starts the child on `file` and kills it at `at`. */
function runChild(file: string, input: string, at: KillAt): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/crash/import-child.ts'), file, input], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    let phase: Phase = 'started';
    let killedIn: Phase | null = null;
    let readyAt = 0;
    let commitMs: number | null = null;
    const kill = () => {
      if (killedIn !== null) return;
      killedIn = phase;
      child.kill('SIGKILL');
    };
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') {
          phase = 'ready';
          readyAt = performance.now();
          if (at.after === 'ready') setTimeout(kill, at.ms);
        } else if (line.startsWith('progress ')) {
          if (phase === 'ready') phase = 'writing';
        } else if (line === 'committed') {
          phase = 'committed';
          commitMs = performance.now() - readyAt;
          if (at.after === 'committed') setTimeout(kill, at.ms);
        }
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve({ phase: killedIn ?? phase, commitMs }) : reject(new Error(`child ended without being killed: ${err}`)),
    );
  });
}

/** A deterministic Jira search response of `count` issues, FLOW-1..FLOW-count, from its own seed. */
function writeJiraPage(file: string, count: number, seed: number): void {
  const random = randomLcg(seed);
  const issues = Array.from({ length: count }, (_, i) => generateIssue(i, random).issue);
  fs.writeFileSync(file, JSON.stringify({ startAt: 0, maxResults: count, total: count, issues }));
}

/** Two children at a time, one per core, each on its own copy of the workspace. */
const WORKERS = 2;
const pristine = tmp.file('pristine.vsm');
const works = Array.from({ length: WORKERS }, (_, w) => tmp.file(`work-${w}.vsm`));
const input = tmp.file('jira-export.json');
let before: { digest: string; counts: Record<string, number> };
let after: { digest: string; counts: Record<string, number> };
let commitMs = 0;

/** The workspace as it was before the import: the pristine copy, with no WAL and no backups. */
function reset(work: string): void {
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.rmSync(`${work}.backups`, { recursive: true, force: true });
  fs.copyFileSync(pristine, work);
}

function state(file: string): { digest: string; counts: Record<string, number> } {
  const db = openWorkspace(file, { create: false });
  try {
    return { digest: contentDigest(db), counts: tableCounts(db) };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  // A workspace with a map and a known prior import that the killed import partly overwrites.
  const priorFile = tmp.file('prior.json');
  writeJiraPage(priorFile, PRIOR_ISSUES, 0.777);
  const db = openWorkspace(pristine);
  saveMap(db, demoMap(), Date.UTC(2026, 0, 1));
  await importJiraFiles(db, priorFile, { now: () => Date.UTC(2026, 0, 2) });
  db.close();
  generateJiraExport(input, IMPORT_ISSUES);
  before = state(pristine);
  // The complete import, by the same child killed only after it has committed: twice on each worker (the
  // first runs warm the caches), to time the import under the same load as the killed runs. Every complete
  // run must leave the same workspace.
  const times: number[] = [];
  const digests = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const runs = await Promise.all(
      works.map(async (work) => {
        reset(work);
        const run = await runChild(work, input, { after: 'committed', ms: 0 });
        return { run, s: state(work) };
      }),
    );
    for (const { run, s } of runs) {
      if (round > 0) times.push(run.commitMs!);
      digests.add(s.digest);
      after = s;
    }
  }
  expect(digests.size).toBe(1);
  commitMs = Math.max(...times);
}, 120_000);

describe('crash safety of imports', () => {
  it(`survives ${KILLS} SIGKILLs during a ${IMPORT_ISSUES}-issue Jira import with all of it or none of it every time`, { timeout: 300_000 }, async () => {
    expect(after.counts.work_items).toBe(IMPORT_ISSUES);
    expect(after.counts.work_items).toBeGreaterThan(before.counts.work_items!);
    expect(after.counts.import_runs).toBe(before.counts.import_runs! + 1);
    expect(after.digest).not.toBe(before.digest);
    const rand = randomLcg(0.4321);
    // Most kills land anywhere in the import, one in four close to its commit (±20%), and one in ten just
    // after the child reported the commit (so some always do, however loaded the machine is).
    const schedule = Array.from({ length: KILLS }, (): KillAt => {
      const r = rand();
      if (r < 0.1) return { after: 'committed', ms: Math.floor(rand() * 20) };
      return { after: 'ready', ms: Math.floor(r < 0.35 ? commitMs * (0.8 + rand() * 0.4) : rand() * commitMs) };
    });
    const outcomes: Array<{ phase: Phase; whole: 'none' | 'all' }> = [];
    let next = 0;
    const worker = async (work: string) => {
      for (let i = next++; i < KILLS; i = next++) {
        const at = schedule[i]!;
        const when = `${at.ms} ms after "${at.after}"`;
        reset(work);
        const run = await runChild(work, input, at);
        const raw = new Database(work);
        expect(raw.pragma('integrity_check', { simple: true }), `kill ${i} at ${when}`).toBe('ok');
        raw.close();
        const got = state(work);
        const whole = got.digest === before.digest ? 'none' : got.digest === after.digest ? 'all' : null;
        expect(whole, `kill ${i} at ${when} (${run.phase}): the workspace holds part of the import: ${JSON.stringify(got.counts)}`).not.toBeNull();
        expect(got.counts).toEqual(whole === 'none' ? before.counts : after.counts);
        // Once the child has reported the commit, the import must be there.
        if (run.phase === 'committed') expect(whole).toBe('all');
        outcomes[i] = { phase: run.phase, whole: whole! };
      }
    };
    await Promise.all(works.map(worker));
    // The kills landed before the import wrote, while it wrote and after it committed.
    const phases = new Set(outcomes.map((o) => o.phase));
    expect(phases).toContain('ready');
    expect(phases).toContain('writing');
    expect(phases).toContain('committed');
    expect(outcomes.filter((o) => o.whole === 'none').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.whole === 'all').length).toBeGreaterThan(0);
    console.log(
      `crash-import: ${KILLS} kills, import ${Math.round(commitMs)} ms; ` +
        (['ready', 'writing', 'committed'] as const).map((p) => `${p}: ${outcomes.filter((o) => o.phase === p).length}`).join(', ') +
        `; none: ${outcomes.filter((o) => o.whole === 'none').length}, all: ${outcomes.filter((o) => o.whole === 'all').length}`,
    );
  });
});
