/**
 * The small checks every route module shares: who may call (workstationOf, departmentOf), a body or query
 * parsed or a 400 with the failing paths (parseOr400), a case id from the URL (caseIdOf), and
 * the conversions of what the database driver returns (iso, isoOrNull, asJson) — PostgreSQL
 * gives Date objects and parsed JSON, PGlite may give strings.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from './auth';
import { ApiProblem, describeIssues, refuseTooDeep } from './problem';

export type WorkstationActor = Extract<Actor, { kind: 'workstation' }>;
export type DepartmentActor = Extract<Actor, { kind: 'department' }>;

/** The calling workstation; 403 for anyone else. */
export function workstationOf(request: FastifyRequest): WorkstationActor {
  const a = request.actor;
  if (a?.kind !== 'workstation') throw new ApiProblem(403, 'forbidden', 'workstations only');
  return a;
}

/** The calling department; 403 for anyone else. */
export function departmentOf(request: FastifyRequest): DepartmentActor {
  const a = request.actor;
  if (a?.kind !== 'department') throw new ApiProblem(403, 'forbidden', 'departments only');
  return a;
}

/**
 * `value` parsed by `schema`, or a 400 `invalidBody` naming `what` and the failing paths (no
 * values: they may be personal data). The depth is checked first, before anything recursive
 * sees the value; `checkDepth: false` where the caller checks each part itself.
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string, checkDepth = true): T {
  if (checkDepth) refuseTooDeep(value);
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { paths, message } = describeIssues(r.error.issues);
  throw new ApiProblem(400, 'invalidBody', `${what}: ${message}`, paths);
}

const CaseIdParams = z.object({ caseId: z.uuid() });

/** The `:caseId` of the URL in lower case (PostgreSQL prints uuids so); 404 with `notFound` when it is no uuid. */
export function caseIdOf(request: FastifyRequest, notFound: string): string {
  const r = CaseIdParams.safeParse(request.params);
  if (!r.success) throw new ApiProblem(404, 'notFound', notFound);
  return r.data.caseId.toLowerCase();
}

/** A timestamp column as ISO 8601 (a Date from PostgreSQL, a string or Date from PGlite). */
export function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

/** A json/jsonb column as its value (parsed already by PostgreSQL's driver, text from some paths). */
export function asJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
