/**
 * What a department may point at in a 补正 (return for correction), on the service:
 *
 * - `GET /api/v1/department/cases/:caseId/correction-points` (department with a dispatch of
 *   the case) — the case's own fields and materials by name (correctionPoints,
 *   src/core/lifecycle/caseFields.ts), from its latest version and the catalog version it was
 *   taken under: the inbox's checklist, so an officer picks 联系电话 or 营业执照 and never
 *   types a path.
 * - `checkCorrectionDecision` — a correction request's every point must name a real field or
 *   material of that case (its latest version): a typo or another case's material would
 *   reach the window as a comment about nothing. Refused with 400 before the decision is
 *   taken (the decision routes of app.ts call it).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IntakeCase } from '../core/intake/case';
import { correctionPoints, unknownCorrectionPaths } from '../core/lifecycle/caseFields';
import { API_PREFIX, type DepartmentDecision } from '../core/sync/protocol';
import type { Queryable } from './db';
import { asJson, departmentOf } from './guards';
import { ApiProblem } from './problem';
import type { CatalogCache, DepartmentRef } from './store';

/** The case as it stands (the latest revision after a fix, else as pushed). */
const LATEST_BODY = `COALESCE((SELECT r.body::text FROM case_revisions r WHERE r.case_id = c.case_id ORDER BY r.revision DESC LIMIT 1), c.body)`;

async function catalogOf(db: Queryable, catalogs: CatalogCache, version: string) {
  try {
    return (await catalogs.get(db, version)) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * 400 when a correction request points at something its case does not have. Does nothing for
 * other decisions, or when the dispatch is not this department's (the decision itself then
 * answers 401/403/404, so nothing about another department's case is revealed here).
 */
export async function checkCorrectionDecision(
  db: Queryable,
  catalogs: CatalogCache,
  ref: DepartmentRef,
  dispatchId: number,
  decision: DepartmentDecision,
): Promise<void> {
  if (decision.kind !== 'correctionRequested' || decision.fieldComments.length === 0) return;
  const [row] = await db.query<{ body: unknown }>(
    `SELECT ${LATEST_BODY} AS body FROM dispatches d JOIN cases c ON c.case_id = d.case_id
     WHERE d.id = $1 AND d.department_code = ${'code' in ref ? '$2' : '(SELECT code FROM departments WHERE token_hash = $2 AND revoked_at IS NULL)'}`,
    [dispatchId, 'code' in ref ? ref.code : ref.tokenHash],
  );
  if (!row) return;
  const c = asJson<IntakeCase>(row.body);
  const unknown = new Set(unknownCorrectionPaths(c, decision.fieldComments.map((f) => f.path), await catalogOf(db, catalogs, c.catalogVersion)));
  if (unknown.size === 0) return;
  const paths = decision.fieldComments.flatMap((f, i) => (unknown.has(f.path) ? [`fieldComments[${i}].path`] : []));
  throw new ApiProblem(
    400,
    'unknownCorrectionPoint',
    `fieldComments: ${[...unknown].map((p) => JSON.stringify(p)).join(', ')} names no field or material of this case; pick one from GET ${API_PREFIX}/department/cases/:caseId/correction-points`,
    paths,
  );
}

const CaseIdParams = z.object({ caseId: z.uuid() });

export function registerCorrectionRoutes(app: FastifyInstance, options: { db: Queryable; catalogs: CatalogCache }): void {
  const { db, catalogs } = options;
  app.get(`${API_PREFIX}/department/cases/:caseId/correction-points`, { config: { auth: 'department' } }, async (request) => {
    const a = departmentOf(request);
    const p = CaseIdParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such case for this department');
    const [row] = await db.query<{ body: unknown }>(
      `SELECT ${LATEST_BODY} AS body FROM cases c
       WHERE c.case_id = $1::uuid AND EXISTS (SELECT 1 FROM dispatches d WHERE d.case_id = c.case_id AND d.department_code = $2)`,
      [p.data.caseId.toLowerCase(), a.id],
    );
    if (!row) throw new ApiProblem(404, 'notFound', 'no such case for this department');
    const c = asJson<IntakeCase>(row.body);
    return { caseId: c.id, points: correctionPoints(c, await catalogOf(db, catalogs, c.catalogVersion)) };
  });
}
