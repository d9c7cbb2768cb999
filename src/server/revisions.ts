/**
 * Case versions after a 补正 on the department-queue service:
 *
 * - `POST /api/v1/cases/:caseId/revisions` (workstation) — the clerk's fix, accepted only on
 *   top of the latest stored version (revision = latest + 1, previousContentHash = its hash),
 *   from the workstation that pushed the case, never for training; idempotent on
 *   (caseId, revision, contentHash). The dispatches waiting in correctionRequested go back to
 *   inReview (the department that asked reviews the fix) and a `resubmitted` status event is
 *   recorded per department (numbered for the workstation's cursor when it pulls).
 * - `GET /api/v1/department/cases/:caseId/revisions` (department with a dispatch of the case)
 *   — every version, oldest first, and the field-by-field diff between consecutive ones
 *   (diffCaseVersions, src/core/lifecycle/revision.ts), and the clerk's reply to the department
 *   (补正答复) where a version brought one. A version may be that reply alone (no changed
 *   path); the `resubmitted` event then carries the reply as its comment.
 *
 * The cases row keeps revision 1 exactly as pushed (a retried push of it stays alreadyHave).
 * Registered by app.ts with `registerRevisionRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import type { IntakeCase } from '../core/intake/case';
import { RevisionReason, diffCaseVersions, replyOf } from '../core/lifecycle/revision';
import {
  API_PREFIX,
  type CaseRevisionsResponse,
  type CaseVersionView,
  PushedRevision,
  type RevisionPushResponse,
} from '../core/sync/protocol';
import { isTrainingCaseNumber } from '../core/training/isolation';
import { canonicalJson, sha256Hex } from '../core/kernel';
import type { Db, Queryable } from './db';
import { asJson, caseIdOf, departmentOf, iso, parseOr400, type WorkstationActor } from './guards';
import { ApiProblem } from './problem';
import type { CatalogCache } from './store';

type CaseRow = {
  case_id: string;
  case_number: string;
  centre_code: string;
  workstation_id: string;
  status: string;
  content_hash: string;
  body: unknown;
  received_at: Date;
};
type RevisionRow = {
  revision: number;
  reason: unknown;
  previous_content_hash: string;
  content_hash: string;
  changed_paths: unknown;
  body: unknown;
  received_at: Date;
};

const CASE_COLUMNS = `case_id::text AS case_id, case_number, centre_code, workstation_id, status, content_hash, body, received_at`;
const REVISION_COLUMNS = `revision, reason, previous_content_hash, content_hash, changed_paths, body, received_at`;

/** Stores a revision; see the module comment. */
export async function recordRevision(db: Db, ws: WorkstationActor, caseId: string, raw: unknown, now: Date): Promise<RevisionPushResponse> {
  // Training first, before anything else is looked at.
  const r = raw as { training?: unknown; case?: { training?: unknown; caseNumber?: unknown } } | null;
  if (r && (r.training === true || r.case?.training === true || (typeof r.case?.caseNumber === 'string' && isTrainingCaseNumber(r.case.caseNumber))))
    throw new ApiProblem(403, 'training', 'training cases never reach the server');
  const body = parseOr400(PushedRevision, raw, 'revision');
  const rawCase = (raw as { case: unknown }).case;
  if (body.case.id.toLowerCase() !== caseId) throw new ApiProblem(400, 'invalidBody', 'case.id: not the case of the URL', ['case.id']);
  if (sha256Hex(canonicalJson(rawCase)) !== body.contentHash)
    throw new ApiProblem(400, 'invalidBody', 'contentHash is not the SHA-256 of canonicalJson(case)', ['contentHash']);
  if (body.case.status !== 'accepted') throw new ApiProblem(400, 'invalidBody', 'only an accepted case has revisions', ['case.status']);
  // The reason is kept as sent, but a reply (补正答复) is read from it: it must be well formed.
  const reason = body.reason === undefined ? undefined : parseOr400(RevisionReason, body.reason, 'reason');
  const reply = replyOf(reason);
  if (body.changedPaths.length === 0 && reply === null)
    throw new ApiProblem(400, 'invalidBody', 'changedPaths: a version changes something, or answers a correction request with a reply (reason.reply)', ['changedPaths']);

  return db.transaction(async (tx) => {
    const [c] = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_id = $1::uuid FOR UPDATE`, [caseId]);
    if (!c || c.centre_code !== ws.centreCode) throw new ApiProblem(404, 'notFound', 'no such case for this centre');
    if (c.workstation_id !== ws.id) throw new ApiProblem(403, 'forbidden', 'only the workstation that pushed the case sends its revisions');
    const [same] = await tx.query<{ content_hash: string }>(`SELECT content_hash FROM case_revisions WHERE case_id = $1::uuid AND revision = $2`, [
      caseId,
      body.revision,
    ]);
    if (same) {
      if (same.content_hash !== body.contentHash) throw new ApiProblem(409, 'conflict', `another version ${body.revision} of this case is stored`);
      return { caseId: body.case.id, revision: body.revision, outcome: 'alreadyHave' as const, departments: [] };
    }
    const [latest] = await tx.query<{ revision: number; content_hash: string }>(
      `SELECT revision, content_hash FROM case_revisions WHERE case_id = $1::uuid ORDER BY revision DESC LIMIT 1`,
      [caseId],
    );
    const latestRevision = latest ? Number(latest.revision) : 1;
    const latestHash = latest ? latest.content_hash : c.content_hash;
    if (body.revision !== latestRevision + 1 || body.previousContentHash !== latestHash)
      throw new ApiProblem(409, 'staleRevision', `the latest stored version is ${latestRevision}; a revision must be version ${latestRevision + 1} on top of it`);
    if (c.status !== 'accepted') throw new ApiProblem(409, 'notAccepted', 'only an accepted case has revisions');
    const original = asJson<IntakeCase>(c.body);
    if (body.case.caseNumber !== original.caseNumber) throw new ApiProblem(400, 'invalidBody', 'case.caseNumber: differs from the stored case', ['case.caseNumber']);
    if (canonicalJson(body.case.decision) !== canonicalJson(original.decision))
      throw new ApiProblem(400, 'invalidBody', 'case.decision: the acceptance decision is never rewritten', ['case.decision']);
    if (canonicalJson(body.case.subject) !== canonicalJson(original.subject))
      throw new ApiProblem(400, 'invalidBody', 'case.subject: a revision keeps the items (and so the departments) of the case', ['case.subject']);

    await tx.query(
      `INSERT INTO case_revisions (case_id, revision, previous_content_hash, content_hash, workstation_id, changed_paths, reason, body, received_at)
       VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9)`,
      [
        caseId,
        body.revision,
        body.previousContentHash,
        body.contentHash,
        ws.id,
        JSON.stringify(body.changedPaths),
        body.reason === undefined ? null : JSON.stringify(body.reason),
        canonicalJson(body.case), // as its schema parsed it: unknown fields dropped
        now,
      ],
    );
    const reopened = await tx.query<{ department_code: string }>(
      `UPDATE dispatches SET state = 'inReview', lease_owner = NULL, lease_until = NULL
       WHERE case_id = $1::uuid AND state = 'correctionRequested' RETURNING department_code`,
      [caseId],
    );
    const departments = reopened.map((d) => d.department_code).sort();
    // Numbered for the workstation's cursor when it pulls (store.ts, migration 008).
    const codes: (string | null)[] = departments.length > 0 ? departments : [null];
    await tx.query(
      `INSERT INTO status_events (case_id, workstation_id, kind, department_code, at, comment)
       SELECT $1::uuid, $2, 'resubmitted', x.code, $3, $4 FROM jsonb_array_elements_text($5::jsonb) WITH ORDINALITY AS x(code, n) ORDER BY x.n`,
      // the clerk's reply travels with the version: the window's timeline shows it as this event's comment
      [caseId, c.workstation_id, now, reply ?? `第${body.revision}版`, JSON.stringify(codes)],
    );
    return { caseId: body.case.id, revision: body.revision, outcome: 'stored' as const, departments };
  });
}

function replyView(raw: unknown): { reply?: string } {
  const r = RevisionReason.safeParse(raw === null ? undefined : asJson(raw));
  const reply = r.success ? replyOf(r.data) : null;
  return reply === null ? {} : { reply };
}

/** Every version of a case the department has a dispatch of, with the diffs. */
export async function revisionsForDepartment(db: Queryable, departmentCode: string, caseId: string, catalogs: CatalogCache): Promise<CaseRevisionsResponse> {
  const [c] = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.case_id = $1::uuid AND EXISTS (SELECT 1 FROM dispatches d WHERE d.case_id = c.case_id AND d.department_code = $2)`,
    [caseId, departmentCode],
  );
  if (!c) throw new ApiProblem(404, 'notFound', 'no such case for this department');
  const rows = await db.query<RevisionRow>(`SELECT ${REVISION_COLUMNS} FROM case_revisions WHERE case_id = $1::uuid ORDER BY revision`, [caseId]);
  const original = asJson<IntakeCase>(c.body);
  const versions: CaseVersionView[] = [
    { revision: 1, contentHash: c.content_hash, previousContentHash: null, receivedAt: iso(c.received_at), changedPaths: [], case: original },
    ...rows.map((r) => ({
      revision: Number(r.revision),
      contentHash: r.content_hash,
      previousContentHash: r.previous_content_hash,
      receivedAt: iso(r.received_at),
      changedPaths: asJson<string[]>(r.changed_paths),
      ...replyView(r.reason),
      case: asJson<IntakeCase>(r.body),
    })),
  ];
  let catalog = null;
  try {
    catalog = await catalogs.get(db, original.catalogVersion);
  } catch {
    catalog = null;
  }
  const diffs = versions.slice(1).map((v, i) => {
    const d = diffCaseVersions(versions[i]!.case, v.case, catalog ? { catalog } : {});
    return { fromRevision: versions[i]!.revision, toRevision: v.revision, changes: d.changes };
  });
  return { caseId: c.case_id, caseNumber: c.case_number, versions, diffs };
}

export function registerRevisionRoutes(app: FastifyInstance, options: { db: Db; now: () => Date; catalogs: CatalogCache }): void {
  const { db, now, catalogs } = options;
  app.post(`${API_PREFIX}/cases/:caseId/revisions`, { config: { auth: 'workstation' } }, async (request, reply) => {
    const a = request.actor;
    if (a?.kind !== 'workstation') throw new ApiProblem(403, 'forbidden', 'workstations only');
    const r = await recordRevision(db, a, caseIdOf(request, 'no such case'), request.body, now());
    return reply.code(r.outcome === 'stored' ? 201 : 200).send(r);
  });
  app.get(`${API_PREFIX}/department/cases/:caseId/revisions`, { config: { auth: 'department' } }, async (request) => {
    const a = departmentOf(request);
    return revisionsForDepartment(db, a.id, caseIdOf(request, 'no such case'), catalogs);
  });
}
