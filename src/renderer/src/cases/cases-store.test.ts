import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidResidentId, isValidUscc } from '@core/identity';
import { validateCaseNumber } from '@core/intake/caseNumber';
import { makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { getDb, type CaseRecord } from '../store/db';
import { caseRecordFrom, caseRoute, countCases, listCases, listOpenDrafts, OPEN_DRAFTS_SCAN, planSearch, SEARCH_LIMIT, type CaseFilter, type CaseRow } from './cases-store';
import { syntheticCases } from './synthetic-cases';
import { sealCaseRecords } from '../store/case-store';

const NOW = Date.parse('2026-11-30T07:00:00Z'); // 15:00 in Beijing
const TODAY = '2026-11-30';
let all: CaseRecord[] = [];

const newestFirst = (a: { updatedAt: string; id: string }, b: { updatedAt: string; id: string }) =>
  a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1;

async function walk(filter: CaseFilter): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  let after = null;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = await listCases(filter, { after, size: 7 });
    rows.push(...page.rows);
    if (!page.next) break;
    after = page.next;
  }
  return rows;
}

beforeAll(async () => {
  const gen = syntheticCases(600, { seed: 1, days: 5, now: NOW });
  all = Array.from({ length: 600 }, () => gen.next().record);
  // ties: several cases with the very same timestamp
  for (const r of all.slice(0, 12)) r.updatedAt = all[20]!.updatedAt;
  await getDb().cases.bulkPut(await sealCaseRecords(all));
});

describe('caseRecordFrom', () => {
  it('indexes the China date, a sortable UTC timestamp and the normalised ID', () => {
    const c = makeDraft({
      createdAt: '2026-11-29T17:30:00Z', // 01:30 on the 30th in Beijing
      updatedAt: '2026-11-30T09:15:00+08:00',
      applicant: { ...personApplicant(), idNumber: ' 11010519491231002x ' },
    });
    const r = caseRecordFrom(c, '食品经营许可', new Date(NOW));
    expect(r.createdDay).toBe('2026-11-30');
    expect(r.updatedAt).toBe('2026-11-30T01:15:00.000Z');
    expect(r.applicantIdNumber).toBe('11010519491231002X');
    expect(r.applicantName).toBe('张伟');
    expect(r.caseNumber).toBe('');
    expect(r.subjectName).toBe('食品经营许可');
  });
  it("uses '' for what is not entered yet", () => {
    const r = caseRecordFrom(makeDraft(), 'x', new Date(NOW));
    expect(r.applicantIdNumber).toBe('');
    expect(r.applicantName).toBe('');
  });
});

describe('synthetic cases', () => {
  it('have valid IDs and case numbers', () => {
    for (const r of all.slice(0, 200)) {
      const a = r.case.applicant;
      if (a?.kind === 'person' && a.idNumber) expect(isValidResidentId(a.idNumber), a.idNumber).toBe(true);
      if (a?.kind === 'organisation' && a.uscc) expect(isValidUscc(a.uscc), a.uscc).toBe(true);
      if (r.status !== 'draft') expect(validateCaseNumber(r.caseNumber).ok, r.caseNumber).toBe(true);
    }
  });
});

describe('planSearch', () => {
  it('routes the text to the right index', () => {
    expect(planSearch('11010519491231002x')).toEqual({ idNumber: '11010519491231002X' });
    expect(planSearch('1101 0519 4912')).toEqual({ idNumber: '110105194912', caseNumber: '110105-194912-' });
    expect(planSearch('330106-261130-7k0042-m')).toEqual({ caseNumber: '330106-261130-7K0042-M' });
    expect(planSearch('3301062611307K')).toEqual({ idNumber: '3301062611307K', caseNumber: '330106-261130-7K' }); // may be a USCC too
    expect(planSearch('330106-2611')).toEqual({ caseNumber: '330106-2611' });
    expect(planSearch('91330106MA2GL8W4PP')).toEqual({ idNumber: '91330106MA2GL8W4PP' });
    expect(planSearch(' 欧阳 ')).toEqual({ name: '欧阳' });
    expect(planSearch('   ')).toBeNull();
  });
});

describe('listCases', () => {
  const views: CaseFilter[] = [
    { view: 'all' },
    { view: 'today', day: TODAY },
    { view: 'status', status: 'draft' },
    { view: 'status', status: 'accepted' },
    { view: 'status', status: 'refused' },
  ];
  for (const v of views) {
    it(`pages through ${JSON.stringify(v)} newest first, every case once`, async () => {
      const expected = all
        .filter((r) => v.view === 'all' || (v.view === 'today' ? r.createdDay === v.day : r.status === v.status))
        .sort(newestFirst)
        .map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await walk(v)).map((r) => r.id)).toEqual(expected);
      expect((await countCases(v)).count).toBe(expected.length);
    });
  }

  it('finds a case by full ID number, by name prefix and by partial case number', async () => {
    const target = all.find((r) => r.status === 'accepted' && r.case.applicant?.kind === 'person')!;
    const byId = await listCases({ view: 'all', search: target.applicantIdNumber.toLowerCase() });
    expect(byId.searchedBy).toEqual(['idNumber']);
    expect(byId.rows.map((r) => r.id)).toContain(target.id);
    expect(byId.rows.every((r) => r.applicantIdNumber === target.applicantIdNumber)).toBe(true);

    const prefix = [...target.applicantName].slice(0, 2).join('');
    const byName = await walk({ view: 'all', search: prefix });
    expect(byName.map((r) => r.id)).toContain(target.id);
    expect(byName.every((r) => r.applicantName.startsWith(prefix))).toBe(true);
    expect(byName.map((r) => r.id)).toEqual([...byName].sort(newestFirst).map((r) => r.id));

    const partial = target.caseNumber.replace(/-/g, '').slice(0, 16);
    const byNumber = await walk({ view: 'all', search: partial });
    expect(byNumber.map((r) => r.id)).toContain(target.id);
    const full = await listCases({ view: 'status', status: 'accepted', search: target.caseNumber });
    expect(full.rows.map((r) => r.id)).toEqual([target.id]);
    // a case number is looked for everywhere, whichever view is on screen
    const elsewhere = await listCases({ view: 'status', status: 'refused', search: target.caseNumber });
    expect(elsewhere.rows.map((r) => r.id)).toEqual([target.id]);
    expect(elsewhere.scope).toBe('all');
  });

  it("finds a case of another day by ID number or case number from today's view; a name stays within the view", async () => {
    const earlier = all.find((r) => r.status !== 'draft' && r.createdDay < TODAY && r.case.applicant?.kind === 'person')!;
    expect(earlier).toBeDefined();
    const today: CaseFilter = { view: 'today', day: TODAY };
    const sameId = all.filter((r) => r.applicantIdNumber === earlier.applicantIdNumber).map((r) => r.id);
    const byId = await listCases({ ...today, search: earlier.applicantIdNumber });
    expect(byId.scope).toBe('all');
    expect(byId.rows.map((r) => r.id).sort()).toEqual([...sameId].sort());
    expect(byId.rows.find((r) => r.id === earlier.id)?.createdDay).toBe(earlier.createdDay);
    expect(await countCases({ ...today, search: earlier.applicantIdNumber })).toEqual({ count: sameId.length, more: false });
    const byNumber = await listCases({ ...today, search: earlier.caseNumber.replace(/-/g, '') });
    expect(byNumber.rows.map((r) => r.id)).toEqual([earlier.id]);

    const prefix = [...earlier.applicantName].slice(0, 2).join('');
    const byName = await walk({ ...today, search: prefix });
    expect(byName.every((r) => r.createdDay === TODAY)).toBe(true);
    expect((await listCases({ ...today, search: prefix })).scope).toBe('view');
  });

  it('keeps no ID number or name in plaintext, and still finds them (blind index)', async () => {
    const target = all.find((r) => r.status === 'accepted' && r.case.applicant?.kind === 'person')!;
    const stored = (await getDb().cases.get(target.id))!;
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain(target.applicantIdNumber);
    expect(raw).not.toContain(target.applicantName);
    expect(stored.applicantIdNumber).toBe('');
    expect(stored.idKey).toMatch(/^[0-9a-f]{32}$/);
    // a partial ID number no longer searches the ID index (the blind index knows whole numbers only)
    const partial = await listCases({ view: 'all', search: target.applicantIdNumber.slice(0, 10) });
    expect(partial.rows.every((r) => r.applicantIdNumber !== target.applicantIdNumber || r.caseNumber.replace(/-/g, '').startsWith(target.applicantIdNumber.slice(0, 10)))).toBe(true);
  });

  it('caps a broad search and says so', async () => {
    const gen = syntheticCases(SEARCH_LIMIT + 20, { seed: 2, days: 3, now: NOW });
    const extra = Array.from({ length: SEARCH_LIMIT + 20 }, () => gen.next().record).map((r) => ({ ...r, applicantName: `测试${r.applicantName}` }));
    await getDb().cases.bulkPut(await sealCaseRecords(extra));
    const page = await listCases({ view: 'all', search: '测试' });
    expect(page.truncated).toBe(true);
    expect(await countCases({ view: 'all', search: '测试' })).toEqual({ count: SEARCH_LIMIT, more: true });
    await getDb().cases.bulkDelete(extra.map((r) => r.id));
  });

  it('links drafts to the intake and decided cases to the case page', () => {
    expect(caseRoute({ id: 'a', status: 'draft' })).toEqual({ name: 'intake', id: 'a' });
    expect(caseRoute({ id: 'b', status: 'refused' })).toEqual({ name: 'case', id: 'b' });
  });
});

describe('listOpenDrafts (the prompt after sign-in)', () => {
  it('lists only this clerk’s drafts, newest first, with the fields the prompt shows', async () => {
    const drafts = all.filter((r) => r.status === 'draft');
    const clerkIds = [...new Set(drafts.map((r) => r.case.clerk.clerkId))];
    expect(drafts.length).toBeGreaterThan(0);
    for (const clerkId of clerkIds) {
      const mine = drafts.filter((r) => r.case.clerk.clerkId === clerkId).sort(newestFirst);
      const rows = await listOpenDrafts(clerkId, 1000);
      // every draft of the workstation is within the scan here, so each clerk gets all of theirs
      expect(drafts.length).toBeLessThanOrEqual(OPEN_DRAFTS_SCAN);
      expect(rows.map((r) => r.id)).toEqual(mine.map((r) => r.id));
    }
    expect(await listOpenDrafts('NOBODY')).toEqual([]);
    const limited = await listOpenDrafts(clerkIds[0]!, 1);
    expect(limited.length).toBeLessThanOrEqual(1);
  });
});
