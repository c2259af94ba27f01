// The Jira REST calls a live import makes, through jira.js (Cloud: REST v3 and the enhanced JQL search;
// Server/Data Center: REST v2 and offset search), with retries on rate limits and errors a user can act on.
// Errors never carry the token: messages are built here from the status, the URL and Jira's own text,
// never from the HTTP library's error (whose request config holds the Authorization header). Node only.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Version2Client, Version3Client } from 'jira.js';
import { FlowmapError } from '../domain/errors.ts';
import { isObj, cancelledError } from './json-shape.ts';

export type JiraDeployment = 'cloud' | 'server';

export interface JiraConnection {
  /** Site root, no trailing slash, e.g. https://acme.atlassian.net or https://jira.acme.com/jira. */
  baseUrl: string;
  deployment: JiraDeployment;
  /** Cloud: the Atlassian account email (basic auth with an API token). Server: a user name, if given. */
  email?: string;
  /** Cloud API token, or (Server without email) a personal access token sent as Bearer. */
  token: string;
}

export interface RetryPolicy {
  /** Retries of one request after 429/503 before giving up. */
  maxRetries: number;
  /** Longest single wait, whatever Retry-After asks for. */
  maxWaitMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, maxWaitMs: 60_000 };
/** A request that takes longer than this is abandoned (a hung proxy must not hang the import forever). */
const REQUEST_TIMEOUT_MS = 120_000;

export interface JiraSearchPage {
  issues: unknown[];
  /** Field id → name (expand=names): how the normalizer finds Flagged and Epic Link. */
  names?: Record<string, string>;
  /** Server/Data Center only: the enhanced Cloud search does not count. */
  total?: number;
}

export interface JiraApi {
  search(jql: string, pageSize: number): AsyncGenerator<JiraSearchPage>;
  /** Every history of one issue, oldest first. */
  changelog(issueId: string): Promise<unknown[]>;
  /** The user's profile time zone, in which Jira reads JQL dates; null when Jira does not say. */
  userTimeZone(): Promise<string | null>;
  /** Rate-limit waits so far, reported as a warning. */
  readonly waits: { count: number; ms: number };
}

/** Milliseconds to wait before retrying: Retry-After in seconds or as an HTTP date, else 1 s, 2 s, 4 s, … */
export function retryDelayMs(retryAfter: unknown, attempt: number, now: number): number {
  if (typeof retryAfter === 'string' && retryAfter.trim() !== '') {
    const s = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
    const at = Date.parse(s);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return 1000 * 2 ** attempt;
}

/** What a failed request tells us, from a jira.js HttpException (HTTP status) or an axios network error. */
interface Failure {
  status: number | null;
  headers: Record<string, unknown>;
  data: unknown;
  code: string | null;
}
function failureOf(e: unknown): Failure {
  const err = e as { status?: unknown; code?: unknown; cause?: { response?: { headers?: unknown; data?: unknown } }; response?: { status?: unknown } };
  const response = err.cause?.response;
  const status = typeof err.status === 'number' && response ? err.status : typeof err.response?.status === 'number' ? err.response.status : null;
  return {
    status,
    headers: isObj(response?.headers) ? (response.headers as Record<string, unknown>) : {},
    data: response?.data,
    code: typeof err.code === 'string' ? err.code : null,
  };
}

/** Jira's own explanation from an error body: errorMessages and errors, or a short text, or what the page is. */
function jiraText(data: unknown): string {
  if (isObj(data)) {
    const msgs = [...(Array.isArray(data.errorMessages) ? data.errorMessages : []), ...(isObj(data.errors) ? Object.values(data.errors) : [])];
    return msgs.map(String).join('; ');
  }
  if (typeof data !== 'string') return '';
  if (/^\s*<(!doctype|html|head|body)/i.test(data)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(data)?.[1]?.trim();
    return `an HTML page${title ? ` ("${title.slice(0, 80)}")` : ''}`;
  }
  return data.trim().slice(0, 200);
}

export function createJiraErrors(conn: JiraConnection) {
  const where = (path: string) => `Jira at ${conn.baseUrl} (${path})`;
  /** The token never appears in a message, even if a server echoes it back. */
  const redact = (s: string) => (conn.token.length >= 4 ? s.split(conn.token).join('[token]') : s);
  const credentialHint =
    conn.deployment === 'cloud'
      ? 'check the account email and the API token'
      : conn.email
        ? 'check the user name and password or token'
        : 'check the personal access token';

  function toError(e: unknown, path: string, attempts: number): FlowmapError {
    if (e instanceof FlowmapError) return e;
    const f = failureOf(e);
    const said = redact(jiraText(f.data));
    const tail = said ? `: ${said}` : '';
    switch (f.status) {
      case null:
        if (f.code === 'ERR_CANCELED') return cancelledError();
        if (f.code === 'ECONNABORTED' || f.code === 'ETIMEDOUT')
          return new FlowmapError('import-failed', `${where(path)} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s; try again later`);
        return new FlowmapError(
          'import-failed',
          `could not reach ${where(path)}: ${f.code ?? redact((e as Error)?.message ?? String(e))}; check the URL and the network`,
        );
      case 400:
        return new FlowmapError('invalid-input', `${where(path)} rejected the request (400 Bad Request)${tail || '; check the JQL'}`);
      case 401:
        return new FlowmapError('unauthorized', `${where(path)} refused the credentials (401 Unauthorized); ${credentialHint}`);
      case 403: {
        const captcha = /AUTHENTICATION_DENIED/i.test(String(f.headers['x-seraph-loginreason'] ?? ''));
        return new FlowmapError(
          'unauthorized',
          captcha
            ? `${where(path)} wants a CAPTCHA after failed sign-ins (403 Forbidden); sign in once in a browser, then retry`
            : `${where(path)} denied access (403 Forbidden)${tail}; the account may lack permission to browse these projects`,
        );
      }
      case 404:
        return new FlowmapError(
          'not-found',
          `${where(path)} was not found (404 Not Found)${tail}; check the URL is the Jira site root${conn.deployment === 'cloud' ? ' and, for Jira Server or Data Center, choose the server deployment' : ''}`,
        );
      case 429:
      case 503:
        return new FlowmapError('import-failed', `${where(path)} is still limiting requests (${f.status}) after ${attempts} retries${tail}; try again later`);
      default:
        return new FlowmapError('import-failed', `${where(path)} answered ${f.status}${tail}`);
    }
  }

  return { toError, redact };
}

/**
 * Runs one request, retrying on 429 (rate limited) and 503 (overloaded) as Jira asks with Retry-After,
 * each wait capped, a bounded number of times; the wait ends early when the import is cancelled.
 */
function createRequester(conn: JiraConnection, retry: RetryPolicy, signal: AbortSignal | undefined, now: () => number) {
  const { toError } = createJiraErrors(conn);
  const waits = { count: 0, ms: 0 };
  async function request<T>(path: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw cancelledError();
      try {
        return await fn();
      } catch (e) {
        if (signal?.aborted) throw cancelledError();
        const f = failureOf(e);
        if ((f.status === 429 || f.status === 503) && attempt < retry.maxRetries) {
          const wait = Math.min(retryDelayMs(f.headers['retry-after'], attempt, now()), retry.maxWaitMs);
          waits.count++;
          waits.ms += wait;
          try {
            await sleep(wait, undefined, signal ? { signal } : {});
          } catch {
            throw cancelledError();
          }
          continue;
        }
        throw toError(e, path, attempt);
      }
    }
  }
  return { request, waits };
}

function checkPage(page: unknown, conn: JiraConnection, path: string): { issues: unknown[]; names?: Record<string, string> } {
  if (isObj(page) && Array.isArray(page.issues)) {
    return { issues: page.issues, ...(isObj(page.names) ? { names: page.names as Record<string, string> } : {}) };
  }
  const what =
    typeof page === 'string'
      ? jiraText(page) || 'text'
      : isObj(page)
        ? `an object with keys ${Object.keys(page).slice(0, 6).join(', ')}`
        : JSON.stringify(page)?.slice(0, 60);
  throw new FlowmapError('import-failed', `Jira at ${conn.baseUrl} (${path}) answered with ${what}, not search results; check the URL is the Jira site root`);
}

/** Search fields: what the normalizer reads (the enhanced Cloud search returns only ids unless asked). */
const FIELDS = ['*navigable'];
const EXPAND = 'changelog,names';

export async function connectJira(
  conn: JiraConnection,
  options: { signal?: AbortSignal; retry?: Partial<RetryPolicy>; now?: () => number } = {},
): Promise<JiraApi> {
  // Loaded on first use: the CLI's other commands and app start-up need none of jira.js.
  const { Version2Client, Version3Client } = await import('jira.js');
  const { request, waits } = createRequester(conn, { ...DEFAULT_RETRY, ...options.retry }, options.signal, options.now ?? Date.now);
  const baseRequestConfig = { timeout: REQUEST_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) };
  const host = conn.baseUrl;
  // Basic auth with email + API token (Cloud) or user name + password (old Server); else a Bearer token (Server PAT).
  const client = (Kind: typeof Version2Client | typeof Version3Client) =>
    conn.email
      ? new Kind({ host, baseRequestConfig, authentication: { basic: { email: conn.email, apiToken: conn.token } } })
      : new Kind({ host, baseRequestConfig, authentication: { oauth2: { accessToken: conn.token } } });

  if (conn.deployment === 'cloud') {
    const v3 = client(Version3Client) as Version3Client;
    return {
      waits,
      async *search(jql, pageSize) {
        const path = '/rest/api/3/search/jql';
        let nextPageToken: string | undefined;
        const seen = new Set<string>();
        do {
          const page = await request(path, () =>
            v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch<unknown>({ jql, nextPageToken, maxResults: pageSize, fields: FIELDS, expand: EXPAND }),
          );
          yield checkPage(page, conn, path);
          const p = page as { nextPageToken?: unknown; isLast?: unknown };
          nextPageToken = p.isLast === true || typeof p.nextPageToken !== 'string' ? undefined : p.nextPageToken;
          // A token seen before would page forever.
          if (nextPageToken !== undefined && seen.has(nextPageToken))
            throw new FlowmapError('import-failed', `Jira at ${conn.baseUrl} (${path}) returned the same page token twice`);
          if (nextPageToken !== undefined) seen.add(nextPageToken);
        } while (nextPageToken !== undefined);
      },
      async changelog(issueId) {
        const path = `/rest/api/3/issue/${issueId}/changelog`;
        const histories: unknown[] = [];
        for (;;) {
          const page = (await request(path, () =>
            v3.issues.getChangeLogs<unknown>({ issueIdOrKey: encodeURIComponent(issueId), startAt: histories.length, maxResults: 100 }),
          )) as { values?: unknown; isLast?: unknown; total?: unknown };
          if (!isObj(page) || !Array.isArray(page.values))
            throw new FlowmapError('import-failed', `Jira at ${conn.baseUrl} (${path}) answered with something other than a changelog page`);
          histories.push(...page.values);
          const total = typeof page.total === 'number' ? page.total : Infinity;
          if (page.values.length === 0 || page.isLast === true || histories.length >= total) return histories;
        }
      },
      async userTimeZone() {
        const me = await request('/rest/api/3/myself', () => v3.myself.getCurrentUser<unknown>());
        return isObj(me) && typeof me.timeZone === 'string' ? me.timeZone : null;
      },
    };
  }

  const v2 = client(Version2Client) as Version2Client;
  return {
    waits,
    async *search(jql, pageSize) {
      const path = '/rest/api/2/search';
      let startAt = 0;
      for (;;) {
        const raw = await request(path, () =>
          v2.issueSearch.searchForIssuesUsingJql<unknown>({ jql, startAt, maxResults: pageSize, fields: FIELDS, expand: EXPAND }),
        );
        const page = checkPage(raw, conn, path);
        const total = (raw as { total?: unknown }).total;
        yield { ...page, ...(typeof total === 'number' ? { total } : {}) };
        // Jira may return fewer than asked (its own maxResults cap): advance by what came back.
        startAt += page.issues.length;
        if (page.issues.length === 0 || typeof total !== 'number' || startAt >= total) return;
      }
    },
    async changelog(issueId) {
      // Server/Data Center has no paged changelog resource; the issue resource embeds the whole changelog.
      const path = `/rest/api/2/issue/${issueId}`;
      const issue = (await request(path, () =>
        v2.issues.getIssue<unknown>({ issueIdOrKey: encodeURIComponent(issueId), expand: 'changelog', fields: ['created'] }),
      )) as {
        changelog?: { histories?: unknown };
      };
      const histories = issue?.changelog?.histories;
      if (!Array.isArray(histories)) throw new FlowmapError('import-failed', `Jira at ${conn.baseUrl} (${path}) answered without a changelog`);
      return histories;
    },
    async userTimeZone() {
      const me = await request('/rest/api/2/myself', () => v2.myself.getCurrentUser<unknown>());
      return isObj(me) && typeof me.timeZone === 'string' ? me.timeZone : null;
    },
  };
}
