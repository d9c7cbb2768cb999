/**
 * Data sharing (一数一源) on the service — a Fastify plugin registered by app.ts:
 *
 * Workstation (its token; the body names the clerk and the case):
 * - `POST /api/v1/sharing/licences/lookup` — a licence of a holder on a date (lookup.ts); 429 past
 *   the clerk's look-up rate.
 * - `POST /api/v1/sharing/basic-records` — 秒填: a person's or organisation's basic record.
 * - `GET  /api/v1/sharing/lookups/:lookupId/document` — the fetched licence's document, for the
 *   workstation that looked it up (recorded; Cache-Control: private, no-store).
 * - `GET  /api/v1/sharing/lookups?from&to&clerkId&training` — the centre's look-up log.
 * Department (its token or an officer's session):
 * - `GET  /api/v1/department/cases/:caseId/licences` — what the case fetched (as fetched and as the
 *   registry has it now), what a 办结 will issue and what it issued.
 * - `GET  /api/v1/department/cases/:caseId/licences/:lookupId/document` — dispatch required, recorded.
 * - `POST /api/v1/sharing/import` — an issuing department loads its licence data set (all or nothing).
 * - `POST /api/v1/sharing/licences/status` — 吊销 / 注销 (or back to valid) of its own licences.
 * See docs/data-sharing.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { FetchedLicence } from '../../core/sharing/licence';
import { BasicRecordRequest, LicenceLookupRequest, LookupLogQuery, type LookupLogEntry } from '../../core/sharing/protocol';
import type { IntakeCase } from '../../core/intake/case';
import type { Actor } from '../auth';
import type { Db } from '../db';
import { ApiProblem, describeIssues, refuseTooDeep } from '../problem';
import { type CatalogCache, caseForDepartment } from '../store';
import { importRegistry, ImportError } from './import';
import { issuanceOfDispatch, issueOnApproval, issuePendingLicences } from './issuance';
import { registryKeys, type RegistryKeys } from './keys';
import { type Asker, type LookupContext, lookupBasicRecord, lookupLicence } from './lookup';
import { createPlatformAdapter, type PlatformAdapter, type PlatformConfig } from './platform';
import { licenceById, licenceType, licenceView, loadLicenceTypesFromCatalogs, liveRegistry, readDocument, type Registry, registryFor, setLicenceStatus, statusOn, TRAINING_REGISTRY } from './registry';
import { seedTrainingRegistry } from './training';

export interface SharingOptions {
  /** The registry's 32-byte master key (keys.ts); without one, a random key for this process only (tests). */
  key?: Buffer;
  /** The provincial platform: its configuration, an adapter, or none (the centre's registry only). */
  platform?: PlatformConfig | PlatformAdapter | null;
  /** Look-ups per clerk (workstation + clerkId); false = no limit. Default 60 a minute. */
  lookupRate?: { max: number; windowMs: number } | false;
}

export const DEFAULT_LOOKUP_RATE = { max: 60, windowMs: 60_000 };

type WorkstationActor = Extract<Actor, { kind: 'workstation' }>;
type DepartmentActor = Extract<Actor, { kind: 'department' }>;

function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  refuseTooDeep(value);
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { paths, message } = describeIssues(r.error.issues);
  throw new ApiProblem(400, 'invalidBody', `${what}: ${message}`, paths);
}

function workstationOf(request: FastifyRequest): WorkstationActor {
  const a = request.actor;
  if (a?.kind !== 'workstation') throw new ApiProblem(403, 'forbidden', 'workstations only');
  return a;
}
function departmentOf(request: FastifyRequest): DepartmentActor {
  const a = request.actor;
  if (a?.kind !== 'department') throw new ApiProblem(403, 'forbidden', 'departments only');
  return a;
}

const LookupIdParams = z.object({ lookupId: z.uuid() });
const CaseLookupParams = z.object({ caseId: z.uuid(), lookupId: z.uuid() });
const CaseParams = z.object({ caseId: z.uuid() });
const StatusChange = z.strictObject({
  typeCode: z.string().trim().min(1).max(64),
  number: z.string().trim().min(1).max(100),
  status: z.enum(['revoked', 'cancelled', 'valid']),
  reason: z.string().trim().min(1).max(500),
});

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const dateOf = (d: Date): string => d.toISOString().slice(0, 10);

export interface SharingHooks {
  /** After approvals commit: issue the licences their results name (issuance.ts). Never fails the decision. */
  afterApprovals(dispatchIds: readonly number[]): Promise<void>;
}

export async function sharingRoutes(
  app: FastifyInstance,
  options: { db: Db; now: () => Date; catalogs: CatalogCache; sharing?: SharingOptions | undefined },
): Promise<SharingHooks> {
  const { db, now, catalogs } = options;
  const sharing = options.sharing ?? {};
  const keys: RegistryKeys = registryKeys(sharing.key ?? (await import('node:crypto')).randomBytes(32));
  const live = liveRegistry(keys);
  const platform = !sharing.platform ? null : 'query' in sharing.platform ? sharing.platform : createPlatformAdapter(sharing.platform); // signed with the wall clock, not the service's (test) clock
  const ctx: LookupContext = { db, live, platform, now };
  await seedTrainingRegistry(db, now());
  await loadLicenceTypesFromCatalogs(db, now());
  await issuePendingLicences(db, catalogs, live, now());

  const rate = sharing.lookupRate === undefined ? DEFAULT_LOOKUP_RATE : sharing.lookupRate;
  let perClerk: ((r: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>) | null = null;
  if (rate) {
    if (!app.hasDecorator('createRateLimit')) await app.register(fastifyRateLimit, { global: false });
    perClerk = app.createRateLimit({
      max: rate.max,
      timeWindow: rate.windowMs,
      keyGenerator: (r) => `sharing:${r.actor?.id ?? '-'}:${(r.body as { clerkId?: string } | null)?.clerkId ?? '-'}`,
    });
  }
  const checkRate = async (request: FastifyRequest) => {
    if (!perClerk) return;
    const l = await perClerk(request);
    if (!l.isAllowed && l.isExceeded) {
      const s = Math.max(1, l.ttlInSeconds ?? 1);
      throw new ApiProblem(429, 'rateLimited', `too many look-ups by this clerk; retry in ${s} s`, undefined, { 'Retry-After': String(s) });
    }
  };
  const asker = (ws: WorkstationActor): Asker => ({ workstationId: ws.id, centreCode: ws.centreCode });

  app.post('/api/v1/sharing/licences/lookup', { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    const body = parseOr400(LicenceLookupRequest, request.body, 'look-up');
    await checkRate(request);
    return lookupLicence(ctx, asker(ws), body);
  });

  app.post('/api/v1/sharing/basic-records', { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    const body = parseOr400(BasicRecordRequest, request.body, 'basic record');
    await checkRate(request);
    return lookupBasicRecord(ctx, asker(ws), body);
  });

  // ---- documents ------------------------------------------------------------------------------

  /** The document of a look-up's licence in a registry, recording the read; 404 when there is none. */
  async function sendDocument(
    reply: FastifyReply,
    reg: Registry,
    lookup: { lookup_id: string; licence_id: number | null },
    reader: { kind: 'workstation' | 'department'; id: string; officerId: number | null; worker: string | null },
  ) {
    const l = lookup.licence_id === null ? null : await licenceById(db, reg, Number(lookup.licence_id));
    const doc = l?.documentSha256 ? await readDocument(db, reg, l.documentSha256) : null;
    if (!doc) throw new ApiProblem(404, 'notFound', 'this look-up has no licence document');
    await db.query(
      `INSERT INTO ${reg.t.documentReads} (at, lookup_id, reader_kind, reader_id, officer_id, worker) VALUES ($1, $2::uuid, $3, $4, $5, $6)`,
      [now(), lookup.lookup_id, reader.kind, reader.id, reader.officerId, reader.worker],
    );
    return reply
      .header('Content-Type', doc.mime)
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', 'inline')
      .send(doc.bytes);
  }

  app.get('/api/v1/sharing/lookups/:lookupId/document', { config: { auth: 'workstation' } }, async (request, reply) => {
    const ws = workstationOf(request);
    const p = LookupIdParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such look-up');
    // Live first, then training: each registry's own log names its own licences.
    for (const reg of [live, TRAINING_REGISTRY]) {
      const [row] = await db.query<{ lookup_id: string; licence_id: number | null; workstation_id: string }>(
        `SELECT lookup_id::text AS lookup_id, licence_id, workstation_id FROM ${reg.t.lookups} WHERE lookup_id = $1::uuid AND kind = 'licence'`,
        [p.data.lookupId],
      );
      if (!row) continue;
      if (row.workstation_id !== ws.id) break;
      return sendDocument(reply, reg, row, { kind: 'workstation', id: ws.id, officerId: null, worker: null });
    }
    throw new ApiProblem(404, 'notFound', 'no such look-up by this workstation');
  });

  app.get('/api/v1/department/cases/:caseId/licences/:lookupId/document', { config: { auth: 'department' } }, async (request, reply) => {
    const dept = departmentOf(request);
    const p = CaseLookupParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such licence for this department');
    const [row] = await db.query<{ lookup_id: string; licence_id: number | null }>(
      `SELECT l.lookup_id::text AS lookup_id, l.licence_id FROM sharing_lookups l
        WHERE l.lookup_id = $1::uuid AND l.case_id = $2::uuid AND l.kind = 'licence'
          AND EXISTS (SELECT 1 FROM dispatches d WHERE d.case_id = l.case_id AND d.department_code = $3)`,
      [p.data.lookupId, p.data.caseId, dept.id],
    );
    if (!row) throw new ApiProblem(404, 'notFound', 'no such licence for this department');
    return sendDocument(reply, live, row, { kind: 'department', id: dept.id, officerId: dept.officer?.id ?? null, worker: request.worker });
  });

  // ---- the department's view of a case's licences ------------------------------------------------

  app.get('/api/v1/department/cases/:caseId/licences', { config: { auth: 'department' } }, async (request) => {
    const dept = departmentOf(request);
    const p = CaseParams.safeParse(request.params);
    if (!p.success) throw new ApiProblem(404, 'notFound', 'no such case for this department');
    const view = await caseForDepartment(db, dept.id, p.data.caseId);
    const c = view.case as IntakeCase;
    const today = dateOf(now());
    const fetched = [];
    for (const [materialKey, state] of Object.entries(c.materialStates ?? {})) {
      if (state.status !== 'fetched' || !state.licence) continue;
      const atFetch: FetchedLicence = state.licence;
      const [row] = await db.query<{ licence_id: number | null; case_id: string }>(
        `SELECT licence_id, case_id::text AS case_id FROM sharing_lookups WHERE lookup_id = $1::uuid AND kind = 'licence'`,
        [atFetch.lookupId],
      );
      // Only a look-up made for this very case counts (a case cannot borrow another case's look-up).
      const l = row && row.case_id === c.id && row.licence_id !== null ? await licenceById(db, live, Number(row.licence_id)) : null;
      const type = l ? await licenceType(db, l.typeCode, now()) : null;
      const current = l && type ? licenceView(l, type.name, statusOn(l, today)) : null;
      fetched.push({
        materialKey,
        atFetch,
        recorded: Boolean(row && row.case_id === c.id),
        current: current ? { status: current.status, hash: current.hash, expiresOn: current.expiresOn } : null,
        changedSince: current ? current.hash !== atFetch.hash : null,
        hasDocument: Boolean(current?.hasDocument),
        documentUrl: current?.hasDocument ? `/api/v1/department/cases/${c.id}/licences/${atFetch.lookupId}/document` : null,
      });
    }
    return { caseId: c.id, fetched, ...(await issuanceOfDispatch(db, catalogs, view.dispatchId, now())) };
  });

  // ---- the look-up log ---------------------------------------------------------------------------

  app.get('/api/v1/sharing/lookups', { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    const q = parseOr400(LookupLogQuery, request.query, 'query');
    const reg = registryFor(q.training === 'true', live);
    // Training cases never reach the service, so "pushed" is asked of the live cases only.
    const rows = await db.query<{
      lookup_id: string;
      at: Date;
      workstation_id: string;
      clerk_id: string;
      case_id: string;
      case_pushed: boolean;
      kind: LookupLogEntry['kind'];
      type_code: string | null;
      holder_masked: string;
      outcome: string;
      source: 'centre' | 'platform';
      platform_note: string | null;
      licence_number: string | null;
      status_at: string | null;
      reads: number;
    }>(
      `SELECT l.lookup_id::text AS lookup_id, l.at, l.workstation_id, l.clerk_id, l.case_id::text AS case_id,
              ${reg.training ? 'false' : 'EXISTS (SELECT 1 FROM cases c WHERE c.case_id = l.case_id)'} AS case_pushed,
              l.kind, l.type_code, l.holder_masked, l.outcome, l.source, l.platform_note, l.licence_number, l.status_at,
              (SELECT count(*) FROM ${reg.t.documentReads} r WHERE r.lookup_id = l.lookup_id) AS reads
         FROM ${reg.t.lookups} l
        WHERE l.centre_code = $1 AND ($2::timestamptz IS NULL OR l.at >= $2) AND ($3::timestamptz IS NULL OR l.at < $3)
          AND ($4::text IS NULL OR l.clerk_id = $4)
        ORDER BY l.at, l.seq LIMIT $5`,
      [ws.centreCode, q.from ?? null, q.to ?? null, q.clerkId ?? null, q.limit],
    );
    const lookups: LookupLogEntry[] = rows.map((r) => ({
      lookupId: r.lookup_id,
      at: iso(r.at),
      workstationId: r.workstation_id,
      clerkId: r.clerk_id,
      caseId: r.case_id,
      casePushed: Boolean(r.case_pushed),
      kind: r.kind,
      typeCode: r.type_code,
      holderMasked: r.holder_masked,
      outcome: r.outcome,
      source: r.source,
      platformUnavailable: r.platform_note,
      licenceNumber: r.licence_number,
      statusAtLookup: r.status_at,
      documentReads: Number(r.reads),
    }));
    return { lookups };
  });

  // ---- the issuing department's own data ----------------------------------------------------------

  app.post('/api/v1/sharing/import', { config: { auth: 'department' } }, async (request) => {
    const dept = departmentOf(request);
    try {
      return await importRegistry(db, live, request.body, now(), { departmentCode: dept.id });
    } catch (e) {
      if (e instanceof ImportError) throw new ApiProblem(e.forbidden ? 403 : 400, e.forbidden ? 'forbidden' : 'invalidImport', e.errors.slice(0, 20).join('; '), e.errors.slice(0, 200));
      throw e;
    }
  });

  app.post('/api/v1/sharing/licences/status', { config: { auth: 'department' } }, async (request) => {
    const dept = departmentOf(request);
    const body = parseOr400(StatusChange, request.body, 'status');
    const type = await licenceType(db, body.typeCode, now());
    if (!type || type.issuingDepartmentCode !== dept.id) throw new ApiProblem(403, 'forbidden', 'only the issuing department changes the status of its licences');
    const r = await setLicenceStatus(db, live, body.typeCode, body.number, body.status, body.reason, now());
    if (!r) throw new ApiProblem(404, 'notFound', 'no such licence');
    return { typeCode: body.typeCode, number: body.number, status: body.status, previous: r.previous };
  });

  return {
    async afterApprovals(dispatchIds) {
      if (dispatchIds.length === 0) return;
      try {
        await issueOnApproval(db, catalogs, live, dispatchIds, now());
      } catch (e) {
        // The decision stands; the licence is issued when the service next starts (issuePendingLicences).
        app.log.error({ err: e }, 'issuing the electronic licence of an approval failed');
      }
    },
  };
}
