import { describe, expect, it } from 'vitest';
import { compareVersions, HealthReport, healthWarnings, storageHeadroom } from './health';

const ok: HealthReport = HealthReport.parse({
  reportedAt: '2026-12-01T09:00:00+08:00',
  appVersion: '0.1.0',
  catalogVersion: '2026.11.1',
  lastSyncAt: '2026-12-01T08:59:00+08:00',
  oldestUnsentSeconds: null,
  outboxDepth: 0,
  storageUsageBytes: 1_000,
  storageQuotaBytes: 100_000,
  liveCases: 12,
  trainingCases: 3,
});

describe('workstation health', () => {
  it('no warning when all is well', () => {
    expect(healthWarnings(ok, { latestCatalogVersion: '2026.11.1', elapsedSeconds: 60 })).toEqual([]);
  });
  it('warns before work is at risk: oldest unsent over 4 h (ageing while silent), outbox over 500, headroom under 10 %, catalog behind, no report for a day', () => {
    expect(healthWarnings({ ...ok, oldestUnsentSeconds: 4 * 3600 + 1 })).toEqual(['oldestUnsent']);
    expect(healthWarnings({ ...ok, oldestUnsentSeconds: 3 * 3600 }, { elapsedSeconds: 3601 })).toEqual(['oldestUnsent']);
    expect(healthWarnings({ ...ok, oldestUnsentSeconds: 4 * 3600 })).toEqual([]);
    expect(healthWarnings({ ...ok, outboxDepth: 501 })).toEqual(['outbox']);
    expect(healthWarnings({ ...ok, outboxDepth: 500 })).toEqual([]);
    expect(healthWarnings({ ...ok, storageUsageBytes: 90_001 })).toEqual(['storage']);
    expect(healthWarnings({ ...ok, storageUsageBytes: 90_000 })).toEqual([]);
    expect(healthWarnings(ok, { latestCatalogVersion: '2026.11.10' })).toEqual(['catalogBehind']);
    expect(healthWarnings(ok, { elapsedSeconds: 25 * 3600 })).toEqual(['staleReport']);
  });
  it('storage headroom is unknown without an estimate', () => {
    expect(storageHeadroom({ storageUsageBytes: null, storageQuotaBytes: 5 })).toBeNull();
    expect(storageHeadroom({ storageUsageBytes: 1, storageQuotaBytes: 0 })).toBeNull();
    expect(storageHeadroom(ok)).toBeCloseTo(0.99);
  });
  it('versions compare by number', () => {
    expect(compareVersions('2026.11.9', '2026.11.10')).toBeLessThan(0);
    expect(compareVersions('2026.12.1', '2026.11.10')).toBeGreaterThan(0);
    expect(compareVersions('2026.11.1', '2026.11.1')).toBe(0);
  });
  it('a report carries no personal data: unknown fields are refused', () => {
    expect(HealthReport.safeParse({ ...ok, clerkName: '王晓梅' }).success).toBe(false);
    expect(HealthReport.safeParse({ ...ok, outboxDepth: -1 }).success).toBe(false);
  });
});
