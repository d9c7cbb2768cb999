/**
 * The one-line audit calls of the case features (hand-out, rating, 补正 revision, 容缺
 * supplement) and of the sync round (status events received, acknowledgement, the push of the
 * log itself). Each records only what happened, never an identity value in full.
 */
import type { ResultHandout } from '@core/lifecycle/handout';
import type { CaseRevision } from '@core/lifecycle/revision';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import { AUDIT_PUSH_MAX, AuditPushResponse, redactIdentity, withServerTime, type AuditChange, type JsonValue } from '@core/quality/audit';
import { getDb, type RatingRecordLike, type WorkstationDb } from './audit-db';
import { appendInTx, auditCase, headOf, type AuditLogRecord } from './audit-log';
import { apiRequest, type ServerTarget } from '../sync/api';

export async function auditHandout(h: ResultHandout, db: WorkstationDb = getDb()): Promise<void> {
  const d = h.delivery as { method: string; relation?: string; recipientName?: string; recipientIdNumber?: string };
  await auditCase(h.caseId, 'handout.recorded', { after: redactIdentity({ id: h.id, departments: h.departmentCodes, method: d.method, relation: d.relation ?? null, recipientName: d.recipientName ?? null, recipientIdNumber: d.recipientIdNumber ?? null } as JsonValue) }, db);
}

export async function auditRating(r: RatingRecordLike, db: WorkstationDb = getDb()): Promise<void> {
  await auditCase(r.caseId, 'rating.recorded', { after: { id: r.id, trigger: r.trigger, level: r.rating.level } }, db);
}

export async function auditRevision(r: CaseRevision, db: WorkstationDb = getDb()): Promise<void> {
  await auditCase(r.caseId, 'case.revised', { after: { revision: r.revision, changedPaths: r.changedPaths, contentHash: r.contentHash, reason: r.reason as JsonValue }, catalogVersion: r.case.catalogVersion }, db);
}

export async function auditSupplement(r: DeferralRecord, db: WorkstationDb = getDb()): Promise<void> {
  const last = r.supplements[r.supplements.length - 1];
  await auditCase(r.caseId, 'supplement.received', { after: { supplements: r.supplements.map((s) => ({ key: s.key, status: s.status, at: s.at })), last: last?.key ?? null } }, db);
}

// ---- the sync round ----------------------------------------------------------------------

const STATUS_CURSOR_KEY = 'audit.statusCursor';

export interface AuditSyncReport {
  appended: number;
  sent: number;
  rejected: number;
  failed: boolean;
}

/** `status.received` for each new status event of a case with a chain here. */
async function recordStatusEvents(db: WorkstationDb): Promise<number> {
  const from = ((await db.settings.get(STATUS_CURSOR_KEY))?.value as number | undefined) ?? -1;
  const events = await db.statusEvents.where('cursor').above(from).limit(1000).toArray();
  if (events.length === 0) return 0;
  let n = 0;
  await db.transaction('rw', [db.auditLog, db.settings, db.cases], async () => {
    for (const e of events) {
      if ((await db.auditLog.where('caseId').equals(e.caseId).count()) === 0) continue;
      const c = (await db.cases.get(e.caseId))?.case;
      const change: AuditChange = { action: 'status.received', after: { cursor: e.cursor, kind: e.kind, department: e.departmentCode, at: e.at } };
      n += (await appendInTx(db, e.caseId, [change], { catalogVersion: c?.catalogVersion ?? 'unknown', ...(c ? { case: c } : {}) })).length;
    }
    await db.settings.put({ key: STATUS_CURSOR_KEY, value: Math.max(from, ...events.map((e) => e.cursor)) });
  });
  return n;
}

/**
 * Once per sync round (engine.ts): records the status events received, then pushes the unsent
 * entries of the cases the server has (their outbox entry acknowledged) — a case's first push
 * after its acknowledgement appends `synced` first — and stores the server's receipt time on
 * each entry it acknowledged. Training entries never leave. A network failure leaves the
 * entries unsent for the next round.
 */
export async function syncAuditLog(db: WorkstationDb, target: ServerTarget, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<AuditSyncReport> {
  const report: AuditSyncReport = { appended: 0, sent: 0, rejected: 0, failed: false };
  report.appended += await recordStatusEvents(db);
  const unsent = (await db.auditLog.where('sent').equals(0).toArray()).filter((e) => !e.training);
  const caseIds = [...new Set(unsent.map((e) => e.caseId))];
  if (caseIds.length === 0) return report;
  const outbox = await db.outbox.bulkGet(caseIds);
  const onServer = caseIds.filter((_, i) => outbox[i]?.state === 'acknowledged');
  // `synced`: the acknowledgement enters the chain the first time the case's decision is pushed.
  await db.transaction('rw', [db.auditLog, db.settings, db.cases], async () => {
    for (const caseId of onServer) {
      const mine = unsent.filter((e) => e.caseId === caseId);
      if (!mine.some((e) => e.action === 'decision.recorded')) continue;
      const o = outbox[caseIds.indexOf(caseId)]!;
      const c = (await db.cases.get(caseId))?.case;
      const added = await appendInTx(db, caseId, [{ action: 'synced', after: { caseNumber: o.caseNumber, acknowledgedAt: new Date(o.acknowledgedAt ?? Date.now()).toISOString(), departments: o.departments } }], {
        catalogVersion: c?.catalogVersion ?? 'unknown',
        ...(c ? { case: c } : {}),
      });
      report.appended += added.length;
    }
  });
  const ready = new Set(onServer);
  const due = (await db.auditLog.where('sent').equals(0).toArray()).filter((e) => !e.training && ready.has(e.caseId)).sort((a, b) => (a.key ?? 0) - (b.key ?? 0));
  for (let i = 0; i < due.length; i += AUDIT_PUSH_MAX) {
    const batch = due.slice(i, i + AUDIT_PUSH_MAX);
    const entries = batch.map(({ key: _k, sent: _s, training: _t, serverTime: _st, ...e }) => e);
    // This workstation's own head of each case: the server keeps it apart from the chain, so a
    // chain rewritten in the server's database no longer matches the copy held here.
    const heads = (await Promise.all([...new Set(batch.map((e) => e.caseId))].map((id) => headOf(db, id)))).flatMap((h) =>
      h ? [{ caseId: h.caseId, seq: h.seq, hash: h.hash }] : [],
    );
    const r = await apiRequest(target, '/audit', AuditPushResponse, { method: 'POST', body: { entries, heads }, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
    if (!r.ok) {
      report.failed = true;
      return report;
    }
    const byKey = new Map(r.data.results.map((x) => [`${x.caseId}#${x.seq}`, x]));
    const updated: AuditLogRecord[] = [];
    for (const e of batch) {
      const res = byKey.get(`${e.caseId}#${e.seq}`);
      if (!res) continue;
      if (res.outcome === 'rejected') {
        report.rejected++;
        continue;
      }
      updated.push({ ...withServerTime(e, res.receivedAt ?? new Date().toISOString()), key: e.key, sent: 1 } as AuditLogRecord);
      report.sent++;
    }
    if (updated.length > 0) await db.auditLog.bulkPut(updated);
  }
  return report;
}
