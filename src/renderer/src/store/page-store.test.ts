/**
 * Material pages at rest: sealed at every write (the plaintext bytes appear nowhere in the
 * row), opened back to the same bytes, bound to their case and address, counted per case, and
 * their bytes dropped only after the service confirmed them and the retention period passed.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { WorkstationDb } from './db';
import { declareSchema } from './schema';
import { casePagesProgress, DAY_MS, deletePage, isQuotaError, markPageConfirmed, openPageBytes, pruneConfirmedPages, putPage, readPage, StorageFullError } from './page-store';

const CASE = '6f1d2c7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const OTHER = '7a1d2c7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
let db: WorkstationDb;

async function sha(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
/** A JPEG-like page: a marker and a readable phrase that must not show in the stored row. */
function pageBytes(n: number): Uint8Array {
  const text = new TextEncoder().encode(`营业执照 page ${n} `.repeat(500));
  const out = new Uint8Array(text.length + 3);
  out.set([0xff, 0xd8, 0xff]);
  out.set(text, 3);
  return out;
}
async function blobText(b: Blob): Promise<string> {
  return new TextDecoder('latin1').decode(new Uint8Array(await b.arrayBuffer()));
}

beforeEach(async () => {
  db = new WorkstationDb(`pages-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('page store', () => {
  it('seals a page as a Blob and opens it back to the same bytes', async () => {
    const bytes = pageBytes(1);
    const h = await sha(bytes);
    await putPage(db, CASE, { sha256: h, mime: 'image/jpeg', bytes }, 1000);
    const row = (await db.pages.get([CASE, h]))!;
    expect(row.state).toBe('pending');
    expect(row.bytes).toBe(bytes.byteLength);
    expect(row.sealed).toBeInstanceOf(Blob);
    expect(await blobText(row.sealed!)).not.toContain('page 1');
    expect(await readPage(db, CASE, h)).toEqual(bytes);
  });

  it('a sealed page cannot be moved to another case or passed off as another page', async () => {
    const bytes = pageBytes(2);
    const h = await sha(bytes);
    await putPage(db, CASE, { sha256: h, mime: 'image/jpeg', bytes }, 1000);
    const row = (await db.pages.get([CASE, h]))!;
    await expect(openPageBytes(OTHER, h, row.sealed!)).rejects.toThrow();
    await expect(openPageBytes(CASE, 'f'.repeat(64), row.sealed!)).rejects.toThrow();
  });

  it('counts a case’s pages and keeps confirmed bytes until the retention period has passed', async () => {
    const pages = [pageBytes(3), pageBytes(4)];
    const hs = await Promise.all(pages.map(sha));
    for (let i = 0; i < 2; i++) await putPage(db, CASE, { sha256: hs[i]!, mime: 'image/jpeg', bytes: pages[i]! }, 1000);
    expect(await casePagesProgress(db, CASE)).toMatchObject({ total: 2, confirmed: 0 });
    const t0 = Date.UTC(2026, 11, 1);
    await markPageConfirmed(db, CASE, hs[0]!, t0);
    expect(await casePagesProgress(db, CASE)).toMatchObject({ total: 2, confirmed: 1, pendingBytes: pages[1]!.byteLength });
    expect(await pruneConfirmedPages(db, t0 + 29 * DAY_MS, 30)).toBe(0);
    expect(await readPage(db, CASE, hs[0]!)).toEqual(pages[0]);
    expect(await pruneConfirmedPages(db, t0 + 31 * DAY_MS, 30)).toBe(1);
    expect(await readPage(db, CASE, hs[0]!)).toBeNull();
    // the pending page is never dropped, however old
    expect(await readPage(db, CASE, hs[1]!)).toEqual(pages[1]);
    expect(await casePagesProgress(db, CASE)).toMatchObject({ total: 2, confirmed: 1 });
    // a confirmed page is not deleted by the clerk's delete (the department has it)
    await deletePage(db, CASE, hs[0]!);
    await deletePage(db, CASE, hs[1]!);
    expect(await casePagesProgress(db, CASE)).toMatchObject({ total: 1, confirmed: 1 });
  });

  it('knows a full disk through Dexie’s wrapping', () => {
    const quota = new Error('full');
    quota.name = 'QuotaExceededError';
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(wrapped)).toBe(true);
    expect(isQuotaError(new StorageFullError())).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });

  it('version 15 adds the pages table to a database version 14 left', async () => {
    const name = `pages-up-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    declareSchema(old, 14);
    await old.open();
    await old.table('settings').put({ key: 'x', value: 1 });
    old.close();
    const now = new WorkstationDb(name);
    await now.open();
    expect(now.verno).toBeGreaterThanOrEqual(15);
    expect(await now.pages.count()).toBe(0);
    expect((await now.settings.get('x'))?.value).toBe(1);
    await now.delete();
  });
});
