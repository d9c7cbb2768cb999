import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../store/db';
import { loadPolicy, loadSupervisors, PBKDF2_ITERATIONS, isValidPin, removeSupervisor, savePolicy, saveSupervisor, verifySupervisor } from './deferral-store';

describe('supervisors', () => {
  it('stores only a salted PBKDF2-SHA256 hash and checks ID + PIN', async () => {
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

  it('a PIN is at least 6 digits', () => {
    expect(isValidPin('12345')).toBe(false);
    expect(isValidPin('12345a')).toBe(false);
    expect(isValidPin('123456')).toBe(true);
  });

  it('the approval policy defaults to off and is kept', async () => {
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
    const { AT, CASE_ID, CASE_NUMBER, FOOD_KEYS, VALID_APPLICANT, completeFoodStates, foodChecklist, foodDraft } = await import('@core/lifecycle/fixtures');
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
    const { AT, CASE_ID, CASE_NUMBER, FOOD_KEYS, VALID_APPLICANT, completeFoodStates, foodChecklist } = await import('@core/lifecycle/fixtures');
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
