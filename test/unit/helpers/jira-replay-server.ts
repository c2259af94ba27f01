// A stand-in Jira on 127.0.0.1 (port 0) that replays recorded issues the way Jira serves them: the Cloud
// enhanced JQL search (nextPageToken) and paged changelog resource, the Server/Data Center offset search and
// issue resource, /myself, error bodies as Jira sends them, and scripted one-shot answers (429, 503, …)
// in front of the real ones. Every request is logged with its Authorization header. Never the internet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Issue = Record<string, unknown>;
interface History {
  id: string;
  created: string;
}

export interface ScriptedAnswer {
  /** Matched against the path (no query); used once, in order. */
  match: RegExp;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface ReplayOptions {
  issues: Issue[];
  /** The one Authorization header this Jira accepts. */
  authorization: string;
  /** Histories a search embeds per issue (the newest ones); the changelog resource has them all. */
  embedLimit?: number;
  /** Largest page the search serves, whatever maxResults asks (Jira caps it too). */
  searchPageCap?: number;
  changelogPageCap?: number;
  timeZone?: string;
  /** Which issues a JQL query matches (default: all). */
  select?: (jql: string, issues: Issue[]) => Issue[];
  script?: ScriptedAnswer[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export interface ReplayServer {
  url: string;
  requests: LoggedRequest[];
  options: ReplayOptions;
  close(): Promise<void>;
}

const byCreated = (a: History, b: History) =>
  Date.parse(a.created.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) - Date.parse(b.created.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) || Number(a.id) - Number(b.id);

function historiesOf(issue: Issue): History[] {
  return [...((issue.changelog as { histories: History[] }).histories ?? [])].sort(byCreated);
}

/** An issue as a search returns it: the changelog cut to the newest `limit` histories, with the true total. */
function asSearched(issue: Issue, limit: number): Issue {
  const all = historiesOf(issue);
  const histories = all.slice(Math.max(0, all.length - limit));
  return { ...issue, changelog: { startAt: 0, maxResults: histories.length, total: all.length, histories } };
}

export async function startJiraReplay(options: ReplayOptions): Promise<ReplayServer> {
  const requests: LoggedRequest[] = [];
  // Read live, so a test can queue answers between imports.
  const script = (options.script ??= []);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, authorization: req.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8', ...headers });
      res.end(text);
    };
    const o = options;
    if (req.headers.authorization !== o.authorization) {
      // What Jira Cloud answers to a wrong API token.
      send(401, 'Client must be authenticated to access this resource.', { 'www-authenticate': 'OAuth realm="https%3A%2F%2Fexample.atlassian.net"' });
      return;
    }
    const scripted = script.findIndex((s) => s.match.test(u.pathname));
    if (scripted >= 0) {
      const [s] = script.splice(scripted, 1);
      send(s!.status, s!.body, s!.headers);
      return;
    }
    const int = (name: string, dflt: number) => (u.searchParams.has(name) ? Number(u.searchParams.get(name)) : dflt);
    const matching = () => (o.select ?? ((_: string, all: Issue[]) => all))(u.searchParams.get('jql') ?? '', o.issues);
    const embed = o.embedLimit ?? 100;
    const find = (idOrKey: string) => o.issues.find((i) => i.id === idOrKey || i.key === idOrKey);
    let m: RegExpExecArray | null;

    if (u.pathname === '/rest/api/3/search/jql' || u.pathname === '/rest/api/2/search/jql') {
      const all = matching();
      const start = u.searchParams.has('nextPageToken') ? Number(Buffer.from(u.searchParams.get('nextPageToken')!, 'base64url').toString()) : 0;
      const size = Math.min(int('maxResults', 50), o.searchPageCap ?? 100);
      const issues = all.slice(start, start + size).map((i) => asSearched(i, embed));
      const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
      send(200, { issues, names: {}, ...(next ? { nextPageToken: next } : {}), isLast: next === undefined });
    } else if (u.pathname === '/rest/api/2/search') {
      const all = matching();
      const startAt = int('startAt', 0);
      const size = Math.min(int('maxResults', 50), o.searchPageCap ?? 50);
      send(200, {
        expand: 'names,schema',
        startAt,
        maxResults: size,
        total: all.length,
        issues: all.slice(startAt, startAt + size).map((i) => asSearched(i, embed)),
        names: {},
      });
    } else if ((m = /^\/rest\/api\/3\/issue\/([^/]+)\/changelog$/.exec(u.pathname))) {
      const issue = find(decodeURIComponent(m[1]!));
      if (!issue) return send(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      const all = historiesOf(issue);
      const startAt = int('startAt', 0);
      const size = Math.min(int('maxResults', 100), o.changelogPageCap ?? 100);
      const values = all.slice(startAt, startAt + size);
      send(200, { self: `${u.origin}${u.pathname}`, maxResults: size, startAt, total: all.length, isLast: startAt + values.length >= all.length, values });
    } else if ((m = /^\/rest\/api\/2\/issue\/([^/]+)$/.exec(u.pathname))) {
      const issue = find(decodeURIComponent(m[1]!));
      if (!issue) return send(404, { errorMessages: ['Issue Does Not Exist'], errors: {} });
      const histories = historiesOf(issue);
      send(200, {
        id: issue.id,
        key: issue.key,
        fields: { created: (issue.fields as Issue).created },
        changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
      });
    } else if (u.pathname === '/rest/api/3/myself' || u.pathname === '/rest/api/2/myself') {
      send(200, { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Replay User', active: true, ...(o.timeZone ? { timeZone: o.timeZone } : {}) });
    } else {
      send(404, '<!DOCTYPE html><html><head><title>Oops, you&#39;ve found a dead link. - JIRA</title></head><body></body></html>', {
        'content-type': 'text/html;charset=UTF-8',
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
