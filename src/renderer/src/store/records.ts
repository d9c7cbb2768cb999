/**
 * The record types of the workstation's tables whose rows a feature owns (hand-outs, ratings,
 * reviews, accounts). They live here, at the bottom of the renderer, so store/db.ts can name
 * every table without importing a feature; each feature re-exports its own.
 */
import type { ResultHandout } from '@core/lifecycle/handout';
import type { FollowUpRecord, Rating, RatingFollowUp } from '@core/lifecycle/rating';
import type { Review } from '@core/quality/rubric';
import type { Role } from '@core/quality/roles';
import type { SealedValue } from './crypto';

/** queued → sent (the server has it) · needsFix (the server refused it; `error` says why). */
export type LocalSyncState = 'queued' | 'sent' | 'needsFix';

export interface HandoutRecord {
  id: string;
  caseId: string;
  state: LocalSyncState;
  handout: ResultHandout;
  createdAt: number;
  training: boolean;
  error?: string;
  /**
   * From version 11: the recipient (name, ID number, phone, address, an electronic reference),
   * sealed; '' in `handout.delivery` then. Read through openHandoutRecord (store/sealed-records.ts).
   */
  sealed?: SealedValue;
}

export interface RatingRecord {
  id: string;
  caseId: string;
  caseNumber: string;
  trigger: Rating['trigger'];
  state: LocalSyncState;
  rating: Rating;
  /** A 差评's follow-up (followUpFor), null otherwise. */
  followUp: RatingFollowUp | null;
  /** The call-back and fix recorded for the follow-up (kept on the workstation). */
  followUpRecord?: FollowUpRecord;
  createdAt: number;
  training: boolean;
  error?: string;
  /** From version 14: the applicant's comment, sealed (absent from `rating` then; store/sealed-records.ts). */
  sealed?: SealedValue;
}

export interface ReviewRecord {
  caseId: string; // primary key: one review per case
  clerkId: string; // whose case it is (the clerk's feedback list)
  weekKey: string; // ISO week of the case, e.g. 2026-W48
  reviewedAt: string; // ISO timestamp
  review: Review;
}

export interface SecretHash {
  /** base64 of 16 random bytes */
  salt: string;
  /** base64 of the 256-bit PBKDF2-SHA256 output */
  hash: string;
  iterations: number;
}

export interface UserRecord extends SecretHash {
  userId: string; // 工号, primary key
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  createdBy: string; // 工号 of the supervisor who added it ('' for the first account)
  passwordChangedAt: string;
  failedAttempts: number;
  lockedUntil: number; // epoch ms, 0 when not locked
  /** Authentication tag over every other field (from version 14; store/record-tags.ts). */
  tag?: string;
}
