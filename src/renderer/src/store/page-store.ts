/**
 * Material pages at rest (材料电子化): one row per page of a case in `pages` (version 15).
 *
 * - The bytes are SEALED like the applicant's fields (store/crypto.ts): AES-GCM with a fresh IV,
 *   the case id and the page's SHA-256 as additional data (a sealed page cannot be moved to
 *   another case or passed off as another page), stored as one Blob `iv ‖ ciphertext+tag` —
 *   IndexedDB keeps large Blobs as files beside the database, not inside its pages.
 * - A page is `pending` until the service confirms it holds it (`confirmed`, with when); the
 *   pages channel (materials/pages-channel.ts) uploads the pending pages of pushed cases. A page
 *   the service refuses is `needsFix` with the reason (retry all on the Sync page).
 * - The bytes of a confirmed page are dropped only when the retention period has passed since
 *   the confirmation (`pruneConfirmedPages`); the row stays (the case still lists the page, and
 *   the department reads it from the service).
 * - A full disk (QuotaExceededError) surfaces as `StorageFullError`: the caller keeps what was
 *   captured in memory and tells the clerk; nothing half-written remains.
 * Training mode writes to the training database only (getDb()).
 */
import type { PageMime } from '@core/materials/page';
import { openBytes, sealBytes } from './crypto';
import type { WorkstationDb } from './db';

export type PageState = 'pending' | 'confirmed' | 'needsFix';

export interface PageRecord {
  caseId: string;
  /** SHA-256 of the stored bytes (PageRef.sha256). */
  sha256: string;
  mime: PageMime;
  bytes: number;
  /** iv (12 bytes) ‖ AES-GCM ciphertext and tag; null once the retention period after confirmation has passed. */
  sealed: Blob | null;
  state: PageState;
  /** The tus upload's URL once the service created it: a restarted upload resumes there. */
  uploadUrl?: string;
  /** Bytes the service has of an unfinished upload (progress, for the Sync page). */
  uploadedBytes?: number;
  error?: string;
  createdAt: number;
  /** Epoch ms the service confirmed the page; 0 until then (IndexedDB cannot index undefined). */
  confirmedAt: number;
}

/** The disk (or the browser's share of it) is full: nothing was stored. */
export class StorageFullError extends Error {
  constructor() {
    super('storage full');
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(typeof DOMException !== 'undefined' && e instanceof DOMException)) return false;
  const err = e as Error & { inner?: unknown };
  if (err.name === 'QuotaExceededError' || err.name === 'StorageFullError') return true;
  return err.inner !== undefined && err.inner !== e && isQuotaError(err.inner); // Dexie wraps it
}

const pageAad = (caseId: string, sha256: string) => `page|${caseId}|${sha256}`;

export async function sealPageBytes(caseId: string, sha256: string, bytes: Uint8Array): Promise<Blob> {
  const s = await sealBytes(bytes, pageAad(caseId, sha256));
  return new Blob([s.iv as BlobPart, s.ct as BlobPart], { type: 'application/octet-stream' });
}

async function blobBytes(b: Blob): Promise<Uint8Array> {
  // Blob.arrayBuffer is missing on some older engines' cloned blobs; FileReader is everywhere in a renderer
  if (typeof b.arrayBuffer === 'function') return new Uint8Array(await b.arrayBuffer());
  return new Uint8Array(await new Response(b).arrayBuffer());
}

export async function openPageBytes(caseId: string, sha256: string, sealed: Blob): Promise<Uint8Array> {
  const all = await blobBytes(sealed);
  return openBytes({ v: 1, iv: all.slice(0, 12), ct: all.slice(12) }, pageAad(caseId, sha256));
}

/** Stores a page (sealed). The same page stored twice for a case is stored once. */
export async function putPage(db: WorkstationDb, caseId: string, page: { sha256: string; mime: PageMime; bytes: Uint8Array }, now: number): Promise<void> {
  const sealed = await sealPageBytes(caseId, page.sha256, page.bytes);
  try {
    await db.transaction('rw', db.pages, async () => {
      const have = await db.pages.get([caseId, page.sha256]);
      if (have?.sealed) return;
      await db.pages.put({ caseId, sha256: page.sha256, mime: page.mime, bytes: page.bytes.byteLength, sealed, state: 'pending', createdAt: now, confirmedAt: 0 });
    });
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}

/** The page's bytes, opened; null when they are not kept here (never stored, or dropped after the retention period). */
export async function readPage(db: WorkstationDb, caseId: string, sha256: string): Promise<Uint8Array | null> {
  const r = await db.pages.get([caseId, sha256]);
  if (!r?.sealed) return null;
  return openPageBytes(caseId, sha256, r.sealed);
}

/** Removes a page the clerk deleted or replaced (a draft's page that never left). */
export async function deletePage(db: WorkstationDb, caseId: string, sha256: string): Promise<void> {
  const r = await db.pages.get([caseId, sha256]);
  if (r && r.state !== 'confirmed') await db.pages.delete([caseId, sha256]);
}

export interface CasePagesProgress {
  total: number;
  confirmed: number;
  needsFix: number;
  /** Bytes of the pages not yet confirmed, and how many of them the service already has. */
  pendingBytes: number;
  uploadedBytes: number;
}

/** Upload progress of one case's stored pages (of those in `named` when given: the pages the case names). */
export async function casePagesProgress(db: WorkstationDb, caseId: string, named?: ReadonlySet<string>): Promise<CasePagesProgress> {
  const rows = (await db.pages.where('caseId').equals(caseId).toArray()).filter((r) => !named || named.has(r.sha256));
  const p: CasePagesProgress = { total: rows.length, confirmed: 0, needsFix: 0, pendingBytes: 0, uploadedBytes: 0 };
  for (const r of rows) {
    if (r.state === 'confirmed') p.confirmed += 1;
    else {
      if (r.state === 'needsFix') p.needsFix += 1;
      p.pendingBytes += r.bytes;
      p.uploadedBytes += Math.min(r.bytes, r.uploadedBytes ?? 0);
    }
  }
  return p;
}

export async function markPageConfirmed(db: WorkstationDb, caseId: string, sha256: string, now: number): Promise<void> {
  await db.pages.update([caseId, sha256], { state: 'confirmed', confirmedAt: now, uploadedBytes: 0, uploadUrl: undefined, error: undefined });
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RETENTION_DAYS = 30;

/**
 * Drops the bytes of pages the service confirmed more than `retentionDays` ago (the row stays:
 * the case still lists the page). Returns how many were dropped.
 */
export async function pruneConfirmedPages(db: WorkstationDb, now: number, retentionDays: number): Promise<number> {
  const before = now - Math.max(0, retentionDays) * DAY_MS;
  const old = await db.pages.where('confirmedAt').between(1, before, true, true).filter((r) => r.state === 'confirmed' && r.sealed !== null).primaryKeys();
  if (old.length === 0) return 0;
  await db.pages.where(':id').anyOf(old).modify({ sealed: null });
  return old.length;
}

/** How much of the disk the workstation's data uses (navigator.storage.estimate), when the engine says. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
    const e = await navigator.storage.estimate();
    return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
  } catch {
    return null;
  }
}
