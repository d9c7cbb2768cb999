/**
 * Personal data that used to sit in the clear in IndexedDB, each read straight from the
 * stored rows as an attacker with the profile directory would: the 失信 list (ID numbers,
 * names, reasons), the sync token, departments' comments, rating comments, the PDF copies of
 * notices, a case's 失信 reason — sealed at every write, opened back for the app, and sealed
 * by the version-14 upgrade where an older version had stored them.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { declareSchema } from './schema';
import { IDS, makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { dishonestyOfApplicant, type DishonestyList } from '@core/lifecycle/dishonesty';
import { caseRecordFrom } from '../cases/cases-store';
import { WorkstationDb, type NotificationRecord, type StatusEventRecord } from './db';
import { isSealedValue } from './crypto';
import { BUCKET_HEX, DISHONESTY_LIST_KEY, dishonestyListInfo, findDishonestyEntries, replaceDishonestyList, sealDishonestyList } from './dishonesty-list';
import { openCaseRecord, putCase, sealCaseRecord } from './case-store';
import {
  openCaseDocument,
  openNotificationRecord,
  openRatingRecord,
  openStatusEventRecord,
  sealCaseDocument,
  sealNotificationRecord,
  sealRatingRecord,
  sealStatusEventRecord,
} from './sealed-records';
import { loadServerConfig, saveServerConfig } from '../sync/sync-store';
import type { RatingRecord } from '../handouts/handout-store';

const TODAY = '2026-11-30';
const REASON = '失信被执行人：有履行能力而拒不履行生效法律文书确定义务';
const LIST: DishonestyList = {
  schemaVersion: 1,
  source: '信用浙江 严重失信主体名单（2026年11月）',
  entries: [
    { idNumber: IDS.zhangWei, name: '张伟', reason: REASON, listedBy: '示例市西湖区人民法院', listedAt: '2026-03-02' },
    { idNumber: IDS.wangFang, name: '王芳', reason: '拒不履行行政处罚决定', listedBy: '示例市市场监督管理局', listedAt: '2026-05-10', expiresAt: '2026-06-30' },
  ],
};
const TOKEN = 'ws_7K_3f9c2a61b0d84e55a1c7e2b9d4f60a18';
const CASE_ID = '6f1d2c7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const DEPT_COMMENT = '申请人张伟的身份证复印件不清晰，请重新提交';
const RATING_COMMENT = '张伟说窗口态度不好';

const dbs: WorkstationDb[] = [];
function freshDb(name = `sealed-v14-${crypto.randomUUID()}`): WorkstationDb {
  const db = new WorkstationDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Everything the database holds, as text (sealed bytes show as numbers). */
async function dump(db: WorkstationDb): Promise<string> {
  const out: unknown[] = [];
  for (const t of db.tables) out.push(await t.toArray());
  return JSON.stringify(out);
}

describe('the 失信 list at rest', () => {
  it('keeps no ID number, name or reason in the database, and finds a listed applicant by blind index', async () => {
    const db = freshDb();
    await replaceDishonestyList(db, LIST);
    const text = await dump(db);
    for (const v of [IDS.zhangWei, IDS.wangFang, '张伟', '王芳', REASON, '拒不履行']) expect(text).not.toContain(v);
    expect(await dishonestyListInfo(db)).toEqual({ source: LIST.source, count: 2 });

    const found = await findDishonestyEntries(db, [IDS.zhangWei.toLowerCase().replace(/^(\d{6})/, '$1 ')]);
    expect(found!.entries).toEqual([LIST.entries[0]]);
    expect(dishonestyOfApplicant(found, personApplicant(), TODAY)).toMatchObject({ flagged: true, source: 'list', reason: expect.stringContaining(REASON) });
    // not listed, and no list at all
    expect((await findDishonestyEntries(db, ['110105194912310029']))!.entries).toEqual([]);
    await replaceDishonestyList(db, null);
    expect(await findDishonestyEntries(db, [IDS.zhangWei])).toBeNull();
    expect(await db.dishonestyBuckets.count()).toBe(0);
  });

  it('binds each bucket to its place: a bucket copied over another does not open', async () => {
    const db = freshDb();
    await replaceDishonestyList(db, LIST);
    const [a, b] = await db.dishonestyBuckets.toArray();
    expect(a!.bucket).toHaveLength(BUCKET_HEX);
    await db.dishonestyBuckets.put({ bucket: b!.bucket, sealed: a!.sealed });
    // whichever ID falls in the overwritten bucket cannot be read from it any more
    const lookups = [findDishonestyEntries(db, [IDS.zhangWei]), findDishonestyEntries(db, [IDS.wangFang])];
    const settled = await Promise.allSettled(lookups);
    expect(settled.some((s) => s.status === 'rejected')).toBe(true);
  });

  it('seals a 30,000-entry list in buckets (a few thousand rows, not one per entry)', async () => {
    const entries = Array.from({ length: 30_000 }, (_, i) => ({ ...LIST.entries[0]!, idNumber: `3301061990${String(i).padStart(7, '0')}X` }));
    const t0 = performance.now();
    const { buckets, info } = await sealDishonestyList({ ...LIST, entries });
    const ms = performance.now() - t0;
    expect(info.count).toBe(30_000);
    expect(buckets.length).toBeLessThanOrEqual(16 ** BUCKET_HEX);
    expect(buckets.length).toBeGreaterThan(4000); // spread over nearly every bucket (~7 entries each)
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});

describe('the other rows sealed at every write', () => {
  it('the sync token', async () => {
    const db = freshDb();
    await saveServerConfig({ serverUrl: 'http://127.0.0.1:8787', token: TOKEN, savedAt: '2026-11-30T01:00:00.000Z' }, db);
    expect(await dump(db)).not.toContain(TOKEN);
    expect((await loadServerConfig(db))!.token).toBe(TOKEN);
    // training results go to the live server with the token opened
    const { liveServerTarget } = await import('../training/result-sender');
    const { getLiveDb } = await import('./db');
    await saveServerConfig({ serverUrl: 'http://127.0.0.1:8787', token: TOKEN, savedAt: '2026-11-30T01:00:00.000Z' }, getLiveDb());
    expect(await liveServerTarget()).toEqual({ serverUrl: 'http://127.0.0.1:8787', token: TOKEN });
  });

  it('a department’s comments on a status event and in its notification', async () => {
    const e: StatusEventRecord = {
      cursor: 7, caseId: CASE_ID, caseNumber: '330106-261130-7K0001-5', kind: 'correctionRequested', departmentCode: 'SCJG', at: '2026-11-30T02:00:00Z',
      comment: DEPT_COMMENT, fieldComments: [{ path: 'applicant.idNumber', comment: '号码与复印件不一致：张伟' }], receivedAt: 1,
    };
    const sealed = await sealStatusEventRecord(e);
    expect(JSON.stringify(sealed)).not.toContain('张伟');
    expect(sealed.fieldComments).toEqual([{ path: 'applicant.idNumber', comment: '' }]); // the path stays for the lists
    expect(await openStatusEventRecord(sealed)).toEqual(e);
    await expect(openStatusEventRecord({ ...sealed, cursor: 8 })).rejects.toThrow();

    const n: NotificationRecord = { cursor: 7, caseId: CASE_ID, caseNumber: e.caseNumber, kind: 'correctionRequested', departmentCode: 'SCJG', at: e.at, comment: DEPT_COMMENT, fieldCommentCount: 1, unread: 1, createdAt: 1 };
    const sn = await sealNotificationRecord(n);
    expect(JSON.stringify(sn)).not.toContain('张伟');
    expect(await openNotificationRecord(sn)).toEqual(n);
  });

  it('an applicant’s rating comment', async () => {
    const r = {
      id: crypto.randomUUID(), caseId: CASE_ID, caseNumber: '330106-261130-7K0001-5', trigger: 'afterHandout', state: 'queued',
      rating: { comment: RATING_COMMENT, level: 1 }, followUp: null, createdAt: 1, training: false,
    } as unknown as RatingRecord;
    const s = await sealRatingRecord(r);
    expect(JSON.stringify(s)).not.toContain(RATING_COMMENT);
    expect(await openRatingRecord(s)).toEqual(r);
  });

  it('a PDF copy of a notice', async () => {
    const pdf = new TextEncoder().encode(`%PDF-1.7 公民身份号码 ${IDS.zhangWei}`);
    const rec = { caseId: CASE_ID, kind: 'acceptance' as const, createdAt: '2026-11-30T01:00:00.000Z', pdf, bytes: pdf.byteLength };
    const s = await sealCaseDocument(rec);
    expect(s.pdf.byteLength).toBe(0);
    expect(Buffer.from(s.sealed!.ct).includes(Buffer.from(IDS.zhangWei))).toBe(false);
    expect(await openCaseDocument(s)).toEqual(rec);
    await expect(openCaseDocument({ ...s, kind: 'refusal' })).rejects.toThrow(); // bound to its case and kind
  });

  it('a case’s 失信 reason given by the clerk', async () => {
    const db = freshDb();
    const c = makeDraft({ applicant: personApplicant(), dishonesty: { flagged: true, source: 'clerk', reason: REASON, by: 'C0107', at: '2026-11-30T09:00:00+08:00' } });
    await putCase(c, '食品经营许可', db);
    expect(await dump(db)).not.toContain('拒不履行');
    expect((await openCaseRecord(await db.cases.get(c.id)))!.case.dishonesty!.reason).toBe(REASON);
  });
});

describe('database version 14', () => {
  it('seals what version 12 kept in the clear', async () => {
    const name = `upgrade-to-v14-${crypto.randomUUID()}`;
    // version 12 exactly as it shipped (db.ts)
    const old = new Dexie(name);
    declareSchema(old, 12); // the database as version 12 left it
    const withReason = makeDraft({ applicant: personApplicant(), dishonesty: { flagged: true, source: 'clerk', reason: REASON, by: 'C0107', at: '2026-11-30T09:00:00+08:00' } });
    // a case sealed by version 10's code: the applicant sealed, the 失信 reason in the clear
    const v10Sealed = await sealCaseRecord(caseRecordFrom({ ...withReason, dishonesty: undefined }, 'x', new Date()));
    const pdf = new TextEncoder().encode(`%PDF ${IDS.zhangWei}`);
    await old.table('settings').bulkPut([
      { key: DISHONESTY_LIST_KEY, value: LIST },
      { key: 'syncServer', value: { serverUrl: 'http://127.0.0.1:8787', token: TOKEN, savedAt: '2026-11-30T01:00:00.000Z' } },
    ]);
    await old.table('cases').put({ ...v10Sealed, case: { ...v10Sealed.case, dishonesty: withReason.dishonesty } });
    await old.table('statusEvents').put({ cursor: 3, caseId: CASE_ID, caseNumber: 'n', kind: 'denied', departmentCode: 'SCJG', at: 'x', comment: DEPT_COMMENT, receivedAt: 1 });
    await old.table('notifications').put({ cursor: 3, caseId: CASE_ID, caseNumber: 'n', kind: 'approved', departmentCode: 'SCJG', at: 'x', comment: DEPT_COMMENT, fieldCommentCount: 0, unread: 1, createdAt: 1 });
    await old.table('ratings').put({ id: 'r1', caseId: CASE_ID, caseNumber: 'n', trigger: 'afterHandout', state: 'sent', rating: { comment: RATING_COMMENT }, followUp: null, createdAt: 1, training: false });
    await old.table('caseDocuments').put({ caseId: CASE_ID, kind: 'acceptance', createdAt: 'x', pdf, bytes: pdf.byteLength });
    old.close();

    const db = freshDb(name);
    const text = await dump(db);
    for (const v of [IDS.zhangWei, IDS.wangFang, '王芳', REASON, TOKEN, DEPT_COMMENT, RATING_COMMENT]) expect(text).not.toContain(v);
    expect(Buffer.from((await db.caseDocuments.toArray())[0]!.pdf).includes(Buffer.from(IDS.zhangWei))).toBe(false);

    expect((await findDishonestyEntries(db, [IDS.zhangWei]))!.entries).toEqual([LIST.entries[0]]);
    expect((await loadServerConfig(db))!.token).toBe(TOKEN);
    expect((await openCaseRecord(await db.cases.get(withReason.id)))!.case).toEqual(withReason);
    expect((await openStatusEventRecord((await db.statusEvents.get(3))!)).comment).toBe(DEPT_COMMENT);
    expect((await openNotificationRecord((await db.notifications.get(3))!)).comment).toBe(DEPT_COMMENT);
    expect((await openRatingRecord((await db.ratings.get('r1'))!)).rating.comment).toBe(RATING_COMMENT);
    const doc = (await db.caseDocuments.toArray())[0]!;
    expect(isSealedValue(doc.sealed)).toBe(true);
    expect(new TextDecoder().decode((await openCaseDocument(doc)).pdf)).toContain(IDS.zhangWei);
    expect(db.verno).toBeGreaterThanOrEqual(14);
  });
});

describe('notifications on a shared window PC', () => {
  it('belong to the clerk who took the case in: marking all read leaves another clerk’s unread', async () => {
    const { markAllNotificationsRead, isNotificationFor } = await import('../sync/sync-store');
    const db = freshDb();
    const note = (cursor: number, clerkId?: string): NotificationRecord => ({
      cursor, caseId: CASE_ID, caseNumber: 'n', kind: 'approved', departmentCode: null, at: 'x', fieldCommentCount: 0, unread: 1, createdAt: 1, ...(clerkId !== undefined ? { clerkId } : {}),
    });
    await db.notifications.bulkPut([note(1, 'C0042'), note(2, 'C0107'), note(3)]);
    await markAllNotificationsRead('C0042', db);
    expect((await db.notifications.toArray()).map((n) => [n.cursor, n.unread])).toEqual([[1, 0], [2, 1], [3, 0]]);
    expect(isNotificationFor({ clerkId: 'C0107' }, 'C0042')).toBe(false);
  });
});
