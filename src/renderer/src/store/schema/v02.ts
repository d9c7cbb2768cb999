/**
 * Version 2 of the workstation's database.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v02(db: Dexie): void {
  db.version(2).stores({
    cases: '&id, caseNumber, status, createdDay, updatedAt, [status+updatedAt], [createdDay+updatedAt], applicantIdNumber, applicantName',
  });
}
