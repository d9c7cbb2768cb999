/**
 * Channel `pages` of the outbound pipeline (sync/channel.ts): the pages of pushed cases, to the
 * service's page store (材料电子化).
 *
 * - Due: a page still `pending` whose case the service has acknowledged (the case travels first;
 *   a draft's or a training case's pages never leave — training cases are never pushed).
 * - Each page: `HEAD /api/v1/pages/:sha256?caseId=` first — 200 means the service already holds
 *   these bytes from this workstation (it links them to the case), so nothing is sent; else a
 *   tus 1.0 resumable upload (tus-js-client) to `/api/v1/pages/uploads/`, with the bytes' SHA-256,
 *   the case and the type in Upload-Metadata. The upload's URL is stored with the page as soon as
 *   the service made it, so an upload cut by a crash, a kill or a lost network resumes where the
 *   service stopped receiving (tus HEAD → Upload-Offset), never from the start.
 * - The service's refusal of a page (a wrong SHA-256, not an image, over a limit: 400/409/413/
 *   415/460) quarantines that page (needsFix) and never holds the others; no answer, 5xx, 401/403
 *   wait for the pipeline's backoff. Progress (bytes the service has) is kept per page for the
 *   Sync page; a confirmed page's bytes are dropped after the retention period (store/page-store.ts).
 */
import * as tus from 'tus-js-client';
import { API_PREFIX } from '@core/sync/protocol';
import type { ApiResult, ServerTarget } from '../sync/api';
import type { ChannelContext, ChannelOverview, OutboundChannel, Settlement } from '../sync/channel';
import type { WorkstationDb } from '../store/db';
import { markPageConfirmed, pruneConfirmedPages, readPage, type PageRecord } from '../store/page-store';
import { loadMaterialsSettings } from './materials-store';

export interface PageJob {
  caseId: string;
  sha256: string;
  mime: PageRecord['mime'];
  bytes: number;
  uploadUrl?: string;
}
/** `present`: the service had it already (HEAD 200); `uploaded`: sent now. */
export type PageAnswer = 'present' | 'uploaded';

const keyOf = (p: Pick<PageJob, 'caseId' | 'sha256'>) => `${p.caseId}|${p.sha256}`;
/** One PATCH for a page (≤ 300 KB) — two requests a page against the service's per-address rate limit; a cut PATCH resumes from what the service stored of it. */
export const CHUNK_BYTES = 1024 * 1024;
const REFUSED = new Set([400, 409, 410, 413, 415, 422, 460]);

type Failure = Extract<ApiResult<unknown>, { ok: false }>;
const failure = (status: number | null, message: string): Failure => ({
  ok: false,
  kind: status === null ? 'network' : status === 401 || status === 403 ? 'unauthorized' : REFUSED.has(status) ? 'rejected' : 'server',
  status,
  message: message.slice(0, 300),
  paths: [],
});

const base = (t: ServerTarget) => t.serverUrl.replace(/\/+$/, '');

/** HEAD first: does the service already hold these bytes from this workstation? */
async function alreadyThere(target: ServerTarget, job: PageJob): Promise<{ ok: true; there: boolean } | Failure> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 15_000);
  try {
    const r = await fetch(`${base(target)}${API_PREFIX}/pages/${job.sha256}?caseId=${encodeURIComponent(job.caseId)}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${target.token}` },
      signal: ctrl.signal,
      cache: 'no-store',
    });
    if (r.status === 200) return { ok: true, there: true };
    if (r.status === 404) return { ok: true, there: false };
    return failure(r.status, `HEAD ${r.status}`);
  } catch (e) {
    return failure(null, e instanceof Error ? e.message || e.name : 'network');
  } finally {
    clearTimeout(timer);
  }
}

/** What tus-js-client reads the bytes from: a Blob in a renderer (a Buffer in Node, for the service tests). */
export type UploadSource = (bytes: Uint8Array, mime: string) => unknown;
const blobSource: UploadSource = (bytes, mime) => new Blob([bytes as BlobPart], { type: mime });

function upload(db: WorkstationDb, target: ServerTarget, job: PageJob, bytes: Uint8Array, source: UploadSource): Promise<{ ok: true } | Failure> {
  return new Promise((resolve) => {
    let lastSaved = 0;
    const u = new tus.Upload(source(bytes, job.mime) as Blob, {
      endpoint: `${base(target)}${API_PREFIX}/pages/uploads/`,
      ...(job.uploadUrl ? { uploadUrl: job.uploadUrl } : {}),
      headers: { Authorization: `Bearer ${target.token}` },
      metadata: { sha256: job.sha256, caseId: job.caseId, mime: job.mime },
      chunkSize: CHUNK_BYTES,
      retryDelays: [], // the pipeline keeps the backoff
      storeFingerprintForResuming: false, // the URL is kept with the page instead
      removeFingerprintOnSuccess: true,
      onUploadUrlAvailable: () => {
        if (u.url) void db.pages.update([job.caseId, job.sha256], { uploadUrl: u.url });
      },
      onProgress: (sent) => {
        // at most a write every 256 KB: the Sync page's progress, not a log
        if (sent - lastSaved >= 256 * 1024 || sent === bytes.byteLength) {
          lastSaved = sent;
          void db.pages.update([job.caseId, job.sha256], { uploadedBytes: sent });
        }
      },
      onSuccess: () => resolve({ ok: true }),
      onError: (err) => {
        const res = (err as tus.DetailedError).originalResponse;
        const status = res ? res.getStatus() : null;
        resolve(failure(status || null, res ? `${status} ${res.getBody()?.slice(0, 200) ?? ''}` : err.message));
      },
    });
    u.start();
  });
}

export function pagesChannel(source: UploadSource = blobSource): OutboundChannel<PageJob, PageAnswer> {
  return {
    kind: 'pages',
    stage: 'beforePull', // right after the cases: a case's pages follow it in the same run
    batchSize: 1, // one page a request (a tus upload each)
    concurrency: 2,
    backoff: 'channel',
    keyOf,
    async open(ctx: ChannelContext) {
      const settings = await loadMaterialsSettings();
      await pruneConfirmedPages(ctx.db, ctx.now(), settings.retentionDays);
      const rows = await ctx.db.pages.where('state').equals('pending').toArray();
      const caseIds = [...new Set(rows.map((r) => r.caseId))];
      const entries = await ctx.db.outbox.bulkGet(caseIds);
      const pushed = new Set(entries.filter((e) => e?.state === 'acknowledged').map((e) => e!.caseId));
      // only the pages the case as pushed names (a page deleted from a draft never leaves)
      const cases = await ctx.db.cases.bulkGet([...pushed]);
      const named = new Set(cases.flatMap((r) => (r ? Object.values(r.case.materialPages ?? {}).flat().map((p) => `${r.id}|${p.sha256}`) : [])));
      const due: PageJob[] = rows
        .filter((r) => pushed.has(r.caseId) && r.sealed && named.has(keyOf(r)))
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((r) => ({ caseId: r.caseId, sha256: r.sha256, mime: r.mime, bytes: r.bytes, ...(r.uploadUrl ? { uploadUrl: r.uploadUrl } : {}) }));
      let i = 0;
      return {
        next: async (limit: number) => {
          const records = due.slice(i, i + limit);
          i += records.length;
          return { records, refusedLocally: 0 };
        },
        countDue: async () => due.length,
      };
    },
    async send(ctx, batch) {
      const answers = new Map<string, PageAnswer>();
      for (const job of batch) {
        const head = await alreadyThere(ctx.target, job);
        if (!head.ok) return head;
        if (head.there) {
          answers.set(keyOf(job), 'present');
          continue;
        }
        const bytes = await readPage(ctx.db, job.caseId, job.sha256);
        if (!bytes) return failure(409, 'the page is no longer kept on this workstation');
        // the stored URL may have been written after the pass began
        const fresh = await ctx.db.pages.get([job.caseId, job.sha256]);
        const r = await upload(ctx.db, ctx.target, { ...job, ...(fresh?.uploadUrl ? { uploadUrl: fresh.uploadUrl } : {}) }, bytes, source);
        if (!r.ok) return r;
        answers.set(keyOf(job), 'uploaded');
      }
      return { ok: true, status: 200, data: answers };
    },
    async settle(ctx, settled: Settlement<PageJob, PageAnswer>[]) {
      let delivered = 0;
      for (const s of settled) {
        if ('answer' in s) {
          await markPageConfirmed(ctx.db, s.record.caseId, s.record.sha256, ctx.now());
          delivered += 1;
        } else if ('needsFix' in s) {
          await ctx.db.pages.update([s.record.caseId, s.record.sha256], { state: 'needsFix', error: s.needsFix.reason, uploadUrl: undefined, uploadedBytes: 0 });
        }
      }
      return { delivered, refused: 0 };
    },
    async overview(db: WorkstationDb): Promise<ChannelOverview> {
      const queued = await db.pages.where('state').equals('pending').count();
      const fix = await db.pages.where('state').equals('needsFix').toArray();
      return { queued, needsFix: fix.length, problems: fix.slice(0, 5).map((r) => ({ key: keyOf(r), label: `${r.sha256.slice(0, 12)}…`, reason: r.error ?? '' })) };
    },
    async retryNeedsFix(db: WorkstationDb) {
      return db.pages.where('state').equals('needsFix').modify({ state: 'pending', error: undefined });
    },
  };
}
