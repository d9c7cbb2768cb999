/**
 * The workstation's sync engine (fake-indexeddb) against the real department-queue service
 * (src/server on an in-memory PGlite, listening on a loopback port, real HTTP): a backlog
 * queued while the server is down drains after it comes back, every case reaches its
 * departments exactly once, a resend is not a duplicate, a poisoned case does not block
 * the others. Prints the drain figures.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '@core/intake/case';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { hotelSubject } from '../../../../test/fixtures/intake';
import { makeCase, startEnv, type Env } from '../../../../test/server/helpers';
import { caseRecordFrom } from '../cases/cases-store';
import { WorkstationDb } from '../store/db';
import { SyncEngine } from './engine';
import { saveServerConfig } from './sync-store';

let env: Env;
let url = '';
let dbn = 0;

async function listen(): Promise<void> {
  await env.app.listen({ host: '127.0.0.1', port: Number(url.split(':').at(-1) || 0) });
  const addr = env.app.server.address() as { port: number };
  url = `http://127.0.0.1:${addr.port}`;
}

beforeAll(async () => {
  env = await startEnv('pglite');
  await listen();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

async function workstation(cases: IntakeCase[]): Promise<WorkstationDb> {
  const db = new WorkstationDb(`sync-server-test-${++dbn}`);
  await saveServerConfig({ serverUrl: url, token: env.ws.token, savedAt: new Date().toISOString() }, db);
  const now = Date.now();
  await db.transaction('rw', db.cases, db.outbox, async () => {
    await db.cases.bulkPut(cases.map((c) => caseRecordFrom(c, '食品经营许可', new Date(now))));
    await db.outbox.bulkPut(
      cases.map((c, i) => {
        const q = enqueueDecidedCase(c, false, now + i);
        if (!q.ok) throw new Error('not enqueued');
        return q.entry;
      }),
    );
  });
  return db;
}

async function dispatchCounts(): Promise<{ department_code: string; n: number; distinct_cases: number }[]> {
  return env.db.query(
    'SELECT department_code, count(*)::int AS n, count(DISTINCT case_id)::int AS distinct_cases FROM dispatches GROUP BY department_code ORDER BY department_code',
  );
}

async function states(db: WorkstationDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await db.outbox.each((e) => void (out[e.state] = (out[e.state] ?? 0) + 1));
  return out;
}

describe('sync engine ↔ department-queue service (PGlite, real HTTP)', () => {
  it('1,000 cases queued while the server is down all arrive after it is back, each once per department', async () => {
    const cases = Array.from({ length: 1000 }, (_, i) => makeCase(i % 4 === 0 ? { subject: hotelSubject() } : {}));
    const db = await workstation(cases);
    const engine = new SyncEngine({ db, pullReferenceData: false });

    await env.app.close(); // the server is down
    const down = await engine.runOnce();
    expect(down.outcome).toBe('offline');
    expect((await states(db)).acknowledged ?? 0).toBe(0);

    // back up (same database, same port)
    env.app = await (await import('../../../../src/server/app')).buildServer({ db: env.db, now: env.clock.now, rateLimit: false });
    await listen();
    const t0 = performance.now();
    let report = await engine.runOnce();
    // the batch that failed waits for its backoff (< 2 s); the rest went now
    for (let i = 0; i < 10 && (await states(db)).acknowledged !== 1000; i++) {
      await new Promise((r) => setTimeout(r, 500));
      report = await engine.runOnce();
    }
    const ms = performance.now() - t0;
    expect(report.outcome).toBe('ok');
    expect(await states(db)).toEqual({ acknowledged: 1000 });
    // food cases go to SCJG; the hotel bundle (1 in 4) to WJJ and SCJG
    expect(await dispatchCounts()).toEqual([
      { department_code: 'SCJG', n: 1000, distinct_cases: 1000 },
      { department_code: 'WJJ', n: 250, distinct_cases: 250 },
    ]);
    console.log(`[sync] 1,000 queued cases drained by the engine over HTTP (PGlite): ${ms.toFixed(0)} ms incl. one backoff wait`);
    db.close();
  }, 120_000);

  it('sending the same cases again gives no duplicates; a poisoned case never blocks the others', async () => {
    const good = Array.from({ length: 120 }, () => makeCase());
    const otherCentre = makeCase({ centreCode: '330102' }); // refused: another centre's case
    const unknownCatalog = makeCase({ catalogVersion: '2099.1.1' }); // invalid: catalog not published
    const db = await workstation([...good.slice(0, 60), otherCentre, unknownCatalog, ...good.slice(60)]);
    const engine = new SyncEngine({ db, pullReferenceData: false });
    const before = await dispatchCounts();

    const t0 = performance.now();
    const r = await engine.runOnce();
    const ms = performance.now() - t0;
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: 120, needsFix: 2 });
    expect((await db.outbox.get(otherCentre.id))?.needsFix?.outcome).toBe('refused');
    expect((await db.outbox.get(unknownCatalog.id))?.needsFix).toMatchObject({ outcome: 'invalid', paths: ['case.catalogVersion'] });

    // the answers were "lost": everything is sent again
    await db.outbox.toCollection().modify({ state: 'queued', nextAttemptAt: 0, needsFix: null });
    const again = await engine.runOnce();
    expect(again).toMatchObject({ acknowledged: 120, needsFix: 2 });
    const after = await dispatchCounts();
    const scjg = (rows: typeof after) => rows.find((x) => x.department_code === 'SCJG')!;
    expect(scjg(after).n - scjg(before).n).toBe(120);
    expect(scjg(after).n).toBe(scjg(after).distinct_cases);
    console.log(`[sync] 122 cases (2 poisoned) in one run: ${ms.toFixed(0)} ms, ${r.requests} requests`);
    db.close();
  }, 60_000);

  it('a case the service fails on (500 for its whole batch) is found by bisection and set aside; the other 29 go through', async () => {
    const cases = Array.from({ length: 30 }, () => makeCase());
    const poison = cases[17]!;
    // The service's database refuses this one case: its INSERT fails, so the whole push answers 500.
    await env.db.query(`CREATE OR REPLACE FUNCTION ow_test_poison() RETURNS trigger AS $$ BEGIN IF NEW.case_id = '${poison.id}'::uuid THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await env.db.query('CREATE TRIGGER ow_test_poison BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION ow_test_poison()');
    try {
      const db = await workstation(cases);
      const before = await dispatchCounts();
      // random 0: no backoff wait between the runs
      let pushes = 0;
      const counted: typeof fetch = (input, init) => {
        if (String(input).includes('/cases/push')) pushes += 1;
        return fetch(input, init);
      };
      const engine = new SyncEngine({ db, pullReferenceData: false, random: () => 0, fetch: counted });
      const first = await engine.runOnce();
      expect(first.outcome).toBe('serverError'); // one 500 could be the server: everything waits, nothing is blamed
      expect(await states(db)).toEqual({ retry: 30 });
      pushes = 0;
      const second = await engine.runOnce(); // the same batch fails again: it is bisected
      expect(second).toMatchObject({ outcome: 'ok', acknowledged: 29, needsFix: 1 });
      expect(await states(db)).toEqual({ acknowledged: 29, needsFix: 1 });
      const bad = await db.outbox.get(poison.id);
      expect(bad?.state).toBe('needsFix');
      expect(bad?.lastError).toBeTruthy();
      // the batch, then two halves a level down to the one case
      expect(pushes).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(30)));
      const scjg = (rows: Awaited<ReturnType<typeof dispatchCounts>>) => rows.find((x) => x.department_code === 'SCJG')?.n ?? 0;
      expect(scjg(await dispatchCounts()) - scjg(before)).toBe(29);
      // it stays aside: the next run does not send it again
      const third = await engine.runOnce();
      expect(third).toMatchObject({ acknowledged: 0, needsFix: 0, retry: 0 });
      db.close();
    } finally {
      await env.db.query('DROP TRIGGER IF EXISTS ow_test_poison ON cases');
    }
  }, 60_000);

  it('a service that fails on everything (500) is down, not poisoned: nothing is set aside', async () => {
    const cases = Array.from({ length: 12 }, () => makeCase());
    await env.db.query(`CREATE OR REPLACE FUNCTION ow_test_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
    await env.db.query('CREATE TRIGGER ow_test_down BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION ow_test_down()');
    try {
      const db = await workstation(cases);
      const engine = new SyncEngine({ db, pullReferenceData: false, random: () => 0 });
      let requests = 0;
      for (let i = 0; i < 4; i++) requests += (await engine.runOnce()).requests;
      expect(await states(db)).toEqual({ retry: 12 });
      // run 1: one request; then each run: the batch, its two halves (both fail: the server is down)
      expect(requests).toBeLessThanOrEqual(1 + 3 * 3);
      db.close();
    } finally {
      await env.db.query('DROP TRIGGER IF EXISTS ow_test_down ON cases');
    }
  }, 60_000);

  it('drain rate: 2,000 queued cases in one run (batches of MAX_PUSH_BATCH, two in flight)', async () => {
    const db = await workstation(Array.from({ length: 2000 }, () => makeCase()));
    let inFetch = 0;
    const timedFetch: typeof fetch = async (input, init) => {
      const t = performance.now();
      try {
        const res = await fetch(input, init);
        await res.clone().arrayBuffer();
        return res;
      } finally {
        inFetch += performance.now() - t;
      }
    };
    const engine = new SyncEngine({ db, pullReferenceData: false, fetch: timedFetch });
    const t0 = performance.now();
    const r = await engine.runOnce();
    const ms = performance.now() - t0;
    expect(r).toMatchObject({ outcome: 'ok', acknowledged: 2000 });
    console.log(`[sync] 2,000 queued cases drained in one run over HTTP (PGlite): ${ms.toFixed(0)} ms, ${((2000 / ms) * 1000).toFixed(0)} cases/s, ${r.requests} requests; ${inFetch.toFixed(0)} ms waiting on the server`);
    db.close();
  }, 120_000);

  it('status events come back: a department decision reaches the workstation as a notification', async () => {
    const c = makeCase();
    const db = await workstation([c]);
    const engine = new SyncEngine({ db, pullReferenceData: false });
    await engine.runOnce();
    const auth = { Authorization: `Bearer ${env.dept.SCJG}` };
    const q = await fetch(`${url}/api/v1/department/queue?limit=200&state=queued&after=0`, { headers: auth }).then((r) => r.json());
    let dispatch = q.dispatches.find((d: { caseId: string }) => d.caseId === c.id);
    for (let after = q.nextAfter; !dispatch; ) {
      const page = await fetch(`${url}/api/v1/department/queue?limit=200&state=queued&after=${after}`, { headers: auth }).then((r) => r.json());
      dispatch = page.dispatches.find((d: { caseId: string }) => d.caseId === c.id);
      if (page.nextAfter === after) break;
      after = page.nextAfter;
    }
    expect(dispatch).toBeDefined();
    const post = (path: string, body: unknown) =>
      fetch(`${url}/api/v1/department/dispatches/${dispatch.dispatchId}/${path}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('claim', {})).status).toBe(200);
    expect((await post('decision', { kind: 'correctionRequested', fieldComments: [{ path: 'applicant.phone', comment: '空号' }] })).status).toBe(200);
    const r = await engine.runOnce();
    expect(r.notifications.map((n) => [n.caseId, n.kind])).toEqual([[c.id, 'correctionRequested']]);
    const kinds = (await db.statusEvents.where('caseId').equals(c.id).sortBy('cursor')).map((e) => e.kind);
    expect(kinds).toEqual(['received', 'dispatched', 'correctionRequested']);
    db.close();
  }, 60_000);
});
