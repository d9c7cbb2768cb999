/**
 * The workstation's local database (IndexedDB via Dexie). One class, opened by
 * name, so a training workspace can later open its own database beside the live one.
 *
 * Never edit a version that has shipped: add a new `this.version(n)` with an upgrade.
 */
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import Dexie, { type Table } from 'dexie';
import type { HandoutRecord, RatingRecord } from './records';
import type { DrillAssignmentRecord, DrillResultRecord, DrillRunRecord, ScenarioPackRecord } from './training-records';
import type { Catalog } from '@core/catalog/schema';
import type { CaseStatus, IntakeCase } from '@core/intake/case';
import type { CaseRevision } from '@core/lifecycle/revision';
import { enqueueDecidedCase, type OutboxEntry } from '@core/sync/outbox';
import type { StatusEvent } from '@core/sync/protocol';
import type { StatusNotification } from '@core/sync/timeline';
import type { UserRecord } from './records';
import type { ReviewRecord } from './records';
import type { AuditLogRecord } from './audit-log';
import type { SealedValue } from './crypto';
import { sealStoredCaseDishonestyReasons, sealStoredCases, sealStoredRevisions } from './case-sealing';
import {
  sealStoredCaseDocuments,
  sealStoredHandouts,
  sealStoredNotifications,
  sealStoredRatings,
  sealStoredServerConfig,
  sealStoredStatusEvents,
  sealStoredSupplements,
} from './sealed-records';
import { sealStoredDishonestyList, type DishonestyBucketRecord } from './dishonesty-list';
import { tagStoredAccounts } from './record-tags';

export type CatalogSource = { kind: 'bundled' } | { kind: 'file'; name: string };

export interface CatalogVersionRecord {
  version: string; // primary key, e.g. 2026.11.1
  effectiveDate: string;
  importedAt: string; // ISO timestamp
  source: CatalogSource;
  contentHash: string; // SHA-256 of the canonical JSON: same version + other hash = a conflict
  itemCount: number;
  catalog: Catalog;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * A case as stored: the case itself plus the few fields the lists index
 * (so a list of 100,000 cases pages through indexes, never through the objects).
 */
export interface CaseRecord {
  id: string;
  status: CaseStatus;
  caseNumber: string; // '' until decided (IndexedDB cannot index undefined)
  createdDay: string; // YYYY-MM-DD in China: "today's cases"
  updatedAt: string;
  applicantIdNumber: string; // normalised, '' when not yet entered
  applicantName: string;
  subjectName: string;
  case: IntakeCase;
  /**
   * From version 10 (store/case-store.ts): the identity fields sealed with AES-GCM,
   * and keyed blind indexes in place of the plaintext ID number and name (which are '' then).
   */
  sealed?: SealedValue;
  idKey?: string;
  nameKeys?: string[];
}

/** Which document of a case a kept PDF copy is (one per kind; a retry replaces it). */
export type CaseDocumentKind = 'acceptance' | 'oneTimeNotice' | 'refusal';

/** A PDF copy of a printed document, kept with the case (see documents/document-store.ts). */
export interface CaseDocumentRecord {
  caseId: string;
  kind: CaseDocumentKind;
  createdAt: string; // ISO timestamp
  /** Empty from version 14: the bytes are in `sealed` (store/sealed-records.ts). */
  pdf: Uint8Array;
  bytes: number;
  sealed?: SealedValue;
}

/** A decided case waiting to reach (or having reached) the department-queue service (see sync/). */
export type OutboxRecord = OutboxEntry;

/** A status event pulled from the service, with when it arrived here (epoch ms). */
export type StatusEventRecord = StatusEvent & {
  receivedAt: number;
  /** From version 14: the department's comments, sealed (store/sealed-records.ts); '' / absent in the row then. */
  sealed?: SealedValue;
};

/** An in-app notification (补正 / 办结); `unread` is 1 or 0 (IndexedDB cannot index booleans). */
export type NotificationRecord = StatusNotification & {
  unread: 0 | 1;
  createdAt: number;
  /** From version 14: the department's comment, sealed (store/sealed-records.ts). */
  sealed?: SealedValue;
  /**
   * From version 14: the clerk who took the case in — the one the notification is for (a window
   * PC is shared across shifts; the next person signing in does not get it). '' when unknown.
   */
  clerkId?: string;
};

/**
 * A 容缺 case's deferral record as supplemented at the window (the case keeps the record as
 * accepted). Forwarding the supplements to the department through the server is not done yet.
 */
export interface SupplementRecord {
  caseId: string;
  record: DeferralRecord;
  updatedAt: number;
  /**
   * From version 11 (store/sealed-records.ts): the commitment's applicant and signer names,
   * sealed (and absent from `record.commitment`).
   */
  sealed?: SealedValue;
}

/**
 * A version of an accepted case after the first (the clerk's 补正 fix, see
 * correction/revision-store.ts), sent by sync/revision-sender.ts. The case record keeps the
 * case as accepted; the latest version is the highest revision here.
 */
export interface RevisionRecord {
  caseId: string;
  revision: number;
  record: CaseRevision;
  state: 'queued' | 'sent' | 'needsFix';
  error?: string;
  createdAt: number;
  /** From version 10: the identity fields of `record.case`, sealed (store/case-store.ts). */
  sealed?: SealedValue;
  /** The clerk's reply to the department (`record.reason.reply`), sealed: free text about the applicant. */
  sealedReply?: SealedValue;
}

export const LIVE_DB_NAME = 'onewindow';
/** The training workspace: same schema, its own database; live data is never opened by a drill. */
export const TRAINING_DB_NAME = 'onewindow-training';
/** localStorage flag: '1' while training mode is on (read once at start; switching reloads the app). */
export const TRAINING_MODE_KEY = 'onewindow.trainingMode';

export class WorkstationDb extends Dexie {
  catalogVersions!: Table<CatalogVersionRecord, string>;
  settings!: Table<SettingRecord, string>;
  cases!: Table<CaseRecord, string>;
  caseDocuments!: Table<CaseDocumentRecord, [string, CaseDocumentKind]>;
  outbox!: Table<OutboxRecord, string>;
  statusEvents!: Table<StatusEventRecord, number>;
  notifications!: Table<NotificationRecord, number>;
  handouts!: Table<HandoutRecord, string>;
  ratings!: Table<RatingRecord, string>;
  supplements!: Table<SupplementRecord, string>;
  revisions!: Table<RevisionRecord, [string, number]>;
  users!: Table<UserRecord, string>;
  reviews!: Table<ReviewRecord, string>;
  drillRuns!: Table<DrillRunRecord, string>;
  drillResults!: Table<DrillResultRecord, string>;
  scenarioPacks!: Table<ScenarioPackRecord, string>;
  drillAssignments!: Table<DrillAssignmentRecord, string>;
  auditLog!: Table<AuditLogRecord, number>;
  dishonestyBuckets!: Table<DishonestyBucketRecord, string>;

  constructor(name: string = LIVE_DB_NAME) {
    super(name);
    this.version(1).stores({
      catalogVersions: '&version, importedAt',
      settings: '&key',
    });
    this.version(2).stores({
      cases: '&id, caseNumber, status, createdDay, updatedAt, [status+updatedAt], [createdDay+updatedAt], applicantIdNumber, applicantName',
    });
    this.version(3).stores({
      caseDocuments: '&[caseId+kind], caseId',
    });
    // Sync: the outbox of decided cases, status events, in-app notifications.
    // Cases decided before this version go into the outbox too, so none is left behind.
    this.version(4)
      .stores({
        outbox: '&caseId, state, nextAttemptAt, [state+nextAttemptAt], [state+enqueuedAt]',
        statusEvents: '&cursor, caseId',
        notifications: '&cursor, caseId, unread',
      })
      .upgrade(async (tx) => {
        const now = Date.now();
        const entries: OutboxEntry[] = [];
        await tx
          .table('cases')
          .where('status')
          .anyOf(['accepted', 'noticeIssued', 'refused'])
          .each((r: CaseRecord) => {
            const q = enqueueDecidedCase(r.case, false, now);
            if (q.ok) entries.push(q.entry);
          });
        if (entries.length > 0) await tx.table('outbox').bulkPut(entries);
      });
    // 容缺受理: the deferral record with its supplements, per case (the decided case is immutable).
    this.version(5).stores({
      supplements: '&caseId, updatedAt',
    });
    // 补正: the clerk's fixed versions of accepted cases, pushed by sync/revision-sender.ts.
    this.version(6).stores({
      revisions: '&[caseId+revision], caseId, state',
    });
    // 统一窗口出件 and 好差评: hand-outs and ratings, pushed by sync/handout-sender.ts.
    this.version(7).stores({
      handouts: '&id, caseId, state',
      ratings: '&id, caseId, state, caseNumber',
    });
    // Roles and quality review: local accounts (PBKDF2 password hashes), supervisors' reviews.
    this.version(9).stores({
      users: '&userId, role',
      reviews: '&caseId, clerkId, weekKey, reviewedAt',
    });
    // Training mode: drills, results, scenario packs and assignments — used in the training database.
    this.version(8).stores({
      drillRuns: '&id, state, startedAt',
      drillResults: '&id, traineeId, scenarioId, finishedAt, state',
      scenarioPacks: '&packId, importedAt',
      drillAssignments: '&id, traineeId, assignedAt',
    });
    // Audit trail and personal data at rest: the hash-chained log (one chain per
    // case, see @core/quality/audit); cases find an applicant by keyed blind index instead of the
    // plaintext ID number and name, and existing cases are sealed (store/case-store.ts).
    this.version(10)
      .stores({
        auditLog: '++key, caseId, &[caseId+seq], sent',
        cases: '&id, caseNumber, status, createdDay, updatedAt, [status+updatedAt], [createdDay+updatedAt], idKey, *nameKeys',
      })
      .upgrade(async (tx) => {
        await sealStoredCases(tx.table('cases'));
        await sealStoredRevisions(tx.table('revisions'));
      });
    // Personal data at rest, the rest of it: the hand-out's recipient and the
    // supplements table's copy of the 容缺 commitment are sealed too (store/sealed-records.ts);
    // the rows stored before are sealed here. No index changes.
    this.version(11)
      .stores({})
      .upgrade(async (tx) => {
        await sealStoredHandouts(tx.table('handouts'));
        await sealStoredSupplements(tx.table('supplements'));
      });
    // Sync speed: an outbox entry changes state when its answer comes back, and every
    // index on `state` is rewritten then. Two compound indexes serve every query (Dexie reads
    // `where('state')` from the [state+…] prefix); the lone `state` and `nextAttemptAt` go.
    this.version(12).stores({
      outbox: '&caseId, [state+nextAttemptAt], [state+enqueuedAt]',
    });
    // Personal data sealed everywhere: the 失信 list moves out of the settings table into sealed
    // buckets found by blind index (store/dishonesty-list.ts); the sync token, departments'
    // comments, rating comments, PDF copies and a case's 失信 reason are sealed
    // (store/sealed-records.ts, store/case-store.ts); the rows stored before are sealed here.
    this.version(14)
      .stores({
        dishonestyBuckets: '&bucket',
      })
      .upgrade(async (tx) => {
        await sealStoredDishonestyList(tx.table('settings'), tx.table('dishonestyBuckets'));
        await sealStoredServerConfig(tx.table('settings'));
        await sealStoredStatusEvents(tx.table('statusEvents'));
        await sealStoredNotifications(tx.table('notifications'));
        await sealStoredRatings(tx.table('ratings'));
        await sealStoredCaseDocuments(tx.table('caseDocuments'));
        await sealStoredCaseDishonestyReasons(tx.table('cases'));
        // each notification is for the clerk who took its case in
        const notes = (await tx.table('notifications').toArray()) as NotificationRecord[];
        const owners = new Map(((await tx.table('cases').bulkGet([...new Set(notes.map((n) => n.caseId))])) as (CaseRecord | undefined)[]).filter((r) => !!r).map((r) => [r!.id, r!.case.clerk?.clerkId ?? '']));
        const unowned = notes.filter((n) => n.clerkId === undefined).map((n) => ({ ...n, clerkId: owners.get(n.caseId) ?? '' }));
        if (unowned.length > 0) await tx.table('notifications').bulkPut(unowned);
        // accounts and 容缺 approvers get their authentication tag (store/record-tags.ts)
        await tagStoredAccounts(tx.table('users'), tx.table('settings'));
      });
  }
}

let liveDb: WorkstationDb | undefined;
let trainingDb: WorkstationDb | undefined;
let trainingMode: boolean | undefined;

/** True while training mode is on (persisted in localStorage; read once, switching reloads). */
export function isTrainingMode(): boolean {
  if (trainingMode === undefined) {
    try {
      trainingMode = typeof localStorage !== 'undefined' && localStorage.getItem(TRAINING_MODE_KEY) === '1';
    } catch {
      trainingMode = false;
    }
  }
  return trainingMode;
}

/** The live database, whatever the mode (training mode reads only what it copies at entry). */
export function getLiveDb(): WorkstationDb {
  liveDb ??= new WorkstationDb(LIVE_DB_NAME);
  return liveDb;
}

/** The training database, whatever the mode (trainer tools, results). */
export function getTrainingDb(): WorkstationDb {
  trainingDb ??= new WorkstationDb(TRAINING_DB_NAME);
  return trainingDb;
}

/** The database the app works on: the training database while training mode is on. */
export function getDb(): WorkstationDb {
  return isTrainingMode() ? getTrainingDb() : getLiveDb();
}

export async function getSetting<T>(key: string): Promise<T | undefined> {
  return (await getDb().settings.get(key))?.value as T | undefined;
}

export async function putSetting(key: string, value: unknown): Promise<void> {
  await getDb().settings.put({ key, value });
}
