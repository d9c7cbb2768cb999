import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCKOUT_MS } from '@core/quality/accounts';
import { getDb } from '../store/db';
import { AccountError, addUser, authenticate, listUsers, resetPassword, setDisabled, setUpWorkstation, signInWithPassword } from './users-store';
import { CLERK_SESSION_KEY, currentSession, PermissionError, putSession, requirePermission, type ClerkSession } from './session-store';
import { hashSecret, PBKDF2_ITERATIONS } from './password';
import { taggedUser } from '../store/record-tags';
import { loadServerConfig, saveServerConfigAsSupervisor } from '../sync/sync-store';

// every hash is PBKDF2 at 600,000 iterations (about half a second each here)
vi.setConfig({ testTimeout: 60_000 });

const session = (clerkId: string, role: ClerkSession['role']): ClerkSession => ({ clerkId, name: '赵主任', windowNo: '1', role, signedInAt: '2026-11-28T02:00:00.000Z' });
/** The supervisor signed in at the workstation, as the users page has it. */
const asSupervisor = () => putSession(session('S0001', 'supervisor'));

const ws = { centreCode: '330106', centreName: '示例市民中心', workstationCode: '7K' };

beforeEach(async () => {
  const db = getDb();
  await Promise.all([db.users.clear(), db.settings.clear()]);
});

describe('accounts', () => {
  it('first run creates the workstation and a supervisor, once; only a salted PBKDF2 hash is stored', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    await expect(setUpWorkstation(ws, { userId: 'S0002', name: '钱', password: 'first-pass-2' })).rejects.toThrow(AccountError);
    const [u] = await getDb().users.toArray();
    expect(u).toMatchObject({ userId: 'S0001', role: 'supervisor', disabled: false, iterations: PBKDF2_ITERATIONS });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000); // OWASP's figure for PBKDF2-HMAC-SHA256
    await asSupervisor();
    expect(JSON.stringify(u)).not.toContain('first-pass-1');
    expect(u!.salt).not.toBe('');
    await addUser({ userId: 'C0042', name: '王晓梅', role: 'clerk', password: 'first-pass-1' }, 'S0001');
    const both = await getDb().users.toArray();
    expect(both[0]!.salt).not.toBe(both[1]!.salt);
    expect(both[0]!.hash).not.toBe(both[1]!.hash);
    await expect(addUser({ userId: 'C0042', name: 'x', role: 'clerk', password: 'xxxxxxxx' }, 'S0001')).rejects.toThrow('exists');
  });

  it('signs in with the account role; five failures lock for five minutes by the passed-in clock; a reset lifts the lock', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    await asSupervisor();
    await addUser({ userId: 'C0042', name: '王晓梅', role: 'clerk', password: 'clerk-pass-1' }, 'S0001');
    const t0 = Date.UTC(2026, 10, 28, 2);
    for (let i = 0; i < 4; i++) expect(await authenticate('C0042', 'nope-nope', t0 + i)).toEqual({ ok: false, reason: 'unknownOrWrong' });
    expect(await authenticate('C0042', 'nope-nope', t0 + 5)).toMatchObject({ ok: false, reason: 'locked', lockedUntil: t0 + 5 + LOCKOUT_MS });
    expect(await authenticate('C0042', 'clerk-pass-1', t0 + 60_000)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await authenticate('C0042', 'clerk-pass-1', t0 + 5 + LOCKOUT_MS)).toMatchObject({ ok: true, user: { role: 'clerk' } });

    for (let i = 0; i < 5; i++) await authenticate('C0042', 'nope-nope', t0 + LOCKOUT_MS * 2);
    await asSupervisor();
    await resetPassword('C0042', 'new-pass-99');
    const r = await signInWithPassword({ userId: 'C0042', password: 'new-pass-99', windowNo: ' 7 ' }, new Date(t0 + LOCKOUT_MS * 2 + 1));
    expect(r.ok).toBe(true);
    expect((await getDb().settings.get(CLERK_SESSION_KEY))?.value).toMatchObject({ clerkId: 'C0042', name: '王晓梅', windowNo: '7', role: 'clerk' });
  });

  it('a disabled account cannot sign in; the last supervisor cannot be disabled', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    await asSupervisor();
    await addUser({ userId: 'T0003', name: '孙老师', role: 'trainer', password: 'trainer-pass' }, 'S0001');
    await setDisabled('T0003', true);
    expect(await authenticate('T0003', 'trainer-pass')).toEqual({ ok: false, reason: 'disabled' });
    await expect(setDisabled('S0001', true)).rejects.toThrow('lastSupervisor');
    await setDisabled('T0003', false);
    expect((await authenticate('T0003', 'trainer-pass')).ok).toBe(true);
    expect((await listUsers()).map((u) => Object.keys(u))).not.toContainEqual(expect.arrayContaining(['hash']));
  });
});

describe('roles enforced below the UI', () => {
  it('adding, resetting and disabling accounts need a signed-in supervisor, whatever the caller passes', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    const add = () => addUser({ userId: 'C0099', name: '冒名', role: 'supervisor', password: 'sneaky-pass' }, 'S0001');
    await expect(add()).rejects.toMatchObject({ code: 'notSignedIn' });
    await putSession(session('C0042', 'clerk'));
    await expect(add()).rejects.toThrow(PermissionError);
    await expect(resetPassword('S0001', 'taken-over-1')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setDisabled('S0001', true)).rejects.toMatchObject({ code: 'forbidden' });
    await putSession(session('T0003', 'trainer'));
    await expect(add()).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listUsers()).map((u) => u.userId)).toEqual(['S0001']);
    expect((await authenticate('S0001', 'first-pass-1')).ok).toBe(true); // the supervisor's password is unchanged
    // a locked screen may do nothing either
    await putSession({ ...session('S0001', 'supervisor'), locked: true });
    await expect(add()).rejects.toMatchObject({ code: 'locked' });
  });

  it('a session whose role was edited in IndexedDB is signed out', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    await asSupervisor();
    await addUser({ userId: 'C0042', name: '王晓梅', role: 'clerk', password: 'clerk-pass-1' });
    expect((await signInWithPassword({ userId: 'C0042', password: 'clerk-pass-1', windowNo: '7' })).ok).toBe(true);
    const stored = (await getDb().settings.get(CLERK_SESSION_KEY))!.value as Record<string, unknown>;
    await getDb().settings.put({ key: CLERK_SESSION_KEY, value: { ...stored, role: 'supervisor' } });
    await expect(requirePermission('manageUsers')).rejects.toMatchObject({ code: 'notSignedIn' });
    expect(await getDb().settings.get(CLERK_SESSION_KEY)).toBeUndefined();
    // a session written by hand without a tag is no better
    await getDb().settings.put({ key: CLERK_SESSION_KEY, value: { ...stored, role: 'supervisor', tag: undefined } });
    expect(await currentSession()).toBeNull();
  });

  it('an account record edited in IndexedDB cannot sign in: a raised role, a lockout count set back, an account added by hand', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    await asSupervisor();
    await addUser({ userId: 'C0042', name: '王晓梅', role: 'clerk', password: 'clerk-pass-1' });
    const db = getDb();
    const clerk = (await db.users.get('C0042'))!;
    await db.users.put({ ...clerk, role: 'supervisor' });
    expect(await authenticate('C0042', 'clerk-pass-1')).toEqual({ ok: false, reason: 'tampered' });

    // the lockout count: five failures lock; putting the counter back to 0 does not unlock
    await db.users.put(clerk);
    const t0 = Date.UTC(2026, 10, 28, 2);
    for (let i = 0; i < 5; i++) await authenticate('C0042', 'nope-nope', t0);
    const locked = (await db.users.get('C0042'))!;
    expect(locked.lockedUntil).toBe(t0 + LOCKOUT_MS);
    await db.users.put({ ...locked, failedAttempts: 0, lockedUntil: 0 });
    expect(await authenticate('C0042', 'clerk-pass-1', t0 + 1)).toEqual({ ok: false, reason: 'tampered' });

    // an account added by hand (with a hash the attacker made), tag or no tag
    const forged = { ...clerk, userId: 'X0001', role: 'supervisor' as const, ...(await hashSecret('forged-pass', 1000)) };
    await db.users.put({ ...forged, tag: undefined });
    expect(await authenticate('X0001', 'forged-pass')).toEqual({ ok: false, reason: 'tampered' });
    await db.users.put({ ...forged, tag: clerk.tag });
    expect(await authenticate('X0001', 'forged-pass')).toEqual({ ok: false, reason: 'tampered' });

    // a supervisor's reset makes the edited record whole again — with the least role, never the edited one
    await db.users.put({ ...(await db.users.get('C0042'))!, role: 'supervisor' });
    await resetPassword('C0042', 'clerk-pass-2');
    expect(await authenticate('C0042', 'clerk-pass-2', t0 + 2)).toMatchObject({ ok: true, user: { role: 'clerk' } });
    await db.users.put({ ...(await db.users.get('C0042'))!, role: 'trainer' });
    await setDisabled('C0042', false);
    expect((await db.users.get('C0042'))!.role).toBe('clerk');
  });

  it('an older hash (100,000 iterations) is made again at today’s count at the next successful sign-in', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    const db = getDb();
    const u = (await db.users.get('S0001'))!;
    await db.users.put(await taggedUser({ ...u, ...(await hashSecret('first-pass-1', 100_000)) }));
    expect(await authenticate('S0001', 'wrong-pass-1')).toMatchObject({ ok: false });
    expect((await db.users.get('S0001'))!.iterations).toBe(100_000); // not on a failure
    expect((await authenticate('S0001', 'first-pass-1')).ok).toBe(true);
    const after = (await db.users.get('S0001'))!;
    expect(after.iterations).toBe(PBKDF2_ITERATIONS);
    expect(after.hash).not.toBe(u.hash);
    expect((await authenticate('S0001', 'first-pass-1')).ok).toBe(true);
  });
});

describe('the sync server below the UI', () => {
  it('only a signed-in supervisor saves the server address and token', async () => {
    const config = { serverUrl: 'https://ow.example.gov.cn', token: 'ow_ws_0123456789abcdef', savedAt: '2026-12-07T02:00:00.000Z' };
    await expect(saveServerConfigAsSupervisor(config)).rejects.toThrow(PermissionError); // nobody signed in
    await putSession(session('C0042', 'clerk'));
    await expect(saveServerConfigAsSupervisor(config)).rejects.toThrow(PermissionError);
    expect(await loadServerConfig()).toBeNull();
    await asSupervisor();
    await saveServerConfigAsSupervisor(config);
    expect(await loadServerConfig()).toMatchObject({ serverUrl: config.serverUrl, token: config.token });
  });
});
