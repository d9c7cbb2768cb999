import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { verifyChain } from '@core/quality/audit';
import { WorkstationDb } from '../store/db';
import { putCase } from '../store/case-store';
import { auditCaseOpened, entriesOf } from '../store/audit-log';

const T0 = new Date('2026-11-30T01:00:00Z'); // 09:00 in China
const plus = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('case.opened in the case’s chain', () => {
  it('records who opened the case, at most once per user and case per five minutes; the chain still verifies', async () => {
    const db = new WorkstationDb('audit-opened');
    await db.settings.put({ key: 'workstation', value: { workstationId: 'ws-7K' } });
    const signIn = (userId: string, role: string) => db.settings.put({ key: 'clerkSession', value: { userId, role } });
    const c = makeDraft({ id: '21111111-2222-4333-8444-555555555555', applicant: personApplicant() });
    await putCase(c, '食品经营许可', db);

    await signIn('C0042', 'clerk');
    expect(await auditCaseOpened(c.id, db, T0)).toBe(true);
    expect(await auditCaseOpened(c.id, db, plus(1))).toBe(false); // the same clerk, back on the page
    expect(await auditCaseOpened(c.id, db, plus(4.9))).toBe(false);
    await signIn('S0001', 'supervisor');
    expect(await auditCaseOpened(c.id, db, plus(2))).toBe(true); // another user
    await signIn('C0042', 'clerk');
    expect(await auditCaseOpened(c.id, db, plus(6))).toBe(true); // the same clerk, later
    // a case without a chain here is not given one by being looked at
    expect(await auditCaseOpened('31111111-2222-4333-8444-555555555555', db, T0)).toBe(false);

    const log = await entriesOf(c.id, db);
    const opened = log.filter((e) => e.action === 'case.opened');
    expect(opened.map((e) => [e.actor.clerkId, e.actor.role, e.actor.workstationId, e.deviceTime])).toEqual([
      ['C0042', 'clerk', 'ws-7K', '2026-11-30T09:00:00+08:00'],
      ['S0001', 'supervisor', 'ws-7K', '2026-11-30T09:02:00+08:00'],
      ['C0042', 'clerk', 'ws-7K', '2026-11-30T09:06:00+08:00'],
    ]);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(verifyChain(log).ok).toBe(true);
    expect(JSON.stringify(opened)).not.toContain(personApplicant().idNumber);
    db.close();
  });
});
