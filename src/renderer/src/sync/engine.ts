/**
 * The sync engine: one per app, started after sign-in (SyncEngineHost). A run
 *
 * 1. sends the due cases through the outbound pipeline (cases-channel.ts, pipeline.ts) in
 *    batches of ≤ 50 (POST /cases/push), each case's result applied through the pure
 *    transitions of @core/sync/outbox;
 * 2. runs the other outbound kinds registered before the status pull (the 补正 revisions);
 * 3. pulls status events after the stored cursor until none is left, stores them with
 *    their notifications (补正, 办结) and the new cursor in one transaction;
 * 4. runs the kinds registered after the pull (hand-outs, ratings, the audit trail, drill results);
 * 5. pulls newer catalog versions and imports them through the catalog store, and the holiday data;
 * 6. runs the kinds registered for the end of a run (the health report).
 *
 * Runs on start, on the browser's `online` event, every 60 s, when the earliest retry
 * falls due, and shortly after a case enters the outbox. One run at a time (and, where
 * the Web Locks API exists, one tab at a time); a request during a run runs again after it.
 *
 * Every outbound kind gets the same treatment from the pipeline (pipeline.ts): batches, backoff,
 * quarantine (needsFix with the reason), the split of a batch refused as a whole, the bisection
 * of a batch the server keeps failing on with a 5xx, progress and the Sync page's figures. The
 * engine imports no feature: the kinds other than cases are registered by the app shell
 * (app/outbound-channels.ts) — see README.md in this folder for the channel contract.
 *
 * Robustness of the case push:
 * - Every answer is validated (see api.ts); a malformed one counts as a network error.
 * - A network error (or 401/403, 429, 503) puts the batch's entries in `retry` with backoff
 *   and ends the run: the server is not reachable now, hammering it helps nobody.
 * - A batch refused as a whole (400/409/413/422: e.g. one case the server's schema rejects)
 *   is split in halves until the case that causes it stands alone; that case goes to
 *   `needsFix` with the server's reason, the others go through.
 * - A 5xx the second time for the same cases: the batch is bisected down to the case that
 *   breaks it, which goes to `needsFix`; the others go through. A server that fails on
 *   everything is never taken for a poisoned case.
 * - A case that fails the protocol schema here never leaves: `needsFix` at once (local).
 * - An entry is sent at most once per run, so a zero backoff (full jitter) cannot spin.
 * - An entry in flight is `sending` in memory only; on disk it stays `queued` until its answer
 *   settles it, so a crash or a closed window leaves nothing stuck. (Entries an older version
 *   left `sending` go back to `queued` at start.)
 *
 * No React here: the engine runs in Node too (tests, benchmarks) with fake-indexeddb and an
 * injected fetch.
 */
import type { Subscription } from 'dexie';
import { z } from 'zod';
import { CatalogVersionsResponse, HolidaysResponse, MAX_EVENTS_PAGE, MAX_PUSH_BATCH, StatusEventsResponse, type StatusEvent } from '@core/sync/protocol';
import { recoverInterrupted, nextWakeAt } from '@core/sync/outbox';
import { notificationsFor, type StatusNotification } from '@core/sync/timeline';
import type { SyncServerConfig } from '@core/sync/serverConfig';
import { compareCatalogVersions } from '@core/catalog/version';
import { type NotificationRecord, type StatusEventRecord, type WorkstationDb } from '../store/db';
import { boundedLiveQuery } from '../store/live-query';
import { sealNotificationRecord, sealStatusEventRecords } from '../store/sealed-records';
import { apiRequest, DEFAULT_TIMEOUT_MS, type ApiResult, type ServerTarget } from './api';
import { registeredChannels, type ChannelContext, type ChannelStage, type OutboundChannel } from './channel';
import { CASES_KIND, casesChannel, type StepTimes } from './cases-channel';
import { runChannel } from './pipeline';
import { contentHash } from '@core/kernel';
import {
  loadCursor,
  loadServerConfig,
  resetLiveStatus,
  setLiveStatus,
  SYNC_CURSOR_KEY,
  SYNC_HOLIDAYS_KEY,
  SYNC_STATUS_KEY,
  type SyncOutcome,
  type SyncStatusRecord,
} from './sync-store';

export const SYNC_INTERVAL_MS = 60_000;
/** A Retry-After longer than this ends the run instead (entries back off). */
const MAX_RETRY_AFTER_S = 10;
/** At most this many status-event pages per run (a run must end; the next one carries on). */
const MAX_EVENT_PAGES = 1_000;

export interface SyncReport {
  outcome: SyncOutcome;
  detail: string | null;
  acknowledged: number;
  needsFix: number;
  retry: number;
  requests: number;
  events: number;
  notifications: StatusNotification[];
  catalogsImported: string[];
  holidaysUpdated: boolean;
  ms: number;
}

export interface EngineOptions {
  db: WorkstationDb;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
  batchSize?: number;
  intervalMs?: number;
  /** Imports a catalog pulled from the service (default: the catalog store's importCatalogText). */
  importCatalog?: (text: string, name: string) => Promise<{ kind: string }>;
  /** The catalog version in use (for `?after=`). */
  activeCatalogVersion?: () => Promise<string | null>;
  /** Called with the notifications of each run (system notifications). */
  onNotifications?: (n: StatusNotification[]) => void;
  /** Called after each run. */
  onReport?: (r: SyncReport) => void;
  /** Pull catalogs and holidays too (default true). */
  pullReferenceData?: boolean;
  /** Waits (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
  /** Push batches in flight at once (default 2: one being stored while the next is prepared). */
  concurrency?: number;
  /** Where the cases channel sums the wall time of its steps (the server benchmark's profile). */
  stepTimes?: StepTimes;
  /**
   * The other outbound kinds (revisions, hand-outs, …), each run through the same pipeline
   * after the cases. Default: the channels registered (channel.ts registerChannel) when the
   * engine was made — the app shell registers them; the engine imports no feature.
   */
  channels?: readonly OutboundChannel[];
}

export class SyncEngine {
  private readonly db: WorkstationDb;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly intervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly cases: OutboundChannel;
  private readonly channels: readonly OutboundChannel[];
  /** How often a run waited out a 429 (for benchmarks and tests). */
  rateLimitedWaits = 0;
  private running: Promise<SyncReport> | null = null;
  private lastOutcome: SyncOutcome | null = null;
  private again = false;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private kickTimer: ReturnType<typeof setTimeout> | null = null;
  private outboxWatch: Subscription | null = null;
  private readonly onOnline = () => void this.syncNow();

  constructor(private readonly opts: EngineOptions) {
    this.db = opts.db;
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = opts.now ?? (() => Date.now());
    this.random = opts.random ?? (() => Math.random());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.intervalMs = opts.intervalMs ?? SYNC_INTERVAL_MS;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.cases = casesChannel({ batchSize: opts.batchSize ?? MAX_PUSH_BATCH, concurrency: opts.concurrency ?? 2, ...(opts.stepTimes ? { stepTimes: opts.stepTimes } : {}) }) as unknown as OutboundChannel;
    this.channels = (opts.channels ?? registeredChannels()).filter((c) => c.kind !== CASES_KIND);
  }

  /** Starts the schedule: a run now, on `online`, every interval, and when cases are queued. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    // A case entering the outbox (a decision) is sent within a second, not a minute.
    this.outboxWatch = boundedLiveQuery(() => this.db.outbox.where('state').equals('queued').count()).subscribe({
      next: (n) => {
        // Not while the server is unreachable: retries wait for their backoff, the interval or `online`.
        if (n > 0 && this.started && this.lastOutcome === 'ok') this.kick(500);
      },
      error: () => undefined,
    });
    void this.syncNow();
  }

  stop(): void {
    this.started = false;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.outboxWatch?.unsubscribe();
    this.outboxWatch = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.timer = this.kickTimer = null;
  }

  private kick(delayMs: number): void {
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      if (this.started) void this.syncNow();
    }, delayMs);
  }

  /** A run now (or, when one is running, right after it). Resolves with that run's report. */
  syncNow(): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      let report: SyncReport;
      do {
        this.again = false;
        report = await this.withLock(() => this.runOnce());
      } while (this.again);
      return report;
    })();
    this.running = run;
    void run.finally(() => {
      this.running = null;
      void this.scheduleNext();
    });
    return run;
  }

  private async withLock(fn: () => Promise<SyncReport>): Promise<SyncReport> {
    const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    if (!locks) return fn();
    // Another tab of the same workstation syncing already: this one waits its turn.
    return (await locks.request('onewindow-sync', () => fn())) as SyncReport;
  }

  private async scheduleNext(): Promise<void> {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    let delay = this.intervalMs;
    try {
      const retries = await this.db.outbox.where('[state+nextAttemptAt]').between(['retry', -Infinity], ['retry', Infinity]).limit(1).toArray();
      const wake = nextWakeAt(retries);
      if (wake !== null) delay = Math.min(delay, Math.max(1_000, wake - this.now()));
    } catch {
      // the next interval will do
    }
    if (!this.started) return;
    this.timer = setTimeout(() => void this.syncNow(), delay);
  }

  /** One full run: push, events, catalogs, holidays. Never throws. */
  async runOnce(): Promise<SyncReport> {
    const t0 = this.now();
    const report: SyncReport = { outcome: 'ok', detail: null, acknowledged: 0, needsFix: 0, retry: 0, requests: 0, events: 0, notifications: [], catalogsImported: [], holidaysUpdated: false, ms: 0 };
    try {
      const config = await loadServerConfig(this.db);
      if (!config) {
        report.outcome = 'notConfigured';
        return report;
      }
      setLiveStatus({ running: true, phase: 'push', kind: null, done: 0, total: 0 });
      await this.recoverInterrupted();
      const ctx = this.context(config, report);
      if ((await this.pushCases(ctx, report)) === 'stop') return report;
      await this.runStage('beforePull', ctx);
      setLiveStatus({ phase: 'events', kind: null });
      if ((await this.pullEvents(config, report)) === 'stop') return report;
      await this.runStage('afterPull', ctx);
      if (this.opts.pullReferenceData !== false) {
        setLiveStatus({ phase: 'catalog', kind: null });
        await this.pullCatalogs(config, report);
        setLiveStatus({ phase: 'holidays', kind: null });
        await this.pullHolidays(config, report);
      }
      await this.runStage('end', ctx);
      return report;
    } catch (e) {
      // IndexedDB trouble (quota, a closed database): report it, try again later.
      report.outcome = 'serverError';
      report.detail = `local: ${e instanceof Error ? e.name : 'error'}`;
      return report;
    } finally {
      report.ms = this.now() - t0;
      resetLiveStatus();
      this.lastOutcome = report.outcome;
      await this.saveStatus(report).catch(() => undefined);
      if (report.notifications.length > 0) this.opts.onNotifications?.(report.notifications);
      this.opts.onReport?.(report);
    }
  }

  private async saveStatus(report: SyncReport): Promise<void> {
    const previous = (await this.db.settings.get(SYNC_STATUS_KEY))?.value as SyncStatusRecord | undefined;
    const now = this.now();
    const rec: SyncStatusRecord = {
      outcome: report.outcome,
      lastAttemptAt: now,
      lastSuccessAt: report.outcome === 'ok' ? now : (previous?.lastSuccessAt ?? null),
      detail: report.detail,
    };
    await this.db.settings.put({ key: SYNC_STATUS_KEY, value: rec });
  }

  private async recoverInterrupted(): Promise<void> {
    const now = this.now();
    await this.db.transaction('rw', this.db.outbox, async () => {
      const stuck = await this.db.outbox.where('state').equals('sending').toArray();
      if (stuck.length > 0) await this.db.outbox.bulkPut(stuck.map((e) => recoverInterrupted(e, now)));
    });
  }

  private target(config: SyncServerConfig): ServerTarget {
    return { serverUrl: config.serverUrl, token: config.token };
  }

  /**
   * One request; a 429 (or 503) with a short Retry-After is waited out and tried again (up
   * to 3 times), so a backlog drains at the rate the server allows instead of backing off.
   */
  private async request<S extends z.ZodType>(config: SyncServerConfig, path: string, schema: S, init: { method?: 'GET' | 'POST'; body?: unknown; bodyText?: string } = {}) {
    for (let attempt = 0; ; attempt++) {
      const r = await apiRequest(this.target(config), path, schema, { ...init, timeoutMs: this.timeoutMs, fetch: this.fetchFn });
      if (r.ok || r.retryAfterSeconds === undefined || r.retryAfterSeconds > MAX_RETRY_AFTER_S || attempt >= 3) return r;
      this.rateLimitedWaits += 1;
      await this.sleep(Math.max(100, r.retryAfterSeconds * 1_000));
    }
  }


  private context(config: SyncServerConfig, report: SyncReport): ChannelContext {
    return {
      db: this.db,
      target: this.target(config),
      request: (path, schema, init) => this.request(config, path, schema, init),
      now: this.now,
      random: this.random,
      runOk: () => report.outcome === 'ok',
    };
  }

  /** The cases first: a network error here ends the run (the server is not reachable now). */
  private async pushCases(ctx: ChannelContext, report: SyncReport): Promise<'ok' | 'stop'> {
    const r = await runChannel(this.cases, ctx, { onProgress: (done, total) => setLiveStatus({ done, total }) });
    report.acknowledged += r.delivered;
    report.needsFix += r.needsFix;
    report.retry += r.retry;
    report.requests += r.requests;
    if (!r.failure) return 'ok';
    this.fail(report, r.failure);
    return 'stop';
  }

  /**
   * The other kinds of one stage, in the order they were registered. Each is on its own: one
   * that fails (offline, a local error) waits for its backoff and never keeps the next from its turn.
   */
  private async runStage(stage: ChannelStage, ctx: ChannelContext): Promise<void> {
    for (const channel of this.channels) {
      if (channel.stage !== stage) continue;
      setLiveStatus({ phase: 'push', kind: channel.kind, done: 0, total: 0 });
      try {
        await runChannel(channel, ctx, { onProgress: (done, total) => setLiveStatus({ done, total }) });
      } catch {
        // kept in the channel's status (pipeline.ts) for the Sync page; the next run tries again
      }
    }
    setLiveStatus({ kind: null, done: 0, total: 0 });
  }

  private fail(report: SyncReport, r: Extract<ApiResult<unknown>, { ok: false }>): void {
    report.outcome = r.kind === 'unauthorized' ? 'unauthorized' : r.kind === 'network' || r.kind === 'timeout' ? 'offline' : 'serverError';
    report.detail = r.status !== null ? `HTTP ${r.status}: ${r.message}` : r.message;
  }

  /** Cases went through; a catalog or holiday pull that fails only dents the run when the server is gone. */
  private referenceDataFailed(report: SyncReport, what: string, r: Extract<ApiResult<unknown>, { ok: false }>): void {
    if (r.kind === 'network' || r.kind === 'timeout' || r.kind === 'unauthorized') this.fail(report, r);
    else report.detail = `${what}: ${r.status !== null ? `HTTP ${r.status}: ` : ''}${r.message}`.slice(0, 500);
  }

  // ---- status events ------------------------------------------------------------------

  private async pullEvents(config: SyncServerConfig, report: SyncReport): Promise<'ok' | 'stop'> {
    let cursor = await loadCursor(config.serverUrl, this.db);
    for (let page = 0; page < MAX_EVENT_PAGES; page++) {
      report.requests += 1;
      const r = await this.request(config, `/status-events?after=${cursor}&limit=${MAX_EVENTS_PAGE}`, StatusEventsResponse);
      if (!r.ok) {
        this.fail(report, r);
        return 'stop';
      }
      const events = r.data.events.filter((e) => e.cursor > cursor);
      const next = Math.max(cursor, r.data.nextCursor, ...events.map((e) => e.cursor));
      if (events.length === 0 && next === cursor) return 'ok';
      await this.storeEvents(config.serverUrl, cursor, next, events, report);
      cursor = next;
      if (events.length === 0) return 'ok';
    }
    return 'ok';
  }

  private async storeEvents(serverUrl: string, previous: number, next: number, events: StatusEvent[], report: SyncReport): Promise<void> {
    const now = this.now();
    const notes = notificationsFor(events, previous);
    // departments' comments are sealed before the transaction (Web Crypto cannot run inside one)
    const eventRecords: StatusEventRecord[] = await sealStatusEventRecords(events.map((e) => ({ ...e, receivedAt: now })));
    // each notification belongs to the clerk who took the case in, not to whoever is signed in
    const owners = new Map((await this.db.cases.bulkGet([...new Set(notes.map((n) => n.caseId))])).filter((r) => !!r).map((r) => [r!.id, r!.case.clerk?.clerkId ?? '']));
    const noteRecords: NotificationRecord[] = await Promise.all(notes.map((n) => sealNotificationRecord({ ...n, unread: 1, createdAt: now, clerkId: owners.get(n.caseId) ?? '' })));
    await this.db.transaction('rw', [this.db.statusEvents, this.db.notifications, this.db.settings, this.db.outbox], async () => {
      await this.db.statusEvents.bulkPut(eventRecords);
      // Notify only about cases sent from here (a reinstalled workstation pulling its history
      // is not told about cases it no longer has), and never twice for one event.
      const ours = new Set((await this.db.outbox.bulkGet([...new Set(noteRecords.map((n) => n.caseId))])).filter(Boolean).map((e) => e!.caseId));
      const already = new Set((await this.db.notifications.bulkGet(noteRecords.map((n) => n.cursor))).filter(Boolean).map((n) => n!.cursor));
      const fresh = noteRecords.filter((n) => ours.has(n.caseId) && !already.has(n.cursor));
      await this.db.notifications.bulkPut(fresh);
      await this.db.settings.put({ key: SYNC_CURSOR_KEY, value: { serverUrl, cursor: next } });
      const freshCursors = new Set(fresh.map((n) => n.cursor));
      report.notifications.push(...notes.filter((n) => freshCursors.has(n.cursor)));
    });
    report.events += events.length;
  }

  // ---- catalogs and holidays ---------------------------------------------------------

  private async pullCatalogs(config: SyncServerConfig, report: SyncReport): Promise<void> {
    const active = (await this.opts.activeCatalogVersion?.()) ?? null;
    report.requests += 1;
    const r = await this.request(config, `/catalog/versions${active ? `?after=${encodeURIComponent(active)}` : ''}`, CatalogVersionsResponse);
    if (!r.ok) {
      this.referenceDataFailed(report, 'catalog', r);
      return;
    }
    const importer = this.opts.importCatalog;
    if (!importer) return;
    const newer = r.data.versions
      .filter((v) => !active || compareCatalogVersions(v.version, active) > 0)
      .sort((a, b) => compareCatalogVersions(a.version, b.version));
    for (const v of newer) {
      // The catalog store checks it again (parseCatalogText) before anything is stored.
      const out = await importer(JSON.stringify(v.catalog), `${new URL(config.serverUrl).host} ${v.version}`);
      if (out.kind === 'imported') report.catalogsImported.push(v.version);
      else if (out.kind !== 'unchanged') report.detail = `catalog ${v.version}: ${out.kind}`;
    }
  }

  private async pullHolidays(config: SyncServerConfig, report: SyncReport): Promise<void> {
    report.requests += 1;
    const r = await this.request(config, '/holidays', HolidaysResponse);
    if (!r.ok) {
      if (r.status === 404) return; // none published on this server
      this.referenceDataFailed(report, 'holidays', r);
      return;
    }
    const data = r.data.data;
    const hash = contentHash(data);
    const previous = (await this.db.settings.get(SYNC_HOLIDAYS_KEY))?.value as { hash?: string } | undefined;
    if (previous?.hash === hash) return;
    await this.db.settings.put({ key: SYNC_HOLIDAYS_KEY, value: { hash, receivedAt: this.now(), publishedAt: r.data.publishedAt, data } });
    report.holidaysUpdated = true;
  }
}
