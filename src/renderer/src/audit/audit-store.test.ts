import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { putCase } from '../store/case-store';
import { auditCase } from '../store/audit-log';
import { caseNumberOfStoredCase, findAuditedCaseId, loadRecentAuditEntries } from './audit-store';

const ID = '21111111-2222-4333-8444-555555555555';
const OTHER = '31111111-2222-4333-8444-555555555555';
const NUMBER = '110105-202611-300001-0007';

describe('audit store', () => {
  it('finds a case by its id (when it has entries) or by its case number as a clerk types it; lists the latest entries with their case numbers', async () => {
    await putCase(makeDraft({ id: ID, applicant: personApplicant(), caseNumber: NUMBER }), '食品经营许可');
    await auditCase(ID, 'notice.printed'); // putCase wrote the case's first entries

    expect(await findAuditedCaseId(ID.toUpperCase())).toBe(ID);
    expect(await findAuditedCaseId(OTHER)).toBeNull(); // no entries here
    expect(await findAuditedCaseId(NUMBER)).toBe(ID);
    expect(await findAuditedCaseId(' 1101052026113000010007 ')).toBe(ID); // without the dashes
    expect(await findAuditedCaseId('110105 202611 300001 0007')).toBe(ID); // spaces for dashes
    expect(await findAuditedCaseId('999999-202611-300001-0007')).toBeNull();
    expect(await findAuditedCaseId('   ')).toBeNull();

    expect(await caseNumberOfStoredCase(ID)).toBe(NUMBER);
    expect(await caseNumberOfStoredCase(OTHER)).toBe('');

    expect((await loadRecentAuditEntries(1)).map((r) => [r.caseId, r.action, r.caseNumber])).toEqual([[ID, 'notice.printed', NUMBER]]);
    const all = await loadRecentAuditEntries();
    expect(all.length).toBeGreaterThan(1);
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => b - a)); // newest first
    expect(all.at(-1)?.action).toBe('case.created');
    expect(new Set(all.map((r) => r.caseNumber))).toEqual(new Set([NUMBER]));
  });
});
