/**
 * Workstation health on the department-queue service:
 *
 * - `POST /api/v1/workstations/health` (workstation) — the workstation's figures
 *   (HealthReport, src/core/quality/health.ts: no personal data), sent on each sync round;
 *   the latest report per workstation is kept (migration 006).
 * - `GET /api/v1/centre/health` (any workstation of the centre) — every active workstation of
 *   the asking workstation's centre with its latest report (never another centre's), and the
 *   newest published catalog version, so the page can say who is behind.
 *
 * Registered by app.ts with `registerHealthRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import { type CentreHealthResponse, HealthReport } from '../core/quality/health';
import type { Db, Queryable } from './db';
import { iso, parseOr400, workstationOf, type WorkstationActor } from './guards';

/** Keeps the report as the workstation's latest. */
export async function recordHealth(db: Queryable, ws: WorkstationActor, report: HealthReport, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO workstation_health (workstation_id, centre_code, reported_at, received_at, body)
     VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5::jsonb)
     ON CONFLICT (workstation_id) DO UPDATE
       SET centre_code = EXCLUDED.centre_code, reported_at = EXCLUDED.reported_at, received_at = EXCLUDED.received_at, body = EXCLUDED.body`,
    [ws.id, ws.centreCode, report.reportedAt, now.toISOString(), JSON.stringify(report)],
  );
}

type Row = { id: string; code: string; received_at: Date | string | null; body: unknown };

/** The centre's active workstations, each with its latest report (null: never reported), by code. */
export async function centreHealth(db: Queryable, ws: WorkstationActor, now: Date): Promise<CentreHealthResponse> {
  const rows = await db.query<Row>(
    `SELECT w.id, w.code, h.received_at, h.body
       FROM workstations w LEFT JOIN workstation_health h ON h.workstation_id = w.id
      WHERE w.centre_code = $1 AND w.revoked_at IS NULL
      ORDER BY w.code`,
    [ws.centreCode],
  );
  const [latest] = await db.query<{ version: string }>(`SELECT version FROM catalog_versions ORDER BY effective_date DESC, published_at DESC LIMIT 1`);
  return {
    centreCode: ws.centreCode,
    latestCatalogVersion: latest?.version ?? null,
    serverTime: now.toISOString(),
    workstations: rows.map((r) => {
      const body = r.body === null ? null : HealthReport.safeParse(typeof r.body === 'string' ? JSON.parse(r.body) : r.body);
      return {
        workstationCode: r.code,
        self: r.id === ws.id,
        receivedAt: r.received_at === null ? null : iso(r.received_at),
        report: body?.success ? body.data : null,
      };
    }),
  };
}

export function registerHealthRoutes(app: FastifyInstance, options: { db: Db; now: () => Date }): void {
  const { db, now } = options;
  app.post('/api/v1/workstations/health', { config: { auth: 'workstation' } }, async (request, reply) => {
    const ws = workstationOf(request);
    const report = parseOr400(HealthReport, request.body, 'health report');
    await recordHealth(db, ws, report, now());
    return reply.code(204).send();
  });
  app.get('/api/v1/centre/health', { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    return centreHealth(db, ws, now());
  });
}
