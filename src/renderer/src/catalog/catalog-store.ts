/** Catalog versions in IndexedDB: the bundled default, imports, and which one is in use. */
import { Catalog, type Catalog as CatalogT } from '@core/catalog/schema';
import { compareCatalogVersions } from '@core/catalog/version';
import { parseCatalogText, type CatalogIssue } from '@core/catalog/import';
import bundledCatalogJson from '../../../../resources/catalog/default-catalog.json';
import { getDb, type CatalogVersionRecord, type CatalogSource } from '../store/db';
import { useLiveQuery } from '../store/live-query';

export const ACTIVE_CATALOG_KEY = 'activeCatalogVersion';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function recordFor(catalog: CatalogT, source: CatalogSource, now: Date): Promise<CatalogVersionRecord> {
  return {
    version: catalog.version,
    effectiveDate: catalog.effectiveDate,
    importedAt: now.toISOString(),
    source,
    contentHash: await sha256Hex(JSON.stringify(catalog)),
    itemCount: catalog.items.length,
    catalog,
  };
}

/**
 * First start (or an app update shipping a newer default): store the bundled
 * catalog and use it unless a newer version is already in use.
 */
export async function ensureBundledCatalog(now: Date = new Date()): Promise<void> {
  const db = getDb();
  const bundled = Catalog.parse(bundledCatalogJson);
  const record = await recordFor(bundled, { kind: 'bundled' }, now);
  await db.transaction('rw', db.catalogVersions, db.settings, async () => {
    const existing = await db.catalogVersions.get(bundled.version);
    if (!existing) await db.catalogVersions.put(record);
    const active = (await db.settings.get(ACTIVE_CATALOG_KEY))?.value as string | undefined;
    if (!active || !(await db.catalogVersions.get(active)) || compareCatalogVersions(active, bundled.version) < 0) {
      await db.settings.put({ key: ACTIVE_CATALOG_KEY, value: bundled.version });
    }
  });
}

export type ImportOutcome =
  | { kind: 'imported'; version: string; itemCount: number; warnings: CatalogIssue[] }
  | { kind: 'unchanged'; version: string }
  | { kind: 'conflict'; version: string }
  | { kind: 'invalid'; errors: CatalogIssue[] };

/** Validates and stores a catalog file; the catalog in use changes only on success. */
export async function importCatalogText(text: string, fileName: string, now: Date = new Date()): Promise<ImportOutcome> {
  const parsed = parseCatalogText(text);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const record = await recordFor(parsed.catalog, { kind: 'file', name: fileName }, now);
  const db = getDb();
  return db.transaction('rw', db.catalogVersions, db.settings, async (): Promise<ImportOutcome> => {
    const existing = await db.catalogVersions.get(record.version);
    if (existing) {
      return existing.contentHash === record.contentHash
        ? { kind: 'unchanged', version: record.version }
        : { kind: 'conflict', version: record.version };
    }
    await db.catalogVersions.put(record);
    await db.settings.put({ key: ACTIVE_CATALOG_KEY, value: record.version });
    return { kind: 'imported', version: record.version, itemCount: record.itemCount, warnings: parsed.warnings };
  });
}

export async function activateCatalogVersion(version: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.catalogVersions, db.settings, async () => {
    if (!(await db.catalogVersions.get(version))) throw new Error('unknown-version');
    await db.settings.put({ key: ACTIVE_CATALOG_KEY, value: version });
  });
}

// ---- reading (what the screens show; components read the catalog only through these) -------

/** One stored catalog version (undefined when this workstation does not have it). */
export function loadCatalogVersion(version: string): Promise<CatalogVersionRecord | undefined> {
  return getDb().catalogVersions.get(version);
}

/** The version the setting names as in use (null when none is set; it may not be stored). */
export async function activeCatalogVersionSetting(): Promise<string | null> {
  return ((await getDb().settings.get(ACTIVE_CATALOG_KEY))?.value as string | undefined) ?? null;
}

/** Every stored version, the latest import first (the catalog page's list). */
export function catalogVersionsByImport(): Promise<CatalogVersionRecord[]> {
  return getDb().catalogVersions.orderBy('importedAt').reverse().toArray();
}

/** Every stored version, the highest version number first. */
export async function catalogVersionsNewestFirst(): Promise<CatalogVersionRecord[]> {
  return (await getDb().catalogVersions.toArray()).sort((a, b) => compareCatalogVersions(b.version, a.version));
}

/**
 * The version in use, live; null when none is set or it is not stored. Reads only the setting
 * and a count, never the catalog itself (see CatalogProvider).
 */
export function useActiveCatalogVersion(): string | null | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const version = (await db.settings.get(ACTIVE_CATALOG_KEY))?.value as string | undefined;
    return version && (await db.catalogVersions.where(':id').equals(version).count()) > 0 ? version : null;
  }, []);
}
