/**
 * The one place where cases are read and written: every read of a case goes through
 * `getCaseRecord` / `openCaseRecord(s)`, every write through `putCase` / `putDecidedCaseInTx`
 * (which also append the case's audit entries, store/audit-log.ts). What is sealed and how:
 * store/case-sealing.ts.
 */
import Dexie from 'dexie';
import type { IntakeCase } from '@core/intake/case';
import { caseRecordFrom } from './case-record';
import { appendCaseChangesInTx } from './audit-log';
import { getDb, type CaseRecord, type WorkstationDb } from './db';
import { openCaseRecord, sealCaseRecord } from './case-sealing';

export * from './case-sealing';

export async function getCaseRecord(id: string, db: WorkstationDb = getDb()): Promise<CaseRecord | undefined> {
  return openCaseRecord(await db.cases.get(id));
}

export async function getCase(id: string, db: WorkstationDb = getDb()): Promise<IntakeCase | undefined> {
  return (await getCaseRecord(id, db))?.case;
}

// The case as last written here, so an autosave's audit entries need no read and decryption.
const lastWritten = new Map<string, IntakeCase>();
const LAST_WRITTEN_MAX = 200;

function remember(c: IntakeCase): void {
  lastWritten.delete(c.id);
  lastWritten.set(c.id, c);
  if (lastWritten.size > LAST_WRITTEN_MAX) lastWritten.delete(lastWritten.keys().next().value!);
}

/**
 * Writes a case (sealed) and appends what changed to its audit chain, in one transaction.
 * The sealing happens before it (Web Crypto cannot run inside an IndexedDB transaction).
 */
export async function putCase(c: IntakeCase, subjectName: string, db: WorkstationDb = getDb()): Promise<void> {
  const prev = lastWritten.get(c.id) ?? (await getCase(c.id, db));
  const sealed = await sealCaseRecord(caseRecordFrom(c, subjectName, new Date()));
  await db.transaction('rw', [db.cases, db.auditLog, db.settings], async () => {
    await db.cases.put(sealed);
    await appendCaseChangesInTx(db, prev, c);
  });
  remember(c);
}

/**
 * Inside a running read-write transaction over cases, auditLog and settings (the decision's):
 * writes the decided case sealed and appends its entries. The sealing is awaited with
 * Dexie.waitFor, which keeps the transaction alive meanwhile.
 */
export async function putDecidedCaseInTx(db: WorkstationDb, prev: IntakeCase | undefined, c: IntakeCase, subjectName: string): Promise<void> {
  const sealed = await Dexie.waitFor(sealCaseRecord(caseRecordFrom(c, subjectName, new Date())));
  await db.cases.put(sealed);
  await appendCaseChangesInTx(db, prev, c);
  remember(c);
}
