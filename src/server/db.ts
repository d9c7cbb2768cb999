/**
 * One small database interface over PGlite (embedded, the default) and PostgreSQL (`pg`),
 * so the same SQL runs on both.
 *
 * - `query(text, params)` → rows. Parameters are `$1…$n`; pass JSON as a string and cast
 *   it (`$1::jsonb`), which both drivers treat the same way.
 * - `exec(sql)`: several statements at once, no parameters (migrations).
 * - `transaction(fn)`: BEGIN … COMMIT, ROLLBACK when `fn` throws.
 *
 * Normalised results: int8 (bigint, count(*)) comes back as a JS number on both (PGlite
 * does that itself; `pg` would give strings — a per-pool type parser converts them; the
 * values we keep, cursors and ids, stay far below 2^53). timestamptz comes back as Date
 * on both. jsonb as parsed JSON on both.
 *
 * PGlite is single-connection and single-process: one process per data directory. A lock
 * file (`<dataDir>/onewindow.lock`, holding the pid) turns a second process away with a
 * clear message instead of corrupting the data.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type DbKind = 'pglite' | 'postgres';
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Hot statements: prepared once per connection under this name and executed from then on
   * without being parsed and planned again (PostgreSQL; PGlite has no named statements and
   * ignores it). One name, one text, for ever.
   */
  name?: string;
}

export interface Queryable {
  query<T extends Row = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Where: the data directory, 'memory', or the PostgreSQL URL without its password. */
  readonly where: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// ---- PGlite --------------------------------------------------------------------------------

export interface PgliteOptions {
  /** A directory (created if needed); omit for an in-memory database (tests). */
  dataDir?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the PGlite data directory ${dataDir} is in use by process ${pid} (PGlite allows one process per directory). ` +
        'Stop that process (e.g. the running server) first, or use PostgreSQL via DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>/onewindow.lock` or throws DataDirLockedError; returns the release function. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'onewindow.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || pidAlive(pid))) throw new DataDirLockedError(dataDir, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly pg: PGlite,
    readonly where: string,
    private readonly release: () => void,
  ) {}

  async query<T extends Row = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.pg.query<T>(text, params as unknown[])).rows;
  }
  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) =>
      fn({
        query: async <R extends Row = Row>(text: string, params: readonly unknown[] = []) => (await tx.query<R>(text, params as unknown[])).rows,
        exec: async (sql: string) => {
          await tx.exec(sql);
        },
      }),
    );
  }
  async close(): Promise<void> {
    try {
      await this.pg.close();
    } finally {
      this.release();
    }
  }
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  if (!options.dataDir) {
    const db = new PGlite();
    await db.waitReady;
    return new PgliteDb(db, 'memory', () => {});
  }
  const dir = resolve(options.dataDir);
  const release = lockDataDir(dir);
  try {
    const db = new PGlite(dir);
    await db.waitReady;
    return new PgliteDb(db, dir, release);
  } catch (e) {
    release();
    throw e;
  }
}

// ---- PostgreSQL ----------------------------------------------------------------------------

const INT8_OID = 20;

const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (v: string) => Number(v) : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as never,
};

function pgQuery(text: string, params: readonly unknown[], options: QueryOptions | undefined): pg.QueryConfig {
  return options?.name ? { name: options.name, text, values: params as unknown[] } : { text, values: params as unknown[] };
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool,
    readonly where: string,
  ) {}

  async query<T extends Row = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<T[]> {
    return (await this.pool.query<T>(pgQuery(text, params, options))).rows;
  }
  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R extends Row = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) =>
          (await client.query<R>(pgQuery(text, params, options))).rows,
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The URL without its password, for logs and /health. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface PostgresOptions {
  url: string;
  /** Pool size (default 10). */
  max?: number;
}

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, types: pgTypes });
  pool.on('error', () => {}); // an idle client's connection dropped: the pool replaces it
  const db = new PostgresDb(pool, redactUrl(options.url));
  try {
    await db.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return db;
}

// ---- from the environment ------------------------------------------------------------------

export const DEFAULT_DATA_DIR = '.data/pglite';

/** `DATABASE_URL=postgres://…` → PostgreSQL; otherwise PGlite in `ONEWINDOW_DATA_DIR` (default .data/pglite). */
export function openDbFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL');
    return openPostgres({ url, ...(env.ONEWINDOW_PG_POOL ? { max: Number(env.ONEWINDOW_PG_POOL) } : {}) });
  }
  return openPglite({ dataDir: env.ONEWINDOW_DATA_DIR?.trim() || DEFAULT_DATA_DIR });
}

