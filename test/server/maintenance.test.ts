/**
 * The embedded database's housekeeping (src/server/maintenance.ts): PGlite has no
 * autovacuum, so the service vacuums it itself — only in rounds that had requests, never
 * twice at once, never on PostgreSQL (autovacuum's job there).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimBatchResponse } from '../../src/core/sync/protocol';
import { DEFAULT_VACUUM_INTERVAL_MS, startMaintenance, vacuumIntervalFromEnv } from '../../src/server/maintenance';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

type VacuumRow = { relname: string; last_vacuum: Date | null; last_analyze: Date | null };
const vacuumed = async (env: Env, table: string) =>
  (await env.db.query<VacuumRow>('SELECT relname, last_vacuum, last_analyze FROM pg_stat_user_tables WHERE relname = $1', [table]))[0];

/** Cases pushed, then claimed and decided: each dispatch rewritten twice (dead rows to clean). */
async function churn(env: Env): Promise<void> {
  const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: Array.from({ length: 40 }, () => pushed(makeCase())) } });
  expect(r.status).toBe(200);
  const claimed = await call(env.app, 'POST', '/api/v1/department/dispatches/claim-batch', { token: env.dept.SCJG, body: { limit: 40 } });
  const ids = ClaimBatchResponse.parse(claimed.json).dispatches.map((d) => d.dispatchId);
  const decided = await call(env.app, 'POST', '/api/v1/department/decisions', { token: env.dept.SCJG, body: { decisions: ids.map((dispatchId) => ({ dispatchId, decision: { kind: 'approved' } })) } });
  expect(decided.status).toBe(200);
}

describe('PGlite housekeeping', () => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('vacuums and analyzes after requests came in, and not when none did', async () => {
    env = await startEnv('pglite', { vacuumIntervalMs: 0 }); // the service's own rounds off: this test drives one
    await churn(env);
    const m = startMaintenance(env.db, { intervalMs: 3_600_000 });
    try {
      expect(await m.runNow()).toBe(false); // nothing noted yet
      m.noteWrite();
      const [a, b] = [m.runNow(), m.runNow()]; // one round at a time: the second call joins the first
      expect(await a).toBe(true);
      expect(await b).toBe(true);
      const d = await vacuumed(env, 'dispatches');
      expect(d?.last_vacuum).not.toBeNull();
      expect(d?.last_analyze).not.toBeNull();
      expect(await m.runNow()).toBe(false); // nothing new since
    } finally {
      m.stop();
    }
  }, 60_000);

  it('the service runs its rounds on its own once requests come in', async () => {
    env = await startEnv('pglite', { vacuumIntervalMs: 100 });
    expect((await vacuumed(env, 'dispatches'))?.last_vacuum ?? null).toBeNull();
    await churn(env);
    const deadline = Date.now() + 10_000;
    while (!(await vacuumed(env, 'dispatches'))?.last_vacuum && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await vacuumed(env, 'dispatches'))?.last_vacuum).not.toBeNull();
  }, 60_000);

  it.skipIf(BACKENDS.find((b) => b.backend === 'postgres')!.skip)('leaves PostgreSQL to its autovacuum', async () => {
    env = await startEnv('postgres', { vacuumIntervalMs: 100 });
    const m = startMaintenance(env.db, { intervalMs: 100 });
    m.noteWrite();
    expect(await m.runNow()).toBe(false);
    m.stop();
  }, 60_000);

  it('reads ONEWINDOW_VACUUM_MINUTES', () => {
    expect(vacuumIntervalFromEnv(undefined)).toBe(DEFAULT_VACUUM_INTERVAL_MS);
    expect(vacuumIntervalFromEnv('')).toBe(DEFAULT_VACUUM_INTERVAL_MS);
    expect(vacuumIntervalFromEnv('0')).toBe(0);
    expect(vacuumIntervalFromEnv('2.5')).toBe(150_000);
    expect(() => vacuumIntervalFromEnv('soon')).toThrow(/ONEWINDOW_VACUUM_MINUTES/);
    expect(() => vacuumIntervalFromEnv('-1')).toThrow(/ONEWINDOW_VACUUM_MINUTES/);
  });
});
