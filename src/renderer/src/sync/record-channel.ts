/**
 * A channel for records kept in a table with a `state` of queued → sent / needsFix (and an
 * `error` with the reason), sent one request each (their endpoints take one record). The
 * pipeline gives them the backoff, quarantine and visibility of every channel; this helper
 * only says how such a table is read and written.
 */
import type { ApiResult } from './api';
import type { ChannelContext, ChannelOverview, ChannelStage, OutboundChannel, Settlement } from './channel';
import type { WorkstationDb } from '../store/db';

export interface QueuedRecordTable<R> {
  kind: string;
  stage: ChannelStage;
  keyOf(record: R): string;
  /** Every queued record that may leave this workstation, in the order the server must get them. */
  queued(ctx: ChannelContext): Promise<R[]>;
  /**
   * Checked right before a record goes, after the ones before it were settled: false keeps it
   * (and, by the channel's own rule, those after it) for a later run — the ordering guarantee.
   */
  ready?(ctx: ChannelContext, record: R): Promise<boolean>;
  post(ctx: ChannelContext, record: R): Promise<ApiResult<unknown>>;
  mark(db: WorkstationDb, record: R, change: { state: 'sent' } | { state: 'needsFix'; error: string }): Promise<void>;
  /** For the Sync page. */
  count(db: WorkstationDb, state: 'queued' | 'needsFix'): Promise<number>;
  needsFixSample(db: WorkstationDb, limit: number): Promise<{ key: string; label: string; reason: string }[]>;
  retryNeedsFix(db: WorkstationDb): Promise<number>;
}

export function queuedRecordChannel<R>(table: QueuedRecordTable<R>): OutboundChannel<R, true> {
  return {
    kind: table.kind,
    stage: table.stage,
    batchSize: 1,
    backoff: 'channel',
    keyOf: table.keyOf,
    open: async (ctx) => {
      const queued = await table.queued(ctx);
      let i = 0;
      return {
        countDue: async () => queued.length,
        next: async () => {
          while (i < queued.length) {
            const r = queued[i++]!;
            if (!table.ready || (await table.ready(ctx, r))) return { records: [r], refusedLocally: 0 };
          }
          return { records: [], refusedLocally: 0 };
        },
      };
    },
    send: async (ctx, batch) => {
      const r = await table.post(ctx, batch[0]!);
      return r.ok ? { ...r, data: new Map([[table.keyOf(batch[0]!), true as const]]) } : r;
    },
    settle: async (ctx, settled: Settlement<R, true>[]) => {
      let delivered = 0;
      for (const s of settled) {
        if ('answer' in s) {
          await table.mark(ctx.db, s.record, { state: 'sent' });
          delivered += 1;
        } else if ('needsFix' in s) await table.mark(ctx.db, s.record, { state: 'needsFix', error: s.needsFix.reason });
        // retry: stays queued; the channel's backoff decides when it goes again
      }
      return { delivered, refused: 0 };
    },
    overview: async (db): Promise<ChannelOverview> => {
      const [queued, needsFix, problems] = await Promise.all([table.count(db, 'queued'), table.count(db, 'needsFix'), table.needsFixSample(db, 5)]);
      return { queued, needsFix, problems };
    },
    retryNeedsFix: (db) => table.retryNeedsFix(db),
  };
}
