/**
 * 再次受理 after a one-time notice (一次性告知书): the applicant comes back with what the notice
 * asked for, and the second visit starts where the first ended — same subject, answers,
 * applicant, agent and item fields, every material already received kept, and the lines the
 * notice listed open again (pending) so the clerk checks exactly those. The new draft links to
 * the notice case (`followsUp`).
 */
import { createDraft, type Clerk, type IntakeCase } from './case';

export interface FollowUpArgs {
  /** The new case's id (crypto.randomUUID on the workstation). */
  id: string;
  /** The clerk taking the applicant in now (may differ from the first visit's). */
  clerk: Clerk;
  /** Now, ISO with offset. */
  at: string;
}

/** True for a decided case whose decision is a one-time notice. */
export function canFollowUp(c: IntakeCase): boolean {
  return c.status === 'noticeIssued' && c.decision?.kind === 'oneTimeNotice' && !!c.caseNumber;
}

/** The follow-up draft of a notice case. Throws RangeError for any other case. */
export function followUpDraft(notice: IntakeCase, args: FollowUpArgs): IntakeCase {
  if (!canFollowUp(notice) || notice.decision?.kind !== 'oneTimeNotice')
    throw new RangeError(`case ${notice.id} did not end with a one-time notice`);
  const noticeKeys = notice.decision.items.map((m) => m.key);
  const listed = new Set(noticeKeys);
  const materialStates = Object.fromEntries(Object.entries(notice.materialStates).filter(([key]) => !listed.has(key)));
  const caseNumber = notice.caseNumber!;
  const base = createDraft({ id: args.id, clerk: args.clerk, catalogVersion: notice.catalogVersion, subject: notice.subject, at: args.at });
  return {
    ...base,
    answers: { ...notice.answers },
    materialStates,
    ...(notice.applicant ? { applicant: { ...notice.applicant } } : {}),
    ...(notice.agent !== undefined ? { agent: notice.agent === null ? null : { ...notice.agent } } : {}),
    fields: Object.fromEntries(Object.entries(notice.fields).map(([code, f]) => [code, { ...f }])),
    ...(notice.dishonesty ? { dishonesty: { ...notice.dishonesty } } : {}),
    ...(notice.training ? { training: true as const } : {}),
    step: 'materials',
    followsUp: { caseId: notice.id, caseNumber, noticeKeys },
    history: [{ at: args.at, by: args.clerk.clerkId, from: null, to: 'draft', note: `再次受理：一次性告知书 ${caseNumber}` }],
  };
}
