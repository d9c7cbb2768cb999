import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createDataKeyStore, DATA_KEY_FILE, type DataKeyFs, type SafeStorageLike } from './data-keys';
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

describe('data keys (Electron, safeStorage)', () => {
  it('makes 2 × 256-bit keys once, wrapped with safeStorage, and returns the same keys after a restart', async () => {
    const fs = memoryFs();
    const safeStorage = fakeSafeStorage();
    const first = await createDataKeyStore({ safeStorage, fs, dir: '/u', randomBytes: random })();
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

    const again = await createDataKeyStore({ safeStorage, fs, dir: '/u', randomBytes: random })();
    expect(again).toEqual(first);
    expect(fs.writes).toHaveLength(1);
  });

  it('loads once per process and hands out copies', async () => {
    const fs = memoryFs();
    const rnd = vi.fn(random);
    const get = createDataKeyStore({ safeStorage: fakeSafeStorage(), fs, dir: '/u', randomBytes: rnd });
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toEqual(b);
    a.encryption.fill(0);
    expect((await get()).encryption).toEqual(b.encryption);
    expect(rnd).toHaveBeenCalledTimes(1);
  });

  it('never replaces a key file it cannot unwrap, and makes no key without OS encryption', async () => {
    const fs = memoryFs();
    await createDataKeyStore({ safeStorage: fakeSafeStorage(), fs, dir: '/u', randomBytes: random })();
    const before = fs.files.get(`/u/${DATA_KEY_FILE}`);
    const foreign: SafeStorageLike = { ...fakeSafeStorage(), decryptString: () => { throw new Error('bad decrypt'); } };
    await expect(createDataKeyStore({ safeStorage: foreign, fs, dir: '/u', randomBytes: random })()).rejects.toEqual(new HostError('DATA_KEYS_UNAVAILABLE'));
    expect(fs.files.get(`/u/${DATA_KEY_FILE}`)).toBe(before);

    fs.files.set(`/u/${DATA_KEY_FILE}`, '{"v":1,"wrapped":42}');
    await expect(createDataKeyStore({ safeStorage: fakeSafeStorage(), fs, dir: '/u', randomBytes: random })()).rejects.toThrow('DATA_KEYS_UNAVAILABLE');

    const empty = memoryFs();
    await expect(createDataKeyStore({ safeStorage: fakeSafeStorage(0x5a, false), fs: empty, dir: '/u', randomBytes: random })()).rejects.toThrow('DATA_KEYS_UNAVAILABLE');
    expect(empty.files.size).toBe(0);
  });
});
