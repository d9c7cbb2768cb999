/**
 * The workstation's data keys in the Electron app (see HostDataKeys in the host
 * contract): 64 random bytes — a 256-bit AES-GCM key and a 256-bit HMAC key — wrapped with
 * Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux)
 * and kept in userData as `data-keys.json` = `{ "v": 1, "wrapped": "<base64>" }`.
 *
 * - Made once, on first use; written to a temporary file and renamed, so a crash never leaves
 *   half a key file.
 * - A key file that exists but cannot be read or unwrapped (another OS user, a keyring that was
 *   reset) is never replaced: that would make every encrypted case unreadable for good. The
 *   call fails with DATA_KEYS_UNAVAILABLE and the file stays for an administrator.
 * - Without OS encryption (safeStorage unavailable) no key is made: the call fails.
 * - On Linux without a keyring safeStorage falls back to its `basic_text` backend, which wraps
 *   with a key hard-coded in Chromium — no protection at all. Keys are then refused (the call
 *   fails) unless an administrator allows it explicitly with ONEWINDOW_ALLOW_PLAINTEXT_KEYS=1
 *   (`allowPlaintext`); the health page shows which case applies (`keyProtection`).
 *
 * Pure module: safeStorage, the file system and the random source come in as interfaces.
 */
import path from 'node:path';
import { DATA_KEY_BYTES, type KeyProtection } from '../core/host/contract';
import { HostError } from './ipc';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only (Electron's safeStorage.getSelectedStorageBackend): 'basic_text', 'gnome_libsecret', 'kwallet5', … */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
}

export interface DataKeyFs {
  readFile(p: string, encoding: 'utf8'): Promise<string>;
  writeFile(p: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(p: string, options: { recursive: true }): Promise<unknown>;
}

export interface DataKeyDeps {
  safeStorage: SafeStorageLike;
  fs: DataKeyFs;
  /** app.getPath('userData') */
  dir: string;
  randomBytes: (n: number) => Uint8Array;
  /** process.platform */
  platform: string;
  /** The administrator's explicit permission to keep keys under `basic_text` (ONEWINDOW_ALLOW_PLAINTEXT_KEYS=1). */
  allowPlaintext: boolean;
}

/** The env variable by which an administrator allows plain-text key storage on Linux without a keyring. */
export const ALLOW_PLAINTEXT_KEYS_ENV = 'ONEWINDOW_ALLOW_PLAINTEXT_KEYS';

/** Whether the environment holds the administrator's explicit permission (exactly "1"). */
export function plaintextKeysAllowed(env: Record<string, string | undefined>): boolean {
  return env[ALLOW_PLAINTEXT_KEYS_ENV] === '1';
}

/** How the keys are (or would be) protected here; see the file comment. */
export function keyProtectionOf(deps: Pick<DataKeyDeps, 'safeStorage' | 'platform' | 'allowPlaintext'>): KeyProtection {
  if (!deps.safeStorage.isEncryptionAvailable()) return { state: 'refused' };
  if (deps.platform !== 'linux') return { state: 'osKeyStore', backend: deps.platform === 'win32' ? 'DPAPI' : deps.platform === 'darwin' ? 'Keychain' : deps.platform };
  const backend = deps.safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  if (backend === 'basic_text' || backend === 'unknown') return deps.allowPlaintext ? { state: 'plaintextAllowed' } : { state: 'refused' };
  return { state: 'osKeyStore', backend };
}

export interface RawDataKeys {
  encryption: Uint8Array;
  index: Uint8Array;
}

export const DATA_KEY_FILE = 'data-keys.json';
const HEX = /^[0-9a-f]+$/;

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

function split(bytes: Uint8Array): RawDataKeys {
  return { encryption: bytes.slice(0, DATA_KEY_BYTES), index: bytes.slice(DATA_KEY_BYTES, 2 * DATA_KEY_BYTES) };
}

function unwrap(text: string, safeStorage: SafeStorageLike): RawDataKeys {
  const file = JSON.parse(text) as { v?: unknown; wrapped?: unknown };
  if (file.v !== 1 || typeof file.wrapped !== 'string') throw new Error('format');
  const hex = safeStorage.decryptString(Buffer.from(file.wrapped, 'base64'));
  if (hex.length !== 4 * DATA_KEY_BYTES || !HEX.test(hex)) throw new Error('length');
  return split(Uint8Array.from(Buffer.from(hex, 'hex')));
}

/** Loads (or makes, the first time) the data keys; one load per process, then the same keys. */
export function createDataKeyStore(deps: DataKeyDeps): () => Promise<RawDataKeys> {
  const file = path.join(deps.dir, DATA_KEY_FILE);
  let loading: Promise<RawDataKeys> | null = null;

  async function load(): Promise<RawDataKeys> {
    // no OS key store (or only basic_text, not allowed): no key is read or made
    if (keyProtectionOf(deps).state === 'refused') throw new HostError('DATA_KEYS_UNAVAILABLE');
    let text: string | null = null;
    try {
      text = await deps.fs.readFile(file, 'utf8');
    } catch (e) {
      if (!isNotFound(e)) throw new HostError('DATA_KEYS_UNAVAILABLE');
    }
    if (text !== null) {
      try {
        return unwrap(text, deps.safeStorage);
      } catch {
        throw new HostError('DATA_KEYS_UNAVAILABLE');
      }
    }
    const bytes = deps.randomBytes(2 * DATA_KEY_BYTES);
    if (bytes.length !== 2 * DATA_KEY_BYTES) throw new HostError('INTERNAL');
    const wrapped = Buffer.from(deps.safeStorage.encryptString(Buffer.from(bytes).toString('hex'))).toString('base64');
    try {
      await deps.fs.mkdir(deps.dir, { recursive: true });
      const tmp = `${file}.tmp`;
      await deps.fs.writeFile(tmp, JSON.stringify({ v: 1, wrapped }), { encoding: 'utf8', mode: 0o600 });
      await deps.fs.rename(tmp, file);
    } catch {
      throw new HostError('DATA_KEYS_UNAVAILABLE');
    }
    return split(bytes);
  }

  return () => {
    loading ??= load().catch((e: unknown) => {
      loading = null; // a keyring unlocked later may work
      throw e;
    });
    // Fresh copies each time: the caller may zero what it receives.
    return loading.then((k) => ({ encryption: k.encryption.slice(), index: k.index.slice() }));
  };
}
