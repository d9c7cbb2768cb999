/**
 * Sends the scored drills to the server's training area (POST /api/v1/training/results, never
 * a department queue) and reads the centre's results for the trainer (GET …?centre=).
 *
 * Results live in the training database; the server address and token are the live
 * workstation's (the training database never holds them). A channel of the outbound pipeline
 * (registered by the app shell, run in every sync run) and, while training mode is on — when
 * the engine finds no server in the training database — run on its own small schedule (every
 * 60 s and right after a drill). Idempotent by result id: a retry after a lost answer is
 * harmless. A refusal marks the result `needsFix` with the server's reason; a network failure
 * leaves it queued.
 */
import { TrainingResultsPushResponse, TrainingResultsResponse, trainingResultOf, MAX_TRAINING_RESULTS_PER_PUSH, type StoredTrainingResult } from '@core/training/protocol';
import { SYNC_SERVER_KEY } from '../sync/sync-store';
import { openServerConfigValue } from '../store/sealed-records';
import { SyncServerConfig } from '@core/sync/serverConfig';
import { apiRequest, type ServerTarget } from '../sync/api';
import type { ChannelOverview, OutboundChannel } from '../sync/channel';
import { runChannel, senderReport, standaloneContext, type SenderReport } from '../sync/pipeline';
import { getLiveDb, getTrainingDb, type WorkstationDb } from '../store/db';
import { onDrillScored } from './drill-store';
import type { DrillResultRecord } from '../store/training-records';

export type ResultSenderReport = SenderReport;

/** The live workstation's server (the training database never has one). */
export async function liveServerTarget(): Promise<ServerTarget | null> {
  // the token is sealed at rest (store/sealed-records.ts)
  const r = SyncServerConfig.safeParse(await openServerConfigValue((await getLiveDb().settings.get(SYNC_SERVER_KEY))?.value));
  return r.success ? { serverUrl: r.data.serverUrl, token: r.data.token } : null;
}

type Opts = { fetch?: typeof fetch; timeoutMs?: number; db?: WorkstationDb; /** Wait out the channel's backoff (the training-mode schedule) instead of sending at once. */ respectBackoff?: boolean };

export const TRAINING_RESULTS_KIND = 'trainingResults';

type TrainingPushOutcome = TrainingResultsPushResponse['results'][number]['outcome'];

/** The drill results channel; the results are read from and written to `resultsDb()` (the training database). */
export function trainingResultsChannel(resultsDb: () => WorkstationDb = getTrainingDb): OutboundChannel<DrillResultRecord, TrainingPushOutcome> {
  return {
    kind: TRAINING_RESULTS_KIND,
    stage: 'afterPull',
    batchSize: MAX_TRAINING_RESULTS_PER_PUSH,
    backoff: 'channel',
    keyOf: (r) => r.id,
    open: async () => {
      const queued = (await resultsDb().drillResults.where('state').equals('queued').toArray()).filter((r) => r.origin === 'local').sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
      let i = 0;
      return {
        countDue: async () => queued.length,
        next: async (limit) => {
          const records = queued.slice(i, i + limit);
          i += records.length;
          return { records, refusedLocally: 0 };
        },
      };
    },
    send: async (ctx, batch) => {
      const r = await ctx.request('/training/results', TrainingResultsPushResponse, { method: 'POST', body: { results: batch.map(trainingResultOf) } });
      return r.ok ? { ...r, data: new Map(r.data.results.map((x) => [x.id, x.outcome] as const)) } : r;
    },
    settle: async (_ctx, settled) => {
      const db = resultsDb();
      let delivered = 0;
      let refused = 0;
      await db.transaction('rw', db.drillResults, async () => {
        for (const s of settled) {
          if ('answer' in s && (s.answer === 'stored' || s.answer === 'alreadyHave')) {
            await db.drillResults.update(s.record.id, { state: 'sent' });
            delivered += 1;
          } else if ('answer' in s) {
            await db.drillResults.update(s.record.id, { state: 'needsFix', error: 'another result with this id is on the server' });
            refused += 1;
          } else if ('needsFix' in s) await db.drillResults.update(s.record.id, { state: 'needsFix', error: s.needsFix.reason.slice(0, 500) });
        }
      });
      return { delivered, refused };
    },
    overview: async (): Promise<ChannelOverview> => {
      const db = resultsDb();
      const [queued, needsFix, problems] = await Promise.all([
        db.drillResults.where('state').equals('queued').filter((r) => r.origin === 'local').count(),
        db.drillResults.where('state').equals('needsFix').count(),
        db.drillResults.where('state').equals('needsFix').limit(5).toArray(),
      ]);
      return { queued, needsFix, problems: problems.map((r) => ({ key: r.id, label: `${r.traineeName} · ${r.finishedAt.slice(0, 16).replace('T', ' ')}`, reason: r.error ?? '' })) };
    },
    retryNeedsFix: () => resultsDb().drillResults.where('state').equals('needsFix').modify({ state: 'queued', error: undefined }),
  };
}

/** Sends every queued result now; `target` defaults to the live workstation's server. */
export async function sendTrainingResults(target: ServerTarget | null = null, opts: Opts = {}): Promise<ResultSenderReport> {
  const t = target ?? (await liveServerTarget());
  if (!t) return { sent: 0, refused: 0, failed: false };
  const db = opts.db ?? getTrainingDb();
  return senderReport(await runChannel(trainingResultsChannel(() => db), standaloneContext(db, t, opts), { ignoreBackoff: !opts.respectBackoff }));
}

/** The centre's results from the server (the trainer's view of every trainee); null when offline or not configured. */
export async function fetchCentreResults(centreCode: string, opts: { fetch?: typeof fetch } = {}): Promise<{ ok: true; results: StoredTrainingResult[] } | { ok: false; reason: string }> {
  const t = await liveServerTarget();
  if (!t) return { ok: false, reason: 'notConfigured' };
  const r = await apiRequest(t, `/training/results?centre=${encodeURIComponent(centreCode)}`, TrainingResultsResponse, opts.fetch ? { fetch: opts.fetch } : {});
  return r.ok ? { ok: true, results: r.data.results } : { ok: false, reason: r.message };
}

let running = false;
async function sendQuietly(): Promise<void> {
  if (running) return;
  running = true;
  try {
    await sendTrainingResults(null, { respectBackoff: true });
  } catch {
    // next time
  } finally {
    running = false;
  }
}

/** While training mode is on: send now, every 60 s, on `online`, and right after each drill. Returns the stop function. */
export function startResultSender(intervalMs = 60_000): () => void {
  void sendQuietly();
  const timer = setInterval(() => void sendQuietly(), intervalMs);
  const onOnline = () => void sendQuietly();
  window.addEventListener('online', onOnline);
  const off = onDrillScored(() => void sendQuietly());
  return () => {
    clearInterval(timer);
    window.removeEventListener('online', onOnline);
    off();
  };
}
