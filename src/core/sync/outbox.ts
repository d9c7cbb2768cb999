/**
 * The workstation's outbox: one entry per decided case, moved by pure transitions.
 *
 * ```
 *   enqueue ──▶ queued ──onSendStarted──▶ sending ──onPushResult(stored | alreadyHave)──▶ acknowledged
 *                 ▲                          │
 *                 │                          ├─onPushResult(invalid | conflict | refused)──▶ needsFix
 *              retryNow                      │                                                  │
 *                 │                          └─onNetworkError──▶ retry ──(due)──onSendStarted──▶ sending
 *                 └──────────── (clerk) ──────────────────────────────────────── retry / needsFix
 * ```
 *
 * - `retry` waits with exponential backoff and full jitter: a delay drawn uniformly from
 *   [0, min(cap, base·factor^(attempts−1))) with base 2 s, factor 2, cap 10 min. The random
 *   number (0 ≤ r < 1) is passed in, so the tests can pin both ends.
 * - `needsFix` carries the server's reason; it is never sent again on its own (the clerk
 *   looks at it and presses "retry now"), and it never holds back any other entry: every
 *   transition touches one entry only, and `planBatch` picks the due ones.
 * - `sending` is persisted, so an entry caught by a crash or a closed window is recovered
 *   with `recoverInterrupted` (back to queued: the server is idempotent on id + hash).
 * - A training case is never queued (`enqueueDecidedCase` refuses it).
 *
 * Times are epoch milliseconds passed in by the caller (no clock in core). `contentHash`
 * is the SHA-256 of `canonicalJson(case)`; it is null until the sync engine computes it
 * (WebCrypto is asynchronous and may not run inside the IndexedDB transaction that
 * records the decision and enqueues the case — see src/renderer/src/sync/README.md).
 */
import type { PushOutcome, PushResult } from './protocol';
import { MAX_PUSH_BATCH } from './protocol';
import { isTrainingCase } from '../training/isolation';

export const OutboxState = ['queued', 'sending', 'acknowledged', 'retry', 'needsFix'] as const;
export type OutboxState = (typeof OutboxState)[number];

/** Why a case needs the clerk: the server's verdict (or the workstation's own check, `local: true`). */
export interface NeedsFix {
  outcome: Extract<PushOutcome, 'invalid' | 'conflict' | 'refused'>;
  reason: string;
  paths: string[];
  /** The workstation found the case unsendable itself (it failed the protocol schema). */
  local?: boolean;
}

export interface OutboxEntry {
  caseId: string;
  /** For lists; the case number printed on the documents. */
  caseNumber: string;
  state: OutboxState;
  /** Send attempts so far (incremented by onSendStarted). */
  attempts: number;
  /** When the entry may be sent next (epoch ms). 0 while queued; Infinity-like (MAX) when not scheduled. */
  nextAttemptAt: number;
  /** The last problem, in words for the Sync page (network error, HTTP status, server reason). */
  lastError: string | null;
  needsFix: NeedsFix | null;
  /** SHA-256 hex of canonicalJson(case); null until computed by the sync engine. */
  contentHash: string | null;
  enqueuedAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  /** Departments the server dispatched the case to (stored only). */
  departments: string[];
}

/** nextAttemptAt of an entry that is not waiting to be sent (acknowledged, needsFix, sending). */
export const NOT_SCHEDULED = Number.MAX_SAFE_INTEGER;

export const BACKOFF = { baseMs: 2_000, factor: 2, capMs: 10 * 60_000 } as const;

/** The upper bound of the jittered delay after `attempts` failed attempts (≥ 1). */
export function backoffCeilingMs(attempts: number, b: typeof BACKOFF = BACKOFF): number {
  const n = Math.max(1, Math.floor(attempts));
  // factor^(n-1) overflows to Infinity for large n; min() keeps the cap.
  return Math.min(b.capMs, b.baseMs * Math.pow(b.factor, n - 1));
}

/** Full jitter: uniform in [0, ceiling). `random` is clamped into [0, 1). */
export function backoffDelayMs(attempts: number, random: number, b: typeof BACKOFF = BACKOFF): number {
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1 - Number.EPSILON) : 0;
  return Math.floor(r * backoffCeilingMs(attempts, b));
}

// ---- enqueue -------------------------------------------------------------------------

export type EnqueueResult = { ok: true; entry: OutboxEntry } | { ok: false; reason: 'training' | 'notDecided' };

/**
 * The outbox entry of a case just decided. Refuses a training case (practice data never
 * leaves the workstation) — whether the caller says so (`training`, the workspace's mode)
 * or the case does (`training: true`, a PX training case number: isTrainingCase) — and a
 * draft (only decided cases are sent).
 */
export function enqueueDecidedCase(c: { id: string; status: string; caseNumber?: string | undefined }, training: boolean, now: number): EnqueueResult {
  if (training || isTrainingCase(c)) return { ok: false, reason: 'training' };
  if (c.status === 'draft' || !c.caseNumber) return { ok: false, reason: 'notDecided' };
  return {
    ok: true,
    entry: {
      caseId: c.id,
      caseNumber: c.caseNumber,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      needsFix: null,
      contentHash: null,
      enqueuedAt: now,
      updatedAt: now,
      acknowledgedAt: null,
      departments: [],
    },
  };
}

// ---- transitions ---------------------------------------------------------------------

export class OutboxTransitionError extends RangeError {}

function expect(entry: OutboxEntry, allowed: readonly OutboxState[], what: string): void {
  if (!allowed.includes(entry.state)) throw new OutboxTransitionError(`${what}: entry ${entry.caseId} is ${entry.state}`);
}

/** queued | retry → sending (one more attempt). `contentHash` is the hash being sent. */
export function onSendStarted(entry: OutboxEntry, now: number, contentHash: string | null = entry.contentHash): OutboxEntry {
  expect(entry, ['queued', 'retry'], 'onSendStarted');
  return { ...entry, state: 'sending', attempts: entry.attempts + 1, nextAttemptAt: NOT_SCHEDULED, contentHash, updatedAt: now };
}

/** sending → acknowledged (stored, alreadyHave) or needsFix (invalid, conflict, refused). */
export function onPushResult(entry: OutboxEntry, result: Pick<PushResult, 'outcome' | 'reason' | 'paths' | 'departments'>, now: number): OutboxEntry {
  expect(entry, ['sending'], 'onPushResult');
  switch (result.outcome) {
    case 'stored':
    case 'alreadyHave':
      return {
        ...entry,
        state: 'acknowledged',
        nextAttemptAt: NOT_SCHEDULED,
        lastError: null,
        needsFix: null,
        acknowledgedAt: now,
        departments: result.departments ?? entry.departments,
        updatedAt: now,
      };
    case 'invalid':
    case 'conflict':
    case 'refused': {
      const reason = result.reason?.trim() || result.outcome;
      return {
        ...entry,
        state: 'needsFix',
        nextAttemptAt: NOT_SCHEDULED,
        lastError: reason,
        needsFix: { outcome: result.outcome, reason, paths: result.paths ?? [] },
        updatedAt: now,
      };
    }
  }
}

/**
 * sending → retry after a network problem (no answer, timeout, 5xx, 401/403, a malformed
 * answer, or no result for this case in the answer). `random` in [0, 1).
 */
export function onNetworkError(entry: OutboxEntry, now: number, random: number, error = 'network'): OutboxEntry {
  expect(entry, ['sending'], 'onNetworkError');
  return { ...entry, state: 'retry', nextAttemptAt: now + backoffDelayMs(entry.attempts, random), lastError: error, updatedAt: now };
}

/**
 * The clerk's "retry now": retry | needsFix → queued, due at once. The attempt count is
 * kept (it only shapes the backoff of later failures) — except after needsFix, where
 * the clerk has dealt with the reason and backoff starts afresh.
 */
export function retryNow(entry: OutboxEntry, now: number): OutboxEntry {
  expect(entry, ['retry', 'needsFix', 'queued'], 'retryNow');
  return {
    ...entry,
    state: 'queued',
    nextAttemptAt: 0,
    attempts: entry.state === 'needsFix' ? 0 : entry.attempts,
    needsFix: null,
    // A conflict or a fixed case is hashed again from the stored case.
    contentHash: entry.state === 'needsFix' ? null : entry.contentHash,
    updatedAt: now,
  };
}

/** sending → queued: an attempt cut off by a crash or a closed window (the server dedupes). */
export function recoverInterrupted(entry: OutboxEntry, now: number): OutboxEntry {
  if (entry.state !== 'sending') return entry;
  return { ...entry, state: 'queued', nextAttemptAt: 0, updatedAt: now };
}

/** The workstation's own check failed (the case does not match the protocol): needsFix without sending. */
export function onLocalInvalid(entry: OutboxEntry, reason: string, paths: string[], now: number): OutboxEntry {
  expect(entry, ['queued', 'retry', 'sending'], 'onLocalInvalid');
  return {
    ...entry,
    state: 'needsFix',
    nextAttemptAt: NOT_SCHEDULED,
    lastError: reason,
    needsFix: { outcome: 'invalid', reason, paths, local: true },
    updatedAt: now,
  };
}

// ---- selection -----------------------------------------------------------------------

/** Whether an entry may be sent at `now`: queued, or retry whose wait is over. */
export function isDue(entry: OutboxEntry, now: number): boolean {
  return entry.state === 'queued' || (entry.state === 'retry' && entry.nextAttemptAt <= now);
}

/** The entries that may be sent at `now`, oldest first (by nextAttemptAt, then enqueuedAt, then id). */
export function dueEntries(entries: readonly OutboxEntry[], now: number): OutboxEntry[] {
  return entries.filter((e) => isDue(e, now)).sort(byDueOrder);
}

function byDueOrder(a: OutboxEntry, b: OutboxEntry): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.enqueuedAt - b.enqueuedAt || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
}

/** The next batch to push: at most `max` (and never more than the protocol's MAX_PUSH_BATCH) due entries. */
export function planBatch(entries: readonly OutboxEntry[], now: number, max: number = MAX_PUSH_BATCH): OutboxEntry[] {
  const n = Math.max(0, Math.min(Math.floor(max), MAX_PUSH_BATCH));
  return dueEntries(entries, now).slice(0, n);
}

/** When the next retry falls due (epoch ms), or null when nothing waits. */
export function nextWakeAt(entries: readonly OutboxEntry[]): number | null {
  let next: number | null = null;
  for (const e of entries) {
    if (e.state === 'queued') return 0;
    if (e.state === 'retry' && (next === null || e.nextAttemptAt < next)) next = e.nextAttemptAt;
  }
  return next;
}

export type OutboxCounts = Record<OutboxState, number> & { total: number };

export function countByState(entries: readonly OutboxEntry[]): OutboxCounts {
  const c: OutboxCounts = { queued: 0, sending: 0, acknowledged: 0, retry: 0, needsFix: 0, total: 0 };
  for (const e of entries) {
    c[e.state] += 1;
    c.total += 1;
  }
  return c;
}
