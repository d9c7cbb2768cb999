/**
 * Personal data at rest beyond the cases: the hand-out's recipient
 * (db.handouts) and the supplements table's copy of the 容缺 commitment (db.supplements) are
 * sealed the way store/case-store.ts seals a case — AES-GCM with the host's key (store/crypto.ts),
 * a fresh random IV at every write, the record's identity as additional data so a sealed value
 * cannot be moved to another record.
 *
 * ## What is sealed
 * - A hand-out: the delivery's `recipientName`, `recipientIdNumber`, `recipientPhone`, `address`
 *   (in person, by post) and an electronic delivery's `reference` (an e-mail address or an
 *   account). The stored delivery keeps its method, relation, ID type, how the ID was checked,
 *   the carrier and tracking number, the authorisation document; the sealed fields are '' there.
 *   Additional data: `handout/<id>/<caseId>`.
 * - A supplements row: the commitment's `applicantName` and `signerName` (removed from the stored
 *   record's commitment). Additional data: `supplements/<caseId>`.
 *
 * The lists and the figures read the rest as stored (the hand-out queue, the deferral status,
 * the dashboards); what needs a person opens the record: `openHandoutRecord` (the sender, which
 * the server needs in full to check who collected) and `openSupplementRecord`
 * (deferral/deferral-store.ts). A record without `sealed` (written before version 11, or where
 * the host had no keys at the upgrade) reads as it is. The version-11 upgrade seals the rows
 * stored before it (store/db.ts).
 *
 * From version 14, the same way: a department's comments on a status event and in a
 * notification, an applicant's rating comment, and the PDF copies of printed notices (bytes
 * sealed whole: they show the full ID number). See the sections below.
 *
 * No blind index: nothing is looked up by a recipient or a commitment name.
 */
import Dexie from 'dexie';
import type { ResultHandout } from '@core/lifecycle/handout';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import { SyncServerConfig } from '@core/sync/serverConfig';
import type { HandoutRecord, RatingRecord } from './records';
import type { CaseDocumentRecord, NotificationRecord, StatusEventRecord, SupplementRecord, WorkstationDb } from './db';
import { isSealedValue, openBytes, openJson, sealBytes, sealJson } from './crypto';

// ---- hand-outs ------------------------------------------------------------------------------

/** The delivery fields that name or reach a person. */
export const HANDOUT_SEALED_FIELDS = ['recipientName', 'recipientIdNumber', 'recipientPhone', 'address', 'reference'] as const;
type HandoutPart = Partial<Record<(typeof HANDOUT_SEALED_FIELDS)[number], string>>;

const handoutAad = (r: Pick<HandoutRecord, 'id' | 'caseId'>) => `handout/${r.id}/${r.caseId}`;

export async function sealHandoutRecord(r: HandoutRecord): Promise<HandoutRecord> {
  if (isSealedValue(r.sealed)) return r;
  const delivery = { ...r.handout.delivery } as Record<string, unknown>;
  const part: HandoutPart = {};
  for (const k of HANDOUT_SEALED_FIELDS) {
    if (typeof delivery[k] === 'string') {
      part[k] = delivery[k] as string;
      delivery[k] = '';
    }
  }
  const handout = { ...r.handout, delivery } as ResultHandout;
  return { ...r, handout, sealed: await sealJson(part, handoutAad(r)) };
}

/** The record as the app uses it (the recipient back in place); throws when the key or the record is not the one it was sealed with. */
export async function openHandoutRecord(r: HandoutRecord): Promise<HandoutRecord> {
  if (!isSealedValue(r.sealed)) return r;
  const part = await openJson<HandoutPart>(r.sealed, handoutAad(r));
  const { sealed: _s, ...plain } = r;
  return { ...plain, handout: { ...r.handout, delivery: { ...r.handout.delivery, ...part } as ResultHandout['delivery'] } };
}

export function openHandoutRecords(rs: readonly HandoutRecord[]): Promise<HandoutRecord[]> {
  return Promise.all(rs.map(openHandoutRecord));
}

// ---- the supplements table's 容缺 record ----------------------------------------------------

interface CommitmentPart {
  applicantName?: string;
  signerName?: string;
}

const supplementAad = (caseId: string) => `supplements/${caseId}`;

export async function sealSupplementRecord(r: SupplementRecord): Promise<SupplementRecord> {
  if (isSealedValue(r.sealed)) return r;
  const { applicantName, signerName, ...commitment } = r.record.commitment;
  const part: CommitmentPart = { applicantName, ...(signerName !== undefined ? { signerName } : {}) };
  const record = { ...r.record, commitment: commitment as DeferralRecord['commitment'] };
  return { ...r, record, sealed: await sealJson(part, supplementAad(r.caseId)) };
}

export async function openSupplementRecord(r: SupplementRecord): Promise<SupplementRecord> {
  if (!isSealedValue(r.sealed)) return r;
  const part = await openJson<CommitmentPart>(r.sealed, supplementAad(r.caseId));
  const { sealed: _s, ...plain } = r;
  return { ...plain, record: { ...r.record, commitment: { ...r.record.commitment, ...part } } };
}

export function openSupplementRecords(rs: readonly SupplementRecord[]): Promise<SupplementRecord[]> {
  return Promise.all(rs.map(openSupplementRecord));
}

/**
 * Inside a running read-write transaction over `supplements` (the decision's, intake/intake-store.ts):
 * the accepted 容缺 record enters the tracking list, sealed. Dexie.waitFor keeps the transaction
 * alive while Web Crypto seals it (as case-store's putDecidedCaseInTx does).
 */
export async function putDeferralRecordInTx(db: WorkstationDb, record: DeferralRecord, now: number = Date.now()): Promise<void> {
  await db.supplements.put(await Dexie.waitFor(sealSupplementRecord({ caseId: record.caseId, record, updatedAt: now })));
}

export function sealSupplementRecords(rs: readonly SupplementRecord[]): Promise<SupplementRecord[]> {
  return Promise.all(rs.map(sealSupplementRecord));
}

// ---- the version-11 upgrade -----------------------------------------------------------------

/**
 * Seals the plaintext rows of a table inside an upgrade transaction (safe to run again), in
 * batches, each sealed while Dexie.waitFor keeps the transaction alive (Web Crypto cannot run
 * inside an IndexedDB transaction otherwise). Without keys (a host that cannot give them now)
 * the rows stay as they are and still read.
 */
async function sealStored<T extends { sealed?: unknown }, K>(table: Dexie.Table<T, K>, seal: (r: T) => Promise<T>): Promise<void> {
  const keys = (await table.toCollection().primaryKeys()) as K[];
  const BATCH = 1000;
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = (await table.bulkGet(keys.slice(i, i + BATCH))).filter((r): r is T => !!r && !isSealedValue(r.sealed));
    if (batch.length === 0) continue;
    let sealed: T[];
    try {
      sealed = await Dexie.waitFor(Promise.all(batch.map(seal)), 120_000);
    } catch {
      return; // no keys now: the rows stay readable as they are
    }
    await table.bulkPut(sealed);
  }
}

export function sealStoredHandouts(table: Dexie.Table<HandoutRecord, string>): Promise<void> {
  return sealStored(table, sealHandoutRecord);
}

export function sealStoredSupplements(table: Dexie.Table<SupplementRecord, string>): Promise<void> {
  return sealStored(table, sealSupplementRecord);
}

// ---- what departments and applicants wrote: status events, notifications, ratings ----------

/**
 * A department's comments (a 补正's reasons, a denial's grounds) often name the applicant or
 * quote their data, and an applicant's rating comment is free text: all sealed. What stays in
 * the clear is what lists and figures read — the kind, the department, the time, and each
 * field comment's path (a field name such as `applicant.phone`, never its value).
 */
interface CommentPart {
  comment?: string;
  fieldComments?: string[];
}

const statusEventAad = (r: Pick<StatusEventRecord, 'cursor' | 'caseId'>) => `status-event/${r.cursor}/${r.caseId}`;
const notificationAad = (r: Pick<NotificationRecord, 'cursor' | 'caseId'>) => `notification/${r.cursor}/${r.caseId}`;
const ratingAad = (r: Pick<RatingRecord, 'id' | 'caseId'>) => `rating/${r.id}/${r.caseId}`;

export async function sealStatusEventRecord(r: StatusEventRecord): Promise<StatusEventRecord> {
  if (isSealedValue(r.sealed) || (r.comment === undefined && !r.fieldComments?.length)) return r;
  const part: CommentPart = { ...(r.comment !== undefined ? { comment: r.comment } : {}), ...(r.fieldComments ? { fieldComments: r.fieldComments.map((f) => f.comment) } : {}) };
  const { comment: _c, ...rest } = r;
  return {
    ...rest,
    ...(r.fieldComments ? { fieldComments: r.fieldComments.map((f) => ({ path: f.path, comment: '' })) } : {}),
    sealed: await sealJson(part, statusEventAad(r)),
  };
}

export async function openStatusEventRecord(r: StatusEventRecord): Promise<StatusEventRecord> {
  if (!isSealedValue(r.sealed)) return r;
  const part = await openJson<CommentPart>(r.sealed, statusEventAad(r));
  const { sealed: _s, ...plain } = r;
  return {
    ...plain,
    ...(part.comment !== undefined ? { comment: part.comment } : {}),
    ...(r.fieldComments ? { fieldComments: r.fieldComments.map((f, i) => ({ path: f.path, comment: part.fieldComments?.[i] ?? '' })) } : {}),
  };
}

export function sealStatusEventRecords(rs: readonly StatusEventRecord[]): Promise<StatusEventRecord[]> {
  return Promise.all(rs.map(sealStatusEventRecord));
}

export function openStatusEventRecords(rs: readonly StatusEventRecord[]): Promise<StatusEventRecord[]> {
  return Promise.all(rs.map(openStatusEventRecord));
}

export async function sealNotificationRecord(r: NotificationRecord): Promise<NotificationRecord> {
  if (isSealedValue(r.sealed) || r.comment === undefined) return r;
  const { comment, ...rest } = r;
  return { ...rest, sealed: await sealJson({ comment } satisfies CommentPart, notificationAad(r)) };
}

export async function openNotificationRecord(r: NotificationRecord): Promise<NotificationRecord> {
  if (!isSealedValue(r.sealed)) return r;
  const part = await openJson<CommentPart>(r.sealed, notificationAad(r));
  const { sealed: _s, ...plain } = r;
  return { ...plain, ...(part.comment !== undefined ? { comment: part.comment } : {}) };
}

export async function sealRatingRecord(r: RatingRecord): Promise<RatingRecord> {
  if (isSealedValue(r.sealed) || r.rating.comment === undefined) return r;
  const { comment, ...rating } = r.rating;
  return { ...r, rating: rating as RatingRecord['rating'], sealed: await sealJson({ comment } satisfies CommentPart, ratingAad(r)) };
}

export async function openRatingRecord(r: RatingRecord): Promise<RatingRecord> {
  if (!isSealedValue(r.sealed)) return r;
  const part = await openJson<CommentPart>(r.sealed, ratingAad(r));
  const { sealed: _s, ...plain } = r;
  return { ...plain, rating: { ...r.rating, ...(part.comment !== undefined ? { comment: part.comment } : {}) } };
}

export function openRatingRecords(rs: readonly RatingRecord[]): Promise<RatingRecord[]> {
  return Promise.all(rs.map(openRatingRecord));
}

// ---- PDF copies of printed notices (they carry the full ID number) --------------------------

const pdfAad = (r: Pick<CaseDocumentRecord, 'caseId' | 'kind'>) => `case-document/${r.caseId}/${r.kind}`;

/** The stored form of a PDF copy: the bytes sealed, `pdf` empty; `bytes` keeps the plain size for the page. */
export async function sealCaseDocument(r: CaseDocumentRecord): Promise<CaseDocumentRecord> {
  if (isSealedValue(r.sealed)) return r;
  return { ...r, pdf: new Uint8Array(0), sealed: await sealBytes(r.pdf, pdfAad(r)) };
}

export async function openCaseDocument(r: CaseDocumentRecord): Promise<CaseDocumentRecord> {
  if (!isSealedValue(r.sealed)) return r;
  const { sealed: _s, ...plain } = r;
  return { ...plain, pdf: await openBytes(r.sealed, pdfAad(r)) };
}

// ---- the workstation's sync token --------------------------------------------------------

/** The settings row of the server address and token (sync/sync-store.ts). */
export const SYNC_SERVER_KEY = 'syncServer';
/** The token is bound to its settings row, so a sealed token from elsewhere does not open here. */
const SYNC_TOKEN_AAD = 'settings/syncServer/token';

/** The stored form of a server config: `token: ''` and the token sealed. */
export async function sealServerConfigValue(config: SyncServerConfig): Promise<Record<string, unknown>> {
  const c = SyncServerConfig.parse(config);
  return { ...c, token: '', sealedToken: await sealJson(c.token, SYNC_TOKEN_AAD) };
}

/** The stored value with its token opened (a value stored before version 14 reads as it is). */
export async function openServerConfigValue(v: unknown): Promise<unknown> {
  const x = v as { sealedToken?: unknown } | null | undefined;
  if (!x || !isSealedValue(x.sealedToken)) return v;
  const { sealedToken, ...rest } = x;
  return { ...rest, token: await openJson<string>(sealedToken, SYNC_TOKEN_AAD) };
}

/** The version-14 upgrade: a plaintext token is sealed (without keys now it stays and still reads). */
export async function sealStoredServerConfig(settings: Dexie.Table<{ key: string; value: unknown }, string>): Promise<void> {
  const v = (await settings.get(SYNC_SERVER_KEY))?.value as { sealedToken?: unknown } | undefined;
  const r = SyncServerConfig.safeParse(v);
  if (!v || isSealedValue(v.sealedToken) || !r.success) return;
  try {
    await settings.put({ key: SYNC_SERVER_KEY, value: await Dexie.waitFor(sealServerConfigValue(r.data)) });
  } catch {
    // no keys now: the token stays readable as it was
  }
}

// ---- the version-14 upgrade ---------------------------------------------------------------

export function sealStoredStatusEvents(table: Dexie.Table<StatusEventRecord, number>): Promise<void> {
  return sealStored(table, sealStatusEventRecord);
}

export function sealStoredNotifications(table: Dexie.Table<NotificationRecord, number>): Promise<void> {
  return sealStored(table, sealNotificationRecord);
}

export function sealStoredRatings(table: Dexie.Table<RatingRecord, string>): Promise<void> {
  return sealStored(table, sealRatingRecord);
}

export function sealStoredCaseDocuments(table: Dexie.Table<CaseDocumentRecord, [string, string]>): Promise<void> {
  return sealStored(table, sealCaseDocument);
}
