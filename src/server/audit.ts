/**
 * The case audit trail on the service (issue 7 §5):
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
 *   through the core's verifyChain (the admin command `verify-audit --workstation <id>`).
 *
 * Registered by app.ts with `registerAuditRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import {
  AuditEntry,
  auditEntryHash,
  AuditPushRequest,
  genesisHash,
  verifyChain,
  type AuditPushResponse,
  type AuditPushResult,
  type ChainVerification,
} from '../core/quality/audit';
import { API_PREFIX } from '../core/sync/protocol';
import type { Actor } from './auth';
import type { Db } from './db';
import { ApiProblem, describeIssues } from './problem';

type WorkstationActor = Extract<Actor, { kind: 'workstation' }>;

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const asJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

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
      return res;
    });
    results.push(...out);
  }
  return { results };
}

const e0 = (entries: AuditEntry[]): AuditEntry => entries[0]!;

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
