// `importJiraLive`: Jira issues straight from a site by JQL, with their full status history. Pages through
// the search, completes changelogs the search cut short, and syncs incrementally: after the first import of
// a (site, JQL) pair only issues updated since the last sync are fetched and updated in place. Everything
// runs in one import transaction, sync state included, so a failure or cancel leaves the workspace as it was.
// The token is used for requests only: it is never written to the workspace. Node only.
import { FlowmapError } from '../domain/errors.ts';
import { getSyncState, saveStatusCategories, setSyncState } from '../store/import-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { withStableOrder, withUpdatedSince } from './jira-jql.ts';
import { connectJira, type JiraDeployment, type RetryPolicy } from './jira-live-client.ts';
import { createCategoryTracker, JIRA_SOURCE, normalizeJiraIssue } from './jira-normalize.ts';
import { runImport, type ImportOptions, type ImportResult } from './session.ts';
import { isObj } from './json-shape.ts';

export interface JiraLiveOptions extends ImportOptions {
  baseUrl: string;
  jql: string;
  deployment: JiraDeployment;
  /** Cloud: the account email for the API token. Server: optional user name for basic auth (else Bearer PAT). */
  email?: string;
  token: string;
  /** Fetch every matching issue, ignoring the last sync. */
  full?: boolean;
  /** Issues per search page (Jira caps it; Cloud at 100 with changelogs). */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * How far before the last sync an incremental sync looks back: covers clock skew between this machine and
 * Jira and issues changed while the previous sync ran (they are fetched again, which is harmless).
 */
export const SYNC_MARGIN_MS = 10 * 60_000;
const DEFAULT_PAGE_SIZE = 100;

/** The site root as typed, checked: http(s), no credentials in it, no trailing slash, query or fragment. */
export function normalizeJiraUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new FlowmapError('invalid-input', `Jira URL ${JSON.stringify(url)} is not a URL; expected the site root, e.g. https://your-site.atlassian.net`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new FlowmapError('invalid-input', `Jira URL ${u.origin}: expected http:// or https://`);
  if (u.username || u.password) {
    throw new FlowmapError(
      'invalid-input',
      'the Jira URL must not hold a user name or password; the token comes from the environment (CLI) or the app settings',
    );
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** One sync state per site and query: the same site with another JQL is a separate sync. */
export const jiraSyncKey = (baseUrl: string, jql: string) => `${JIRA_SOURCE}:${normalizeJiraUrl(baseUrl)}:${jql.trim()}`;

/** Histories the embedded changelog left out (Jira embeds a limited number in search results). */
function truncatedChangelog(raw: unknown): boolean {
  if (!isObj(raw) || !isObj(raw.changelog)) return false;
  const { histories, total } = raw.changelog;
  return Array.isArray(histories) && typeof total === 'number' && total > histories.length;
}

/** Async so that a bad option is a rejected promise like every other failure. */
export async function importJiraLive(db: Db, options: JiraLiveOptions): Promise<ImportResult> {
  const baseUrl = normalizeJiraUrl(options.baseUrl);
  const jql = options.jql.trim();
  if (jql === '') throw new FlowmapError('invalid-input', 'give a JQL query, e.g. project = ABC');
  if (!options.token) throw new FlowmapError('unauthorized', `no Jira token for ${baseUrl}`);
  if (options.deployment === 'cloud' && !options.email) {
    throw new FlowmapError('invalid-input', `Jira Cloud (${baseUrl}) signs in with the account email and an API token: give the email as well`);
  }
  const key = jiraSyncKey(baseUrl, jql);
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  return runImport(db, { source: JIRA_SOURCE, input: `${baseUrl} (JQL: ${jql})` }, options, async (session) => {
    // Taken before the first request: anything updated while this sync runs is fetched again next time.
    const syncedAt = now();
    const last = options.full ? null : getSyncState(db, key);
    const api = await connectJira(
      { baseUrl, deployment: options.deployment, email: options.email, token: options.token },
      { signal: options.signal, retry: options.retry, now },
    );
    const query = last ? withUpdatedSince(withStableOrder(jql), last.lastSyncAt - SYNC_MARGIN_MS, await api.userTimeZone()) : withStableOrder(jql);

    const names: Record<string, string> = {};
    const categories = createCategoryTracker();
    const seen = new Set<string>();
    let done = 0;
    let page = 0;
    for await (const p of api.search(query, pageSize)) {
      page++;
      Object.assign(names, p.names);
      for (let j = 0; j < p.issues.length; j++) {
        const raw = p.issues[j];
        const where = `${baseUrl}: search page ${page}, issues[${j}]`;
        if (truncatedChangelog(raw)) {
          const r = raw as { id?: unknown; key?: unknown; changelog: Record<string, unknown> };
          const histories = await api.changelog(String(r.id ?? r.key));
          r.changelog = { startAt: 0, maxResults: histories.length, total: Math.max(histories.length, Number(r.changelog.total)), histories };
        }
        const norm = normalizeJiraIssue(raw, { where, names, siteUrl: baseUrl });
        // Offset paging can repeat an issue that moved between pages; the first copy is as fresh as this sync needs.
        if (seen.has(norm.item.externalId)) continue;
        seen.add(norm.item.externalId);
        categories.learn(norm.categories);
        session.item(norm.item);
        for (const w of norm.warnings) session.warn(w);
        done++;
      }
      await session.progress('issues', done, p.total);
    }
    if (api.waits.count > 0) {
      session.warn(`Jira limited the request rate ${api.waits.count} times; the import waited ${Math.round(api.waits.ms / 1000)} s in all`);
    }
    saveStatusCategories(db, JIRA_SOURCE, categories.all());
    session.checkCancelled();
    setSyncState(db, key, syncedAt, null);
  });
}
