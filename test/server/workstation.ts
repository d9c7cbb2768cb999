/**
 * A workstation in Node: its IndexedDB (fake-indexeddb) with decided cases in the outbox,
 * pointed at a server, for the renderer's sync engine (src/renderer/src/sync/engine.ts).
 * Used by the crash test and the server benchmark.
 */
import 'fake-indexeddb/auto';
import type { IntakeCase } from '../../src/core/intake/case';
import { enqueueDecidedCase } from '../../src/core/sync/outbox';
import { caseRecordFrom } from '../../src/renderer/src/cases/cases-store';
import { WorkstationDb } from '../../src/renderer/src/store/db';
import { saveServerConfig } from '../../src/renderer/src/sync/sync-store';

let n = 0;

/** A fresh workstation database holding `cases`, all queued in the outbox (oldest first, in order). */
export async function workstationWith(serverUrl: string, token: string, cases: readonly IntakeCase[]): Promise<WorkstationDb> {
  const db = new WorkstationDb(`ow-ws-${process.pid}-${++n}-${Date.now()}`);
  await saveServerConfig({ serverUrl, token, savedAt: new Date().toISOString() }, db);
  const now = Date.now();
  for (let i = 0; i < cases.length; i += 2000) {
    const slice = cases.slice(i, i + 2000);
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
  return db;
}

/** How many outbox entries are in each state. */
export async function outboxStates(db: WorkstationDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await db.outbox.each((e) => void (out[e.state] = (out[e.state] ?? 0) + 1));
  return out;
}

/** Points the workstation at another address (the server came back on another port). */
export async function repointWorkstation(db: WorkstationDb, serverUrl: string, token: string): Promise<void> {
  await saveServerConfig({ serverUrl, token, savedAt: new Date().toISOString() }, db);
}
