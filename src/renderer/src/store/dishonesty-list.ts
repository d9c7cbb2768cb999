/**
 * The imported 失信 (dishonesty) list at rest: up to 500,000 ID numbers with names and reasons,
 * never stored in the clear.
 *
 * ## How it is kept
 * - Each entry goes to a bucket chosen by its ID number's keyed blind index (HMAC-SHA-256 of
 *   the normalised ID number with the host's index key, the very value a case's `idKey` holds):
 *   the first BUCKET_HEX hex digits of it. Without the key nobody can tell which bucket an ID
 *   number falls into.
 * - A bucket's entries (ID number, name, reason, listing body and dates) are one AES-GCM sealed
 *   JSON value, bound to the list's import id and the bucket (additional data
 *   `dishonesty/<listId>/<bucket>`), so a bucket cannot be moved to another list or place.
 * - The list's summary (source, import time, entry count, the import id) stays in the settings
 *   table under DISHONESTY_LIST_KEY: nothing personal is in it.
 *
 * Why buckets and not one row per entry: IndexedDB costs ~0.5 ms to settle a row, so 500,000
 * rows would take minutes to import; 4,096 sealed buckets of ~120 entries take seconds, and a
 * look-up opens one bucket (a few kB).
 *
 * A look-up computes the blind index of the applicant's number, opens that one bucket and
 * returns the matching entries as a small DishonestyList, which core's dishonestyOfApplicant
 * reads as before.
 */
import Dexie from 'dexie';
import { DISHONESTY_LIST_SCHEMA_VERSION, type DishonestyEntry, type DishonestyList } from '@core/lifecycle/dishonesty';
import { normalizeIdentityInput } from '@core/identity';
import type { WorkstationDb } from './db';
import { blindIndex, blindIndexes, openJson, sealJson, type SealedValue } from './crypto';

/** The settings key of the list's summary (before version 14 it held the whole list in the clear). */
export const DISHONESTY_LIST_KEY = 'deferral.dishonestyList';

/** Hex digits of the blind index that name a bucket: 16^3 = 4,096 buckets at most. */
export const BUCKET_HEX = 3;

/** What the settings table keeps about the imported list (nothing personal). */
export interface DishonestyListInfo {
  format: 2;
  listId: string;
  source: string;
  importedAt?: string;
  count: number;
}

/** One bucket as stored (table `dishonestyBuckets`, from version 14). */
export interface DishonestyBucketRecord {
  bucket: string;
  sealed: SealedValue;
}

const bucketAad = (listId: string, bucket: string) => `dishonesty/${listId}/${bucket}`;

function isInfo(v: unknown): v is DishonestyListInfo {
  const x = v as DishonestyListInfo | null;
  return typeof x === 'object' && x !== null && x.format === 2 && typeof x.listId === 'string';
}

/** A list stored before version 14 (the whole list in the clear), as the upgrade finds it. */
function isLegacyList(v: unknown): v is DishonestyList {
  const x = v as DishonestyList | null;
  return typeof x === 'object' && x !== null && Array.isArray(x.entries);
}

/** The records that hold `list` sealed: the summary and the buckets (computed outside any transaction). */
export async function sealDishonestyList(list: DishonestyList): Promise<{ info: DishonestyListInfo; buckets: DishonestyBucketRecord[] }> {
  const listId = crypto.randomUUID();
  const ids = list.entries.map((e) => normalizeIdentityInput(e.idNumber));
  const groups = new Map<string, DishonestyEntry[]>();
  // in slices, so half a million pending Web Crypto calls never sit in memory at once
  const SLICE = 20_000;
  for (let i = 0; i < ids.length; i += SLICE) {
    const keys = await blindIndexes('id', ids.slice(i, i + SLICE));
    keys.forEach((k, j) => {
      const b = k.slice(0, BUCKET_HEX);
      const e = { ...list.entries[i + j]!, idNumber: ids[i + j]! };
      const g = groups.get(b);
      if (g) g.push(e);
      else groups.set(b, [e]);
    });
  }
  const buckets = await Promise.all([...groups].map(async ([bucket, entries]) => ({ bucket, sealed: await sealJson(entries, bucketAad(listId, bucket)) })));
  const info: DishonestyListInfo = { format: 2, listId, source: list.source, ...(list.importedAt ? { importedAt: list.importedAt } : {}), count: list.entries.length };
  return { info, buckets };
}

/** Replaces the stored list (null removes it): sealed first, then written in one transaction, so a reader sees the old list or the new one. */
export async function replaceDishonestyList(db: WorkstationDb, list: DishonestyList | null): Promise<void> {
  const sealed = list ? await sealDishonestyList(list) : null;
  await db.transaction('rw', db.settings, db.dishonestyBuckets, async () => {
    await db.dishonestyBuckets.clear();
    if (sealed) {
      await db.dishonestyBuckets.bulkPut(sealed.buckets);
      await db.settings.put({ key: DISHONESTY_LIST_KEY, value: sealed.info });
    } else await db.settings.delete(DISHONESTY_LIST_KEY);
  });
}

/** The list's summary (source and count), or null when none is imported. */
export async function dishonestyListInfo(db: WorkstationDb): Promise<{ source: string; count: number; importedAt?: string } | null> {
  const v = (await db.settings.get(DISHONESTY_LIST_KEY))?.value;
  if (isInfo(v)) return { source: v.source, count: v.count, ...(v.importedAt ? { importedAt: v.importedAt } : {}) };
  if (isLegacyList(v)) return { source: v.source, count: v.entries.length };
  return null;
}

/**
 * The entries listed under any of `idNumbers` (whatever their dates), as a list with the stored
 * list's source — what dishonestyOfApplicant needs — or null when no list is imported.
 */
export async function findDishonestyEntries(db: WorkstationDb, idNumbers: readonly (string | undefined)[]): Promise<DishonestyList | null> {
  const v = (await db.settings.get(DISHONESTY_LIST_KEY))?.value;
  const wanted = [...new Set(idNumbers.filter((x): x is string => !!x).map(normalizeIdentityInput))].filter((x) => x !== '');
  if (isLegacyList(v)) return { ...v, entries: v.entries.filter((e) => wanted.includes(normalizeIdentityInput(e.idNumber))) };
  if (!isInfo(v)) return null;
  const entries: DishonestyEntry[] = [];
  const buckets = [...new Set(await Promise.all(wanted.map(async (id) => (await blindIndex('id', id)).slice(0, BUCKET_HEX))))];
  for (const bucket of buckets) {
    const r = await db.dishonestyBuckets.get(bucket);
    if (!r) continue;
    const inBucket = await openJson<DishonestyEntry[]>(r.sealed, bucketAad(v.listId, bucket));
    entries.push(...inBucket.filter((e) => wanted.includes(e.idNumber)));
  }
  return { schemaVersion: DISHONESTY_LIST_SCHEMA_VERSION, source: v.source, ...(v.importedAt ? { importedAt: v.importedAt } : {}), entries };
}

/** The whole list opened (the training database's small lists, which a drill edits), or null. */
export async function loadWholeDishonestyList(db: WorkstationDb): Promise<DishonestyList | null> {
  const v = (await db.settings.get(DISHONESTY_LIST_KEY))?.value;
  if (isLegacyList(v)) return v;
  if (!isInfo(v)) return null;
  const entries: DishonestyEntry[] = [];
  for (const r of await db.dishonestyBuckets.toArray()) entries.push(...(await openJson<DishonestyEntry[]>(r.sealed, bucketAad(v.listId, r.bucket))));
  return { schemaVersion: DISHONESTY_LIST_SCHEMA_VERSION, source: v.source, ...(v.importedAt ? { importedAt: v.importedAt } : {}), entries };
}

/**
 * The version-14 upgrade: a list stored in the clear in the settings table is sealed into
 * buckets (Dexie.waitFor keeps the upgrade transaction alive while Web Crypto works). Without
 * keys now the list stays as it was and still reads.
 */
export async function sealStoredDishonestyList(settings: Dexie.Table<{ key: string; value: unknown }, string>, buckets: Dexie.Table<DishonestyBucketRecord, string>): Promise<void> {
  const v = (await settings.get(DISHONESTY_LIST_KEY))?.value;
  if (!isLegacyList(v)) return;
  let sealed: Awaited<ReturnType<typeof sealDishonestyList>>;
  try {
    sealed = await Dexie.waitFor(sealDishonestyList(v), 600_000);
  } catch {
    return;
  }
  await buckets.clear();
  await buckets.bulkPut(sealed.buckets);
  await settings.put({ key: DISHONESTY_LIST_KEY, value: sealed.info });
}
