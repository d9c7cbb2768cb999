import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '../store/db';
import { LOCKOUT_MS } from '@core/quality/accounts';
import { checkSupervisorPin, loadPolicy, loadSupervisors, PBKDF2_ITERATIONS, isValidPin, removeSupervisor, savePolicy, saveSupervisor, saveDishonestyList, SUPERVISORS_KEY, verifySupervisor } from './deferral-store';
import { putSession } from '../session/session-store';

// every hash is PBKDF2 at 600,000 iterations (about half a second each here)
vi.setConfig({ testTimeout: 60_000 });

const signedIn = (role: 'clerk' | 'supervisor') => putSession({ clerkId: role === 'clerk' ? 'C0042' : 'S0001', name: '赵主任', windowNo: '1', role, signedInAt: '2026-11-28T02:00:00.000Z' });

describe('supervisors', () => {
  it('stores only a salted PBKDF2-SHA256 hash and checks ID + PIN', async () => {
    await signedIn('supervisor');
    await saveSupervisor({ supervisorId: 'S001', name: '赵主任', pin: '246810' });
    await saveSupervisor({ supervisorId: 'S002', name: '钱主任', pin: '246810' });
    const stored = await loadSupervisors();
    expect(stored.map((s) => s.supervisorId)).toEqual(['S001', 'S002']);
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(stored[0]!.iterations).toBe(PBKDF2_ITERATIONS);
    expect(stored[0]!.salt).not.toBe(stored[1]!.salt);
    expect(stored[0]!.hash).not.toBe(stored[1]!.hash); // same PIN, different salt
    expect((await verifySupervisor('S001', '246810'))?.name).toBe('赵主任');
    expect(await verifySupervisor('S001', '246811')).toBeNull();
    expect(await verifySupervisor('S999', '246810')).toBeNull();
    // re-registering replaces the PIN
    await saveSupervisor({ supervisorId: 'S001', name: '赵主任', pin: '13579135' });
    expect(await verifySupervisor('S001', '246810')).toBeNull();
    expect(await verifySupervisor('S001', '13579135')).not.toBeNull();
    await removeSupervisor('S002');
    expect((await loadSupervisors()).map((s) => s.supervisorId)).toEqual(['S001']);
  });

  it('only a signed-in supervisor registers approvers, sets the policy or imports the 失信 list', async () => {
    await signedIn('clerk');
    await expect(saveSupervisor({ supervisorId: 'C0042', name: '冒名', pin: '111111' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeSupervisor('S001')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(savePolicy({ requireSupervisorApproval: false })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(saveDishonestyList(null)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('five wrong PINs lock the approver for five minutes, like a sign-in; the count cannot be reset by editing the record', async () => {
    await signedIn('supervisor');
    await saveSupervisor({ supervisorId: 'S001', name: '赵主任', pin: '246810' });
    const t0 = Date.UTC(2026, 10, 28, 2);
    for (let i = 0; i < 4; i++) expect(await checkSupervisorPin('S001', '000000', t0)).toEqual({ ok: false, reason: 'unknownOrWrong' });
    expect(await checkSupervisorPin('S001', '000000', t0)).toEqual({ ok: false, reason: 'locked', lockedUntil: t0 + LOCKOUT_MS });
    // the right PIN does not open a locked approver until the time is up
    expect(await checkSupervisorPin('S001', '246810', t0 + 60_000)).toMatchObject({ ok: false, reason: 'locked' });
    // setting the count back by editing IndexedDB: the record no longer matches its tag
    const [s] = await loadSupervisors();
    await getDb().settings.put({ key: SUPERVISORS_KEY, value: [{ ...s, failedAttempts: 0, lockedUntil: 0 }] });
    expect(await checkSupervisorPin('S001', '246810', t0 + 60_000)).toEqual({ ok: false, reason: 'tampered' });
    // an approver added by hand with a PIN the clerk chose is refused too
    await getDb().settings.put({ key: SUPERVISORS_KEY, value: [{ ...s, supervisorId: 'C0042', failedAttempts: 0, lockedUntil: 0 }] });
    expect(await checkSupervisorPin('C0042', '246810', t0)).toEqual({ ok: false, reason: 'tampered' });
    // registered again by a supervisor: whole, and the lock is over after five minutes
    await saveSupervisor({ supervisorId: 'S001', name: '赵主任', pin: '246810' });
    expect(await checkSupervisorPin('S001', '246810', t0)).toMatchObject({ ok: true });
  });

  it('a PIN is at least 6 digits', () => {
    expect(isValidPin('12345')).toBe(false);
    expect(isValidPin('12345a')).toBe(false);
    expect(isValidPin('123456')).toBe(true);
  });

  it('the approval policy defaults to off and is kept', async () => {
    await signedIn('supervisor');
    expect(await loadPolicy()).toEqual({ requireSupervisorApproval: false });
    await savePolicy({ requireSupervisorApproval: true });
    expect(await loadPolicy()).toEqual({ requireSupervisorApproval: true });
    expect(getDb().verno).toBeGreaterThanOrEqual(5);
    expect(getDb().tables.map((t) => t.name)).toContain('supplements');
  });
});

describe('a supplement is forwarded to the departments as a case version', () => {
  it('records the supplement and queues revision 2 with the supplied state for the revision sender', async () => {
    const { makeDeferredAcceptance, recordSupplement } = await import('@core/lifecycle/deferral');
    const { recordDecision } = await import('@core/intake/case');
    const { AT, CASE_ID, CASE_NUMBER, FOOD_KEYS, VALID_APPLICANT, completeFoodStates, foodChecklist, foodDraft } = await import('../../../../test/fixtures/lifecycle');
    const { saveSupplementAndForward } = await import('./deferral-store');
    const states = { ...completeFoodStates(), [FOOD_KEYS.safety]: { status: 'missing' as const } };
    const r = makeDeferredAcceptance({
      caseId: CASE_ID, at: AT, by: 'C0107', caseNumber: CASE_NUMBER, checklist: foodChecklist(), materialStates: states, applicantCheck: VALID_APPLICANT,
      requestedWorkingDays: 3, commitment: { signedAt: AT, applicantName: '杭州西溪望湖酒店管理有限公司', signerName: '王芳' }, applicantDishonest: null,
      policy: { requireSupervisorApproval: false },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = recordDecision(foodDraft(states), r.decision, '容缺受理');
    const s = recordSupplement(r.deferral, { key: FOOD_KEYS.safety, at: '2026-12-02T14:05:00+08:00', by: 'C0112', status: 'receivedOriginal' });
    if (!s.ok) throw new Error('supplement');
    expect(await saveSupplementAndForward(c, s.record, s.record.supplements[0]!)).toEqual({ revision: 2 });
    const db = getDb();
    const rev = await db.revisions.get([CASE_ID, 2]);
    expect(rev?.state).toBe('queued');
    expect(rev?.record.reason).toEqual({ kind: 'supplement', keys: [FOOD_KEYS.safety] });
    expect(rev?.record.case.materialStates[FOOD_KEYS.safety]).toEqual({ status: 'receivedOriginal' });
    expect((await db.supplements.get(CASE_ID))?.record.supplements).toHaveLength(1);
  });

  it('keeps the commitment’s names sealed in the supplements table; the deferrals list reads them back', async () => {
    const { makeDeferredAcceptance, recordSupplement } = await import('@core/lifecycle/deferral');
    const { AT, CASE_ID, CASE_NUMBER, FOOD_KEYS, VALID_APPLICANT, completeFoodStates, foodChecklist } = await import('../../../../test/fixtures/lifecycle');
    const { loadDeferralRecords, loadDeferralRecordsOnly, saveSupplemented } = await import('./deferral-store');
    const { isSealedValue } = await import('../store/crypto');
    const states = { ...completeFoodStates(), [FOOD_KEYS.safety]: { status: 'missing' as const } };
    const r = makeDeferredAcceptance({
      caseId: CASE_ID, at: AT, by: 'C0107', caseNumber: CASE_NUMBER, checklist: foodChecklist(), materialStates: states, applicantCheck: VALID_APPLICANT,
      requestedWorkingDays: 3, commitment: { signedAt: AT, applicantName: '杭州西溪望湖酒店管理有限公司', signerName: '王芳' }, applicantDishonest: null,
      policy: { requireSupervisorApproval: false },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = recordSupplement(r.deferral, { key: FOOD_KEYS.safety, at: '2026-12-02T14:05:00+08:00', by: 'C0112', status: 'receivedOriginal' });
    if (!s.ok) throw new Error('supplement');
    await saveSupplemented(s.record);
    const row = (await getDb().supplements.get(CASE_ID))!;
    expect(isSealedValue(row.sealed)).toBe(true);
    expect(JSON.stringify(row)).not.toContain('杭州西溪望湖酒店管理有限公司');
    expect(JSON.stringify(row)).not.toContain('王芳');
    // the counts read the stored record (no names needed); the list opens it
    expect((await loadDeferralRecordsOnly()).find((x) => x.caseId === CASE_ID)?.supplements).toHaveLength(1);
    const listed = (await loadDeferralRecords()).find((x) => x.record.caseId === CASE_ID)!;
    expect(listed.record).toEqual(s.record);
    expect(listed.record.commitment).toMatchObject({ applicantName: '杭州西溪望湖酒店管理有限公司', signerName: '王芳' });
  });
});
