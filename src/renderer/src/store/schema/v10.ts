/**
 * Version 10 of the workstation's database.
 * Audit trail and personal data at rest: the hash-chained log (one chain per
 * case, see @core/quality/audit); cases find an applicant by keyed blind index instead of the
 * plaintext ID number and name, and existing cases are sealed (store/case-store.ts).
 * Never edit a version that has shipped: add the next one (store/schema/index.ts).
 */
import type Dexie from 'dexie';
import { sealStoredCases, sealStoredRevisions } from '../case-sealing';

export function v10(db: Dexie): void {
  db.version(10)
    .stores({
      auditLog: '++key, caseId, &[caseId+seq], sent',
      cases: '&id, caseNumber, status, createdDay, updatedAt, [status+updatedAt], [createdDay+updatedAt], idKey, *nameKeys',
    })
    .upgrade(async (tx) => {
      await sealStoredCases(tx.table('cases'));
      await sealStoredRevisions(tx.table('revisions'));
    });
}
