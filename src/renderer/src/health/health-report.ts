/**
 * This workstation's health figures (issue 7 §4) and their report to the server, sent by the
 * sync engine once per round (`sendHealthReport`, one separate call at the end of a round).
 * Counts, ages, versions and storage only: nothing about applicants or clerks.
 */
import { CentreHealthResponse, HealthReport } from '@core/quality/health';
import { ACTIVE_CATALOG_KEY } from '../catalog/catalog-store';
import { getTrainingDb, TRAINING_DB_NAME, type WorkstationDb } from '../store/db';
import { apiRequest, type ServerTarget } from '../sync/api';
import { loadServerConfig, loadSyncStatus } from '../sync/sync-store';
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
export async function collectHealth(db: WorkstationDb, options: HealthOptions = {}): Promise<HealthReport> {
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

/** One report to the server (the sync engine calls it at the end of each round; failures are ignored). */
export async function sendHealthReport(db: WorkstationDb, target: ServerTarget, options: { fetch?: typeof fetch; timeoutMs?: number; syncedAt?: number | null }): Promise<boolean> {
  const report = await collectHealth(db, { syncedAt: options.syncedAt ?? null });
  const r = await apiRequest(target, '/workstations/health', z.unknown(), { method: 'POST', body: report, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  return r.ok;
}

/** The centre's workstations as the server knows them; null when no server is configured. */
export async function fetchCentreHealth(db: WorkstationDb): Promise<{ ok: true; data: CentreHealthResponse } | { ok: false; message: string } | null> {
  const config = await loadServerConfig(db);
  if (!config) return null;
  const r = await apiRequest({ serverUrl: config.serverUrl, token: config.token }, '/centre/health', CentreHealthResponse);
  return r.ok ? { ok: true, data: r.data } : { ok: false, message: r.message };
}
