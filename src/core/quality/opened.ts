/**
 * `case.opened`: reading a case's personal data is an action on the case too
 * (PIPL: access must be attributable), so opening a case page that shows the applicant's
 * identity appends a `case.opened` entry — who, which workstation, when — to the case's chain.
 *
 * Not at every render or every return to the page: a user who opens the same case again within
 * `OPENED_QUIET_MINUTES` of their last recorded opening is not recorded again (a clerk going
 * back and forth between the case and its document is one reading, and the chain stays
 * readable). Another user, another case, or the same user later is recorded. A clock that went
 * back (the last opening "in the future") records again: better one entry too many than a gap.
 *
 * Pure: the entries and the time are passed in.
 */
import type { AuditEntry } from './audit';
import { epochSeconds } from './stats';

export const OPENED_QUIET_MINUTES = 5;

export type OpenedEntryLike = Pick<AuditEntry, 'caseId' | 'action' | 'deviceTime'> & { actor: Pick<AuditEntry['actor'], 'clerkId'> };

/**
 * Whether `clerkId` opening `caseId` at `now` (an IsoDateTime with its offset, the device
 * clock) is recorded, given the case's entries so far (any order; other cases' are ignored).
 */
export function shouldRecordOpening(
  entries: readonly OpenedEntryLike[],
  opening: { caseId: string; clerkId: string; now: string },
  quietMinutes: number = OPENED_QUIET_MINUTES,
): boolean {
  const now = epochSeconds(opening.now);
  if (now === null) throw new RangeError(`expected an ISO date-time with its offset, got ${JSON.stringify(opening.now)}`);
  let last: number | null = null;
  for (const e of entries) {
    if (e.action !== 'case.opened' || e.caseId !== opening.caseId || e.actor.clerkId !== opening.clerkId) continue;
    const t = epochSeconds(e.deviceTime);
    if (t !== null && (last === null || t > last)) last = t;
  }
  if (last === null) return true;
  const elapsed = now - last;
  return elapsed < 0 || elapsed >= quietMinutes * 60;
}
