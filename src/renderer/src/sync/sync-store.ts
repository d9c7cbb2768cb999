/**
 * Sync settings and state kept in IndexedDB (the `settings` table), the clerk's actions on
 * the outbox (retry now, mark notifications read), and the in-memory live status of the
 * running sync (progress while a backlog drains), readable from React.
 */
import { useSyncExternalStore } from 'react';
import type { Catalog } from '@core/catalog/schema';
import type { IntakeCase } from '@core/intake/case';
import { z } from 'zod';
import { retryNow, type OutboxEntry, type OutboxState } from '@core/sync/outbox';
import { SyncServerConfig } from '@core/sync/serverConfig';
import { defaultCalendar, HolidayDataFile, type WorkingDayCalendar } from '@core/calendar';
import { getDb, TRAINING_DB_NAME, type NotificationRecord, type OutboxRecord, type StatusEventRecord, type WorkstationDb } from '../store/db';
import { openNotificationRecord, openServerConfigValue, openStatusEventRecords, sealServerConfigValue, SYNC_SERVER_KEY } from '../store/sealed-records';
import { getCaseRecord } from '../store/case-store';
import { useLiveQuery } from '../store/live-query';
import { loadCatalogVersion } from '../catalog/catalog-store';
import { requirePermission } from '../session/session-store';

export { SYNC_SERVER_KEY };
export const SYNC_CURSOR_KEY = 'syncCursor';
export const SYNC_STATUS_KEY = 'syncStatus';
export const SYNC_HOLIDAYS_KEY = 'syncHolidays';
export const SYSTEM_NOTIFICATIONS_KEY = 'syncSystemNotifications';

// ---- server config ------------------------------------------------------------------------

/**
 * The token is sealed at rest (AES-GCM with the host's key, bound to this settings row): the
 * stored value keeps the address and time, `token: ''` and the sealed token. A row stored
 * before version 14 (plaintext token) reads as it is; the upgrade seals it.
 */
export async function loadServerConfig(db: WorkstationDb = getDb()): Promise<SyncServerConfig | null> {
  if (db.name === TRAINING_DB_NAME) return null; // the training workspace never syncs cases
  const r = SyncServerConfig.safeParse(await openServerConfigValue((await db.settings.get(SYNC_SERVER_KEY))?.value));
  return r.success ? r.data : null;
}

export async function saveServerConfig(config: SyncServerConfig, db: WorkstationDb = getDb()): Promise<void> {
  await db.settings.put({ key: SYNC_SERVER_KEY, value: await sealServerConfigValue(config) });
}

export async function clearServerConfig(db: WorkstationDb = getDb()): Promise<void> {
  await db.settings.delete(SYNC_SERVER_KEY);
}

/**
 * What the Settings page calls: the server address and token are a supervisor's to change, and
 * that is checked here, below the UI, against the signed-in session (session-store.ts).
 */
export async function saveServerConfigAsSupervisor(config: SyncServerConfig, db: WorkstationDb = getDb()): Promise<void> {
  await requirePermission('settings', db);
  await saveServerConfig(config, db);
}

export async function clearServerConfigAsSupervisor(db: WorkstationDb = getDb()): Promise<void> {
  await requirePermission('settings', db);
  await clearServerConfig(db);
}

// ---- cursor (per server: another server starts from 0) ---------------------------------------

export const SyncCursor = z.object({ serverUrl: z.string(), cursor: z.number().int().nonnegative() });
export type SyncCursor = z.infer<typeof SyncCursor>;

export async function loadCursor(serverUrl: string, db: WorkstationDb = getDb()): Promise<number> {
  const r = SyncCursor.safeParse((await db.settings.get(SYNC_CURSOR_KEY))?.value);
  return r.success && r.data.serverUrl === serverUrl ? r.data.cursor : 0;
}

// ---- last sync result -----------------------------------------------------------------------

export const SyncOutcome = z.enum(['ok', 'offline', 'unauthorized', 'serverError', 'notConfigured']);
export type SyncOutcome = z.infer<typeof SyncOutcome>;

export const SyncStatusRecord = z.object({
  outcome: SyncOutcome,
  /** epoch ms of the last attempt and of the last fully successful sync. */
  lastAttemptAt: z.number(),
  lastSuccessAt: z.number().nullable(),
  /** Short technical detail of the last problem (HTTP status, "timeout"…). */
  detail: z.string().max(500).nullable(),
});
export type SyncStatusRecord = z.infer<typeof SyncStatusRecord>;

export async function loadSyncStatus(db: WorkstationDb = getDb()): Promise<SyncStatusRecord | null> {
  const r = SyncStatusRecord.safeParse((await db.settings.get(SYNC_STATUS_KEY))?.value);
  return r.success ? r.data : null;
}

// ---- holiday data pulled from the service ---------------------------------------------------

/**
 * The bundled calendar with the holiday data last pulled from the service merged in (a year
 * the service published replaces the bundled one). For makeAcceptance's `calendar` option.
 */
export async function loadSyncedCalendar(db: WorkstationDb = getDb()): Promise<WorkingDayCalendar> {
  const stored = (await db.settings.get(SYNC_HOLIDAYS_KEY))?.value as { data?: unknown } | undefined;
  const parsed = HolidayDataFile.safeParse(stored?.data);
  return parsed.success ? defaultCalendar.merge(parsed.data.years) : defaultCalendar;
}

// ---- clerk actions ------------------------------------------------------------------------

/** "Retry now" on one entry (retry or needsFix). */
export async function retryEntryNow(caseId: string, now = Date.now(), db: WorkstationDb = getDb()): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const e = await db.outbox.get(caseId);
    if (e && (e.state === 'retry' || e.state === 'needsFix')) await db.outbox.put(retryNow(e, now));
  });
}

/** "Retry all" for one state (retry or needsFix). */
export async function retryAllNow(state: 'retry' | 'needsFix', now = Date.now(), db: WorkstationDb = getDb()): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const entries: OutboxEntry[] = await db.outbox.where('state').equals(state).toArray();
    await db.outbox.bulkPut(entries.map((e) => retryNow(e, now)));
    return entries.length;
  });
}

export async function markNotificationRead(cursor: number, db: WorkstationDb = getDb()): Promise<void> {
  await db.notifications.update(cursor, { unread: 0 });
}

/** Whether a notification is for this clerk (one stored before version 14 with no owner is for everyone). */
export function isNotificationFor(n: { clerkId?: string }, clerkId: string): boolean {
  return n.clerkId === undefined || n.clerkId === '' || n.clerkId === clerkId;
}

/** Marks the clerk's own unread notifications read (never another clerk's). */
export async function markAllNotificationsRead(clerkId: string, db: WorkstationDb = getDb()): Promise<void> {
  await db.notifications
    .where('unread')
    .equals(1)
    .filter((n) => isNotificationFor(n, clerkId))
    .modify({ unread: 0 });
}

/** Whether the clerk turned on system notifications for 补正 / 办结 (Settings). */
export async function loadSystemNotificationsOn(db: WorkstationDb = getDb()): Promise<boolean> {
  return (await db.settings.get(SYSTEM_NOTIFICATIONS_KEY))?.value === true;
}

export async function saveSystemNotificationsOn(on: boolean, db: WorkstationDb = getDb()): Promise<void> {
  await db.settings.put({ key: SYSTEM_NOTIFICATIONS_KEY, value: on });
}

/** The clerk who took in each of these cases ('' when unknown; cases not stored here are left out). */
export async function intakeClerksOf(caseIds: readonly string[]): Promise<Map<string, string>> {
  return new Map((await getDb().cases.bulkGet([...caseIds])).filter((r) => !!r).map((r) => [r!.id, r!.case.clerk?.clerkId ?? '']));
}

/** How many of the clerk's own notifications are unread (the bell's badge). */
export function countUnreadNotifications(clerkId: string): Promise<number> {
  return getDb().notifications.where('unread').equals(1).filter((n) => isNotificationFor(n, clerkId)).count();
}

/** The clerk's latest `limit` notifications, newest first, opened. */
export async function latestNotifications(clerkId: string, limit: number): Promise<NotificationRecord[]> {
  return Promise.all((await getDb().notifications.orderBy('cursor').reverse().filter((n) => isNotificationFor(n, clerkId)).limit(limit).toArray()).map(openNotificationRecord));
}

// ---- reading the outbox and the status events ------------------------------------------------

/** How many outbox entries are in each of `states`. */
export async function countOutboxByState(states: readonly OutboxState[]): Promise<Record<OutboxState, number>> {
  const db = getDb();
  return Object.fromEntries(await Promise.all(states.map(async (s) => [s, await db.outbox.where('state').equals(s).count()] as const))) as Record<OutboxState, number>;
}

/** The latest `limit` outbox entries in one state, the last enqueued first. */
export function outboxEntriesIn(state: OutboxState, limit: number): Promise<OutboxRecord[]> {
  return getDb().outbox.where('[state+enqueuedAt]').between([state, -Infinity], [state, Infinity]).reverse().limit(limit).toArray();
}

/** A case's status events as pulled from the service, opened (the department's comments unsealed). */
export async function statusEventsOfCase(caseId: string): Promise<StatusEventRecord[]> {
  return openStatusEventRecords(await getDb().statusEvents.where('caseId').equals(caseId).toArray());
}

export interface CaseTimelineData {
  entry: OutboxRecord | null;
  events: StatusEventRecord[];
  c: IntakeCase | null;
  /** The case's catalog version: it names what a department's comment points at. */
  catalog: Catalog | undefined;
}

/** What became of a case after the window, live: its outbox entry, its status events, the case and its catalog. */
export function useCaseTimeline(caseId: string): CaseTimelineData | undefined {
  return useLiveQuery(async () => {
    const [entry, events, record] = await Promise.all([getDb().outbox.get(caseId), statusEventsOfCase(caseId), getCaseRecord(caseId)]);
    const catalog = record ? ((await loadCatalogVersion(record.case.catalogVersion))?.catalog ?? undefined) : undefined;
    return { entry: entry ?? null, events, c: record?.case ?? null, catalog };
  }, [caseId]);
}

// ---- live status (in memory) ----------------------------------------------------------------

export type SyncPhase = 'idle' | 'push' | 'events' | 'catalog' | 'holidays';

export interface LiveSyncStatus {
  running: boolean;
  phase: SyncPhase;
  /** The outbound kind being sent while phase is 'push' (channel.ts); null for the cases. */
  kind: string | null;
  /** Entries settled (acknowledged or needsFix) in this run, and due at its start (plus those added since). */
  done: number;
  total: number;
}

const IDLE: LiveSyncStatus = { running: false, phase: 'idle', kind: null, done: 0, total: 0 };
let live: LiveSyncStatus = IDLE;
const listeners = new Set<() => void>();

export function setLiveStatus(next: Partial<LiveSyncStatus>): void {
  live = { ...live, ...next };
  for (const l of listeners) l();
}

export function resetLiveStatus(): void {
  live = IDLE;
  for (const l of listeners) l();
}

export function getLiveStatus(): LiveSyncStatus {
  return live;
}

export function useLiveSyncStatus(): LiveSyncStatus {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => live,
  );
}
