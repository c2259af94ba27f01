// Where the built UI lives relative to this package, whether run from source (tsx), from the prebuilt
// bundle (dist-cli/) or installed: the nearest folder upwards that holds the package's package.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

export const PACKAGE_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const RENDERER_DIST = path.join(PACKAGE_ROOT, 'dist', 'renderer');
