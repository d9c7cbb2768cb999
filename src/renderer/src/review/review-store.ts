/**
 * Quality review on the workstation (issue 7 §2): a supervisor's review of a sampled case,
 * kept in the `reviews` table (Dexie v9, one per case), and the clerk's answer to it.
 */
import type { Review } from '@core/quality/rubric';

export interface ReviewRecord {
  caseId: string; // primary key: one review per case
  clerkId: string; // whose case it is (the clerk's feedback list)
  weekKey: string; // ISO week of the case, e.g. 2026-W48
  reviewedAt: string; // ISO timestamp
  review: Review;
}
