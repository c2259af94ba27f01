// Jira and GitHub tokens, encrypted with Electron's safeStorage (OS keychain / DPAPI / libsecret) and kept in
// userData — never in a workspace, never sent to the renderer, never logged. The cipher is passed in (main
// passes `safeStorage`), so this module has no `electron` import and is unit-tested with a stand-in cipher.
import fs from 'node:fs';
import path from 'node:path';
import { FlowmapError } from '../shared/domain/errors.ts';
import { writeFileAtomic } from '../shared/store/atomic-file.ts';

export const CREDENTIAL_SERVICES = ['jira', 'github'] as const;
export type CredentialService = (typeof CREDENTIAL_SERVICES)[number];

/** The part of Electron's `safeStorage` we use. */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

export interface CredentialStore {
  /** The core's credential source reports this to the UI: tokens typed in the app are kept here. */
  readonly kind: 'keychain';
  has(service: CredentialService): boolean;
  /** Main process only: the importers use it; it must never be returned over IPC. */
  get(service: CredentialService): string | null;
  /** The one site (origin) the token may be sent to, stored with it; null for a token stored before sites existed. */
  site(service: CredentialService): string | null;
  set(service: CredentialService, secret: string, site: string): void;
  remove(service: CredentialService): void;
  /** Why `set` would refuse any token right now (no secure storage), or null: the core's process asks ahead. */
  storageProblem(): string | null;
}

export const CREDENTIALS_FILE_NAME = 'credentials.json';

const NO_SECURE_STORAGE = 'no secure storage is available (on Linux, install and unlock a keyring such as GNOME Keyring or KWallet); the token was not saved';

function isService(s: unknown): s is CredentialService {
  return typeof s === 'string' && (CREDENTIAL_SERVICES as readonly string[]).includes(s);
}

/** One stored token: its ciphertext (base64) and the site it is bound to (a plain string before sites existed). */
type Stored = { secret: string; site: string | null };

export function createCredentialStore(file: string, cipher: Cipher): CredentialStore {
  const read = (): Partial<Record<CredentialService, Stored>> => {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return {};
      const out: Partial<Record<CredentialService, Stored>> = {};
      for (const [k, v] of Object.entries(parsed)) {
        if (!isService(k)) continue;
        if (typeof v === 'string') out[k] = { secret: v, site: null };
        else if (typeof v === 'object' && v !== null && typeof (v as Stored).secret === 'string') {
          const site = (v as Stored).site;
          out[k] = { secret: (v as Stored).secret, site: typeof site === 'string' ? site : null };
        }
      }
      return out;
    } catch {
      return {};
    }
  };
  const write = (data: Partial<Record<CredentialService, Stored>>) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(data), 0o600);
  };
  const checkService = (service: unknown) => {
    if (!isService(service)) throw new FlowmapError('invalid-input', `unknown credential service: ${String(service)}`);
  };
  const backend = () => {
    try {
      return cipher.getSelectedStorageBackend?.() ?? 'os';
    } catch {
      return 'os'; // only Linux has a choice of backends
    }
  };
  const secureAvailable = () => cipher.isEncryptionAvailable() && backend() !== 'basic_text';

  return {
    kind: 'keychain',
    has: (service) => {
      checkService(service);
      return read()[service] !== undefined;
    },
    site: (service) => {
      checkService(service);
      return read()[service]?.site ?? null;
    },
    get: (service) => {
      checkService(service);
      const stored = read()[service];
      if (stored === undefined) return null;
      if (!cipher.isEncryptionAvailable()) {
        throw new FlowmapError('unauthorized', `the ${service} token cannot be decrypted: the system keychain is not available`);
      }
      try {
        return cipher.decryptString(Buffer.from(stored.secret, 'base64'));
      } catch {
        // Never echo what was stored or why decryption failed in detail.
        throw new FlowmapError('unauthorized', `the stored ${service} token cannot be decrypted; enter it again`);
      }
    },
    set: (service, secret, site) => {
      checkService(service);
      if (typeof secret !== 'string' || secret.length === 0 || secret.length > 10_000) {
        throw new FlowmapError('invalid-input', `the ${service} token must be a non-empty string`);
      }
      if (!secureAvailable()) throw new FlowmapError('unauthorized', NO_SECURE_STORAGE);
      const data = read();
      if (typeof site !== 'string' || site.length === 0)
        throw new FlowmapError('invalid-input', `the ${service} token must be stored with the site it belongs to`);
      data[service] = { secret: cipher.encryptString(secret).toString('base64'), site };
      write(data);
    },
    storageProblem: () => (secureAvailable() ? null : NO_SECURE_STORAGE),
    remove: (service) => {
      checkService(service);
      const data = read();
      if (!(service in data)) return;
      delete data[service];
      write(data);
    },
  };
}
