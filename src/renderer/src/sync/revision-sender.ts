/**
 * Pushes the queued case revisions (补正 fixes, correction/revision-store.ts) to the service:
 * POST /api/v1/cases/:caseId/revisions, one request each, oldest revision first per case.
 * Idempotent on (caseId, revision, contentHash), so a retry after a lost answer is harmless.
 * A revision waits until its case itself reached the server (outbox acknowledged). A refusal
 * (400/403/404/409) marks it `needsFix` with the server's reason; a network or server
 * failure leaves it queued for the next run. Training cases never leave. Called by the engine
 * after its push phase, before it pulls the status events (so `resubmitted` shows at once).
 */
import { RevisionPushResponse } from '@core/sync/protocol';
import { isTrainingCase } from '@core/training/isolation';
import { apiRequest, type ServerTarget } from './api';
import type { WorkstationDb } from '../store/db';
import { openRevisions } from '../store/case-store';

export interface RevisionSenderReport {
  sent: number;
  refused: number;
  failed: boolean;
}

export async function sendRevisions(db: WorkstationDb, target: ServerTarget, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<RevisionSenderReport> {
  const report: RevisionSenderReport = { sent: 0, refused: 0, failed: false };
  const queued = (await openRevisions(await db.revisions.where('state').equals('queued').toArray())).sort((a, b) => a.createdAt - b.createdAt || a.revision - b.revision);
  const blocked = new Set<string>();
  for (const rec of queued) {
    if (blocked.has(rec.caseId)) continue;
    const entry = await db.outbox.get(rec.caseId);
    if (entry?.state !== 'acknowledged' || isTrainingCase(rec.record.case)) {
      blocked.add(rec.caseId);
      continue;
    }
    const r = rec.record;
    const body = {
      revision: r.revision,
      previousContentHash: r.previousContentHash,
      contentHash: r.contentHash,
      training: false,
      case: r.case,
      changedPaths: r.changedPaths,
      reason: r.reason,
      at: r.at,
    };
    const res = await apiRequest(target, `/cases/${encodeURIComponent(rec.caseId)}/revisions`, RevisionPushResponse, {
      method: 'POST',
      body,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
    if (res.ok) {
      await db.revisions.update([rec.caseId, rec.revision], { state: 'sent' });
      report.sent++;
    } else if (res.kind === 'rejected') {
      await db.revisions.update([rec.caseId, rec.revision], { state: 'needsFix', error: res.message });
      blocked.add(rec.caseId);
      report.refused++;
    } else {
      report.failed = true;
      return report;
    }
  }
  return report;
}
