/**
 * What the API does, over the Db interface: push (idempotent, batched, fanned out to
 * departments), status events, reference data, the department queue.
 *
 * Time comes from the caller (`now`), so tests can move a lease past its end.
 *
 * ## How a workstation's event cursor stays safe (migration 008)
 * A workstation pulls events `after` the last cursor it saw. Were the cursor drawn when an
 * event is written, a smaller one could commit after a bigger one and a workstation that
 * pulled in between would skip it for ever. So writers (push, decisions, revisions) take no
 * lock and leave the cursor (`pos`) empty; a pull first numbers its workstation's committed,
 * unnumbered events in write order under that workstation's publication lock, then reads
 * after its cursor (statusEventsAfter). An event still being written is numbered by a later
 * pull, after every number handed out before.
 */
import { Catalog } from '../core/catalog/schema';
import { compareCatalogVersions } from '../core/catalog/version';
import type { HolidayDataFile, HolidayYear } from '../core/calendar/holidayData';
import { validateCaseNumber } from '../core/intake/caseNumber';
import type { IntakeCase } from '../core/intake/case';
import { isTrainingCaseNumber } from '../core/training/isolation';
import {
  ALLOWED_DECISIONS,
  canClaim,
  DECISION_TARGET,
  decideTransition,
  type DispatchTarget,
  mayDecide,
  OPEN_DISPATCH_STATES,
  resolveDepartments,
} from '../core/sync/dispatch';
import {
  type DecisionBatchResult,
  type DepartmentDecision,
  DepartmentDecisionKind as DepartmentDecisionKindEnum,
  type DepartmentDecisionKind,
  type DispatchState,
  type DispatchView,
  type PublishedCatalogVersion,
  PushedCase,
  type PushResult,
  type QueueQuery,
  type StatusEvent,
  type StatusEventKind,
} from '../core/sync/protocol';
import { canonicalJson, JsonTooDeepError, sha256Hex } from '../core/kernel';
import { findUnstorableString, jsonDepthExceeds, MAX_JSON_DEPTH } from '../core/text';
import type { Db, Queryable } from './db';
import type { Officer } from './officers';
import { asJson, iso, isoOrNull } from './guards';
import { ApiProblem, describeIssues, formatPath } from './problem';

// ---- catalog versions -----------------------------------------------------------------------

/** Published catalog versions never change, so a parsed copy is kept per process. */
export class CatalogCache {
  private readonly parsed = new Map<string, Catalog | null>();

  async get(db: Queryable, version: string): Promise<Catalog | null> {
    const hit = this.parsed.get(version);
    if (hit) return hit;
    const [row] = await db.query<{ body: unknown }>('SELECT body FROM catalog_versions WHERE version = $1', [version]);
    if (!row) return null; // not cached: it may be published later
    const catalog = Catalog.parse(asJson(row.body));
    this.parsed.set(version, catalog);
    return catalog;
  }
}

export type PublishOutcome = 'published' | 'unchanged';

/** Publishes a checked catalog (parseCatalogText/parseCatalogData first). A version is immutable: other content under a published version → 409. */
export async function publishCatalog(db: Db, catalog: Catalog, now: Date): Promise<PublishOutcome> {
  const body = canonicalJson(catalog);
  const hash = sha256Hex(body);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO catalog_versions (version, effective_date, content_hash, body, published_at)
       VALUES ($1, $2::date, $3, $4::jsonb, $5) ON CONFLICT (version) DO NOTHING RETURNING version`,
      [catalog.version, catalog.effectiveDate, hash, body, now],
    );
    if (inserted.length > 0) return 'published';
    const [row] = await tx.query<{ content_hash: string }>('SELECT content_hash FROM catalog_versions WHERE version = $1', [catalog.version]);
    if (row?.content_hash === hash) return 'unchanged';
    throw new ApiProblem(409, 'catalogVersionExists', `catalog version ${catalog.version} is already published with other content; publish it under a new version`);
  });
}

/** Published versions newer than `after` (all when absent), oldest first, newest last. */
export async function catalogVersionsAfter(db: Queryable, after: string | undefined): Promise<PublishedCatalogVersion[]> {
  const list = await db.query<{ version: string }>('SELECT version FROM catalog_versions');
  const wanted = list
    .map((r) => r.version)
    .filter((v) => after === undefined || compareCatalogVersions(v, after) > 0)
    .sort(compareCatalogVersions);
  if (wanted.length === 0) return [];
  const rows = await db.query<{ version: string; effective_date: string; published_at: Date; body: unknown }>(
    `SELECT version, effective_date::text AS effective_date, published_at, body FROM catalog_versions
     WHERE version IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(wanted)],
  );
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  return wanted.map((v) => {
    const r = byVersion.get(v)!;
    return { version: r.version, effectiveDate: r.effective_date, publishedAt: iso(r.published_at), catalog: asJson(r.body) };
  });
}

// ---- holiday data ---------------------------------------------------------------------------

/** Publishes every year of a checked holiday data file; a year published again replaces the old one. */
export async function publishHolidays(db: Db, file: HolidayDataFile, now: Date): Promise<number[]> {
  const rows = file.years.map((y) => ({ year: y.year, body: y }));
  await db.query(
    `INSERT INTO holiday_data (year, body, published_at)
     SELECT x.year, x.body, $2 FROM jsonb_to_recordset($1::jsonb) AS x(year integer, body jsonb)
     ON CONFLICT (year) DO UPDATE SET body = excluded.body, published_at = excluded.published_at
     WHERE holiday_data.body IS DISTINCT FROM excluded.body`,
    [JSON.stringify(rows), now],
  );
  return file.years.map((y) => y.year);
}

/** Every published year as one holiday data file, or null when none is published. */
export async function publishedHolidays(db: Queryable): Promise<{ publishedAt: string; data: HolidayDataFile } | null> {
  const rows = await db.query<{ body: unknown; published_at: Date }>('SELECT body, published_at FROM holiday_data ORDER BY year');
  if (rows.length === 0) return null;
  const publishedAt = rows.map((r) => iso(r.published_at)).sort().at(-1)!;
  return { publishedAt, data: { schemaVersion: 1, years: rows.map((r) => asJson<HolidayYear>(r.body)) } };
}

// ---- push -----------------------------------------------------------------------------------

export interface PushActor {
  id: string;
  centreCode: string;
  /** The workstation's 2-symbol code: the third group of its case numbers. */
  code: string;
}

const TRAINING_REASON = 'training cases never reach a department';

interface Candidate {
  index: number;
  /** Lower case, as PostgreSQL prints a uuid: the key for lookups. */
  caseId: string;
  /** As the workstation sent it: the key of its result. */
  sentId: string;
  /** As sent: what a retry or a revision names the case by. */
  contentHash: string;
  c: IntakeCase;
  /** The case number, normalised (the unique key of a case). */
  caseNumber: string;
  /** The case as its schema parsed it (unknown fields dropped), in canonical JSON: the stored body. */
  canonical: string;
  targets: DispatchTarget[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one pushed entry on its own (no database): a result when it is settled, a candidate when it may be stored. */
async function checkEntry(
  raw: unknown,
  index: number,
  actor: PushActor,
  catalogFor: (version: string) => Promise<Catalog | null>,
): Promise<PushResult | Candidate> {
  const caseId = isRecord(raw) && typeof raw.caseId === 'string' ? raw.caseId.slice(0, 100) : '';
  // Training first, before anything else is looked at: practice data goes no further.
  // …and a training (PX) case number refuses it too, even when the flag was lost.
  if (isRecord(raw) && (raw.training === true || (isRecord(raw.case) && (raw.case.training === true || isTrainingCaseNumber(raw.case.caseNumber)))))
    return { caseId, outcome: 'refused', reason: TRAINING_REASON };
  // Depth before anything recursive (zod, canonicalJson) sees it.
  const deep = jsonDepthExceeds(raw, MAX_JSON_DEPTH);
  if (deep) return { caseId, outcome: 'invalid', reason: `nested deeper than ${MAX_JSON_DEPTH} levels`, paths: [formatPath(deep.slice(0, 12)) || '(root)'] };
  const parsed = PushedCase.safeParse(raw);
  if (!parsed.success) {
    const { paths, message } = describeIssues(parsed.error.issues);
    return { caseId, outcome: 'invalid', reason: message, paths };
  }
  const { case: c, contentHash } = parsed.data;
  const rawCase = (raw as Record<string, unknown>).case;
  if (c.id !== parsed.data.caseId) return { caseId, outcome: 'invalid', reason: 'case.id differs from caseId', paths: ['case.id'] };
  if (c.status === 'draft') return { caseId, outcome: 'refused', reason: 'a draft is not pushed: only decided cases go to the departments' };
  if (c.clerk.centreCode !== actor.centreCode)
    return { caseId, outcome: 'refused', reason: `the case belongs to centre ${c.clerk.centreCode}; this workstation is of centre ${actor.centreCode}` };
  if (sha256Hex(canonicalJson(rawCase)) !== contentHash)
    return { caseId, outcome: 'invalid', reason: 'contentHash is not the SHA-256 of canonicalJson(case)', paths: ['contentHash'] };
  const number = validateCaseNumber(c.caseNumber ?? '');
  if (!number.ok) return { caseId, outcome: 'invalid', reason: `the case number is not valid (${number.reason})`, paths: ['case.caseNumber'] };
  // A workstation numbers only its own cases: the number's centre and workstation are the token's.
  if (number.parts.centreCode !== actor.centreCode || number.parts.workstationCode !== actor.code)
    return {
      caseId,
      outcome: 'refused',
      reason: `case number ${number.normalized} belongs to workstation ${number.parts.centreCode}-${number.parts.workstationCode}; this token is workstation ${actor.centreCode}-${actor.code}`,
    };
  // What is stored is what the schema let through; every string in it was checked, and this
  // is the last look before PostgreSQL (which refuses NUL and lone surrogates in jsonb).
  const canonical = canonicalJson(c);
  const unstorable = findUnstorableString(c);
  if (unstorable) return { caseId, outcome: 'invalid', reason: 'holds a control character or a lone surrogate', paths: [formatPath(['case', ...unstorable.slice(0, 12)])] };
  let targets: DispatchTarget[] = [];
  if (c.status === 'accepted') {
    const catalog = await catalogFor(c.catalogVersion);
    if (!catalog)
      return { caseId, outcome: 'invalid', reason: `catalog version ${c.catalogVersion} is not published on this server`, paths: ['case.catalogVersion'] };
    const resolved = resolveDepartments(catalog, c.subject);
    if (!resolved.ok) return { caseId, outcome: 'invalid', reason: resolved.reason, paths: resolved.paths.map((p) => `case.${p}`) };
    targets = resolved.targets;
  }
  return { index, caseId: caseId.toLowerCase(), sentId: caseId, contentHash, c, caseNumber: number.normalized, canonical, targets };
}

const isResult = (x: PushResult | Candidate): x is PushResult => 'outcome' in x;

const NUMBER_TAKEN = 'another case is already stored under this case number';

/**
 * A PostgreSQL error caused by the data of a statement (SQLSTATE class 22 data exception —
 * a NUL or bad Unicode in jsonb —, 23 integrity constraint, 54 too complex — a document too
 * deep), as opposed to the database being unreachable or failing.
 */
export function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

/**
 * Stores a batch of pushed cases (already known to be an array of 1–MAX_PUSH_BATCH
 * entries). One result per entry, in order; one bad entry never fails the others.
 * - same id + same hash as stored → alreadyHave (with its departments);
 * - same id, other hash → conflict; another id under the same case number → conflict;
 * - accepted → one dispatch per responsible department, all queued, plus events
 *   `received` and one `dispatched` per department;
 * - noticeIssued / refused (一次性告知, 不予受理) → stored with `received`, no dispatch
 *   (nothing for a department to do; kept for supervision).
 * An entry whose check throws is that entry's `invalid`; a batch the database refuses is
 * stored again case by case, so the case it refuses is the only one answered `invalid`.
 */
export async function pushCases(db: Db, actor: PushActor, entries: readonly unknown[], now: Date, catalogs: CatalogCache): Promise<PushResult[]> {
  const results: (PushResult | undefined)[] = new Array(entries.length);
  const catalogFor = (v: string) => catalogs.get(db, v);
  const candidates: Candidate[] = [];
  const firstById = new Map<string, Candidate>();
  const firstByNumber = new Map<string, Candidate>();
  const laterDuplicates: Candidate[] = [];
  for (let i = 0; i < entries.length; i++) {
    let r: PushResult | Candidate;
    try {
      r = await checkEntry(entries[i], i, actor, catalogFor);
    } catch (e) {
      const raw = entries[i];
      const caseId = isRecord(raw) && typeof raw.caseId === 'string' ? raw.caseId.slice(0, 100) : '';
      r = { caseId, outcome: 'invalid', reason: e instanceof JsonTooDeepError ? e.message : 'the case could not be checked', paths: ['case'] };
    }
    if (isResult(r)) results[i] = r;
    else if (firstById.has(r.caseId)) laterDuplicates.push(r);
    else if (firstByNumber.has(r.caseNumber))
      results[i] = { caseId: r.sentId, outcome: 'conflict', reason: 'the batch holds two different cases under this case number' };
    else {
      firstById.set(r.caseId, r);
      firstByNumber.set(r.caseNumber, r);
      candidates.push(r);
    }
  }

  if (candidates.length > 0) {
    try {
      await storeCandidates(db, actor, candidates, now, results);
    } catch (batchError) {
      // The database refused the data of a case the checks let through: store each case on its
      // own, so only that one is answered invalid. Any other failure (connection, crash) is the
      // service's, and stays a 5xx the workstation retries.
      if (!isDataError(batchError)) throw batchError;
      for (const c of candidates) {
        try {
          await storeCandidates(db, actor, [c], now, results);
        } catch (e) {
          if (!isDataError(e)) throw e;
          results[c.index] = { caseId: c.sentId, outcome: 'invalid', reason: 'the database refused the data of this case', paths: ['case'] };
        }
      }
    }
  }

  for (const d of laterDuplicates) {
    const first = firstById.get(d.caseId)!;
    const firstResult = results[first.index]!;
    results[d.index] =
      first.contentHash === d.contentHash && firstResult.outcome !== 'conflict' && firstResult.outcome !== 'invalid'
        ? { caseId: d.sentId, outcome: 'alreadyHave', ...(firstResult.departments ? { departments: firstResult.departments } : {}) }
        : { caseId: d.sentId, outcome: 'conflict', reason: 'the batch holds this case id twice with different content' };
  }
  return results.map((r) => bounded(r!));
}

/** Stores checked candidates in one transaction and writes their results. */
async function storeCandidates(db: Db, actor: PushActor, candidates: Candidate[], now: Date, results: (PushResult | undefined)[]): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await tx.query<{ case_id: string; content_hash: string; case_number: string }>(
      `SELECT case_id::text AS case_id, content_hash, case_number FROM cases
       WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))
          OR case_number IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [JSON.stringify(candidates.map((c) => c.caseId)), JSON.stringify(candidates.map((c) => c.caseNumber))],
      { name: 'ow_push_existing_2' },
    );
    const stored = new Map<string, string>();
    const numberOwner = new Map<string, string>();
    const learn = (rows: typeof existing) => {
      for (const r of rows) {
        stored.set(r.case_id, r.content_hash);
        numberOwner.set(r.case_number, r.case_id);
      }
    };
    learn(existing);
    const numberTaken = (c: Candidate) => {
      const owner = numberOwner.get(c.caseNumber);
      return owner !== undefined && owner !== c.caseId;
    };
    const fresh = candidates.filter((c) => !stored.has(c.caseId) && !numberTaken(c));

    let inserted = new Set<string>();
    if (fresh.length > 0) {
      // Each body goes in as the canonical text already made (not serialised again);
      // json_to_recordset hands a json column over as the very text it was given.
      const rows = `[${fresh
        .map((f) => {
          const row = JSON.stringify({
            case_id: f.caseId,
            content_hash: f.contentHash,
            case_number: f.caseNumber,
            centre_code: actor.centreCode,
            workstation_id: actor.id,
            status: f.c.status,
            catalog_version: f.c.catalogVersion,
          });
          return `${row.slice(0, -1)},"body":${f.canonical}}`;
        })
        .join(',')}]`;
      // No conflict target: a case id or a case number stored meanwhile by a concurrent push
      // leaves the row out (classified below) instead of failing the batch.
      const ins = await tx.query<{ case_id: string }>(
        `INSERT INTO cases (case_id, content_hash, case_number, centre_code, workstation_id, training, status, catalog_version, body, received_at)
         SELECT x.case_id, x.content_hash, x.case_number, x.centre_code, x.workstation_id, false, x.status, x.catalog_version, x.body::text, $2
         FROM json_to_recordset($1::json) AS x(case_id uuid, content_hash text, case_number text, centre_code text,
                                               workstation_id text, status text, catalog_version text, body json)
         ON CONFLICT DO NOTHING
         RETURNING case_id::text AS case_id`,
        [rows, now],
        { name: 'ow_push_cases_2' },
      );
      inserted = new Set(ins.map((r) => r.case_id));
      const raced = fresh.filter((f) => !inserted.has(f.caseId));
      if (raced.length > 0) {
        // Stored by a concurrent push between our SELECT and INSERT: classify like the others.
        learn(
          await tx.query<{ case_id: string; content_hash: string; case_number: string }>(
            `SELECT case_id::text AS case_id, content_hash, case_number FROM cases
             WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))
                OR case_number IN (SELECT jsonb_array_elements_text($2::jsonb))`,
            [JSON.stringify(raced.map((r) => r.caseId)), JSON.stringify(raced.map((r) => r.caseNumber))],
          ),
        );
      }
    }

    const newCases = fresh.filter((f) => inserted.has(f.caseId));
    const dispatchRows = newCases.flatMap((f) =>
      f.targets.map((t) => ({ case_id: f.caseId, department_code: t.departmentCode, basic_codes: t.basicCodes, roles: t.roles, item_names: t.itemNames })),
    );
    if (dispatchRows.length > 0)
      await tx.query(
        `INSERT INTO dispatches (case_id, department_code, basic_codes, roles, item_names, state, queued_at)
         SELECT x.case_id, x.department_code, x.basic_codes, x.roles, x.item_names, 'queued', $2
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, department_code text, basic_codes jsonb, roles jsonb, item_names jsonb)`,
        [JSON.stringify(dispatchRows), now],
        { name: 'ow_push_dispatches_2' },
      );
    const eventRows = newCases
      .flatMap((f) => [
        { case_id: f.caseId, kind: 'received', department_code: null as string | null },
        ...f.targets.map((t) => ({ case_id: f.caseId, kind: 'dispatched', department_code: t.departmentCode })),
      ])
      .map((e, ord) => ({ ...e, ord }));
    if (eventRows.length > 0)
      await tx.query(
        `INSERT INTO status_events (case_id, workstation_id, kind, department_code, at)
         SELECT x.case_id, $2, x.kind, x.department_code, $3
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, kind text, department_code text, ord integer)
         ORDER BY x.ord`,
        [JSON.stringify(eventRows), actor.id, now],
        { name: 'ow_push_events' },
      );

    // Departments of the cases we already had (so a retry after a lost answer learns them too).
    const had = candidates.filter((c) => !inserted.has(c.caseId) && stored.get(c.caseId) === c.contentHash);
    const hadDepartments = new Map<string, string[]>();
    if (had.length > 0) {
      const rows = await tx.query<{ case_id: string; department_code: string }>(
        `SELECT case_id::text AS case_id, department_code FROM dispatches
         WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)) ORDER BY id`,
        [JSON.stringify(had.map((h) => h.caseId))],
      );
      for (const r of rows) hadDepartments.set(r.case_id, [...(hadDepartments.get(r.case_id) ?? []), r.department_code]);
    }

    for (const c of candidates) {
      if (inserted.has(c.caseId)) results[c.index] = { caseId: c.sentId, outcome: 'stored', departments: c.targets.map((t) => t.departmentCode) };
      else if (stored.get(c.caseId) === c.contentHash)
        results[c.index] = { caseId: c.sentId, outcome: 'alreadyHave', departments: hadDepartments.get(c.caseId) ?? [] };
      else if (stored.has(c.caseId)) results[c.index] = { caseId: c.sentId, outcome: 'conflict', reason: 'a case with this id and different content is already stored' };
      else results[c.index] = { caseId: c.sentId, outcome: 'conflict', reason: NUMBER_TAKEN, paths: ['case.caseNumber'] };
    }
  });
}

/** Keeps a result within the protocol's bounds (reason ≤ 500, ≤ 50 paths of ≤ 200), whatever the client sent. */
function bounded(r: PushResult): PushResult {
  const out: PushResult = { ...r, caseId: r.caseId.slice(0, 100) };
  if (r.reason !== undefined) out.reason = r.reason.length > 500 ? `${r.reason.slice(0, 499)}…` : r.reason;
  if (r.paths !== undefined) out.paths = r.paths.slice(0, 50).map((p) => p.slice(0, 200));
  return out;
}

// ---- status events --------------------------------------------------------------------------

type EventRow = {
  seq: number;
  case_id: string;
  case_number: string;
  kind: StatusEventKind;
  department_code: string | null;
  at: Date;
  comment: string | null;
  field_comments: unknown;
  result_ready: boolean | null;
  officer_id?: number | string | null;
  officer_name?: string | null;
};

function toEvent(r: EventRow): StatusEvent {
  const e: StatusEvent = {
    cursor: Number(r.seq),
    caseId: r.case_id,
    caseNumber: r.case_number,
    kind: r.kind,
    departmentCode: r.department_code,
    at: iso(r.at),
  };
  if (r.comment !== null) e.comment = r.comment;
  const fc = r.field_comments === null ? null : asJson<StatusEvent['fieldComments']>(r.field_comments);
  if (fc && fc.length > 0) e.fieldComments = fc;
  if (r.result_ready !== null) e.resultReady = r.result_ready;
  if (r.officer_id != null && r.officer_name != null) e.officer = { id: Number(r.officer_id), name: r.officer_name };
  return e;
}

const EVENT_COLUMNS = `e.pos AS seq, e.case_id::text AS case_id, c.case_number, e.kind, e.department_code, e.at, e.comment, e.field_comments, e.result_ready, e.officer_id, e.officer_name`;

/**
 * Events of this workstation's cases after the cursor `after`, oldest first. Numbers the
 * workstation's newly committed events first (see the module comment), in one transaction
 * under its publication lock, so two pulls of one workstation never number at once.
 */
export async function statusEventsAfter(db: Db, workstationId: string, after: number, limit: number): Promise<{ events: StatusEvent[]; nextCursor: number }> {
  const rows = await db.transaction(async (tx) => {
    await tx.query(
      `WITH l AS (SELECT pg_advisory_xact_lock(8787, hashtext('pub:' || $1)) AS locked),
       fresh AS (
         SELECT s.seq, nextval('status_event_pos') AS pos FROM (
           SELECT e.seq FROM status_events e, l WHERE e.workstation_id = $1 AND e.pos IS NULL ORDER BY e.seq
         ) s
       )
       UPDATE status_events e SET pos = fresh.pos FROM fresh WHERE e.seq = fresh.seq`,
      [workstationId],
      { name: 'ow_events_publish' },
    );
    return tx.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM status_events e JOIN cases c ON c.case_id = e.case_id
       WHERE e.workstation_id = $1 AND e.pos > $2 ORDER BY e.pos LIMIT $3`,
      [workstationId, after, limit],
      { name: 'ow_events_after' },
    );
  });
  const events = rows.map(toEvent);
  return { events, nextCursor: events.length > 0 ? events[events.length - 1]!.cursor : after };
}

// ---- departments ----------------------------------------------------------------------------

type DispatchRow = {
  id: number;
  case_id: string;
  case_number: string;
  centre_code: string;
  department_code: string;
  basic_codes: unknown;
  roles: unknown;
  item_names: unknown;
  state: DispatchState;
  lease_owner: string | null;
  lease_until: Date | null;
  queued_at: Date;
  claimed_at: Date | null;
  decided_at: Date | null;
  body: unknown;
};

/** The case as it stands: the latest revision after a 补正 fix (migration 003), else the case as pushed. */
const LATEST_BODY = `COALESCE((SELECT r.body::text FROM case_revisions r WHERE r.case_id = c.case_id ORDER BY r.revision DESC LIMIT 1), c.body)`;
const viewColumns = (body: string) => `d.id, d.case_id::text AS case_id, c.case_number, c.centre_code, d.department_code, d.basic_codes, d.roles, d.item_names, d.state,
  d.lease_owner, d.lease_until, d.queued_at, d.claimed_at, d.decided_at, ${body}`;
const VIEW_COLUMNS = viewColumns(`${LATEST_BODY} AS body`);

function toView(r: DispatchRow): DispatchView {
  return { ...viewWithoutCase(r), case: asJson(r.body) };
}

function viewWithoutCase(r: DispatchRow): Omit<DispatchView, 'case'> {
  return {
    dispatchId: Number(r.id),
    caseId: r.case_id,
    caseNumber: r.case_number,
    centreCode: r.centre_code,
    departmentCode: r.department_code,
    basicCodes: asJson(r.basic_codes),
    roles: asJson(r.roles),
    itemNames: asJson(r.item_names),
    state: r.state,
    leaseOwner: r.lease_owner,
    leaseUntil: isoOrNull(r.lease_until),
    queuedAt: iso(r.queued_at),
    claimedAt: isoOrNull(r.claimed_at),
    decidedAt: isoOrNull(r.decided_at),
    allowedDecisions: [...ALLOWED_DECISIONS[r.state]],
  };
}

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * Dispatch views as one UTF-8 JSON document `{"dispatches":[…]}`, each case spliced in as the
 * bytes stored (the canonical text, fetched as UTF-8 bytes): a batch of claimed cases goes out
 * without being parsed, serialised or transcoded in the service.
 */
function viewsJsonBytes(rows: (DispatchRow & { body_bytes: Uint8Array })[]): Buffer {
  const parts: Buffer[] = [Buffer.from('{"dispatches":[')];
  rows.forEach((r, i) => {
    parts.push(Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(viewWithoutCase(r)).slice(0, -1)},"case":`), asBuffer(r.body_bytes), Buffer.from('}'));
  });
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}

/** This department's dispatches (never another's): one state, or the open ones; paged by dispatch id. */
export async function listQueue(db: Queryable, departmentCode: string, q: QueueQuery): Promise<{ dispatches: DispatchView[]; nextAfter: number }> {
  const states = q.state ? [q.state] : [...OPEN_DISPATCH_STATES];
  const rows = await db.query<DispatchRow>(
    `SELECT ${VIEW_COLUMNS} FROM dispatches d JOIN cases c ON c.case_id = d.case_id
     WHERE d.department_code = $1 AND d.state IN (SELECT jsonb_array_elements_text($2::jsonb)) AND d.id > $3
     ORDER BY d.id LIMIT $4`,
    [departmentCode, JSON.stringify(states), q.after, q.limit],
  );
  const dispatches = rows.map(toView);
  return { dispatches, nextAfter: dispatches.length > 0 ? dispatches[dispatches.length - 1]!.dispatchId : q.after };
}

/**
 * Why a dispatch id is not this department's: 404 when there is no such dispatch, 403 when it
 * is another department's (dispatch ids are a sequence, so saying so tells nothing new; the
 * case in it stays unseen).
 */
async function notThisDepartments(db: Queryable, id: number): Promise<ApiProblem> {
  const [other] = await db.query('SELECT 1 FROM dispatches WHERE id = $1', [id]);
  return other
    ? new ApiProblem(403, 'otherDepartment', `dispatch ${id} belongs to another department; a department acts only on its own dispatches`)
    : new ApiProblem(404, 'notFound', 'no such dispatch');
}

/**
 * Which department acts: its code (in-process callers; requests already authenticated), or
 * the SHA-256 of its bearer token, looked up by the same statement that does the work — the
 * claim and decision routes then need no separate authentication round trip, and a revoked
 * token still stops working on its next request.
 */
export type DepartmentRef = { code: string; officer?: Officer | null } | { tokenHash: string };

/** The signed-in officer acting (null: the department's system token, or an in-process caller). */
const officerOf = (ref: DepartmentRef): Officer | null => ('code' in ref ? (ref.officer ?? null) : null);

/** The department that acted (name: when looked up by token). */
export interface ActingDepartment {
  code: string;
  name: string | null;
}

/**
 * `who`: one row (code, name, revoked, requester) — none for an unknown token. `$1` is the
 * code or the token hash; `requesterParam` the worker named in the request (null: the
 * department itself acts).
 */
function whoCte(ref: DepartmentRef, requesterParam: string): string {
  return 'code' in ref
    ? `who AS (SELECT $1::text AS code, NULL::text AS name, false AS revoked, COALESCE(${requesterParam}::text, $1::text) AS requester)`
    : `who AS (SELECT code, name, revoked_at IS NOT NULL AS revoked, COALESCE(${requesterParam}::text, code) AS requester
               FROM departments WHERE token_hash = $1)`;
}
/** The acting department's code (null for a revoked token: nothing matches it). */
const ACTING = `(SELECT code FROM who WHERE NOT revoked)`;
const REQUESTER = `(SELECT requester FROM who)`;
const WHO_COLUMNS = `who.code AS who_code, who.name AS who_name, who.revoked AS who_revoked, who.requester AS who_requester`;
type WhoColumns = { who_code: string; who_name: string | null; who_revoked: boolean; who_requester: string };

/** The department of a `who` result, or the 401 a token lookup earned. */
function actingOf(rows: WhoColumns[]): ActingDepartment & { requester: string } {
  const w = rows[0];
  if (!w) throw new ApiProblem(401, 'invalidToken', 'the token is not valid', undefined, { 'WWW-Authenticate': 'Bearer' });
  if (w.who_revoked) throw new ApiProblem(401, 'revokedToken', 'the token has been revoked', undefined, { 'WWW-Authenticate': 'Bearer' });
  return { code: w.who_code, name: w.who_name, requester: w.who_requester };
}

/** `officerParam`: the parameter holding the claiming officer's id (null for a department's system token). */
const claimSet = (officerParam: string) =>
  `state = 'claimed', lease_owner = ${REQUESTER}, lease_until = $2::timestamptz + make_interval(secs => $4), claimed_at = $2, claimed_by = ${officerParam}::bigint`;
/** `state IN ('queued', 'claimed')` first and ordered by (queued_at, id), so the planner reads the partial index dispatches_claimable (migrations 004, 009). */
const CLAIMABLE = `d.state IN ('queued', 'claimed') AND (d.state = 'queued' OR d.lease_until IS NULL OR d.lease_until <= $2)`;
/**
 * A claim is committed without waiting for its WAL flush (`synchronous_commit` off for
 * that one statement's transaction): a claim is a lease, not a record. Were the database
 * to crash within the fraction of a second before the flush, the claim would be gone and
 * the dispatch claimable again; the decision that follows is committed synchronously, and
 * its flush carries the claim with it, so no decision is lost or taken twice (a decision
 * on a dispatch that is no longer claimed is 409 notClaimed, and the worker claims again).
 */
const ASYNC_COMMIT = `(SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL`;

/** Claims one dispatch by id (FOR UPDATE SKIP LOCKED): 404 when there is none, 403 when it is another department's, 409 when it is held or past claiming. */
export async function claimDispatchAs(
  db: Queryable,
  ref: DepartmentRef,
  id: number,
  worker: string | null,
  now: Date,
  leaseSeconds: number,
): Promise<{ department: ActingDepartment; dispatch: DispatchView }> {
  const rows = await db.query<WhoColumns & Partial<DispatchRow>>(
    `WITH ${whoCte(ref, '$3')},
     target AS (
       SELECT d.id FROM dispatches d WHERE d.id = $5 AND d.department_code = ${ACTING} AND ${CLAIMABLE}
       FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE dispatches d SET ${claimSet('$6')} FROM target WHERE d.id = target.id AND ${ASYNC_COMMIT} RETURNING d.*
     )
     SELECT ${WHO_COLUMNS}, x.* FROM who LEFT JOIN (SELECT ${VIEW_COLUMNS} FROM claimed d JOIN cases c ON c.case_id = d.case_id) x ON true`,
    ['code' in ref ? ref.code : ref.tokenHash, now, worker, leaseSeconds, id, officerOf(ref)?.id ?? null],
    { name: `ow_claim_${'code' in ref ? 'code' : 'token'}` },
  );
  const { requester: _, ...department } = actingOf(rows);
  if (rows[0]!.id != null) return { department, dispatch: toView(rows[0] as DispatchRow) };
  const [cur] = await db.query<{ state: DispatchState; lease_until: Date | null }>(
    'SELECT state, lease_until FROM dispatches WHERE id = $1 AND department_code = $2',
    [id, department.code],
  );
  if (!cur) throw await notThisDepartments(db, id);
  const check = canClaim({ state: cur.state, leaseUntil: cur.lease_until ? cur.lease_until.getTime() : null }, now.getTime());
  if (!check.ok) throw new ApiProblem(409, check.code, check.reason);
  throw new ApiProblem(409, 'leased', 'another claim of this dispatch is in progress');
}

/** claimDispatchAs for a department known by its code; `owner` = the worker, or the department code. */
export async function claimDispatch(db: Queryable, departmentCode: string, id: number, owner: string, now: Date, leaseSeconds: number): Promise<DispatchView> {
  return (await claimDispatchAs(db, { code: departmentCode }, id, owner, now, leaseSeconds)).dispatch;
}

/**
 * Claims this department's oldest claimable dispatch (queued, or its lease ran out), skipping
 * ones locked by concurrent claims; null when none. One statement, one round trip (the token
 * lookup included); it reads the partial index of claimable dispatches, so decided ones cost
 * nothing.
 */
export async function claimNextAs(
  db: Queryable,
  ref: DepartmentRef,
  worker: string | null,
  now: Date,
  leaseSeconds: number,
): Promise<{ department: ActingDepartment; dispatch: DispatchView | null }> {
  const rows = await db.query<WhoColumns & Partial<DispatchRow>>(
    `WITH ${whoCte(ref, '$3')},
     target AS (
       SELECT d.id FROM dispatches d WHERE d.department_code = ${ACTING} AND ${CLAIMABLE}
       ORDER BY d.queued_at, d.id LIMIT 1 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE dispatches d SET ${claimSet('$5')} FROM target WHERE d.id = target.id AND ${ASYNC_COMMIT} RETURNING d.*
     )
     SELECT ${WHO_COLUMNS}, x.* FROM who LEFT JOIN (SELECT ${VIEW_COLUMNS} FROM claimed d JOIN cases c ON c.case_id = d.case_id) x ON true`,
    ['code' in ref ? ref.code : ref.tokenHash, now, worker, leaseSeconds, officerOf(ref)?.id ?? null],
    { name: `ow_claim_next_${'code' in ref ? 'code' : 'token'}` },
  );
  const { requester: _, ...department } = actingOf(rows);
  return { department, dispatch: rows[0]!.id != null ? toView(rows[0] as DispatchRow) : null };
}

/** claimNextAs for a department known by its code; `owner` = the worker, or the department code. */
export async function claimNext(db: Queryable, departmentCode: string, owner: string, now: Date, leaseSeconds: number): Promise<DispatchView | null> {
  return (await claimNextAs(db, { code: departmentCode }, owner, now, leaseSeconds)).dispatch;
}

type DecidedRow = DispatchRow & Omit<EventRow, 'case_number' | 'case_id' | 'department_code'> & { ev_at: Date };

/** States in which each decision is allowed (the state machine's ALLOWED_DECISIONS, turned around for SQL). */
const DECIDABLE_FROM: Record<DepartmentDecisionKind, string> = Object.fromEntries(
  DepartmentDecisionKindEnum.options.map((k) => [
    k,
    JSON.stringify((Object.keys(ALLOWED_DECISIONS) as DispatchState[]).filter((st) => ALLOWED_DECISIONS[st].includes(k))),
  ]),
) as Record<DepartmentDecisionKind, string>;

function decidedResult(row: DecidedRow): { dispatch: DispatchView; event: StatusEvent } {
  const event = toEvent({
    seq: row.seq,
    case_id: row.case_id,
    case_number: row.case_number,
    kind: row.kind,
    department_code: row.department_code,
    at: row.ev_at,
    comment: row.comment,
    field_comments: row.field_comments,
    result_ready: row.result_ready,
    officer_id: row.officer_id ?? null,
    officer_name: row.officer_name ?? null,
  });
  return { dispatch: toView(row), event };
}

/**
 * Records a department's decision on its dispatch and the status event the workstation
 * will pull. 401: an unknown or revoked token (by token); 404: no such dispatch; 403:
 * another department's; 409: the state machine or another worker's live lease says no.
 *
 * The usual case is one statement, one round trip, its own transaction: it looks the token
 * up (by token), locks the dispatch row only when the state machine (`ALLOWED_DECISIONS`)
 * and the lease rule (`mayDecide`, src/core/sync/dispatch.ts, written out in SQL) allow the
 * decision, updates the dispatch and inserts the event (numbered for the workstation when
 * it pulls: see the module comment). When it changes nothing, the checks run again step by
 * step in a transaction to give the exact reason (or to decide after all, when a
 * concurrent change made it possible meanwhile).
 */
export async function decideAs(
  db: Db,
  ref: DepartmentRef,
  id: number,
  worker: string | null,
  decision: DepartmentDecision,
  now: Date,
): Promise<{ department: ActingDepartment; dispatch: DispatchView; event: StatusEvent }> {
  const to = DECISION_TARGET[decision.kind];
  const resultReady = decision.kind === 'approved' ? (decision.resultReady ?? true) : (decision.resultReady ?? null);
  const comment = decision.comment ? decision.comment : null;
  const fieldComments = decision.fieldComments.length > 0 ? JSON.stringify(decision.fieldComments) : null;
  const rows = await db.query<WhoColumns & Partial<DecidedRow>>(
    `WITH ${whoCte(ref, '$4')},
     cur AS (
       SELECT d.id, c.workstation_id FROM dispatches d JOIN cases c ON c.case_id = d.case_id
       WHERE d.id = $2 AND d.department_code = ${ACTING} AND d.state IN (SELECT jsonb_array_elements_text($3::jsonb))
         AND (d.state <> 'claimed' OR d.lease_owner IS NULL OR d.lease_owner = ${REQUESTER} OR d.lease_owner = d.department_code
              OR ${REQUESTER} = d.department_code OR d.lease_until IS NULL OR d.lease_until <= $5)
       FOR UPDATE OF d
     ),
     updated AS (
       UPDATE dispatches d SET state = $6, lease_owner = ${REQUESTER}, lease_until = NULL, decided_at = $5, decided_by = $11::bigint
       FROM cur WHERE d.id = cur.id RETURNING d.*, cur.workstation_id
     ),
     e AS (
       INSERT INTO status_events (case_id, workstation_id, kind, department_code, at, comment, field_comments, result_ready, officer_id, officer_name)
       SELECT u.case_id, u.workstation_id, $7, u.department_code, $5, $8, $9::jsonb, $10, $11::bigint, $12::text FROM updated u
       RETURNING 0::bigint AS seq, kind, at AS ev_at, comment, field_comments, result_ready, officer_id, officer_name
     )
     SELECT ${WHO_COLUMNS}, x.* FROM who LEFT JOIN (
       SELECT ${VIEW_COLUMNS}, e.seq, e.kind, e.ev_at, e.comment, e.field_comments, e.result_ready, e.officer_id, e.officer_name
       FROM updated d JOIN cases c ON c.case_id = d.case_id CROSS JOIN e
     ) x ON true`,
    [
      'code' in ref ? ref.code : ref.tokenHash,
      id,
      DECIDABLE_FROM[decision.kind],
      worker,
      now,
      to,
      decision.kind,
      comment,
      fieldComments,
      resultReady,
      officerOf(ref)?.id ?? null,
      officerOf(ref)?.name ?? null,
    ],
    { name: `ow_decide_${'code' in ref ? 'code' : 'token'}` },
  );
  const { requester, ...department } = actingOf(rows);
  if (rows[0]!.id != null) return { department, ...decidedResult(rows[0] as DecidedRow) };

  const departmentCode = department.code;
  return db.transaction(async (tx) => {
    const [cur] = await tx.query<{ state: DispatchState; lease_owner: string | null; lease_until: Date | null; workstation_id: string }>(
      `SELECT d.state, d.lease_owner, d.lease_until, c.workstation_id FROM dispatches d JOIN cases c ON c.case_id = d.case_id
       WHERE d.id = $1 AND d.department_code = $2 FOR UPDATE OF d`,
      [id, departmentCode],
    );
    if (!cur) throw await notThisDepartments(tx, id);
    const t = decideTransition(cur.state, decision.kind);
    if (!t.ok) throw new ApiProblem(409, t.code, t.reason);
    const who = mayDecide(
      { state: cur.state, leaseOwner: cur.lease_owner, leaseUntil: cur.lease_until ? cur.lease_until.getTime() : null },
      requester,
      departmentCode,
      now.getTime(),
    );
    if (!who.ok) throw new ApiProblem(409, 'leaseHeldByOther', who.reason);
    const [row] = await tx.query<DecidedRow>(
      `WITH updated AS (
         UPDATE dispatches d SET state = $3, lease_owner = $4, lease_until = NULL, decided_at = $5, decided_by = $11::bigint
         WHERE d.id = $1 AND d.department_code = $2 RETURNING d.*
       ),
       e AS (
         INSERT INTO status_events (case_id, workstation_id, kind, department_code, at, comment, field_comments, result_ready, officer_id, officer_name)
         SELECT u.case_id, $6, $7, u.department_code, $5, $8, $9::jsonb, $10, $11::bigint, $12::text FROM updated u
         RETURNING 0::bigint AS seq, kind, at AS ev_at, comment, field_comments, result_ready, officer_id, officer_name
       )
       SELECT ${VIEW_COLUMNS}, e.seq, e.kind, e.ev_at, e.comment, e.field_comments, e.result_ready, e.officer_id, e.officer_name
       FROM updated d JOIN cases c ON c.case_id = d.case_id CROSS JOIN e`,
      [
        id,
        departmentCode,
        t.to,
        requester,
        now,
        cur.workstation_id,
        decision.kind,
        comment,
        fieldComments,
        resultReady,
        officerOf(ref)?.id ?? null,
        officerOf(ref)?.name ?? null,
      ],
    );
    if (!row) throw new Error(`dispatch ${id} vanished during its decision`);
    return { department, ...decidedResult(row) };
  });
}

/** decideAs for a department known by its code; `requester` = the worker, or the department code. */
export async function decide(
  db: Db,
  departmentCode: string,
  id: number,
  requester: string,
  decision: DepartmentDecision,
  now: Date,
): Promise<{ dispatch: DispatchView; event: StatusEvent }> {
  const { department: _, ...result } = await decideAs(db, { code: departmentCode }, id, requester, decision, now);
  return result;
}

/**
 * Claims up to `limit` of this department's oldest claimable dispatches at once, each with
 * its own lease (FOR UPDATE SKIP LOCKED: concurrent workers get disjoint sets). One
 * statement, the token lookup included, as claimNextAs. Empty when none is claimable.
 */
export async function claimBatchAs(
  db: Queryable,
  ref: DepartmentRef,
  worker: string | null,
  now: Date,
  leaseSeconds: number,
  limit: number,
): Promise<{ department: ActingDepartment; count: number; json: Buffer }> {
  const rows = await db.query<WhoColumns & Partial<DispatchRow> & { body_bytes: Uint8Array | null }>(
    `WITH ${whoCte(ref, '$3')},
     target AS (
       SELECT d.id FROM dispatches d WHERE d.department_code = ${ACTING} AND ${CLAIMABLE}
       ORDER BY d.queued_at, d.id LIMIT $5 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE dispatches d SET ${claimSet('$6')} FROM target WHERE d.id = target.id AND ${ASYNC_COMMIT} RETURNING d.*
     )
     SELECT ${WHO_COLUMNS}, x.* FROM who LEFT JOIN (
       SELECT ${viewColumns(`convert_to(${LATEST_BODY}, 'UTF8') AS body_bytes`)} FROM claimed d JOIN cases c ON c.case_id = d.case_id
     ) x ON true
     ORDER BY x.id`,
    ['code' in ref ? ref.code : ref.tokenHash, now, worker, leaseSeconds, limit, officerOf(ref)?.id ?? null],
    { name: `ow_claim_batch_${'code' in ref ? 'code' : 'token'}` },
  );
  const { requester: _, ...department } = actingOf(rows);
  const claimed = rows.filter((r) => r.id != null) as (DispatchRow & { body_bytes: Uint8Array })[];
  return { department, count: claimed.length, json: viewsJsonBytes(claimed) };
}

type BatchDecidedRow = WhoColumns & {
  ord: number | null;
  dispatch_id: string | number | null;
  state: DispatchState;
} & Omit<EventRow, 'at'> & { ev_at: Date };

/**
 * Records many decisions, each on its own (the batch for department systems): one
 * statement decides every decision the state machine and the lease rule allow — locking the
 * dispatch rows in id order, so concurrent batches cannot deadlock — and each one it could not take goes through
 * decideAs on its own, which gives the exact refusal (404, 403, 409) or decides after all.
 */
export async function decideBatchAs(
  db: Db,
  ref: DepartmentRef,
  items: readonly { dispatchId: number; decision: DepartmentDecision }[],
  worker: string | null,
  now: Date,
): Promise<{ department: ActingDepartment; results: DecisionBatchResult[] }> {
  const seen = new Set<number>();
  const input = items.flatMap((it, ord) => {
    if (seen.has(it.dispatchId)) return []; // the same dispatch twice: the second goes the slow way (and learns why)
    seen.add(it.dispatchId);
    const d = it.decision;
    return [
      {
        ord,
        id: it.dispatchId,
        kind: d.kind,
        to_state: DECISION_TARGET[d.kind],
        allowed: JSON.parse(DECIDABLE_FROM[d.kind]) as string[],
        comment: d.comment ? d.comment : null,
        field_comments: d.fieldComments.length > 0 ? d.fieldComments : null,
        result_ready: d.kind === 'approved' ? (d.resultReady ?? true) : (d.resultReady ?? null),
      },
    ];
  });
  // Each dispatch is looked up and locked by its primary key, in id order (a lateral FOR
  // UPDATE: a plain join lets the planner scan the department's every dispatch, and the lock
  // order keeps concurrent batches from deadlocking). The event's values are the update's
  // own (its cursor is drawn when the workstation pulls), so nothing joins back. `= ANY` keeps
  // the update on the primary key too.
  const rows = await db.query<BatchDecidedRow>(
    `WITH ${whoCte(ref, '$3')},
     input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(ord integer, id bigint, kind text, to_state text, allowed jsonb,
                                                        comment text, field_comments jsonb, result_ready boolean)
     ),
     cur AS (
       SELECT d.id, d.case_id, d.department_code, c.workstation_id, c.case_number, i.ord, i.kind, i.to_state, i.comment, i.field_comments, i.result_ready
       FROM (SELECT * FROM input ORDER BY id) i
       JOIN LATERAL (
         SELECT d.id, d.case_id, d.department_code FROM dispatches d
         WHERE d.id = i.id AND d.department_code = ${ACTING} AND i.allowed ? d.state
           AND (d.state <> 'claimed' OR d.lease_owner IS NULL OR d.lease_owner = ${REQUESTER} OR d.lease_owner = d.department_code
                OR ${REQUESTER} = d.department_code OR d.lease_until IS NULL OR d.lease_until <= $4)
         FOR UPDATE
       ) d ON true
       JOIN cases c ON c.case_id = d.case_id
     ),
     updated AS (
       UPDATE dispatches d SET state = cur.to_state, lease_owner = ${REQUESTER}, lease_until = NULL, decided_at = $4, decided_by = $5::bigint
       FROM cur WHERE d.id = cur.id AND d.id = ANY(ARRAY(SELECT id FROM cur))
       RETURNING d.id, d.state, cur.case_id, cur.case_number, cur.department_code, cur.workstation_id, cur.ord, cur.kind, cur.comment, cur.field_comments, cur.result_ready
     ),
     e AS (
       INSERT INTO status_events (case_id, workstation_id, kind, department_code, at, comment, field_comments, result_ready, officer_id, officer_name)
       SELECT u.case_id, u.workstation_id, u.kind, u.department_code, $4, u.comment, u.field_comments, u.result_ready, $5::bigint, $6::text
       FROM updated u ORDER BY u.ord
     )
     SELECT ${WHO_COLUMNS}, x.* FROM who LEFT JOIN (
       SELECT u.ord, u.id AS dispatch_id, u.state, 0 AS seq, u.case_id::text AS case_id, u.case_number, u.department_code, u.kind, $4::timestamptz AS ev_at,
              u.comment, u.field_comments, u.result_ready, $5::bigint AS officer_id, $6::text AS officer_name
       FROM updated u
     ) x ON true`,
    ['code' in ref ? ref.code : ref.tokenHash, JSON.stringify(input), worker, now, officerOf(ref)?.id ?? null, officerOf(ref)?.name ?? null],
    { name: `ow_decide_batch_${'code' in ref ? 'code' : 'token'}` },
  );
  const { requester: _, ...department } = actingOf(rows);
  const results: (DecisionBatchResult | undefined)[] = new Array(items.length);
  for (const r of rows) {
    if (r.ord == null) continue;
    results[r.ord] = {
      dispatchId: Number(r.dispatch_id),
      outcome: 'decided',
      state: r.state,
      event: toEvent({ ...r, at: r.ev_at }),
    };
  }
  // The rest, one by one: the exact reason, or a decision after all (a lease ran out meanwhile).
  for (let i = 0; i < items.length; i++) {
    if (results[i]) continue;
    const it = items[i]!;
    try {
      const r = await decideAs(db, ref, it.dispatchId, worker, it.decision, now);
      results[i] = { dispatchId: it.dispatchId, outcome: 'decided', state: r.dispatch.state, event: r.event };
    } catch (e) {
      if (!(e instanceof ApiProblem) || e.status === 401) throw e;
      results[i] = { dispatchId: it.dispatchId, outcome: 'refused', status: e.status, code: e.code, message: e.message };
    }
  }
  return { department, results: results as DecisionBatchResult[] };
}

/** The case of one of this department's dispatches; 404 when the department has none for it. */
export async function caseForDepartment(db: Queryable, departmentCode: string, caseId: string): Promise<DispatchView> {
  const [row] = await db.query<DispatchRow>(
    `SELECT ${VIEW_COLUMNS} FROM dispatches d JOIN cases c ON c.case_id = d.case_id WHERE d.case_id = $1::uuid AND d.department_code = $2`,
    [caseId, departmentCode],
  );
  if (!row) throw new ApiProblem(404, 'notFound', 'no such case for this department');
  return toView(row);
}
