// A workspace file is something people send each other, so its schema is untrusted: a trigger runs SQL on our
// next write, a view standing in for a table runs whatever query it holds (a recursive one never ends), and a
// changed table can carry defaults, checks or generated columns. Before anything reads or writes a file, its
// sqlite_master must hold exactly what our migrations create at its schema version: same objects, same SQL.
// The expected schema is never a hand-kept list: it comes from running the migrations on an in-memory database,
// so every new migration is covered the day it lands. Node only.
import Database from 'better-sqlite3';
import { FlowmapError } from '../domain/errors.ts';
import { appliedMigrations } from './migrations/index.ts';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const MASTER = 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name';
const expectedByVersion = new Map<number, Map<string, SchemaObject>>();
const key = (o: SchemaObject) => `${o.type} ${o.name}`;

/** What the migrations up to `version` (a user_version) create, by `type name`. */
export function expectedSchema(version: number): Map<string, SchemaObject> {
  let known = expectedByVersion.get(version);
  if (!known) {
    const mem = new Database(':memory:');
    try {
      mem.pragma('foreign_keys = ON');
      for (const up of appliedMigrations(version)) up(mem);
      known = new Map((mem.prepare(MASTER).all() as SchemaObject[]).map((o) => [key(o), o]));
    } finally {
      mem.close();
    }
    expectedByVersion.set(version, known);
  }
  return known;
}

const describe = (o: SchemaObject) => `${o.type} \`${o.name.replace(/[^\w.-]/g, '?').slice(0, 80)}\``;

/**
 * Refuses a file whose schema differs from what the migrations create at its `user_version`: an object we do
 * not create (trigger, view, table, index), one of ours missing, or one whose SQL was changed.
 */
export function checkSchema(db: Database.Database, path: string, version: number, restoreHint: string): void {
  const expected = expectedSchema(version);
  const actual = db.prepare(MASTER).all() as SchemaObject[];
  const refuse = (what: string) =>
    new FlowmapError(
      'corrupt',
      `workspace ${path} is not a Flowmap workspace as this version writes it: ${what}. It was not opened, because a workspace's ` +
        `schema can carry SQL that would run as Flowmap reads it; ${restoreHint}, or open a file Flowmap wrote`,
    );
  const seen = new Set<string>();
  for (const o of actual) {
    const k = key(o);
    seen.add(k);
    const mine = expected.get(k);
    if (!mine) throw refuse(`it holds ${o.type === 'index' ? 'an' : 'a'} ${describe(o)} that Flowmap does not create`);
    if (mine.sql !== o.sql || mine.tbl_name !== o.tbl_name)
      throw refuse(`its ${describe(o)} differs from the one Flowmap creates (columns, constraints or definition changed)`);
  }
  for (const [k, o] of expected) if (!seen.has(k)) throw refuse(`its ${describe(o)} is missing`);
}
