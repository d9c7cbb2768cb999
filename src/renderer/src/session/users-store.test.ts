import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS } from '@core/quality/accounts';
import { getDb } from '../store/db';
import { AccountError, addUser, authenticate, listUsers, resetPassword, setDisabled, setUpWorkstation, signInWithPassword } from './users-store';
import { CLERK_SESSION_KEY } from './session-store';

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
    expect(u).toMatchObject({ userId: 'S0001', role: 'supervisor', disabled: false, iterations: 100_000 });
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
    await addUser({ userId: 'C0042', name: '王晓梅', role: 'clerk', password: 'clerk-pass-1' }, 'S0001');
    const t0 = Date.UTC(2026, 10, 28, 2);
    for (let i = 0; i < 4; i++) expect(await authenticate('C0042', 'nope-nope', t0 + i)).toEqual({ ok: false, reason: 'unknownOrWrong' });
    expect(await authenticate('C0042', 'nope-nope', t0 + 5)).toMatchObject({ ok: false, reason: 'locked', lockedUntil: t0 + 5 + LOCKOUT_MS });
    expect(await authenticate('C0042', 'clerk-pass-1', t0 + 60_000)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await authenticate('C0042', 'clerk-pass-1', t0 + 5 + LOCKOUT_MS)).toMatchObject({ ok: true, user: { role: 'clerk' } });

    for (let i = 0; i < 5; i++) await authenticate('C0042', 'nope-nope', t0 + LOCKOUT_MS * 2);
    await resetPassword('C0042', 'new-pass-99');
    const r = await signInWithPassword({ userId: 'C0042', password: 'new-pass-99', windowNo: ' 7 ' }, new Date(t0 + LOCKOUT_MS * 2 + 1));
    expect(r.ok).toBe(true);
    expect((await getDb().settings.get(CLERK_SESSION_KEY))?.value).toMatchObject({ clerkId: 'C0042', name: '王晓梅', windowNo: '7', role: 'clerk' });
  });

  it('a disabled account cannot sign in; the last supervisor cannot be disabled', async () => {
    await setUpWorkstation(ws, { userId: 'S0001', name: '赵主任', password: 'first-pass-1' });
    await addUser({ userId: 'T0003', name: '孙老师', role: 'trainer', password: 'trainer-pass' }, 'S0001');
    await setDisabled('T0003', true);
    expect(await authenticate('T0003', 'trainer-pass')).toEqual({ ok: false, reason: 'disabled' });
    await expect(setDisabled('S0001', true)).rejects.toThrow('lastSupervisor');
    await setDisabled('T0003', false);
    expect((await authenticate('T0003', 'trainer-pass')).ok).toBe(true);
    expect((await listUsers()).map((u) => Object.keys(u))).not.toContainEqual(expect.arrayContaining(['hash']));
  });
});
