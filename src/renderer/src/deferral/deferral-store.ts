/**
 * 容缺受理 on the workstation: the centre's policy, the supervisors who may
 * approve (ID, name, PIN stored as a PBKDF2-SHA256 hash with its salt), the imported 失信
 * list, and the supplements recorded at the window (kept per case in the `supplements`
 * table: a decided case is immutable). A supplement is forwarded to the departments as a new
 * version of the case (core supplementRevision, queued in db.revisions and pushed by
 * sync/revision-sender.ts like a 补正 fix).
 *
 * The supplements table's copy of the commitment is stored sealed (the applicant's and the
 * signer's names; store/sealed-records.ts): every write here seals it, `loadDeferralRecords`
 * opens it.
 *
 * Below the UI: the policy, the approvers and the list change only for a signed-in supervisor
 * (session-store.ts requirePermission). Each approver record carries an authentication tag
 * (store/record-tags.ts) and its own lockout count: five wrong PINs in a row lock that approver
 * for five minutes, the same rule as a sign-in (core/quality/accounts.ts); the count is inside
 * the tagged record, so setting it back to 0 by editing IndexedDB makes the record refused.
 */
import type { DishonestyList } from '@core/lifecycle/dishonesty';
import type { DeferralPolicy } from '@core/lifecycle/deferral';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import type { IntakeCase } from '@core/intake/case';
import { getDb, getSetting, putSetting } from '../store/db';
import { DISHONESTY_LIST_KEY, dishonestyListInfo, findDishonestyEntries, replaceDishonestyList } from '../store/dishonesty-list';
import { openCaseRecords } from '../store/case-store';
import { openSupplementRecords, sealSupplementRecord } from '../store/sealed-records';
import { auditSupplement } from '../audit/audit-hooks';
import { hashSecret, needsRehash, PBKDF2_ITERATIONS, verifySecret } from '../session/password';
import { requirePermission } from '../session/session-store';
import { APPROVERS_KEY, isApproverIntact, taggedApprover } from '../store/record-tags';
import { signInOutcome, UNLOCKED } from '@core/quality/accounts';
import type { Supplement } from '@core/lifecycle/deferralRecord';
import { supplementRevision } from '@core/lifecycle/supplementRevision';
import { latestVersion, revisionsOf, saveRevision } from '../correction/revision-store';

export const DEFERRAL_POLICY_KEY = 'deferral.policy';
export const SUPERVISORS_KEY = APPROVERS_KEY;
export { DISHONESTY_LIST_KEY };

export { PBKDF2_ITERATIONS };

export interface SupervisorRecord {
  supervisorId: string;
  name: string;
  /** base64 */
  salt: string;
  /** base64 of the 256-bit PBKDF2-SHA256 output */
  hash: string;
  iterations: number;
  addedAt: string;
  /** Wrong PINs in a row, and until when the approver is locked (epoch ms; 0: not locked). From version 14. */
  failedAttempts?: number;
  lockedUntil?: number;
  /** Authentication tag over the other fields (store/record-tags.ts). */
  tag?: string;
}

export async function loadPolicy(): Promise<DeferralPolicy> {
  const p = await getSetting<DeferralPolicy>(DEFERRAL_POLICY_KEY);
  return { requireSupervisorApproval: p?.requireSupervisorApproval === true };
}

export async function savePolicy(p: DeferralPolicy): Promise<void> {
  await requirePermission('settings');
  await putSetting(DEFERRAL_POLICY_KEY, { requireSupervisorApproval: p.requireSupervisorApproval });
}

export async function loadSupervisors(): Promise<SupervisorRecord[]> {
  return (await getSetting<SupervisorRecord[]>(SUPERVISORS_KEY)) ?? [];
}

/** The imported 失信 list's source and size (the list itself is sealed, store/dishonesty-list.ts). */
export function loadDishonestyListInfo(): Promise<{ source: string; count: number } | null> {
  return dishonestyListInfo(getDb());
}

/** The list's entries for these ID numbers only (the applicant's, a legal representative's), opened. */
export function dishonestyEntriesFor(idNumbers: readonly (string | undefined)[]): Promise<DishonestyList | null> {
  return findDishonestyEntries(getDb(), idNumbers);
}

/** Imports (replaces) the list, sealed; null removes it. */
export async function saveDishonestyList(list: DishonestyList | null): Promise<void> {
  await requirePermission('settings');
  await replaceDishonestyList(getDb(), list);
}

export const isValidPin = (pin: string): boolean => /^\d{6,}$/.test(pin) && pin.length <= 32;
export const isValidSupervisorId = (id: string): boolean => /^[A-Za-z0-9_-]{1,32}$/.test(id);

/** Registers (or replaces) a supervisor. The PIN is never stored, only its salted hash. */
export async function saveSupervisor(args: { supervisorId: string; name: string; pin: string }): Promise<void> {
  await requirePermission('settings');
  const rec = await taggedApprover<SupervisorRecord>({
    supervisorId: args.supervisorId.trim(),
    name: args.name.trim(),
    ...(await hashSecret(args.pin)),
    addedAt: new Date().toISOString(),
    ...UNLOCKED,
  });
  const list = (await loadSupervisors()).filter((s) => s.supervisorId !== rec.supervisorId);
  await putSetting(SUPERVISORS_KEY, [...list, rec]);
}

export async function removeSupervisor(supervisorId: string): Promise<void> {
  await requirePermission('settings');
  await putSetting(SUPERVISORS_KEY, (await loadSupervisors()).filter((s) => s.supervisorId !== supervisorId));
}

export type ApprovalCheck =
  | { ok: true; supervisor: SupervisorRecord }
  | { ok: false; reason: 'unknownOrWrong' | 'locked' | 'tampered'; lockedUntil?: number };

/**
 * Checks a supervisor's ID and PIN (constant-time comparison of the hashes), with the sign-in's
 * lockout: the fifth wrong PIN in a row locks that approver for five minutes. `now` is the clock.
 */
export async function checkSupervisorPin(supervisorId: string, pin: string, now: number = Date.now()): Promise<ApprovalCheck> {
  const s = (await loadSupervisors()).find((x) => x.supervisorId === supervisorId.trim());
  // verifySecret hashes anyway, so an unknown ID takes as long as a wrong PIN
  const matches = await verifySecret(pin, s);
  if (!s) return { ok: false, reason: 'unknownOrWrong' };
  if (!(await isApproverIntact(s))) return { ok: false, reason: 'tampered' };
  const lock = { failedAttempts: s.failedAttempts ?? 0, lockedUntil: s.lockedUntil ?? 0 };
  const outcome = signInOutcome({ disabled: false, lock }, matches, now);
  const next = outcome.lock;
  const rehash = outcome.ok && needsRehash(s) ? await hashSecret(pin) : null;
  if (rehash || (next && (next.failedAttempts !== lock.failedAttempts || next.lockedUntil !== lock.lockedUntil))) {
    const updated = await taggedApprover({ ...s, ...(next ?? {}), ...(rehash ?? {}) });
    await putSetting(SUPERVISORS_KEY, (await loadSupervisors()).map((x) => (x.supervisorId === s.supervisorId ? updated : x)));
  }
  if (outcome.ok) return { ok: true, supervisor: s };
  const lockedUntil = next?.lockedUntil ?? lock.lockedUntil;
  return outcome.reason === 'locked' ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'unknownOrWrong' };
}

/** Checks a supervisor's ID and PIN: the approver, or null (wrong, locked or altered; see checkSupervisorPin for why). */
export async function verifySupervisor(supervisorId: string, pin: string, now: number = Date.now()): Promise<SupervisorRecord | null> {
  const r = await checkSupervisorPin(supervisorId, pin, now);
  return r.ok ? r.supervisor : null;
}

/**
 * Every 容缺 case's record as supplemented so far, as stored — materials, deadline and
 * supplements, without the commitment's names (sealed): for counts and deadlines. The
 * `supplements` table gets the record in the decision's own transaction, so the list never
 * scans the cases.
 */
export async function loadDeferralRecordsOnly(): Promise<DeferralRecord[]> {
  return (await getDb().supplements.toArray()).map((s) => s.record);
}

/** One case's record as supplemented so far, as stored (without the commitment's names); undefined if none. */
export async function loadSupplementedRecord(caseId: string): Promise<DeferralRecord | undefined> {
  return (await getDb().supplements.get(caseId))?.record;
}

/** The records, opened (the commitment's names back in place), with their cases (for the applicant's name). */
export async function loadDeferralRecords(): Promise<{ c: IntakeCase | null; record: DeferralRecord }[]> {
  const db = getDb();
  const rows = await openSupplementRecords(await db.supplements.toArray());
  const cases = await openCaseRecords(await db.cases.bulkGet(rows.map((r) => r.caseId)));
  return rows.map((r, i) => ({ c: cases[i]?.case ?? null, record: r.record }));
}

export async function saveSupplemented(record: DeferralRecord): Promise<void> {
  await getDb().supplements.put(await sealSupplementRecord({ caseId: record.caseId, record, updatedAt: Date.now() }));
  await auditSupplement(record);
}

/**
 * Records a supplement and forwards it: the case's next version with the supplied material's
 * state is queued for the server (revision-sender pushes it once the case itself is there).
 * Returns the revision number, or null when the case already had that state (nothing to send).
 */
export async function saveSupplementAndForward(c: IntakeCase | null, record: DeferralRecord, supplement: Supplement): Promise<{ revision: number | null }> {
  let revision: number | null = null;
  if (c && c.status === 'accepted') {
    const r = supplementRevision(latestVersion(c, await revisionsOf(c.id)), [supplement]);
    if (r.ok) {
      await saveRevision(r.record);
      revision = r.record.revision;
    } else if (!r.errors.every((e) => e.code === 'noChanges')) throw new Error(r.errors.map((e) => e.code).join(', '));
  }
  await saveSupplemented(record);
  return { revision };
}
