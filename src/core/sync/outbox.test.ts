import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH } from './protocol';
import {
  BACKOFF,
  backoffCeilingMs,
  backoffDelayMs,
  countByState,
  dueEntries,
  enqueueDecidedCase,
  isDue,
  NOT_SCHEDULED,
  nextWakeAt,
  onLocalInvalid,
  onNetworkError,
  onPushResult,
  onSendStarted,
  OutboxTransitionError,
  planBatch,
  recoverInterrupted,
  retryNow,
  type OutboxEntry,
} from './outbox';

const T0 = Date.parse('2026-11-30T01:00:00Z');
const HASH = 'a'.repeat(64);

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function queued(n = 1, at = T0): OutboxEntry {
  const r = enqueueDecidedCase({ id: uuid(n), status: 'accepted', caseNumber: `330106-261130-7K${String(n).padStart(4, '0')}-X` }, false, at);
  if (!r.ok) throw new Error('not enqueued');
  return r.entry;
}

describe('enqueueDecidedCase', () => {
  it('queues a decided case, due at once, with its hash still to compute', () => {
    const e = queued();
    expect(e).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: 0, contentHash: null, enqueuedAt: T0, lastError: null, needsFix: null });
    expect(isDue(e, T0)).toBe(true);
  });
  it('refuses a training case: practice data never leaves the workstation', () => {
    expect(enqueueDecidedCase({ id: uuid(1), status: 'accepted', caseNumber: 'N' }, true, T0)).toEqual({ ok: false, reason: 'training' });
  });
  it('refuses a case that is marked training itself, even when the caller says live', () => {
    expect(enqueueDecidedCase({ id: uuid(1), status: 'accepted', caseNumber: 'N', training: true } as never, false, T0)).toEqual({ ok: false, reason: 'training' });
    // a training case number (reserved workstation code PX)
    expect(enqueueDecidedCase({ id: uuid(1), status: 'accepted', caseNumber: '330106-261130-PX0001-9' }, false, T0)).toEqual({ ok: false, reason: 'training' });
  });
  it('refuses a draft', () => {
    expect(enqueueDecidedCase({ id: uuid(1), status: 'draft' }, false, T0)).toEqual({ ok: false, reason: 'notDecided' });
  });
});

describe('transitions', () => {
  it('queued → sending counts the attempt and records the hash sent', () => {
    const s = onSendStarted(queued(), T0 + 5, HASH);
    expect(s).toMatchObject({ state: 'sending', attempts: 1, contentHash: HASH, nextAttemptAt: NOT_SCHEDULED, updatedAt: T0 + 5 });
    expect(isDue(s, T0 + 10 ** 9)).toBe(false);
  });

  it('sending → acknowledged on stored, keeping the departments', () => {
    const a = onPushResult(onSendStarted(queued(), T0, HASH), { outcome: 'stored', departments: ['SCJG', 'WJW'] }, T0 + 100);
    expect(a).toMatchObject({ state: 'acknowledged', acknowledgedAt: T0 + 100, departments: ['SCJG', 'WJW'], lastError: null });
  });

  it('sending → acknowledged on alreadyHave (an answer lost before)', () => {
    const a = onPushResult(onSendStarted(queued(), T0, HASH), { outcome: 'alreadyHave' }, T0 + 100);
    expect(a.state).toBe('acknowledged');
  });

  for (const outcome of ['invalid', 'conflict', 'refused'] as const) {
    it(`sending → needsFix on ${outcome}, with the reason and paths`, () => {
      const n = onPushResult(onSendStarted(queued(), T0, HASH), { outcome, reason: `why ${outcome}`, paths: ['case.applicant.phone'] }, T0 + 100);
      expect(n).toMatchObject({ state: 'needsFix', lastError: `why ${outcome}`, nextAttemptAt: NOT_SCHEDULED });
      expect(n.needsFix).toEqual({ outcome, reason: `why ${outcome}`, paths: ['case.applicant.phone'] });
      expect(isDue(n, T0 + 10 ** 12)).toBe(false);
    });
  }

  it('a needsFix without a reason names the outcome', () => {
    const n = onPushResult(onSendStarted(queued(), T0, HASH), { outcome: 'refused' }, T0);
    expect(n.needsFix?.reason).toBe('refused');
  });

  it('sending → retry on a network error, due after the backoff', () => {
    const r = onNetworkError(onSendStarted(queued(), T0, HASH), T0 + 10, 0.5, 'timeout');
    expect(r).toMatchObject({ state: 'retry', lastError: 'timeout', nextAttemptAt: T0 + 10 + 1_000 });
    expect(isDue(r, T0 + 1_009)).toBe(false);
    expect(isDue(r, T0 + 1_010)).toBe(true);
  });

  it('retry → sending → retry grows the backoff ceiling', () => {
    let e = queued();
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      e = onSendStarted(e, T0, HASH);
      e = onNetworkError(e, T0, 0.999999);
      delays.push(e.nextAttemptAt - T0);
    }
    expect(e.attempts).toBe(12);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[0]).toBeLessThan(2_000);
    expect(delays.at(-1)).toBeLessThan(BACKOFF.capMs);
    expect(delays.at(-1)).toBeGreaterThan(BACKOFF.capMs - 10);
  });

  it('retryNow: retry → queued, due at once, attempts kept', () => {
    const r = onNetworkError(onSendStarted(queued(), T0, HASH), T0, 0.9);
    const q = retryNow(r, T0 + 1);
    expect(q).toMatchObject({ state: 'queued', nextAttemptAt: 0, attempts: 1, contentHash: HASH });
    expect(isDue(q, T0 + 1)).toBe(true);
  });

  it('retryNow: needsFix → queued, reason cleared, backoff and hash afresh', () => {
    const n = onPushResult(onSendStarted(queued(), T0, HASH), { outcome: 'conflict', reason: 'different content' }, T0);
    const q = retryNow(n, T0 + 1);
    expect(q).toMatchObject({ state: 'queued', attempts: 0, needsFix: null, contentHash: null });
    expect(q.lastError).toBe('different content'); // still shown until the next attempt settles
  });

  it('recoverInterrupted puts a sending entry back in the queue and leaves others alone', () => {
    const s = onSendStarted(queued(), T0, HASH);
    expect(recoverInterrupted(s, T0 + 1)).toMatchObject({ state: 'queued', nextAttemptAt: 0, attempts: 1 });
    const a = onPushResult(s, { outcome: 'stored' }, T0);
    expect(recoverInterrupted(a, T0 + 1)).toBe(a);
  });

  it('onLocalInvalid marks a case the workstation cannot send', () => {
    const n = onLocalInvalid(queued(), 'case.applicant: required', ['case.applicant'], T0);
    expect(n.needsFix).toEqual({ outcome: 'invalid', reason: 'case.applicant: required', paths: ['case.applicant'], local: true });
  });

  it('refuses transitions from the wrong state', () => {
    const q = queued();
    expect(() => onPushResult(q, { outcome: 'stored' }, T0)).toThrow(OutboxTransitionError);
    expect(() => onNetworkError(q, T0, 0)).toThrow(OutboxTransitionError);
    const s = onSendStarted(q, T0, HASH);
    expect(() => onSendStarted(s, T0)).toThrow(OutboxTransitionError);
    expect(() => retryNow(s, T0)).toThrow(OutboxTransitionError);
    const a = onPushResult(s, { outcome: 'stored' }, T0);
    expect(() => onSendStarted(a, T0)).toThrow(OutboxTransitionError);
    expect(() => retryNow(a, T0)).toThrow(OutboxTransitionError);
  });

  it('transitions never mutate their input', () => {
    const q = Object.freeze(queued());
    const s = Object.freeze(onSendStarted(q, T0, HASH));
    onPushResult(s, { outcome: 'stored' }, T0);
    onNetworkError(s, T0, 0.3);
    expect(q.state).toBe('queued');
    expect(s.state).toBe('sending');
  });
});

describe('backoff: full jitter, base 2 s, factor 2, cap 10 min', () => {
  it('with random 0 the delay is 0 (full jitter) at every attempt', () => {
    for (const n of [1, 2, 5, 30, 1000]) expect(backoffDelayMs(n, 0)).toBe(0);
  });
  it('with random → 1 the delay approaches the ceiling and never reaches it', () => {
    expect(backoffDelayMs(1, 1)).toBe(1_999);
    expect(backoffDelayMs(2, 1)).toBe(3_999);
    expect(backoffDelayMs(3, 1)).toBe(7_999);
    expect(backoffDelayMs(50, 1)).toBe(BACKOFF.capMs - 1);
    expect(backoffDelayMs(10_000, 1)).toBe(BACKOFF.capMs - 1); // no overflow
  });
  it('the ceiling doubles from 2 s and stops at 10 min', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 10, 11].map((n) => backoffCeilingMs(n))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 256_000, 512_000, 600_000, 600_000]);
    expect(backoffCeilingMs(0)).toBe(2_000);
  });
  it('a random number out of range is clamped', () => {
    expect(backoffDelayMs(1, -3)).toBe(0);
    expect(backoffDelayMs(1, 7)).toBe(1_999);
    expect(backoffDelayMs(1, Number.NaN)).toBe(0);
  });
  it('stays within [0, ceiling) for many random draws', () => {
    for (let n = 1; n < 20; n++)
      for (let i = 0; i <= 100; i++) {
        const d = backoffDelayMs(n, i / 100);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(backoffCeilingMs(n));
      }
  });
});

describe('selection', () => {
  it('dueEntries: queued and retries whose time has come, oldest first', () => {
    const a = queued(1, T0 + 3);
    const b = onNetworkError(onSendStarted(queued(2, T0), T0, HASH), T0, 0.5); // due at T0+1000
    const c = onNetworkError(onSendStarted(queued(3, T0), T0, HASH), T0, 0.999); // due at ~T0+2000
    const d = onPushResult(onSendStarted(queued(4), T0, HASH), { outcome: 'stored' }, T0);
    const e = onPushResult(onSendStarted(queued(5), T0, HASH), { outcome: 'invalid', reason: 'x' }, T0);
    const f = onSendStarted(queued(6), T0, HASH);
    expect(dueEntries([c, a, b, d, e, f], T0 + 1_500).map((x) => x.caseId)).toEqual([a.caseId, b.caseId]);
    expect(dueEntries([c, a, b, d, e, f], T0 + 5_000).map((x) => x.caseId)).toEqual([a.caseId, b.caseId, c.caseId]);
  });

  it('planBatch takes at most max, and never more than the protocol allows', () => {
    const many = Array.from({ length: 240 }, (_, i) => queued(i + 1, T0 + i));
    expect(planBatch(many, T0, 10)).toHaveLength(10);
    expect(planBatch(many, T0, 10).map((e) => e.enqueuedAt)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + i));
    expect(planBatch(many, T0, 500)).toHaveLength(MAX_PUSH_BATCH);
    expect(planBatch(many, T0)).toHaveLength(MAX_PUSH_BATCH);
    expect(planBatch(many, T0, 0)).toHaveLength(0);
  });

  it('one bad case never blocks the others: the batch after a needsFix carries on with the rest', () => {
    let entries = Array.from({ length: 5 }, (_, i) => queued(i + 1, T0 + i));
    // the first batch: case 1 is poisoned, the rest are stored
    const batch = planBatch(entries, T0, 5).map((e) => onSendStarted(e, T0, HASH));
    entries = batch.map((e, i) => onPushResult(e, i === 0 ? { outcome: 'invalid', reason: 'bad phone' } : { outcome: 'stored' }, T0 + 1));
    expect(countByState(entries)).toMatchObject({ needsFix: 1, acknowledged: 4 });
    // new cases arrive: they are due, the poisoned one is not
    entries = [...entries, queued(6, T0 + 10), queued(7, T0 + 11)];
    expect(planBatch(entries, T0 + 20, 50).map((e) => e.caseId)).toEqual([uuid(6), uuid(7)]);
  });

  it('a poisoned case that keeps failing on the network never holds back newer cases', () => {
    let poisoned = queued(1, T0);
    for (let i = 0; i < 6; i++) poisoned = onNetworkError(onSendStarted(poisoned, T0, HASH), T0, 0.99);
    const fresh = queued(2, T0 + 1);
    expect(planBatch([poisoned, fresh], T0 + 2, 50).map((e) => e.caseId)).toEqual([uuid(2)]);
  });

  it('nextWakeAt: 0 when something is queued, the earliest retry otherwise, null when idle', () => {
    const r1 = onNetworkError(onSendStarted(queued(1), T0, HASH), T0, 0.5);
    const r2 = onNetworkError(onSendStarted(queued(2), T0, HASH), T0, 0.1);
    expect(nextWakeAt([r1, r2])).toBe(r2.nextAttemptAt);
    expect(nextWakeAt([r1, queued(3)])).toBe(0);
    expect(nextWakeAt([onPushResult(onSendStarted(queued(4), T0, HASH), { outcome: 'stored' }, T0)])).toBeNull();
  });

  it('countByState', () => {
    const s = onSendStarted(queued(2), T0, HASH);
    expect(countByState([queued(1), s])).toEqual({ queued: 1, sending: 1, acknowledged: 0, retry: 0, needsFix: 0, total: 2 });
  });
});
