// Tokens over the contract are write-only: the keychain store Electron passes to the core keeps what the
// user types; the CLI's environment source refuses to store; no answer ever carries the token.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createCredentialStore, type Cipher } from '../../electron/credentials.ts';
import { environmentCredentials } from '../../shared/cli/open-core.ts';
import { createCore } from '../../shared/core/create-core.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// A stand-in for safeStorage: reversible, never plaintext.
const cipher: Cipher = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
};

function core(name: string, credentials?: Parameters<typeof createCore>[0]['credentials']) {
  const file = tmp.file(name);
  return createCore({ workspacePath: file, db: openWorkspace(file, { create: true }), ...(credentials ? { credentials } : {}) });
}

describe('credentials over the contract', () => {
  it('stores a token in the keychain, reports only that it is there, and removes it', async () => {
    const keyFile = tmp.file('keys/credentials.json');
    const c = core('a.vsm', createCredentialStore(keyFile, cipher));
    expect(await c.call('credentialStatus', {})).toEqual({ source: 'keychain', jira: false, github: false, sites: { jira: null, github: null } });
    const saved = await c.call('setCredential', { service: 'github', secret: '  ghp_secret123  ' });
    expect(saved).toEqual({ service: 'github', stored: true });
    expect(JSON.stringify(saved)).not.toContain('ghp_secret123');
    expect(await c.call('credentialStatus', {})).toEqual({
      source: 'keychain',
      jira: false,
      github: true,
      sites: { jira: null, github: 'https://api.github.com' },
    });
    // Trimmed, encrypted at rest, and kept out of the workspace.
    expect(createCredentialStore(keyFile, cipher).get('github')).toBe('ghp_secret123');
    expect(fs.readFileSync(keyFile, 'utf8')).not.toContain('ghp_secret123');
    c.close();
    expect(fs.readFileSync(tmp.file('a.vsm')).includes('ghp_secret123')).toBe(false);

    const again = core('a.vsm', createCredentialStore(keyFile, cipher));
    expect(await again.call('setCredential', { service: 'github', secret: null })).toEqual({ service: 'github', stored: false });
    expect(await again.call('credentialStatus', {})).toEqual({ source: 'keychain', jira: false, github: false, sites: { jira: null, github: null } });
    again.close();
  });

  it('refuses empty secrets and unknown services', async () => {
    const c = core('b.vsm', createCredentialStore(tmp.file('keys2/credentials.json'), cipher));
    await expect(c.call('setCredential', { service: 'github', secret: '   ' })).rejects.toThrow(/secret/);
    await expect(c.call('setCredential', { service: 'gitlab', secret: 'x' })).rejects.toThrow(/service/);
    c.close();
  });

  it('the CLI and `vsm serve` read tokens from the environment and say so instead of storing one', async () => {
    const before = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = 'env-token';
    try {
      const c = core('c.vsm', environmentCredentials);
      expect(await c.call('credentialStatus', {})).toMatchObject({ source: 'environment', github: true });
      await expect(c.call('setCredential', { service: 'github', secret: 'typed' })).rejects.toThrow(
        /reads the github token from its environment: set GITHUB_TOKEN/,
      );
      c.close();
    } finally {
      if (before === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = before;
    }
  });

  it('a core without a credential source has none and cannot store one', async () => {
    const c = core('d.vsm');
    expect(await c.call('credentialStatus', {})).toEqual({ source: 'none', jira: false, github: false, sites: { jira: null, github: null } });
    await expect(c.call('setCredential', { service: 'jira', secret: 'x' })).rejects.toThrow(/cannot store tokens/);
    c.close();
  });
});
