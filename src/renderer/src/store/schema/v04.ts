/**
 * Version 4 of the workstation's database.
 * Sync: the outbox of decided cases, status events, in-app notifications.
 * Cases decided before this version go into the outbox too, so none is left behind.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';
import { enqueueDecidedCase, type OutboxEntry } from '@core/sync/outbox';
import type { CaseRecord } from '../db';

export function v04(db: Dexie): void {
  db.version(4)
    .stores({
      outbox: '&caseId, state, nextAttemptAt, [state+nextAttemptAt], [state+enqueuedAt]',
      statusEvents: '&cursor, caseId',
      notifications: '&cursor, caseId, unread',
    })
    .upgrade(async (tx) => {
      const now = Date.now();
      const entries: OutboxEntry[] = [];
      await tx
        .table('cases')
        .where('status')
        .anyOf(['accepted', 'noticeIssued', 'refused'])
        .each((r: CaseRecord) => {
          const q = enqueueDecidedCase(r.case, false, now);
          if (q.ok) entries.push(q.entry);
        });
      if (entries.length > 0) await tx.table('outbox').bulkPut(entries);
    });
}
