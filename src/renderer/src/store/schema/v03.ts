/**
 * Version 3 of the workstation's database.
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';

export function v03(db: Dexie): void {
  db.version(3).stores({
    caseDocuments: '&[caseId+kind], caseId',
  });
}
