// Numbered schema migrations. Each runs once, in order, inside one transaction with the
// `PRAGMA user_version` stamp, so a workspace is always at exactly one schema version.
import type { Database } from 'better-sqlite3';
import { up as m001 } from './001-initial.ts';
import { up as m002 } from './002-imports.ts';
import { up as m003 } from './003-map-revisions.ts';
import { up as m006 } from './006-future-states.ts';

// In number order: a migration's place in this list is the user_version it stamps.
export const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [m001, m002, m003, m006];
export const SCHEMA_VERSION = MIGRATIONS.length;
