// One Jira issue (REST v2 or v3, Cloud or Server/Data Center, search or agile endpoint, with
// `expand=changelog`) to a work item with its status, flag and assignee history and its links.
// Pure: no I/O. Browser-safe.
import { FlowmapError } from '../domain/errors.ts';
import { TZDate } from '@date-fns/tz';
import { isOffsetLess, parseInstant, parseLocalInstant, sourceOffsetMinutes, tryParseInstant } from '../domain/instant.ts';
import { jiraBrowseUrl } from '../domain/web-links.ts';
import type { FieldChange, ImportedItem, IssueLink, IssueLinkChange, ItemSprint } from '../store/import-repo.ts';
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
  /**
   * The IANA zone dates without a UTC offset were written in (`2018-01-01 01:01:01`, `2018-01-01`): such dates
   * are refused without it, since their instant depends on it.
   */
  timeZone?: string;
}

/** A status with the category Jira puts it in (`new`, `indeterminate`, `done`). */
export interface StatusCategory {
  status: string;
  statusId: string | null;
  category: string;
}

export interface NormalizedIssue {
  item: ImportedItem;
  /** Status categories this issue shows (its own status, its linked issues'). */
  categories: StatusCategory[];
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

const zoned = (y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number, tz: string) => +new TZDate(y, mo - 1, d, h, mi, sec, ms, tz);

/**
 * A Jira date-time to an instant and the offset it was written with. A value without an offset is read in
 * `timeZone`; without one it is refused, naming the file, issue, field and the forms expected.
 */
export function jiraInstant(text: string, where: string, field: string, timeZone: string | undefined): { at: number; offsetMin: number | null } {
  const t = text.trim();
  // The common case first: a date-time with its offset (a bare date parses too, but has no zone: below).
  const at = t.length > 10 ? tryParseInstant(t) : null;
  if (at !== null) return { at, offsetMin: sourceOffsetMinutes(t) };
  if (isOffsetLess(t)) {
    if (timeZone === undefined) {
      throw new FlowmapError(
        'invalid-input',
        `${where}: field ${field}: ${JSON.stringify(clip(t, 60))} has no UTC offset, so the instant depends on the time zone it was written in; ` +
          `give that zone (vsm import jira --tz Europe/Berlin, or timeZone in the import) or export dates with an offset, e.g. 2018-01-01T01:01:01.000+0100`,
      );
    }
    const local = parseLocalInstant(t, timeZone, zoned);
    if (local !== null) return local;
  }
  return { at: parseInstant(t, `${where} field ${field}`), offsetMin: sourceOffsetMinutes(t) };
}

/** A sprint as the agile API (an object) or Jira Server's greenhopper string (`…Sprint@1a2b[id=3,state=CLOSED,…]`) gives it. */
function sprintOf(v: unknown, where: string, field: string, timeZone: string | undefined): ItemSprint | null {
  const when = (x: unknown, part: string): number | null => {
    if (typeof x !== 'string' || x === '' || x === '<null>') return null;
    return jiraInstant(x, where, `${field}.${part}`, timeZone).at;
  };
  if (isObj(v)) {
    const id = str(v.id);
    if (id === null || str(v.name) === null) return null;
    return {
      sprintId: id,
      name: str(v.name),
      state: str(v.state),
      boardId: str(v.boardId) ?? str(v.originBoardId) ?? str(v.rapidViewId),
      startAt: when(v.startDate, 'startDate'),
      endAt: when(v.endDate, 'endDate'),
      completeAt: when(v.completeDate, 'completeDate'),
    };
  }
  if (typeof v === 'string' && /greenhopper\.service\.sprint\.Sprint@/.test(v)) {
    const body = v.slice(v.indexOf('[') + 1, v.lastIndexOf(']'));
    const kv = new Map<string, string>();
    for (const m of body.matchAll(/(\w+)=(.*?)(?=,\w+=|$)/g)) kv.set(m[1]!, m[2]!);
    const id = kv.get('id');
    if (id === undefined) return null;
    const nul = (x: string | undefined) => (x === undefined || x === '<null>' ? null : x);
    return {
      sprintId: id,
      name: nul(kv.get('name')),
      state: nul(kv.get('state'))?.toLowerCase() ?? null,
      boardId: nul(kv.get('rapidViewId')),
      startAt: when(kv.get('startDate'), 'startDate'),
      endAt: when(kv.get('endDate'), 'endDate'),
      completeAt: when(kv.get('completeDate'), 'completeDate'),
    };
  }
  return null;
}

/** True for a value shaped like the Sprint field: sprints as objects (id, name, state) or greenhopper strings. */
function looksLikeSprints(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (x) =>
        (isObj(x) && (typeof x.id === 'number' || typeof x.id === 'string') && typeof x.name === 'string' && typeof x.state === 'string') ||
        (typeof x === 'string' && /greenhopper\.service\.sprint\.Sprint@/.test(x)),
    )
  );
}

/** True for a value shaped like Jira's Flagged field when set: `[{"value": "Impediment", ...}]`. */
function looksLikeFlag(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isObj(x) && x.value === 'Impediment');
}

const STORY_POINT_FIELDS = new Set(['Story Points', 'Story point estimate']);

/** "This issue is blocked by SP-14" → "is blocked by". */
function linkPhrase(text: string | null, key: string): string | null {
  if (text === null) return null;
  let t = text.trim();
  if (t.startsWith('This issue ')) t = t.slice('This issue '.length);
  if (t.endsWith(key)) t = t.slice(0, -key.length).trim();
  return t === '' ? null : t;
}

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
  const tz = ctx.timeZone;
  const createdAt = jiraInstant(f.created, where, 'fields.created', tz).at;
  const warnings: string[] = [];

  const flaggedIds = new Set<string>();
  const epicIds = new Set<string>();
  const sprintIds = new Set<string>();
  const pointIds = new Set<string>();
  for (const [fid, fname] of Object.entries(ctx.names ?? {})) {
    if (fname === 'Flagged') flaggedIds.add(fid);
    if (fname === 'Epic Link') epicIds.add(fid);
    if (fname === 'Sprint') sprintIds.add(fid);
    if (STORY_POINT_FIELDS.has(fname)) pointIds.add(fid);
  }

  // Histories in time order (the agile API returns them newest first; v3 oldest first); ties by id.
  const changelog = raw.changelog;
  let histories: JiraHistory[] = [];
  let missingHistories = 0;
  if (changelog === undefined || changelog === null) {
    warnings.push(`${where}: no changelog (export with expand=changelog to get the status history); only the current status is known`);
  } else {
    if (!isObj(changelog) || !Array.isArray(changelog.histories))
      fail(where, 'changelog.histories', 'an array of change histories', isObj(changelog) ? changelog.histories : changelog);
    histories = changelog.histories as JiraHistory[];
    const total = typeof changelog.total === 'number' ? changelog.total : histories.length;
    missingHistories = Math.max(0, total - histories.length);
  }
  const timed: Array<{ at: number; offsetMin: number | null; seq: number; h: JiraHistory; i: number }> = [];
  for (let i = 0; i < histories.length; i++) {
    const h = histories[i];
    if (!isObj(h)) fail(where, `changelog.histories[${i}]`, 'a history object with created and items', h);
    if (typeof h.created !== 'string') fail(where, `changelog.histories[${i}].created`, 'the change date-time', h.created);
    const { at, offsetMin } = jiraInstant(h.created, where, `changelog.histories[${i}].created`, tz);
    // Only a string or number id orders ties (Number() throws on an object whose toString is data).
    const seq = typeof h.id === 'string' || typeof h.id === 'number' ? Number(h.id) : NaN;
    timed.push({ at, offsetMin, seq: Number.isFinite(seq) ? seq : i, h, i });
  }
  timed.sort((a, b) => a.at - b.at || a.seq - b.seq);

  const changes: ImportedItem['changes'] = [];
  const flags: NonNullable<ImportedItem['flags']> = [];
  const assignees: NonNullable<ImportedItem['assignees']> = [];
  const fieldChanges: FieldChange[] = [];
  const issueLinkChanges: IssueLinkChange[] = [];
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
        // Flags, assignees and links each have their own history; every other field's goes to the field changes.
        if (fieldId !== null && fieldId.startsWith('customfield_')) flaggedIds.add(fieldId);
        const to = str(ownToString(it)) ?? str(it.to);
        flags.push({ at, flagged: to !== null && to.trim() !== '' });
      } else if (field === 'assignee' || fieldId === 'assignee') {
        assignees.push({ at, assigneeId: str(it.to), assigneeName: str(ownToString(it)) });
      } else if (field === 'Link') {
        const added = str(it.to);
        const removed = str(it.from);
        if (added) issueLinkChanges.push({ at, added: true, targetKey: added, description: linkPhrase(str(ownToString(it)), added) });
        if (removed) issueLinkChanges.push({ at, added: false, targetKey: removed, description: linkPhrase(str(it.fromString), removed) });
      } else if (field !== null && field !== 'Rank') {
        // Kept as Jira wrote it (priority, story points, fix versions, sprint, resolution, epic, …); Rank moves are
        // many and mean nothing later.
        fieldChanges.push({ at, field, fieldId, fromValue: str(it.from), fromString: str(it.fromString), toValue: str(it.to), toString: str(ownToString(it)) });
        if (fieldId !== null && fieldId.startsWith('customfield_')) {
          if (field === 'Sprint') sprintIds.add(fieldId);
          else if (STORY_POINT_FIELDS.has(field)) pointIds.add(fieldId);
        }
        if (field === 'Epic Link' || (fieldId !== null && epicIds.has(fieldId))) epicFromHistory = str(ownToString(it)) || null;
      }
    }
  }
  if (missingHistories > 0) {
    warnings.push(
      `${where}: the embedded changelog holds ${histories.length} of ${histories.length + missingHistories} histories; the oldest changes are missing (a live import fetches them)`,
    );
  }

  const status = isObj(f.status) ? f.status : null;
  const statusName = status ? str(status.name) : null;
  const category = status && isObj(status.statusCategory) ? str(status.statusCategory.key) : null;
  const initialStatus = changes.length > 0 ? (changes[0]!.from ?? statusName) : statusName;

  let resolvedAt: number | null = null;
  if (typeof f.resolutiondate === 'string' && f.resolutiondate !== '') {
    resolvedAt = jiraInstant(f.resolutiondate, where, 'fields.resolutiondate', tz).at;
  }
  const categories: StatusCategory[] = [];
  const learn = (st: unknown) => {
    if (!isObj(st) || !isObj(st.statusCategory)) return;
    const cat = str(st.statusCategory.key);
    const sname = str(st.name);
    if (cat !== null && sname !== null) categories.push({ status: sname, statusId: str(st.id), category: cat });
  };
  learn(status);

  // Without the field-name list (`names`), custom fields are found by the shape of their values.
  for (const [fid, v] of Object.entries(f)) {
    if (!fid.startsWith('customfield_')) continue;
    if (!sprintIds.has(fid) && looksLikeSprints(v)) sprintIds.add(fid);
    if (!flaggedIds.has(fid) && looksLikeFlag(v)) flaggedIds.add(fid);
  }
  const sprints: ItemSprint[] = [];
  for (const fid of sprintIds) {
    const v = f[fid];
    if (!Array.isArray(v)) continue;
    v.forEach((x, k) => {
      const sp = sprintOf(x, where, `fields.${fid}[${k}]`, tz);
      if (sp !== null) sprints.push(sp);
    });
  }
  let storyPoints: number | null = null;
  for (const fid of pointIds) if (typeof f[fid] === 'number' && Number.isFinite(f[fid])) storyPoints = f[fid] as number;
  const fixVersions = Array.isArray(f.fixVersions) ? f.fixVersions.map(name).filter((v): v is string => v !== null) : [];

  const issueLinks: IssueLink[] = [];
  if (Array.isArray(f.issuelinks)) {
    for (const l of f.issuelinks) {
      if (!isObj(l) || !isObj(l.type)) continue;
      const linkType = str(l.type.name);
      const inward = isObj(l.inwardIssue) ? l.inwardIssue : null;
      const outward = isObj(l.outwardIssue) ? l.outwardIssue : null;
      const other = inward ?? outward;
      const targetKey = other ? str(other.key) : null;
      if (linkType === null || targetKey === null) continue;
      // The other issue is the inward one: this issue's side reads the type's inward phrase ("is blocked by").
      issueLinks.push({ linkType, direction: inward ? 'inward' : 'outward', description: str(inward ? l.type.inward : l.type.outward), targetKey });
      if (isObj(other!.fields)) learn(other!.fields.status);
    }
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
  let currentlyFlagged = Array.isArray(f.flagged) ? f.flagged.length > 0 : f.flagged === true;
  for (const fid of flaggedIds) if (Array.isArray(f[fid]) && (f[fid] as unknown[]).length > 0) currentlyFlagged = true;

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
        fixVersions,
        storyPoints,
        sprints: sprints.map((sp) => sp.name ?? sp.sprintId),
        ...(missingHistories > 0 ? { missingHistories } : {}),
      },
      changes,
      flags,
      assignees,
      links,
      fieldChanges,
      sprints,
      issueLinks,
      issueLinkChanges,
    },
    categories,
    missingHistories,
    warnings,
  };
}

/** Status categories learned as issues are read (their current statuses, linked issues', a statuses file): the last word wins. */
export function createCategoryTracker() {
  const known = new Map<string, StatusCategory>();
  return {
    learn(list: Iterable<StatusCategory>): void {
      for (const c of list) known.set(c.status, c);
    },
    all(): StatusCategory[] {
      return [...known.values()];
    },
  };
}
