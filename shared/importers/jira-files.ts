// `vsm import jira FILE|DIR`: Jira exports from files. Accepts a REST search response (`expand=changelog`,
// one object or an array of pages), an array of issues, newline-delimited issues, or a folder of JSON files
// (one issue, or any of those shapes, per file); v2 and v3, Cloud and Server/Data Center. Node only.
import fs from 'node:fs';
import path from 'node:path';
import { FlowmapError } from '../domain/errors.ts';
import { saveStatusCategories } from '../store/import-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { DEFAULT_STREAM_THRESHOLD, invalid, parseJsonText, readNdjson, refuseHtml, sniff, streamArrayElements } from './json-input.ts';
import { createCategoryTracker, JIRA_SOURCE, looksLikeJiraIssue, normalizeJiraIssue, type StatusCategory } from './jira-normalize.ts';
import { clip, keyList, preview, shapeOf } from './preview.ts';
import { runImport, type ImportOptions, type ImportResult, type ImportSession } from './session.ts';
import { isObj } from './json-shape.ts';

export interface JiraFilesOptions extends ImportOptions {
  /** Files larger than this are streamed (default 384 MiB). */
  streamThresholdBytes?: number;
  /** The IANA zone dates without a UTC offset were written in; such dates are refused without it. */
  timeZone?: string;
}

/** A folder's file that holds no issues: its status list is read for categories, anything else is skipped. */
type NotIssues = { kind: 'statuses'; statuses: StatusCategory[] } | { kind: 'skip'; reason: string };

interface RawIssue {
  raw: unknown;
  where: string;
  names?: Record<string, string>;
}

const EXPECTED =
  'a Jira search response ({"issues": [...]}, with expand=changelog), an array of such pages, an array of issues, one issue per line, or one issue object';

const JSON_FILE = /\.(json|ndjson|jsonl)$/i;

/**
 * The files to read: the file itself, or a folder's JSON files, and those of its `*_issues` subfolders (the
 * folder jirametrics downloads into keeps each issue in `<prefix>_issues/`, its other files beside it).
 */
export function listJiraInputFiles(input: string): string[] {
  if (!fs.existsSync(input)) throw invalid(`${input}: no such file or folder`);
  if (!fs.statSync(input).isDirectory()) return [input];
  const files: string[] = [];
  for (const name of fs.readdirSync(input).sort()) {
    const full = path.join(input, name);
    if (JSON_FILE.test(name)) files.push(full);
    else if (/_issues$/.test(name) && fs.statSync(full).isDirectory()) {
      for (const f of fs
        .readdirSync(full)
        .filter((n) => JSON_FILE.test(n))
        .sort())
        files.push(path.join(full, f));
    }
  }
  if (files.length === 0) throw invalid(`${input}: the folder holds no .json, .ndjson or .jsonl files; expected one Jira issue per JSON file`);
  return files;
}

function jiraErrorResponse(file: string, v: Record<string, unknown>): FlowmapError | null {
  if (!Array.isArray(v.errorMessages) && !isObj(v.errors)) return null;
  const msgs = [...((v.errorMessages as unknown[]) ?? []), ...Object.values((v.errors as Record<string, unknown>) ?? {})].map((m) =>
    typeof m === 'string' ? clip(m) : preview(m),
  );
  return invalid(`${file}: this is a Jira error response, not issues: ${clip(msgs.join('; '), 600) || '(no message)'}`);
}

/** The issues of one parsed document, whatever its shape. Elements are released as they are taken. */
function* issuesOfDocument(doc: unknown, file: string, pages: { total: number; seen: number }): Generator<RawIssue> {
  const page = function* (p: Record<string, unknown>, at: string): Generator<RawIssue> {
    const issues = p.issues as unknown[];
    const names = isObj(p.names) ? (p.names as Record<string, string>) : undefined;
    if (typeof p.total === 'number' && (p.startAt === 0 || p.startAt === undefined)) pages.total = Math.max(pages.total, p.total);
    for (let j = 0; j < issues.length; j++) {
      pages.seen++;
      const raw = issues[j];
      issues[j] = null;
      yield { raw, where: `${file}: ${at}issues[${j}]`, names };
    }
  };
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      const el = doc[i];
      doc[i] = null;
      if (isObj(el) && Array.isArray(el.issues)) yield* page(el, `[${i}].`);
      else if (looksLikeJiraIssue(el)) yield { raw: el, where: `${file}: [${i}]` };
      else throw invalid(`${file}: [${i}]: expected a Jira issue (an object with key and fields) or a search response page (with issues), got ${shapeOf(el)}`);
    }
    return;
  }
  if (isObj(doc)) {
    if (Array.isArray(doc.issues)) return yield* page(doc, '');
    if (looksLikeJiraIssue(doc)) return yield { raw: doc, where: file };
    const err = jiraErrorResponse(file, doc);
    if (err) throw err;
  }
  throw invalid(
    `${file}: expected ${EXPECTED}; got ${
      Array.isArray(doc) ? 'an array' : typeof doc === 'object' && doc !== null ? `an object with keys ${keyList(doc)}` : shapeOf(doc)
    }`,
  );
}

/**
 * What a file of a folder holds when it is not issues: the files jirametrics downloads beside them (board
 * configuration, `jira-config.json`, the meta and statuses files, sprints) and other JSON. Null when the document
 * holds issues (or is something an issue export could be, such as an empty array), or is a Jira error response.
 */
function notIssues(doc: unknown): NotIssues | null {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (Array.isArray(doc)) {
    if (doc.length === 0 || doc.some((el) => looksLikeJiraIssue(el) || (isObj(el) && Array.isArray(el.issues)))) return null;
    if (doc.every((el) => isObj(el) && typeof el.name === 'string' && isObj(el.statusCategory))) {
      const statuses: StatusCategory[] = [];
      for (const st of doc as Array<Record<string, unknown>>) {
        const cat = (st.statusCategory as Record<string, unknown>).key;
        if (typeof cat !== 'string') continue;
        statuses.push({ status: st.name as string, statusId: typeof st.id === 'string' || typeof st.id === 'number' ? String(st.id) : null, category: cat });
      }
      return { kind: 'statuses', statuses };
    }
    if (doc.every((el) => isObj(el) && (typeof el.accountId === 'string' || (typeof el.key === 'string' && typeof el.emailAddress === 'string')))) {
      return { kind: 'skip', reason: `a list of ${count(doc.length, 'user')}, not issues` };
    }
    if (doc.every((el) => isObj(el) && typeof el.state === 'string' && (el.startDate !== undefined || el.originBoardId !== undefined))) {
      return { kind: 'skip', reason: `a list of ${count(doc.length, 'sprint')}, not issues (the issues carry their own sprints)` };
    }
    return { kind: 'skip', reason: `an array of ${shapeOf(doc[0])}, not Jira issues` };
  }
  if (!isObj(doc) || Array.isArray(doc.issues) || Array.isArray(doc.errorMessages) || isObj(doc.errors)) return null;
  if (looksLikeJiraIssue(doc as unknown)) return null;
  if (isObj(doc.columnConfig))
    return { kind: 'skip', reason: `a board configuration${typeof doc.name === 'string' ? ` (${clip(doc.name, 80)})` : ''}, not issues` };
  if (typeof doc.url === 'string' && ('api_token' in doc || 'email' in doc || 'cookies' in doc || 'personal_access_token' in doc)) {
    return { kind: 'skip', reason: 'jirametrics connection settings (jira-config.json), not issues' };
  }
  if ('date_start' in doc || 'date_end' in doc || 'jira_url' in doc)
    return { kind: 'skip', reason: 'jirametrics download metadata (dates of the last download), not issues' };
  if (Array.isArray(doc.values) && doc.values.every((v) => isObj(v) && typeof v.state === 'string')) {
    return { kind: 'skip', reason: `a page of ${count(doc.values.length, 'sprint')}, not issues (the issues carry their own sprints)` };
  }
  return { kind: 'skip', reason: `an object with keys ${keyList(doc)}, not Jira issues` };
}

/** Every issue in one file, by the fastest path its size allows. In a folder, `other` takes a file of something else. */
async function* issuesOfFile(file: string, threshold: number, onTotal: (n: number) => void, other?: (what: NotIssues) => void): AsyncGenerator<RawIssue> {
  const { size, head } = sniff(file);
  refuseHtml(file, head);
  if (!head.startsWith('{') && !head.startsWith('[')) {
    throw invalid(`${file}: line 1: expected JSON starting with { or [, got text that is not JSON; expected ${EXPECTED}`);
  }
  const pages = { total: 0, seen: 0 };
  if (size > threshold) {
    const ndjson = head.startsWith('{') && /^\{.*\}\s*\n\s*\{/s.test(head.slice(0, head.indexOf('\n', head.indexOf('\n') + 1) + 1 || head.length));
    if (ndjson || /\.(ndjson|jsonl)$/i.test(file)) {
      for await (const { value, line } of readNdjson(file)) yield* issuesOfDocument(value, `${file}: line ${line}`, pages);
    } else {
      let elements = 0;
      for await (const { value, index } of streamArrayElements(file, head.startsWith('{') ? 'issues' : null)) {
        elements++;
        if (isObj(value) && Array.isArray(value.issues)) yield* issuesOfDocument(value, `${file}: [${index}]`, pages);
        else yield { raw: value, where: head.startsWith('{') ? `${file}: issues[${index}]` : `${file}: [${index}]` };
      }
      // Streamed, only the issues array is read: a document without one would otherwise import nothing.
      if (elements === 0) throw invalid(`${file}: found no issues; expected ${EXPECTED}`);
    }
  } else {
    let text: string | null = fs.readFileSync(file, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      // One issue per line: the whole text is not one document, but its first line is.
      if (/non-whitespace character after JSON/.test((e as Error).message) && text.trimStart().startsWith('{')) {
        const lines = text.split('\n');
        text = null;
        const values: unknown[] = [];
        for (let i = 0; i < lines.length; i++) {
          const l = lines[i]!;
          if (l.trim() !== '') values.push(parseJsonText(l, `${file}`, i));
          lines[i] = '';
        }
        onTotal(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          values[i] = null;
          if (!looksLikeJiraIssue(v)) throw invalid(`${file}: record ${i + 1} (one issue per line): expected a Jira issue object with key and fields`);
          yield { raw: v, where: `${file}: record ${i + 1}` };
        }
        return;
      }
      doc = parseJsonText(text, file);
    }
    text = null;
    const what = other ? notIssues(doc) : null;
    if (what !== null) {
      other!(what);
      return;
    }
    onTotal(countIssues(doc));
    yield* issuesOfDocument(doc, file, pages);
  }
  if (pages.total > pages.seen) {
    throw invalid(
      `${file}: the search response reports ${pages.total} issues but the file holds ${pages.seen}; pages are missing (save every page, e.g. as an array of pages, or raise maxResults)`,
    );
  }
}

function countIssues(doc: unknown): number {
  if (Array.isArray(doc)) return doc.reduce<number>((n, el) => n + (isObj(el) && Array.isArray(el.issues) ? el.issues.length : 1), 0);
  if (isObj(doc) && Array.isArray(doc.issues)) return doc.issues.length;
  return 1;
}

export async function importJiraIssues(session: ImportSession, input: string, options: JiraFilesOptions): Promise<void> {
  const files = listJiraInputFiles(input);
  const threshold = options.streamThresholdBytes ?? DEFAULT_STREAM_THRESHOLD;
  const multi = files.length > 1;
  let done = 0;
  let total: number | undefined = multi ? files.length : undefined;
  let truncated = 0;
  const seen = new Set<string>();
  // Each status's category, as the issues and a statuses file show it: stored once the import has read everything.
  const categories = createCategoryTracker();
  const folder = fs.statSync(input).isDirectory();
  let issueFiles = 0;
  for (const file of files) {
    let skipped = false;
    const other = folder
      ? (what: NotIssues) => {
          skipped = true;
          if (what.kind === 'statuses') {
            categories.learn(what.statuses);
            session.skip(file, `the site's statuses, not issues: read only for their categories (${what.statuses.length})`);
          } else session.skip(file, what.reason);
        }
      : undefined;
    for await (const { raw, where, names } of issuesOfFile(file, threshold, (n) => (total = multi ? total : n), other)) {
      const norm = normalizeJiraIssue(raw, { where, names, timeZone: options.timeZone });
      categories.learn(norm.categories);
      if (seen.has(norm.item.externalId)) session.warn(`${where}: issue ${norm.item.key} appears more than once; the later copy wins`);
      seen.add(norm.item.externalId);
      session.item(norm.item);
      if (norm.missingHistories > 0) truncated++;
      for (const w of norm.warnings) session.warn(w);
      if (!multi && (++done & 255) === 0) await session.progress('issues', done, total);
    }
    if (!skipped) issueFiles++;
    if (multi) await session.progress('files', ++done, total);
  }
  if (folder && issueFiles === 0) {
    throw invalid(
      `${input}: the folder holds no Jira issues; expected one issue per JSON file (or search responses). Read and left out: ` +
        clip(session.skipped.map((s) => `${path.basename(s.file)} (${s.reason})`).join('; '), 800),
    );
  }
  saveStatusCategories(session.db, JIRA_SOURCE, categories.all());
  if (truncated > 0)
    session.warn(`${truncated} issues have truncated changelogs (Jira embeds only the latest 100 histories); import them live to fetch the rest`);
}

/** Imports Jira issues from a file or folder in one transaction. */
export function importJiraFiles(db: Db, input: string, options: JiraFilesOptions = {}): Promise<ImportResult> {
  return runImport(db, { source: JIRA_SOURCE, input }, options, (s) => importJiraIssues(s, input, options));
}
