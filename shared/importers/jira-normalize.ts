// One Jira issue (REST v2 or v3, Cloud or Server/Data Center, search or agile endpoint, with
// `expand=changelog`) to a work item with its status, flag and assignee history and its links.
// Pure: no I/O. Browser-safe.
import { FlowmapError } from '../domain/errors.ts';
import { parseInstant, sourceOffsetMinutes } from '../domain/instant.ts';
import { jiraBrowseUrl } from '../domain/web-links.ts';
import type { ImportedItem } from '../store/import-repo.ts';
import { clip, preview } from './preview.ts';
import { isObj } from './json-shape.ts';

export const JIRA_SOURCE = 'jira';

interface JiraHistoryItem {
  field?: unknown;
  fieldId?: unknown;
  from?: unknown;
  fromString?: unknown;
  to?: unknown;
  toString?: unknown;
}
interface JiraHistory {
  id?: unknown;
  created?: unknown;
  items?: unknown;
}

export interface NormalizeContext {
  /** e.g. `issues.json: issues[12]`; the issue key is appended when known. */
  where: string;
  /** Field id → name from a search response's `names` (expand=names), to find Flagged and Epic Link. */
  names?: Record<string, string>;
  /** A live import's site root: the issue's web page is built on it rather than on the issue's own `self`. */
  siteUrl?: string;
}

export interface NormalizedIssue {
  item: ImportedItem;
  /** Histories the embedded changelog left out (`changelog.total > histories.length`). */
  missingHistories: number;
  warnings: string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function fail(where: string, field: string, expected: string, got: unknown): never {
  throw new FlowmapError('invalid-input', `${where}: field ${field}: expected ${expected}, got ${preview(got)}`);
}

/** `toString` is a Jira field name but also every object's method: read only the own property. */
const ownToString = (it: object): unknown => (Object.hasOwn(it, 'toString') ? (it as { toString: unknown }).toString : undefined);

/** True for something that looks like an issue (an object with `key` and `fields`). */
export function looksLikeJiraIssue(v: unknown): v is Record<string, unknown> {
  return isObj(v) && isObj(v.fields) && (typeof v.key === 'string' || typeof v.id === 'string' || typeof v.id === 'number');
}

function name(v: unknown): string | null {
  if (isObj(v)) return str(v.name) ?? str(v.value) ?? str(v.displayName);
  return str(v);
}

/** A user in either shape: Cloud (accountId) or Server/DC (name/key). */
function user(v: unknown): { id: string | null; name: string | null } | null {
  if (!isObj(v)) return null;
  return { id: str(v.accountId) ?? str(v.name) ?? str(v.key), name: str(v.displayName) ?? str(v.name) };
}

export function normalizeJiraIssue(raw: unknown, ctx: NormalizeContext): NormalizedIssue {
  if (!isObj(raw)) fail(ctx.where, '(issue)', 'a Jira issue object with key, fields and changelog', raw);
  const key = str(raw.key);
  const where = key ? `${ctx.where} (${clip(key, 80)})` : ctx.where;
  const id = str(raw.id);
  if (id === null) fail(where, 'id', 'the issue id (a string such as "10063")', raw.id);
  if (key === null) fail(where, 'key', 'the issue key (a string such as "EE-1")', raw.key);
  const f = raw.fields;
  if (!isObj(f)) fail(where, 'fields', 'an object of issue fields', f);
  if (typeof f.created !== 'string') fail(where, 'fields.created', 'the creation date-time, e.g. 2026-01-05T09:12:33.000+0100', f.created);
  const createdAt = parseInstant(f.created, `${where} field fields.created`);
  const warnings: string[] = [];

  const flaggedIds = new Set<string>();
  const epicIds = new Set<string>();
  for (const [fid, fname] of Object.entries(ctx.names ?? {})) {
    if (fname === 'Flagged') flaggedIds.add(fid);
    if (fname === 'Epic Link') epicIds.add(fid);
  }

  // Histories in time order (the agile API returns them newest first; v3 oldest first); ties by id.
  const changelog = raw.changelog;
  let histories: JiraHistory[] = [];
  let missingHistories = 0;
  if (changelog === undefined || changelog === null) {
    warnings.push(`${where}: no changelog (export with expand=changelog to get the status history); only the current status is known`);
  } else {
    if (!isObj(changelog) || !Array.isArray(changelog.histories)) fail(where, 'changelog.histories', 'an array of change histories', isObj(changelog) ? changelog.histories : changelog);
    histories = changelog.histories as JiraHistory[];
    const total = typeof changelog.total === 'number' ? changelog.total : histories.length;
    missingHistories = Math.max(0, total - histories.length);
  }
  const timed: Array<{ at: number; offsetMin: number | null; seq: number; h: JiraHistory; i: number }> = [];
  for (let i = 0; i < histories.length; i++) {
    const h = histories[i];
    if (!isObj(h)) fail(where, `changelog.histories[${i}]`, 'a history object with created and items', h);
    if (typeof h.created !== 'string') fail(where, `changelog.histories[${i}].created`, 'the change date-time', h.created);
    const at = parseInstant(h.created, `${where} field changelog.histories[${i}].created`);
    // Only a string or number id orders ties (Number() throws on an object whose toString is data).
    const seq = typeof h.id === 'string' || typeof h.id === 'number' ? Number(h.id) : NaN;
    timed.push({ at, offsetMin: sourceOffsetMinutes(h.created), seq: Number.isFinite(seq) ? seq : i, h, i });
  }
  timed.sort((a, b) => a.at - b.at || a.seq - b.seq);

  const changes: ImportedItem['changes'] = [];
  const flags: NonNullable<ImportedItem['flags']> = [];
  const assignees: NonNullable<ImportedItem['assignees']> = [];
  let epicFromHistory: string | null | undefined;
  for (const { at, offsetMin, h, i } of timed) {
    if (!Array.isArray(h.items)) fail(where, `changelog.histories[${i}].items`, 'an array of changed fields', h.items);
    for (let j = 0; j < h.items.length; j++) {
      const it = h.items[j] as JiraHistoryItem;
      if (!isObj(it)) fail(where, `changelog.histories[${i}].items[${j}]`, 'a changed-field object', it);
      const field = str(it.field);
      const fieldId = str(it.fieldId);
      if (fieldId === 'status' || field === 'status' || field === 'Status') {
        const to = str(ownToString(it));
        if (to === null) fail(where, `changelog.histories[${i}].items[${j}].toString`, 'the new status name', ownToString(it));
        changes.push({ at, from: str(it.fromString), to, fromId: str(it.from), toId: str(it.to), offsetMin });
      } else if (field === 'Flagged' || (fieldId !== null && flaggedIds.has(fieldId))) {
        const to = str(ownToString(it)) ?? str(it.to);
        flags.push({ at, flagged: to !== null && to.trim() !== '' });
      } else if (field === 'assignee' || fieldId === 'assignee') {
        assignees.push({ at, assigneeId: str(it.to), assigneeName: str(ownToString(it)) });
      } else if (field === 'Epic Link' || (fieldId !== null && epicIds.has(fieldId))) {
        epicFromHistory = str(ownToString(it)) || null;
      }
    }
  }
  if (missingHistories > 0) {
    warnings.push(`${where}: the embedded changelog holds ${histories.length} of ${histories.length + missingHistories} histories; the oldest changes are missing (a live import fetches them)`);
  }

  const status = isObj(f.status) ? f.status : null;
  const statusName = status ? str(status.name) : null;
  const category = status && isObj(status.statusCategory) ? str(status.statusCategory.key) : null;
  const initialStatus = changes.length > 0 ? changes[0]!.from ?? statusName : statusName;

  let resolvedAt: number | null = null;
  if (typeof f.resolutiondate === 'string' && f.resolutiondate !== '') {
    resolvedAt = parseInstant(f.resolutiondate, `${where} field fields.resolutiondate`);
  }
  const labels = Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [];
  const components = Array.isArray(f.components) ? f.components.map(name).filter((c): c is string => c !== null) : [];
  const parentKey = isObj(f.parent) ? str(f.parent.key) : null;
  let epicKey = isObj(f.epic) ? str(f.epic.key) : null;
  if (epicKey === null) for (const fid of epicIds) if (typeof f[fid] === 'string') epicKey = f[fid] as string;
  if (epicKey === null && epicFromHistory) epicKey = epicFromHistory;
  const links: NonNullable<ImportedItem['links']> = [];
  if (parentKey) links.push({ kind: 'parent', targetSource: JIRA_SOURCE, targetKey: parentKey });
  if (epicKey && epicKey !== parentKey) links.push({ kind: 'epic', targetSource: JIRA_SOURCE, targetKey: epicKey });
  const assignee = user(f.assignee);
  const currentlyFlagged = Array.isArray(f.flagged) ? f.flagged.length > 0 : f.flagged === true;

  return {
    item: {
      source: JIRA_SOURCE,
      externalId: id,
      key,
      type: name(f.issuetype),
      title: str(f.summary),
      createdAt,
      initialStatus,
      labels,
      // The page people open, `<site>/browse/KEY`; null when the site is not https (or `self` is missing or hostile).
      url: jiraBrowseUrl(ctx.siteUrl !== undefined ? { baseUrl: ctx.siteUrl } : { self: raw.self }, key),
      fields: {
        statusId: status ? str(status.id) : null,
        status: statusName,
        statusCategory: category,
        resolution: name(f.resolution),
        resolvedAt,
        components,
        assignee: assignee?.name ?? null,
        assigneeId: assignee?.id ?? null,
        priority: name(f.priority),
        project: isObj(f.project) ? str(f.project.key) : null,
        parent: parentKey,
        epic: epicKey,
        flagged: currentlyFlagged,
        ...(missingHistories > 0 ? { missingHistories } : {}),
      },
      changes,
      flags,
      assignees,
      links,
    },
    missingHistories,
    warnings,
  };
}
