// Numbered schema migrations. Each runs once, in number order, inside one transaction with the
// `PRAGMA user_version` stamp, so a workspace is always at exactly one schema version.
//
// The stamp is the number of the last file applied (007-… stamps 7), never a position in this list: a position
// changes when a migration with a lower number lands on another branch, a file number does not. Numbers only
// grow; a new migration takes the next number above the highest here.
import type { Database } from 'better-sqlite3';
import { up as m001 } from './001-initial.ts';
import { up as m002 } from './002-imports.ts';
import { up as m003 } from './003-map-revisions.ts';
import { up as m006 } from './006-future-states.ts';
import { up as m007 } from './007-change-offsets.ts';
import { up as m008 } from './008-item-urls.ts';
import { up as m009 } from './009-jira-history.ts';
import { up as m010 } from './010-item-snapshots.ts';

// In number order, parallel to MIGRATION_NUMBERS.
export const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [m001, m002, m003, m006, m007, m008, m009, m010];
export const MIGRATION_NUMBERS: ReadonlyArray<number> = [1, 2, 3, 6, 7, 8, 9, 10];
export const SCHEMA_VERSION = MIGRATION_NUMBERS[MIGRATION_NUMBERS.length - 1]!;

/**
 * Flowmap up to migration 006 stamped the count of migrations applied: 001, 002, 003 and 006 gave 4. No file is
 * numbered 4 or 5, so those stamps can only be that older numbering; they read as the file number they stand for.
 */
const POSITIONAL_STAMPS: ReadonlyMap<number, number> = new Map([[4, 6]]);

/** The file number a workspace's user_version stands for. */
export function schemaNumber(userVersion: number): number {
  return POSITIONAL_STAMPS.get(userVersion) ?? userVersion;
}

/** The migrations a workspace at `userVersion` still needs, in order. */
export function pendingMigrations(userVersion: number): Array<(db: Database) => void> {
  const at = schemaNumber(userVersion);
  return MIGRATIONS.filter((_, i) => MIGRATION_NUMBERS[i]! > at);
}

/** The migrations that built a workspace at `userVersion`, in order. */
export function appliedMigrations(userVersion: number): Array<(db: Database) => void> {
  const at = schemaNumber(userVersion);
  return MIGRATIONS.filter((_, i) => MIGRATION_NUMBERS[i]! <= at);
}
