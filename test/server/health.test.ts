/**
 * Workstation health: POST /api/v1/workstations/health and GET
 * /api/v1/centre/health, on PGlite and on PostgreSQL — zod-checked, no personal data, the
 * latest report per workstation, a centre's workstations only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentreHealthResponse, type HealthReportInput } from '../../src/core/quality/health';
import { revokeToken } from '../../src/server/adminCommands';
import { BACKENDS, call, type Env, startEnv } from './helpers';

function report(o: Partial<HealthReportInput> = {}): HealthReportInput {
  return {
    reportedAt: '2026-12-01T09:00:00+08:00',
    appVersion: '0.1.0',
    catalogVersion: '2026.11.1',
    lastSyncAt: '2026-12-01T08:59:30+08:00',
    oldestUnsentSeconds: 120,
    outboxDepth: 3,
    outboxNeedsFix: 0,
    storageUsageBytes: 5_000_000,
    storageQuotaBytes: 100_000_000,
    liveCases: 40,
    trainingCases: 2,
    ...o,
  };
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`workstation health — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    it("a workstation reports; the centre's workstations read the latest report of each, never another centre's", async () => {
      expect((await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.ws.token, body: report({ outboxDepth: 7 }) })).status).toBe(204);
      env.clock.advance(60);
      // a later report replaces the earlier one
      expect((await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.ws.token, body: report({ outboxDepth: 9, reportedAt: '2026-12-01T09:01:00+08:00' }) })).status).toBe(204);
      expect((await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.wsOther.token, body: report({ outboxDepth: 600 }) })).status).toBe(204);

      const read = await call(env.app, 'GET', '/api/v1/centre/health', { token: env.ws2.token });
      expect(read.status).toBe(200);
      const body = CentreHealthResponse.parse(read.json);
      expect(body.centreCode).toBe('330106');
      expect(body.latestCatalogVersion).not.toBeNull();
      expect(body.workstations.map((w) => w.workstationCode)).toEqual(['3A', '7K']);
      const k7 = body.workstations.find((w) => w.workstationCode === '7K')!;
      expect(k7.self).toBe(false);
      expect(k7.report?.outboxDepth).toBe(9);
      expect(k7.receivedAt).toBe(env.clock.now().toISOString());
      const a3 = body.workstations.find((w) => w.workstationCode === '3A')!;
      expect(a3).toMatchObject({ self: true, report: null, receivedAt: null });
      expect(JSON.stringify(body)).not.toContain('600');
      const [{ n }] = (await env.db.query<{ n: number | string }>('SELECT count(*) AS n FROM workstation_health')) as [{ n: number | string }];
      expect(Number(n)).toBe(2);
    });

    it('refuses a malformed report, fields that are not in the schema (no personal data), and wrong tokens', async () => {
      const bad = await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.ws.token, body: report({ outboxDepth: -1 }) });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.json)).toContain('outboxDepth');
      const extra = await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.ws.token, body: { ...report(), clerkName: '王晓梅' } });
      expect(extra.status).toBe(400);
      expect((await call(env.app, 'POST', '/api/v1/workstations/health', { body: report() })).status).toBe(401);
      expect((await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.dept.SCJG, body: report() })).status).toBe(403);
      expect((await call(env.app, 'GET', '/api/v1/centre/health', { token: env.dept.SCJG })).status).toBe(403);
    });

    it('a revoked workstation neither reports nor is listed', async () => {
      await revokeToken(env.db, 'workstation', env.ws2.id);
      expect((await call(env.app, 'POST', '/api/v1/workstations/health', { token: env.ws2.token, body: report() })).status).toBe(401);
      const body = CentreHealthResponse.parse((await call(env.app, 'GET', '/api/v1/centre/health', { token: env.ws.token })).json);
      expect(body.workstations.map((w) => w.workstationCode)).toEqual(['7K']);
      expect(body.workstations[0]!.self).toBe(true);
    });
  });
}
