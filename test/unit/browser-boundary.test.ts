// The renderer runs in a sandboxed page (Electron) or a plain browser (local host): neither may pull in
// Electron, Node built-ins or the native SQLite binding, directly or through shared/ code it imports.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const FORBIDDEN = new Set(['electron', 'better-sqlite3', ...builtinModules]);
const isForbidden = (spec: string) => spec.startsWith('node:') || FORBIDDEN.has(spec.split('/')[0]!) || spec.startsWith('electron/');

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function resolveRelative(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file reachable from the entry through relative imports, with the bare imports each makes. */
function walk(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !/\.(ts|tsx)$/.test(file)) continue;
    const specs = importsOf(file);
    seen.set(
      file,
      specs.filter((s) => !s.startsWith('.')),
    );
    for (const s of specs.filter((x) => x.startsWith('.'))) {
      const resolved = resolveRelative(file, s);
      if (resolved) queue.push(resolved);
    }
  }
  return seen;
}

function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|tsx)$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

describe('browser boundary', () => {
  it('nothing reachable from the renderer imports electron, node:* or better-sqlite3', () => {
    const entries = [path.join(root, 'renderer', 'src', 'main.tsx'), ...listTs(path.join(root, 'renderer'))];
    const offenders: string[] = [];
    let files = 0;
    for (const entry of entries) {
      for (const [file, bare] of walk(entry)) {
        files++;
        for (const spec of bare) if (isForbidden(spec)) offenders.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(files).toBeGreaterThan(3);
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('the check itself catches a Node import reached through shared/', () => {
    const dir = fs.mkdtempSync(path.join(root, 'test', '.tmp-boundary-'));
    try {
      fs.writeFileSync(path.join(dir, 'entry.tsx'), "import { x } from './lib.ts';\nexport const y = x;\n");
      fs.writeFileSync(path.join(dir, 'lib.ts'), "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nexport const x = [fs, Database];\n");
      const bare = [...walk(path.join(dir, 'entry.tsx')).values()].flat().filter(isForbidden);
      expect(bare).toEqual(['node:fs', 'better-sqlite3']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
