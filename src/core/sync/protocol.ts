/**
 * The sync protocol between workstations, departments and the department-queue
 * service (/api/v1). Pure zod schemas, shared by the server (src/server) and the
 * workstation (src/renderer/src/sync): both sides validate every body with them.
 *
 * 前台综合受理、后台分类审批: a decided case is pushed by its workstation, stored once
 * (idempotent on the workstation-generated case id + content hash), fanned out to one
 * dispatch per responsible department, and every department decision comes back to
 * the workstation as a status event.
 */
import { z } from 'zod';
import { IntakeCase } from '../intake/case';
import { HolidayDataFile } from '../calendar/holidayData';
import { ResultHandout } from '../lifecycle/handout';
import { Rating } from '../lifecycle/ratingSchema';
import { safeText } from '../text';

export const API_PREFIX = '/api/v1';
/** Cases per push. A batch too large for the body limit is answered 413 and the engine halves it. */
export const MAX_PUSH_BATCH = 200;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

// ---- workstation → server: push cases ------------------------------------------------

export const PushedCase = z.object({
  caseId: z.uuid(),
  /** SHA-256 of canonicalJson(case): same id + same hash = already have it; other hash = conflict. */
  contentHash: sha256Hex,
  /** Training cases are refused by every live endpoint (and never sent by the sync engine). */
  training: z.boolean(),
  case: IntakeCase,
});
export type PushedCase = z.infer<typeof PushedCase>;

export const PushRequest = z.object({ cases: z.array(PushedCase).min(1).max(MAX_PUSH_BATCH) });
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Per-case outcome; one bad case never fails the batch.
 * - stored: new, dispatched to its departments
 * - alreadyHave: same id and same content (a retry after a lost answer)
 * - conflict: same id, different content (HTTP-409 semantics) — the clerk must look at it
 * - invalid: the server rejects the data (HTTP-422 semantics) — needs a clerk fix
 * - refused: not allowed (training case on a live endpoint, another centre's case, a draft)
 */
export const PushOutcome = z.enum(['stored', 'alreadyHave', 'conflict', 'invalid', 'refused']);
export type PushOutcome = z.infer<typeof PushOutcome>;

export const PushResult = z.object({
  caseId: z.string(),
  outcome: PushOutcome,
  /** Why, for conflict / invalid / refused (no personal data). */
  reason: z.string().max(500).optional(),
  /** Field paths the server found invalid, e.g. `case.applicant.idNumber`. */
  paths: z.array(z.string().max(200)).max(50).optional(),
  /** Dispatches created (stored only). */
  departments: z.array(z.string()).optional(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

// ---- status events: server → workstation --------------------------------------------

/**
 * What became of a case at a department:
 * received (stored by the server) · dispatched (queued at a department) · takenForReview 受理确认 ·
 * correctionRequested 补正 · approved 办结 · denied 不予许可 · returned 退件 ·
 * resubmitted (the clerk's corrected version reached the server; the department reviews again).
 */
export const StatusEventKind = z.enum(['received', 'dispatched', 'takenForReview', 'correctionRequested', 'approved', 'denied', 'returned', 'resubmitted']);
export type StatusEventKind = z.infer<typeof StatusEventKind>;

export const FieldComment = z.object({
  /** What the comment is about: a field path (`applicant.phone`) or a material key (`shared/biz-lic`). */
  path: safeText({ max: 200 }),
  comment: safeText({ multiline: true, max: 1000 }),
});
export type FieldComment = z.infer<typeof FieldComment>;

export const StatusEvent = z.object({
  /**
   * The workstation's cursor: it pulls `after` the last one it has. An event is numbered when
   * its workstation first pulls it, so in a department's decision answer it is still 0.
   */
  cursor: z.number().int().nonnegative(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  kind: StatusEventKind,
  departmentCode: z.string().nullable(),
  /** Server clock, ISO. */
  at: z.string(),
  comment: z.string().max(2000).optional(),
  fieldComments: z.array(FieldComment).max(100).optional(),
  /** 办结: the result is ready to hand out. */
  resultReady: z.boolean().optional(),
  /** The department officer (经办人) who decided, by their own sign-in; absent for a department system's decision. */
  officer: z.object({ id: z.number().int().positive(), name: z.string().min(1).max(64) }).optional(),
});
export type StatusEvent = z.infer<typeof StatusEvent>;

export const StatusEventsResponse = z.object({
  events: z.array(StatusEvent),
  /** Pass back as `after`; equals the request's `after` when there was nothing new. */
  nextCursor: z.number().int().nonnegative(),
});
export type StatusEventsResponse = z.infer<typeof StatusEventsResponse>;

// ---- departments ------------------------------------------------------------------------

export const DispatchState = z.enum(['queued', 'claimed', 'inReview', 'correctionRequested', 'approved', 'denied', 'returned']);
export type DispatchState = z.infer<typeof DispatchState>;

export const DepartmentDecisionKind = z.enum(['takenForReview', 'correctionRequested', 'approved', 'denied', 'returned']);
export type DepartmentDecisionKind = z.infer<typeof DepartmentDecisionKind>;

export const DepartmentDecision = z
  .object({
    kind: DepartmentDecisionKind,
    comment: safeText({ multiline: true, allowEmpty: true }).optional(),
    fieldComments: z.array(FieldComment).max(100).default([]),
    resultReady: z.boolean().optional(),
  })
  .superRefine((d, ctx) => {
    if ((d.kind === 'denied' || d.kind === 'returned') && !d.comment)
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a denial or a return needs its reason' });
    if (d.kind === 'correctionRequested' && d.fieldComments.length === 0 && !d.comment)
      ctx.addIssue({ code: 'custom', path: ['fieldComments'], message: 'a return for correction needs at least one comment' });
  });
export type DepartmentDecision = z.infer<typeof DepartmentDecision>;

export const LEASE_SECONDS = 300;

// ---- errors ---------------------------------------------------------------------------------

/**
 * Every 4xx/5xx answer of /api/v1: a stable machine code (`unauthorized`, `invalidBody`,
 * `bodyTooLarge`, `rateLimited`, `notFound`, `conflict`, …), a message in words (no personal
 * data), and for an invalid body the paths that failed.
 */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    paths: z.array(z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

// ---- status events: the query --------------------------------------------------------------

export const MAX_EVENTS_PAGE = 500;

/** `GET /api/v1/status-events?after=<cursor>&limit=<n>` */
export const StatusEventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(100),
});
export type StatusEventsQuery = z.infer<typeof StatusEventsQuery>;

// ---- reference data: catalog versions and holiday data ------------------------------------

const catalogVersionString = z.string().regex(/^\d{4}\.\d{1,2}\.\d{1,3}$/, 'expected YYYY.M.N, e.g. 2026.11.1');

/** `GET /api/v1/catalog/versions?after=<version>`: versions newer than `after` (all when absent). */
export const CatalogVersionsQuery = z.object({ after: catalogVersionString.optional() });
export type CatalogVersionsQuery = z.infer<typeof CatalogVersionsQuery>;

export const PublishedCatalogVersion = z.object({
  version: catalogVersionString,
  effectiveDate: z.string(),
  /** Server clock, ISO. */
  publishedAt: z.string(),
  /** The catalog file as published (checked by the server with parseCatalogData); check it again with parseCatalogData before use. */
  catalog: z.unknown(),
});
export type PublishedCatalogVersion = z.infer<typeof PublishedCatalogVersion>;

/** Oldest first, newest last. */
export const CatalogVersionsResponse = z.object({ versions: z.array(PublishedCatalogVersion) });
export type CatalogVersionsResponse = z.infer<typeof CatalogVersionsResponse>;

/** `GET /api/v1/holidays`: every published year as one holiday data file (ETag / If-None-Match → 304). */
export const HolidaysResponse = z.object({
  /** The latest publication of any year, ISO. */
  publishedAt: z.string(),
  data: HolidayDataFile,
});
export type HolidaysResponse = z.infer<typeof HolidaysResponse>;

// ---- departments: queue, claim, decide -----------------------------------------------------

/**
 * Optional request header naming the person (or system worker) of a department who claims
 * or decides. Percent-encoded UTF-8 (`encodeURIComponent`), since header values are Latin-1:
 * 王敏 goes as `X-OneWindow-Worker: %E7%8E%8B%E6%95%8F`. A dispatch claimed by a named
 * worker is theirs while the lease runs; without the header the department as a whole acts.
 */
export const WORKER_HEADER = 'x-onewindow-worker';
export const WorkerName = safeText({ max: 64 });

export const MAX_QUEUE_PAGE = 200;

/** `GET /api/v1/department/queue?state=<state>&after=<dispatchId>&limit=<n>`; no state = the open ones. */
export const QueueQuery = z.object({
  state: DispatchState.optional(),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_QUEUE_PAGE).default(50),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const DispatchRole = z.enum(['implementing', 'coHandling']);
export type DispatchRole = z.infer<typeof DispatchRole>;

/** One dispatch as its department sees it, with the case (applicant, items, materials received). */
export const DispatchView = z.object({
  dispatchId: z.number().int().positive(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  centreCode: z.string(),
  departmentCode: z.string(),
  /** The case's items this department is responsible for, and as what. */
  basicCodes: z.array(z.string()),
  roles: z.array(DispatchRole),
  /** For each of basicCodes: the item's name in the published catalog (empty for dispatches stored before the service kept them). */
  itemNames: z.array(z.string()),
  state: DispatchState,
  leaseOwner: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  queuedAt: z.string(),
  claimedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** What the department may decide now (from the dispatch state machine, src/core/sync/dispatch.ts). */
  allowedDecisions: z.array(DepartmentDecisionKind),
  case: IntakeCase,
});
export type DispatchView = z.infer<typeof DispatchView>;

export const QueueResponse = z.object({
  dispatches: z.array(DispatchView),
  /** Pass back as `after` for the next page; equals the request's `after` at the end. */
  nextAfter: z.number().int().nonnegative(),
});
export type QueueResponse = z.infer<typeof QueueResponse>;

/** `POST …/dispatches/:id/claim` and `POST …/dispatches/claim-next` (204 when nothing is queued). */
export const ClaimResponse = z.object({ dispatch: DispatchView });
export type ClaimResponse = z.infer<typeof ClaimResponse>;

/** `POST …/dispatches/:id/decision`: the dispatch after the decision and the status event it became. */
export const DecisionResponse = z.object({ dispatch: DispatchView, event: StatusEvent });
export type DecisionResponse = z.infer<typeof DecisionResponse>;

/**
 * Batches for department systems that integrate at volume (as a job queue's batch fetch and
 * batch complete): `POST …/dispatches/claim-batch` claims up to `limit` of the department's
 * oldest claimable dispatches at once (each with its own lease; 204 when none), and
 * `POST …/decisions` records up to MAX_DECISION_BATCH decisions, each on its own: one
 * refused decision (another's lease, a state that does not allow it) never fails the others.
 */
export const MAX_CLAIM_BATCH = 100;
export const MAX_DECISION_BATCH = 100;
export const ClaimBatchRequest = z.object({ limit: z.number().int().min(1).max(MAX_CLAIM_BATCH).default(10) });
export const ClaimBatchResponse = z.object({ dispatches: z.array(DispatchView).min(1).max(MAX_CLAIM_BATCH) });
export type ClaimBatchResponse = z.infer<typeof ClaimBatchResponse>;
export const DecisionBatchItem = z.object({ dispatchId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), decision: DepartmentDecision });
export type DecisionBatchItem = z.infer<typeof DecisionBatchItem>;
export const DecisionBatchRequest = z.object({ decisions: z.array(DecisionBatchItem).min(1).max(MAX_DECISION_BATCH) });
export type DecisionBatchRequest = z.infer<typeof DecisionBatchRequest>;
/** One per decision, in the request's order: the event it became, or why not (the single route's 4xx as data). */
export const DecisionBatchResult = z.discriminatedUnion('outcome', [
  z.object({ dispatchId: z.number().int(), outcome: z.literal('decided'), state: DispatchState, event: StatusEvent }),
  z.object({ dispatchId: z.number().int(), outcome: z.literal('refused'), status: z.number().int(), code: z.string(), message: z.string() }),
]);
export type DecisionBatchResult = z.infer<typeof DecisionBatchResult>;
export const DecisionBatchResponse = z.object({ results: z.array(DecisionBatchResult) });
export type DecisionBatchResponse = z.infer<typeof DecisionBatchResponse>;

/** `GET /api/v1/department/cases/:caseId`: this department's dispatch of the case (with the case). */
export const DepartmentCaseResponse = z.object({ dispatch: DispatchView });
export type DepartmentCaseResponse = z.infer<typeof DepartmentCaseResponse>;

// ---- who am I ---------------------------------------------------------------------------------

/** `GET /api/v1/me`: whose token this is (a workstation's settings page tests its token with it; the inbox shows the department's name). */
export const MeResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workstation'), id: z.string(), centreCode: z.string(), code: z.string() }),
  z.object({
    kind: z.literal('department'),
    id: z.string(),
    name: z.string(),
    /** The signed-in officer (经办人); absent for the department's system token. */
    officer: z.object({ id: z.number().int(), staffNo: z.string(), name: z.string(), departmentCode: z.string() }).optional(),
  }),
]);
export type MeResponse = z.infer<typeof MeResponse>;

/** `POST /api/v1/officer/sign-in`: a department officer's 工号 + 密码. */
export const OfficerSignInRequest = z.object({ staffNo: z.string().trim().min(1).max(32), password: z.string().min(1).max(200) });
export type OfficerSignInRequest = z.infer<typeof OfficerSignInRequest>;

/** The officer's own session token (`ow_os_…`), shown to no one else; it ends at sign-out or `expiresAt`. */
export const OfficerSignInResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  officer: z.object({ id: z.number().int(), staffNo: z.string(), name: z.string(), departmentCode: z.string(), departmentName: z.string() }),
});
export type OfficerSignInResponse = z.infer<typeof OfficerSignInResponse>;

// ---- health ---------------------------------------------------------------------------------

/** `GET /api/v1/health` (no token). */
export const HealthResponse = z.object({
  ok: z.literal(true),
  db: z.enum(['pglite', 'postgres']),
  /** The highest migration applied. */
  migration: z.number().int().nonnegative(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

// ---- workstation → server: result hand-outs and ratings -----------------------

/**
 * `POST /api/v1/cases/:caseId/handouts` — one 统一窗口出件 record. Idempotent on the
 * workstation-generated `handout.id`: the same id again is `alreadyHave` (a different body
 * under the same id is 409 conflict). Training hand-outs are refused (403 training).
 */
export const PushedHandout = z.object({
  training: z.boolean(),
  handout: ResultHandout,
});
export type PushedHandout = z.infer<typeof PushedHandout>;

export const HandoutPushResponse = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  outcome: z.enum(['stored', 'alreadyHave']),
});
export type HandoutPushResponse = z.infer<typeof HandoutPushResponse>;

/**
 * `POST /api/v1/cases/:caseId/ratings` — one 好差评 rating (applicant-facing screen only).
 * Idempotent on `rating.id`; 一次一评: another rating of the same case and trigger is 409.
 * A 差评 opens a follow-up with its call-back and fix deadlines (followUpFor).
 */
export const PushedRating = z.object({
  training: z.boolean(),
  rating: Rating,
});
export type PushedRating = z.infer<typeof PushedRating>;

export const RatingFollowUpView = z.object({
  ratingId: z.uuid(),
  caseNumber: z.string(),
  openedAt: z.string(),
  callBackBy: z.string(),
  fixBy: z.string(),
  provisional: z.boolean(),
});
export type RatingFollowUpView = z.infer<typeof RatingFollowUpView>;

export const RatingPushResponse = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  outcome: z.enum(['stored', 'alreadyHave']),
  followUp: RatingFollowUpView.nullable(),
});
export type RatingPushResponse = z.infer<typeof RatingPushResponse>;

// ---- workstation → server: case revisions after a 补正 --------------------------

/**
 * `POST /api/v1/cases/:caseId/revisions` — the clerk's fix of an accepted case: a new version
 * linked to the latest stored one by its content hash (revision 1 = the case as pushed).
 * Accepted only on top of the latest (`revision` = latest + 1, `previousContentHash` = its
 * hash), from the workstation that pushed the case; idempotent on (caseId, revision,
 * contentHash). The departments whose dispatch waited for the correction review it again
 * (state inReview) and a `resubmitted` status event is recorded per department.
 */
export const PushedRevision = z.object({
  revision: z.number().int().min(2),
  previousContentHash: sha256Hex,
  /** SHA-256 of canonicalJson(case). */
  contentHash: sha256Hex,
  training: z.boolean().default(false),
  case: IntakeCase,
  /** Empty only for a 补正 answered by the clerk's reply alone (reason.reply). */
  changedPaths: z.array(z.string().min(1).max(200)).max(500),
  /** The CaseRevision's reason (src/core/lifecycle/revision.ts), kept as sent. */
  reason: z.unknown().optional(),
  /** When the clerk made the fix (ISO). */
  at: z.string().max(40).optional(),
});
export type PushedRevision = z.infer<typeof PushedRevision>;

export const RevisionPushResponse = z.object({
  caseId: z.uuid(),
  revision: z.number().int().min(2),
  outcome: z.enum(['stored', 'alreadyHave']),
  /** Departments whose dispatch went back to review. */
  departments: z.array(z.string()),
});
export type RevisionPushResponse = z.infer<typeof RevisionPushResponse>;

export const CaseVersionView = z.object({
  revision: z.number().int().min(1),
  contentHash: sha256Hex,
  previousContentHash: sha256Hex.nullable(),
  /** Server clock, ISO. */
  receivedAt: z.string(),
  changedPaths: z.array(z.string()),
  /** The clerk's reply to the department that came with this version (补正答复), if any. */
  reply: z.string().optional(),
  case: IntakeCase,
});
export type CaseVersionView = z.infer<typeof CaseVersionView>;

const LocalizedText = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
/** One field's change (diffCaseVersions, src/core/lifecycle/revision.ts). */
export const CaseChangeView = z.object({
  section: z.string(),
  path: z.string(),
  label: LocalizedText,
  change: z.enum(['added', 'removed', 'changed']),
  before: LocalizedText.nullable(),
  after: LocalizedText.nullable(),
});
export type CaseChangeView = z.infer<typeof CaseChangeView>;

/** `GET /api/v1/department/cases/:caseId/correction-points`: the case's fields and materials a 补正 may point at, by name (correctionPoints). */
export const CorrectionPointsResponse = z.object({
  caseId: z.uuid(),
  points: z.array(z.object({ path: z.string(), section: z.enum(['applicant', 'agent', 'itemField', 'material']), label: LocalizedText })),
});
export type CorrectionPointsResponse = z.infer<typeof CorrectionPointsResponse>;

/** `GET /api/v1/department/cases/:caseId/revisions`: every version, oldest first, and the diff between consecutive ones. */
export const CaseRevisionsResponse = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  versions: z.array(CaseVersionView),
  diffs: z.array(z.object({ fromRevision: z.number().int(), toRevision: z.number().int(), changes: z.array(CaseChangeView) })),
});
export type CaseRevisionsResponse = z.infer<typeof CaseRevisionsResponse>;
