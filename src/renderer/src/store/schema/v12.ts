/**
 * Version 12 of the workstation's database.
 * Sync speed: an outbox entry changes state when its answer comes back, and every
 * index on `state` is rewritten then. Two compound indexes serve every query (Dexie reads
 * `where('state')` from the [state+…] prefix); the lone `state` and `nextAttemptAt` go.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v12(db: Dexie): void {
  db.version(12).stores({
    outbox: '&caseId, [state+nextAttemptAt], [state+enqueuedAt]',
  });
}
