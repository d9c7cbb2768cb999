/**
 * Claims stay on the claimable partial index whatever PostgreSQL's statistics say (migration
 * 009). The trap: ANALYZE runs while a backlog is queued, so the planner believes most
 * dispatches are claimable; ordered by id alone, it then walks the primary key from the start
 * and steps over every dispatch decided since — each claim slower than the last while the
 * backlog drains. PostgreSQL only: PGlite is the same planner, but this checks the plan.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { CatalogCache, claimBatchAs, claimNextAs, decideBatchAs, pushCases } from '../../src/server/store';
import { hashToken } from '../../src/server/auth';
import { BACKENDS, type Fixtures, makeCase, openTestDb, pushed, seedFixtures, type TestDb } from './helpers';

const postgres = BACKENDS.find((b) => b.backend === 'postgres')!;

describe.skipIf(postgres.skip)('claim plan — PostgreSQL', () => {
  let t: TestDb;
  let db: Db;
  let fx: Fixtures;
  beforeAll(async () => {
    t = await openTestDb('postgres');
    db = t.db;
    await migrate(db);
    fx = await seedFixtures(db, new Date('2026-11-30T02:00:00Z'));
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** The SQL text and values of the next statement `run` sends. */
  async function captureSql(run: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }> {
    const original = db.query.bind(db);
    let seen: { text: string; values: unknown[] } | null = null;
    (db as { query: unknown }).query = (text: string, values?: unknown[], o?: unknown) => {
      seen ??= { text, values: values ?? [] };
      return (original as (a: string, b?: unknown[], c?: unknown) => Promise<unknown>)(text, values, o);
    };
    try {
      await run();
    } finally {
      (db as { query: unknown }).query = original;
    }
    return seen!;
  }

  /** The indexes of dispatches the generic plan of `sql` scans, each as a walk or a lookup (a generic plan is what a prepared statement may run after five executions). */
  async function indexesOfGenericPlan(url: string, sql: { text: string; values: unknown[] }): Promise<string[]> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await c.query(`PREPARE claim AS ${sql.text}`);
      const literal = (v: unknown) =>
        v === null ? 'NULL' : v instanceof Date ? `'${v.toISOString()}'` : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
      const r = await c.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) EXECUTE claim(${sql.values.map(literal).join(', ')})`);
      await c.query('ROLLBACK');
      const names: string[] = [];
      const walk = (n: Record<string, unknown>) => {
        // a primary-key scan with no Index Cond walks the table in id order; with one it looks a dispatch up by id
        if (typeof n['Index Name'] === 'string' && n['Relation Name'] === 'dispatches') names.push(`${n['Index Name']}${n['Index Cond'] ? ' (lookup)' : ' (walk)'}`);
        for (const child of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk((r.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
      return names;
    } finally {
      await c.end();
    }
  }

  it('claim-next and claim-batch read dispatches_claimable after ANALYZE saw a backlog and most of it was decided since', async () => {
    const cache = new CatalogCache();
    const ws = (await db.query<{ id: string; centre_code: string }>('SELECT id, centre_code FROM workstations WHERE id = $1', [fx.ws.id]))[0]!;
    const now = new Date('2026-11-30T02:00:00Z');
    for (let i = 0; i < 3_000; i += 200)
      await pushCases(db, { id: ws.id, centreCode: ws.centre_code, code: '7K' }, Array.from({ length: 200 }, () => pushed(makeCase())), new Date(now.getTime() + i), cache);
    await db.query('ANALYZE dispatches');
    for (let left = 2_500; left > 0; left -= 100) {
      const claimed = await claimBatchAs(db, { code: 'SCJG' }, 'w', now, 300, 100);
      const ids = (JSON.parse(claimed.json.toString('utf8')) as { dispatches: { dispatchId: number }[] }).dispatches.map((d) => d.dispatchId);
      await decideBatchAs(db, { code: 'SCJG' }, ids.map((dispatchId) => ({ dispatchId, decision: { kind: 'approved', fieldComments: [] } })), 'w', now);
    }
    const ref = { tokenHash: hashToken(fx.dept.SCJG) };
    const next = await captureSql(() => claimNextAs(db, ref, 'x', now, 300));
    const batch = await captureSql(() => claimBatchAs(db, ref, 'x', now, 300, 100));
    for (const sql of [next, batch]) {
      const used = await indexesOfGenericPlan(t.url!, sql);
      expect(used.some((u) => u.startsWith('dispatches_claimable '))).toBe(true);
      expect(used).not.toContain('dispatches_pkey (walk)');
    }
    // and the claims are oldest first: nothing still queued is older than the newest one claimed
    const older = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dispatches q WHERE q.department_code = 'SCJG' AND q.state = 'queued'
       AND (q.queued_at, q.id) < (SELECT c.queued_at, c.id FROM dispatches c WHERE c.state = 'claimed' AND c.lease_owner = 'x' ORDER BY c.queued_at DESC, c.id DESC LIMIT 1)`,
    );
    expect(older[0]!.n).toBe(0);
  }, 120_000);
});
