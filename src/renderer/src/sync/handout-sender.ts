/**
 * Pushes the queued hand-outs and ratings (handouts/handout-store.ts) to the service, one
 * request each: POST /api/v1/cases/:caseId/handouts and /ratings. Idempotent on their ids, so
 * a retry after a lost answer is harmless. Hand-outs go first (a rating after the hand-out
 * needs the hand-out on the server). A refusal (400/409) marks the record `needsFix` with the
 * server's reason; a network or server failure leaves it queued for the next run. Training
 * records never leave. Called by the engine after it pulled the status events. A hand-out is
 * stored with its recipient sealed; it is opened to be sent (the service checks who collected).
 */
import { HandoutPushResponse, RatingPushResponse } from '@core/sync/protocol';
import { apiRequest, type ServerTarget } from './api';
import type { WorkstationDb } from '../store/db';
import { openHandoutRecord, openRatingRecord } from '../store/sealed-records';

export interface SenderOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface SenderReport {
  sent: number;
  refused: number;
  failed: boolean;
}

export async function sendHandoutsAndRatings(db: WorkstationDb, target: ServerTarget, opts: SenderOptions = {}): Promise<SenderReport> {
  const report: SenderReport = { sent: 0, refused: 0, failed: false };
  const ro = { method: 'POST' as const, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  const handouts = (await db.handouts.where('state').equals('queued').toArray()).filter((r) => !r.training).sort((a, b) => a.createdAt - b.createdAt);
  for (const rec of handouts) {
    const r = await apiRequest(target, `/cases/${encodeURIComponent(rec.caseId)}/handouts`, HandoutPushResponse, { ...ro, body: { training: false, handout: (await openHandoutRecord(rec)).handout } });
    if (r.ok) {
      await db.handouts.update(rec.id, { state: 'sent' });
      report.sent++;
    } else if (r.kind === 'rejected') {
      await db.handouts.update(rec.id, { state: 'needsFix', error: r.message });
      report.refused++;
    } else {
      report.failed = true;
      return report;
    }
  }
  const ratings = (await db.ratings.where('state').equals('queued').toArray()).filter((r) => !r.training).sort((a, b) => a.createdAt - b.createdAt);
  for (const stored of ratings) {
    const rec = await openRatingRecord(stored); // the comment is sealed at rest; the server gets it over TLS
    const r = await apiRequest(target, `/cases/${encodeURIComponent(rec.caseId)}/ratings`, RatingPushResponse, { ...ro, body: { training: false, rating: rec.rating } });
    if (r.ok) {
      await db.ratings.update(rec.id, { state: 'sent' });
      report.sent++;
    } else if (r.kind === 'rejected') {
      await db.ratings.update(rec.id, { state: 'needsFix', error: r.message });
      report.refused++;
    } else {
      report.failed = true;
      return report;
    }
  }
  return report;
}
