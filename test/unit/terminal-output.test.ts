// Issue 11, class 6: output that attacks its reader. Control characters (ESC/CSI/OSC, C0, C1, bidi overrides)
// from imported keys, titles, statuses, map names and CSV headers never reach the terminal raw, in human
// output, JSON or errors; every CSV cell a spreadsheet would run as a formula is neutralised; and a file `vsm`
// writes at a user path never goes through a planted `OUT.partial` (or any) symlink.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeJson } from '../../shared/cli/terminal-output.ts';
import { toCsv } from '../../shared/domain/csv.ts';
import { writeFileAtomic } from '../../shared/store/atomic-file.ts';
import { createItemWriter } from '../../shared/store/item-repo.ts';
import { saveMap } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { ensureRendererBuilt } from '../e2e/helpers/build.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-termout-');
afterAll(() => tmp.cleanup());

/** What must never reach a terminal raw (newline, tab and CRLF are allowed). */
const RAW_CONTROL = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const ATTACKS = {
  clearScreen: '\x1b[2J\x1b[H',
  windowTitle: '\x1b]0;pwned\x07',
  hyperlink: '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\',
  c1Csi: '\u009b2J',
  c1Osc: '\u009d0;title\u009c',
  bidi: 'abc\u202edcba\u202c',
  isolate: '\u2066x\u2069',
  overwrite: 'ok\rFAKED',
  bell: 'ding\x07',
  backspace: 'secret\x08\x08\x08',
  del: 'x\x7fy',
  lineSep: 'a\u2028b',
};

describe('terminalSafe and terminalSafeJson', () => {
  for (const [name, attack] of Object.entries(ATTACKS)) {
    it(`shows ${name} as visible escapes`, () => {
      const out = terminalSafe(`before ${attack} after`);
      expect(out).not.toMatch(RAW_CONTROL);
      expect(out.startsWith('before ')).toBe(true);
      const json = terminalSafeJson(JSON.stringify({ v: attack }));
      expect(json).not.toMatch(RAW_CONTROL);
      expect(JSON.parse(json)).toEqual({ v: attack });
    });
  }

  it('keeps newline, tab, CRLF and every printable character', () => {
    const text = 'Ünïcødé 日本語 → ✓\tcol\r\nnext line\n';
    expect(terminalSafe(text)).toBe(text);
    expect(terminalSafe('\x1b')).toBe('\\x1b');
    expect(terminalSafe('\u202e')).toBe('\\u{202e}');
  });

  it('property: no raw control ever comes out, and JSON keeps its value (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(terminalSafe(s)).not.toMatch(RAW_CONTROL);
        const json = terminalSafeJson(JSON.stringify([s, { [s]: s }], null, 2));
        expect(json).not.toMatch(RAW_CONTROL);
        expect(JSON.parse(json)).toEqual([s, { [s]: s }]);
      }),
      { seed: 11_06, numRuns: 2000 },
    );
  });

  it('every write to stdout or stderr under shared/cli goes through terminal-output.ts', () => {
    const dir = path.join(REPO_ROOT, 'shared', 'cli');
    const offenders: string[] = [];
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts') || f === 'terminal-output.ts') continue;
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/process\.(stdout|stderr)\.write|console\.(log|error|warn|info)/.test(line)) offenders.push(`shared/cli/${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders, 'use print / printError / printJson from shared/cli/terminal-output.ts').toEqual([]);
  });
});

describe('CSV cells a spreadsheet would run', () => {
  const FORMULAS = [
    '=1+1',
    '+1',
    '-1+2',
    '@SUM(A1)',
    '\t=x',
    '\r=x',
    '=HYPERLINK("https://evil.example","x")',
    "=cmd|' /C calc'!A0",
    '＝1+1',
    '=1+1\nsecond line',
  ];
  it('get a leading apostrophe; numbers, booleans and plain text are unchanged', () => {
    const csv = toCsv(['text', 'n'], [...FORMULAS.map((f) => [f, -3.5]), ['plain', 0], ['a,b "q"', true], [null, null]]);
    const rows = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n', delimiter: ',' }).data;
    expect(rows[0]).toEqual(['text', 'n']);
    FORMULAS.forEach((f, i) => expect(rows[i + 1]).toEqual([`'${f}`, '-3.5']));
    expect(rows.slice(-3)).toEqual([
      ['plain', '0'],
      ['a,b "q"', 'true'],
      ['', ''],
    ]);
  });
  it('property: a text cell comes back as itself, or with one apostrophe when it starts like a formula (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 5 }), (cells) => {
        const back = Papa.parse<string[]>(
          toCsv(
            cells.map((_, i) => `c${i}`),
            [cells],
          ).slice(0, -2),
          { newline: '\r\n', delimiter: ',' },
        ).data[1]!;
        cells.forEach((c, i) => expect(back[i]).toBe(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(c) ? `'${c}` : c));
      }),
      { seed: 11_6, numRuns: 1000 },
    );
  });
});

const vsm = (args: string[]) =>
  promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('`vsm` output of a workspace full of control characters', () => {
  const ws = tmp.file('hostile.vsm');
  const title = `Title ${ATTACKS.windowTitle}${ATTACKS.clearScreen}${ATTACKS.bidi}`;
  const status = `In ${ATTACKS.c1Csi}Progress`;
  const mapName = `Map ${ATTACKS.hyperlink}${ATTACKS.overwrite}`;
  beforeAll(() => {
    const db = openWorkspace(ws);
    const write = createItemWriter(db);
    const T = Date.UTC(2026, 0, 5);
    db.transaction(() => {
      ['=HYPERLINK("https://evil.example")', `K-1${ATTACKS.clearScreen}`, '@SUM(A1)', '-2+3', `K-${ATTACKS.c1Osc}`].forEach((key, i) =>
        write({
          source: 'test',
          externalId: String(i),
          key,
          type: `Story${ATTACKS.bell}`,
          title,
          createdAt: T,
          initialStatus: 'To Do',
          labels: [],
          changes: [
            { at: T + 3_600_000, from: 'To Do', to: status },
            { at: T + 7_200_000 * (i + 1), from: status, to: 'Done' },
          ],
        }),
      );
    })();
    saveMap(
      db,
      {
        format: 'vsm-map',
        version: 1,
        name: mapName,
        doneStatuses: ['Done'],
        steps: [{ id: 'dev', name: `Dev${ATTACKS.isolate}`, activeStatuses: [status], waitStatuses: ['To Do'] }],
        flows: [],
      },
      T,
    );
    db.close();
  });

  it('human output, JSON, CSV and map list carry no raw control character, and JSON and CSV keep the data', async () => {
    const outs = await Promise.all([
      vsm(['metrics', '--workspace', ws]),
      vsm(['metrics', '--workspace', ws, '--json']),
      vsm(['items', '--workspace', ws, '--json']),
      vsm(['items', '--workspace', ws, '--csv']),
      vsm(['map', 'list', '--workspace', ws]),
      vsm(['map', 'export', mapName, '--workspace', ws]),
    ]);
    for (const o of outs) {
      expect(o.code, o.stderr).toBe(0);
      expect(o.stdout).not.toMatch(RAW_CONTROL);
      expect(o.stderr).not.toMatch(RAW_CONTROL);
    }
    const [human, , itemsJson, itemsCsv, list, exported] = outs;
    expect(human!.stdout).toContain('\\x1b]8;;https://evil.example/');
    expect(list!.stdout).toContain('Map \\x1b]8;;');
    const items = JSON.parse(itemsJson!.stdout) as { items: Array<{ key: string; type: string | null; status: string }> };
    expect(items.items.map((i) => i.key).sort()).toContain(`K-1${ATTACKS.clearScreen}`);
    expect(items.items[0]!.type).toBe(`Story${ATTACKS.bell}`);
    expect((JSON.parse(exported!.stdout) as { name: string }).name).toBe(mapName);
    // The CSV: formula keys neutralised, controls escaped for the terminal.
    const rows = Papa.parse<Record<string, string>>(itemsCsv!.stdout.trimEnd(), { header: true, newline: '\r\n', delimiter: ',' }).data;
    expect(rows.map((r) => r.key).sort()).toEqual(
      ["'-2+3", '\'=HYPERLINK("https://evil.example")', "'@SUM(A1)", 'K-1\\x1b[2J\\x1b[H', 'K-\\x9d0;title\\x9c'].sort(),
    );
  }, 180_000);

  it('errors echoing a CSV header, a file name and a map name are escaped too', async () => {
    const bad = tmp.file(`bad${ATTACKS.clearScreen}.csv`);
    fs.writeFileSync(bad, `ID,Name,Stage${ATTACKS.windowTitle}\nA-1,x,not a date\n`);
    const outs = await Promise.all([
      vsm(['import', 'csv', bad, '--workspace', tmp.file('err.vsm')]),
      vsm(['metrics', '--workspace', ws, '--map', `missing ${ATTACKS.c1Csi}`]),
      vsm(['metrics', '--workspace', tmp.file(`none${ATTACKS.bidi}.vsm`)]),
      vsm(['no-such-command\x1b[2J']),
    ]);
    for (const o of outs) {
      expect(o.code).not.toBe(0);
      expect(o.stderr.length).toBeGreaterThan(0);
      expect(o.stderr).not.toMatch(RAW_CONTROL);
      expect(o.stdout).not.toMatch(RAW_CONTROL);
    }
    expect(outs[0]!.stderr).toContain('\\x1b[2J');
  }, 180_000);
});

describe('files written at a user path never follow a planted symlink', () => {
  const victim = () => {
    const v = tmp.file(`victim-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(v, 'precious');
    return v;
  };
  it('writeFileAtomic: a symlink at OUT.partial (any guessable temp name) and at OUT itself', () => {
    const out = tmp.file('out.json');
    const v1 = victim();
    for (const name of [`${out}.partial`, `${out}.tmp`, `${out}.partial-${process.pid}`]) fs.symlinkSync(v1, name);
    writeFileAtomic(out, 'new');
    expect(fs.readFileSync(v1, 'utf8')).toBe('precious');
    expect(fs.readFileSync(out, 'utf8')).toBe('new');
    const v2 = victim();
    const linked = tmp.file('linked.json');
    fs.symlinkSync(v2, linked);
    writeFileAtomic(linked, 'replaced');
    expect(fs.readFileSync(v2, 'utf8')).toBe('precious');
    expect(fs.lstatSync(linked).isSymbolicLink()).toBe(false);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.partial') && f.startsWith('.'))).toEqual([]);
  });

  it('`vsm map export --out`, `vsm demo --out` and `vsm report --out` with planted symlinks', async () => {
    ensureRendererBuilt();
    const src = tmp.file('demo-src.vsm');
    expect((await vsm(['demo', '--out', src])).code).toBe(0);
    const mapOut = tmp.file('map.json');
    const pdfOut = tmp.file('report.pdf');
    const v = victim();
    fs.symlinkSync(v, `${mapOut}.partial`);
    fs.symlinkSync(v, `${pdfOut}.partial`);
    const demoOut = tmp.file('dangling.vsm');
    fs.symlinkSync(tmp.file('created-through-link.vsm'), demoOut);
    const [map, report, demo] = await Promise.all([
      vsm(['map', 'export', 'Idea to production', '--workspace', src, '--out', mapOut]),
      vsm(['report', '--workspace', src, '--out', pdfOut]),
      vsm(['demo', '--out', demoOut]),
    ]);
    expect(fs.readFileSync(v, 'utf8')).toBe('precious');
    expect(map.code, map.stdout + map.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(mapOut, 'utf8'))).toMatchObject({ format: 'vsm-map' });
    expect(report.code, report.stderr).toBe(0);
    expect(fs.readFileSync(pdfOut).subarray(0, 5).toString()).toBe('%PDF-');
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/already exists/);
    expect(fs.existsSync(tmp.file('created-through-link.vsm'))).toBe(false);
  }, 240_000);
});
