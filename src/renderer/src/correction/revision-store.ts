/**
 * The clerk's fixed versions of an accepted case (补正) in IndexedDB (db.revisions,
 * Dexie version 6). Revision 1 is the case record as accepted (never rewritten); a fix is
 * makeCaseRevision(latest, …) stored here as `queued` and pushed by sync/revision-sender.ts.
 */
import type { IntakeCase } from '@core/intake/case';
import type { CaseRevision } from '@core/lifecycle/revision';
import { getDb, type RevisionRecord, type WorkstationDb } from '../store/db';
import { auditRevision } from '../audit/audit-hooks';
import { openRevisions, sealRevision } from '../store/case-store';

/** The ISO date-time in China (+08:00) of `d`. */
export function chinaNowIso(d: Date = new Date()): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${t}+08:00`;
}

/** The case's revisions, oldest first. */
export async function revisionsOf(caseId: string, db: WorkstationDb = getDb()): Promise<RevisionRecord[]> {
  return openRevisions((await db.revisions.where('caseId').equals(caseId).toArray()).sort((a, b) => a.revision - b.revision));
}

/** The case's revisions as stored (identity fields still sealed; the reason is plain): for what a supplement forwarded. */
export function storedRevisionsOf(caseId: string): Promise<RevisionRecord[]> {
  return getDb().revisions.where('caseId').equals(caseId).toArray();
}

/** What a fix builds on: the latest revision, or the case as accepted. */
export function latestVersion(c: IntakeCase, revisions: readonly RevisionRecord[]): IntakeCase | CaseRevision {
  const last = revisions[revisions.length - 1];
  return last ? last.record : c;
}

/** Stores a new revision (refused when it does not follow the latest stored one). */
export async function saveRevision(record: CaseRevision, db: WorkstationDb = getDb(), now = Date.now()): Promise<void> {
  const sealed = await sealRevision({ caseId: record.caseId, revision: record.revision, record, state: 'queued', createdAt: now }); // identity sealed at rest
  await db.transaction('rw', db.revisions, async () => {
    const existing = await db.revisions.where('caseId').equals(record.caseId).toArray();
    const latest = existing.reduce((m, r) => Math.max(m, r.revision), 1);
    if (record.revision !== latest + 1) throw new RangeError(`revision ${record.revision} does not follow ${latest}`);
    await db.revisions.put(sealed);
  });
  await auditRevision(record, db);
}
