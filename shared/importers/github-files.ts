// `vsm import github DIR`: a folder of JSON files saved from the GitHub REST API. Lists are named by endpoint,
// per-item lists by endpoint, number and kind (`/` or `-` between the parts; a page suffix is allowed):
//   issues.json, issues-page2.json          GET /repos/{o}/{r}/issues?state=all
//   pulls.json                              GET /repos/{o}/{r}/pulls?state=all
//   pulls/{n}/reviews.json, pulls-{n}-reviews.json   GET /repos/{o}/{r}/pulls/{n}/reviews
//   pulls/{n}/commits.json                  GET /repos/{o}/{r}/pulls/{n}/commits
//   issues/{n}/timeline.json                GET /repos/{o}/{r}/issues/{n}/timeline
//   events.json (issue-events.json)         GET /repos/{o}/{r}/issues/events
//   releases.json                           GET /repos/{o}/{r}/releases
//   deployments.json, deployments/{id}/statuses.json
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/open-workspace.ts';
import { importGithubBundle } from './github-import.ts';
import { emptyBundle, type GithubBundle } from './github-normalize.ts';
import { invalid, parseJsonText, refuseHtml, sniff } from './json-input.ts';
import { clip, shapeOf } from './preview.ts';
import type { ImportOptions, ImportResult } from './session.ts';
import { isObj } from './json-shape.ts';

type Obj = Record<string, unknown>;

const PER_ITEM = /^(?:.*\/)?(pulls|issues|deployments)[-/_](\d+)[-/_](commits|reviews|timeline|events|statuses)(?:[-_.][\w-]*)?$/;
const LIST = /^(issues|pulls|releases|deployments|events|issue-events|issues-events)(?:[-_.][\w-]*)?$/;

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.toLowerCase().endsWith('.json') ? [path.join(dir, e.name)] : []))
    .sort();
}

function readArray(file: string): Obj[] {
  const { head } = sniff(file);
  refuseHtml(file, head);
  const v = parseJsonText(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), file);
  if (isObj(v) && typeof v.message === 'string' && (v.documentation_url !== undefined || Object.keys(v).length <= 3)) {
    throw invalid(`${file}: this is a GitHub error response, not data: ${clip(v.message)}`);
  }
  const list = Array.isArray(v) ? v : isObj(v) && Array.isArray(v.items) ? v.items : [v];
  list.forEach((x, i) => {
    if (!isObj(x)) throw invalid(`${file}: [${i}]: expected a JSON object from the GitHub REST API, got ${shapeOf(x)}`);
  });
  return list as Obj[];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V[]) => m.set(k, [...(m.get(k) ?? []), ...v]);

const repoFromUrl = (u: unknown): string | null => (typeof u === 'string' ? (/\/repos\/([^/]+\/[^/]+)/.exec(u)?.[1] ?? null) : null);

export function readGithubFolder(dir: string, repo?: string): { bundle: GithubBundle; ignored: string[] } {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw invalid(`${dir}: no such folder; expected a folder of JSON files saved from the GitHub REST API`);
  const b = emptyBundle(repo ?? '');
  const ignored: string[] = [];
  const files = walk(dir);
  if (files.length === 0) throw invalid(`${dir}: the folder holds no .json files; expected issues.json, pulls.json, pulls/{n}/reviews.json, ...`);
  for (const file of files) {
    const rel = path
      .relative(dir, file)
      .replace(/\\/g, '/')
      .replace(/\.json$/i, '')
      .toLowerCase();
    const per = PER_ITEM.exec(rel);
    if (per) {
      const n = Number(per[2]);
      const rows = readArray(file);
      const kind = per[3];
      if (per[1] === 'deployments') push(b.deploymentStatuses, n, rows);
      else if (kind === 'reviews') push(b.reviews, n, rows);
      else if (kind === 'commits') push(b.prCommits, n, rows);
      else push(b.events, n, rows);
      continue;
    }
    const list = LIST.exec(path.basename(rel));
    if (!list) {
      ignored.push(file);
      continue;
    }
    const rows = readArray(file);
    switch (list[1]) {
      case 'issues':
        b.issues.push(...rows);
        break;
      case 'pulls':
        b.pulls.push(...rows);
        break;
      case 'releases':
        b.releases.push(...rows);
        break;
      case 'deployments':
        b.deployments.push(...rows);
        break;
      default:
        rows.forEach((e, i) => {
          const n = isObj(e.issue) ? e.issue.number : undefined;
          if (typeof n !== 'number')
            throw invalid(`${file}: [${i}]: field issue.number: expected the issue the event belongs to (GET /repos/{o}/{r}/issues/events)`);
          push(b.events, n, [e]);
        });
    }
  }
  // Reviews saved in one list are routed by their pull_request_url.
  if (!b.repo) b.repo = repoFromUrl(b.pulls[0]?.url) ?? repoFromUrl(b.issues[0]?.url) ?? repoFromUrl(b.releases[0]?.url) ?? path.basename(path.resolve(dir));
  return { bundle: b, ignored };
}

export async function importGithubFiles(db: Db, dir: string, options: ImportOptions & { repo?: string } = {}): Promise<ImportResult> {
  const { bundle, ignored } = readGithubFolder(dir, options.repo);
  const warnings = ignored.map((f) => `${f}: not a recognised GitHub REST file name; ignored`);
  return importGithubBundle(db, bundle, { input: dir, warnings }, options);
}
