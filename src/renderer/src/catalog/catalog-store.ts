/** Catalog versions in IndexedDB: the bundled default, imports, and which one is in use. */
import { Catalog, type Catalog as CatalogT } from '@core/catalog/schema';
import { compareCatalogVersions } from '@core/catalog/version';
import { parseCatalogText, type CatalogIssue, type ParseCatalogResult } from '@core/catalog/import';
import { importNationalExport, isNationalExport, wouldLoseData, type NationalImportReport } from '@core/catalog/national';
import { chinaDateOf } from '@core/intake/time';
import { sha256Hex } from '@core/kernel';
import bundledCatalogJson from '../../../../resources/catalog/default-catalog.json';
import { getDb, type CatalogVersionRecord, type CatalogSource } from '../store/db';
import { useLiveQuery } from '../store/live-query';

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

export type ImportOutcome = (
  | { kind: 'imported'; version: string; itemCount: number; warnings: CatalogIssue[] }
  | { kind: 'unchanged'; version: string }
  | { kind: 'conflict'; version: string }
  | { kind: 'invalid'; errors: CatalogIssue[] }
  /** A national export that would lose content: not imported (nothing is dropped silently). */
  | { kind: 'lossy' }
) & {
  /** Set when the file was a national implementation-list export (国家标准格式): what the conversion took in and left out. */
  national?: NationalImportReport;
};

/**
 * A national export gets the next free version of the month (YYYY.M.N), effective today: the
 * exchange carries no catalog version of its own.
 */
async function nationalFrame(fileName: string, now: Date) {
  const today = chinaDateOf(now.toISOString());
  const [y, m] = today.split('-');
  const prefix = `${y}.${Number(m)}.`;
  const taken = (await getDb().catalogVersions.toCollection().primaryKeys()).map(String).filter((v) => v.startsWith(prefix));
  const n = taken.reduce((max, v) => Math.max(max, Number(v.slice(prefix.length)) || 0), 0) + 1;
  return { version: `${prefix}${n}`, effectiveDate: today, publisher: `${fileName}（国家标准格式实施清单导入）` };
}

/** A national export's text → its report and checked catalog; null when the text is not one. */
async function parseNational(text: string, fileName: string, now: Date): Promise<{ parsed: ParseCatalogResult; report: NationalImportReport } | null> {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return null; // the catalog parser reports the syntax error
  }
  if (!isNationalExport(data)) return null;
  const { report, result } = importNationalExport(data, await nationalFrame(fileName, now));
  return { parsed: result, report };
}

/**
 * Validates and stores a catalog file — a OneWindow catalog, or a national implementation-list
 * export (detected by its shape, converted, and refused when any of it would be lost); the
 * catalog in use changes only on success.
 */
export async function importCatalogText(text: string, fileName: string, now: Date = new Date()): Promise<ImportOutcome> {
  const national = await parseNational(text, fileName, now);
  const parsed = national ? national.parsed : parseCatalogText(text);
  const report = national ? { national: national.report } : {};
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors, ...report };
  if (national && wouldLoseData(national.report)) return { kind: 'lossy', ...report };
  const record = recordFor(parsed.catalog, { kind: 'file', name: fileName }, now);
  const db = getDb();
  return db.transaction('rw', db.catalogVersions, db.settings, async (): Promise<ImportOutcome> => {
    const existing = await db.catalogVersions.get(record.version);
    if (existing) {
      return existing.contentHash === record.contentHash
        ? { kind: 'unchanged', version: record.version, ...report }
        : { kind: 'conflict', version: record.version, ...report };
    }
    await db.catalogVersions.put(record);
    await db.settings.put({ key: ACTIVE_CATALOG_KEY, value: record.version });
    return { kind: 'imported', version: record.version, itemCount: record.itemCount, warnings: parsed.warnings, ...report };
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
