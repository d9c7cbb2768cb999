/**
 * The workstation's setup (centre, workstation code) and the person signed in at it (accounts:
 * users-store.ts).
 *
 * The session record carries an authentication tag (HMAC with the host's key, store/crypto.ts
 * authTag): editing it in IndexedDB — a clerk making themselves a supervisor — leaves a tag that
 * no longer matches, and such a session is signed out. Every check of who acts goes through
 * `currentSession` / `requirePermission`, in the data layer, not only in the route guard.
 */
import { z } from 'zod';
import { useLiveQuery } from '../store/live-query';
import { WORKSTATION_CODE_PATTERN } from '@core/intake/caseNumber';
import { isReservedWorkstationCode } from '@core/training/isolation';
import type { Clerk } from '@core/intake/case';
import { can, Role, type Permission } from '@core/quality/roles';
import { getDb, type WorkstationDb } from '../store/db';
import { authTag, authTagMatches } from '../store/crypto';

export const WORKSTATION_KEY = 'workstation';
export const CLERK_SESSION_KEY = 'clerkSession';

export const WorkstationConfig = z.object({
  workstationId: z.string().min(1), // random, generated once
  centreCode: z.string().regex(/^\d{6}$/),
  centreName: z.string().trim().min(1).max(60),
  // PX is reserved: it marks training case numbers.
  workstationCode: z.string().regex(WORKSTATION_CODE_PATTERN).refine((c) => !isReservedWorkstationCode(c), 'PX is reserved for training'),
});
export type WorkstationConfig = z.infer<typeof WorkstationConfig>;

export const ClerkSession = z.object({
  clerkId: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(30),
  windowNo: z.string().trim().min(1).max(10),
  phone: z.string().trim().max(20).optional(),
  role: Role.default('clerk'), // what this person may see and do
  signedInAt: z.string(),
  /** Set when the screen locked after idle time: the same person must enter their password again. */
  locked: z.boolean().optional(),
});
export type ClerkSession = z.infer<typeof ClerkSession>;

const SESSION_TAG = 'session';

/** The stored form of a session: the session and its authentication tag. */
export async function signedSessionValue(s: ClerkSession): Promise<ClerkSession & { tag: string }> {
  const session = ClerkSession.parse(s);
  return { ...session, tag: await authTag(SESSION_TAG, session) };
}

/** The session in a stored value when its tag matches (null when there is none, or it was edited). */
export async function verifiedSession(raw: unknown): Promise<ClerkSession | null> {
  if (typeof raw !== 'object' || raw === null) return null;
  const { tag, ...rest } = raw as Record<string, unknown>;
  const parsed = ClerkSession.safeParse(rest);
  if (!parsed.success) return null;
  return (await authTagMatches(SESSION_TAG, parsed.data, tag)) ? parsed.data : null;
}

/** Writes the session, tagged. */
export async function putSession(s: ClerkSession, db: WorkstationDb = getDb()): Promise<void> {
  await db.settings.put({ key: CLERK_SESSION_KEY, value: await signedSessionValue(s) });
}

/** Who is signed in, checked: a session whose tag does not match is signed out and null returned. */
export async function currentSession(db: WorkstationDb = getDb()): Promise<ClerkSession | null> {
  const raw = (await db.settings.get(CLERK_SESSION_KEY))?.value;
  if (raw === undefined) return null;
  const s = await verifiedSession(raw);
  if (!s) await db.settings.delete(CLERK_SESSION_KEY);
  return s;
}

/** Why an action was refused in the data layer: nobody (validly) signed in, or a role that may not. */
export class PermissionError extends Error {
  constructor(readonly code: 'notSignedIn' | 'forbidden' | 'locked') {
    super(code);
  }
}

/**
 * The signed-in session if it may do `permission`; throws PermissionError otherwise (a locked
 * screen may do nothing). Called by every store function that only some roles may run.
 */
export async function requirePermission(permission: Permission, db: WorkstationDb = getDb()): Promise<ClerkSession> {
  const s = await currentSession(db);
  if (!s) throw new PermissionError('notSignedIn');
  if (s.locked) throw new PermissionError('locked');
  if (!can(s.role, permission)) throw new PermissionError('forbidden');
  return s;
}

export interface WorkstationState {
  config: WorkstationConfig | null;
  clerk: ClerkSession | null;
  /** Whether any account exists: none (or no setup) means first run. */
  hasUsers: boolean;
}

export function useWorkstation(): WorkstationState | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [w, c, users] = await Promise.all([db.settings.get(WORKSTATION_KEY), db.settings.get(CLERK_SESSION_KEY), db.users.count()]);
    const config = WorkstationConfig.safeParse(w?.value);
    const claimed = ClerkSession.safeParse(c?.value);
    // an account disabled by a supervisor ends its session at once
    const account = claimed.success ? await db.users.get(claimed.data.clerkId) : undefined;
    // the tag is checked after the reads (a live query loses track of reads made after Web Crypto)
    const clerk = c ? await verifiedSession(c.value) : null;
    // an edited session is signed out (outside the live query, which may not write)
    if (c && !clerk) setTimeout(() => void signOut(), 0);
    const active = clerk !== null && !account?.disabled;
    return { config: config.success ? config.data : null, clerk: active ? clerk : null, hasUsers: users > 0 };
  }, []);
}

export async function signIn(config: Omit<WorkstationConfig, 'workstationId'>, clerk: Omit<ClerkSession, 'signedInAt' | 'role'> & { role?: ClerkSession['role'] }, now: Date = new Date()) {
  const db = getDb();
  const session = await signedSessionValue(ClerkSession.parse({ ...clerk, signedInAt: now.toISOString() }));
  await db.transaction('rw', db.settings, async () => {
    const existing = WorkstationConfig.safeParse((await db.settings.get(WORKSTATION_KEY))?.value);
    const workstationId = existing.success ? existing.data.workstationId : crypto.randomUUID();
    await db.settings.put({ key: WORKSTATION_KEY, value: WorkstationConfig.parse({ ...config, workstationId }) });
    await db.settings.put({ key: CLERK_SESSION_KEY, value: session });
  });
}

export async function signOut() {
  await getDb().settings.delete(CLERK_SESSION_KEY);
}

/** The clerk as recorded on every case and decision. */
export function clerkOf(config: WorkstationConfig, session: ClerkSession): Clerk {
  return {
    clerkId: session.clerkId,
    name: session.name,
    windowNo: session.windowNo,
    centreCode: config.centreCode,
    centreName: config.centreName,
    workstationId: config.workstationId,
    ...(session.phone ? { phone: session.phone } : {}),
  };
}
