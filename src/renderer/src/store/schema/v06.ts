/**
 * Version 6 of the workstation's database.
 * 补正: the clerk's fixed versions of accepted cases, pushed by sync/revision-sender.ts.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v06(db: Dexie): void {
  db.version(6).stores({
    revisions: '&[caseId+revision], caseId, state',
  });
}
