/**
 * Department officers (部门经办人): personal accounts, so every claim and decision names the
 * person who made it instead of a name the caller declares.
 *
 * - Passwords: scrypt (N = 2^15, r = 8, p = 1, 16-byte salt, 32-byte key; RFC 7914, node:crypto),
 *   stored as `scrypt$N$r$p$salt$key` (base64url) so the cost can rise later.
 * - Sign-in: 工号 + 密码 → a session token `ow_os_…` (32 random bytes), only its SHA-256 stored,
 *   valid SESSION_HOURS, ended by sign-out or by an administrator (disable, reset, revoke).
 * - Lockout: LOCK_AFTER consecutive failures lock sign-in for LOCK_MINUTES. An unknown 工号
 *   costs the same scrypt as a known one, so timing does not tell which numbers exist.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sha256Hex } from '../core/kernel';
import type { Db, Queryable } from './db';
import { ApiProblem } from './problem';

export const SESSION_HOURS = 12;
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 10;

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
// 128·N·r = 32 MiB for these parameters; Node's default ceiling is exactly that, so raise it.
const MAXMEM = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: MAXMEM };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const want = Buffer.from(key, 'base64url');
  const got = await scrypt(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Burnt on an unknown 工号 so that a miss takes as long as a wrong password. */
let dummyHash: Promise<string> | null = null;

/** SHA-256 (hex) of a session token, as auth.ts hashes every bearer token. */
const hashToken = (token: string): string => sha256Hex(token);

export function newSessionToken(): string {
  return 'ow_os_' + randomBytes(32).toString('base64url');
}

export interface Officer {
  id: number;
  staffNo: string;
  name: string;
  departmentCode: string;
}

/** Why a password is not acceptable (null when it is). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位 / a password has at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return '密码最多 200 位 / at most 200 characters';
  return null;
}

export const STAFF_NO_PATTERN = /^[A-Za-z0-9_-]{2,32}$/;

// ---- sign-in ----------------------------------------------------------------------------------

export interface SignedIn {
  token: string;
  expiresAt: string;
  officer: Officer & { departmentName: string };
}

const FAILED = () => new ApiProblem(401, 'signInFailed', 'the staff number or the password is wrong');

/**
 * 工号 + 密码 → a new session. 401 `signInFailed` for an unknown number or a wrong password
 * (the same answer for both), 403 `lockedOut` while locked (with the minutes left), 403
 * `accountDisabled` for a disabled account or department (only once the password is right).
 */
export async function signIn(db: Db, staffNo: string, password: string, now: Date): Promise<SignedIn> {
  const [o] = await db.query<{
    id: number;
    staff_no: string;
    name: string;
    department_code: string;
    department_name: string;
    password_hash: string;
    locked_until: Date | null;
    disabled: boolean;
  }>(
    `SELECT o.id, o.staff_no, o.name, o.department_code, d.name AS department_name, o.password_hash, o.locked_until,
            (o.disabled_at IS NOT NULL OR d.revoked_at IS NOT NULL) AS disabled
     FROM officers o JOIN departments d ON d.code = o.department_code WHERE o.staff_no = $1`,
    [staffNo],
  );
  if (!o) {
    dummyHash ??= hashPassword(randomBytes(12).toString('base64url'));
    await verifyPassword(password, await dummyHash);
    throw FAILED();
  }
  if (o.locked_until && o.locked_until.getTime() > now.getTime()) {
    const minutes = Math.ceil((o.locked_until.getTime() - now.getTime()) / 60_000);
    throw new ApiProblem(403, 'lockedOut', `too many failed sign-ins; try again in ${minutes} min or ask an administrator to reset the password`, undefined, {
      'Retry-After': String(minutes * 60),
    });
  }
  if (!(await verifyPassword(password, o.password_hash))) {
    // Counted in one statement, so concurrent wrong guesses cannot undercount.
    await db.query(
      `UPDATE officers SET failed_attempts = failed_attempts + 1,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz + make_interval(mins => $4) ELSE locked_until END
       WHERE id = $1`,
      [o.id, LOCK_AFTER, now, LOCK_MINUTES],
    );
    throw FAILED();
  }
  if (o.disabled) throw new ApiProblem(403, 'accountDisabled', 'this account is disabled; ask an administrator');
  const token = newSessionToken();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE officers SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [o.id]);
    await tx.query('INSERT INTO officer_sessions (token_hash, officer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      hashToken(token),
      o.id,
      now,
      expires,
    ]);
  });
  return {
    token,
    expiresAt: expires.toISOString(),
    officer: { id: Number(o.id), staffNo: o.staff_no, name: o.name, departmentCode: o.department_code, departmentName: o.department_name },
  };
}

/** Ends the session of this token (sign-out); true when it was live. */
export async function signOut(db: Queryable, token: string, now: Date): Promise<boolean> {
  const rows = await db.query('UPDATE officer_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING 1', [hashToken(token), now]);
  return rows.length > 0;
}

export type OfficerAuth =
  | { ok: true; officer: Officer; departmentName: string }
  | { ok: false; code: 'invalidToken' | 'revokedToken' | 'sessionExpired'; message: string };

/** Who holds this session token: a live session of an enabled officer of a live department. */
export async function authenticateOfficer(db: Queryable, token: string, now: Date): Promise<OfficerAuth> {
  const [s] = await db.query<{
    id: number;
    staff_no: string;
    name: string;
    department_code: string;
    department_name: string;
    expires_at: Date;
    revoked: boolean;
  }>(
    `SELECT o.id, o.staff_no, o.name, o.department_code, d.name AS department_name, s.expires_at,
            (s.revoked_at IS NOT NULL OR o.disabled_at IS NOT NULL OR d.revoked_at IS NOT NULL) AS revoked
     FROM officer_sessions s JOIN officers o ON o.id = s.officer_id JOIN departments d ON d.code = o.department_code
     WHERE s.token_hash = $1`,
    [hashToken(token)],
    { name: 'ow_auth_officer' },
  );
  if (!s) return { ok: false, code: 'invalidToken', message: 'the token is not valid' };
  if (s.revoked) return { ok: false, code: 'revokedToken', message: 'the session has ended; sign in again' };
  if (s.expires_at.getTime() <= now.getTime()) return { ok: false, code: 'sessionExpired', message: 'the session has expired; sign in again' };
  return {
    ok: true,
    officer: { id: Number(s.id), staffNo: s.staff_no, name: s.name, departmentCode: s.department_code },
    departmentName: s.department_name,
  };
}

/** The lease owner an officer's claims carry: name and 工号, unique (two officers may share a name). */
export function officerLabel(o: Pick<Officer, 'name' | 'staffNo'>): string {
  return `${o.name}（${o.staffNo}）`;
}
