/**
 * The one outbound pipeline: runs a channel (channel.ts) the same way whatever it carries.
 *
 * - Batches of the channel's size, up to its concurrency in flight; after a failure that means
 *   "not now" no new batch starts (those in flight finish).
 * - A batch refused as a whole (400/409/413/422) is split in halves until the record that
 *   causes it stands alone; that record is quarantined (needsFix) with the server's reason.
 * - A batch the server keeps failing on with a 5xx is a poison suspect: after the second
 *   consecutive 5xx for the same records the batch is bisected, recursively, down to the record
 *   that breaks it, which is quarantined while the rest flow. A record is only ever blamed when
 *   the server has answered another write with 2xx since that record's first failure: a server
 *   that fails on everything (both halves fail, nothing succeeded) is down, not poisoned, and
 *   everything waits.
 * - No answer, a timeout, 401/403, 429 or a malformed answer: everything not settled waits
 *   (backoff), never split — an offline server is not a poison record.
 * - Backoff: per record where the channel keeps it (the case outbox), else per channel here
 *   (full jitter, the outbox's BACKOFF), with the channel's last success and last problem kept
 *   in the settings table for the Sync page.
 */
import { backoffDelayMs } from '@core/sync/outbox';
import { apiRequest, type ApiResult, type ServerTarget } from './api';
import type { ChannelContext, OutboundChannel, Settlement } from './channel';
import type { WorkstationDb } from '../store/db';

export const CHANNEL_STATUS_KEY = 'syncChannels';

/** What the Sync page shows of a channel's last runs. */
export interface ChannelStatus {
  lastAttemptAt: number | null;
  /** The end of the last pass that met no failure. */
  lastSuccessAt: number | null;
  /** The last failure that stopped a pass ("Failed to fetch", "HTTP 500: …"); null after a clean pass. */
  lastError: string | null;
  /** Consecutive failed passes (shapes the channel's backoff). */
  failures: number;
  /** A channel-scheduled kind waits until then (epoch ms); 0 when due. */
  nextAttemptAt: number;
}

export type ChannelStatuses = Record<string, ChannelStatus>;

export async function loadChannelStatuses(db: WorkstationDb): Promise<ChannelStatuses> {
  const v = (await db.settings.get(CHANNEL_STATUS_KEY))?.value;
  return v && typeof v === 'object' ? (v as ChannelStatuses) : {};
}

async function saveChannelStatus(db: WorkstationDb, kind: string, status: ChannelStatus): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const all = await loadChannelStatuses(db);
    await db.settings.put({ key: CHANNEL_STATUS_KEY, value: { ...all, [kind]: status } });
  });
}

/** Makes a channel-scheduled kind due at once (the clerk's "retry"). */
export async function clearChannelBackoff(db: WorkstationDb, kind: string): Promise<void> {
  const all = await loadChannelStatuses(db);
  const s = all[kind];
  if (s && s.nextAttemptAt !== 0) await saveChannelStatus(db, kind, { ...s, failures: 0, nextAttemptAt: 0 });
}

// ---- the server-failure memory (in memory: a restart only costs a second try) --------------

/** Every request the pipeline makes gets a number; the number of the last 2xx is evidence the server works. */
let requestSeq = 0;
let lastOkSeq = 0;
/** Per record (db|kind|key): consecutive 5xx answers and the request number of the first. */
const serverFailures = new Map<string, { count: number; since: number }>();

function failureKey(db: WorkstationDb, kind: string, key: string): string {
  return `${db.name}|${kind}|${key}`;
}

// ---- one pass ---------------------------------------------------------------------------

export interface ChannelRunReport {
  kind: string;
  /** The channel waited for its backoff and did not run. */
  skipped: boolean;
  delivered: number;
  /** Refused by the server per record, quarantined locally, or found poison: needsFix. */
  needsFix: number;
  retry: number;
  requests: number;
  /** The failure that stopped the pass; null when it ran to the end. */
  failure: Extract<ApiResult<unknown>, { ok: false }> | null;
}

export interface RunChannelOptions {
  /** Run even while the channel's backoff lasts (a direct call, a test). */
  ignoreBackoff?: boolean;
  /** Records settled so far and due in this pass. */
  onProgress?: (done: number, total: number) => void;
}

type Failure = Extract<ApiResult<unknown>, { ok: false }>;
type Outcome = 'ok' | 'stop';

const isServerFault = (f: Failure): boolean => f.kind === 'server' && f.status !== null && f.status >= 500 && f.status !== 503;

function describe(f: Failure): string {
  return (f.status !== null ? `HTTP ${f.status}: ${f.message}` : f.message).slice(0, 500);
}

export async function runChannel<R, A>(channel: OutboundChannel<R, A>, ctx: ChannelContext, opts: RunChannelOptions = {}): Promise<ChannelRunReport> {
  const report: ChannelRunReport = { kind: channel.kind, skipped: false, delivered: 0, needsFix: 0, retry: 0, requests: 0, failure: null };
  const statuses = await loadChannelStatuses(ctx.db);
  const previous: ChannelStatus = statuses[channel.kind] ?? { lastAttemptAt: null, lastSuccessAt: null, lastError: null, failures: 0, nextAttemptAt: 0 };
  if (channel.backoff === 'channel' && !opts.ignoreBackoff && previous.nextAttemptAt > ctx.now()) {
    report.skipped = true;
    return report;
  }
  const pass = await channel.open(ctx);
  let total = (await pass.countDue?.()) ?? 0;
  let done = 0;
  let stopped = false;
  const limit = Math.max(1, channel.batchSize);
  const concurrency = Math.max(1, channel.concurrency ?? 1);
  const inFlight = new Set<Promise<void>>();
  opts.onProgress?.(done, total);

  const settle = async (settled: Settlement<R, A>[]): Promise<void> => {
    if (settled.length === 0) return;
    const counts = await channel.settle(ctx, settled);
    report.delivered += counts.delivered;
    report.needsFix += counts.refused;
    for (const s of settled) {
      if ('needsFix' in s) report.needsFix += 1;
      else if ('retry' in s) report.retry += 1;
    }
  };
  const waitAll = (group: R[], f: Failure) => settle(group.map((record) => ({ record, retry: { error: describe(f) } })));
  const stop = (f: Failure): Outcome => {
    report.failure ??= f;
    stopped = true;
    return 'stop';
  };

  /** One request; a 2xx is settled here, a failure is handed back. */
  const attempt = async (group: R[]): Promise<{ ok: true } | { ok: false; failure: Failure }> => {
    report.requests += 1;
    const seq = ++requestSeq;
    const r = await channel.send(ctx, group);
    if (!r.ok) return { ok: false, failure: r };
    lastOkSeq = Math.max(lastOkSeq, seq);
    const settled: Settlement<R, A>[] = group.map((record) => {
      const key = channel.keyOf(record);
      if (serverFailures.size > 0) serverFailures.delete(failureKey(ctx.db, channel.kind, key));
      const answer = r.data.get(key);
      return answer === undefined ? { record, retry: { error: 'no result for this record in the answer' } } : { record, answer };
    });
    await settle(settled);
    return { ok: true };
  };

  const sinceOf = (group: R[]): number => Math.min(...group.map((r) => serverFailures.get(failureKey(ctx.db, channel.kind, channel.keyOf(r)))?.since ?? Infinity));

  /** A group already known to fail with a 5xx: find the record(s) that break it. */
  const bisect = async (group: R[], f: Failure): Promise<Outcome> => {
    if (group.length === 1) {
      const key = failureKey(ctx.db, channel.kind, channel.keyOf(group[0]!));
      if (lastOkSeq <= sinceOf(group)) {
        await waitAll(group, f);
        return stop(f);
      }
      serverFailures.delete(key);
      await settle([{ record: group[0]!, needsFix: { reason: f.message || `HTTP ${f.status}`, paths: f.paths, status: f.status } }]);
      return 'ok';
    }
    const mid = Math.ceil(group.length / 2);
    const halves = [group.slice(0, mid), group.slice(mid)];
    const failed: { half: R[]; failure: Failure }[] = [];
    for (let i = 0; i < halves.length; i++) {
      const half = halves[i]!;
      const r = await attempt(half);
      if (r.ok) continue;
      if (r.failure.kind === 'rejected') {
        if ((await splitRejected(half, r.failure)) === 'stop') {
          await waitAll([...failed.flatMap((x) => x.half), ...halves.slice(i + 1).flat()], r.failure);
          return 'stop';
        }
        continue;
      }
      if (!isServerFault(r.failure)) {
        await waitAll([...failed.flatMap((x) => x.half), ...halves.slice(i).flat()], r.failure);
        return stop(r.failure);
      }
      failed.push({ half, failure: r.failure });
    }
    // Both halves fail and the server has not answered a write since these records first
    // failed: it fails on everything — down, not poisoned.
    if (failed.length === halves.length && lastOkSeq <= sinceOf(group)) {
      await waitAll(group, f);
      return stop(f);
    }
    for (let i = 0; i < failed.length; i++) {
      if ((await bisect(failed[i]!.half, failed[i]!.failure)) === 'stop') {
        await waitAll(failed.slice(i + 1).flatMap((x) => x.half), failed[i]!.failure);
        return 'stop';
      }
    }
    return 'ok';
  };

  /** A group refused as a whole: halves until the refused record stands alone. */
  const splitRejected = async (group: R[], f: Failure): Promise<Outcome> => {
    if (group.length === 1) {
      await settle([{ record: group[0]!, needsFix: { reason: f.message || `HTTP ${f.status}`, paths: f.paths, status: f.status } }]);
      return 'ok';
    }
    const mid = Math.ceil(group.length / 2);
    const first = await deliver(group.slice(0, mid));
    if (first === 'stop') {
      await waitAll(group.slice(mid), report.failure ?? f);
      return 'stop';
    }
    return deliver(group.slice(mid));
  };

  const deliver = async (group: R[]): Promise<Outcome> => {
    if (group.length === 0) return 'ok';
    const r = await attempt(group);
    if (r.ok) return 'ok';
    const f = r.failure;
    if (f.kind === 'rejected') return splitRejected(group, f);
    if (isServerFault(f)) {
      let again = true;
      for (const rec of group) {
        const key = failureKey(ctx.db, channel.kind, channel.keyOf(rec));
        const prev = serverFailures.get(key);
        const next = { count: (prev?.count ?? 0) + 1, since: prev?.since ?? requestSeq };
        serverFailures.set(key, next);
        if (next.count < 2) again = false;
      }
      if (again) return bisect(group, f);
    }
    await waitAll(group, f);
    return stop(f);
  };

  let localError: string | null = null;
  let deliveryError: unknown = undefined;
  try {
    while (!stopped) {
      const { records, refusedLocally } = await pass.next(limit);
      report.needsFix += refusedLocally;
      if (records.length === 0 && refusedLocally === 0) break;
      if (records.length === 0) {
        done += refusedLocally;
        continue;
      }
      const size = records.length + refusedLocally;
      if (done + size + inFlight.size * limit > total) total = done + size + inFlight.size * limit; // records added meanwhile
      const sent = deliver(records).then(
        () => {
          done += size;
          opts.onProgress?.(Math.min(done, total), total);
        },
        (e: unknown) => {
          deliveryError ??= e;
          stopped = true;
        },
      );
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (deliveryError !== undefined) throw deliveryError;
  } catch (e) {
    // IndexedDB trouble (quota, a closed database): kept as the channel's problem, and the caller decides
    localError = `local: ${e instanceof Error ? e.name : 'error'}`;
    throw e;
  } finally {
    await Promise.allSettled(inFlight);
    const now = ctx.now();
    const failed = report.failure !== null || localError !== null;
    const failures = failed ? previous.failures + 1 : 0;
    await saveChannelStatus(ctx.db, channel.kind, {
      lastAttemptAt: now,
      lastSuccessAt: failed ? previous.lastSuccessAt : now,
      lastError: localError ?? (report.failure ? describe(report.failure) : null),
      failures,
      nextAttemptAt: failed && channel.backoff === 'channel' ? now + backoffDelayMs(failures, ctx.random()) : 0,
    }).catch(() => undefined);
  }
  return report;
}

// ---- a channel run outside the engine (a feature's "send now", tests) -----------------------

/** A context with the plain client: no Retry-After waits, the real clock. */
export function standaloneContext(db: WorkstationDb, target: ServerTarget, opts: { fetch?: typeof fetch; timeoutMs?: number; now?: () => number; random?: () => number } = {}): ChannelContext {
  return {
    db,
    target,
    request: (path, schema, init = {}) => apiRequest(target, path, schema, { ...init, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }),
    now: opts.now ?? (() => Date.now()),
    random: opts.random ?? (() => Math.random()),
    runOk: () => true,
  };
}

/** What the older per-kind senders reported: kept for their callers. */
export interface SenderReport {
  sent: number;
  refused: number;
  failed: boolean;
}

export function senderReport(r: ChannelRunReport): SenderReport {
  return { sent: r.delivered, refused: r.needsFix, failed: r.failure !== null };
}
