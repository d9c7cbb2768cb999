/**
 * The contract of an outbound channel: one kind of record that leaves the workstation (cases,
 * 补正 revisions, hand-outs, ratings, audit entries, drill results, health reports, …).
 *
 * A channel says what is due, how to send a batch and how to record each answer; the pipeline
 * (pipeline.ts) does the rest the same way for every kind: batches, backoff, quarantine
 * (`needsFix` with its reason, never blocking the others), bisection of a batch the server
 * keeps failing on, progress and the Sync page's figures. See README.md in this folder.
 *
 * This file and the pipeline import no feature folder: channels are registered from above
 * (the app shell, app/outbound-channels.ts).
 */
import type { ApiResult, ServerTarget } from './api';
import type { WorkstationDb } from '../store/db';

/** Where in a sync run a channel goes. */
export type ChannelStage =
  /** Before the status events are pulled (cases, then what builds on them, so `resubmitted` shows in the same run). */
  | 'beforePull'
  /** After the status events are pulled (what reads them: hand-outs, the audit trail, …). */
  | 'afterPull'
  /** Last, after the reference data (reports about the run itself). */
  | 'end';

export interface ChannelContext {
  db: WorkstationDb;
  target: ServerTarget;
  /** POSTs or GETs through the engine's client (timeout, validation, Retry-After waits). */
  request: <T>(path: string, schema: import('zod').ZodType<T>, init?: { method?: 'GET' | 'POST'; body?: unknown; bodyText?: string }) => Promise<ApiResult<T>>;
  now: () => number;
  random: () => number;
  /** The run's outcome so far ('ok' while nothing failed): for reports about the run. */
  runOk: () => boolean;
}

/** A whole-batch answer: per record, by key. A record missing from it waits for the next try. */
export type BatchAnswer<A> = ApiResult<Map<string, A>>;

/** What becomes of one record after a try. */
export type Settlement<R, A> =
  /** The server answered for this record (accepted, or refused it on its own: the channel decides). */
  | { record: R; answer: A }
  /** Quarantined: the server refused it, or it broke the server's batch on its own. Never sent again until the clerk retries. */
  | { record: R; needsFix: { reason: string; paths: string[]; status: number | null } }
  /** Not this time (offline, timeout, 5xx): sent again after the backoff. */
  | { record: R; retry: { error: string } };

/** One pass over the due records (a run of the channel). */
export interface ChannelPass<R> {
  /**
   * The next due records, at most `limit`, never one returned before in this pass, in the
   * order the server must get them. Records the channel finds unsendable itself it settles
   * as needsFix on its own and counts in `refusedLocally`.
   */
  next(limit: number): Promise<{ records: R[]; refusedLocally: number }>;
  /** How many are due now (for the progress bar); optional. */
  countDue?(): Promise<number>;
}

export interface ChannelOverview {
  queued: number;
  needsFix: number;
  /** The first few quarantined records with their reason, for the Sync page. */
  problems: { key: string; label: string; reason: string }[];
}

export interface OutboundChannel<R = unknown, A = unknown> {
  /** A stable name (`cases`, `revisions`, …): the i18n key `sync.kinds.<kind>` names it for the clerk. */
  readonly kind: string;
  readonly stage: ChannelStage;
  /** At most this many records a request. */
  readonly batchSize: number;
  /** Batches in flight at once (default 1). */
  readonly concurrency?: number;
  /**
   * Who keeps the backoff: 'record' — each record has its own schedule and `due` honours it
   * (the case outbox); 'channel' — one schedule for the whole channel, kept by the pipeline.
   */
  readonly backoff: 'record' | 'channel';
  /** The records' identity, unique within the channel. */
  keyOf(record: R): string;
  open(ctx: ChannelContext): Promise<ChannelPass<R>>;
  send(ctx: ChannelContext, batch: R[]): Promise<BatchAnswer<A>>;
  /**
   * Stores what became of each record (one write for the batch where possible) and says how
   * many of the answers were deliveries and how many refusals (quarantined by the channel).
   */
  settle(ctx: ChannelContext, settled: Settlement<R, A>[]): Promise<{ delivered: number; refused: number }>;
  overview(db: WorkstationDb): Promise<ChannelOverview>;
  /** The clerk's "retry all": quarantined records back to queued. */
  retryNeedsFix(db: WorkstationDb, now: number): Promise<number>;
}

// ---- registry ---------------------------------------------------------------------------

const registry = new Map<string, OutboundChannel>();

/** Adds (or replaces, by kind) a channel. Order of registration is the order within a stage. */
export function registerChannel<R, A>(channel: OutboundChannel<R, A>): void {
  registry.set(channel.kind, channel as unknown as OutboundChannel);
}

export function unregisterChannel(kind: string): void {
  registry.delete(kind);
}

export function registeredChannels(): OutboundChannel[] {
  return [...registry.values()];
}
