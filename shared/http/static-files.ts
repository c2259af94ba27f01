// Serves the built renderer (dist/renderer) with a strict CSP; nothing outside that folder.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor } from './content-types.ts';

/** The same policy the Electron window sets: no inline script, nothing remote. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

const inside = (root: string, file: string) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * The file a URL path names under `root`: 400 for a path that does not decode (a stray `%`) or holds a NUL or a
 * backslash; 404 unless it is a regular file that, with every symlink resolved, still lies inside `root`'s real
 * path (a link planted in the UI folder may not lead out of it), the check the Electron protocol handler makes.
 */
export function resolveStatic(root: string, urlPath: string): { status: 200; file: string } | { status: 400 | 404 } {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return { status: 400 };
  }
  if (rel.includes('\0') || rel.includes('\\')) return { status: 400 };
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  if (!inside(base, file)) return { status: 404 };
  try {
    const real = fs.realpathSync(file);
    if (!inside(fs.realpathSync(base), real) || !fs.statSync(real).isFile()) return { status: 404 };
    return { status: 200, file: real };
  } catch {
    return { status: 404 };
  }
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const found = resolveStatic(root, urlPath);
  if (found.status !== 200) {
    res
      .writeHead(found.status, { 'content-type': 'text/plain', ...securityHeaders() })
      .end(found.status === 400 ? 'bad request: the path is not a valid URL path' : 'not found');
    return;
  }
  res.writeHead(200, { 'content-type': contentTypeFor(found.file), ...securityHeaders() });
  fs.createReadStream(found.file).pipe(res);
}
