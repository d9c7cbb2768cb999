/**
 * The cases channel: decided cases from the outbox (store/db.ts `outbox`) → POST /cases/push,
 * each case's answer applied through the pure transitions of @core/sync/outbox. Every entry
 * keeps its own backoff (nextAttemptAt), so this channel schedules per record.
 *
 * The engine runs it first in every run; what builds on a case (its revisions, its audit
 * chain) waits for the case's entry to be acknowledged.
 */
import { IntakeCase } from '@core/intake/case';
import { canonicalJson, sha256Hex } from '@core/kernel';
import { MAX_PUSH_BATCH, PushResponse, type PushedCase, type PushResult } from '@core/sync/protocol';
import { onLocalInvalid, onNetworkError, onPushResult, onSendStarted, planBatch, retryNow, type OutboxEntry } from '@core/sync/outbox';
import { isTrainingCase } from '@core/training/isolation';
import type { WorkstationDb } from '../store/db';
import { openCaseRecords } from '../store/case-store';
import type { ChannelContext, ChannelOverview, ChannelPass, OutboundChannel, Settlement } from './channel';

/** An entry ready to go (`sending`, in memory only): `json` is its PushedCase as JSON text, the case in the canonical text that was hashed. */
export type PreparedEntry = { entry: OutboxEntry; json: string };

export const CASES_KIND = 'cases';

/**
 * Wall time spent in each step of the channel, summed over a run, in ms: `countDue`, `loadDue`
 * (the outbox reads), `prepare` (read, open, check and hash the cases), `send` (the push request
 * and its answer), `settle` (writing the answers). Steps overlap: two batches are in flight.
 * Only the server benchmark passes one; without it nothing is timed.
 */
export type StepTimes = Record<string, number>;

function timedStep<A extends unknown[], R>(steps: StepTimes | undefined, name: string, step: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  if (!steps) return step;
  return async (...a) => {
    const t = performance.now();
    try {
      return await step(...a);
    } finally {
      steps[name] = (steps[name] ?? 0) + performance.now() - t;
    }
  };
}

export function casesChannel(opts: { batchSize?: number; concurrency?: number; stepTimes?: StepTimes } = {}): OutboundChannel<PreparedEntry, PushResult> {
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH));
  const steps = opts.stepTimes;
  return {
    kind: CASES_KIND,
    stage: 'beforePull',
    batchSize,
    concurrency: Math.max(1, Math.min(opts.concurrency ?? 2, 8)),
    backoff: 'record',
    keyOf: (p) => p.entry.caseId,
    open: async (ctx) => openPass(ctx, batchSize, steps),
    send: timedStep(steps, 'send', async (ctx: ChannelContext, batch: readonly PreparedEntry[]) => {
      const r = await ctx.request('/cases/push', PushResponse, { method: 'POST', bodyText: `{"cases":[${batch.map((p) => p.json).join(',')}]}` });
      if (!r.ok) return r;
      return { ...r, data: new Map(r.data.results.map((res) => [res.caseId, res] as const)) };
    }),
    settle: timedStep(steps, 'settle', async (ctx: ChannelContext, settled: readonly Settlement<PreparedEntry, PushResult>[]) => {
      const now = ctx.now();
      let delivered = 0;
      let refused = 0;
      const next = settled.map((s: Settlement<PreparedEntry, PushResult>) => {
        const { entry } = s.record;
        if ('answer' in s) {
          const e = onPushResult(entry, s.answer, now);
          if (e.state === 'acknowledged') delivered += 1;
          else refused += 1;
          return e;
        }
        if ('needsFix' in s) return onPushResult(entry, { outcome: 'invalid', reason: s.needsFix.reason, paths: s.needsFix.paths }, now);
        return onNetworkError(entry, now, ctx.random(), s.retry.error);
      });
      await ctx.db.outbox.bulkPut(next);
      return { delivered, refused };
    }),
    overview: async (db) => overview(db),
    retryNeedsFix: async (db, now) =>
      db.transaction('rw', db.outbox, async () => {
        const entries: OutboxEntry[] = await db.outbox.where('state').equals('needsFix').toArray();
        await db.outbox.bulkPut(entries.map((e) => retryNow(e, now)));
        return entries.length;
      }),
  };
}

async function overview(db: WorkstationDb): Promise<ChannelOverview> {
  const [queued, retry, needsFix, problems] = await Promise.all([
    db.outbox.where('state').equals('queued').count(),
    db.outbox.where('state').equals('retry').count(),
    db.outbox.where('state').equals('needsFix').count(),
    db.outbox.where('state').equals('needsFix').limit(5).toArray(),
  ]);
  return { queued: queued + retry, needsFix, problems: problems.map((e) => ({ key: e.caseId, label: e.caseNumber, reason: e.needsFix?.reason ?? e.lastError ?? '' })) };
}

function openPass(ctx: ChannelContext, batchSize: number, steps?: StepTimes): ChannelPass<PreparedEntry> {
  const { db } = ctx;
  const tried = new Set<string>();
  // Keyset of the queued entries: the last enqueuedAt taken, how many taken carry it, how many retries were taken.
  const from = { queuedFrom: -Infinity, triedAtFrom: 0, triedRetries: 0 };

  /**
   * Due entries, oldest first, skipping those already tried in this pass. Queued entries are
   * read from `queuedFrom` on (the last enqueuedAt taken): the ones before it have left the
   * `queued` range, and an IndexedDB range read that starts at the beginning steps over
   * every entry removed from it so far — slower and slower as a backlog drains.
   */
  const loadDue = timedStep(steps, 'loadDue', async (now: number): Promise<OutboxEntry[]> => {
    const want = batchSize;
    // Entries in flight are still on disk as they were (queued or retry) and come back in
    // these reads: read that many more, so `want` fresh ones are there when they exist.
    const [queued, retries] = await Promise.all([
      db.outbox.where('[state+enqueuedAt]').between(['queued', from.queuedFrom], ['queued', Infinity], true, true).limit(want + from.triedAtFrom).toArray(),
      db.outbox.where('[state+nextAttemptAt]').between(['retry', -Infinity], ['retry', now], true, true).limit(want * 2 + from.triedRetries).toArray(),
    ]);
    const fresh = (e: OutboxEntry) => !tried.has(e.caseId);
    return planBatch([...queued.filter(fresh), ...retries.filter(fresh)], now, want);
  });
  const prepareTimed = timedStep(steps, 'prepare', prepare);

  return {
    countDue: timedStep(steps, 'countDue', async () => {
      const now = ctx.now();
      const [q, r] = await Promise.all([
        db.outbox.where('state').equals('queued').count(),
        db.outbox.where('[state+nextAttemptAt]').between(['retry', -Infinity], ['retry', now], true, true).count(),
      ]);
      return q + r;
    }),
    next: async (limit) => {
      const batch = (await loadDue(ctx.now())).slice(0, limit);
      for (const e of batch) {
        tried.add(e.caseId);
        if (e.state !== 'queued') from.triedRetries += 1;
        else if (e.enqueuedAt > from.queuedFrom) {
          from.queuedFrom = e.enqueuedAt;
          from.triedAtFrom = 1;
        } else if (e.enqueuedAt === from.queuedFrom) from.triedAtFrom += 1;
      }
      return prepareTimed(ctx, batch);
    },
  };
}

/** Reads the cases, checks them against the protocol, hashes them; the sendable ones come back `sending` (in memory). */
async function prepare(ctx: ChannelContext, batch: OutboxEntry[]): Promise<{ records: PreparedEntry[]; refusedLocally: number }> {
  const { db } = ctx;
  const records = await openCaseRecords(await db.cases.bulkGet(batch.map((e) => e.caseId)));
  const now = ctx.now();
  const sendable: { entry: OutboxEntry; c: IntakeCase }[] = [];
  const bad: OutboxEntry[] = [];
  for (let i = 0; i < batch.length; i++) {
    const entry = batch[i]!;
    const record = records[i];
    if (!record) {
      bad.push(onLocalInvalid(entry, 'the case is no longer on this workstation', [], now));
      continue;
    }
    // Practice data never leaves, whatever let it into the outbox.
    if (isTrainingCase(record.case)) {
      bad.push({ ...onLocalInvalid(entry, 'a training case is never sent', [], now), needsFix: { outcome: 'refused', reason: 'a training case is never sent', paths: [], local: true } });
      continue;
    }
    // The protocol's PushedCase is { caseId, contentHash, training, case: IntakeCase }: the case is checked here.
    const parsed = IntakeCase.safeParse(record.case);
    if (!parsed.success) {
      const paths = parsed.error.issues.slice(0, 20).map((iss) => ['case', ...iss.path.map(String)].join('.'));
      const first = parsed.error.issues[0];
      bad.push(onLocalInvalid(entry, `${first ? `${['case', ...first.path.map(String)].join('.')}: ${first.message}` : 'invalid case'}`.slice(0, 500), paths, now));
      continue;
    }
    if (parsed.data.id !== entry.caseId) {
      bad.push(onLocalInvalid(entry, 'case.id differs from the outbox entry', ['case.id'], now));
      continue;
    }
    sendable.push({ entry, c: parsed.data });
  }
  // The parsed case is what is sent and what is hashed — as one canonical text, made once and
  // spliced into the request — so the server's own hash of it matches.
  const texts = sendable.map((x) => canonicalJson(x.c));
  const hashes = texts.map(sha256Hex);
  const ready: PreparedEntry[] = sendable.map(({ entry }, i) => {
    const head: Omit<PushedCase, 'case'> = { caseId: entry.caseId, contentHash: hashes[i]!, training: false };
    return { entry: onSendStarted(entry, now, hashes[i]!), json: `${JSON.stringify(head).slice(0, -1)},"case":${texts[i]!}}` };
  });
  // Only the refused entries are written now. The ones on their way stay `queued` on disk
  // (`sending` lives in memory) and are written once, when their answer settles them: a
  // crash mid-request leaves them queued, and the service answers a resend "alreadyHave".
  if (bad.length > 0) await db.outbox.bulkPut(bad);
  return { records: ready, refusedLocally: bad.length };
}
