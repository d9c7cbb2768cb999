/**
 * Local accounts: 工号, name, role, a PBKDF2-SHA256 password hash with its own
 * salt, a disabled flag and the lockout state (5 wrong passwords → 5 minutes, see
 * core/quality/accounts.ts). Kept in the live database's `users` table (Dexie v9), so the
 * same accounts sign in whatever the mode.
 *
 * Enforced here, below the UI: adding an account, resetting a password and disabling one need
 * a signed-in supervisor (session-store.ts requirePermission). Every account record carries an
 * authentication tag over all its fields (role, password hash, lockout count; store/crypto.ts
 * authTag): a record edited in IndexedDB — a role raised, a lockout count set back to 0, an
 * account added by hand — no longer matches and cannot sign in (`tampered`) until a supervisor
 * resets its password. A hash made with fewer PBKDF2 iterations than today's is made again at
 * the next successful sign-in.
 */
import Dexie from 'dexie';
import { signInOutcome, UNLOCKED, type SignInRefusal } from '@core/quality/accounts';
import type { Role } from '@core/quality/roles';
import { getLiveDb, type WorkstationDb } from '../store/db';
import type { UserRecord } from '../store/records';
import { isUserIntact, taggedUser } from '../store/record-tags';
import { hashSecret, needsRehash, verifySecret } from './password';
import { ClerkSession, putSession, requirePermission, WORKSTATION_KEY, WorkstationConfig } from './session-store';

export type { UserRecord } from '../store/records';

/** The accounts' database: always the live one (accounts are the same in training mode). */
export function usersDb(): WorkstationDb {
  return getLiveDb();
}

export type PublicUser = Omit<UserRecord, 'salt' | 'hash' | 'iterations' | 'tag'>;

function publicUser(u: UserRecord): PublicUser {
  const { salt: _s, hash: _h, iterations: _i, tag: _t, ...rest } = u;
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
  return taggedUser({
    userId: a.userId.trim(),
    name: a.name.trim(),
    role: a.role,
    disabled: false,
    createdAt: at,
    createdBy,
    passwordChangedAt: at,
    ...UNLOCKED,
    ...(await hashSecret(a.password)),
  });
}

/**
 * Adds an account (refuses an existing 工号). Only a signed-in supervisor may: the account is
 * recorded as created by that supervisor, whatever `_createdBy` says.
 */
export async function addUser(a: NewAccount, _createdBy?: string, now: Date = new Date()): Promise<void> {
  const actor = await requirePermission('manageUsers');
  const rec = await recordFor(a, actor.clerkId, now); // hash outside the transaction (it awaits Web Crypto)
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

/**
 * The record a supervisor's change writes: an edited (tag-less or mismatching) record is not
 * blessed as it stands — its role is what someone may have raised, so it falls back to the least
 * one, 窗口人员; a supervisor whose record was damaged is opened again by another supervisor.
 */
async function trusted(u: UserRecord): Promise<UserRecord> {
  return (await isUserIntact(u)) ? u : { ...u, role: 'clerk' };
}

/** A supervisor disables or enables an account (the last enabled supervisor cannot be disabled). */
export async function setDisabled(userId: string, disabled: boolean): Promise<void> {
  await requirePermission('manageUsers');
  const db = usersDb();
  await db.transaction('rw', db.users, async () => {
    const u = await db.users.get(userId);
    if (!u) throw new AccountError('notFound');
    if (disabled && u.role === 'supervisor' && !u.disabled) {
      const others = await db.users.where('role').equals('supervisor').filter((x) => x.userId !== userId && !x.disabled).count();
      if (others === 0) throw new AccountError('lastSupervisor');
    }
    // Dexie.waitFor keeps the transaction alive while the tag is computed
    await db.users.put(await Dexie.waitFor(trusted(u).then((t) => taggedUser({ ...t, disabled, ...(disabled ? {} : UNLOCKED) }))));
  });
}

/** A supervisor sets a new password (also lifts a lockout, and makes an edited record whole again). */
export async function resetPassword(userId: string, password: string, now: Date = new Date()): Promise<void> {
  await requirePermission('manageUsers');
  const h = await hashSecret(password);
  const db = usersDb();
  await db.transaction('rw', db.users, async () => {
    const u = await db.users.get(userId);
    if (!u) throw new AccountError('notFound');
    await db.users.put(await Dexie.waitFor(trusted(u).then((t) => taggedUser({ ...t, ...h, ...UNLOCKED, passwordChangedAt: now.toISOString() }))));
  });
}

/** `tampered`: the account record was edited outside the app; a supervisor resets its password. */
export type SignInResult = { ok: true; user: PublicUser } | { ok: false; reason: SignInRefusal | 'tampered'; lockedUntil?: number };

/**
 * Checks 工号 + password against the accounts, keeping the lockout count (`now` is the clock,
 * passed in so tests can move it). Unknown 工号 and wrong password give the same answer.
 */
export async function authenticate(userId: string, password: string, now: number = Date.now()): Promise<SignInResult> {
  const db = usersDb();
  const u = await db.users.get(userId.trim());
  const matches = await verifySecret(password, u);
  // an untagged record counts as edited too (the version-14 upgrade tagged every account), so removing the tag gains nothing
  if (u && !(await isUserIntact(u))) return { ok: false, reason: 'tampered' };
  const outcome = signInOutcome(u ? { disabled: u.disabled, lock: { failedAttempts: u.failedAttempts, lockedUntil: u.lockedUntil } } : null, matches, now);
  if (u) {
    const lock = outcome.lock;
    const rehash = outcome.ok && needsRehash(u) ? await hashSecret(password) : null;
    if (rehash || (lock && (lock.failedAttempts !== u.failedAttempts || lock.lockedUntil !== u.lockedUntil)))
      await db.users.put(await taggedUser({ ...u, ...(lock ?? {}), ...(rehash ?? {}) }));
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
  await putSession(session);
  return r;
}

