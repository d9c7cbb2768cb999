/**
 * Version 5 of the workstation's database.
 * 容缺受理: the deferral record with its supplements, per case (the decided case is immutable).
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v05(db: Dexie): void {
  db.version(5).stores({
    supplements: '&caseId, updatedAt',
  });
}
