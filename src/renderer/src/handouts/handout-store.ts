/**
 * 统一窗口出件 and 好差评 on the workstation: hand-outs and ratings are stored
 * in Dexie (version 7: `handouts`, `ratings`) and pushed by sync/handout-sender.ts. The
 * "results to hand out" list is built from the local status events with handoutQueue. The
 * recipient of a stored hand-out is sealed (store/sealed-records.ts, from version 11).
 */
import { handoutQueue, type HandoutQueueEntry, type ResultHandout } from '@core/lifecycle/handout';
import { followUpFor, type FollowUpRecord, type Rating } from '@core/lifecycle/rating';
import { defaultCalendar, type WorkingDayCalendar } from '@core/calendar';
import { isTrainingCaseNumber } from '@core/training/isolation';
import { getDb, type WorkstationDb } from '../store/db';
import type { HandoutRecord, RatingRecord } from '../store/records';
import { openRatingRecords, sealHandoutRecord, sealRatingRecord } from '../store/sealed-records';
import { auditHandout, auditRating } from '../audit/audit-hooks';

export type { HandoutRecord, LocalSyncState, RatingRecord } from '../store/records';



/** The ISO date-time in China (+08:00) of `d`. */
export function chinaIso(d: Date = new Date()): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${t}+08:00`;
}

export async function loadHandoutQueue(db: WorkstationDb = getDb()): Promise<HandoutQueueEntry[]> {
  const events = await db.statusEvents.toArray();
  const handouts = (await db.handouts.toArray()).map((r) => r.handout);
  return handoutQueue(events, handouts);
}

/** Stores a hand-out with its recipient sealed (sealed before the write: Web Crypto cannot run inside the transaction). */
export async function saveHandout(h: ResultHandout, now = Date.now(), db: WorkstationDb = getDb()): Promise<void> {
  await db.handouts.put(await sealHandoutRecord({ id: h.id, caseId: h.caseId, state: 'queued', handout: h, createdAt: now, training: isTrainingCaseNumber(h.caseNumber) }));
  await auditHandout(h, db);
}

export async function saveRating(r: Rating, caseId: string, now = Date.now(), calendar: WorkingDayCalendar = defaultCalendar, db: WorkstationDb = getDb()): Promise<RatingRecord> {
  const rec: RatingRecord = {
    id: r.id,
    caseId,
    caseNumber: r.caseNumber,
    trigger: r.trigger,
    state: 'queued',
    rating: r,
    followUp: followUpFor(r, r.at, calendar),
    createdAt: now,
    training: isTrainingCaseNumber(r.caseNumber),
  };
  await db.ratings.put(await sealRatingRecord(rec));
  await auditRating(rec, db);
  return rec;
}

/** Stores the call-back / fix of a 差评's follow-up (recordFollowUp's output). */
export async function saveFollowUpRecord(ratingId: string, record: FollowUpRecord, db: WorkstationDb = getDb()): Promise<void> {
  await db.ratings.update(ratingId, { followUpRecord: record });
}

// ---- reading (what the screens show) --------------------------------------------------------

/** Every stored hand-out in id order, as stored (the recipient still sealed). */
export function listHandouts(): Promise<HandoutRecord[]> {
  return getDb().handouts.orderBy('id').toArray();
}

/** A case's ratings as stored (enough to tell whether it may be rated again: 一次一评). */
export function ratingsOfCase(caseId: string): Promise<RatingRecord[]> {
  return getDb().ratings.where('caseId').equals(caseId).toArray();
}

/** The ratings that need a follow-up (差评), opened, oldest first. */
export async function loadFollowUps(): Promise<RatingRecord[]> {
  return (await openRatingRecords((await getDb().ratings.toArray()).filter((r) => r.followUp))).sort((a, b) => a.createdAt - b.createdAt);
}

/** The case number the rating screen shows: from the case, else its hand-out, else a status event. */
export async function caseNumberOf(caseId: string): Promise<string | null> {
  const db = getDb();
  const c = await db.cases.get(caseId);
  if (c?.caseNumber) return c.caseNumber;
  const h = await db.handouts.where('caseId').equals(caseId).first();
  if (h) return h.handout.caseNumber;
  const e = await db.statusEvents.where('caseId').equals(caseId).first();
  return e?.caseNumber ?? null;
}
