/**
 * What the audit screens read (supervisors): the latest entries with their case numbers, a
 * case found by its id or case number, a case's number. The chain itself is written and
 * verified by store/audit-log.ts.
 */
import { normalizeCaseNumberInput } from '@core/intake/caseNumber';
import { getDb } from '../store/db';
import type { AuditLogRecord } from '../store/audit-log';

/** The case an audit search means: a case id that has entries, or a case number (dashed or not); null if none. */
export async function findAuditedCaseId(text: string): Promise<string | null> {
  const t = text.trim();
  if (!t) return null;
  const db = getDb();
  if (/^[0-9a-f-]{36}$/i.test(t)) return (await db.auditLog.where('caseId').equals(t.toLowerCase()).count()) > 0 ? t.toLowerCase() : null;
  const cn = normalizeCaseNumberInput(t);
  const dashed = cn.length >= 19 ? `${cn.slice(0, 6)}-${cn.slice(6, 12)}-${cn.slice(12, 18)}-${cn.slice(18)}` : t.toUpperCase();
  const r = (await db.cases.where('caseNumber').equals(dashed).first()) ?? (await db.cases.where('caseNumber').equals(t).first());
  return r ? r.id : null;
}

/** The latest `limit` entries on this workstation, newest first, each with its case's number ('' when the case is not here). */
export async function loadRecentAuditEntries(limit = 30): Promise<(AuditLogRecord & { caseNumber: string })[]> {
  const db = getDb();
  const rows = await db.auditLog.orderBy('key').reverse().limit(limit).toArray();
  const cases = await db.cases.bulkGet([...new Set(rows.map((r) => r.caseId))]);
  const numbers = new Map(cases.filter(Boolean).map((c) => [c!.id, c!.caseNumber]));
  return rows.map((r) => ({ ...r, caseNumber: numbers.get(r.caseId) ?? '' }));
}

/** A stored case's number ('' for a draft or a case not on this workstation). */
export async function caseNumberOfStoredCase(caseId: string): Promise<string> {
  return (await getDb().cases.get(caseId))?.caseNumber ?? '';
}
