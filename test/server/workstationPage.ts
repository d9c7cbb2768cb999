/**
 * Browser entry of the server benchmark (test/bench/server.bench.ts): the workstation's
 * sync engine with its real IndexedDB, in Chromium — as in the app (Electron is Chromium).
 * Bundled by the benchmark, loaded into a blank page on a loopback origin (the service
 * allows CORS from http://127.0.0.1:*), driven through `window.owSyncBench`.
 */
import type { IntakeCase } from '../../src/core/intake/case';
import { enqueueDecidedCase } from '../../src/core/sync/outbox';
import { caseRecordFrom } from '../../src/renderer/src/cases/cases-store';
import { WorkstationDb } from '../../src/renderer/src/store/db';
import { SyncEngine } from '../../src/renderer/src/sync/engine';
import { saveServerConfig } from '../../src/renderer/src/sync/sync-store';

export interface PageRunResult {
  /** From the start of the run to the first status-event request (the push phase). */
  pushMs: number;
  /** The whole run (push, then pulling the status events). */
  runMs: number;
  /** Time with at least one push request in flight. */
  pushBusyMs: number;
  outcome: string;
  acknowledged: number;
  needsFix: number;
  retry: number;
  requests: number;
  pushRequests: number;
  events: number;
  /** With `profile`: wall time in each engine step (overlapping). */
  stepMs: Record<string, number>;
}

const dbs = new Map<string, WorkstationDb>();

async function fill(name: string, serverUrl: string, token: string, cases: IntakeCase[]): Promise<void> {
  const db = new WorkstationDb(name);
  dbs.set(name, db);
  await saveServerConfig({ serverUrl, token, savedAt: new Date().toISOString() }, db);
  const now = Date.now();
  for (let i = 0; i < cases.length; i += 1000) {
    const slice = cases.slice(i, i + 1000);
    await db.transaction('rw', db.cases, db.outbox, async () => {
      await db.cases.bulkPut(slice.map((c) => caseRecordFrom(c, '食品经营许可', new Date(now))));
      await db.outbox.bulkPut(
        slice.map((c, k) => {
          const q = enqueueDecidedCase(c, false, now + i + k);
          if (!q.ok) throw new Error(`case ${c.id} not enqueued: ${q.reason}`);
          return q.entry;
        }),
      );
    });
  }
}

/**
 * Wall time spent in each step (they overlap: two batches are in flight): the cases channel's
 * own steps (countDue, loadDue, prepare, send, settle — it times them into the engine's
 * `stepTimes`), and the engine's pull of status events (pullEvents, storeEvents).
 */
const stepMs: Record<string, number> = {};
let profiled = false;
function profileEngine(): void {
  if (profiled) return;
  profiled = true;
  const proto = SyncEngine.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const m of ['pullEvents', 'storeEvents']) {
    const original = proto[m];
    if (typeof original !== 'function') throw new Error(`SyncEngine has no ${m} to time: update the bench`);
    proto[m] = async function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      try {
        return await original.apply(this, a);
      } finally {
        stepMs[m] = (stepMs[m] ?? 0) + performance.now() - t;
      }
    };
  }
}

async function run(name: string, options: { batchSize?: number; concurrency?: number; profile?: boolean } = {}): Promise<PageRunResult> {
  if (options.profile) profileEngine();
  for (const k of Object.keys(stepMs)) delete stepMs[k];
  const db = dbs.get(name);
  if (!db) throw new Error(`no workstation ${name}`);
  let pushEnd = 0;
  let pushRequests = 0;
  let active = 0;
  let busyFrom = 0;
  let busy = 0;
  const timed: typeof fetch = async (input, init) => {
    const url = String(input);
    const isPush = url.includes('/cases/push');
    if (!isPush && pushEnd === 0) pushEnd = performance.now();
    if (!isPush) return fetch(input, init);
    pushRequests += 1;
    if (active++ === 0) busyFrom = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      if (--active === 0) busy += performance.now() - busyFrom;
    }
  };
  const engine = new SyncEngine({ db, pullReferenceData: false, fetch: timed, ...(options.profile ? { stepTimes: stepMs } : {}), ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(options.concurrency ? { concurrency: options.concurrency } : {}) });
  const t0 = performance.now();
  const r = await engine.runOnce();
  const t1 = performance.now();
  return {
    pushMs: (pushEnd || t1) - t0,
    runMs: t1 - t0,
    pushBusyMs: busy,
    outcome: r.outcome,
    acknowledged: r.acknowledged,
    needsFix: r.needsFix,
    retry: r.retry,
    requests: r.requests,
    pushRequests,
    events: r.events,
    stepMs: { ...stepMs },
  };
}

async function states(name: string): Promise<Record<string, number>> {
  const db = dbs.get(name);
  if (!db) throw new Error(`no workstation ${name}`);
  const out: Record<string, number> = {};
  await db.outbox.each((e) => void (out[e.state] = (out[e.state] ?? 0) + 1));
  return out;
}

async function remove(name: string): Promise<void> {
  const db = dbs.get(name);
  dbs.delete(name);
  if (db) {
    db.close();
    await db.delete();
  }
}

/**
 * IndexedDB's own cost here, without the engine, on a workstation made by `fill` (the bench
 * reads Chromium's CPU around each call): `readCases` reads its cases back 200 at a time (as
 * a push batch does); `settleOutbox` rewrites their outbox entries 200 at a time, queued →
 * acknowledged (as an answer does). Returns the phase's wall time.
 */
async function idbFloor(name: string, phase: 'readCases' | 'settleOutbox'): Promise<number> {
  const db = dbs.get(name);
  if (!db) throw new Error(`no workstation ${name}`);
  const ids = (await db.outbox.toCollection().primaryKeys()) as string[];
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    if (phase === 'readCases') await db.cases.bulkGet(batch);
    else {
      const entries = (await db.outbox.bulkGet(batch)).filter((e) => e !== undefined);
      await db.outbox.bulkPut(entries.map((e) => ({ ...e, state: 'acknowledged' as const, attempts: 1, updatedAt: Date.now() })));
    }
  }
  return performance.now() - t0;
}

declare global {
  interface Window {
    owSyncBench?: { fill: typeof fill; run: typeof run; states: typeof states; remove: typeof remove; idbFloor: typeof idbFloor };
  }
}

window.owSyncBench = { fill, run, states, remove, idbFloor };
