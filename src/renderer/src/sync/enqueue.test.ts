import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeRefusal } from '@core/intake/decision';
import { AT, makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { decide } from '../intake/intake-store';
import { getDb } from '../store/db';

const refuse = (caseNumber: string) => makeRefusal({ at: AT, by: 'C0042', caseNumber, reason: { code: 'other', text: '不属于本中心受理范围' } });

describe('decide() enqueues the decided case in the same transaction', () => {
  it('a decided case is in the outbox, queued, with its case number', async () => {
    const c = makeDraft({ id: '11111111-2222-4333-8444-555555555555', applicant: personApplicant(), agent: null });
    const r = await decide(c, '食品经营许可', '7K', AT, refuse);
    expect(r.ok).toBe(true);
    const e = await getDb().outbox.get(c.id);
    expect(e).toMatchObject({ state: 'queued', attempts: 0, contentHash: null });
    expect(e?.caseNumber).toBe(r.ok ? r.case.caseNumber : '');
  });

  it('a training case is decided but never queued', async () => {
    const c = makeDraft({ id: '21111111-2222-4333-8444-555555555555', applicant: personApplicant(), agent: null });
    const r = await decide(c, '食品经营许可', '7K', AT, refuse, { training: true });
    expect(r.ok).toBe(true);
    expect(await getDb().cases.get(c.id)).toBeDefined();
    expect(await getDb().outbox.get(c.id)).toBeUndefined();
  });

  it('a case marked training is never queued even when decide() is not told', async () => {
    const c = { ...makeDraft({ id: '51111111-2222-4333-8444-555555555555', applicant: personApplicant(), agent: null }), training: true as const };
    const r = await decide(c, '食品经营许可', '7K', AT, refuse);
    expect(r.ok).toBe(true);
    expect(await getDb().outbox.get(c.id)).toBeUndefined();
  });

  it('a failed decision queues nothing', async () => {
    const c = makeDraft({ id: '31111111-2222-4333-8444-555555555555' });
    const r = await decide(c, '食品经营许可', '7K', AT, () => ({ ok: false, errors: [{ code: 'x' }] }));
    expect(r.ok).toBe(false);
    expect(await getDb().outbox.get(c.id)).toBeUndefined();
  });

  it('a write failing inside the transaction leaves neither the decision nor the outbox entry', async () => {
    const c = makeDraft({ id: '41111111-2222-4333-8444-555555555555', applicant: personApplicant(), agent: null });
    const db = getDb();
    const put = db.outbox.put.bind(db.outbox);
    db.outbox.put = (() => Promise.reject(new DOMException('full', 'QuotaExceededError'))) as unknown as typeof db.outbox.put;
    try {
      await expect(decide(c, '食品经营许可', '7K', AT, refuse)).rejects.toThrow();
    } finally {
      db.outbox.put = put;
    }
    expect((await db.cases.get(c.id))?.status ?? 'none').not.toBe('refused');
    expect(await db.outbox.get(c.id)).toBeUndefined();
  });
});

describe('database version 4', () => {
  it('puts the cases decided before sync existed into the outbox (drafts stay out)', async () => {
    const { default: Dexie } = await import('dexie');
    const { WorkstationDb } = await import('../store/db');
    const { syntheticCases } = await import('../cases/synthetic-cases');
    const name = 'upgrade-from-v3';
    const old = new Dexie(name);
    old.version(1).stores({ catalogVersions: '&version, importedAt', settings: '&key' });
    old.version(2).stores({ cases: '&id, caseNumber, status, createdDay, updatedAt, [status+updatedAt], [createdDay+updatedAt], applicantIdNumber, applicantName' });
    old.version(3).stores({ caseDocuments: '&[caseId+kind], caseId' });
    const gen = syntheticCases(40, { seed: 3 });
    const records = Array.from({ length: 40 }, () => gen.next().record);
    await old.table('cases').bulkPut(records);
    old.close();
    const db = new WorkstationDb(name);
    const decided = records.filter((r) => r.status !== 'draft');
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.length).toBeLessThan(40);
    expect(await db.outbox.count()).toBe(decided.length);
    expect((await db.outbox.toArray()).every((e) => e.state === 'queued')).toBe(true);
    db.close();
  });
});
