// Issue 11, class 4: a `.vsm` someone sends can carry SQL (a trigger, a view standing in for a table, an extra
// or changed table). Each variant starts from a real workspace, plants the object with plain SQLite, and must
// be refused on open with a message naming the object and the restore path, the file left byte-for-byte as it
// was and the planted SQL never run: through openWorkspace, the core, `vsm metrics` and `vsm serve` (which must
// exit at once, not hang), and as a backup to restore.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../shared/store/migrations/index.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { checkBackupFile } from '../../shared/store/restore-workspace.ts';
import { expectedSchema } from '../../shared/store/schema-check.ts';
import { ensureRendererBuilt } from '../e2e/helpers/build.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-schema-');
afterAll(() => tmp.cleanup());

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const INFINITE = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r';

interface Variant {
  name: string;
  /** The object the refusal must name. */
  names: RegExp;
  plant: string;
  /** Stamp a user_version other than the current one (an older file whose migrations would run). */
  version?: number;
}

const variants: Variant[] = [
  {
    name: 'a trigger that renames the map on the next import',
    names: /trigger `rename_on_import`/,
    plant: "CREATE TRIGGER rename_on_import AFTER INSERT ON work_items BEGIN UPDATE maps SET name = 'pwned'; END;",
  },
  { name: 'a trigger on a metadata write', names: /trigger `t2`/, plant: 'CREATE TRIGGER t2 BEFORE UPDATE ON meta BEGIN DELETE FROM status_changes; END;' },
  {
    name: 'a view standing in for a table (an endless recursive query)',
    names: /view `status_changes`/,
    plant: `DROP TABLE status_changes; CREATE VIEW status_changes AS SELECT n AS id, n AS item_id, n AS at, 'a' AS from_status, 'b' AS to_status, 'x' AS source FROM (${INFINITE});`,
  },
  { name: 'an extra view', names: /view `v`/, plant: `CREATE VIEW v AS ${INFINITE};` },
  { name: 'an extra table', names: /table `exfil`/, plant: 'CREATE TABLE exfil (x TEXT);' },
  { name: 'a changed column set (a column added)', names: /table `work_items` differs/, plant: "ALTER TABLE work_items ADD COLUMN evil TEXT DEFAULT 'x';" },
  { name: 'an extra index on an expression', names: /index `by_expr`/, plant: 'CREATE INDEX by_expr ON work_items (length(key) * 2);' },
  { name: 'a missing table', names: /(table|index) `item_links\w*` is missing/, plant: 'DROP TABLE item_links;' },
  {
    name: 'a control character in an object name',
    names: /trigger `x\?\?2Jy`/,
    plant: 'CREATE TRIGGER "x\u001b[2Jy" AFTER INSERT ON meta BEGIN SELECT 1; END;',
  },
  {
    name: 'a trigger in an older workspace, whose migrations would run over it',
    names: /trigger `old`/,
    version: 1,
    plant: "CREATE TRIGGER old AFTER INSERT ON meta BEGIN UPDATE maps SET name = 'pwned'; END;",
  },
  { name: 'an older stamp on a newer schema', names: /(index|table) `\w+` that Flowmap does not create/, version: 1, plant: '' },
];

const files = new Map<string, string>();
beforeAll(() => {
  const demo = tmp.file('demo-source.vsm');
  createDemoWorkspace(demo).close();
  variants.forEach((v, i) => {
    const file = tmp.file(`hostile-${i}.vsm`);
    if (v.version === 1 && v.plant !== '') {
      const raw = new Database(file);
      MIGRATIONS[0]!(raw);
      raw.exec("INSERT INTO maps (name, doc, done_statuses, created_at, updated_at) VALUES ('Delivery', '{}', '[]', 0, 0)");
      raw.pragma('user_version = 1');
      raw.close();
    } else {
      fs.copyFileSync(demo, file);
    }
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec(v.plant);
    if (v.version !== undefined) raw.pragma(`user_version = ${v.version}`);
    raw.close();
    files.set(v.name, file);
  });
}, 60_000);

function refusal(fn: () => unknown): FlowmapError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FlowmapError) return e;
    throw e;
  }
  throw new Error('expected the workspace to be refused');
}

describe('a hostile workspace schema is refused on open', () => {
  it('the expected schema is what the migrations create (a fresh workspace matches it and opens)', () => {
    const file = tmp.file('fresh.vsm');
    openWorkspace(file).close();
    const raw = new Database(file, { readonly: true });
    const actual = raw.prepare('SELECT type, name FROM sqlite_master ORDER BY type, name').all() as Array<{ type: string; name: string }>;
    raw.close();
    expect(actual.map((o) => `${o.type} ${o.name}`)).toEqual([...expectedSchema(SCHEMA_VERSION).keys()].sort());
    expect(actual.some((o) => o.name === 'work_items')).toBe(true);
    // The demo (which writes data and maps) and a reopened workspace pass the same check.
    createDemoWorkspace(tmp.file('demo.vsm')).close();
    openWorkspace(tmp.file('demo.vsm')).close();
    openWorkspace(file).close();
  });

  for (const v of variants) {
    it(`${v.name}: refused by openWorkspace and the core, file untouched, nothing run`, () => {
      const file = files.get(v.name)!;
      const before = sha(file);
      const e = refusal(() => openWorkspace(file));
      expect(e.code).toBe('corrupt');
      expect(e.message).toMatch(v.names);
      expect(e.message).toContain(`vsm backup restore --workspace ${file}`);
      expect(e.message).toContain('File ▸ Restore from Backup');
      expect(e.message).not.toMatch(/\u001b/);
      expect(refusal(() => createCore({ workspacePath: file })).message).toMatch(v.names);
      expect(sha(file)).toBe(before);
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare("SELECT count(*) FROM maps WHERE name = 'pwned'").pluck().get()).toBe(0);
      raw.close();
      // As a backup it is refused before it replaces anything.
      expect(() => checkBackupFile(file)).toThrow(v.names);
    });
  }

  const vsm = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], { cwd: REPO_ROOT, timeout: 60_000 }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string; killed?: boolean }) => ({ code: e.killed ? -1 : e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('`vsm metrics` refuses the view and the trigger with one clear line (no hang, no stack)', async () => {
    for (const name of ['a view standing in for a table (an endless recursive query)', 'a trigger that renames the map on the next import']) {
      const file = files.get(name)!;
      const out = await vsm(['metrics', '--workspace', file, '--json']);
      expect(out.code, name).toBe(2);
      expect(out.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(out.stderr, name).toMatch(variants.find((v) => v.name === name)!.names);
      expect(out.stderr, name).toContain('vsm backup restore');
    }
  }, 120_000);

  it('`vsm serve` refuses to start on them and exits (no hang)', async () => {
    ensureRendererBuilt();
    for (const name of ['a view standing in for a table (an endless recursive query)', 'an extra table']) {
      const out = await vsm(['serve', '--workspace', files.get(name)!]);
      expect(out.code, name).toBe(2);
      expect(out.stdout, name).toBe('');
      expect(out.stderr, name).toMatch(variants.find((v) => v.name === name)!.names);
    }
  }, 120_000);
});
