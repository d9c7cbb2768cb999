import { describe, expect, it } from 'vitest';
import { afterFailure, canDisable, isLocked, lockMinutesLeft, LOCKOUT_MS, MAX_FAILED_ATTEMPTS, passwordProblem, signInOutcome, UNLOCKED } from './accounts';

describe('lockout', () => {
  it('locks after five wrong passwords in a row, for five minutes', () => {
    let s = UNLOCKED;
    const t0 = 1_000_000;
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      s = afterFailure(s, t0 + i);
      expect(isLocked(s, t0 + i)).toBe(false);
      expect(s.failedAttempts).toBe(i);
    }
    s = afterFailure(s, t0 + 10);
    expect(isLocked(s, t0 + 10)).toBe(true);
    expect(lockMinutesLeft(s, t0 + 10)).toBe(5);
    expect(isLocked(s, t0 + 10 + LOCKOUT_MS - 1)).toBe(true);
    expect(isLocked(s, t0 + 10 + LOCKOUT_MS)).toBe(false);
  });

  it('a locked account refuses even the right password until the lock runs out, then counts afresh', () => {
    const t0 = 5_000_000;
    let lock = UNLOCKED;
    for (let i = 0; i < 5; i++) {
      const r = signInOutcome({ disabled: false, lock }, false, t0);
      expect(r.ok).toBe(false);
      lock = r.ok ? lock : r.lock ?? lock;
    }
    expect(signInOutcome({ disabled: false, lock }, true, t0 + 60_000)).toMatchObject({ ok: false, reason: 'locked' });
    const later = t0 + LOCKOUT_MS + 1;
    // one more wrong password after the lock: counts as the first of a new run
    const r = signInOutcome({ disabled: false, lock }, false, later);
    expect(r).toMatchObject({ ok: false, reason: 'unknownOrWrong', lock: { failedAttempts: 1, lockedUntil: 0 } });
    expect(signInOutcome({ disabled: false, lock }, true, later)).toEqual({ ok: true, lock: UNLOCKED });
  });

  it('unknown ID and wrong password look the same; a disabled account is refused only with its right password', () => {
    expect(signInOutcome(null, false, 0)).toEqual({ ok: false, reason: 'unknownOrWrong' });
    expect(signInOutcome({ disabled: true, lock: UNLOCKED }, false, 0)).toMatchObject({ ok: false, reason: 'unknownOrWrong' });
    expect(signInOutcome({ disabled: true, lock: UNLOCKED }, true, 0)).toMatchObject({ ok: false, reason: 'disabled' });
  });
});

describe('passwords and accounts', () => {
  it('refuses short, long and mistyped passwords', () => {
    expect(passwordProblem('short')).toBe('tooShort');
    expect(passwordProblem('x'.repeat(200))).toBe('tooLong');
    expect(passwordProblem('longenough', 'longenougH')).toBe('mismatch');
    expect(passwordProblem('longenough', 'longenough')).toBeNull();
  });

  it('the last enabled supervisor cannot be disabled', () => {
    const a = [
      { userId: 'S1', name: '甲', role: 'supervisor' as const, disabled: false },
      { userId: 'S2', name: '乙', role: 'supervisor' as const, disabled: true },
      { userId: 'C1', name: '丙', role: 'clerk' as const, disabled: false },
    ];
    expect(canDisable(a, 'S1')).toBe(false);
    expect(canDisable(a, 'C1')).toBe(true);
    expect(canDisable(a, 'S2')).toBe(false);
    expect(canDisable([...a, { userId: 'S3', name: '丁', role: 'supervisor', disabled: false }], 'S1')).toBe(true);
  });
});
