/**
 * The department-queue service's HTTP API (/api/v1) and the department inbox page (/inbox).
 * `buildServer({ db })` returns a Fastify instance that is ready for `inject` (tests) or
 * `listen` (src/server/main.ts); the database must be migrated first.
 *
 * Every request body and query is checked with the protocol's zod schemas
 * (src/core/sync/protocol.ts); every 4xx/5xx is `{ error: { code, message, paths? } }`.
 * Tokens: `Authorization: Bearer <token>`; a workstation's token on a department route (or
 * the reverse) is 403, a missing, unknown or revoked one 401. Limits: MAX_BODY_BYTES (413),
 * requests and failed authentications per client address, before any token is looked up
 * (rateLimit.ts; 429 + Retry-After).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { parseHolidayData } from '../core/calendar/holidayData';
import {
  API_PREFIX,
  CatalogVersionsQuery,
  DepartmentDecision,
  LEASE_SECONDS,
  MAX_BODY_BYTES,
  MAX_PUSH_BATCH,
  OfficerSignInRequest,
  ClaimBatchRequest,
  DecisionBatchItem,
  MAX_DECISION_BATCH,
  QueueQuery,
  StatusEventsQuery,
  WORKER_HEADER,
  WorkerName,
} from '../core/sync/protocol';
import { JsonTooDeepError, sha256Hex } from '../core/kernel';
import { type Actor, authenticate, bearerToken, hashToken, tokenKind } from './auth';
import type { Db } from './db';
import { registerHandoutRoutes } from './handouts';
import { migrationVersion } from './migrate';
import { departmentOf, parseOr400, workstationOf } from './guards';
import { ApiProblem, describeIssues } from './problem';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimit';
import { registerRevisionRoutes } from './revisions';
import { checkCorrectionDecision, registerCorrectionRoutes } from './corrections';
import { appendRequestRows, registerAuditRoutes } from './audit';
import { registerTrainingRoutes } from './training';
import { registerHealthRoutes } from './health';
import { sharingRoutes, type SharingOptions } from './sharing/routes'; // data sharing (sharing/)
import { officerLabel, signIn as signInOfficer, signOut as signOutOfficer } from './officers';
import { DEFAULT_VACUUM_INTERVAL_MS, startMaintenance } from './maintenance';
import { pagesPlugin, TUS_REQUEST_HEADERS, TUS_RESPONSE_HEADERS } from './pages/routes'; // pages of materials (材料电子化)
import type { PagesConfig } from './pages/storage';
import {
  CatalogCache,
  caseForDepartment,
  catalogVersionsAfter,
  type ActingDepartment,
  claimDispatchAs,
  claimBatchAs,
  claimNextAs,
  decideBatchAs,
  decideAs,
  type DepartmentRef,
  isDataError,
  listQueue,
  publishedHolidays,
  pushCases,
  statusEventsAfter,
} from './store';

export interface ServerOptions {
  db: Db;
  /** The server clock (tests pass a fake one to move leases past their end). */
  now?: () => Date;
  /** Per client address (rateLimit.ts); false turns it off (benchmarks, tests). */
  rateLimit?: RateLimitOptions | false;
  leaseSeconds?: number;
  /** Fastify logger: off by default (tests); main.ts turns it on. */
  logger?: boolean;
  /** Origins allowed to call /api/v1 besides app://onewindow and http://127.0.0.1:* / localhost:*. */
  corsOrigins?: string[];
  /** PGlite: VACUUM (ANALYZE) this often when requests came in (maintenance.ts); 0 = never. Default 15 min. */
  vacuumIntervalMs?: number;
  /** Data sharing: the registry's key, the provincial platform, the look-up rate (sharing/routes.ts). */
  sharing?: SharingOptions;
  /** Page storage (pages/storage.ts, pagesConfigFromEnv); without it the page routes answer 503. */
  pages?: PagesConfig | null;
}

type AuthNeed = 'none' | 'workstation' | 'department' | 'any';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    worker: string | null;
    /** A department token the route itself checks, in the statement that does the work (see `inlineAuth`). */
    inlineToken: string | null;
  }
  interface FastifyContextConfig {
    auth?: AuthNeed;
    /**
     * The route looks a department's token up in the same statement that does its work
     * (claim, decision: one database round trip instead of two). The hook only checks the
     * token's shape; every error path authenticates the usual way first, so a bad token is
     * still 401 before anything else is said.
     */
    inlineAuth?: boolean;
  }
}

// ---- CORS -----------------------------------------------------------------------------------

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
const APP_ORIGIN = 'app://onewindow';

export function corsOriginAllowed(origin: string, extra: readonly string[] = []): boolean {
  return origin === APP_ORIGIN || LOOPBACK_ORIGIN.test(origin) || extra.includes(origin);
}

// ---- audit ----------------------------------------------------------------------------------

interface AuditEntry {
  at: string;
  actor_kind: 'workstation' | 'department' | 'anonymous';
  actor_id: string | null;
  /** The signed-in department officer, when one acted. */
  officer_id: number | null;
  worker: string | null;
  method: string;
  route: string | null;
  path: string;
  status: number;
  duration_ms: number;
}

/**
 * Writes audit rows in the background, group-commit style: whatever piled up while the
 * previous insert ran goes in the next one, so a busy server writes many rows per
 * statement and a quiet one writes each row at once. Rows are written right after the
 * response, not inside the request's own transaction: a request is never slowed or
 * failed by its audit row; the price is that a crash can lose the last few rows.
 */
class AuditWriter {
  private queue: AuditEntry[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly onError: (e: unknown) => void,
  ) {}

  add(entry: AuditEntry): void {
    this.queue.push(entry);
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 1000);
      try {
        // Chained row to row (audit.ts), committed without waiting for its fsync (the case
        // data it describes does wait): on a database crash the last fraction of a second of
        // audit rows may be lost.
        await appendRequestRows(this.db, batch, new Date(batch[batch.length - 1]!.at));
      } catch (e) {
        this.onError(e);
      }
    }
    this.running = null;
  }

  /** Resolves when every row added so far is written. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }
}

// ---- the inbox page -------------------------------------------------------------------------

const INBOX_DIR = fileURLToPath(new URL('./inbox/', import.meta.url));
const INBOX_FILES: Record<string, { file: string; type: string }> = {
  '/inbox': { file: `${INBOX_DIR}index.html`, type: 'text/html; charset=utf-8' },
  '/inbox/inbox.js': { file: `${INBOX_DIR}inbox.js`, type: 'text/javascript; charset=utf-8' },
  '/inbox/dom.js': { file: `${INBOX_DIR}dom.js`, type: 'text/javascript; charset=utf-8' }, // helpers the inbox scripts share
  '/inbox/licences.js': { file: `${INBOX_DIR}licences.js`, type: 'text/javascript; charset=utf-8' }, // data sharing
  '/inbox/pages.js': { file: `${INBOX_DIR}pages.js`, type: 'text/javascript; charset=utf-8' }, // 电子材料
  '/inbox/inbox.css': { file: `${INBOX_DIR}inbox.css`, type: 'text/css; charset=utf-8' },
  '/inbox/icon.svg': { file: fileURLToPath(new URL('../../resources/icons/icon.svg', import.meta.url)), type: 'image/svg+xml' },
};
/** No inline script or style, nothing from elsewhere, no framing, no forms posting anywhere. */
export const INBOX_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// ---- the server -----------------------------------------------------------------------------

export type OneWindowServer = FastifyInstance & {
  /** Waits until every audit row so far is written (tests; also done on close). */
  flushAudit(): Promise<void>;
};

const DispatchIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const CaseIdParams = z.object({ caseId: z.uuid() });
const PushEnvelope = z.object({ cases: z.array(z.unknown()).min(1).max(MAX_PUSH_BATCH) });
const DecisionBatchEnvelope = z.object({ decisions: z.array(z.unknown()).min(1).max(MAX_DECISION_BATCH) });

/** The worker named in X-OneWindow-Worker (percent-encoded UTF-8), null without one. */
function workerOf(request: FastifyRequest): string | null | ApiProblem {
  const worker = request.headers[WORKER_HEADER];
  if (worker === undefined) return null;
  let decoded: string | null;
  try {
    decoded = decodeURIComponent(Array.isArray(worker) ? (worker[0] ?? '') : worker);
  } catch {
    decoded = null;
  }
  const w = WorkerName.safeParse(decoded);
  return w.success ? w.data : new ApiProblem(400, 'invalidHeader', `${WORKER_HEADER}: 1–64 characters, percent-encoded UTF-8`);
}

function sendProblem(reply: FastifyReply, p: ApiProblem): FastifyReply {
  if (p.headers) for (const [k, v] of Object.entries(p.headers)) reply.header(k, v);
  return reply.code(p.status).send({ error: { code: p.code, message: p.message, ...(p.paths ? { paths: p.paths } : {}) } });
}

export async function buildServer(options: ServerOptions): Promise<OneWindowServer> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  const catalogs = new CatalogCache();
  const corsExtra = options.corsOrigins ?? [];
  const inboxFiles = new Map(Object.entries(INBOX_FILES).map(([route, f]) => [route, { body: readFileSync(f.file), type: f.type }]));

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: false,
    // A "__proto__" or "constructor.prototype" member is valid JSON that could poison an object
    // downstream. Fastify's default refuses the whole body for it, which failed every good case in
    // a push beside the one that carried it; dropped instead, that one case no longer matches its
    // content hash and is refused alone ('invalid'), as any other bad case is.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // Errors Fastify raises before routing (a URL that is not valid percent-encoded UTF-8 …): the
    // API's own error shape too.
    frameworkErrors: (error, _request, reply) =>
      void sendProblem(reply, new ApiProblem(error.statusCode && error.statusCode < 500 ? error.statusCode : 400, 'badRequest', 'the request URL or headers are not valid')),
  }) as unknown as OneWindowServer;
  const audit = new AuditWriter(db, (e) => app.log.error({ err: e }, 'audit write failed'));
  const maintenance = startMaintenance(db, {
    intervalMs: options.vacuumIntervalMs ?? DEFAULT_VACUUM_INTERVAL_MS,
    onError: (e) => app.log.error({ err: e }, 'VACUUM failed'),
  });
  app.decorate('flushAudit', () => audit.flush());
  app.removeContentTypeParser('text/plain'); // JSON only: anything else is 415
  app.decorateRequest('actor', null);
  app.decorateRequest('worker', null);
  app.decorateRequest('inlineToken', null);

  // Limits per client address, asked first in the onRequest hook below (before any token is
  // looked up); `global: false` — the plugin adds no hooks of its own, which would run after ours.
  const limits = options.rateLimit === false ? null : (options.rateLimit ?? DEFAULT_RATE_LIMIT);
  let perAddress: ReturnType<FastifyInstance['createRateLimit']> | null = null;
  let failedAuth: ReturnType<FastifyInstance['createRateLimit']> | null = null;
  if (limits) {
    await app.register(fastifyRateLimit, { global: false });
    perAddress = app.createRateLimit({ max: limits.perAddress.max, timeWindow: limits.perAddress.windowMs });
    failedAuth = app.createRateLimit({
      max: limits.failedAuth.max,
      timeWindow: limits.failedAuth.windowMs,
      keyGenerator: (request) => `auth:${request.ip}`,
    });
  }
  const tooMany = (seconds: number, what: string) =>
    new ApiProblem(429, 'rateLimited', `${what}; retry in ${seconds} s`, undefined, { 'Retry-After': String(Math.max(1, seconds)) });
  /** Counts a 401 against the client's address. */
  const noteFailedAuth = async (request: FastifyRequest) => {
    if (failedAuth) await failedAuth(request);
  };

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const isApi = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (isApi) {
      reply.header('Cache-Control', 'no-store');
      const origin = request.headers.origin;
      if (origin && corsOriginAllowed(origin, corsExtra)) {
        reply.header('Access-Control-Allow-Origin', origin);
        reply.header('Vary', 'Origin');
        // (+ the tus upload's own headers and methods: pages/routes.ts)
        reply.header('Access-Control-Allow-Headers', `Authorization, Content-Type, If-None-Match, ${WORKER_HEADER}, ${TUS_REQUEST_HEADERS}`);
        reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS, HEAD, PATCH, DELETE');
        reply.header('Access-Control-Expose-Headers', `ETag, Retry-After, ${TUS_RESPONSE_HEADERS}`);
        reply.header('Access-Control-Max-Age', '600');
      }
    }
    if (request.method === 'OPTIONS') return;

    if (perAddress && isApi) {
      const l = await perAddress(request);
      if (!l.isAllowed && l.isExceeded) return sendProblem(reply, tooMany(l.ttlInSeconds, 'too many requests from this address'));
    }
    const token = bearerToken(request.headers.authorization);

    const need: AuthNeed = request.routeOptions.config?.auth ?? (isApi ? 'any' : 'none');
    if (need === 'none') return;
    if (failedAuth) {
      const l = await failedAuth(request, { increment: false });
      if (!l.isAllowed && l.remaining === 0) return sendProblem(reply, tooMany(l.ttlInSeconds, 'too many failed sign-ins from this address'));
    }
    if (need === 'department' && request.routeOptions.config?.inlineAuth && token && tokenKind(token) === 'department') {
      const worker = workerOf(request);
      if (!(worker instanceof ApiProblem)) {
        request.worker = worker;
        request.inlineToken = token;
        return;
      }
      // a bad worker header: authenticate first, as everywhere (401 before 400)
    }
    const auth = await authenticate(db, token, now());
    if (!auth.ok) {
      await noteFailedAuth(request);
      reply.header('WWW-Authenticate', 'Bearer');
      return sendProblem(reply, new ApiProblem(401, auth.code, auth.message));
    }
    request.actor = auth.actor;
    if (need !== 'any' && auth.actor.kind !== need)
      return sendProblem(reply, new ApiProblem(403, 'forbidden', `this route is for ${need}s; the token is a ${auth.actor.kind}'s`));
    if (request.headers[WORKER_HEADER] !== undefined && auth.actor.kind !== 'department')
      return sendProblem(reply, new ApiProblem(400, 'invalidHeader', `${WORKER_HEADER} is for departments`));
    if (auth.actor.kind === 'department' && auth.actor.officer) {
      // A signed-in officer acts as themself: the person comes from the session, never from a header.
      if (request.headers[WORKER_HEADER] !== undefined)
        return sendProblem(reply, new ApiProblem(400, 'invalidHeader', `${WORKER_HEADER} is for a department's system token; an officer acts as the person signed in`));
      request.worker = officerLabel(auth.actor.officer);
      return;
    }
    const worker = workerOf(request);
    if (worker instanceof ApiProblem) return sendProblem(reply, worker);
    request.worker = worker;
  });

  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (!(path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) || request.method === 'OPTIONS') return;
    maintenance.noteWrite();
    const actor = request.actor;
    audit.add({
      at: now().toISOString(),
      actor_kind: actor?.kind ?? 'anonymous',
      actor_id: actor?.id ?? null,
      officer_id: actor?.kind === 'department' ? (actor.officer?.id ?? null) : null,
      worker: request.worker,
      method: request.method,
      route: request.routeOptions.url ?? null,
      path: path.slice(0, 300),
      status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime),
    });
  });

  app.addHook('onClose', async () => {
    maintenance.stop();
    await audit.flush();
  });

  app.setErrorHandler(async (error: FastifyError | ApiProblem, request, reply) => {
    if (request.inlineToken !== null && request.actor === null) {
      // A route that checks its token inline failed before knowing whose it is (a bad body, a
      // refusal): authenticate the usual way, so a bad token is 401 first and the audit names the actor.
      const auth = await authenticate(db, request.inlineToken, now()).catch(() => null);
      if (auth && !auth.ok) {
        await noteFailedAuth(request);
        reply.header('WWW-Authenticate', 'Bearer');
        return sendProblem(reply, new ApiProblem(401, auth.code, auth.message));
      }
      if (auth?.ok) request.actor = auth.actor;
    }
    if (error instanceof ApiProblem) return sendProblem(reply, error);
    // A body the checks let through but that cannot be handled is the body's fault, not the
    // service's: a 4xx the client can show, never a 5xx it would retry for ever.
    if (error instanceof JsonTooDeepError) return sendProblem(reply, new ApiProblem(400, 'invalidBody', error.message));
    if (isDataError(error)) {
      request.log.warn({ code: (error as FastifyError).code }, 'the database refused the data of a request');
      return (error as FastifyError).code?.startsWith('23')
        ? sendProblem(reply, new ApiProblem(409, 'conflict', 'the request conflicts with data already stored'))
        : sendProblem(reply, new ApiProblem(400, 'invalidBody', 'the database refused the data of this request'));
    }
    const code = (error as FastifyError).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendProblem(reply, new ApiProblem(413, 'bodyTooLarge', `the request body exceeds ${MAX_BODY_BYTES} bytes; send fewer cases per request`));
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, new ApiProblem(415, 'unsupportedMediaType', 'send the body as application/json'));
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return sendProblem(reply, new ApiProblem(400, 'invalidBody', 'the JSON body is empty'));
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      return sendProblem(reply, new ApiProblem(400, 'invalidJson', 'the body is not valid JSON'));
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) return sendProblem(reply, new ApiProblem(status, 'badRequest', error.message));
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, new ApiProblem(500, 'internal', 'the server could not complete the request'));
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, new ApiProblem(404, 'notFound', `no route ${request.method} ${request.url.split('?')[0]}`)));

  // ---- public --------------------------------------------------------------------------------

  app.get(`${API_PREFIX}/health`, { config: { auth: 'none' } }, async () => ({ ok: true as const, db: db.kind, migration: await migrationVersion(db) }));

  app.options(`${API_PREFIX}/*`, { config: { auth: 'none' } }, async (_request, reply) => reply.code(204).send());

  for (const [route, f] of inboxFiles)
    app.get(route, { config: { auth: 'none' } }, async (_request, reply) =>
      reply
        .header('Content-Type', f.type)
        .header('Content-Security-Policy', INBOX_CSP)
        .header('X-Frame-Options', 'DENY')
        .header('Cache-Control', 'no-cache')
        .send(f.body),
    );
  app.get('/', { config: { auth: 'none' } }, async (_request, reply) => reply.redirect('/inbox'));
  app.get('/favicon.ico', { config: { auth: 'none' } }, async (_request, reply) => reply.redirect('/inbox/icon.svg'));

  app.get(`${API_PREFIX}/me`, { config: { auth: 'any' } }, async (request) => request.actor!);

  // ---- department officers: sign-in with 工号 + 密码 (officers.ts) ----------------------------

  app.post(`${API_PREFIX}/officer/sign-in`, { config: { auth: 'none' } }, async (request) => {
    const { staffNo, password } = parseOr400(OfficerSignInRequest, request.body, 'sign-in');
    return signInOfficer(db, staffNo, password, now());
  });

  app.post(`${API_PREFIX}/officer/sign-out`, { config: { auth: 'department' } }, async (request, reply) => {
    const a = departmentOf(request);
    if (!a.officer) throw new ApiProblem(403, 'forbidden', 'sign-out ends an officer\'s session; a department token is revoked by an administrator');
    await signOutOfficer(db, bearerToken(request.headers.authorization)!, now());
    return reply.code(204).send();
  });

  // ---- workstations ------------------------------------------------------------------------

  app.post(`${API_PREFIX}/cases/push`, { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    // Depth is checked case by case (pushCases): one case nested too deep is that case's `invalid`.
    const { cases } = parseOr400(PushEnvelope, request.body, 'push', false);
    const results = await pushCases(db, { id: ws.id, centreCode: ws.centreCode, code: ws.code }, cases, now(), catalogs);
    return { results };
  });

  app.get(`${API_PREFIX}/status-events`, { config: { auth: 'workstation' } }, async (request) => {
    const ws = workstationOf(request);
    const q = parseOr400(StatusEventsQuery, request.query, 'query');
    return statusEventsAfter(db, ws.id, q.after, q.limit);
  });

  app.get(`${API_PREFIX}/catalog/versions`, { config: { auth: 'any' } }, async (request) => {
    const q = parseOr400(CatalogVersionsQuery, request.query, 'query');
    return { versions: await catalogVersionsAfter(db, q.after) };
  });

  app.get(`${API_PREFIX}/holidays`, { config: { auth: 'any' } }, async (request, reply) => {
    const h = await publishedHolidays(db);
    if (!h) throw new ApiProblem(404, 'notPublished', 'no holiday data has been published on this server');
    const checked = parseHolidayData(h.data);
    if (!checked.ok) throw new Error('published holiday data no longer passes its schema');
    const body = JSON.stringify({ publishedAt: h.publishedAt, data: checked.data });
    const etag = `"${sha256Hex(body).slice(0, 32)}"`;
    reply.header('ETag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(body);
  });

  registerHandoutRoutes(app, { db, now });
  const sharing = await sharingRoutes(app, { db, now, catalogs, sharing: options.sharing }); // data sharing: look-ups, registry, 办结 → licence

  // ---- departments -------------------------------------------------------------------------

  app.get(`${API_PREFIX}/department/queue`, { config: { auth: 'department' } }, async (request) => {
    const dept = departmentOf(request);
    const q = parseOr400(QueueQuery, request.query, 'query');
    return listQueue(db, dept.id, q);
  });

  /** The department of an inline-auth route: by its token (checked by the route's statement), or as authenticated. */
  const departmentRef = (request: FastifyRequest): DepartmentRef =>
    request.inlineToken !== null ? { tokenHash: hashToken(request.inlineToken) } : { code: departmentOf(request).id, officer: departmentOf(request).officer ?? null };
  const acted = (request: FastifyRequest, d: ActingDepartment): void => {
    request.actor ??= { kind: 'department', id: d.code, name: d.name ?? d.code };
  };

  app.post(`${API_PREFIX}/department/dispatches/claim-next`, { config: { auth: 'department', inlineAuth: true } }, async (request, reply) => {
    const r = await claimNextAs(db, departmentRef(request), request.worker, now(), leaseSeconds);
    acted(request, r.department);
    if (!r.dispatch) return reply.code(204).send();
    return { dispatch: r.dispatch };
  });

  app.post(`${API_PREFIX}/department/dispatches/:id/claim`, { config: { auth: 'department', inlineAuth: true } }, async (request) => {
    const { id } = parseOr400(DispatchIdParams, request.params, 'dispatch id');
    const r = await claimDispatchAs(db, departmentRef(request), id, request.worker, now(), leaseSeconds);
    acted(request, r.department);
    return { dispatch: r.dispatch };
  });

  app.post(`${API_PREFIX}/department/dispatches/:id/decision`, { config: { auth: 'department', inlineAuth: true } }, async (request) => {
    const { id } = parseOr400(DispatchIdParams, request.params, 'dispatch id');
    const decision = parseOr400(DepartmentDecision, request.body, 'decision');
    await checkCorrectionDecision(db, catalogs, departmentRef(request), id, decision);
    const { department: d, ...result } = await decideAs(db, departmentRef(request), id, request.worker, decision, now());
    acted(request, d);
    if (decision.kind === 'approved') await sharing.afterApprovals([id]); // 办结 issues its electronic licence
    return result;
  });

  app.post(`${API_PREFIX}/department/dispatches/claim-batch`, { config: { auth: 'department', inlineAuth: true } }, async (request, reply) => {
    const { limit } = parseOr400(ClaimBatchRequest, request.body ?? {}, 'claim');
    const r = await claimBatchAs(db, departmentRef(request), request.worker, now(), leaseSeconds, limit);
    acted(request, r.department);
    if (r.count === 0) return reply.code(204).send();
    return reply.type('application/json; charset=utf-8').send(r.json); // UTF-8 bytes, straight to the socket
  });

  app.post(`${API_PREFIX}/department/decisions`, { config: { auth: 'department', inlineAuth: true } }, async (request) => {
    // The envelope is checked as a whole; each decision on its own, so one malformed decision
    // (a control character in a comment, a denial without its reason) is refused alone and its
    // neighbours are decided.
    const { decisions: raw } = parseOr400(DecisionBatchEnvelope, request.body, 'decisions');
    const refusedHere = new Map<number, ApiProblem>();
    const decisions: (DecisionBatchItem | null)[] = raw.map((item, i) => {
      const r = DecisionBatchItem.safeParse(item);
      if (r.success) return r.data;
      const d = describeIssues(r.error.issues, ['decisions', i]);
      refusedHere.set(i, new ApiProblem(400, 'invalidBody', d.message, d.paths));
      return null;
    });
    // A correction request pointing at nothing of its case is refused on its own too.
    for (const [i, it] of decisions.entries())
      if (it)
        await checkCorrectionDecision(db, catalogs, departmentRef(request), it.dispatchId, it.decision).catch((e: unknown) => {
          if (!(e instanceof ApiProblem)) throw e;
          refusedHere.set(i, e);
        });
    const rest = decisions.filter((it, i): it is DecisionBatchItem => it !== null && !refusedHere.has(i));
    const r = await decideBatchAs(db, departmentRef(request), rest, request.worker, now()); // also when rest is empty: it checks the token
    acted(request, r.department);
    await sharing.afterApprovals(r.results.flatMap((x) => (x.outcome === 'decided' && x.state === 'approved' ? [x.dispatchId] : []))); // 办结 → licence
    let next = 0;
    const results = raw.map((item, i) => {
      const e = refusedHere.get(i);
      if (!e) return r.results[next++]!;
      const id = (item as { dispatchId?: unknown } | null)?.dispatchId;
      return { dispatchId: Number.isSafeInteger(id) ? (id as number) : 0, outcome: 'refused' as const, status: e.status, code: e.code, message: e.message };
    });
    return { results };
  });

  app.get(`${API_PREFIX}/department/cases/:caseId`, { config: { auth: 'department' } }, async (request) => {
    const dept = departmentOf(request);
    const r = CaseIdParams.safeParse(request.params);
    if (!r.success) throw new ApiProblem(404, 'notFound', 'no such case for this department');
    return { dispatch: await caseForDepartment(db, dept.id, r.data.caseId) };
  });

  registerRevisionRoutes(app, { db, now, catalogs });
  registerCorrectionRoutes(app, { db, catalogs });
  registerAuditRoutes(app, { db, now });
  registerTrainingRoutes(app, { db, now });
  registerHealthRoutes(app, { db, now });
  await app.register(pagesPlugin, { db, now, pages: options.pages ?? null, corsOriginAllowed: (o) => corsOriginAllowed(o, corsExtra) });

  await app.ready();
  return app;
}
