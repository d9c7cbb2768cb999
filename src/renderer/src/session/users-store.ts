/**
 * Local accounts (issue 7 §1): 工号, name, role, a PBKDF2-SHA256 password hash with its own
 * salt, a disabled flag and the lockout state (5 wrong passwords → 5 minutes, see
 * core/quality/accounts.ts). Kept in the live database's `users` table (Dexie v9), so the
 * same accounts sign in whatever the mode.
 */
import { signInOutcome, UNLOCKED, type SignInRefusal } from '@core/quality/accounts';
import type { Role } from '@core/quality/roles';
import { getDb, getLiveDb, type WorkstationDb } from '../store/db';
import { hashSecret, verifySecret, type SecretHash } from './password';
import { ClerkSession, WORKSTATION_KEY, CLERK_SESSION_KEY, WorkstationConfig } from './session-store';

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
}

/** The accounts' database: always the live one (accounts are the same in training mode). */
export function usersDb(): WorkstationDb {
  return getLiveDb();
}

export type PublicUser = Omit<UserRecord, 'salt' | 'hash' | 'iterations'>;

function publicUser(u: UserRecord): PublicUser {
  const { salt: _s, hash: _h, iterations: _i, ...rest } = u;
  return rest;
}

export async function countUsers(): Promise<number> {
  return usersDb().users.count();
}

export async function listUsers(): Promise<PublicUser[]> {
  return (await usersDb().users.orderBy('userId').toArray()).map(publicUser);
}

export class AccountError extends Error {
  constructor(readonly code: 'exists' | 'notFound' | 'lastSupervisor' | 'notFirstRun') {
    super(code);
  }
}

export interface NewAccount {
  userId: string;
  name: string;
  role: Role;
  password: string;
}

async function recordFor(a: NewAccount, createdBy: string, now: Date): Promise<UserRecord> {
  const at = now.toISOString();
  return {
    userId: a.userId.trim(),
    name: a.name.trim(),
    role: a.role,
    disabled: false,
    createdAt: at,
    createdBy,
    passwordChangedAt: at,
    ...UNLOCKED,
    ...(await hashSecret(a.password)),
  };
}

/** Adds an account (refuses an existing 工号). */
export async function addUser(a: NewAccount, createdBy: string, now: Date = new Date()): Promise<void> {
  const rec = await recordFor(a, createdBy, now); // hash outside the transaction (it awaits Web Crypto)
  const db = usersDb();
  await db.transaction('rw', db.users, async () => {
    if (await db.users.get(rec.userId)) throw new AccountError('exists');
    await db.users.add(rec);
  });
}

/**
 * First run: the workstation's setup and its first supervisor account, together. Refused once
 * any account exists (a second "first run" must not add a supervisor behind the others' backs).
 */
export async function setUpWorkstation(config: Omit<WorkstationConfig, 'workstationId'>, supervisor: Omit<NewAccount, 'role'>, now: Date = new Date()): Promise<void> {
  const rec = await recordFor({ ...supervisor, role: 'supervisor' }, '', now);
  const db = usersDb();
  await db.transaction('rw', db.users, db.settings, async () => {
    if ((await db.users.count()) > 0) throw new AccountError('notFirstRun');
    const existing = WorkstationConfig.safeParse((await db.settings.get(WORKSTATION_KEY))?.value);
    const workstationId = existing.success ? existing.data.workstationId : crypto.randomUUID();
    await db.settings.put({ key: WORKSTATION_KEY, value: WorkstationConfig.parse({ ...config, workstationId }) });
    await db.users.add(rec);
  });
}

export async function setDisabled(userId: string, disabled: boolean): Promise<void> {
  const db = usersDb();
  await db.transaction('rw', db.users, async () => {
    const u = await db.users.get(userId);
    if (!u) throw new AccountError('notFound');
    if (disabled && u.role === 'supervisor' && !u.disabled) {
      const others = await db.users.where('role').equals('supervisor').filter((x) => x.userId !== userId && !x.disabled).count();
      if (others === 0) throw new AccountError('lastSupervisor');
    }
    await db.users.update(userId, { disabled, ...(disabled ? {} : UNLOCKED) });
  });
}

/** A supervisor sets a new password (also lifts a lockout). */
export async function resetPassword(userId: string, password: string, now: Date = new Date()): Promise<void> {
  const h = await hashSecret(password);
  const db = usersDb();
  await db.transaction('rw', db.users, async () => {
    if (!(await db.users.get(userId))) throw new AccountError('notFound');
    await db.users.update(userId, { ...h, ...UNLOCKED, passwordChangedAt: now.toISOString() });
  });
}

export type SignInResult = { ok: true; user: PublicUser } | { ok: false; reason: SignInRefusal; lockedUntil?: number };

/**
 * Checks 工号 + password against the accounts, keeping the lockout count (`now` is the clock,
 * passed in so tests can move it). Unknown 工号 and wrong password give the same answer.
 */
export async function authenticate(userId: string, password: string, now: number = Date.now()): Promise<SignInResult> {
  const db = usersDb();
  const u = await db.users.get(userId.trim());
  const matches = await verifySecret(password, u);
  const outcome = signInOutcome(u ? { disabled: u.disabled, lock: { failedAttempts: u.failedAttempts, lockedUntil: u.lockedUntil } } : null, matches, now);
  if (u) {
    const lock = outcome.ok ? outcome.lock : outcome.lock;
    if (lock && (lock.failedAttempts !== u.failedAttempts || lock.lockedUntil !== u.lockedUntil)) await db.users.update(u.userId, lock);
  }
  if (!outcome.ok) {
    const lockedUntil = outcome.lock?.lockedUntil ?? u?.lockedUntil;
    return { ok: false, reason: outcome.reason, ...(outcome.reason === 'locked' && lockedUntil ? { lockedUntil } : {}) };
  }
  return { ok: true, user: publicUser({ ...u!, ...outcome.lock }) };
}

/** Signs an account in at this workstation's window: the session carries the account's role. */
export async function signInWithPassword(
  args: { userId: string; password: string; windowNo: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const r = await authenticate(args.userId, args.password, now.getTime());
  if (!r.ok) return r;
  const session = ClerkSession.parse({ clerkId: r.user.userId, name: r.user.name, windowNo: args.windowNo.trim(), role: r.user.role, signedInAt: now.toISOString() });
  await getDb().settings.put({ key: CLERK_SESSION_KEY, value: session });
  return r;
}

