/** The catalog in use, with lookups and its search index, for every screen. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useLiveQuery } from '../store/live-query';
import type { Bundle, Catalog, Department, Item, Theme } from '@core/catalog/schema';
import { buildSearchIndex, searchEntriesFromCatalog, type SearchIndex } from '@core/search';
import { getDb, type CatalogVersionRecord } from '../store/db';
import { ACTIVE_CATALOG_KEY } from './catalog-store';

export interface CatalogView {
  record: CatalogVersionRecord;
  catalog: Catalog;
  departments: Map<string, Department>;
  themes: Map<string, Theme>;
  items: Map<string, Item>;
  bundles: Map<string, Bundle>;
  /** bundle ids by item basic code */
  bundlesOfItem: Map<string, Bundle[]>;
  searchIndex: SearchIndex;
}

const CatalogCtx = createContext<CatalogView | null>(null);

export function buildCatalogView(record: CatalogVersionRecord): CatalogView {
  const catalog = record.catalog;
  const bundlesOfItem = new Map<string, Bundle[]>();
  for (const b of catalog.bundles) {
    for (const ref of b.items) {
      const list = bundlesOfItem.get(ref.basicCode) ?? [];
      if (!list.includes(b)) list.push(b);
      bundlesOfItem.set(ref.basicCode, list);
    }
  }
  return {
    record,
    catalog,
    departments: new Map(catalog.departments.map((d) => [d.code, d])),
    themes: new Map(catalog.themes.map((t) => [t.id, t])),
    items: new Map(catalog.items.map((i) => [i.basicCode, i])),
    bundles: new Map(catalog.bundles.map((b) => [b.id, b])),
    bundlesOfItem,
    searchIndex: buildSearchIndex(searchEntriesFromCatalog(catalog)),
  };
}

export function CatalogProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const record = useLiveQuery(async () => {
    const db = getDb();
    const active = (await db.settings.get(ACTIVE_CATALOG_KEY))?.value as string | undefined;
    return active ? ((await db.catalogVersions.get(active)) ?? null) : null;
  }, []);
  const view = useMemo(() => (record ? buildCatalogView(record) : null), [record?.version, record?.contentHash]);
  if (!view) return <>{fallback}</>;
  return <CatalogCtx.Provider value={view}>{children}</CatalogCtx.Provider>;
}

export function useCatalog(): CatalogView {
  const v = useContext(CatalogCtx);
  if (!v) throw new Error('useCatalog outside CatalogProvider');
  return v;
}
