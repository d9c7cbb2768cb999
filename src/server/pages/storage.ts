/**
 * Where the service keeps the pages of materials (材料电子化), sealed.
 *
 * A page is stored once, under the SHA-256 of its bytes (its content address), as
 * `OWP1 ‖ IV (12) ‖ AES-256-GCM ciphertext ‖ tag (16)` with the address as additional data,
 * so a sealed object cannot be passed off as another page. The pages are personal data
 * (ID cards, licences, contracts): whoever can read the directory or the bucket but not the
 * key learns only their sizes.
 *
 * Two stores behind one interface: a directory (the default: next to the data directory, no
 * setup) and any S3-compatible object store (@aws-sdk/client-s3; endpoint, bucket, region,
 * keys, path-style by configuration). Uploads in progress are staged by @tus/file-store in a
 * local directory either way (see docs/materials-service.md for why).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_PAGE_LIMITS } from '../../core/materials/page';
import { DEFAULT_DATA_DIR } from '../db';

// ---- sealing --------------------------------------------------------------------------------

const MAGIC = Buffer.from('OWP1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PageKey {
  private constructor(private readonly key: Buffer) {}

  static fromBytes(bytes: Buffer): PageKey {
    if (bytes.length !== 32) throw new Error(`the page key must be 32 bytes (AES-256); got ${bytes.length}`);
    return new PageKey(Buffer.from(bytes));
  }

  static random(): PageKey {
    return new PageKey(randomBytes(32));
  }

  private aad(sha256: string): Buffer {
    return Buffer.from(`onewindow-page:${sha256}`, 'ascii');
  }

  seal(sha256: string, plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(this.aad(sha256));
    const body = c.update(plain);
    const last = c.final();
    return Buffer.concat([MAGIC, iv, body, last, c.getAuthTag()]);
  }

  /** Throws when the object is not a page sealed with this key under this address. */
  open(sha256: string, sealed: Buffer): Buffer {
    if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC))
      throw new Error('not a sealed page');
    const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const d = createDecipheriv('aes-256-gcm', this.key, iv);
    d.setAAD(this.aad(sha256));
    d.setAuthTag(tag);
    return Buffer.concat([d.update(sealed.subarray(MAGIC.length + IV_BYTES, sealed.length - TAG_BYTES)), d.final()]);
  }
}

/**
 * The key from ONEWINDOW_PAGES_KEY (base64 of 32 bytes) or from its key file, which is created
 * (32 random bytes, mode 0600) when it does not exist yet. A key file that exists but is not a
 * key is never replaced: pages sealed with the lost key would be orphaned without a word.
 */
export function loadPageKey(file: string, fromEnv?: string): PageKey {
  if (fromEnv?.trim()) return PageKey.fromBytes(Buffer.from(fromEnv.trim(), 'base64'));
  const path = resolve(file);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, randomBytes(32).toString('base64') + '\n');
      closeSync(fd);
      chmodSync(path, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
    }
  }
  const bytes = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (bytes.length !== 32) throw new Error(`${path} is not a page key (base64 of 32 bytes); it is left as it is`);
  return PageKey.fromBytes(bytes);
}

// ---- object stores --------------------------------------------------------------------------

/** Sealed objects by content address. */
export interface PageObjectStore {
  readonly kind: 'directory' | 's3';
  /** Where, for logs (no secrets). */
  readonly where: string;
  put(sha256: string, sealed: Buffer): Promise<void>;
  /** null when absent. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

/** `<dir>/ab/<sha256>`: 256 fan-out directories keep any one directory small. */
export class DirectoryObjectStore implements PageObjectStore {
  readonly kind = 'directory' as const;
  /** Fan-out directories known to exist. */
  private readonly made = new Set<string>();
  constructor(readonly where: string) {}

  private path(sha256: string): string {
    return join(this.where, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, sealed: Buffer): Promise<void> {
    const path = this.path(sha256);
    const dir = dirname(path);
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    // Written aside and renamed: a crash leaves a stray temporary file, never half a page.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, sealed, { mode: 0o600 });
    await rename(tmp, path);
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.path(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }
}

export interface S3Options {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, e.g. "pages/". */
  prefix: string;
}

export class S3ObjectStore implements PageObjectStore {
  readonly kind = 's3' as const;
  readonly where: string;
  private readonly client: S3Client;

  constructor(private readonly o: S3Options) {
    this.where = `s3://${o.bucket}/${o.prefix}${o.endpoint ? ` at ${o.endpoint}` : ''}`;
    this.client = new S3Client({
      region: o.region,
      forcePathStyle: o.forcePathStyle,
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.accessKeyId && o.secretAccessKey ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } } : {}),
      // Checksums only where S3 requires them: the object is sealed (GCM's tag checks every byte).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(sha256: string): string {
    return `${this.o.prefix}${sha256}`;
  }

  async put(sha256: string, sealed: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256), Body: sealed, ContentType: 'application/octet-stream', ContentLength: sealed.length }),
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
      return Buffer.from(await r.Body!.transformToByteArray());
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return null;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
      return true;
    } catch (e) {
      if (e instanceof NotFound || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw e;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
  }

  destroy(): void {
    this.client.destroy();
  }
}

// ---- configuration --------------------------------------------------------------------------

export interface PageLimitsConfig {
  maxFileBytes: number;
  maxCaseBytes: number;
}

export interface PagesConfig {
  /** Sealed pages at rest. */
  objects: PageObjectStore;
  /** Uploads in progress (@tus/file-store): plaintext until completion, then removed. */
  stagingDir: string;
  key: PageKey;
  limits: PageLimitsConfig;
}

function megabytes(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of megabytes`);
  return Math.round(n * 1024 * 1024);
}

/**
 * From the environment (see src/server/README.md, *Pages of materials*):
 * ONEWINDOW_PAGES_DIR (default: beside the PGlite data directory, `<data dir>-pages`, or
 * `.data/pages` with PostgreSQL), ONEWINDOW_PAGES_KEY / ONEWINDOW_PAGES_KEY_FILE,
 * ONEWINDOW_PAGES_S3_BUCKET (+ _ENDPOINT, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY,
 * _FORCE_PATH_STYLE, _PREFIX), ONEWINDOW_PAGES_MAX_FILE_MB, ONEWINDOW_PAGES_MAX_CASE_MB.
 */
export function pagesConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PagesConfig {
  const dataDir = env.ONEWINDOW_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  const usesPostgres = Boolean(env.DATABASE_URL?.trim());
  const pagesDir = resolve(
    env.ONEWINDOW_PAGES_DIR?.trim() || (usesPostgres ? join(dirname(DEFAULT_DATA_DIR), 'pages') : join(dirname(resolve(dataDir)), `${basename(resolve(dataDir))}-pages`)),
  );
  const key = loadPageKey(env.ONEWINDOW_PAGES_KEY_FILE?.trim() || `${pagesDir}.key`, env.ONEWINDOW_PAGES_KEY);
  const bucket = env.ONEWINDOW_PAGES_S3_BUCKET?.trim();
  const objects: PageObjectStore = bucket
    ? new S3ObjectStore({
        bucket,
        ...(env.ONEWINDOW_PAGES_S3_ENDPOINT?.trim() ? { endpoint: env.ONEWINDOW_PAGES_S3_ENDPOINT.trim() } : {}),
        region: env.ONEWINDOW_PAGES_S3_REGION?.trim() || 'us-east-1',
        ...(env.ONEWINDOW_PAGES_S3_ACCESS_KEY_ID ? { accessKeyId: env.ONEWINDOW_PAGES_S3_ACCESS_KEY_ID } : {}),
        ...(env.ONEWINDOW_PAGES_S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.ONEWINDOW_PAGES_S3_SECRET_ACCESS_KEY } : {}),
        forcePathStyle: env.ONEWINDOW_PAGES_S3_FORCE_PATH_STYLE !== '0',
        prefix: env.ONEWINDOW_PAGES_S3_PREFIX ?? 'pages/',
      })
    : new DirectoryObjectStore(join(pagesDir, 'objects'));
  return {
    objects,
    stagingDir: join(pagesDir, 'uploads'),
    key,
    limits: {
      maxFileBytes: megabytes(env.ONEWINDOW_PAGES_MAX_FILE_MB, DEFAULT_PAGE_LIMITS.maxFileBytes, 'ONEWINDOW_PAGES_MAX_FILE_MB'),
      maxCaseBytes: megabytes(env.ONEWINDOW_PAGES_MAX_CASE_MB, DEFAULT_PAGE_LIMITS.maxCaseBytes, 'ONEWINDOW_PAGES_MAX_CASE_MB'),
    },
  };
}
