// A local stand-in for the GitHub REST API on 127.0.0.1 (port 0): it answers from recorded or fixture data,
// paginates lists with real `link` headers pointing back at itself, and records every request it gets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayRequest {
  method: string;
  /** Path with query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export type ReplayHandler = (req: ReplayRequest, origin: string) => ReplayResponse | undefined;

export interface ReplayServer {
  origin: string;
  requests: ReplayRequest[];
  close(): Promise<void>;
}

export async function startReplay(handler: ReplayHandler): Promise<ReplayServer> {
  const requests: ReplayRequest[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', origin);
    const r: ReplayRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path: u.pathname, query: u.searchParams, headers: req.headers };
    requests.push(r);
    let out: ReplayResponse | undefined;
    try {
      out = handler(r, origin);
    } catch (e) {
      out = { status: 500, body: { message: String(e) } };
    }
    out ??= { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    res.writeHead(out.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...out.headers });
    res.end(JSON.stringify(out.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One page of `rows` as GitHub serves it: `page` from the query (1-based), at most `pageSize` rows whatever
 * `per_page` asks (so small fixtures still span pages), and a `link` header with next/last/prev/first.
 */
export function paged(req: ReplayRequest, origin: string, rows: unknown[], pageSize = 10): ReplayResponse {
  const page = Number(req.query.get('page') ?? '1');
  const size = Math.min(pageSize, Number(req.query.get('per_page') ?? '30'));
  const last = Math.max(1, Math.ceil(rows.length / size));
  const at = (p: number) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    return `<${origin}${req.path}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return { body: rows.slice((page - 1) * size, page * size), headers: links.length ? { link: links.join(', ') } : {} };
}
