/**
 * Sends the scored drills to the server's training area (POST /api/v1/training/results, never
 * a department queue) and reads the centre's results for the trainer (GET …?centre=).
 *
 * Results live in the training database; the server address and token are the live
 * workstation's (the training database never holds them). Called from the sync engine's run
 * (one line in sync/engine.ts) and, while training mode is on — when the engine finds no server
 * in the training database — on its own small schedule (every 60 s and right after a drill).
 * Idempotent by result id: a retry after a lost answer is harmless. A refusal marks the result
 * `needsFix` with the server's reason; a network failure leaves it queued.
 */
import { TrainingResultsPushResponse, TrainingResultsResponse, trainingResultOf, MAX_TRAINING_RESULTS_PER_PUSH, type StoredTrainingResult } from '@core/training/protocol';
import { SYNC_SERVER_KEY } from '../sync/sync-store';
import { openServerConfigValue } from '../store/sealed-records';
import { SyncServerConfig } from '@core/sync/serverConfig';
import { apiRequest, type ServerTarget } from '../sync/api';
import { getLiveDb, getTrainingDb, type WorkstationDb } from '../store/db';
import { onDrillScored } from './drill-store';
import type { DrillResultRecord } from './training-records';

export interface ResultSenderReport {
  sent: number;
  refused: number;
  failed: boolean;
}

/** The live workstation's server (the training database never has one). */
export async function liveServerTarget(): Promise<ServerTarget | null> {
  // the token is sealed at rest (store/sealed-records.ts)
  const r = SyncServerConfig.safeParse(await openServerConfigValue((await getLiveDb().settings.get(SYNC_SERVER_KEY))?.value));
  return r.success ? { serverUrl: r.data.serverUrl, token: r.data.token } : null;
}

type Opts = { fetch?: typeof fetch; timeoutMs?: number; db?: WorkstationDb };

async function sendBatch(db: WorkstationDb, target: ServerTarget, batch: DrillResultRecord[], opts: Opts, report: ResultSenderReport): Promise<'ok' | 'stop'> {
  const res = await apiRequest(target, '/training/results', TrainingResultsPushResponse, {
    method: 'POST',
    body: { results: batch.map(trainingResultOf) },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  if (res.ok) {
    const byId = new Map(res.data.results.map((r) => [r.id, r.outcome]));
    await db.transaction('rw', db.drillResults, async () => {
      for (const r of batch) {
        const outcome = byId.get(r.id);
        if (outcome === 'stored' || outcome === 'alreadyHave') {
          await db.drillResults.update(r.id, { state: 'sent' });
          report.sent++;
        } else if (outcome === 'conflict') {
          await db.drillResults.update(r.id, { state: 'needsFix', error: 'another result with this id is on the server' });
          report.refused++;
        }
      }
    });
    return 'ok';
  }
  if (res.kind === 'rejected') {
    if (batch.length > 1) {
      const mid = Math.ceil(batch.length / 2);
      if ((await sendBatch(db, target, batch.slice(0, mid), opts, report)) === 'stop') return 'stop';
      return sendBatch(db, target, batch.slice(mid), opts, report);
    }
    await db.drillResults.update(batch[0]!.id, { state: 'needsFix', error: res.message.slice(0, 500) });
    report.refused++;
    return 'ok';
  }
  report.failed = true;
  return 'stop';
}

/** Sends every queued result; `target` defaults to the live workstation's server. */
export async function sendTrainingResults(target: ServerTarget | null = null, opts: Opts = {}): Promise<ResultSenderReport> {
  const report: ResultSenderReport = { sent: 0, refused: 0, failed: false };
  const t = target ?? (await liveServerTarget());
  if (!t) return report;
  const db = opts.db ?? getTrainingDb();
  const queued = (await db.drillResults.where('state').equals('queued').toArray()).filter((r) => r.origin === 'local').sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  for (let i = 0; i < queued.length; i += MAX_TRAINING_RESULTS_PER_PUSH) {
    if ((await sendBatch(db, t, queued.slice(i, i + MAX_TRAINING_RESULTS_PER_PUSH), opts, report)) === 'stop') break;
  }
  return report;
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
    await sendTrainingResults();
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
