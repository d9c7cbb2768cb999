/**
 * The hand-out's recipient and the supplements table's 容缺 commitment at rest:
 * sealed at every write, opened back to the very same record, bound to their record, and the
 * rows stored before version 11 sealed by its upgrade.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { declareSchema } from './schema';
import { HANDOUT_SCHEMA_VERSION, ResultHandout } from '@core/lifecycle/handout';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import { IDS } from '../../../../test/fixtures/intake';
import { makeCaseNumber } from '@core/intake/caseNumber';
import { WorkstationDb, type SupplementRecord } from './db';
import { isSealedValue } from './crypto';
import { openHandoutRecord, openSupplementRecord, putDeferralRecordInTx, sealHandoutRecord, sealSupplementRecord } from './sealed-records';
import { loadHandoutQueue, saveHandout, type HandoutRecord } from '../handouts/handout-store';
import { sendHandoutsAndRatings } from '../sync/handout-sender';

const CASE = '6f1d2c7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const made = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 1 });
if (!made.ok) throw new Error(made.reason);
const NUMBER = made.value;
const NAME = '张伟';
const ID = IDS.zhangWei;

const inPerson = (id = crypto.randomUUID()): ResultHandout =>
  ResultHandout.parse({
    schemaVersion: HANDOUT_SCHEMA_VERSION,
    id,
    caseId: CASE,
    caseNumber: NUMBER,
    at: '2026-11-30T10:00:00+08:00',
    by: 'C0107',
    departmentCodes: ['SCJG'],
    delivery: { method: 'inPerson', recipientName: NAME, recipientIdType: 'residentId', recipientIdNumber: ID, relation: 'applicant', idCheckedBy: 'cardReader' },
  });

const byPost = (): ResultHandout =>
  ResultHandout.parse({
    ...inPerson(),
    delivery: { method: 'post', carrier: 'ems', trackingNumber: 'EA123456785CN', recipientName: '王芳', recipientPhone: '13912345678', address: '浙江省杭州市西湖区文三路 90 号' },
  });

const record = (h: ResultHandout): HandoutRecord => ({ id: h.id, caseId: h.caseId, state: 'queued', handout: h, createdAt: 1, training: false });

const deferral = (): DeferralRecord => ({
  schemaVersion: 1,
  caseId: CASE,
  caseNumber: NUMBER,
  acceptedAt: '2026-11-30T09:30:00+08:00',
  acceptedBy: 'C0107',
  materials: [{ key: 'food/layout', name: '经营场所和设备布局、操作流程示意图', itemCodes: ['food'], type: 'original', forms: ['paper'], copies: 1, acceptanceStandard: '标明功能区域', problem: 'missing', reason: '未提交' }],
  deadline: { date: '2026-12-03', workingDays: 3, provisional: false, limitDays: 20, limitItemCodes: ['food'] },
  commitment: { signedAt: '2026-11-30T09:28:00+08:00', applicantName: '杭州西溪望湖酒店管理有限公司', signedBy: 'agent', signerName: '王芳' },
  consequences: '逾期未补齐的，视为申请人撤回申请。',
  approvalRequired: false,
  supplements: [{ key: 'food/layout', at: '2026-12-01T10:00:00+08:00', by: 'C0112', status: 'receivedOriginal' }],
});

let db: WorkstationDb;
beforeEach(async () => {
  db = new WorkstationDb(`sealed-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('a hand-out’s recipient at rest', () => {
  it('is stored sealed (no ID number, no name in the row) and opens back to the very same hand-out', async () => {
    const h = inPerson();
    await saveHandout(h, 5, db);
    const stored = (await db.handouts.get(h.id))!;
    const text = JSON.stringify(stored);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(NAME);
    expect(isSealedValue(stored.sealed)).toBe(true);
    expect(stored.sealed!.iv).toHaveLength(12);
    // what the lists need stays readable
    expect(stored.handout.delivery).toMatchObject({ method: 'inPerson', relation: 'applicant', recipientIdType: 'residentId', recipientName: '', recipientIdNumber: '' });
    expect(stored.handout.caseNumber).toBe(NUMBER);
    expect(await openHandoutRecord(stored)).toEqual({ id: h.id, caseId: CASE, state: 'queued', handout: h, createdAt: 5, training: false });
    expect(await loadHandoutQueue(db)).toEqual([]); // the queue is built from the sealed rows as before
  });

  it('seals a posted result’s name, phone and address; the tracking number stays', async () => {
    const h = byPost();
    const sealed = await sealHandoutRecord(record(h));
    const text = JSON.stringify(sealed);
    for (const v of ['王芳', '13912345678', '文三路']) expect(text).not.toContain(v);
    expect(text).toContain('EA123456785CN');
    expect((await openHandoutRecord(sealed)).handout).toEqual(h);
  });

  it('is bound to its record: moved to another hand-out or altered, it does not open', async () => {
    const sealed = await sealHandoutRecord(record(inPerson()));
    await expect(openHandoutRecord({ ...sealed, id: crypto.randomUUID() })).rejects.toThrow();
    const ct = sealed.sealed!.ct.slice();
    ct[3] = ct[3]! ^ 1;
    await expect(openHandoutRecord({ ...sealed, sealed: { ...sealed.sealed!, ct } })).rejects.toThrow();
    // a plaintext row (before version 11) reads as it is
    const plain = record(inPerson());
    expect(await openHandoutRecord(plain)).toBe(plain);
  });

  it('leaves for the service opened: the sender sends the recipient in full (the service checks who collected)', async () => {
    const h = inPerson();
    await saveHandout(h, 1, db);
    const bodies: unknown[] = [];
    const fetchFn = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ id: h.id, caseId: CASE, outcome: 'stored' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const report = await sendHandoutsAndRatings(db, { serverUrl: 'http://127.0.0.1:1', token: 'ow_ws_x' }, { fetch: fetchFn });
    expect(report).toMatchObject({ sent: 1, refused: 0, failed: false });
    expect(bodies).toEqual([{ training: false, handout: h }]);
    const after = (await db.handouts.get(h.id))!;
    expect(after.state).toBe('sent');
    expect(JSON.stringify(after)).not.toContain(ID); // marking it sent keeps it sealed
  });
});

describe('the supplements table’s 容缺 commitment at rest', () => {
  it('keeps the names sealed and the deadline, materials and supplements readable; opens back to the same record', async () => {
    const r: SupplementRecord = { caseId: CASE, record: deferral(), updatedAt: 7 };
    const sealed = await sealSupplementRecord(r);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('杭州西溪望湖酒店管理有限公司');
    expect(text).not.toContain('王芳');
    expect(sealed.record.commitment).toEqual({ signedAt: '2026-11-30T09:28:00+08:00', signedBy: 'agent' });
    expect(sealed.record.deadline.date).toBe('2026-12-03');
    expect(sealed.record.supplements).toHaveLength(1);
    expect(await openSupplementRecord(sealed)).toEqual(r);
    await expect(openSupplementRecord({ ...sealed, caseId: '00000000-0000-4000-8000-000000000001' })).rejects.toThrow();
  });

  it('is sealed when the decision writes it inside its transaction (Dexie.waitFor keeps it open)', async () => {
    await db.transaction('rw', [db.supplements, db.settings], async () => {
      await db.settings.put({ key: 'x', value: 1 });
      await putDeferralRecordInTx(db, deferral(), 9);
      await db.settings.put({ key: 'y', value: 2 }); // the transaction is still alive
    });
    const stored = (await db.supplements.get(CASE))!;
    expect(JSON.stringify(stored)).not.toContain('王芳');
    expect((await openSupplementRecord(stored)).record).toEqual(deferral());
    expect((await db.settings.get('y'))?.value).toBe(2);
  });
});

describe('database version 11', () => {
  it('seals the hand-outs and supplements stored in plaintext before it', async () => {
    const name = `upgrade-to-v11-${crypto.randomUUID()}`;
    // version 10 exactly as it shipped (db.ts), with plaintext rows
    const old = new Dexie(name);
    declareSchema(old, 10); // the database as version 10 left it
    const handouts = [record(inPerson()), record(byPost())];
    const supplement: SupplementRecord = { caseId: CASE, record: deferral(), updatedAt: 3 };
    await old.table('handouts').bulkPut(handouts);
    await old.table('supplements').put(supplement);
    old.close();

    const upgraded = new WorkstationDb(name);
    const storedHandouts = await upgraded.handouts.toArray();
    const storedSupplements = await upgraded.supplements.toArray();
    expect(storedHandouts).toHaveLength(2);
    expect(storedHandouts.every((r) => isSealedValue(r.sealed))).toBe(true);
    expect(storedSupplements.every((r) => isSealedValue(r.sealed))).toBe(true);
    const text = JSON.stringify([storedHandouts, storedSupplements]);
    for (const v of [ID, NAME, '13912345678', '王芳', '杭州西溪望湖酒店管理有限公司']) expect(text).not.toContain(v);
    const opened = await Promise.all(storedHandouts.map(openHandoutRecord));
    expect(opened.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...handouts].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await openSupplementRecord(storedSupplements[0]!)).toEqual(supplement);
    expect(upgraded.verno).toBeGreaterThanOrEqual(11);
    await upgraded.delete();
  });
});
