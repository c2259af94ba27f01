// electron-builder.yml: parses, passes electron-builder's own schema validation (without packaging, which
// needs the Electron download), and keeps the security-relevant settings.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'electron-builder.yml');

const yaml = require('js-yaml') as { load(s: string): unknown };
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder’s schema (and a misspelt fuse is not)', async () => {
    const config = await getConfig(ROOT, CONFIG, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const typo = { ...config, electronFuses: { ...(config.electronFuses as object), runAsNodee: false } };
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  it('flips the fuses, packs into asar with the native module unpacked, and registers .vsm', () => {
    const c = yaml.load(fs.readFileSync(CONFIG, 'utf8')) as Record<string, any>;
    expect(c.productName).toBe('Flowmap');
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toContain('node_modules/better-sqlite3/build/Release/*.node');
    expect(c.npmRebuild).toBeUndefined(); // native modules are rebuilt for Electron when packaging
    expect(c.fileAssociations).toEqual([expect.objectContaining({ ext: 'vsm', name: 'Flowmap workspace', role: 'Editor' })]);
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target).toEqual(['nsis']);
    expect(c.mac.target).toEqual(['dmg']);
    for (const f of ['package.json', 'dist/renderer/**/*', 'dist-electron/**/*']) expect(c.files).toContain(f);
  });

  it('ships what package.json names as main', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });
});
