// The GitHub REST client of the live importer: @octokit/rest with the throttling plugin (waits out primary
// and secondary rate limits a bounded number of times) and the retry plugin (server errors), and the
// translation of HTTP failures into messages that name the repository and never the token. Node only.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { FlowmapError } from '../domain/errors.ts';
import { cancelledError } from './json-shape.ts';

export const GithubOctokit = Octokit.plugin(throttling, retry);
export type GithubClient = InstanceType<typeof GithubOctokit>;

export const DEFAULT_GITHUB_API = 'https://api.github.com';

export interface GithubClientOptions {
  token: string;
  /** GitHub Enterprise (`https://ghe.example.com/api/v3`) or a test server; default api.github.com. */
  baseUrl?: string;
  /** How often one request may wait out a rate limit before the import gives up. */
  rateLimitRetries?: number;
  /** A rate limit that resets later than this is reported rather than waited for (default 15 minutes). */
  maxRateLimitWaitSeconds?: number;
  /** Told before each wait, so a progress line can say why nothing moves. */
  onRateLimitWait?: (seconds: number) => void;
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const retries = options.rateLimitRetries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 15 * 60;
  const onLimit = (retryAfter: number, _req: unknown, _octokit: unknown, retryCount: number): boolean => {
    if (retryCount >= retries || retryAfter > maxWait) return false;
    options.onRateLimitWait?.(retryAfter);
    return true;
  };
  const quiet = () => {};
  return new GithubOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API).replace(/\/+$/, ''),
    userAgent: 'flowmap-vsm',
    // Octokit logs request failures to the console itself; the importer reports them as FlowmapErrors.
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit },
    // Rate limits (403/429) are the throttling plugin's to wait out; the retry plugin handles server errors.
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  });
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; url?: string };
  request?: { method?: string; url?: string };
}

/** An Octokit failure as a FlowmapError about `owner/repo`. Messages are built here, never from request headers. */
export function githubError(e: unknown, repo: string, apiUrl: string): FlowmapError {
  if (e instanceof FlowmapError) return e;
  const err = e as HttpErrorLike;
  const status = typeof err.status === 'number' ? err.status : undefined;
  const headers = err.response?.headers ?? {};
  const where = apiUrl === DEFAULT_GITHUB_API ? 'GitHub' : `GitHub at ${apiUrl}`;
  if ((e as Error)?.name === 'AbortError') return cancelledError();
  if (status === 401) {
    return new FlowmapError(
      'unauthorized',
      `${where} refused the token for ${repo} (401 Bad credentials): set GITHUB_TOKEN (or GH_TOKEN) to a valid personal access token`,
    );
  }
  const path = pathOf(err.request?.url);
  // A 404 on a repository-wide list means the repository (or the token's access to it); on one item's
  // sub-list it is about that item and is reported below with its path.
  if (status === 404 && (path === '' || /\/repos\/[^/]+\/[^/]+\/[\w-]+$/.test(path))) {
    return new FlowmapError(
      'not-found',
      `${where}: repository ${repo} not found, or the token cannot read it (404); check the name and that the token has access to it`,
    );
  }
  if ((status === 403 || status === 429) && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(err.message ?? ''))) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? `; it resets at ${new Date(reset * 1000).toISOString()}` : '';
    return new FlowmapError(
      'import-failed',
      `${where}: the API rate limit is used up while importing ${repo}${when}; run the import again later (it continues from the last sync)`,
    );
  }
  if (status === 403) {
    return new FlowmapError(
      'unauthorized',
      `${where}: the token may not read ${repo} (403 ${firstLine(err.message)}); give it read access to the repository's contents, issues and pull requests`,
    );
  }
  // Octokit reports a failed connection as status 500 without a response; that is not GitHub's answer.
  if (status !== undefined && err.response !== undefined)
    return new FlowmapError('import-failed', `${where}: ${err.request?.method ?? 'GET'} ${path} for ${repo} failed (${status} ${firstLine(err.message)})`);
  return new FlowmapError('import-failed', `${where}: cannot reach the API for ${repo}: ${firstLine((e as Error)?.message ?? String(e))}`);
}

const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0]!.slice(0, 200);

/** The request path without its query string (queries hold nothing secret, but they are noise). */
function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0]!;
  }
}
