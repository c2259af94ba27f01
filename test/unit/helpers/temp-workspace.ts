import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A private temp folder for one test file; `cleanup` removes it. */
export function tempDir(prefix = 'flowmap-test-'): { dir: string; file(name: string): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
