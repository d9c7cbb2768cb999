/**
 * The revisions channel: the queued 补正 fixes (correction/revision-store.ts) →
 * POST /api/v1/cases/:caseId/revisions, one request each. Idempotent on (caseId, revision,
 * contentHash), so a retry after a lost answer is harmless.
 *
 * Order: a revision never overtakes its case — it waits until the case's outbox entry is
 * acknowledged — nor an earlier revision of the same case (that one sent first; one in
 * needsFix holds the later ones back). It runs right after the cases, before the status events
 * are pulled, so `resubmitted` shows in the same run. Training cases never leave.
 */
import { RevisionPushResponse } from '@core/sync/protocol';
import { isTrainingCase } from '@core/training/isolation';
import type { ServerTarget } from './api';
import type { RevisionRecord, WorkstationDb } from '../store/db';
import { openRevisions } from '../store/case-store';
import { queuedRecordChannel } from './record-channel';
import { runChannel, senderReport, standaloneContext, type SenderReport } from './pipeline';

type OpenRevision = Awaited<ReturnType<typeof openRevisions>>[number];

export const REVISIONS_KIND = 'revisions';

export const revisionsChannel = queuedRecordChannel<OpenRevision>({
  kind: REVISIONS_KIND,
  stage: 'beforePull',
  keyOf: (r) => `${r.caseId}#${r.revision}`,
  queued: async ({ db }) => (await openRevisions(await db.revisions.where('state').equals('queued').toArray())).sort((a, b) => a.createdAt - b.createdAt || a.revision - b.revision),
  ready: async ({ db }, rec) => {
    if (isTrainingCase(rec.record.case)) return false;
    if ((await db.outbox.get(rec.caseId))?.state !== 'acknowledged') return false;
    const earlier = await db.revisions.where('caseId').equals(rec.caseId).filter((r) => r.revision < rec.revision && r.state !== 'sent').count();
    return earlier === 0;
  },
  post: (ctx, rec) => {
    const r = rec.record;
    const body = { revision: r.revision, previousContentHash: r.previousContentHash, contentHash: r.contentHash, training: false, case: r.case, changedPaths: r.changedPaths, reason: r.reason, at: r.at };
    return ctx.request(`/cases/${encodeURIComponent(rec.caseId)}/revisions`, RevisionPushResponse, { method: 'POST', body });
  },
  mark: async (db, rec, change) => {
    await db.revisions.update([rec.caseId, rec.revision], change.state === 'sent' ? { state: 'sent' } : { state: 'needsFix', error: change.error });
  },
  count: (db, state) => db.revisions.where('state').equals(state).count(),
  needsFixSample: async (db, limit) =>
    (await db.revisions.where('state').equals('needsFix').limit(limit).toArray()).map((r: RevisionRecord) => ({ key: `${r.caseId}#${r.revision}`, label: `${r.record.caseNumber} · ${r.revision}`, reason: r.error ?? '' })),
  retryNeedsFix: (db) => db.revisions.where('state').equals('needsFix').modify({ state: 'queued', error: undefined }),
});

export type RevisionSenderReport = SenderReport;

/** Sends the queued revisions now (outside a sync run). */
export async function sendRevisions(db: WorkstationDb, target: ServerTarget, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<RevisionSenderReport> {
  return senderReport(await runChannel(revisionsChannel, standaloneContext(db, target, opts), { ignoreBackoff: true }));
}
