/**
 * Drafts and decided cases in IndexedDB: create, autosave, decide.
 * A decision and its case number are written in one transaction, so a number
 * is never issued twice on this workstation (each keeps its own daily sequence);
 * the decided case enters the sync outbox in that same transaction.
 */
import { createDraft, recordDecision, type Clerk, type Decision, type IntakeCase, type Subject } from '@core/intake/case';
import { makeCaseNumber, MAX_DAILY_SEQUENCE } from '@core/intake/caseNumber';
import { chinaDateOf } from '@core/intake/time';
import { enqueueDecidedCase } from '@core/sync/outbox';
import { followUpDraft } from '@core/intake/followUp';
import { caseRecordFrom, findFollowUp } from '../cases/cases-store';
import { getCaseRecord } from '../store/case-store';
import { getDb, isTrainingMode, type CaseRecord } from '../store/db';
import { putCase, putDecidedCaseInTx } from '../store/case-store';
import { putDeferralRecordInTx } from '../store/sealed-records';
import { auditCase } from '../store/audit-log';
import { createTrainingDraft, isTrainingCase, TRAINING_WORKSTATION_CODE } from '@core/training/isolation';
import { linkDraftToRun, scoreDecidedTrainingCase } from '../training/drill-store';

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** The stored record of a case (its list fields derived by the cases store). */
export function caseRecordOf(c: IntakeCase, subjectName: string): CaseRecord {
  return caseRecordFrom(c, subjectName, new Date());
}

export async function startIntake(args: { subject: Subject; subjectName: string; clerk: Clerk; catalogVersion: string }): Promise<string> {
  const d = { id: crypto.randomUUID(), clerk: args.clerk, catalogVersion: args.catalogVersion, subject: args.subject, at: nowIso() };
  // Training mode: the draft is marked training and tied to the running drill.
  const draft = isTrainingMode() ? createTrainingDraft(d) : createDraft(d);
  await putCase(draft, args.subjectName);
  if (isTrainingMode()) await linkDraftToRun(draft.id);
  return draft.id;
}

/**
 * 再次受理: opens the intake that follows up notice case `noticeId` — the one already started
 * (or decided) if there is one, else a new draft carrying the notice case over. Returns where to
 * go: the intake of a draft, or the case page of a decided follow-up.
 */
export async function startFollowUp(noticeId: string, clerk: Clerk): Promise<{ name: 'intake' | 'case'; id: string }> {
  const notice = await getCaseRecord(noticeId);
  if (!notice) throw new RangeError(`no case ${noticeId}`);
  const existing = await findFollowUp(notice.case);
  if (existing) return { name: existing.status === 'draft' ? 'intake' : 'case', id: existing.id };
  const draft = followUpDraft(notice.case, { id: crypto.randomUUID(), clerk, at: nowIso() });
  await putCase(draft, notice.subjectName);
  return { name: 'intake', id: draft.id };
}

export async function saveDraft(c: IntakeCase, subjectName: string): Promise<void> {
  await putCase(c, subjectName);
}

export async function discardDraft(id: string): Promise<void> {
  const db = getDb();
  await auditCase(id, 'draft.discarded');
  await db.transaction('rw', db.cases, async () => {
    const r = await db.cases.get(id);
    if (r && r.status === 'draft') await db.cases.delete(id);
  });
}

/**
 * Issues the next case number of this workstation for the day and records the
 * decision built from it, in one transaction. `build` is synchronous (no await
 * inside an IndexedDB transaction).
 */
export async function decide(
  c: IntakeCase,
  subjectName: string,
  workstationCode: string,
  at: string,
  build: (caseNumber: string) => { ok: true; decision: Decision } | { ok: false; errors: unknown[] },
  options: { training?: boolean } = {},
): Promise<{ ok: true; case: IntakeCase } | { ok: false; errors: unknown[] }> {
  const db = getDb();
  const day = chinaDateOf(at);
  const seqKey = `caseSequence:${day}`;
  const result = await db.transaction('rw', [db.settings, db.cases, db.outbox, db.supplements, db.auditLog], async () => {
    const current = await db.cases.get(c.id);
    if (current && current.status !== 'draft') return { ok: false as const, errors: [{ code: 'alreadyDecided' }] };
    const last = ((await db.settings.get(seqKey))?.value as number | undefined) ?? 0;
    const sequence = last + 1;
    if (sequence > MAX_DAILY_SEQUENCE) return { ok: false as const, errors: [{ code: 'sequenceExhausted' }] };
    // A training case always gets a PX number (the reserved training workstation code), whatever the set-up says.
    const code = isTrainingMode() || isTrainingCase(c) ? TRAINING_WORKSTATION_CODE : workstationCode;
    const made = makeCaseNumber({ centreCode: c.clerk.centreCode, date: day, workstationCode: code, sequence });
    if (!made.ok) return { ok: false as const, errors: [{ code: 'caseNumber', reason: made.reason }] };
    const built = build(made.value);
    if (!built.ok) return built;
    const decided = recordDecision(c, built.decision);
    await db.settings.put({ key: seqKey, value: sequence });
    await putDecidedCaseInTx(db, c, decided, subjectName);
    // 容缺受理: the deferral record enters the tracking list (#/deferrals) with the decision, sealed.
    if (built.decision.kind === 'accept' && built.decision.deferral)
      await putDeferralRecordInTx(db, built.decision.deferral);
    // Into the sync outbox in the same transaction (a training case never is); its content
    // hash is computed by the sync engine (WebCrypto cannot run inside this transaction).
    const queued = enqueueDecidedCase(decided, options.training ?? isTrainingMode(), Date.now());
    if (queued.ok) await db.outbox.put(queued.entry);
    return { ok: true as const, case: decided };
  });
  // A decided training case ends the running drill: it is scored (training/drill-store.ts).
  if (result.ok && isTrainingCase(result.case)) await scoreDecidedTrainingCase(result.case).catch(() => null);
  return result;
}
