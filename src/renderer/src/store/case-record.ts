/** The record stored for a case, with the fields the cases list indexes. */
import type { IntakeCase } from '@core/intake/case';
import { chinaDateOf } from '@core/intake/time';
import { normalizeIdentityInput } from '@core/identity';
import type { CaseRecord } from './db';

function utcIso(at: string | undefined): string | null {
  if (!at) return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The record stored for a case: the case plus the fields the list indexes. `updatedAt` is
 * the case's own, rewritten in UTC (`…Z`) so that timestamps written with different
 * offsets sort correctly as strings; `now` (the time of the write) stands in only when
 * the case's timestamps cannot be read. `createdDay` is the date in China of createdAt.
 * The applicant's ID is their resident ID (person) or USCC (organisation), normalised
 * (no spaces, half-width, upper-case X); '' for anything not entered yet.
 */
export function caseRecordFrom(c: IntakeCase, subjectName: string, now: Date): CaseRecord {
  const a = c.applicant;
  const rawId = a ? (a.kind === 'person' ? a.idNumber : a.uscc) : undefined;
  const nowIso = now.toISOString();
  let createdDay: string;
  try {
    createdDay = chinaDateOf(c.createdAt);
  } catch {
    createdDay = chinaDateOf(nowIso);
  }
  return {
    id: c.id,
    status: c.status,
    caseNumber: c.caseNumber?.trim() ?? '',
    createdDay,
    updatedAt: utcIso(c.updatedAt) ?? utcIso(c.createdAt) ?? nowIso,
    applicantIdNumber: rawId ? normalizeIdentityInput(rawId) : '',
    applicantName: a?.name?.trim() ?? '',
    subjectName,
    case: c,
  };
}
