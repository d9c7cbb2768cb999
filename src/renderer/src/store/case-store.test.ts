import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { agentPerson, makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { verifyChain } from '@core/quality/audit';
import { caseRecordFrom } from '../cases/cases-store';
import { syntheticCases } from '../cases/synthetic-cases';
import { WorkstationDb } from './db';
import { getCase, idSearchKey, isSealed, nameSearchKey, openCaseRecord, openRevision, putCase, sealCaseRecord, sealRevision } from './case-store';

const NOW = new Date('2026-11-30T07:00:00Z');

describe('sealing a case record', () => {
  it('keeps no identity value in the stored record, and opens back to the very same record', async () => {
    const c = makeDraft({ applicant: personApplicant(), agent: agentPerson() });
    const plain = caseRecordFrom(c, '食品经营许可', NOW);
    const sealed = await sealCaseRecord(plain);
    const text = JSON.stringify(sealed);
    for (const v of [personApplicant().idNumber, personApplicant().name, personApplicant().phone, agentPerson().idNumber, agentPerson().name, personApplicant().address])
      expect(text).not.toContain(v);
    expect(sealed.case.applicant).toEqual({ kind: 'person' });
    expect(sealed.sealed!.iv).toHaveLength(12);
    expect(sealed.idKey).toBe(await idSearchKey(personApplicant().idNumber.toLowerCase()));
    expect(sealed.nameKeys).toContain(await nameSearchKey('张伟'));
    expect(await openCaseRecord(sealed)).toEqual(plain);
    // a fresh IV at every write: the same case never seals to the same bytes
    const again = await sealCaseRecord(plain);
    expect(Buffer.from(again.sealed!.ct).equals(Buffer.from(sealed.sealed!.ct))).toBe(false);
  });

  it('binds the sealed value to its case (moved to another record it does not open) and detects an altered ciphertext', async () => {
    const a = await sealCaseRecord(caseRecordFrom(makeDraft({ applicant: personApplicant() }), 'x', NOW));
    const other = { ...a, id: '00000000-0000-4000-8000-000000000001' };
    await expect(openCaseRecord(other)).rejects.toThrow();
    const ct = a.sealed!.ct.slice();
    ct[0] = ct[0]! ^ 1;
    await expect(openCaseRecord({ ...a, sealed: { ...a.sealed!, ct } })).rejects.toThrow();
  });

  it('reads a plaintext record (written before version 10) as it is', async () => {
    const plain = caseRecordFrom(makeDraft({ applicant: personApplicant() }), 'x', NOW);
    expect(isSealed(plain)).toBe(false);
    expect(await openCaseRecord(plain)).toBe(plain);
  });
});

describe('sealing a 补正 revision', () => {
  it('keeps the revised case’s identity sealed and opens it back', async () => {
    const c = makeDraft({ applicant: personApplicant() });
    const rec = { caseId: c.id, revision: 2, record: { case: c } as never, state: 'queued' as const, createdAt: 1 };
    const sealed = await sealRevision(rec);
    expect(JSON.stringify(sealed)).not.toContain(personApplicant().idNumber);
    expect(await openRevision(sealed)).toEqual(rec);
    await expect(openRevision({ ...sealed, revision: 3 })).rejects.toThrow(); // bound to its version
  });

  it('seals the clerk’s reply to the department too, and opens it back', async () => {
    const c = makeDraft({ applicant: personApplicant() });
    const reply = '申请人李明称联系电话 13912345678 已恢复使用';
    const reason = { kind: 'correction' as const, eventCursors: [4], departmentCodes: ['SCJG'], reply };
    const rec = { caseId: c.id, revision: 2, record: { case: c, reason } as never, state: 'queued' as const, createdAt: 1 };
    const sealed = await sealRevision(rec);
    expect(JSON.stringify(sealed)).not.toContain('13912345678');
    expect(sealed.record.reason).toEqual({ kind: 'correction', eventCursors: [4], departmentCodes: ['SCJG'] });
    expect(await openRevision(sealed)).toEqual(rec);
  });
});

describe('writing through the case store', () => {
  it('puts the case sealed and appends its audit chain in the same transaction', async () => {
    const db = new WorkstationDb('case-store-put');
    const d0 = makeDraft({ id: '11111111-2222-4333-8444-555555555555' });
    await putCase(d0, '食品经营许可', db);
    await putCase({ ...d0, applicant: personApplicant() }, '食品经营许可', db);
    await putCase({ ...d0, applicant: personApplicant() }, '食品经营许可', db); // nothing changed: nothing recorded
    expect(isSealed((await db.cases.get(d0.id))!)).toBe(true);
    expect((await getCase(d0.id, db))?.applicant).toEqual(personApplicant());
    const log = await db.auditLog.orderBy('key').toArray();
    expect(log.map((e) => [e.seq, e.action])).toEqual([
      [1, 'case.created'],
      [2, 'applicant.updated'],
    ]);
    expect(JSON.stringify(log)).not.toContain(personApplicant().idNumber);
    expect(verifyChain(log).ok).toBe(true);
    db.close();
  });
});

describe('database version 10', () => {
  it('seals the plaintext cases stored before it, and finds them by blind index', async () => {
    const name = 'upgrade-to-v10';
    const old = new Dexie(name);
    old.version(1).stores({ catalogVersions: '&version, importedAt', settings: '&key' });
    old.version(2).stores({ cases: '&id, caseNumber, status, createdDay, updatedAt, [status+updatedAt], [createdDay+updatedAt], applicantIdNumber, applicantName' });
    const gen = syntheticCases(30, { seed: 7 });
    const records = Array.from({ length: 30 }, () => gen.next().record);
    await old.table('cases').bulkPut(records);
    old.close();

    const db = new WorkstationDb(name);
    const stored = await db.cases.toArray();
    expect(stored).toHaveLength(30);
    expect(stored.every((r) => isSealed(r))).toBe(true);
    const withId = records.find((r) => r.applicantIdNumber.length === 18)!;
    expect(JSON.stringify(stored)).not.toContain(withId.applicantIdNumber);
    const found = await db.cases.where('idKey').equals(await idSearchKey(withId.applicantIdNumber)).toArray();
    expect(found.map((r) => r.id)).toContain(withId.id);
    expect((await openCaseRecord(found.find((r) => r.id === withId.id)!)).case).toEqual(withId.case);
    db.close();
  });
});
