/**
 * The training area of the department-queue service: drill results from the
 * workstations, so a trainer sees every trainee of the centre.
 *
 * - `POST /api/v1/training/results` (workstation) — `{ results: [...] }` (src/core/training/protocol.ts),
 *   stored in `training_results` (migration 005) under the workstation's centre; idempotent by
 *   result id (same content → alreadyHave; other content under the same id → conflict).
 * - `GET /api/v1/training/results?centre=330106[&trainee=C0042]` (workstation of that centre) —
 *   the centre's results, oldest first.
 *
 * Nothing here reads or writes cases, dispatches, status events or any department queue: a
 * result carries a score summary and at most a PX (training) case number, which the schema
 * checks. Registered by app.ts with `registerTrainingRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import { canonicalJson, sha256Hex } from '../core/kernel';
import {
  type StoredTrainingResult,
  type TrainingResult,
  TrainingResultsPush,
  type TrainingResultsPushResponse,
  TrainingResultsQuery,
  type TrainingResultsResponse,
} from '../core/training/protocol';

import type { Db, Queryable } from './db';
import { parseOr400, workstationOf, type WorkstationActor } from './guards';
import { ApiProblem } from './problem';

/** Most results a GET returns (a centre's onboarding year fits many times over). */
export const MAX_TRAINING_RESULTS_READ = 5_000;

type Row = { result_id: string; content_hash: string };

/** Stores the results; one transaction, per-result outcome. */
export async function storeTrainingResults(db: Db, ws: WorkstationActor, results: TrainingResult[], now: Date): Promise<TrainingResultsPushResponse> {
  const withHash = results.map((r) => {
    const body = canonicalJson(r);
    return { r, body, hash: sha256Hex(body) };
  });
  return db.transaction(async (tx: Queryable) => {
    const out: TrainingResultsPushResponse['results'] = [];
    for (const { r, body, hash } of withHash) {
      const inserted = await tx.query<Row>(
        `INSERT INTO training_results (result_id, centre_code, workstation_id, trainee_id, scenario_id, finished_at, content_hash, body, received_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::timestamptz, $7, $8::jsonb, $9::timestamptz)
         ON CONFLICT (result_id) DO NOTHING
         RETURNING result_id::text AS result_id, content_hash`,
        [r.id, ws.centreCode, ws.id, r.traineeId, r.scenarioId, r.finishedAt, hash, body, now.toISOString()],
      );
      if (inserted.length > 0) {
        out.push({ id: r.id, outcome: 'stored' });
        continue;
      }
      const [existing] = await tx.query<Row>(`SELECT result_id::text AS result_id, content_hash FROM training_results WHERE result_id = $1::uuid`, [r.id]);
      out.push({ id: r.id, outcome: existing?.content_hash === hash ? 'alreadyHave' : 'conflict' });
    }
    return { results: out };
  });
}

type ReadRow = { body: unknown; centre_code: string; code: string; received_at: Date | string };

/** The centre's results (optionally one trainee's), oldest first. */
export async function trainingResultsOf(db: Queryable, centreCode: string, traineeId?: string): Promise<TrainingResultsResponse> {
  const rows = await db.query<ReadRow>(
    `SELECT t.body, t.centre_code, w.code, t.received_at
       FROM training_results t JOIN workstations w ON w.id = t.workstation_id
      WHERE t.centre_code = $1 AND ($2::text IS NULL OR t.trainee_id = $2)
      ORDER BY t.finished_at, t.result_id
      LIMIT ${MAX_TRAINING_RESULTS_READ}`,
    [centreCode, traineeId ?? null],
  );
  const results: StoredTrainingResult[] = rows.map((row) => {
    const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as TrainingResult;
    const receivedAt = row.received_at instanceof Date ? row.received_at.toISOString() : new Date(String(row.received_at)).toISOString();
    return { ...body, centreCode: row.centre_code, workstationCode: row.code, receivedAt };
  });
  return { results };
}

export function registerTrainingRoutes(app: FastifyInstance, options: { db: Db; now: () => Date }): void {
  const { db, now } = options;
  app.post('/api/v1/training/results', { config: { auth: 'workstation' } }, async (request, reply) => {
    const ws = workstationOf(request);
    const body = parseOr400(TrainingResultsPush, request.body, 'training results');
    const ids = new Set<string>();
    for (const r of body.results) {
      if (ids.has(r.id)) throw new ApiProblem(400, 'invalidBody', `training results: result ${r.id} appears twice`, ['results']);
      ids.add(r.id);
    }
    const r = await storeTrainingResults(db, ws, body.results, now());
    return reply.code(r.results.some((x) => x.outcome === 'stored') ? 201 : 200).send(r);
  });
  app.get('/api/v1/training/results', { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    const q = parseOr400(TrainingResultsQuery, request.query, 'query');
    if (q.centre !== ws.centreCode) throw new ApiProblem(403, 'forbidden', "only the workstation's own centre");
    return trainingResultsOf(db, q.centre, q.trainee);
  });
}
