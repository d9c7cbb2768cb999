/**
 * The one-line audit calls of the case features (hand-out, rating, 补正 revision, 容缺
 * supplement) and of the sync round (status events received, acknowledgement, the push of the
 * log itself). Each records only what happened, never an identity value in full.
 */
import type { ResultHandout } from '@core/lifecycle/handout';
import type { CaseRevision } from '@core/lifecycle/revision';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import { AUDIT_PUSH_MAX, AuditPushResponse, redactIdentity, withServerTime, type AuditChange, type AuditPushResult, type JsonValue } from '@core/quality/audit';
import { getDb, type RatingRecordLike, type WorkstationDb } from './audit-db';
import { appendInTx, auditCase, headOf, type AuditLogRecord } from '../store/audit-log';
import type { ServerTarget } from '../sync/api';
import type { ChannelOverview, OutboundChannel } from '../sync/channel';
import { runChannel, standaloneContext } from '../sync/pipeline';

export const AUDIT_KIND = 'audit';

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
 * Before each push of the log: records the status events received, and for each case the
 * server has (its outbox entry acknowledged) whose decision is about to go up for the first
 * time, appends `synced` (the acknowledgement enters the chain).
 */
async function prepareAuditPush(db: WorkstationDb): Promise<number> {
  let appended = await recordStatusEvents(db);
  const unsent = (await db.auditLog.where('sent').equals(0).toArray()).filter((e) => !e.training && !e.error);
  const caseIds = [...new Set(unsent.map((e) => e.caseId))];
  if (caseIds.length === 0) return appended;
  const outbox = await db.outbox.bulkGet(caseIds);
  const onServer = caseIds.filter((_, i) => outbox[i]?.state === 'acknowledged');
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
      appended += added.length;
    }
  });
  return appended;
}

const entryKey = (e: { caseId: string; seq: number }): string => `${e.caseId}#${e.seq}`;

/**
 * The audit channel: the unsent entries of the cases the server has → POST /api/v1/audit, in
 * chain order (by the local key, each case's by seq), with the server's receipt time stored on
 * each entry it acknowledged. An entry the server rejects is held (`error`, needsFix on the Sync
 * page) and so are the later entries of its case — a chain is never sent with a hole. Training
 * entries never leave.
 */
export const auditChannel: OutboundChannel<AuditLogRecord, AuditPushResult> = {
  kind: AUDIT_KIND,
  stage: 'afterPull',
  batchSize: AUDIT_PUSH_MAX,
  backoff: 'channel',
  keyOf: entryKey,
  open: async ({ db }) => {
    await prepareAuditPush(db);
    const all = (await db.auditLog.where('sent').equals(0).toArray()).filter((e) => !e.training).sort((a, b) => (a.key ?? 0) - (b.key ?? 0));
    const held = new Set(all.filter((e) => e.error).map((e) => e.caseId));
    const caseIds = [...new Set(all.map((e) => e.caseId))];
    const outbox = await db.outbox.bulkGet(caseIds);
    const onServer = new Set(caseIds.filter((_, i) => outbox[i]?.state === 'acknowledged'));
    const due = all.filter((e) => onServer.has(e.caseId) && !held.has(e.caseId));
    let i = 0;
    return {
      countDue: async () => due.length,
      next: async (limit) => {
        const records = due.slice(i, i + limit);
        i += records.length;
        return { records, refusedLocally: 0 };
      },
    };
  },
  send: async (ctx, batch) => {
    const entries = batch.map(({ key: _k, sent: _s, training: _t, serverTime: _st, error: _e, ...e }) => e);
    // This workstation's own head of each case: the server keeps it apart from the chain, so a
    // chain rewritten in the server's database no longer matches the copy held here.
    const heads = (await Promise.all([...new Set(batch.map((e) => e.caseId))].map((id) => headOf(ctx.db, id)))).flatMap((h) =>
      h ? [{ caseId: h.caseId, seq: h.seq, hash: h.hash }] : [],
    );
    const r = await ctx.request('/audit', AuditPushResponse, { method: 'POST', body: { entries, heads } });
    return r.ok ? { ...r, data: new Map(r.data.results.map((x) => [entryKey(x), x] as const)) } : r;
  },
  settle: async ({ db }, settled) => {
    let delivered = 0;
    let refused = 0;
    const updated: AuditLogRecord[] = [];
    for (const s of settled) {
      const e = s.record;
      if ('answer' in s && s.answer.outcome !== 'rejected') {
        updated.push({ ...withServerTime(e, s.answer.receivedAt ?? new Date().toISOString()), key: e.key, sent: 1 } as AuditLogRecord);
        delivered += 1;
      } else if ('answer' in s) {
        updated.push({ ...e, error: s.answer.reason ?? 'rejected' });
        refused += 1;
      } else if ('needsFix' in s) updated.push({ ...e, error: s.needsFix.reason });
    }
    if (updated.length > 0) await db.auditLog.bulkPut(updated);
    return { delivered, refused };
  },
  overview: async (db): Promise<ChannelOverview> => {
    const unsent = (await db.auditLog.where('sent').equals(0).toArray()).filter((e) => !e.training);
    const held = unsent.filter((e) => e.error);
    return { queued: unsent.length - held.length, needsFix: held.length, problems: held.slice(0, 5).map((e) => ({ key: entryKey(e), label: `${e.caseId.slice(0, 8)} #${e.seq}`, reason: e.error ?? '' })) };
  },
  retryNeedsFix: async (db) => {
    const held = (await db.auditLog.where('sent').equals(0).toArray()).filter((e) => e.error);
    await db.auditLog.bulkPut(held.map(({ error: _e, ...e }) => e as AuditLogRecord));
    return held.length;
  },
};

export interface AuditSyncReport {
  appended: number;
  sent: number;
  rejected: number;
  failed: boolean;
}

/** One push of the audit log now (outside a sync run). */
export async function syncAuditLog(db: WorkstationDb, target: ServerTarget, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<AuditSyncReport> {
  const r = await runChannel(auditChannel, standaloneContext(db, target, opts), { ignoreBackoff: true });
  return { appended: 0, sent: r.delivered, rejected: r.needsFix, failed: r.failure !== null };
}
