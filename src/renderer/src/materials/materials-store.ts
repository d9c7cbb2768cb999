/**
 * Material pages on the workstation (材料电子化), above the page store: the centre's settings
 * (limits, the scan policy, the retention period — a supervisor's), the camera this workstation
 * uses, and a compressed page stored and turned into the case's PageRef.
 */
import type { IntakeCase } from '@core/intake/case';
import { DEFAULT_PAGE_LIMITS, type PageLimits, type PageRef, type PageSource } from '@core/materials/page';
import { DEFAULT_SCAN_POLICY, normalizeLimits, SCAN_POLICIES, type ScanPolicy } from '@core/materials/policy';
import { getDb, getSetting, putSetting } from '../store/db';
import { casePagesProgress, DEFAULT_RETENTION_DAYS, deletePage, putPage, readPage, storageEstimate, type CasePagesProgress, type PageRecord } from '../store/page-store';
import { useLiveQuery } from '../store/live-query';
import { requirePermission } from '../session/session-store';
import type { Compressed } from './compress';

export const LIMITS_KEY = 'materials.limits';
export const SCAN_POLICY_KEY = 'materials.scanPolicy';
export const RETENTION_KEY = 'materials.retentionDays';
export const CAMERA_KEY = 'materials.camera';

export interface MaterialsSettings {
  limits: PageLimits;
  scanPolicy: ScanPolicy;
  retentionDays: number;
}

export async function loadMaterialsSettings(): Promise<MaterialsSettings> {
  const policy = await getSetting<string>(SCAN_POLICY_KEY);
  const days = await getSetting<number>(RETENTION_KEY);
  return {
    limits: normalizeLimits(await getSetting<Partial<PageLimits>>(LIMITS_KEY)),
    scanPolicy: (SCAN_POLICIES as readonly string[]).includes(policy ?? '') ? (policy as ScanPolicy) : DEFAULT_SCAN_POLICY,
    retentionDays: typeof days === 'number' && Number.isFinite(days) && days >= 1 ? Math.min(3650, Math.round(days)) : DEFAULT_RETENTION_DAYS,
  };
}

/** A supervisor's change (checked below the UI, like the other centre policies). */
export async function saveMaterialsSettings(s: MaterialsSettings): Promise<void> {
  await requirePermission('settings');
  await putSetting(LIMITS_KEY, normalizeLimits(s.limits));
  await putSetting(SCAN_POLICY_KEY, s.scanPolicy);
  await putSetting(RETENTION_KEY, Math.max(1, Math.min(3650, Math.round(s.retentionDays))));
}

export { DEFAULT_PAGE_LIMITS };

/** The document camera this workstation last used (by device id; the label to find it again if the id changed). */
export async function loadCameraChoice(): Promise<{ deviceId: string; label: string } | null> {
  return (await getSetting<{ deviceId: string; label: string }>(CAMERA_KEY)) ?? null;
}

export async function saveCameraChoice(c: { deviceId: string; label: string }): Promise<void> {
  await putSetting(CAMERA_KEY, c);
}

/** Stores a compressed page (sealed) for the case and gives the reference the case keeps. Throws StorageFullError on a full disk. */
export async function storePage(caseId: string, page: Compressed, meta: { source: PageSource; sourcePage?: number; by: string; at: string }): Promise<PageRef> {
  const bytes = new Uint8Array(page.bytes);
  await putPage(getDb(), caseId, { sha256: page.sha256, mime: page.mime, bytes }, Date.now());
  return {
    sha256: page.sha256,
    originalSha256: page.originalSha256,
    mime: page.mime,
    bytes: bytes.byteLength,
    width: page.width,
    height: page.height,
    source: meta.source,
    ...(meta.sourcePage ? { sourcePage: meta.sourcePage } : {}),
    capturedAt: meta.at,
    by: meta.by,
  };
}

export function readPageBytes(caseId: string, sha256: string): Promise<Uint8Array | null> {
  return readPage(getDb(), caseId, sha256);
}

/** The page's stored bytes are no longer referenced by the case (deleted, retaken, turned): dropped if they never left. */
export async function forgetPage(c: Pick<IntakeCase, 'id' | 'materialPages'>, sha256: string): Promise<void> {
  const still = Object.values(c.materialPages ?? {}).some((ps) => ps.some((p) => p.sha256 === sha256));
  if (!still) await deletePage(getDb(), c.id, sha256);
}

/** The case with this line's pages replaced (an edit of the draft). */
export function withLinePages(c: IntakeCase, key: string, pages: PageRef[], at: string): IntakeCase {
  const next = { ...(c.materialPages ?? {}) };
  if (pages.length > 0) next[key] = pages;
  else delete next[key];
  return { ...c, materialPages: next, updatedAt: at };
}

/** The case's pages the service confirmed, of those the case names (the case view's 材料上传中 n/m), live. */
export function useCasePagesProgress(caseId: string): CasePagesProgress | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const c = (await db.cases.get(caseId))?.case;
    const named = new Set(Object.values(c?.materialPages ?? {}).flat().map((x) => x.sha256));
    return casePagesProgress(db, caseId, named);
  }, [caseId]);
}

/** The Sync page's pages summary: pages and bytes still to send, in total and for the first `casesShown` cases, and the disk in use. */
export function usePagesSyncSummary(casesShown: number) {
  return useLiveQuery(async () => {
    const db = getDb();
    // only the small fields: the sealed Blobs stay on disk
    const rows: Pick<PageRecord, 'caseId' | 'state' | 'bytes' | 'uploadedBytes'>[] = [];
    await db.pages.each((r) => rows.push({ caseId: r.caseId, state: r.state, bytes: r.bytes, uploadedBytes: r.uploadedBytes ?? 0 }));
    const byCase = new Map<string, { total: number; done: number; pendingBytes: number }>();
    let done = 0;
    let pendingBytes = 0;
    for (const r of rows) {
      const c = byCase.get(r.caseId) ?? { total: 0, done: 0, pendingBytes: 0 };
      c.total += 1;
      if (r.state === 'confirmed') {
        c.done += 1;
        done += 1;
      } else {
        c.pendingBytes += r.bytes - Math.min(r.bytes, r.uploadedBytes ?? 0);
        pendingBytes += r.bytes - Math.min(r.bytes, r.uploadedBytes ?? 0);
      }
      byCase.set(r.caseId, c);
    }
    const open = [...byCase.entries()].filter(([, c]) => c.done < c.total).slice(0, casesShown);
    const records = await db.cases.bulkGet(open.map(([id]) => id));
    return {
      total: rows.length,
      done,
      pendingBytes,
      cases: open.map(([id, c], i) => ({ id, caseNumber: records[i]?.caseNumber || id.slice(0, 8), ...c })),
      storage: await storageEstimate(),
    };
  }, [casesShown]);
}
