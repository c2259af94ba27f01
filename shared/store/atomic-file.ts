// Writing a file at a path the user named (a report, an exported map, a new workspace), or beside one.
// The content goes to a sibling file created exclusively under a random name (O_CREAT|O_EXCL, so a symlink or
// file planted at a guessable `OUT.partial` is never followed or reused), is flushed, then renamed over the
// target: a reader sees the old file or the whole new one, and a symlink at the target itself is replaced, not
// written through. Node only.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A fresh, unpredictable path in the target's folder (nothing there yet, not even a dangling symlink). */
export function siblingTempPath(target: string): string {
  const abs = path.resolve(target);
  for (;;) {
    const candidate = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(8).toString('hex')}.partial`);
    if (!lstatExists(candidate)) return candidate;
  }
}

/** Whether anything, a dangling symlink included, is at `file`. */
export function lstatExists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o666): void {
  const tmp = siblingTempPath(target);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.resolve(target));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Copies `source` to a fresh sibling of `target` (exclusively created), flushed; returns that path. */
export function copyToSiblingTemp(source: string, target: string): string {
  const tmp = siblingTempPath(target);
  fs.copyFileSync(source, tmp, fs.constants.COPYFILE_EXCL);
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}
