/**
 * The hand-outs and ratings channels (handouts/handout-store.ts) → POST
 * /api/v1/cases/:caseId/handouts and /ratings, one request each, idempotent on their ids, so a
 * retry after a lost answer is harmless. Both run after the status events are pulled;
 * hand-outs are registered before ratings (a rating after the hand-out needs the hand-out on
 * the server). A hand-out is stored with its recipient sealed and opened to be sent (the
 * service checks who collected). Training records never leave.
 */
import { HandoutPushResponse, RatingPushResponse } from '@core/sync/protocol';
import type { ServerTarget } from './api';
import type { WorkstationDb } from '../store/db';
import { openHandoutRecord, openRatingRecord } from '../store/sealed-records';
import type { HandoutRecord, RatingRecord } from '../handouts/handout-store';
import { queuedRecordChannel } from './record-channel';
import { runChannel, senderReport, standaloneContext, type SenderReport } from './pipeline';

export type { SenderReport };

export interface SenderOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const HANDOUTS_KIND = 'handouts';
export const RATINGS_KIND = 'ratings';

export const handoutsChannel = queuedRecordChannel<HandoutRecord>({
  kind: HANDOUTS_KIND,
  stage: 'afterPull',
  keyOf: (r) => r.id,
  queued: async ({ db }) => (await db.handouts.where('state').equals('queued').toArray()).filter((r) => !r.training).sort((a, b) => a.createdAt - b.createdAt),
  post: async (ctx, rec) => ctx.request(`/cases/${encodeURIComponent(rec.caseId)}/handouts`, HandoutPushResponse, { method: 'POST', body: { training: false, handout: (await openHandoutRecord(rec)).handout } }),
  mark: async (db, rec, change) => {
    await db.handouts.update(rec.id, change.state === 'sent' ? { state: 'sent' } : { state: 'needsFix', error: change.error });
  },
  count: (db, state) => db.handouts.where('state').equals(state).count(),
  needsFixSample: async (db, limit) => (await db.handouts.where('state').equals('needsFix').limit(limit).toArray()).map((r) => ({ key: r.id, label: r.handout.caseNumber ?? r.caseId, reason: r.error ?? '' })),
  retryNeedsFix: (db) => db.handouts.where('state').equals('needsFix').modify({ state: 'queued', error: undefined }),
});

export const ratingsChannel = queuedRecordChannel<RatingRecord>({
  kind: RATINGS_KIND,
  stage: 'afterPull',
  keyOf: (r) => r.id,
  queued: async ({ db }) => (await db.ratings.where('state').equals('queued').toArray()).filter((r) => !r.training).sort((a, b) => a.createdAt - b.createdAt),
  // Never ahead of its case's hand-out: one still queued (or held) keeps the rating back.
  ready: async ({ db }, rec) => (await db.handouts.where('caseId').equals(rec.caseId).filter((h) => h.state !== 'sent' && !h.training).count()) === 0,
  // the comment is sealed at rest; the server gets it over TLS
  post: async (ctx, rec) => ctx.request(`/cases/${encodeURIComponent(rec.caseId)}/ratings`, RatingPushResponse, { method: 'POST', body: { training: false, rating: (await openRatingRecord(rec)).rating } }),
  mark: async (db, rec, change) => {
    await db.ratings.update(rec.id, change.state === 'sent' ? { state: 'sent' } : { state: 'needsFix', error: change.error });
  },
  count: (db, state) => db.ratings.where('state').equals(state).count(),
  needsFixSample: async (db, limit) => (await db.ratings.where('state').equals('needsFix').limit(limit).toArray()).map((r) => ({ key: r.id, label: r.caseNumber, reason: r.error ?? '' })),
  retryNeedsFix: (db) => db.ratings.where('state').equals('needsFix').modify({ state: 'queued', error: undefined }),
});

/** Sends the queued hand-outs, then the ratings, now (outside a sync run). */
export async function sendHandoutsAndRatings(db: WorkstationDb, target: ServerTarget, opts: SenderOptions = {}): Promise<SenderReport> {
  const ctx = standaloneContext(db, target, opts);
  const h = senderReport(await runChannel(handoutsChannel, ctx, { ignoreBackoff: true }));
  if (h.failed) return h;
  const r = senderReport(await runChannel(ratingsChannel, ctx, { ignoreBackoff: true }));
  return { sent: h.sent + r.sent, refused: h.refused + r.refused, failed: r.failed };
}
