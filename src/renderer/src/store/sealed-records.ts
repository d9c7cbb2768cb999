/**
 * Personal data at rest beyond the cases (issue 7 §6): the hand-out's recipient
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
 * No blind index: nothing is looked up by a recipient or a commitment name.
 */
import Dexie from 'dexie';
import type { ResultHandout } from '@core/lifecycle/handout';
import type { DeferralRecord } from '@core/lifecycle/deferralRecord';
import type { HandoutRecord } from '../handouts/handout-store';
import type { SupplementRecord, WorkstationDb } from './db';
import { isSealedValue, openJson, sealJson } from './crypto';

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
