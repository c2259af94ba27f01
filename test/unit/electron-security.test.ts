// Static security analysis of the Electron shell with Electronegativity (run through its programmatic API:
// its CLI breaks on the hoisted commander 14). Every finding over electron/ must be justified in
// electronegativity-allowlist.json; a canary file proves the scanner really reads our TypeScript.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/static-files.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
const ELECTRON_DIR = path.join(ROOT, 'electron');

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
}
interface AllowEntry {
  check: string;
  file: string;
  reason: string;
}

type Run = (
  options: Record<string, unknown>,
  forCli?: boolean,
) => Promise<{ issues: Finding[]; errors: Array<{ file: string; message: string; tolerable: boolean }>; atomicChecks: number }>;
const runElectronegativity = require('@doyensec/electronegativity') as Run;

// The canary: what the scanner must flag if anyone writes it in electron/.
// (TypeScript syntax on purpose: the scanner must parse .ts files.)
const CANARY = `import { BrowserWindow, type WebPreferences } from 'electron';
const loose: WebPreferences = { contextIsolation: false, sandbox: false, webSecurity: false };
export const a = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true, webSecurity: false } });
export const b = new BrowserWindow({ webPreferences: { nodeIntegration: true } });
export { loose };
`;

const tmp = tempDir('flowmap-electronegativity-');
let findings: Finding[] = [];
let parseErrors: Array<{ file: string; message: string; tolerable: boolean }> = [];
let atomicChecks = 0;

beforeAll(async () => {
  // Scan a copy: electron/ as it is, plus canary/ beside it (kept out of the real tree).
  fs.cpSync(ELECTRON_DIR, path.join(tmp.dir, 'electron'), { recursive: true });
  fs.mkdirSync(path.join(tmp.dir, 'canary'));
  fs.writeFileSync(path.join(tmp.dir, 'canary', 'bad-window.ts'), CANARY);
  const log = console.log;
  console.log = () => {}; // the scanner prints progress and a translations notice
  try {
    const result = await runElectronegativity(
      {
        input: tmp.dir,
        isRelative: true,
        isSarif: false,
        customScan: [],
        // Needs the network (Electron's release list); the Electron version is pinned in package.json.
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        electronVersionOverride: JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version,
        parserPlugins: [],
      },
      false,
    );
    findings = result.issues;
    parseErrors = result.errors;
    atomicChecks = result.atomicChecks;
  } finally {
    console.log = log;
  }
}, 60_000);

afterAll(() => tmp.cleanup());

const inElectron = (f: Finding) => f.file.startsWith(`electron${path.sep}`) || f.file === 'N/A';
const relFile = (f: Finding) => (f.file === 'N/A' ? 'N/A' : path.relative('electron', f.file).split(path.sep).join('/'));
const allowlist = (): AllowEntry[] => JSON.parse(fs.readFileSync(path.join(ROOT, 'electronegativity-allowlist.json'), 'utf8')).entries;
const allowed = (f: Finding) => allowlist().some((a) => a.check === f.id && a.file === relFile(f));

describe('electronegativity over electron/', () => {
  it('parses every source file and runs its checks', () => {
    expect(atomicChecks).toBeGreaterThan(20);
    expect(parseErrors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('flags the canary (so a clean result means something)', () => {
    const canary = new Set(findings.filter((f) => f.file.startsWith('canary')).map((f) => f.id));
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'AUXCLICK_JS_CHECK']) {
      expect(canary).toContain(id);
    }
  });

  it('has no finding that is not justified in electronegativity-allowlist.json', () => {
    const unjustified = findings
      .filter(inElectron)
      .filter((f) => !allowed(f))
      .map((f) => `${f.id} ${relFile(f)}:${f.location.line}:${f.location.column} ${f.sample ?? ''}`.trim());
    expect(unjustified).toEqual([]);
  });

  it('finds navigation limits and a permission handler (their global checks stay quiet)', () => {
    const ids = findings.filter(inElectron).map((f) => f.id);
    expect(ids).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(ids).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  });

  it('keeps no stale allow-list entries, and every entry has a reason', () => {
    for (const entry of allowlist()) {
      expect(entry.reason.length, `${entry.check} ${entry.file}`).toBeGreaterThan(40);
      expect(
        findings.filter(inElectron).some((f) => f.id === entry.check && relFile(f) === entry.file),
        `allow-list entry ${entry.check} ${entry.file} no longer matches a finding: remove it`,
      ).toBe(true);
    }
  });
});

describe('the CSP the app:// handler sends', () => {
  it('has no high or medium finding from the CSP evaluator Electronegativity uses', () => {
    const csp = require('@doyensec/csp-evaluator') as {
      CspParser: new (s: string) => { csp: unknown };
      CspEvaluator: new (c: unknown, v: unknown) => { evaluate(): Array<{ severity: number; directive: string; description: string }> };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const results = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const s = csp.severities;
    const serious = results.filter((r) => [s.HIGH, s.SYNTAX, s.MEDIUM, s.HIGH_MAYBE].includes(r.severity));
    expect(serious.map((r) => `${r.directive}: ${r.description}`)).toEqual([]);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });
});
