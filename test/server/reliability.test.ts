/**
 * Reliability of the service's side of sync: a push that fails half-way leaves nothing
 * behind and its retry lands exactly once; the same case pushed by two workstations at
 * the same moment is stored once; a workstation pulling while departments decide never
 * skips an event; a backlog of 1,000 cases drains with every case queued once per
 * department. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotelSubject } from '../../src/core/intake/fixtures';
import { type PushResult, PushResponse, type StatusEvent, StatusEventsResponse } from '../../src/core/sync/protocol';
import { buildServer, type OneWindowServer } from '../../src/server/app';
import type { Db, Queryable } from '../../src/server/db';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

/** The Db with a switch that makes the status-event insert of a push throw (a crash half-way through). */
function failingDb(db: Db): Db & { fail: boolean } {
  const wrap = (q: Queryable, self: { fail: boolean }): Queryable => ({
    query: (text, params) => {
      if (self.fail && text.includes('INSERT INTO status_events')) return Promise.reject(new Error('simulated crash'));
      return q.query(text, params);
    },
    exec: (sql) => q.exec(sql),
  });
  const self = {
    fail: true,
    kind: db.kind,
    where: db.where,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx, self))),
    close: () => db.close(),
  };
  return self as Db & { fail: boolean };
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`reliability — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const count = async (sql: string, params: unknown[] = []) => Number((await env.db.query<{ n: number }>(sql, params))[0]!.n);
    const pushAs = async (token: string, cases: unknown[]) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token, body: { cases } });
      expect(r.status).toBe(200);
      return PushResponse.parse(r.json).results;
    };

    it('a push that fails half-way writes nothing; the retry stores every case exactly once', async () => {
      const broken = failingDb(env.db);
      const app: OneWindowServer = await buildServer({ db: broken, now: env.clock.now, rateLimit: false });
      try {
        const batch = Array.from({ length: 10 }, (_, i) => pushed(makeCase(i % 2 ? { subject: hotelSubject() } : {})));
        const ids = batch.map((b) => b.caseId);
        const r = await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: batch } });
        expect(r.status).toBe(500);
        expect(r.json.error.code).toBe('internal');
        const inIds = `SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)`;
        expect(await count(`SELECT count(*) AS n FROM cases WHERE case_id IN (${inIds})`, [JSON.stringify(ids)])).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM dispatches WHERE case_id IN (${inIds})`, [JSON.stringify(ids)])).toBe(0);

        broken.fail = false;
        const again = PushResponse.parse((await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: batch } })).json).results;
        expect(again.every((x) => x.outcome === 'stored')).toBe(true);
        // and once more (the answer was lost): nothing new
        const third = PushResponse.parse((await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: batch } })).json).results;
        expect(third.every((x) => x.outcome === 'alreadyHave')).toBe(true);
        expect(await count(`SELECT count(*) AS n FROM dispatches WHERE case_id IN (${inIds})`, [JSON.stringify(ids)])).toBe(5 * 1 + 5 * 2);
        expect(
          await count(`SELECT count(*) AS n FROM (SELECT case_id, department_code FROM dispatches WHERE case_id IN (${inIds}) GROUP BY 1, 2 HAVING count(*) > 1) x`, [
            JSON.stringify(ids),
          ]),
        ).toBe(0);
      } finally {
        await app.close();
      }
    });

    it('the same cases pushed by two workstations at the same moment are stored once', async () => {
      const batch = Array.from({ length: 20 }, () => pushed(makeCase({ subject: hotelSubject() })));
      const [a, b] = await Promise.all([pushAs(env.ws.token, batch), pushAs(env.ws2.token, batch)]);
      for (let i = 0; i < batch.length; i++) {
        const outcomes = [a[i]!.outcome, b[i]!.outcome].sort();
        expect(outcomes).toEqual(['alreadyHave', 'stored']);
      }
      const ids = JSON.stringify(batch.map((x) => x.caseId));
      expect(await count('SELECT count(*) AS n FROM dispatches WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))', [ids])).toBe(40);
      expect(
        await count(
          `SELECT count(*) AS n FROM status_events WHERE kind = 'received' AND case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`,
          [ids],
        ),
      ).toBe(20);
    });

    it('a workstation pulling while departments decide never skips an event', async () => {
      const cases = Array.from({ length: 40 }, () => makeCase());
      for (let i = 0; i < cases.length; i += 20) await pushAs(env.ws.token, cases.slice(i, i + 20).map((c) => pushed(c)));
      // where the workstation is now
      let cursor = 0;
      for (;;) {
        const p = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=500`, { token: env.ws.token })).json);
        if (p.events.length === 0) break;
        cursor = p.nextCursor;
      }
      const start = cursor;
      const ids = new Set(cases.map((c) => c.id));
      const dispatchIds = (
        await env.db.query<{ id: number; case_id: string }>(`SELECT id, case_id::text AS case_id FROM dispatches WHERE department_code = 'SCJG' AND state = 'queued'`)
      )
        .filter((d) => ids.has(d.case_id))
        .map((d) => d.id);
      expect(dispatchIds).toHaveLength(40);

      let deciding = true;
      const seen: StatusEvent[] = [];
      const puller = (async () => {
        while (deciding) {
          const p = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=7`, { token: env.ws.token })).json);
          seen.push(...p.events);
          cursor = p.nextCursor;
          // A real client's next request arrives through the network; in-process `inject` calls
          // would otherwise run as one endless chain of microtasks and starve PGlite's queue.
          await new Promise((r) => setTimeout(r, 1));
        }
      })();
      const queue = [...dispatchIds];
      const deciders = Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            const worker = { 'x-onewindow-worker': `w${w}` };
            expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${id}/claim`, { token: env.dept.SCJG, headers: worker })).status).toBe(200);
            for (const kind of ['takenForReview', 'approved'])
              expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${id}/decision`, { token: env.dept.SCJG, headers: worker, body: { kind } })).status).toBe(200);
          }
        }),
      );
      try {
        await deciders;
      } finally {
        deciding = false;
        await puller;
      }
      for (;;) {
        const p = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=500`, { token: env.ws.token })).json);
        if (p.events.length === 0) break;
        seen.push(...p.events);
        cursor = p.nextCursor;
      }
      const all = (await env.db.query<{ seq: number }>('SELECT seq FROM status_events WHERE workstation_id = $1 AND seq > $2 ORDER BY seq', [env.ws.id, start])).map((r) => r.seq);
      expect(all).toHaveLength(80);
      expect(seen.map((e) => e.cursor)).toEqual(all);
    }, 60_000);

    it('a backlog of 1,000 cases drains in batches; each is queued once per department (timed)', async () => {
      const cases = Array.from({ length: 1000 }, (_, i) => makeCase(i % 4 === 0 ? { subject: hotelSubject() } : {}));
      const t0 = performance.now();
      const results: PushResult[] = [];
      for (let i = 0; i < cases.length; i += 50) results.push(...(await pushAs(env.ws.token, cases.slice(i, i + 50).map((c) => pushed(c)))));
      const ms = performance.now() - t0;
      expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1000);
      const ids = JSON.stringify(cases.map((c) => c.id));
      const perDept = await env.db.query<{ department_code: string; n: number; distinct_cases: number }>(
        `SELECT department_code, count(*) AS n, count(DISTINCT case_id) AS distinct_cases FROM dispatches
         WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)) GROUP BY 1 ORDER BY 1`,
        [ids],
      );
      expect(perDept).toEqual([
        { department_code: 'SCJG', n: 1000, distinct_cases: 1000 },
        { department_code: 'WJJ', n: 250, distinct_cases: 250 },
      ]);
      console.log(`[${name}] 1,000 cases in 20 pushes of 50 (1,250 dispatches): ${ms.toFixed(0)} ms, ${((1000 / ms) * 1000).toFixed(0)} cases/s`);
    }, 120_000);
  });
}
