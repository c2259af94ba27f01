import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../shared/domain/instant.ts';
import { importGithubFiles } from '../../shared/importers/github-files.ts';
import { closingReferences, emptyBundle, normalizeGithub } from '../../shared/importers/github-normalize.ts';
import { openWorkspace, type Db } from '../../shared/store/open-workspace.ts';
import { DEVLAKE, readCsv, readRaw } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-import-github-');
afterAll(() => tmp.cleanup());
const GH = path.join(DEVLAKE, 'github');
const raw = (name: string) =>
  readRaw<Record<string, unknown>>(path.join(GH, 'raw_tables', name)).filter(
    (r) => JSON.stringify(r.params) === JSON.stringify({ ConnectionId: 1, Name: 'panjf2000/ants' }),
  );

/** The fixture's raw API rows saved as the folder layout `vsm import github` reads. */
const dir = tmp.file('ants');
beforeAll(() => {
  const save = (rel: string, rows: unknown[]) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(rows, null, 1));
  };
  save(
    'issues.json',
    raw('_raw_github_api_issues.csv').map((r) => r.data),
  );
  const pulls = raw('_raw_github_api_pull_requests.csv').map((r) => r.data);
  save('pulls.json', pulls.slice(0, 30));
  save('pulls-page2.json', pulls.slice(30));
  for (const kind of ['reviews', 'commits'] as const) {
    const byPr = new Map<number, unknown[]>();
    for (const r of raw(`_raw_github_api_pull_request_${kind}.csv`)) {
      const n = (r.input as { Number: number }).Number;
      byPr.set(n, [...(byPr.get(n) ?? []), r.data]);
    }
    for (const [n, rows] of byPr) save(`pulls/${n}/${kind}.json`, rows);
  }
  save(
    'events.json',
    raw('_raw_github_api_events.csv').map((r) => r.data),
  );
});

const ms = (s: string) => (s ? parseInstant(s, 'oracle') : null);

describe('GitHub from files: the real panjf2000/ants data', () => {
  let db: Db;
  beforeAll(async () => {
    db = openWorkspace(tmp.file('gh.vsm'));
    const r = await importGithubFiles(db, dir);
    expect(r.items).toBe(26 + 49);
  });
  afterAll(() => db.close());
  const fields = (key: string) => {
    const row = db.prepare('SELECT id, created_at, type, fields FROM work_items WHERE key = ?').get(key) as
      { id: number; created_at: number; type: string; fields: string } | undefined;
    if (!row) throw new Error(`no item ${key}`);
    return { ...row, f: JSON.parse(row.fields) as Record<string, number | null> };
  };
  const lastStatus = (id: number) =>
    db.prepare('SELECT to_status FROM status_changes WHERE item_id = ? ORDER BY at DESC, id DESC LIMIT 1').pluck().get(id) as string | undefined;

  it("gives the issues' created and closed dates and lead times of the snapshot", () => {
    const oracle = readCsv(path.join(GH, 'snapshot_tables', 'issues.csv'));
    expect(oracle).toHaveLength(26);
    for (const o of oracle) {
      const it = fields(`panjf2000/ants#${o.issue_key}`);
      expect(it.created_at).toBe(ms(o.created_date!));
      expect(it.f.resolvedAt).toBe(ms(o.resolution_date!));
      expect(Math.floor((it.f.resolvedAt! - it.created_at) / 60_000)).toBe(Number(o.lead_time_minutes));
      expect(it.type).toBe(o.type === 'BUG' ? 'Bug' : 'Issue');
      expect(lastStatus(it.id)).toBe(o.status === 'DONE' ? 'Closed' : undefined);
    }
  });

  it("gives the pull requests' states and merged/closed dates of the snapshot", () => {
    const oracle = readCsv(path.join(GH, 'snapshot_tables', 'pull_requests.csv'));
    expect(oracle).toHaveLength(49);
    const states = { MERGED: 0, CLOSED: 0, OPEN: 0 } as Record<string, number>;
    for (const o of oracle) {
      states[o.status!]!++;
      const pr = fields(`panjf2000/ants#${o.pull_request_key}`);
      expect(pr.type).toBe('Pull request');
      expect(pr.f.openedAt).toBe(ms(o.created_date!));
      expect(pr.f.mergedAt).toBe(ms(o.merged_date!));
      expect(pr.f.closedAt).toBe(ms(o.closed_date!));
      const last = lastStatus(pr.id);
      if (o.status === 'MERGED') {
        expect(last).toBe('Merged');
        expect(db.prepare("SELECT at FROM status_changes WHERE item_id = ? AND to_status = 'Merged'").pluck().get(pr.id)).toBe(ms(o.merged_date!));
      } else if (o.status === 'CLOSED') expect(last).toBe('Closed');
      else expect(['Awaiting review', 'In review', 'Approved']).toContain(last);
    }
    expect(states).toEqual({ MERGED: 26, CLOSED: 19, OPEN: 4 });
  });

  it('starts a pull request at its first commit (Coding) and moves it to In review at its first review', () => {
    const commits = readCsv(path.join(GH, 'snapshot_tables', 'pull_request_commits.csv'));
    const prs = readCsv(path.join(GH, 'snapshot_tables', 'pull_requests.csv'));
    const numberOf = new Map(prs.map((p) => [p.id!, p.pull_request_key!]));
    const first = new Map<string, number>();
    for (const c of commits) {
      const n = numberOf.get(c.pull_request_id!);
      if (!n) continue;
      const at = ms(c.commit_authored_date!)!;
      first.set(n, Math.min(first.get(n) ?? Infinity, at));
    }
    expect(first.size).toBeGreaterThan(20);
    for (const [n, at] of first) {
      const pr = fields(`panjf2000/ants#${n}`);
      expect(pr.f.firstCommitAt).toBe(at);
      expect(pr.created_at).toBe(Math.min(at, pr.f.openedAt!));
    }
    const reviews = readCsv(path.join(GH, 'snapshot_tables', '_tool_github_pull_request_reviews.csv'));
    const firstReview = new Map<string, number>();
    const prIdToNumber = new Map(readCsv(path.join(GH, 'snapshot_tables', '_tool_github_pull_requests.csv')).map((p) => [p.github_id!, p.number!]));
    for (const r of reviews) {
      const n = prIdToNumber.get(r.pull_request_id!);
      if (!n || !r.github_submit_at) continue;
      firstReview.set(n, Math.min(firstReview.get(n) ?? Infinity, ms(r.github_submit_at)!));
    }
    expect(firstReview.size).toBeGreaterThanOrEqual(3);
    for (const [n, at] of firstReview) {
      const pr = fields(`panjf2000/ants#${n}`);
      expect(db.prepare("SELECT at FROM status_changes WHERE item_id = ? AND to_status = 'In review'").pluck().get(pr.id)).toBe(at);
    }
  });

  it('links PR #23 to the issue #22 it closes, both ways', () => {
    const oracle = readCsv(path.join(GH, 'snapshot_tables', 'pull_request_issues.csv'));
    expect(oracle).toHaveLength(1);
    const pr = fields('panjf2000/ants#23');
    const issue = fields('panjf2000/ants#22');
    expect(db.prepare('SELECT kind, target_key FROM item_links WHERE item_id = ?').all(pr.id)).toEqual([{ kind: 'closes', target_key: 'panjf2000/ants#22' }]);
    expect(db.prepare('SELECT kind, target_key FROM item_links WHERE item_id = ?').all(issue.id)).toEqual([
      { kind: 'closed-by', target_key: 'panjf2000/ants#23' },
    ]);
  });

  it('is idempotent', async () => {
    const before = db.prepare('SELECT w.key, c.at, c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id ORDER BY c.id').all();
    await importGithubFiles(db, dir);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(75);
    expect(db.prepare('SELECT w.key, c.at, c.to_status FROM status_changes c JOIN work_items w ON w.id = c.item_id ORDER BY c.id').all()).toEqual(before);
  });
});

describe('GitHub pull request lifecycle mapping', () => {
  it('maps draft → ready → review → approval → merge → release, and releases feed DORA', () => {
    const b = emptyBundle('o/r');
    b.pulls.push({
      number: 7,
      title: 'Add cache (fixes #3)',
      body: 'Closes o/r#4 and resolves other/repo#9',
      created_at: '2026-01-02T00:00:00Z',
      merged_at: '2026-01-06T00:00:00Z',
      closed_at: '2026-01-06T00:00:00Z',
      draft: false,
      merge_commit_sha: 'a'.repeat(40),
    });
    b.prCommits.set(7, [{ commit: { author: { date: '2026-01-01T00:00:00Z' } } }]);
    b.events.set(7, [{ event: 'ready_for_review', created_at: '2026-01-03T00:00:00Z' }]);
    b.reviews.set(7, [
      { state: 'CHANGES_REQUESTED', submitted_at: '2026-01-04T00:00:00Z' },
      { state: 'APPROVED', submitted_at: '2026-01-05T00:00:00Z' },
    ]);
    b.releases.push({ tag_name: 'v2.0.0', published_at: '2026-01-08T00:00:00Z', draft: false, prerelease: false });
    b.releases.push({ tag_name: 'v2.0.1-draft', published_at: null, created_at: '2026-01-07T00:00:00Z', draft: true });
    b.issues.push({
      number: 3,
      title: 'slow',
      labels: [{ name: 'bug' }],
      created_at: '2025-12-30T00:00:00Z',
      closed_at: '2026-01-06T00:01:00Z',
      state: 'closed',
    });
    const { items, releases } = normalizeGithub(b);
    const pr = items.find((i) => i.key === 'o/r#7')!;
    const d = (day: number) => Date.UTC(2026, 0, day);
    expect(pr.createdAt).toBe(d(1));
    expect(pr.initialStatus).toBe('Coding');
    expect(pr.changes).toEqual([
      { at: d(3), from: 'Coding', to: 'Awaiting review' },
      { at: d(4), from: 'Awaiting review', to: 'In review' },
      { at: d(5), from: 'In review', to: 'Approved' },
      { at: d(6), from: 'Approved', to: 'Merged' },
      { at: d(8), from: 'Merged', to: 'Released' },
    ]);
    expect(pr.links).toEqual([
      { kind: 'closes', targetSource: 'github', targetKey: 'o/r#3' },
      { kind: 'closes', targetSource: 'github', targetKey: 'o/r#4' },
    ]);
    expect(items.find((i) => i.key === 'o/r#3')).toMatchObject({ type: 'Bug', links: [{ kind: 'closed-by', targetKey: 'o/r#7' }] });
    expect(releases).toEqual([{ repo: 'o/r', kind: 'github-release', name: 'v2.0.0', at: d(8), sha: null, hotfix: false, status: 'published' }]);
    expect(closingReferences('Fixes: #12, closed #13', 'o/r')).toEqual([12, 13]);
  });

  it('refuses an HTML page and a GitHub error response saved instead of data', async () => {
    const db = openWorkspace(tmp.file('bad.vsm'));
    const bad = tmp.file('bad-gh');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'issues.json'), '<!DOCTYPE html><html><title>Sign in to GitHub</title>');
    await expect(importGithubFiles(db, bad)).rejects.toThrow(/issues\.json: line 1: this is an HTML page, not JSON/);
    fs.writeFileSync(
      path.join(bad, 'issues.json'),
      JSON.stringify({ message: 'API rate limit exceeded for 1.2.3.4.', documentation_url: 'https://docs.github.com/rest' }),
    );
    await expect(importGithubFiles(db, bad)).rejects.toThrow(/issues\.json: this is a GitHub error response, not data: API rate limit exceeded/);
    fs.writeFileSync(path.join(bad, 'issues.json'), JSON.stringify([{ number: 1, created_at: 'yesterday' }]));
    await expect(importGithubFiles(db, bad)).rejects.toThrow(/issues\[0\] \(#1\) field created_at: "yesterday" is not a date in a known format/);
    expect(db.prepare('SELECT count(*) FROM work_items').pluck().get()).toBe(0);
    db.close();
  });
});
