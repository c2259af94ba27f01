// Issue 11, class 7: the smaller leaks. An import of any file names the file and the problem, never its
// content; the static server answers a malformed `%` with 400 and follows no symlink out of the UI folder;
// SQLite's own reports reach the terminal as one line without a stack; links leave the app only over https,
// right after a click or key press.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { startHost, type Host } from '../../shared/http/host.ts';
import { resolveStatic } from '../../shared/http/static-files.ts';
import { integrityProblems } from '../../shared/store/open-workspace.ts';
import { createExternalLinkGate, GESTURE_WINDOW_MS } from '../../electron/external-links.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const tmp = tempDir();
let core: Core;

/** Lines shaped like /etc/shadow: what an import of an arbitrary path must never echo. */
const SHADOW = 'root:$6$Zq1saltsalt$hashhashhash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n';

beforeAll(() => {
  const file = tmp.file('demo.vsm');
  core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the import to fail');
    },
    (e: Error) => e.message,
  );

describe('importer errors name the file and the problem, never its content', () => {
  const write = (name: string, text: string) => {
    const file = tmp.file(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('a shadow-like file given to every file importer', async () => {
    const shadow = write('shadow', SHADOW);
    const folder = path.dirname(write('gh/issues.json', SHADOW));
    const jiraDir = path.dirname(write('jira-dir/a.json', SHADOW));
    const cases: Array<[string, () => Promise<unknown>, string]> = [
      ['jira file', () => core.importJiraFiles({ path: shadow }), shadow],
      ['jira folder', () => core.importJiraFiles({ path: jiraDir }), path.join(jiraDir, 'a.json')],
      ['csv', () => core.importCsv({ path: shadow }), shadow],
      ['github folder', () => core.importGithubFiles({ path: folder }), path.join(folder, 'issues.json')],
    ];
    for (const [what, call, named] of cases) {
      const message = await failure(call());
      expect(message, what).toContain(named);
      expect(message, what).not.toMatch(/root|daemon|19000|\$6\$|hash/);
    }
  });

  it('JSON that is not an export: a bare string, an array of secrets, an invalid document, a hostile HTML title', async () => {
    const files = {
      string: write('s.json', JSON.stringify('root:secret-token-1234')),
      strings: write('arr.json', JSON.stringify(['root:secret-token-1234', 'daemon:x'])),
      invalid: write('bad.json', '{"issues": [root:secret-token-1234]}'),
      trailing: write('trail.json', '{"issues": []} root:secret-token-1234'),
      html: write('page.json', '<html><head><title>root:secret-token-1234</title></head></html>'),
    };
    for (const [what, file] of Object.entries(files)) {
      const ghFolder = path.dirname(write(`gh-${what}/issues.json`, fs.readFileSync(file, 'utf8')));
      for (const call of [() => core.importJiraFiles({ path: file }), () => core.importGithubFiles({ path: ghFolder })]) {
        const message = await failure(call());
        expect(message, what).toMatch(/\.json/);
        expect(message, what).not.toMatch(/root|secret|daemon/);
      }
    }
    expect(await failure(core.importJiraFiles({ path: files.strings }))).toMatch(/\[0\]: expected a Jira issue .* got a string of 22 characters/);
    expect(await failure(core.importJiraFiles({ path: files.html }))).toMatch(/this is an HTML page, not JSON/);
  });

  it('a CSV whose header has no ID column says how many columns it has, not what they hold', async () => {
    const file = write('wrong.csv', 'root:secret,daemon:x,more\n1,2,3\n');
    const message = await failure(core.importCsv({ path: file }));
    expect(message).toMatch(/wrong\.csv: line 1 \(header\): no ID column; .* line 1 has 3 columns and none is named ID or Key$/);
    expect(message).not.toMatch(/root|secret|daemon/);
  });

  it('the real /etc/shadow (when this user can read it), a device and a pipe are refused by name', async () => {
    if (fs.existsSync('/etc/shadow')) {
      let readable = true;
      try {
        fs.accessSync('/etc/shadow', fs.constants.R_OK);
      } catch {
        readable = false;
      }
      for (const call of [() => core.importJiraFiles({ path: '/etc/shadow' }), () => core.importCsv({ path: '/etc/shadow' })]) {
        const message = await failure(call());
        expect(message).toContain('/etc/shadow');
        expect(message).not.toMatch(/root:|\$[0-9y]\$|:\d{5}:/);
        if (!readable) expect(message).toMatch(/permission|EACCES|cannot read/i);
      }
    }
    expect(await failure(core.importJiraFiles({ path: '/dev/zero' }))).toBe(
      '/dev/zero: not a regular file (a device, pipe or socket); expected a Jira export file or folder',
    );
    const fifo = tmp.file('pipe');
    execFileSync('mkfifo', [fifo]);
    // Refused before anything opens it (opening a FIFO with no writer would wait forever).
    expect(await failure(core.importCsv({ path: fifo }))).toBe(`${fifo}: not a regular file (a device, pipe or socket); expected a stage-date CSV file`);
  });
});

describe('static files', () => {
  const ui = tmp.file('ui');
  let host: Host;
  beforeAll(async () => {
    fs.mkdirSync(path.join(ui, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>ui</title>');
    fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(tmp.file('outside.txt'), 'outside the UI folder');
    fs.mkdirSync(tmp.file('outside-dir'));
    fs.writeFileSync(tmp.file('outside-dir/secret.js'), 'secret');
    fs.symlinkSync(tmp.file('outside.txt'), path.join(ui, 'leak.txt'));
    fs.symlinkSync(tmp.file('outside-dir'), path.join(ui, 'linked'));
    fs.symlinkSync('/etc/passwd', path.join(ui, 'passwd.js'));
    fs.symlinkSync(path.join(ui, 'assets', 'app.js'), path.join(ui, 'alias.js'));
    host = await startHost({ core, staticDir: ui });
  });
  afterAll(() => host.close());

  it('resolves a path to a real file inside the folder, or says 400 / 404', () => {
    expect(resolveStatic(ui, '/')).toEqual({ status: 200, file: fs.realpathSync(path.join(ui, 'index.html')) });
    expect(resolveStatic(ui, '/assets/app.js').status).toBe(200);
    expect(resolveStatic(ui, '/alias.js')).toEqual({ status: 200, file: fs.realpathSync(path.join(ui, 'assets', 'app.js')) }); // a link that stays inside
    for (const bad of ['/%', '/%zz', '/a%2', '/%E0%A4%A', '/%C0', '/assets/%', '/%5c..%5coutside.txt', '/a%00.js'])
      expect(resolveStatic(ui, bad), bad).toEqual({ status: 400 });
    for (const out of ['/leak.txt', '/linked/secret.js', '/passwd.js', '/..%2foutside.txt', '/assets', '/missing.js'])
      expect(resolveStatic(ui, out), out).toEqual({ status: 404 });
  });

  const get = (p: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: host.port, path: p, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });

  it('over HTTP: a malformed % is 400 (not 500), a symlink out is 404 and its target never served', async () => {
    for (const bad of ['/%', '/%zz.js', '/assets/%E0%A4%A']) {
      const res = await get(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body).toBe('bad request: the path is not a valid URL path');
    }
    for (const out of ['/leak.txt', '/linked/secret.js', '/passwd.js']) {
      const res = await get(out);
      expect(res.status, out).toBe(404);
      expect(res.body).not.toMatch(/outside|secret|root:/);
    }
    expect(await get('/alias.js')).toEqual({ status: 200, body: 'console.log(1)' });
  });
});

describe('SQLite errors in the CLI: one line, no stack', () => {
  it('an integrity report of many multi-line rows becomes one line with its first findings', () => {
    const report = [
      '*** in database main ***\nTree 16 page 1131 cell 145: Offset 65535 out of range 334..4092\nTree 16 page 1131 cell 144: Offset 65535 out of range',
      'Page 7: never used',
      'Page 8: never used',
      'Page 9: never used',
    ];
    expect(integrityProblems(report)).toBe(
      'Tree 16 page 1131 cell 145: Offset 65535 out of range 334..4092; Tree 16 page 1131 cell 144: Offset 65535 out of range; Page 7: never used; and 2 more',
    );
    expect(integrityProblems(['row 12 missing from index x'])).toBe('row 12 missing from index x');
  });

  const vsm = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it('a workspace damaged mid-file, a directory and a file that is no database: each one line, no stack', async () => {
    const damaged = tmp.file('damaged.vsm');
    fs.copyFileSync(core.workspacePath, damaged);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(core.workspacePath, damaged);
    const fd = fs.openSync(damaged, 'r+');
    const size = fs.statSync(damaged).size;
    for (let off = 4096 * 3; off < size; off += 4096 * 7) fs.writeSync(fd, Buffer.alloc(200, 0xff), 0, 200, off + 100);
    fs.closeSync(fd);
    const notDb = tmp.file('notdb.vsm');
    fs.writeFileSync(notDb, SHADOW);
    for (const [ws, expected] of [
      [damaged, /^vsm: workspace .*damaged\.vsm failed its integrity check \(.*\); restore it/],
      [tmp.dir, /^vsm: cannot open workspace /],
      [notDb, /^vsm: workspace .*notdb\.vsm is not a readable Flowmap workspace/],
    ] as const) {
      for (const command of [['metrics'], ['items', '--json'], ['map', 'list']]) {
        const r = await vsm([...command, '--workspace', ws]);
        expect(r.code, `${command.join(' ')} ${ws}`).not.toBe(0);
        expect(r.stderr).toMatch(expected);
        expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
        expect(r.stderr).not.toMatch(/\n\s+at |\.ts:\d+|node:internal|SqliteError/);
      }
    }
  }, 300_000);

  it('a SQLite error nothing catches (after a command returned) is one line too', async () => {
    // The scripts live in a temp folder: better-sqlite3 is required from the repository's node_modules.
    const requireSqlite = `import { createRequire } from 'node:module';\nconst Database = createRequire(${JSON.stringify(path.join(REPO_ROOT, 'package.json'))})('better-sqlite3');\n`;
    const script = tmp.file('late-error.ts');
    fs.writeFileSync(
      script,
      `${requireSqlite}import { installCrashHandlers } from ${JSON.stringify(path.join(REPO_ROOT, 'shared/cli/main.ts'))};\ninstallCrashHandlers();\nsetTimeout(() => new Database(':memory:').prepare('SELECT * FROM no_such_table'));\nPromise.resolve().then(() => {});\n`,
    );
    const rejectScript = tmp.file('late-rejection.ts');
    fs.writeFileSync(
      rejectScript,
      `${requireSqlite}import { installCrashHandlers } from ${JSON.stringify(path.join(REPO_ROOT, 'shared/cli/main.ts'))};\ninstallCrashHandlers();\nvoid (async () => { await null; new Database(':memory:').exec('CREATE TABLE t(a);\\nINSERT INTO t VALUES (1, 2);'); })();\n`,
    );
    for (const [file, message] of [
      [script, 'vsm: unexpected error (SQLITE_ERROR): no such table: no_such_table\n'],
      [rejectScript, 'vsm: unexpected error (SQLITE_ERROR): table t has 1 columns but 2 values were supplied\n'],
    ] as const) {
      const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { cwd: REPO_ROOT, timeout: 120_000 }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(r).toEqual({ code: 1, stderr: message });
    }
  }, 120_000);
});

describe('external links from the window', () => {
  const gate = () => {
    let t = 10_000;
    const opened: string[] = [];
    const g = createExternalLinkGate({ open: (u) => opened.push(u), now: () => t });
    return { g, opened, advance: (ms: number) => (t += ms) };
  };

  it('open only right after a click, tap or key press, one link per gesture', () => {
    const { g, opened, advance } = gate();
    expect(g.request('https://github.com/acme/repo/pull/1')).toBe('no-gesture'); // script navigation on load
    g.noteInput('mouseMove');
    g.noteInput('mouseWheel');
    expect(g.request('https://github.com/acme/repo/pull/1')).toBe('no-gesture'); // hovering is no gesture
    g.noteInput('mouseUp');
    expect(g.request('https://github.com/acme/repo/pull/1')).toBe('opened');
    expect(g.request('https://evil.example/second')).toBe('no-gesture'); // a second link on the same click
    g.noteInput('keyDown');
    advance(GESTURE_WINDOW_MS + 1);
    expect(g.request('https://jira.example.com/browse/PAY-1')).toBe('no-gesture'); // a timer fired later
    for (const type of ['rawKeyDown', 'gestureTap', 'touchEnd', 'mouseDown']) {
      g.noteInput(type);
      advance(GESTURE_WINDOW_MS - 1);
      expect(g.request(`https://jira.example.com/browse/${type}`), type).toBe('opened');
    }
    expect(opened).toEqual([
      'https://github.com/acme/repo/pull/1',
      ...['rawKeyDown', 'gestureTap', 'touchEnd', 'mouseDown'].map((t) => `https://jira.example.com/browse/${t}`),
    ]);
  });

  it('open only https links to a host without credentials, even with a gesture', () => {
    const { g, opened } = gate();
    for (const url of [
      'http://jira.example.com/browse/PAY-1',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://flowmap/index.html',
      'smb://host/share',
      'https://user:pw@github.com/',
      'https://:pw@github.com/',
      'not a url',
      'HTTP://EXAMPLE.COM/',
    ]) {
      g.noteInput('mouseUp');
      expect(g.request(url), url).toBe('not-https');
    }
    expect(opened).toEqual([]);
  });
});
