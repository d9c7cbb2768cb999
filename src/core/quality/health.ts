/**
 * Workstation health: what a workstation reports to the server on each sync
 * round, what the centre's supervisors read back, and the warnings before work is at risk.
 * No personal data: counts, ages, versions and storage figures only. Pure: `now` is passed in.
 */
import { z } from 'zod';
import { IsoDateTime } from '../intake/time';

const version = z.string().trim().min(1).max(40);
const count = z.number().int().min(0).max(100_000_000);
const bytes = z.number().min(0).max(1e15);

/** POST /api/v1/workstations/health — the workstation's own figures at `reportedAt` (its clock). */
export const HealthReport = z
  .object({
    reportedAt: IsoDateTime,
    appVersion: version,
    catalogVersion: version,
    /** The last sync round that reached the server (device clock); null: never. */
    lastSyncAt: IsoDateTime.nullable(),
    /** Age in seconds, at reportedAt, of the oldest decided case not yet accepted by the server; null: none waiting. */
    oldestUnsentSeconds: z.number().min(0).max(1e10).nullable(),
    /** Decided cases waiting in the outbox (queued or to be fixed). */
    outboxDepth: count,
    /** Of those, entries the server refused that need a clerk's fix. */
    outboxNeedsFix: count.default(0),
    /** navigator.storage.estimate(); null when the platform does not say. */
    storageUsageBytes: bytes.nullable(),
    storageQuotaBytes: bytes.nullable(),
    liveCases: count,
    trainingCases: count,
  })
  .strict();
export type HealthReport = z.infer<typeof HealthReport>;
export type HealthReportInput = z.input<typeof HealthReport>;

/** One workstation of the centre as GET /api/v1/centre/health returns it. */
export const CentreWorkstationHealth = z.object({
  workstationCode: z.string(),
  /** This is the workstation asking. */
  self: z.boolean(),
  /** Server clock of the last report; null: never reported. */
  receivedAt: IsoDateTime.nullable(),
  report: HealthReport.nullable(),
});
export type CentreWorkstationHealth = z.infer<typeof CentreWorkstationHealth>;

export const CentreHealthResponse = z.object({
  centreCode: z.string(),
  /** The newest catalog version the server has published; null: none. */
  latestCatalogVersion: z.string().nullable(),
  serverTime: IsoDateTime,
  workstations: z.array(CentreWorkstationHealth),
});
export type CentreHealthResponse = z.infer<typeof CentreHealthResponse>;

// ---- warnings ----------------------------------------------------------------------------------

export const HEALTH_LIMITS = {
  /** A decided case waiting longer than this is at risk (the department has not got it). */
  oldestUnsentSeconds: 4 * 3600,
  outboxDepth: 500,
  /** Free share of the storage quota below which new cases may fail to save. */
  storageHeadroom: 0.1,
  /** A workstation silent for longer than this (server clock) is flagged. */
  staleReportSeconds: 24 * 3600,
} as const;

export type HealthWarning = 'oldestUnsent' | 'outbox' | 'storage' | 'catalogBehind' | 'staleReport';

/** Free share of the quota (0–1), or null when unknown. */
export function storageHeadroom(r: Pick<HealthReport, 'storageUsageBytes' | 'storageQuotaBytes'>): number | null {
  if (r.storageUsageBytes === null || r.storageQuotaBytes === null || r.storageQuotaBytes <= 0) return null;
  return Math.max(0, (r.storageQuotaBytes - r.storageUsageBytes) / r.storageQuotaBytes);
}

/** Dotted numeric versions compared part by part (2026.11.10 > 2026.11.9); other text compared as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The warnings of a report. `elapsedSeconds`: time since the report (server clock for the
 * centre's list, 0 for this workstation's own live figures) — the oldest unsent case keeps
 * ageing while a workstation is silent.
 */
export function healthWarnings(r: HealthReport, options: { latestCatalogVersion?: string | null; elapsedSeconds?: number } = {}): HealthWarning[] {
  const out: HealthWarning[] = [];
  const elapsed = Math.max(0, options.elapsedSeconds ?? 0);
  if (r.oldestUnsentSeconds !== null && r.oldestUnsentSeconds + elapsed > HEALTH_LIMITS.oldestUnsentSeconds) out.push('oldestUnsent');
  if (r.outboxDepth > HEALTH_LIMITS.outboxDepth) out.push('outbox');
  const h = storageHeadroom(r);
  if (h !== null && h < HEALTH_LIMITS.storageHeadroom) out.push('storage');
  if (options.latestCatalogVersion && compareVersions(r.catalogVersion, options.latestCatalogVersion) < 0) out.push('catalogBehind');
  if (elapsed > HEALTH_LIMITS.staleReportSeconds) out.push('staleReport');
  return out;
}
