/**
 * Bearer tokens of workstations and departments.
 *
 * A token is 32 random bytes (base64url) behind a prefix saying whose it is:
 * `ow_ws_…` (workstation) or `ow_dp_…` (department), or `ow_os_…` for an officer's sign-in
 * session (officers.ts). Only its SHA-256 is stored; the
 * token is printed once by the admin CLI. Looking a token up by its hash leaks nothing
 * by timing (an attacker cannot steer the hash), and the hash found is compared again in
 * constant time all the same. A revoked token stops working on its next request.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../core/kernel';
import type { Queryable } from './db';
import { authenticateOfficer, type Officer } from './officers';

export type ActorKind = 'workstation' | 'department';

export type Actor =
  | { kind: 'workstation'; id: string; centreCode: string; code: string }
  /** `officer`: the signed-in person; absent when the department's system token acts. */
  | { kind: 'department'; id: string; name: string; officer?: Officer };

const PREFIX: Record<ActorKind, string> = { workstation: 'ow_ws_', department: 'ow_dp_' };
const TOKEN_RE = /^ow_(ws|dp|os)_[A-Za-z0-9_-]{43}$/;

export function newToken(kind: ActorKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Whose token this looks like (by its shape and prefix; nothing is looked up), or null. */
export function tokenKind(token: string): ActorKind | 'officer' | null {
  const m = TOKEN_RE.exec(token);
  return m ? (m[1] === 'ws' ? 'workstation' : m[1] === 'os' ? 'officer' : 'department') : null;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export type AuthResult =
  | { ok: true; actor: Actor }
  | { ok: false; code: 'missingToken' | 'invalidToken' | 'revokedToken' | 'sessionExpired'; message: string };

/** Who presents this token (null token = no header); `now` decides whether an officer's session has expired. */
export async function authenticate(db: Queryable, token: string | null, now: Date = new Date()): Promise<AuthResult> {
  if (!token) return { ok: false, code: 'missingToken', message: 'send the token as Authorization: Bearer <token>' };
  const m = TOKEN_RE.exec(token);
  if (!m) return { ok: false, code: 'invalidToken', message: 'the token is not valid' };
  if (m[1] === 'os') {
    const o = await authenticateOfficer(db, token, now);
    if (!o.ok) return o;
    return { ok: true, actor: { kind: 'department', id: o.officer.departmentCode, name: o.departmentName, officer: o.officer } };
  }
  const hash = hashToken(token);
  if (m[1] === 'ws') {
    const [row] = await db.query<{ id: string; centre_code: string; code: string; token_hash: string; revoked: boolean }>(
      'SELECT id, centre_code, code, token_hash, revoked_at IS NOT NULL AS revoked FROM workstations WHERE token_hash = $1',
      [hash],
      { name: 'ow_auth_workstation' },
    );
    if (!row || !sameHash(row.token_hash, hash)) return { ok: false, code: 'invalidToken', message: 'the token is not valid' };
    if (row.revoked) return { ok: false, code: 'revokedToken', message: 'the token has been revoked' };
    return { ok: true, actor: { kind: 'workstation', id: row.id, centreCode: row.centre_code, code: row.code } };
  }
  const [row] = await db.query<{ code: string; name: string; token_hash: string; revoked: boolean }>(
    'SELECT code, name, token_hash, revoked_at IS NOT NULL AS revoked FROM departments WHERE token_hash = $1',
    [hash],
    { name: 'ow_auth_department' },
  );
  if (!row || !sameHash(row.token_hash, hash)) return { ok: false, code: 'invalidToken', message: 'the token is not valid' };
  if (row.revoked) return { ok: false, code: 'revokedToken', message: 'the token has been revoked' };
  return { ok: true, actor: { kind: 'department', id: row.code, name: row.name } };
}
