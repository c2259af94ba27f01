// Pure decisions the main process makes about URLs and files. No `electron` import, so unit tests run on
// plain Node (the Electron binary is not needed to test what the shell allows and refuses).
import fs from 'node:fs';
import path from 'node:path';
import { securityHeaders } from '../shared/http/static-files.ts';
import { contentTypeFor } from '../shared/http/content-types.ts';
import { isWebUrl } from '../shared/domain/web-links.ts';

/** The renderer's origin: a custom, privileged, standard scheme served by `protocol.handle`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'flowmap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for `app://flowmap/...` exactly: our scheme, our host, no credentials, no port. */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * What `openExternal` may consider: plain http(s) links with a host and no embedded credentials (the gate in
 * external-links.ts then lets https only). The check itself lives in shared/domain, where the importers, the
 * core and the renderer ask it too.
 */
export const isSafeExternalUrl = isWebUrl;

export { contentTypeFor };

/** Headers of every app:// response: the host's strict CSP and hardening headers, plus the content type. */
export function appResponseHeaders(file: string | null): Record<string, string> {
  return { ...securityHeaders(), 'content-type': file === null ? 'text/plain; charset=utf-8' : contentTypeFor(file) };
}

const inside = (root: string, file: string) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * Maps an `app://flowmap/...` request URL onto a file under `root` (the built renderer), lexically:
 * null for any other origin, encoded traversal, NUL bytes, backslashes or a path that leaves `root`.
 * `/` is `index.html`; query and hash are ignored.
 */
export function resolveAppPath(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const { pathname } = new URL(url);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  // URL parsing already collapses `/../`; the decoded form may still hold `..` segments (`%2e%2e`, `%2f`).
  if (rel.split('/').some((seg) => seg === '..')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  return inside(base, file) ? file : null;
}

/**
 * `resolveAppPath`, then the file system: the target must exist, be a regular file and, after symlinks
 * are resolved, still lie inside `root`.
 */
export function resolveAppFile(root: string, url: string): string | null {
  const file = resolveAppPath(root, url);
  if (file === null) return null;
  try {
    const real = fs.realpathSync(file);
    const realRoot = fs.realpathSync(root);
    if (!inside(realRoot, real)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * The workspace a command line names: the first argument (after Electron's own) that ends in `.vsm` and is
 * not a switch. Chromium may reorder switches, and a second instance's argv arrives whole, so we search.
 */
export function workspaceFromArgv(argv: readonly string[], skip: number): string | null {
  for (const arg of argv.slice(skip)) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith('.vsm')) return path.resolve(arg);
  }
  return null;
}

/** A path the renderer's drop handler or the OS handed us, acceptable as a workspace to open. */
export function isOpenableWorkspacePath(file: unknown): file is string {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || file.includes('\0')) return false;
  if (!path.isAbsolute(file) || !file.toLowerCase().endsWith('.vsm')) return false;
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
