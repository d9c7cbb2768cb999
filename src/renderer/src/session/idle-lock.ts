/**
 * The idle lock: a window is a public place, so after some minutes without a key press or a
 * pointer movement the screen locks, and only the signed-in person's password opens it again.
 * The lock is a flag in the (tagged) session record, so a reload keeps it locked and an edit in
 * IndexedDB signs the session out instead of unlocking it. The screen underneath stays mounted
 * (SessionGate), so nothing in progress is lost.
 */
import { getLiveDb } from '../store/db';
import { useLiveQuery } from '../store/live-query';
import { authenticate, type SignInResult } from './users-store';
import { currentSession, putSession, requirePermission } from './session-store';

/** The supervisor's setting, in minutes (the live database's settings; the same in training mode). */
export const IDLE_LOCK_KEY = 'session.idleLockMinutes';
export const IDLE_LOCK_DEFAULT_MINUTES = 10;
export const IDLE_LOCK_MIN = 1;
export const IDLE_LOCK_MAX = 120;

export function isValidIdleMinutes(n: number): boolean {
  return Number.isInteger(n) && n >= IDLE_LOCK_MIN && n <= IDLE_LOCK_MAX;
}

export async function loadIdleLockMinutes(): Promise<number> {
  const v = (await getLiveDb().settings.get(IDLE_LOCK_KEY))?.value;
  return typeof v === 'number' && isValidIdleMinutes(v) ? v : IDLE_LOCK_DEFAULT_MINUTES;
}

/** The idle time, live (the default until it is read, and for a missing or invalid setting). */
export function useIdleLockMinutes(): number {
  return useLiveQuery(() => loadIdleLockMinutes(), []) ?? IDLE_LOCK_DEFAULT_MINUTES;
}

/** Sets the idle time (a supervisor only). */
export async function saveIdleLockMinutes(minutes: number): Promise<void> {
  await requirePermission('settings');
  if (!isValidIdleMinutes(minutes)) throw new RangeError('idle minutes');
  await getLiveDb().settings.put({ key: IDLE_LOCK_KEY, value: minutes });
}

/** Locks the screen of whoever is signed in. */
export async function lockSession(): Promise<void> {
  const s = await currentSession();
  if (s && !s.locked) await putSession({ ...s, locked: true });
}

/**
 * Opens the lock with the signed-in person's password — the same check (and lockout) as a
 * sign-in. Someone else's password does not open it: they sign out and sign in instead.
 */
export async function unlockSession(password: string, now: number = Date.now()): Promise<SignInResult | { ok: false; reason: 'notSignedIn' }> {
  const s = await currentSession();
  if (!s) return { ok: false, reason: 'notSignedIn' };
  const r = await authenticate(s.clerkId, password, now);
  if (r.ok) await putSession({ ...s, locked: false });
  return r;
}

/** Events that count as someone at the window. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
