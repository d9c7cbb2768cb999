/** Catalog versions in IndexedDB: the bundled default, imports, and which one is in use. */
import { Catalog, type Catalog as CatalogT } from '@core/catalog/schema';
import { compareCatalogVersions } from '@core/catalog/version';
import { parseCatalogText, type CatalogIssue } from '@core/catalog/import';
import { sha256Hex } from '@core/kernel';
import bundledCatalogJson from '../../../../resources/catalog/default-catalog.json';
import { getDb, type CatalogVersionRecord, type CatalogSource } from '../store/db';

export const ACTIVE_CATALOG_KEY = 'activeCatalogVersion';

function recordFor(catalog: CatalogT, source: CatalogSource, now: Date): CatalogVersionRecord {
  return {
    version: catalog.version,
    effectiveDate: catalog.effectiveDate,
    importedAt: now.toISOString(),
    source,
    contentHash: sha256Hex(JSON.stringify(catalog)),
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
  const record = recordFor(bundled, { kind: 'bundled' }, now);
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
  const record = recordFor(parsed.catalog, { kind: 'file', name: fileName }, now);
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
