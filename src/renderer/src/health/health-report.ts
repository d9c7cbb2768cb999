/**
 * This workstation's health figures and their report to the server, sent by the
 * sync engine once per round (the health report channel, last in a round).
 * Counts, ages, versions and storage only: nothing about applicants or clerks.
 */
import { CentreHealthResponse, HealthReport } from '@core/quality/health';
import { ACTIVE_CATALOG_KEY } from '../catalog/catalog-store';
import { getDb, getTrainingDb, TRAINING_DB_NAME, type WorkstationDb } from '../store/db';
import { apiRequest, type ServerTarget } from '../sync/api';
import { loadServerConfig, loadSyncStatus } from '../sync/sync-store';
import type { ChannelContext, OutboundChannel } from '../sync/channel';
import { runChannel, standaloneContext } from '../sync/pipeline';
import { z } from 'zod';

const iso = (ms: number): string => new Date(ms).toISOString();
const appVersion = (): string => (typeof __APP_VERSION__ !== 'undefined' ? __APP_VERSION__ : '0.0.0');

/** Cases in the training database (0 when this build has none). */
async function trainingCaseCount(): Promise<number> {
  // do not create the training database just to count it
  const names = typeof indexedDB !== 'undefined' && 'databases' in indexedDB ? await indexedDB.databases().catch(() => null) : null;
  if (names && !names.some((d) => d.name === TRAINING_DB_NAME)) return 0;
  return getTrainingDb().cases.count();
}

export interface HealthOptions {
  now?: number;
  /** The end of the sync round that just reached the server (else the last recorded success). */
  syncedAt?: number | null;
}

/** The figures of this workstation now. */
export async function collectHealth(db: WorkstationDb = getDb(), options: HealthOptions = {}): Promise<HealthReport> {
  const now = options.now ?? Date.now();
  const unsent = db.outbox.where('state').anyOf(['queued', 'retry', 'sending', 'needsFix']);
  const [status, catalog, depth, needsFix, oldest, liveCases, trainingCases, estimate] = await Promise.all([
    loadSyncStatus(db),
    db.settings.get(ACTIVE_CATALOG_KEY),
    unsent.count(),
    db.outbox.where('state').equals('needsFix').count(),
    unsent.toArray().then((rows) => rows.reduce<number | null>((m, e) => (m === null || e.enqueuedAt < m ? e.enqueuedAt : m), null)),
    db.cases.count(),
    trainingCaseCount().catch(() => 0),
    typeof navigator !== 'undefined' && navigator.storage?.estimate ? navigator.storage.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  const lastSync = options.syncedAt ?? status?.lastSuccessAt ?? null;
  return HealthReport.parse({
    reportedAt: iso(now),
    appVersion: appVersion(),
    catalogVersion: typeof catalog?.value === 'string' && catalog.value ? catalog.value : 'unknown',
    lastSyncAt: lastSync === null ? null : iso(lastSync),
    oldestUnsentSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
    outboxDepth: depth,
    outboxNeedsFix: needsFix,
    storageUsageBytes: estimate?.usage ?? null,
    storageQuotaBytes: estimate?.quota ?? null,
    liveCases,
    trainingCases,
  });
}

export const HEALTH_KIND = 'healthReport';

/**
 * The health report channel: one report per sync run, last in the run (it says how the run
 * went), through the outbound pipeline like every kind. Nothing is kept when it fails: the next
 * run collects a fresh one.
 */
export function healthReportChannel(syncedAt: (ctx: ChannelContext) => number | null = (ctx) => (ctx.runOk() ? ctx.now() : null)): OutboundChannel<HealthReport, true> {
  return {
    kind: HEALTH_KIND,
    stage: 'end',
    batchSize: 1,
    backoff: 'channel',
    keyOf: () => 'health',
    open: async (ctx) => {
      let given = false;
      return {
        countDue: async () => 1,
        next: async () => {
          if (given) return { records: [], refusedLocally: 0 };
          given = true;
          return { records: [await collectHealth(ctx.db, { now: ctx.now(), syncedAt: syncedAt(ctx) })], refusedLocally: 0 };
        },
      };
    },
    send: async (ctx, batch) => {
      const r = await ctx.request('/workstations/health', z.unknown(), { method: 'POST', body: batch[0] });
      return r.ok ? { ...r, data: new Map([['health', true as const]]) } : r;
    },
    settle: async (_ctx, settled) => ({ delivered: settled.filter((s) => 'answer' in s).length, refused: 0 }),
    overview: async () => ({ queued: 0, needsFix: 0, problems: [] }),
    retryNeedsFix: async () => 0,
  };
}

/** One report to the server now (outside a sync run); true when the server took it. */
export async function sendHealthReport(db: WorkstationDb, target: ServerTarget, options: { fetch?: typeof fetch; timeoutMs?: number; syncedAt?: number | null }): Promise<boolean> {
  const r = await runChannel(healthReportChannel(() => options.syncedAt ?? null), standaloneContext(db, target, options), { ignoreBackoff: true });
  return r.delivered === 1;
}

/** The centre's workstations as the server knows them; null when no server is configured. */
export async function fetchCentreHealth(db: WorkstationDb = getDb()): Promise<{ ok: true; data: CentreHealthResponse } | { ok: false; message: string } | null> {
  const config = await loadServerConfig(db);
  if (!config) return null;
  const r = await apiRequest({ serverUrl: config.serverUrl, token: config.token }, '/centre/health', CentreHealthResponse);
  return r.ok ? { ok: true, data: r.data } : { ok: false, message: r.message };
}
