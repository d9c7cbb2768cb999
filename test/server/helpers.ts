/**
 * Test harness of the department-queue service.
 *
 * Every API test file runs its suite once per backend: an in-memory PGlite (one per file:
 * creating one takes ~3 s) and a real PostgreSQL at ONEWINDOW_TEST_PG (default
 * postgres://postgres@127.0.0.1:5432/test), where each file gets a fresh database
 * `ow_t_<random>` that is dropped afterwards, so parallel files and runs never collide.
 * The PostgreSQL suites are skipped — with the reason in their name — only when the
 * server cannot be reached.
 *
 * `startEnv(backend)` returns a migrated database, a Fastify instance (driven with
 * `inject`, no port), a fake clock, a centre with two workstations (one of another
 * centre), three departments and the fixture catalog (src/core/intake/fixtures.ts)
 * published.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { type IntakeCase, recordDecision } from '../../src/core/intake/case';
import { makeCaseNumber } from '../../src/core/intake/caseNumber';
import { AT, FOOD, foodSubject, makeClerk, makeDraft, makeIntakeCatalog, personApplicant } from '../fixtures/intake';
import type { Subject } from '../../src/core/intake/case';
import { canonicalJson } from '../../src/core/kernel';
import type { PushedCase } from '../../src/core/sync/protocol';
import { buildServer, type OneWindowServer, type ServerOptions } from '../../src/server/app';
import { createCentre, createDepartment, createWorkstation } from '../../src/server/adminCommands';
import { type Db, openPglite, openPostgres } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { publishCatalog } from '../../src/server/store';

export type Backend = 'pglite' | 'postgres';

export const PG_URL = process.env.ONEWINDOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
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

const pgProblem = await probePostgres();
if (pgProblem) console.warn(`!! PostgreSQL unreachable at ${PG_URL} (${pgProblem}): the PostgreSQL server suites are skipped`);

/** `[name, backend, skip]` for describe.each-style loops. */
export const BACKENDS: { name: string; backend: Backend; skip: boolean }[] = [
  { name: 'PGlite', backend: 'pglite', skip: false },
  {
    name: pgProblem ? `PostgreSQL (SKIPPED: unreachable at ${PG_URL})` : 'PostgreSQL',
    backend: 'postgres',
    skip: pgProblem !== null,
  },
];

export interface TestDb {
  db: Db;
  /** PostgreSQL: the database's URL. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, empty (not migrated) database of the backend. */
export async function openTestDb(backend: Backend): Promise<TestDb> {
  if (backend === 'pglite') {
    const db = await openPglite();
    return { db, drop: () => db.close() };
  }
  const name = `ow_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres({ url: url.toString(), max: 12 });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export class FakeClock {
  constructor(public t = new Date('2026-11-30T02:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(seconds: number): void {
    this.t = new Date(this.t.getTime() + seconds * 1000);
  }
}

export interface Env {
  backend: Backend;
  db: Db;
  app: OneWindowServer;
  clock: FakeClock;
  /** Workstation 330106-7K (the fixture clerk's centre) and 330106-3A; 330102-7K of another centre. */
  ws: { id: string; token: string };
  ws2: { id: string; token: string };
  wsOther: { id: string; token: string };
  dept: { SCJG: string; WJJ: string; YBJ: string };
  close(): Promise<void>;
}

export type Fixtures = Pick<Env, 'ws' | 'ws2' | 'wsOther' | 'dept'>;

/**
 * Seeds a migrated database with the admin functions: centres 330106 and 330102,
 * workstations 330106-7K, 330106-3A and 330102-7K, departments SCJG, WJJ and YBJ, the
 * fixture catalog published. Returns the tokens.
 */
export async function seedFixtures(db: Db, now: Date): Promise<Fixtures> {
  await createCentre(db, '330106', '西湖区政务服务中心');
  await createCentre(db, '330102', '上城区政务服务中心');
  const ws = await createWorkstation(db, '330106', '7K');
  const ws2 = await createWorkstation(db, '330106', '3A');
  const wsOther = await createWorkstation(db, '330102', '7K');
  const dept = {
    SCJG: (await createDepartment(db, 'SCJG', '西湖区市场监督管理局')).token,
    WJJ: (await createDepartment(db, 'WJJ', '西湖区卫生健康局')).token,
    YBJ: (await createDepartment(db, 'YBJ', '西湖区医疗保障局')).token,
  };
  await publishCatalog(db, makeIntakeCatalog(), now);
  return { ws, ws2, wsOther, dept };
}

export async function startEnv(backend: Backend, options: Partial<ServerOptions> = {}): Promise<Env> {
  const { db, drop } = await openTestDb(backend);
  await migrate(db);
  const clock = new FakeClock();
  const fixtures = await seedFixtures(db, clock.now());
  const app = await buildServer({ db, now: clock.now, rateLimit: false, ...options });
  return {
    backend,
    db,
    app,
    clock,
    ...fixtures,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

// ---- cases ----------------------------------------------------------------------------------

let sequence = 0;

export function uuid(): string {
  return crypto.randomUUID();
}

export interface CaseOptions {
  id?: string;
  subject?: Subject;
  catalogVersion?: string;
  centreCode?: string;
  status?: 'accepted' | 'noticeIssued' | 'draft';
  /** A change that makes the content differ (e.g. another phone number). */
  phone?: string;
  /** The workstation code in the case number (default 7K, the fixture workstation `ws`; `ws2` is 3A). */
  workstationCode?: string;
}

/** An accepted (or noticeIssued / draft) case of the fixture catalog, valid for the protocol. */
export function makeCase(o: CaseOptions = {}): IntakeCase {
  const id = o.id ?? uuid();
  const centreCode = o.centreCode ?? '330106';
  const draft = makeDraft({
    id,
    subject: o.subject ?? foodSubject(),
    catalogVersion: o.catalogVersion ?? '2026.11.1',
    clerk: makeClerk({ centreCode }),
    applicant: { ...personApplicant(), ...(o.phone ? { phone: o.phone } : {}) },
    agent: null,
  });
  if (o.status === 'draft') return draft;
  // A case number names one case: past 9,999 a day the numbers move on to the day before.
  sequence += 1;
  const day = new Date(Date.UTC(2026, 10, 30) - Math.floor((sequence - 1) / 9999) * 86_400_000).toISOString().slice(0, 10);
  const n = makeCaseNumber({ centreCode, date: day, workstationCode: o.workstationCode ?? '7K', sequence: ((sequence - 1) % 9999) + 1 });
  if (!n.ok) throw new Error(n.reason);
  if (o.status === 'noticeIssued')
    return recordDecision(draft, {
      kind: 'oneTimeNotice',
      at: AT,
      by: 'C0107',
      caseNumber: n.value,
      items: [
        {
          key: `${FOOD}/layout`,
          name: '经营场所和设备布局、操作流程示意图',
          itemCodes: [FOOD],
          problem: 'missing',
          reason: '未提交',
          acceptanceStandard: '标明功能区域、设备位置和操作流程',
          necessity: 'required',
        },
      ],
    });
  return recordDecision(draft, {
    kind: 'accept',
    at: AT,
    by: 'C0107',
    caseNumber: n.value,
    promisedDates: [
      { basicCode: FOOD, itemName: '食品经营许可', handlingItemCodes: [`${FOOD}-01`], limit: { kind: 'workingDays', days: 5 }, date: '2026-12-07', provisional: false },
    ],
    received: [{ key: 'shared/application-form', name: '食品经营许可申请书', itemCodes: [FOOD], type: 'original', status: 'receivedOriginal', copies: 1 }],
  });
}

export function hashOf(c: unknown): string {
  return createHash('sha256').update(canonicalJson(c), 'utf8').digest('hex');
}

export function pushed(c: IntakeCase, training = false): PushedCase {
  return { caseId: c.id, contentHash: hashOf(c), training, case: c };
}

// ---- HTTP -----------------------------------------------------------------------------------

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  json: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

export async function call(app: OneWindowServer, method: 'GET' | 'POST' | 'OPTIONS', url: string, o: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: string | undefined;
  if (o.body !== undefined) {
    payload = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : null;
  } catch {
    json = null;
  }
  return { status: res.statusCode, json, headers: res.headers, raw: res };
}
