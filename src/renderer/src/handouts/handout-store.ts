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
import type { RatingRecord } from '../store/records';
import { sealHandoutRecord, sealRatingRecord } from '../store/sealed-records';
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
