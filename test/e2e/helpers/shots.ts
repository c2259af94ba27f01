// Where E2E screenshots and rendered report pages go. `npm test` must leave the working tree unchanged, so
// by default they land in a temporary folder (printed once so a person can open them); the README's images
// in docs/ are refreshed only by `npm run screenshots`, which sets FLOWMAP_SHOTS_DIR to docs/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let announced = false;

export function shotsDir(): string {
  const dir = process.env.FLOWMAP_SHOTS_DIR ?? path.join(os.tmpdir(), 'flowmap-shots');
  fs.mkdirSync(dir, { recursive: true });
  if (!announced) {
    announced = true;
    console.log(`screenshots: ${dir}`);
  }
  return dir;
}

/** The path for a screenshot called `name` (e.g. 'charts.png'). */
export function shotPath(name: string): string {
  return path.join(shotsDir(), name);
}
