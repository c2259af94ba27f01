// Opening a workspace file: pragmas, integrity check, migrations with a backup first. Node only.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { FlowmapError } from '../domain/errors.ts';
import { backupWorkspace } from './backups.ts';
import { pendingMigrations, schemaNumber, SCHEMA_VERSION } from './migrations/index.ts';
import { checkSchema } from './schema-check.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when missing (default true). */
  create?: boolean;
}

export function openWorkspace(path: string, options: OpenOptions = {}): Db {
  const exists = fs.existsSync(path);
  if (!exists && options.create === false) throw new FlowmapError('not-found', `workspace ${path} does not exist`);
  let db: Db;
  try {
    db = new Database(path);
  } catch (e) {
    throw new FlowmapError('corrupt', `cannot open workspace ${path}: ${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Functions with side effects never run from a schema (a view, trigger, default or index the file carries).
    db.pragma('trusted_schema = OFF');
    // Read-only checks first: a file we refuse must come out byte-for-byte as it went in.
    refuseNewerSchema(db, path);
    if (exists) checkIntegrity(db, path);
    checkSchema(db, path, db.pragma('user_version', { simple: true }) as number, restoreHint(path));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof FlowmapError) throw e;
    const msg = (e as Error).message;
    if (/file is not a database|malformed/i.test(msg)) {
      throw new FlowmapError('corrupt', `workspace ${path} is not a readable Flowmap workspace: ${msg}; ${restoreHint(path)}`);
    }
    if (/locked|busy/i.test(msg)) throw new FlowmapError('locked', `workspace ${path} is locked by another writer: ${msg}`);
    throw e;
  }
}

const restoreHint = (path: string) =>
  `restore it from its automatic backups with \`vsm backup restore --workspace ${path}\` (see \`vsm backup list\`) or File ▸ Restore from Backup… in the app`;

/**
 * SQLite's integrity report in one short line: it comes as many rows, each of several lines ("*** in database
 * main ***", one line per damaged cell), which would flood a terminal; the first three findings say enough.
 */
export function integrityProblems(report: readonly string[]): string {
  const lines = report
    .flatMap((r) => r.split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'ok' && !/^\*\*\*.*\*\*\*$/.test(l));
  const shown = lines
    .slice(0, 3)
    .map((l) => l.slice(0, 200))
    .join('; ');
  return lines.length > 3 ? `${shown}; and ${lines.length - 3} more` : shown;
}

function checkIntegrity(db: Db, path: string): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new FlowmapError('corrupt', `workspace ${path} failed its integrity check (${integrityProblems(problems)}); ${restoreHint(path)}`);
  }
}

function refuseNewerSchema(db: Db, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (schemaNumber(current) > SCHEMA_VERSION) {
    throw new FlowmapError(
      'newer-schema',
      `workspace ${path} was written by a newer Flowmap (schema ${current}; this version knows up to ${SCHEMA_VERSION}); update Flowmap to open it`,
    );
  }
}

function migrate(db: Db, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === SCHEMA_VERSION) return;
  if (current > 0) backupWorkspace(db, path, `before-migration-${current}-to-${SCHEMA_VERSION}`);
  db.transaction(() => {
    for (const up of pendingMigrations(current)) up(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
