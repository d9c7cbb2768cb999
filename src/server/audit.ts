/**
 * The case audit trail on the service:
 *
 * - `POST /api/v1/audit` (workstation) — entries of cases this workstation pushed, validated
 *   with zod (AuditPushRequest, src/core/quality/audit.ts). Per case, in seq order, an entry is
 *   stored only when it continues the chain the server holds: seq = head + 1, prevHash = the
 *   head's hash (the case's genesis for seq 1) and hash = SHA-256 of its canonical JSON. The
 *   server stamps its own receipt time. Idempotent: an entry already held with the same hash
 *   is `alreadyHave` (with the time it was first received); a different one under the same
 *   seq, a gap or a broken link is `rejected` with the reason, and the case's later entries in
 *   the request are rejected with it. Training entries are refused as a whole (403), before
 *   anything else is read.
 * - `verifyWorkstationAudit(db, workstationId)` — every chain of the workstation, as stored,
 *   through the core's verifyChain.
 *
 * ## Noticing what is missing (migration 012)
 * A chain alone shows an edited entry, but not a rewrite with every later hash recomputed,
 * its last entries or its whole self deleted, an edit of a column outside the hashed JSON, or
 * a changed receipt time. Three records kept apart close those gaps:
 * - **the workstation's heads**: each push carries the workstation's own head of every case
 *   in it; the highest one the server can check is kept (`audit_case_heads`) and must stay in
 *   the chain with the same hash.
 * - **the centre chain** (`audit_head_links`): each time a case's head moves, a link hashes the
 *   previous link + case id + head hash + head seq + receipt time (`linkHash`). Every entry up
 *   to a link's head must be there, with the receipt time of the link that covered it.
 * - **checkpoints** every CHECKPOINT_EVERY links (and every REQUEST_CHECKPOINT_EVERY request
 *   rows): a position and hash that must still match; verify-audit prints the latest, for an
 *   administrator to note outside the database.
 * The per-request table `audit` is chained row to row (`requestRowHash`). `verifyAudit` checks
 * all of it, plus that every case with dispatches has a chain (`npm run admin -- verify-audit`).
 *
 * Registered by app.ts with `registerAuditRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import {
  AuditEntry,
  type AuditHead,
  auditEntryHash,
  AuditPushRequest,
  genesisHash,
  verifyChain,
  type AuditPushResponse,
  type AuditPushResult,
  type ChainVerification,
} from '../core/quality/audit';
import { canonicalJson, sha256Hex as sha256 } from '../core/kernel';
import { API_PREFIX } from '../core/sync/protocol';
import type { Db, Queryable } from './db';
import { asJson, iso, type WorkstationActor } from './guards';
import { ApiProblem, describeIssues } from './problem';

/** Stores the entries that continue their chains; see the module comment. */
export async function recordAuditEntries(db: Db, ws: WorkstationActor, raw: unknown, now: Date): Promise<AuditPushResponse> {
  const r = raw as { entries?: unknown } | null;
  if (r && Array.isArray(r.entries) && r.entries.some((e) => (e as { training?: unknown } | null)?.training === true))
    throw new ApiProblem(403, 'training', 'training entries never reach the server');
  const parsed = AuditPushRequest.safeParse(raw);
  if (!parsed.success) {
    const { paths, message } = describeIssues(parsed.error.issues);
    throw new ApiProblem(400, 'invalidBody', `audit: ${message}`, paths);
  }
  const heads = new Map<string, AuditHead>();
  for (const h of parsed.data.heads ?? []) heads.set(h.caseId.toLowerCase(), h);
  const byCase = new Map<string, AuditEntry[]>();
  for (const { training: _t, serverTime: _s, ...e } of parsed.data.entries) {
    const id = e.caseId.toLowerCase();
    const g = byCase.get(id);
    if (g) g.push(e);
    else byCase.set(id, [e]);
  }
  const results: AuditPushResult[] = [];
  for (const [caseId, entries] of byCase) {
    entries.sort((a, b) => a.seq - b.seq);
    const out = await db.transaction(async (tx) => {
      const res: AuditPushResult[] = [];
      const reject = (e: AuditEntry, reason: string) => res.push({ caseId: e.caseId, seq: e.seq, outcome: 'rejected', reason });
      const [c] = await tx.query<{ workstation_id: string }>(`SELECT workstation_id FROM cases WHERE case_id = $1::uuid FOR UPDATE`, [caseId]);
      if (!c || c.workstation_id !== ws.id) {
        for (const e of entries) reject(e, c ? 'the case was pushed by another workstation' : 'the server does not have this case');
        return res;
      }
      const held = await tx.query<{ seq: number; hash: string; received_at: Date }>(
        `SELECT seq, hash, received_at FROM case_audit_entries WHERE case_id = $1::uuid ORDER BY seq`,
        [caseId],
      );
      const bySeq = new Map(held.map((h) => [Number(h.seq), h]));
      let head = held.length > 0 ? { seq: Number(held[held.length - 1]!.seq), hash: held[held.length - 1]!.hash } : { seq: 0, hash: genesisHash(e0(entries).caseId) };
      let broken: string | null = null;
      for (const e of entries) {
        if (broken) {
          reject(e, broken);
          continue;
        }
        const have = bySeq.get(e.seq);
        if (have) {
          if (have.hash === e.hash && auditEntryHash(e) === e.hash) res.push({ caseId: e.caseId, seq: e.seq, outcome: 'alreadyHave', receivedAt: iso(have.received_at) });
          else {
            broken = `another entry ${e.seq} of this case is held`;
            reject(e, broken);
          }
          continue;
        }
        if (auditEntryHash(e) !== e.hash) broken = `entry ${e.seq}: hash is not the SHA-256 of its content`;
        else if (e.seq !== head.seq + 1) broken = `entry ${e.seq} does not follow ${head.seq}: an entry is missing`;
        else if (e.prevHash !== head.hash) broken = `entry ${e.seq}: prevHash does not link to entry ${head.seq}`;
        if (broken) {
          reject(e, broken);
          continue;
        }
        await tx.query(
          `INSERT INTO case_audit_entries (case_id, seq, workstation_id, action, prev_hash, hash, device_time, entry, received_at)
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
          [caseId, e.seq, ws.id, e.action, e.prevHash, e.hash, e.deviceTime, JSON.stringify(e), now],
        );
        res.push({ caseId: e.caseId, seq: e.seq, outcome: 'stored', receivedAt: now.toISOString() });
        head = { seq: e.seq, hash: e.hash };
      }
      if (res.some((r) => r.outcome === 'stored')) await appendHeadLink(tx, ws.centreCode, caseId, head, now);
      const reported = heads.get(caseId);
      if (reported) await keepReportedHead(tx, ws.id, caseId, reported, head.seq, now);
      return res;
    });
    results.push(...out);
  }
  return { results };
}

const e0 = (entries: AuditEntry[]): AuditEntry => entries[0]!;

// ---- the centre chain, the workstations' heads, checkpoints ----------------------------------

export const CHECKPOINT_EVERY = 100;
export const REQUEST_CHECKPOINT_EVERY = 1000;

export const centreGenesis = (centreCode: string): string => sha256(`onewindow/audit-link/v1/genesis/${centreCode}`);

/** One link of the centre chain: the previous link, the case, its head and the receipt time. */
export function linkHash(prev: string, caseId: string, headHash: string, headSeq: number, receivedAt: string): string {
  return sha256(`onewindow/audit-link/v1\n${prev}\n${caseId}\n${headHash}\n${headSeq}\n${receivedAt}`);
}

/** Appends the link for a case's new head, under the centre's lock (links are numbered without gaps). */
async function appendHeadLink(tx: Queryable, centreCode: string, caseId: string, head: { seq: number; hash: string }, now: Date): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(8787, hashtext('audit-links:' || $1))`, [centreCode]);
  const [last] = await tx.query<{ link_seq: number; link_hash: string }>(
    'SELECT link_seq, link_hash FROM audit_head_links WHERE centre_code = $1 ORDER BY link_seq DESC LIMIT 1',
    [centreCode],
  );
  const seq = Number(last?.link_seq ?? 0) + 1;
  const prev = last?.link_hash ?? centreGenesis(centreCode);
  const hash = linkHash(prev, caseId, head.hash, head.seq, now.toISOString());
  await tx.query(
    `INSERT INTO audit_head_links (centre_code, link_seq, case_id, head_seq, head_hash, received_at, prev_link_hash, link_hash)
     VALUES ($1, $2, $3::uuid, $4, $5, $6, $7, $8)`,
    [centreCode, seq, caseId, head.seq, head.hash, now, prev, hash],
  );
  if (seq % CHECKPOINT_EVERY === 0)
    await tx.query('INSERT INTO audit_checkpoints (scope, position, hash, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [`centre:${centreCode}`, seq, hash, now]);
}

/** Keeps the workstation's reported head when the server holds that far (a head ahead of it is not yet received). */
async function keepReportedHead(tx: Queryable, workstationId: string, caseId: string, h: AuditHead, serverSeq: number, now: Date): Promise<void> {
  if (h.seq > serverSeq) return;
  await tx.query(
    `INSERT INTO audit_case_heads (case_id, workstation_id, seq, hash, reported_at) VALUES ($1::uuid, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, reported_at = excluded.reported_at
     WHERE audit_case_heads.seq < excluded.seq`,
    [caseId, workstationId, h.seq, h.hash, now],
  );
}

// ---- the per-request table's chain -----------------------------------------------------------

export const REQUEST_GENESIS = sha256('onewindow/request-audit/v1/genesis');

export type RequestAuditRow = {
  at: string;
  actor_kind: string;
  actor_id: string | null;
  officer_id: number | null;
  worker: string | null;
  method: string;
  route: string | null;
  path: string;
  status: number;
  duration_ms: number | null;
};

/** A request row's hash: the previous row's hash and every column of the row. */
export function requestRowHash(prev: string, r: RequestAuditRow): string {
  const { at, actor_kind, actor_id, officer_id, worker, method, route, path, status, duration_ms } = r;
  return sha256(`${prev}\n${canonicalJson({ at, actor_kind, actor_id, officer_id, worker, method, route, path, status, duration_ms })}`);
}

/**
 * Appends request rows to the chain in one transaction under the table's lock (API nodes
 * sharing a database append one after another); committed without waiting for the WAL flush,
 * as before: a database crash may lose the last fraction of a second of rows.
 */
export async function appendRequestRows(db: Db, rows: RequestAuditRow[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(8787, 3), set_config('synchronous_commit', 'off', true)`);
    const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1');
    let prev = last?.hash ?? REQUEST_GENESIS;
    const chained = rows.map((r, n) => {
      const hash = requestRowHash(prev, r);
      const row = { ...r, prev_hash: prev, hash, n };
      prev = hash;
      return row;
    });
    const inserted = await tx.query<{ id: number; hash: string }>(
      `INSERT INTO audit (at, actor_kind, actor_id, officer_id, worker, method, route, path, status, duration_ms, prev_hash, hash)
       SELECT x.at, x.actor_kind, x.actor_id, x.officer_id, x.worker, x.method, x.route, x.path, x.status, x.duration_ms, x.prev_hash, x.hash
       FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, actor_kind text, actor_id text, officer_id bigint, worker text, method text,
                                                route text, path text, status integer, duration_ms integer, prev_hash text, hash text, n integer)
       ORDER BY x.n
       RETURNING id, hash`,
      [JSON.stringify(chained)],
      { name: 'ow_audit' },
    );
    for (const r of inserted)
      if (Number(r.id) % REQUEST_CHECKPOINT_EVERY === 0)
        await tx.query('INSERT INTO audit_checkpoints (scope, position, hash, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', ['requests', r.id, r.hash, now]);
  });
}

/** Every chain of the workstation as the server holds it (entries with the server's time). */
export async function auditEntriesOfWorkstation(db: Db, workstationId: string): Promise<AuditEntry[]> {
  const rows = await db.query<{ entry: unknown; received_at: Date }>(
    `SELECT entry, received_at FROM case_audit_entries WHERE workstation_id = $1 ORDER BY case_id, seq`,
    [workstationId],
  );
  return rows.map((r) => ({ ...asJson<AuditEntry>(r.entry), serverTime: iso(r.received_at) }));
}

export async function verifyWorkstationAudit(db: Db, workstationId: string): Promise<ChainVerification> {
  return verifyChain(await auditEntriesOfWorkstation(db, workstationId));
}

export function registerAuditRoutes(app: FastifyInstance, options: { db: Db; now: () => Date }): void {
  const { db, now } = options;
  app.post(`${API_PREFIX}/audit`, { config: { auth: 'workstation' } }, async (request) => {
    const a = request.actor;
    if (a?.kind !== 'workstation') throw new ApiProblem(403, 'forbidden', 'workstations only');
    return recordAuditEntries(db, a, request.body, now());
  });
}

// ---- verify-audit ------------------------------------------------------------------------------

export type AuditFindingKind =
  /** a case's chain fails its own hashes (the core's verifyChain) */
  | 'chain'
  /** a column of a stored entry differs from the hashed entry it stores */
  | 'column'
  /** the centre chain is broken: a link edited, removed or inserted */
  | 'centreChain'
  /** a link's head is no longer in the case's chain: entries or the whole chain deleted */
  | 'headMissing'
  /** a link's head is in the chain with another hash: the chain was rewritten */
  | 'headRewritten'
  /** an entry's receipt time differs from the link that recorded its arrival */
  | 'receivedAt'
  /** entries after the case's last link, which no push stored */
  | 'unlinked'
  /** the workstation's own head of the case is not in the chain */
  | 'workstationHead'
  /** a case with dispatches has no audit chain on the server */
  | 'missingChain'
  /** the per-request table's chain is broken: a row edited or deleted */
  | 'requestChain'
  /** a checkpoint no longer matches its chain */
  | 'checkpoint';

export interface AuditFinding {
  kind: AuditFindingKind;
  caseId?: string;
  seq?: number;
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  findings: AuditFinding[];
  cases: number;
  entries: number;
  links: number;
  requestRows: number;
  /** The latest checkpoint of each chain, to be noted outside the database. */
  checkpoints: { scope: string; position: number; hash: string; at: string }[];
}

type EntryRow = {
  case_id: string;
  seq: number;
  workstation_id: string;
  action: string;
  prev_hash: string;
  hash: string;
  device_time: string;
  entry: unknown;
  received_at: Date;
};

/**
 * Everything verify-audit checks (see the module comment): the case chains (of one workstation,
 * or all), their columns, the centre chains and what their links say of each case, the heads
 * the workstations reported, cases with dispatches but no chain, the request table's chain and
 * the checkpoints. Read-only.
 */
export async function verifyAudit(db: Db, options: { workstationId?: string } = {}): Promise<AuditVerification> {
  const findings: AuditFinding[] = [];
  const ws = options.workstationId ?? null;
  const rows = await db.query<EntryRow>(
    `SELECT case_id::text AS case_id, seq, workstation_id, action, prev_hash, hash, device_time, entry, received_at
     FROM case_audit_entries WHERE $1::text IS NULL OR workstation_id = $1 ORDER BY case_id, seq`,
    [ws],
  );
  const byCase = new Map<string, EntryRow[]>();
  for (const r of rows) {
    const g = byCase.get(r.case_id);
    if (g) g.push(r);
    else byCase.set(r.case_id, [r]);
  }

  // 1. each chain by its own hashes, and every column against the entry it stores
  const chain = verifyChain(rows.map((r) => ({ ...asJson<AuditEntry>(r.entry), serverTime: iso(r.received_at) })));
  if (!chain.ok) findings.push({ kind: 'chain', caseId: chain.caseId, seq: chain.firstBadSeq, detail: `first bad entry ${chain.firstBadSeq} (${chain.kind})` });
  for (const r of rows) {
    const e = asJson<AuditEntry>(r.entry);
    const differs = [
      e.caseId?.toLowerCase() !== r.case_id && 'case_id',
      e.seq !== Number(r.seq) && 'seq',
      e.action !== r.action && 'action',
      e.prevHash !== r.prev_hash && 'prev_hash',
      e.hash !== r.hash && 'hash',
      e.deviceTime !== r.device_time && 'device_time',
    ].filter(Boolean);
    if (differs.length > 0) findings.push({ kind: 'column', caseId: r.case_id, seq: Number(r.seq), detail: `column(s) ${differs.join(', ')} differ from the hashed entry` });
  }
  const owners = await db.query<{ case_id: string; workstation_id: string }>(
    `SELECT c.case_id::text AS case_id, c.workstation_id FROM cases c WHERE c.case_id IN (SELECT DISTINCT case_id FROM case_audit_entries WHERE $1::text IS NULL OR workstation_id = $1)`,
    [ws],
  );
  const ownerOf = new Map(owners.map((o) => [o.case_id, o.workstation_id]));
  for (const [caseId, list] of byCase)
    if (ownerOf.get(caseId) !== list[0]!.workstation_id)
      findings.push({ kind: 'column', caseId, detail: `workstation_id ${list[0]!.workstation_id} is not the workstation that pushed the case` });

  // 2. the centre chains, link by link; and what each link says of its case
  const links = await db.query<{
    centre_code: string;
    link_seq: number;
    case_id: string;
    head_seq: number;
    head_hash: string;
    received_at: Date;
    prev_link_hash: string;
    link_hash: string;
  }>(`SELECT centre_code, link_seq, case_id::text AS case_id, head_seq, head_hash, received_at, prev_link_hash, link_hash
      FROM audit_head_links ORDER BY centre_code, link_seq`);
  let prevCentre: string | null = null;
  let prevHash = '';
  let expectSeq = 1;
  const linksOfCase = new Map<string, { headSeq: number; headHash: string; receivedAt: string }[]>();
  for (const l of links) {
    if (l.centre_code !== prevCentre) {
      prevCentre = l.centre_code;
      prevHash = centreGenesis(l.centre_code);
      expectSeq = 1;
    }
    const at = iso(l.received_at);
    const where = `centre ${l.centre_code}, link ${l.link_seq}`;
    if (Number(l.link_seq) !== expectSeq) findings.push({ kind: 'centreChain', detail: `${where}: link ${expectSeq} is missing` });
    else if (l.prev_link_hash !== prevHash) findings.push({ kind: 'centreChain', detail: `${where}: does not link to the link before it` });
    else if (linkHash(l.prev_link_hash, l.case_id, l.head_hash, Number(l.head_seq), at) !== l.link_hash)
      findings.push({ kind: 'centreChain', caseId: l.case_id, detail: `${where}: the link was edited` });
    prevHash = l.link_hash;
    expectSeq = Number(l.link_seq) + 1;
    const g = linksOfCase.get(l.case_id) ?? [];
    g.push({ headSeq: Number(l.head_seq), headHash: l.head_hash, receivedAt: at });
    linksOfCase.set(l.case_id, g);
  }
  const scopedCases = ws === null ? [...linksOfCase.keys()] : [...linksOfCase.keys()].filter((id) => byCase.has(id) || ownerOf.get(id) === ws);
  if (ws !== null) {
    // cases of the workstation whose chain is gone entirely are still its cases
    const mine = await db.query<{ case_id: string }>('SELECT case_id::text AS case_id FROM cases WHERE workstation_id = $1', [ws]);
    for (const m of mine) if (linksOfCase.has(m.case_id) && !scopedCases.includes(m.case_id)) scopedCases.push(m.case_id);
  }
  for (const caseId of scopedCases) {
    const ls = [...linksOfCase.get(caseId)!].sort((a, b) => a.headSeq - b.headSeq);
    const entries = new Map((byCase.get(caseId) ?? []).map((r) => [Number(r.seq), r]));
    if (entries.size === 0) {
      findings.push({ kind: 'headMissing', caseId, seq: ls.at(-1)!.headSeq, detail: `the whole chain is gone; the centre chain recorded ${ls.at(-1)!.headSeq} entries` });
      continue;
    }
    let from = 0;
    for (const l of ls) {
      const at = entries.get(l.headSeq);
      if (!at) findings.push({ kind: 'headMissing', caseId, seq: l.headSeq, detail: `entry ${l.headSeq}, recorded as the head on ${l.receivedAt}, is gone` });
      else if (at.hash !== l.headHash) findings.push({ kind: 'headRewritten', caseId, seq: l.headSeq, detail: `entry ${l.headSeq} no longer has the hash recorded when it arrived` });
      for (let s = from + 1; s <= l.headSeq; s++) {
        const r = entries.get(s);
        if (r && iso(r.received_at) !== l.receivedAt)
          findings.push({ kind: 'receivedAt', caseId, seq: s, detail: `entry ${s}: received_at ${iso(r.received_at)}, but it arrived on ${l.receivedAt}` });
      }
      from = Math.max(from, l.headSeq);
    }
    for (const s of entries.keys()) if (s > from) findings.push({ kind: 'unlinked', caseId, seq: s, detail: `entry ${s} was not stored by a push (no link records it)` });
  }

  // chains with no link at all: only those stored before the centre chain existed may be so
  const legacy = new Set(
    (await db.query<{ case_id: string }>('SELECT case_id::text AS case_id FROM audit_legacy_cases')).map((r) => r.case_id),
  );
  for (const [caseId, list] of byCase)
    if (!linksOfCase.has(caseId) && !legacy.has(caseId))
      findings.push({ kind: 'unlinked', caseId, seq: Number(list[0]!.seq), detail: `entry ${list[0]!.seq} was not stored by a push (no link records it)` });

  // 3. the heads the workstations reported
  const reported = await db.query<{ case_id: string; workstation_id: string; seq: number; hash: string }>(
    'SELECT case_id::text AS case_id, workstation_id, seq, hash FROM audit_case_heads WHERE $1::text IS NULL OR workstation_id = $1',
    [ws],
  );
  for (const h of reported) {
    const r = byCase.get(h.case_id)?.find((x) => Number(x.seq) === Number(h.seq));
    if (!r || r.hash !== h.hash)
      findings.push({ kind: 'workstationHead', caseId: h.case_id, seq: Number(h.seq), detail: `workstation ${h.workstation_id} holds entry ${h.seq} with another hash, or the server lost it` });
  }

  // 4. cases the service holds with dispatches but no chain
  const bare = await db.query<{ case_id: string }>(
    `SELECT c.case_id::text AS case_id FROM cases c
     WHERE ($1::text IS NULL OR c.workstation_id = $1) AND EXISTS (SELECT 1 FROM dispatches d WHERE d.case_id = c.case_id)
       AND NOT EXISTS (SELECT 1 FROM case_audit_entries a WHERE a.case_id = c.case_id)`,
    [ws],
  );
  for (const b of bare)
    if (!findings.some((f) => f.caseId === b.case_id && f.kind === 'headMissing'))
      findings.push({ kind: 'missingChain', caseId: b.case_id, detail: 'the case has dispatches but no audit chain on the server' });

  // 5. the per-request table, page by page in id order
  let requestRows = 0;
  let prevRow: { id: number; hash: string } | null = null;
  for (let after = 0; ; ) {
    const page = await db.query<RequestAuditRow & { id: number; prev_hash: string; hash: string; at: Date | string }>(
      `SELECT id, at, actor_kind, actor_id, officer_id, worker, method, route, path, status, duration_ms, prev_hash, hash
       FROM audit WHERE hash IS NOT NULL AND id > $1 ORDER BY id LIMIT 10000`,
      [after],
    );
    if (page.length === 0) break;
    for (const r of page) {
      requestRows++;
      const want = prevRow?.hash ?? REQUEST_GENESIS;
      const row: RequestAuditRow = {
        at: iso(r.at),
        actor_kind: r.actor_kind,
        actor_id: r.actor_id,
        officer_id: r.officer_id === null ? null : Number(r.officer_id),
        worker: r.worker,
        method: r.method,
        route: r.route,
        path: r.path,
        status: Number(r.status),
        duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
      };
      if (r.prev_hash !== want)
        findings.push({ kind: 'requestChain', seq: Number(r.id), detail: `request row ${r.id} does not follow row ${prevRow?.id ?? '(none)'}: a row before it was deleted or edited` });
      else if (requestRowHash(r.prev_hash, row) !== r.hash) findings.push({ kind: 'requestChain', seq: Number(r.id), detail: `request row ${r.id} was edited` });
      prevRow = { id: Number(r.id), hash: r.hash };
    }
    after = Number(page[page.length - 1]!.id);
  }

  // 6. checkpoints still match their chains
  const cps = await db.query<{ scope: string; position: number; hash: string; at: Date }>('SELECT scope, position, hash, at FROM audit_checkpoints ORDER BY scope, position');
  const linkAt = new Map(links.map((l) => [`centre:${l.centre_code}#${l.link_seq}`, l.link_hash]));
  for (const c of cps) {
    const held =
      c.scope === 'requests'
        ? (await db.query<{ hash: string }>('SELECT hash FROM audit WHERE id = $1', [c.position]))[0]?.hash
        : linkAt.get(`${c.scope}#${c.position}`);
    if (held !== c.hash) findings.push({ kind: 'checkpoint', detail: `checkpoint ${c.scope} @ ${c.position}: ${held === undefined ? 'the row is gone' : 'the hash differs'}` });
  }
  const latest = new Map<string, AuditVerification['checkpoints'][number]>();
  for (const c of cps) latest.set(c.scope, { scope: c.scope, position: Number(c.position), hash: c.hash, at: iso(c.at) });

  return {
    ok: findings.length === 0,
    findings,
    cases: byCase.size,
    entries: rows.length,
    links: links.length,
    requestRows,
    checkpoints: [...latest.values()],
  };
}
