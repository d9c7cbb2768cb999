/**
 * The service killed in the middle of a batch, for real: `src/server/main.ts` runs as its own
 * process (tsx) on a PGlite data directory, or on a fresh PostgreSQL database, seeded with the
 * admin functions. A workstation's sync engine (src/renderer/src/sync/engine.ts, on
 * fake-indexeddb) drains a backlog of 2,000 cases in batches; the server gets SIGKILL while
 * a push is in flight — three times, at different moments — and comes back each time on the
 * same data and port. After the last restart the engine resyncs (everything not
 * acknowledged is sent again) and then:
 *
 * - every outbox entry is acknowledged;
 * - each department's queue, read through the department API, holds each of its cases once;
 * - in the database: one case row per case, one dispatch per case and responsible
 *   department, one `received` event per case and one `dispatched` event per dispatch —
 *   nothing twice, nothing lost;
 * - the events the workstation pulled back are the same, once each.
 *
 * On PostgreSQL two kills are aimed through pg_stat_activity (a backend holding a
 * transaction id while the engine pushes is a push transaction): one while it is open, one the moment it has committed
 * (its answer then usually never reaches the workstation: the resync gets `alreadyHave`).
 * The others, and all on PGlite (inside the server process), are timed against the
 * batches' measured duration.
 */
import 'fake-indexeddb/auto'; // before Dexie is loaded
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { hotelSubject } from '../fixtures/intake';
import { QueueResponse } from '../../src/core/sync/protocol';
import { type Db, openPglite, openPostgres } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { SyncEngine } from '../../src/renderer/src/sync/engine';
import type { WorkstationDb } from '../../src/renderer/src/store/db';
import { BACKENDS, type Fixtures, makeCase, PG_URL, seedFixtures } from './helpers';
import { createScratchDatabase, type ScratchDatabase, type ServerProcess, startServerProcess } from './serverProcess';
import { outboxStates, workstationWith } from './workstation';

const CASES = 2_000;
const KILLS = 3;

interface KillRecord {
  round: number;
  how: string;
  pushesAnswered: number;
  pushesInFlight: number;
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`crash and resync with a real server process — ${name}`, () => {
    let dataDir = '';
    let scratch: ScratchDatabase | null = null;
    let fx: Fixtures;
    let server: ServerProcess | null = null;
    let ws: WorkstationDb | null = null;

    const openDb = (): Promise<Db> => (backend === 'pglite' ? openPglite({ dataDir }) : openPostgres({ url: scratch!.url, max: 2 }));
    const start = (port?: number) =>
      startServerProcess({ ...(backend === 'pglite' ? { dataDir } : { databaseUrl: scratch!.url }), ...(port ? { port } : {}) });

    beforeAll(async () => {
      if (backend === 'pglite') dataDir = join(mkdtempSync(join(tmpdir(), 'ow-crash-')), 'pglite');
      else scratch = await createScratchDatabase(PG_URL, 'ow_t');
      const db = await openDb();
      try {
        await migrate(db);
        fx = await seedFixtures(db, new Date());
      } finally {
        await db.close(); // PGlite: one process per directory — the server's from now on
      }
    }, 60_000);

    afterAll(async () => {
      ws?.close();
      await server?.kill();
      if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
      await scratch?.drop();
    });

    it(`SIGKILL in the middle of a batch, ${KILLS} times; after restart and resync every case is in each department's queue exactly once`, async () => {
      server = await start();
      const port = Number(new URL(server.url).port);
      const cases: IntakeCase[] = Array.from({ length: CASES }, (_, i) => makeCase(i % 4 === 0 ? { subject: hotelSubject() } : {}));
      ws = await workstationWith(server.url, fx.ws.token, cases);

      // The engine's clock: moved forward before the resync so every backoff is over.
      let skew = 0;
      const clock = () => Date.now() + skew;

      // Pushes in flight and answered, per round; `onPushStart` lets a round aim its kill.
      let inFlight = 0;
      let answered = 0;
      const durations: number[] = [];
      let onPushStart: (() => void) | null = null;
      let outcomes: Record<string, number> = {};
      const fetchCounting: typeof fetch = async (input, init) => {
        if (!String(input).includes('/cases/push')) return fetch(input, init);
        inFlight += 1;
        const t0 = performance.now();
        onPushStart?.();
        try {
          const res = await fetch(input, init);
          const body = await res.text();
          answered += 1;
          if (res.ok) for (const r of (JSON.parse(body) as { results: { outcome: string }[] }).results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
          durations.push(performance.now() - t0);
          return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
        } finally {
          inFlight -= 1;
        }
      };
      const engine = new SyncEngine({ db: ws, pullReferenceData: false, fetch: fetchCounting, now: clock, batchSize: 50 }); // many batches: room to aim three kills

      const kills: KillRecord[] = [];
      for (let round = 1; round <= KILLS; round++) {
        answered = 0;
        const proc = server;
        let killedAt: KillRecord | null = null;
        const killNow = (how: string) => {
          if (killedAt) return;
          killedAt = { round, how, pushesAnswered: answered, pushesInFlight: inFlight };
          proc.child.kill('SIGKILL');
        };

        let runDone = false;
        let watcher: Promise<void> = Promise.resolve();
        if (backend === 'postgres' && round <= 2) {
          // Aim at a push transaction through pg_stat_activity (a backend holding a transaction
          // id is a writing transaction — a push's, or the request audit rows written after any
          // request, so a push must also be in flight): round 1 while one is open, round 2 the
          // moment it has committed — before its answer is likely to have left the server.
          const client = new pg.Client({ connectionString: scratch!.url });
          await client.connect();
          watcher = (async () => {
            try {
              let seenOpen = false;
              while (!killedAt && !runDone) {
                const r = await client.query(
                  `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
                );
                const open = (r.rowCount ?? 0) > 0;
                if (answered < 2) continue;
                if (round === 1 && open && inFlight > 0) killNow('while a push transaction was open (its transaction id seen in pg_stat_activity)');
                if (round === 2 && seenOpen && !open && inFlight > 0) killNow('right after a push transaction committed (gone from pg_stat_activity)');
                seenOpen = open;
              }
            } finally {
              await client.end();
            }
          })();
        } else {
          // After two answered pushes, the next push gets killed part-way through: at once, a
          // third of a batch's time in, two thirds in.
          const fraction = [0, 1 / 3, 2 / 3][round - 1] ?? 0.5;
          onPushStart = () => {
            if (answered < 2 || killedAt) return;
            onPushStart = null;
            const sorted = [...durations].sort((a, b) => a - b);
            const typical = sorted[Math.floor(sorted.length / 2)] ?? 10;
            const delay = typical * fraction;
            setTimeout(() => {
              if (inFlight > 0) killNow(`${delay.toFixed(1)} ms into a push (a batch takes ~${typical.toFixed(1)} ms)`);
              else onPushStart = () => killNow('as the next push left (the one aimed at had already been answered)');
            }, delay);
          };
        }

        const report = await engine.runOnce();
        runDone = true;
        onPushStart = null;
        await watcher;
        expect(killedAt, `round ${round}: the server was not killed before the engine ran out of cases`).not.toBeNull();
        kills.push(killedAt!);
        expect(report.outcome).toBe('offline');
        await proc.kill();
        expect(proc.child.signalCode).toBe('SIGKILL');
        server = await start(port); // the same data, the same address
      }

      // Every kill landed while a push was on its way.
      for (const k of kills) expect(k.pushesInFlight, JSON.stringify(k)).toBeGreaterThanOrEqual(1);
      const before = await outboxStates(ws);
      expect(before.acknowledged ?? 0).toBeLessThan(CASES);

      // Resync: every backoff is over; runs until the outbox is drained.
      skew += 24 * 3600_000;
      outcomes = {};
      for (let i = 0; i < 5 && (await outboxStates(ws)).acknowledged !== CASES; i++) {
        const r = await engine.runOnce();
        expect(r.outcome, r.detail ?? '').toBe('ok');
      }
      expect(await outboxStates(ws)).toEqual({ acknowledged: CASES });

      // The departments' view (their API): each case once in each responsible department's queue.
      const queue = async (token: string) => {
        const ids: string[] = [];
        for (let after = 0; ; ) {
          const res = await fetch(`${server!.url}/api/v1/department/queue?state=queued&limit=200&after=${after}`, { headers: { Authorization: `Bearer ${token}` } });
          expect(res.status).toBe(200);
          const page = QueueResponse.parse(await res.json());
          ids.push(...page.dispatches.map((d) => d.caseId));
          if (page.dispatches.length === 0) break;
          after = page.nextAfter;
        }
        return ids;
      };
      const all = cases.map((c) => c.id).sort();
      const hotels = cases.filter((_, i) => i % 4 === 0).map((c) => c.id).sort();
      expect((await queue(fx.dept.SCJG)).sort()).toEqual(all);
      expect((await queue(fx.dept.WJJ)).sort()).toEqual(hotels);
      expect(await queue(fx.dept.YBJ)).toEqual([]);

      // The workstation pulled every event once: received + one dispatched per department.
      const pulled = await ws.statusEvents.toArray();
      const perCase = new Map<string, string[]>();
      for (const e of pulled) perCase.set(e.caseId, [...(perCase.get(e.caseId) ?? []), `${e.kind}:${e.departmentCode ?? ''}`]);
      expect(perCase.size).toBe(CASES);
      for (const [i, c] of cases.entries())
        expect(perCase.get(c.id)!.sort()).toEqual(i % 4 === 0 ? ['dispatched:SCJG', 'dispatched:WJJ', 'received:'] : ['dispatched:SCJG', 'received:']);

      // The database itself (the server stopped cleanly first: PGlite is one process per directory).
      await server.stop();
      server = null;
      const db = await openDb();
      try {
        const one = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);
        expect(await one('SELECT count(*) AS n FROM cases')).toBe(CASES);
        expect(await one('SELECT count(*) AS n FROM dispatches')).toBe(CASES + CASES / 4);
        expect(await one(`SELECT count(*) AS n FROM (SELECT 1 FROM dispatches GROUP BY case_id, department_code HAVING count(*) > 1) x`)).toBe(0);
        expect(await one(`SELECT count(*) AS n FROM status_events WHERE kind = 'received'`)).toBe(CASES);
        expect(await one(`SELECT count(*) AS n FROM status_events WHERE kind = 'dispatched'`)).toBe(CASES + CASES / 4);
        expect(await one(`SELECT count(*) AS n FROM (SELECT 1 FROM status_events GROUP BY case_id, kind, department_code HAVING count(*) > 1) x`)).toBe(0);
        expect(
          await one(`SELECT count(*) AS n FROM dispatches d WHERE NOT EXISTS (
                       SELECT 1 FROM status_events e WHERE e.case_id = d.case_id AND e.kind = 'dispatched' AND e.department_code = d.department_code)`),
        ).toBe(0);
      } finally {
        await db.close();
      }
      console.log(
        `[${name}] ${CASES} cases, ${KILLS} SIGKILLs:\n` +
          kills.map((k) => `  round ${k.round}: killed ${k.how}; ${k.pushesAnswered} pushes answered, ${k.pushesInFlight} in flight`).join('\n') +
          `\n  before the resync: ${JSON.stringify(before)}; the resync's push outcomes: ${JSON.stringify(outcomes)}` +
          ` (alreadyHave: stored before a kill, its answer lost); after: all ${CASES} acknowledged, each once per department`,
      );
    }, 240_000);
  });
}
