/**
 * The department-queue service as a real process: `node --import tsx src/server/main.ts`
 * (no tsx wrapper process in between, so the pid is the server's own and a SIGKILL kills
 * the server, not a launcher). PORT=0: the server takes a free port and prints its
 * address, which is read from its first line. Used by the crash test and the server
 * benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL: no shutdown hook runs. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the server closes (audit flushed, database closed). Resolves when it has exited. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** PGlite data directory, or… */
  dataDir?: string;
  /** …a PostgreSQL URL. */
  databaseUrl?: string;
  /** Extra environment (e.g. ONEWINDOW_PG_POOL). */
  env?: Record<string, string>;
  /** Extra node options before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Default 0: a free port. */
  port?: number;
  startTimeoutMs?: number;
}

export async function startServerProcess(o: ServerProcessOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(o.port ?? 0),
    ONEWINDOW_LOG: '0',
    ONEWINDOW_RATE_LIMIT: 'off',
    DATABASE_URL: o.databaseUrl ?? '',
    ONEWINDOW_DATA_DIR: o.dataDir ?? '',
    ...o.env,
  };
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${o.startTimeoutMs ?? 60_000} ms:\n${out}`));
    }, o.startTimeoutMs ?? 60_000);
    const onData = () => {
      const m = /department-queue service: (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}):\n${out}`));
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    url,
    pid: child.pid!,
    child,
    output: () => out,
    kill: async () => {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!gone()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---- a fresh PostgreSQL database ------------------------------------------------------------

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the server of `baseUrl`; `drop()` removes it (forcing connections off). */
export async function createScratchDatabase(baseUrl: string, prefix = 'ow_t'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: baseUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** null when PostgreSQL answers at `url`, else why not. */
export async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}
