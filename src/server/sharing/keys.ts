/**
 * The registry's keys: one 32-byte master key, kept outside the database, from which two keys
 * are derived (HKDF-SHA-256):
 * - the **index key**: HMAC-SHA-256 blind index of a holder's id (type + normalised id), what the
 *   registry is looked up by — equal ids give equal indexes, nothing else can be read from it;
 * - the **sealing key**: AES-256-GCM over the personal values (id, name, fields, documents),
 *   each bound to its row by associated data, so a sealed value cannot be moved to another row.
 *
 * Where the master key comes from (main.ts and the admin CLI, `sharingKeyFromEnv`):
 * `ONEWINDOW_SHARING_KEY` (32 bytes, base64 or hex), else the file `ONEWINDOW_SHARING_KEY_FILE`
 * (default: beside the PGlite data directory, `<ONEWINDOW_DATA_DIR>.sharing.key`, or
 * `.data/sharing.key`), created with a fresh random key (mode 0600) the first time.
 * Lose the key and the registry cannot be read: back it up apart from the database.
 *
 * The training registry uses a fixed, public key: its people are fictional, and a fixed key keeps
 * its seed the same on every service.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface RegistryKeys {
  /** 'live' | 'training' — which registry these keys are for (a guard against mixing). */
  readonly scope: 'live' | 'training';
  blindIndex(kind: string, id: string): Buffer;
  seal(plain: Buffer | string, aad: string): Buffer;
  open(sealed: Buffer | Uint8Array, aad: string): Buffer;
}

const VERSION = 1;

/** Ids compare without case or surrounding blanks (a resident id's X, a USCC's letters). */
export function normaliseId(id: string): string {
  return id.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function registryKeys(master: Buffer, scope: 'live' | 'training' = 'live'): RegistryKeys {
  if (master.length !== 32) throw new Error('the sharing key is 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `onewindow/sharing/v1/${info}`, 32));
  const indexKey = derive('blind-index');
  const sealKey = derive('seal');
  return {
    scope,
    blindIndex: (kind, id) => createHmac('sha256', indexKey).update(`${kind}\n${normaliseId(id)}`, 'utf8').digest(),
    seal(plain, aad) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', sealKey, iv);
      c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, body, c.getAuthTag()]);
    },
    open(sealed, aad) {
      const b = Buffer.from(sealed);
      if (b.length < 29 || b[0] !== VERSION) throw new Error('not a sealed registry value');
      const d = createDecipheriv('aes-256-gcm', sealKey, b.subarray(1, 13));
      d.setAAD(Buffer.from(aad, 'utf8'));
      d.setAuthTag(b.subarray(b.length - 16));
      return Buffer.concat([d.update(b.subarray(13, b.length - 16)), d.final()]);
    },
  };
}

/** The training registry's keys (fictional data; see the module comment). */
export const TRAINING_KEYS = registryKeys(Buffer.from('onewindow-training-registry-key!', 'utf8'), 'training');

export const DEFAULT_SHARING_KEY_FILE = '.data/sharing.key';

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const k = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (k.length !== 32) throw new Error(`${where}: the sharing key is 32 bytes, as base64 or hex`);
  return k;
}

/** The master key from the environment or its key file (created on first use). */
export function sharingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.ONEWINDOW_SHARING_KEY?.trim()) return parseKey(env.ONEWINDOW_SHARING_KEY, 'ONEWINDOW_SHARING_KEY');
  const dataDir = env.DATABASE_URL?.trim() ? '' : (env.ONEWINDOW_DATA_DIR?.trim() ?? '');
  const file = resolve(env.ONEWINDOW_SHARING_KEY_FILE?.trim() || (dataDir ? `${dataDir.replace(/[\\/]+$/, '')}.sharing.key` : DEFAULT_SHARING_KEY_FILE));
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return parseKey(readFileSync(file, 'utf8'), file);
}

/** 330106199003071236 → 3301**********1236 (what the look-up log shows). */
export function maskId(id: string): string {
  const n = normaliseId(id);
  if (n.length <= 8) return `${n.slice(0, 1)}${'*'.repeat(Math.max(0, n.length - 2))}${n.slice(-1)}`;
  return `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}`;
}
