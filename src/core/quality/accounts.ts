/**
 * Local accounts on a workstation: who may sign in, the password rules and the
 * lockout after repeated failures. Pure: the clock is passed in (epoch ms); hashing is the
 * renderer's (Web Crypto PBKDF2, see session/password.ts).
 */
import { z } from 'zod';
import { Role } from './roles';

/** 工号: letters, digits, - and _. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** Failed attempts in a row before the account locks. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a locked account stays locked. */
export const LOCKOUT_MS = 5 * 60_000;

export const UserId = z.string().trim().regex(USER_ID_PATTERN);

export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch';

/** Why a new password is refused (null: acceptable). */
export function passwordProblem(password: string, repeat?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'tooShort';
  if (password.length > PASSWORD_MAX) return 'tooLong';
  if (repeat !== undefined && repeat !== password) return 'mismatch';
  return null;
}

export const LockState = z.object({
  failedAttempts: z.number().int().min(0),
  /** epoch ms until which sign-in is refused; 0 when not locked */
  lockedUntil: z.number().min(0),
});
export type LockState = z.infer<typeof LockState>;

export const UNLOCKED: LockState = { failedAttempts: 0, lockedUntil: 0 };

export function isLocked(s: LockState, now: number): boolean {
  return s.lockedUntil > now;
}

/** Remaining lockout in whole minutes, rounded up (0 when not locked). */
export function lockMinutesLeft(s: LockState, now: number): number {
  return isLocked(s, now) ? Math.ceil((s.lockedUntil - now) / 60_000) : 0;
}

/** The state after a wrong password: the fifth failure in a row locks the account for five minutes. */
export function afterFailure(s: LockState, now: number): LockState {
  // a lock that has run out starts a fresh count
  const failed = (s.lockedUntil !== 0 && s.lockedUntil <= now ? 0 : s.failedAttempts) + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) return { failedAttempts: 0, lockedUntil: now + LOCKOUT_MS };
  return { failedAttempts: failed, lockedUntil: s.lockedUntil > now ? s.lockedUntil : 0 };
}

export function afterSuccess(): LockState {
  return { ...UNLOCKED };
}

export type SignInRefusal = 'unknownOrWrong' | 'disabled' | 'locked';

/** What to do with an attempt, given the account (null: no such 工号) and whether the password matched. */
export function signInOutcome(
  account: { disabled: boolean; lock: LockState } | null,
  passwordMatches: boolean,
  now: number,
): { ok: true; lock: LockState } | { ok: false; reason: SignInRefusal; lock?: LockState } {
  if (!account) return { ok: false, reason: 'unknownOrWrong' };
  if (isLocked(account.lock, now)) return { ok: false, reason: 'locked' };
  if (!passwordMatches) {
    const lock = afterFailure(account.lock, now);
    return { ok: false, reason: isLocked(lock, now) ? 'locked' : 'unknownOrWrong', lock };
  }
  if (account.disabled) return { ok: false, reason: 'disabled' };
  return { ok: true, lock: afterSuccess() };
}

export const AccountSummary = z.object({
  userId: UserId,
  name: z.string().trim().min(1).max(30),
  role: Role,
  disabled: z.boolean(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/** A supervisor may not disable the last enabled supervisor (nobody could manage accounts). */
export function canDisable(accounts: readonly AccountSummary[], userId: string): boolean {
  const target = accounts.find((a) => a.userId === userId);
  if (!target || target.disabled) return false;
  if (target.role !== 'supervisor') return true;
  return accounts.some((a) => a.userId !== userId && a.role === 'supervisor' && !a.disabled);
}
