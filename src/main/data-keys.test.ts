import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createDataKeyStore, DATA_KEY_FILE, keyProtectionOf, plaintextKeysAllowed, type DataKeyFs, type SafeStorageLike } from './data-keys';
import { HostError } from './ipc';

/** A stand-in for the OS keychain: "encrypts" by XOR with a secret byte and a marker, and refuses foreign data. */
function fakeSafeStorage(secret = 0x5a, available = true): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString(s: string) {
      calls.push('encrypt');
      return Uint8Array.from([0xee, ...Buffer.from(s, 'utf8').map((b) => b ^ secret)]);
    },
    decryptString(b: Buffer) {
      calls.push('decrypt');
      if (b[0] !== 0xee) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(b.subarray(1).map((x) => x ^ secret)).toString('utf8');
    },
  };
}

function memoryFs(): DataKeyFs & { files: Map<string, string>; writes: string[] } {
  const files = new Map<string, string>();
  const writes: string[] = [];
  return {
    files,
    writes,
    async readFile(p) {
      const t = files.get(p);
      if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return t;
    },
    async writeFile(p, data) {
      writes.push(p);
      files.set(p, data);
    },
    async rename(a, b) {
      const t = files.get(a);
      if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      files.delete(a);
      files.set(b, t);
    },
    async mkdir() {},
  };
}

const random = (n: number) => new Uint8Array(randomBytes(n));
const ON_WINDOWS = { platform: 'win32', allowPlaintext: false };

describe('data keys (Electron, safeStorage)', () => {
  it('makes 2 × 256-bit keys once, wrapped with safeStorage, and returns the same keys after a restart', async () => {
    const fs = memoryFs();
    const safeStorage = fakeSafeStorage();
    const first = await createDataKeyStore({ safeStorage, fs, dir: '/u', randomBytes: random, ...ON_WINDOWS })();
    expect(first.encryption).toHaveLength(32);
    expect(first.index).toHaveLength(32);
    expect(Buffer.from(first.encryption).equals(Buffer.from(first.index))).toBe(false);
    const stored = fs.files.get(`/u/${DATA_KEY_FILE}`)!;
    const parsed = JSON.parse(stored) as { v: number; wrapped: string };
    expect(parsed.v).toBe(1);
    // never the key bytes in the file: neither as hex nor as base64
    expect(stored).not.toContain(Buffer.from(first.encryption).toString('hex'));
    expect(stored).not.toContain(Buffer.from(first.encryption).toString('base64'));
    expect(fs.files.has(`/u/${DATA_KEY_FILE}.tmp`)).toBe(false);

    const again = await createDataKeyStore({ safeStorage, fs, dir: '/u', randomBytes: random, ...ON_WINDOWS })();
    expect(again).toEqual(first);
    expect(fs.writes).toHaveLength(1);
  });

  it('loads once per process and hands out copies', async () => {
    const fs = memoryFs();
    const rnd = vi.fn(random);
    const get = createDataKeyStore({ safeStorage: fakeSafeStorage(), fs, dir: '/u', randomBytes: rnd, ...ON_WINDOWS });
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toEqual(b);
    a.encryption.fill(0);
    expect((await get()).encryption).toEqual(b.encryption);
    expect(rnd).toHaveBeenCalledTimes(1);
  });

  it('never replaces a key file it cannot unwrap, and makes no key without OS encryption', async () => {
    const fs = memoryFs();
    await createDataKeyStore({ safeStorage: fakeSafeStorage(), fs, dir: '/u', randomBytes: random, ...ON_WINDOWS })();
    const before = fs.files.get(`/u/${DATA_KEY_FILE}`);
    const foreign: SafeStorageLike = { ...fakeSafeStorage(), decryptString: () => { throw new Error('bad decrypt'); } };
    await expect(createDataKeyStore({ safeStorage: foreign, fs, dir: '/u', randomBytes: random, ...ON_WINDOWS })()).rejects.toEqual(new HostError('DATA_KEYS_UNAVAILABLE'));
    expect(fs.files.get(`/u/${DATA_KEY_FILE}`)).toBe(before);

    fs.files.set(`/u/${DATA_KEY_FILE}`, '{"v":1,"wrapped":42}');
    await expect(createDataKeyStore({ safeStorage: fakeSafeStorage(), fs, dir: '/u', randomBytes: random, ...ON_WINDOWS })()).rejects.toThrow('DATA_KEYS_UNAVAILABLE');

    const empty = memoryFs();
    await expect(createDataKeyStore({ safeStorage: fakeSafeStorage(0x5a, false), fs: empty, dir: '/u', randomBytes: random, ...ON_WINDOWS })()).rejects.toThrow('DATA_KEYS_UNAVAILABLE');
    expect(empty.files.size).toBe(0);
  });
});

describe('Linux without a keyring (safeStorage backend basic_text)', () => {
  const onLinux = (backend: string) => ({ ...fakeSafeStorage(), getSelectedStorageBackend: () => backend });

  it('refuses to read or make keys unless an administrator allows it explicitly', async () => {
    const fs = memoryFs();
    const refused = createDataKeyStore({ safeStorage: onLinux('basic_text'), fs, dir: '/u', randomBytes: random, platform: 'linux', allowPlaintext: false });
    await expect(refused()).rejects.toThrow('DATA_KEYS_UNAVAILABLE');
    expect(fs.files.size).toBe(0); // no key file written under a key hard-coded in Chromium
    expect(keyProtectionOf({ safeStorage: onLinux('basic_text'), platform: 'linux', allowPlaintext: false })).toEqual({ state: 'refused' });

    const allowed = createDataKeyStore({ safeStorage: onLinux('basic_text'), fs, dir: '/u', randomBytes: random, platform: 'linux', allowPlaintext: true });
    expect((await allowed()).encryption).toHaveLength(32);
    expect(keyProtectionOf({ safeStorage: onLinux('basic_text'), platform: 'linux', allowPlaintext: true })).toEqual({ state: 'plaintextAllowed' });
    // a key file made while it was allowed is not read once the permission is withdrawn
    await expect(createDataKeyStore({ safeStorage: onLinux('basic_text'), fs, dir: '/u', randomBytes: random, platform: 'linux', allowPlaintext: false })()).rejects.toThrow('DATA_KEYS_UNAVAILABLE');
  });

  it('a real keyring works as before and says which one', async () => {
    const p = { safeStorage: onLinux('gnome_libsecret'), platform: 'linux', allowPlaintext: false };
    expect(keyProtectionOf(p)).toEqual({ state: 'osKeyStore', backend: 'gnome_libsecret' });
    expect((await createDataKeyStore({ ...p, fs: memoryFs(), dir: '/u', randomBytes: random })()).index).toHaveLength(32);
    expect(keyProtectionOf({ safeStorage: fakeSafeStorage(), platform: 'win32', allowPlaintext: false })).toEqual({ state: 'osKeyStore', backend: 'DPAPI' });
  });

  it('the permission is exactly ONEWINDOW_ALLOW_PLAINTEXT_KEYS=1', () => {
    expect(plaintextKeysAllowed({ ONEWINDOW_ALLOW_PLAINTEXT_KEYS: '1' })).toBe(true);
    for (const v of [undefined, '', '0', 'true', 'yes']) expect(plaintextKeysAllowed({ ONEWINDOW_ALLOW_PLAINTEXT_KEYS: v })).toBe(false);
  });
});
