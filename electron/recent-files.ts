// The Open Recent list, kept as JSON in userData. No `electron` import (unit-tested on plain Node).
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../shared/store/atomic-file.ts';

export const RECENT_MAX = 10;

/** `file` first, without duplicates, at most `max` entries. */
export function pushRecent(list: readonly string[], file: string, max = RECENT_MAX): string[] {
  const resolved = path.resolve(file);
  return [resolved, ...list.filter((f) => f !== resolved)].slice(0, max);
}

/** The stored list; anything unreadable or malformed counts as empty (it is only a convenience). */
export function loadRecent(storeFile: string): string[] {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(storeFile, 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)).slice(0, RECENT_MAX);
  } catch {
    return [];
  }
}

export function saveRecent(storeFile: string, list: readonly string[]): void {
  fs.mkdirSync(path.dirname(storeFile), { recursive: true });
  writeFileAtomic(storeFile, JSON.stringify(list, null, 2), 0o600);
}

/** The entries whose files still exist (what the menu shows). */
export function existingRecent(list: readonly string[]): string[] {
  return list.filter((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
}
