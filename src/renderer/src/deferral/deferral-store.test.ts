import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../store/db';
import { loadPolicy, loadSupervisors, PBKDF2_ITERATIONS, isValidPin, removeSupervisor, savePolicy, saveSupervisor, verifySupervisor } from './deferral-store';

describe('supervisors', () => {
  it('stores only a salted PBKDF2-SHA256 hash and checks ID + PIN', async () => {
    await saveSupervisor({ supervisorId: 'S001', name: '赵主任', pin: '246810' });
    await saveSupervisor({ supervisorId: 'S002', name: '钱主任', pin: '246810' });
    const stored = await loadSupervisors();
    expect(stored.map((s) => s.supervisorId)).toEqual(['S001', 'S002']);
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(stored[0]!.iterations).toBe(PBKDF2_ITERATIONS);
    expect(stored[0]!.salt).not.toBe(stored[1]!.salt);
    expect(stored[0]!.hash).not.toBe(stored[1]!.hash); // same PIN, different salt
    expect((await verifySupervisor('S001', '246810'))?.name).toBe('赵主任');
    expect(await verifySupervisor('S001', '246811')).toBeNull();
    expect(await verifySupervisor('S999', '246810')).toBeNull();
    // re-registering replaces the PIN
    await saveSupervisor({ supervisorId: 'S001', name: '赵主任', pin: '13579135' });
    expect(await verifySupervisor('S001', '246810')).toBeNull();
    expect(await verifySupervisor('S001', '13579135')).not.toBeNull();
    await removeSupervisor('S002');
    expect((await loadSupervisors()).map((s) => s.supervisorId)).toEqual(['S001']);
  });

  it('a PIN is at least 6 digits', () => {
    expect(isValidPin('12345')).toBe(false);
    expect(isValidPin('12345a')).toBe(false);
    expect(isValidPin('123456')).toBe(true);
  });

  it('the approval policy defaults to off and is kept', async () => {
    expect(await loadPolicy()).toEqual({ requireSupervisorApproval: false });
    await savePolicy({ requireSupervisorApproval: true });
    expect(await loadPolicy()).toEqual({ requireSupervisorApproval: true });
    expect(getDb().verno).toBeGreaterThanOrEqual(5);
    expect(getDb().tables.map((t) => t.name)).toContain('supplements');
  });
});
