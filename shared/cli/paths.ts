// Where the built UI lives relative to this package, whether run from source (tsx) or installed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIST = path.join(PACKAGE_ROOT, 'dist', 'renderer');
