/**
 * The workstation's local database (IndexedDB via Dexie). One class, opened by
 * name, so a training workspace can later open its own database beside the live one.
 *
 * The schema's versions are in store/schema/, one file each. Never edit a version that has
 * shipped: add the next one.
 */
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import Dexie, { type Table } from 'dexie';
import type { HandoutRecord, RatingRecord, ReviewRecord, UserRecord } from './records';
import type { DrillAssignmentRecord, DrillResultRecord, DrillRunRecord, ScenarioPackRecord } from './training-records';
import type { Catalog } from '@core/catalog/schema';
import type { CaseStatus, IntakeCase } from '@core/intake/case';
import type { CaseRevision } from '@core/lifecycle/revision';
import type { OutboxEntry } from '@core/sync/outbox';
import type { StatusEvent } from '@core/sync/protocol';
import type { StatusNotification } from '@core/sync/timeline';
import type { AuditLogRecord } from './audit-log';
import type { SealedValue } from './crypto';
import { declareSchema } from './schema';
import type { DishonestyBucketRecord } from './dishonesty-list';
import type { PageRecord } from './page-store';

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
  pages!: Table<PageRecord, [string, string]>; // material pages (store/page-store.ts)

  constructor(name: string = LIVE_DB_NAME) {
    super(name);
    declareSchema(this);
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
