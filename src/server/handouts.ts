/**
 * 统一窗口出件 and 好差评 on the department-queue service:
 *
 * - `POST /api/v1/cases/:caseId/handouts` — a result hand-out, only when canHandOut over the
 *   case's stored status events allows it for every department the hand-out names.
 * - `POST /api/v1/cases/:caseId/ratings` — a rating from the applicant-facing screen; a 差评
 *   opens a follow-up row with its call-back and fix deadlines (followUpFor).
 *
 * Both: workstation token; the case must exist and belong to the workstation's centre (404
 * otherwise, so other centres' case ids are not revealed); idempotent on the
 * workstation-generated id (same id + same body → alreadyHave; other body → 409 conflict);
 * training is refused (403 training). Registered by app.ts with `registerHandoutRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import { defaultCalendar } from '../core/calendar';
import type { IntakeCase } from '../core/intake/case';
import { validateCaseNumber } from '../core/intake/caseNumber';
import { canHandOut, handoutCaseIssues, normalizeTrackingNumber, type ResultHandout } from '../core/lifecycle/handout';
import { normalizeIdentityInput } from '../core/identity';
import { followUpFor, RATING_SCORES, type Rating } from '../core/lifecycle/rating';
import {
  API_PREFIX,
  type HandoutPushResponse,
  PushedHandout,
  PushedRating,
  type RatingFollowUpView,
  type RatingPushResponse,
  type StatusEvent,
  type StatusEventKind,
} from '../core/sync/protocol';
import { isTrainingCaseNumber } from '../core/training/isolation';
import { canonicalJson, sha256Hex } from '../core/kernel';
import type { Db, Queryable } from './db';
import { asJson, caseIdOf, iso, parseOr400, workstationOf, type WorkstationActor } from './guards';
import { ApiProblem } from './problem';

function refuseTraining(training: boolean, caseNumber: string): void {
  if (training || isTrainingCaseNumber(caseNumber)) throw new ApiProblem(403, 'training', 'training hand-outs and ratings never reach the server');
}

type CaseRow = {
  case_id: string;
  case_number: string;
  centre_code: string;
  status: string;
  body: unknown;
};

/** The case, locked for this transaction; 404 when it is unknown or of another centre. */
async function lockCase(tx: Queryable, caseId: string, ws: WorkstationActor): Promise<CaseRow> {
  const [row] = await tx.query<CaseRow>(
    `SELECT case_id::text AS case_id, case_number, centre_code, status, body FROM cases WHERE case_id = $1::uuid FOR UPDATE`,
    [caseId],
  );
  if (!row || row.centre_code !== ws.centreCode) throw new ApiProblem(404, 'notFound', 'no such case for this centre');
  return row;
}

async function caseEvents(tx: Queryable, c: CaseRow): Promise<StatusEvent[]> {
  const rows = await tx.query<{ seq: number; kind: StatusEventKind; department_code: string | null; at: Date; result_ready: boolean | null }>(
    `SELECT seq, kind, department_code, at, result_ready FROM status_events WHERE case_id = $1::uuid ORDER BY seq`,
    [c.case_id],
  );
  return rows.map((r) => ({
    cursor: Number(r.seq),
    caseId: c.case_id,
    caseNumber: c.case_number,
    kind: r.kind,
    departmentCode: r.department_code,
    at: iso(r.at),
    ...(r.result_ready !== null ? { resultReady: r.result_ready } : {}),
  }));
}

const sameCaseNumber = (a: string, b: string): boolean => {
  const n = (s: string) => {
    const v = validateCaseNumber(s);
    return v.ok ? v.normalized : s.trim().toUpperCase();
  };
  return n(a) === n(b);
};

/** The hand-out as stored: ID and tracking numbers normalised (as validateHandout does). */
function normalizedHandout(h: ResultHandout): ResultHandout {
  const d = h.delivery;
  if (d.method === 'post') return { ...h, delivery: { ...d, trackingNumber: normalizeTrackingNumber(d.trackingNumber) } };
  if (d.method === 'inPerson') return { ...h, delivery: { ...d, recipientIdNumber: normalizeIdentityInput(d.recipientIdNumber) } };
  return h;
}

export async function recordHandout(db: Db, ws: WorkstationActor, caseId: string, body: PushedHandout, now: Date): Promise<HandoutPushResponse> {
  const h = normalizedHandout(body.handout);
  refuseTraining(body.training, h.caseNumber);
  if (h.caseId.toLowerCase() !== caseId) throw new ApiProblem(400, 'invalidBody', 'handout.caseId: not the case of the URL', ['handout.caseId']);
  const hash = sha256Hex(canonicalJson(h));
  return db.transaction(async (tx) => {
    const c = await lockCase(tx, caseId, ws);
    const [existing] = await tx.query<{ content_hash: string; case_id: string }>(`SELECT content_hash, case_id::text AS case_id FROM handouts WHERE id = $1::uuid`, [h.id]);
    if (existing) {
      if (existing.content_hash !== hash || existing.case_id !== caseId) throw new ApiProblem(409, 'conflict', 'another hand-out is stored under this id');
      return { id: h.id, caseId: h.caseId, outcome: 'alreadyHave' as const };
    }
    if (!sameCaseNumber(h.caseNumber, c.case_number)) throw new ApiProblem(400, 'invalidBody', 'handout.caseNumber: not the case number of this case', ['handout.caseNumber']);
    const issues = handoutCaseIssues(h, asJson<IntakeCase>(c.body));
    if (issues.length > 0)
      throw new ApiProblem(400, 'invalidBody', issues.map((i) => `${i.path}: ${i.message['en-US']}`).join('; '), issues.map((i) => `handout.${i.path}`));
    const stored = await tx.query<{ body: unknown }>(`SELECT body FROM handouts WHERE case_id = $1::uuid`, [caseId]);
    const r = canHandOut(await caseEvents(tx, c), { handouts: stored.map((s) => asJson<ResultHandout>(s.body)) });
    const notReady = h.departmentCodes.filter((d) => !r.readyDepartments.includes(d));
    if (!r.allowed || notReady.length > 0)
      throw new ApiProblem(409, 'notReady', `the result cannot be handed out (${r.reason}${notReady.length > 0 ? `; not ready: ${notReady.join(', ')}` : ''})`);
    await tx.query(
      `INSERT INTO handouts (id, case_id, workstation_id, method, department_codes, at, content_hash, body, received_at)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9)`,
      [h.id, caseId, ws.id, h.delivery.method, JSON.stringify(h.departmentCodes), h.at, hash, JSON.stringify(h), now.toISOString()],
    );
    return { id: h.id, caseId: h.caseId, outcome: 'stored' as const };
  });
}

type FollowUpRow = { rating_id: string; opened_at: Date; call_back_by: Date | string; fix_by: Date | string; provisional: boolean };

const dateOnly = (v: Date | string): string => (v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : String(v).slice(0, 10));

function followUpView(r: FollowUpRow, caseNumber: string): RatingFollowUpView {
  return { ratingId: r.rating_id, caseNumber, openedAt: iso(r.opened_at), callBackBy: dateOnly(r.call_back_by), fixBy: dateOnly(r.fix_by), provisional: r.provisional };
}

export async function recordRating(db: Db, ws: WorkstationActor, caseId: string, body: PushedRating, now: Date): Promise<RatingPushResponse> {
  const rating: Rating = body.rating;
  refuseTraining(body.training, rating.caseNumber);
  if (rating.caseId && rating.caseId.toLowerCase() !== caseId) throw new ApiProblem(400, 'invalidBody', 'rating.caseId: not the case of the URL', ['rating.caseId']);
  if (rating.centreCode !== ws.centreCode) throw new ApiProblem(400, 'invalidBody', 'rating.centreCode: not this workstation’s centre', ['rating.centreCode']);
  const hash = sha256Hex(canonicalJson(rating));
  return db.transaction(async (tx) => {
    const c = await lockCase(tx, caseId, ws);
    const followUpOf = async (id: string) => {
      const [f] = await tx.query<FollowUpRow>(`SELECT rating_id::text AS rating_id, opened_at, call_back_by::text AS call_back_by, fix_by::text AS fix_by, provisional FROM rating_follow_ups WHERE rating_id = $1::uuid`, [id]);
      return f ? followUpView(f, c.case_number) : null;
    };
    const [existing] = await tx.query<{ content_hash: string; case_id: string }>(`SELECT content_hash, case_id::text AS case_id FROM ratings WHERE id = $1::uuid`, [rating.id]);
    if (existing) {
      if (existing.content_hash !== hash || existing.case_id !== caseId) throw new ApiProblem(409, 'conflict', 'another rating is stored under this id');
      return { id: rating.id, caseId, outcome: 'alreadyHave' as const, followUp: await followUpOf(rating.id) };
    }
    if (!sameCaseNumber(rating.caseNumber, c.case_number)) throw new ApiProblem(400, 'invalidBody', 'rating.caseNumber: not the case number of this case', ['rating.caseNumber']);
    const [twice] = await tx.query(`SELECT 1 FROM ratings WHERE case_id = $1::uuid AND trigger = $2`, [caseId, rating.trigger]);
    if (twice) throw new ApiProblem(409, 'alreadyRated', 'this case has already been rated for this occasion (一次一评)');
    if (rating.trigger === 'afterAcceptance' && c.status !== 'accepted') throw new ApiProblem(409, 'notAccepted', 'only an accepted case is rated after acceptance');
    if (rating.trigger === 'afterHandout') {
      const [h] = await tx.query(`SELECT 1 FROM handouts WHERE case_id = $1::uuid LIMIT 1`, [caseId]);
      if (!h) throw new ApiProblem(409, 'notHandedOut', 'no hand-out of this case is stored yet');
    }
    await tx.query(
      `INSERT INTO ratings (id, case_id, workstation_id, trigger, level, score, at, content_hash, body, received_at)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
      [rating.id, caseId, ws.id, rating.trigger, rating.level, RATING_SCORES[rating.level], rating.at, hash, JSON.stringify(rating), now.toISOString()],
    );
    const f = followUpFor(rating, rating.at, defaultCalendar);
    if (f)
      await tx.query(
        `INSERT INTO rating_follow_ups (rating_id, case_id, opened_at, call_back_by, fix_by, provisional) VALUES ($1::uuid, $2::uuid, $3, $4::date, $5::date, $6)`,
        [rating.id, caseId, f.openedAt, f.callBackBy, f.fixBy, f.provisional],
      );
    return { id: rating.id, caseId, outcome: 'stored' as const, followUp: await followUpOf(rating.id) };
  });
}

export function registerHandoutRoutes(app: FastifyInstance, options: { db: Db; now: () => Date }): void {
  const { db, now } = options;
  app.post(`${API_PREFIX}/cases/:caseId/handouts`, { config: { auth: 'workstation' } }, async (request, reply) => {
    const ws = workstationOf(request);
    const caseId = caseIdOf(request, 'no such case for this centre');
    const body = parseOr400(PushedHandout, request.body, 'handout');
    const r = await recordHandout(db, ws, caseId, body, now());
    return reply.code(r.outcome === 'stored' ? 201 : 200).send(r);
  });
  app.post(`${API_PREFIX}/cases/:caseId/ratings`, { config: { auth: 'workstation' } }, async (request, reply) => {
    const ws = workstationOf(request);
    const caseId = caseIdOf(request, 'no such case for this centre');
    const body = parseOr400(PushedRating, request.body, 'rating');
    const r = await recordRating(db, ws, caseId, body, now());
    return reply.code(r.outcome === 'stored' ? 201 : 200).send(r);
  });
}
