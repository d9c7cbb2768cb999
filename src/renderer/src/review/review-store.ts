/**
 * Quality review on the workstation: the sampling setting, a supervisor's review
 * of a sampled case — kept in the `reviews` table (Dexie v9, one per case) — and the clerk's
 * answer to it. Sampling and scoring are core's (core/quality/sampling.ts, rubric.ts).
 *
 * Both are actions on the case and enter its audit chain in the same transaction
 * (`review.recorded` with the score and the levels, `review.replied` with when) — for a case
 * whose chain is on this workstation; the comments' text stays in the review.
 */
import { z } from 'zod';
import { isoWeekOf } from '@core/quality/stats';
import { Review, scoreReview, withClerkReply, type ReviewInput } from '@core/quality/rubric';
import type { AuditChange } from '@core/quality/audit';
import { SamplingSettings } from '@core/quality/sampling';
import { chinaDateOf } from '@core/intake/time';
import { liveDb } from '../dashboards/quality-data';
import { appendInTx } from '../store/audit-log';
import type { WorkstationDb } from '../store/db';
import type { ReviewRecord } from '../store/records';
import { requirePermission } from '../session/session-store';

export type { ReviewRecord } from '../store/records';

export const SAMPLING_KEY = 'review.sampling';

/** What a supervisor sets: the random share per clerk and week, and a minimum. */
export const SamplingSetting = z.object({
  share: z.number().min(0).max(1),
  minPerClerk: z.number().int().min(0).max(100),
});
export type SamplingSetting = z.infer<typeof SamplingSetting>;
export const DEFAULT_SAMPLING: SamplingSetting = { share: 0.1, minPerClerk: 1 };

export async function loadSamplingSetting(): Promise<SamplingSetting> {
  const v = SamplingSetting.safeParse((await liveDb().settings.get(SAMPLING_KEY))?.value);
  return v.success ? v.data : DEFAULT_SAMPLING;
}

export async function saveSamplingSetting(s: SamplingSetting): Promise<void> {
  await requirePermission('reviewCases'); // checked here, not only by the route guard
  await liveDb().settings.put({ key: SAMPLING_KEY, value: SamplingSetting.parse(s) });
}

export function samplingSettings(s: SamplingSetting) {
  return SamplingSettings.parse({ share: s.share, minPerClerk: s.minPerClerk });
}

/** The ISO week of a case created at `createdAt` (its date in China). */
export function weekOfCase(createdAt: string): string {
  return isoWeekOf(chinaDateOf(createdAt));
}

/** Appends `change` to the case's chain inside the caller's transaction, when the case has a chain here. */
async function auditReviewInTx(db: WorkstationDb, caseId: string, change: AuditChange): Promise<void> {
  if ((await db.auditLog.where('caseId').equals(caseId).count()) === 0) return;
  const stored = (await db.cases.get(caseId))?.case;
  await appendInTx(db, caseId, [change], { catalogVersion: stored?.catalogVersion ?? 'unknown', training: stored?.training === true, ...(stored ? { case: stored } : {}) });
}

/** Saves (or replaces, until the clerk has answered) a review. Throws a ZodError for an invalid one. */
export async function saveReview(input: ReviewInput, clerkId: string, weekKey: string): Promise<Review> {
  const review = Review.parse(input);
  await requirePermission('reviewCases');
  const db = liveDb();
  await db.transaction('rw', [db.reviews, db.auditLog, db.settings, db.cases], async () => {
    const prev = await db.reviews.get(review.caseId);
    if (prev?.review.clerkReply) throw new Error('answered');
    await db.reviews.put({ caseId: review.caseId, clerkId, weekKey, reviewedAt: review.at, review });
    const score = scoreReview(review.scores);
    await auditReviewInTx(db, review.caseId, {
      action: 'review.recorded',
      ...(prev ? { before: { total: scoreReview(prev.review.scores).total, scores: prev.review.scores } } : {}),
      after: { total: score.total, scores: review.scores, criticalFailures: score.criticalFailures, commented: Object.keys(review.comments ?? {}).sort() },
    });
  });
  return review;
}

/** The clerk's answer to the review of one of their cases (once). */
export async function replyToReview(caseId: string, clerkId: string, text: string, at: string): Promise<void> {
  const db = liveDb();
  await db.transaction('rw', [db.reviews, db.auditLog, db.settings, db.cases], async () => {
    const rec = await db.reviews.get(caseId);
    if (!rec || rec.clerkId !== clerkId) throw new Error('notYours');
    const review = withClerkReply(rec.review, { at, text });
    await db.reviews.put({ ...rec, review });
    await auditReviewInTx(db, caseId, { action: 'review.replied', after: { at } });
  });
}

export function reviewsOfClerk(clerkId: string): Promise<ReviewRecord[]> {
  return liveDb().reviews.where('clerkId').equals(clerkId).reverse().sortBy('reviewedAt');
}

export function reviewOfCase(caseId: string): Promise<ReviewRecord | undefined> {
  return liveDb().reviews.get(caseId);
}

export function allReviews(): Promise<ReviewRecord[]> {
  return liveDb().reviews.toArray();
}
