// Which web addresses may become a link out of the app: an item's Jira or GitHub page, and whatever the
// Electron shell hands to the OS browser. Imported files and workspace files are untrusted, so every layer that
// stores, returns or draws an item's page asks this one check. Browser-safe: the WHATWG URL global only.

/** Longer addresses are refused: no real issue page needs more, and a huge one is a payload, not a link. */
export const MAX_WEB_URL_LENGTH = 4096;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > MAX_WEB_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** http(s) with a host and no embedded user name or password (what the Electron shell may consider at all). */
export function isWebUrl(url: unknown): boolean {
  const u = parse(url);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
}

/**
 * The address as a link may carry it (normalised by the URL parser), or null: only https with a host and no
 * credentials. javascript:, data:, file:, plain http and `https://user:pw@…` are all null, so nothing built
 * from imported text can become a clickable link of another kind.
 */
export function safeHttpsUrl(url: unknown): string | null {
  const u = parse(url);
  if (u === null || u.protocol !== 'https:' || u.hostname === '' || u.username !== '' || u.password !== '') return null;
  return u.href.length > MAX_WEB_URL_LENGTH ? null : u.href;
}

/**
 * A Jira issue's web page, `<site>/browse/<KEY>`, from the site the issue came from: its `self` REST address
 * (whose path up to `/rest/` is the site root, context path included: `https://issues.apache.org/jira`) or a
 * live import's site URL. Null when the site is not a safe https address.
 */
export function jiraBrowseUrl(site: { self?: unknown; baseUrl?: string }, key: string): string | null {
  const from = site.baseUrl ?? site.self;
  // The whole address must pass, not just the origin kept from it: `https://user:pw@host/…` gives no link.
  if (safeHttpsUrl(from) === null || key === '') return null;
  const u = new URL(from as string);
  let path = u.pathname.replace(/\/+$/, '');
  if (site.baseUrl === undefined) {
    const at = u.pathname.indexOf('/rest/');
    if (at < 0) return null;
    path = u.pathname.slice(0, at);
  }
  return safeHttpsUrl(`${u.origin}${path}/browse/${encodeURIComponent(key)}`);
}
