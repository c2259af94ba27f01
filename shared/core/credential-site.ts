// Each token is bound to one site: the origin it may be sent to, fixed when the token is stored (the app) or
// when `vsm` starts (its environment and flags), never by a page. https only; plain http to a loopback address
// only under the explicit test switch FLOWMAP_ALLOW_LOOPBACK_HTTP=1 (the replay servers of the tests).
import { FlowmapError } from '../domain/errors.ts';
import type { CredentialService } from './context.ts';

export const LOOPBACK_HTTP_ENV = 'FLOWMAP_ALLOW_LOOPBACK_HTTP';
export const DEFAULT_GITHUB_API = 'https://api.github.com';
const NAMES: Record<CredentialService, string> = { jira: 'Jira', github: 'GitHub' };

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

export function loopbackHttpAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[LOOPBACK_HTTP_ENV] === '1';
}

/** The origin a token may go to, checked: https (or loopback http under the test switch), no user or password. */
export function siteOrigin(service: CredentialService, url: string, allowLoopbackHttp: boolean): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new FlowmapError('invalid-input', `the ${NAMES[service]} site ${JSON.stringify(url.slice(0, 200))} is not a URL`);
  }
  if (u.username || u.password) throw new FlowmapError('invalid-input', `the ${NAMES[service]} site must not hold a user name or password`);
  const loopbackHttp = u.protocol === 'http:' && isLoopback(u.hostname);
  if (u.protocol !== 'https:' && !(loopbackHttp && allowLoopbackHttp)) {
    throw new FlowmapError(
      'invalid-input',
      `the ${NAMES[service]} site ${u.origin} is not https: a token is only ever sent over https` +
        (loopbackHttp ? ` (plain http to this machine only with ${LOOPBACK_HTTP_ENV}=1, for tests)` : ''),
    );
  }
  return u.origin;
}

/**
 * Refuses, before any request, an import that would send the token anywhere but its own site. `bound` is the
 * site the token was stored or started with; null means it has none yet.
 */
export function checkSite(service: CredentialService, requestedUrl: string, bound: string | null, allowLoopbackHttp: boolean, howToBind: string): void {
  const requested = siteOrigin(service, requestedUrl, allowLoopbackHttp);
  if (bound === null) {
    throw new FlowmapError('unauthorized', `the ${NAMES[service]} token is not bound to a site, so it is not sent to ${requested}: ${howToBind}`);
  }
  const site = siteOrigin(service, bound, allowLoopbackHttp);
  if (site !== requested) {
    throw new FlowmapError(
      'unauthorized',
      `the ${NAMES[service]} token belongs to ${site} and is never sent to another host: this import names ${requested}, refused before any request (${howToBind})`,
    );
  }
}
