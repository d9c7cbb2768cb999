/** The catalog in use, with lookups and its search index, for every screen. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { implementationCodeOf, type Bundle, type Catalog, type Department, type Item, type Theme } from '@core/catalog/schema';
import { buildSearchIndex, searchEntriesFromCatalog, type SearchIndex } from '@core/search';
import type { CatalogVersionRecord } from '../store/db';
import { loadCatalogVersion, useActiveCatalogVersion } from './catalog-store';

export interface CatalogView {
  record: CatalogVersionRecord;
  catalog: Catalog;
  departments: Map<string, Department>;
  themes: Map<string, Theme>;
  /** By implementation code, and by basic code (its first implementation). */
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
    items: itemsByCode(catalog),
    bundles: new Map(catalog.bundles.map((b) => [b.id, b])),
    bundlesOfItem,
    searchIndex: buildSearchIndex(searchEntriesFromCatalog(catalog)),
  };
}

/**
 * Items by implementation code (实施编码), and by basic code for the first implementation of it:
 * links and cases written before implementation codes existed name the basic code.
 */
function itemsByCode(catalog: Catalog): Map<string, Item> {
  const map = new Map<string, Item>();
  for (const i of catalog.items) if (!map.has(implementationCodeOf(i))) map.set(implementationCodeOf(i), i);
  for (const i of catalog.items) if (!map.has(i.basicCode)) map.set(i.basicCode, i);
  return map;
}

/** Every implementation of a basic code (one per implementing department and level). */
export function implementationsOf(view: CatalogView, basicCode: string): Item[] {
  return view.catalog.items.filter((i) => i.basicCode === basicCode);
}

export function CatalogProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  // The live query watches only which version is in use (and that it is stored): a stored
  // version never changes (an import of the same version with other content is refused), so
  // the catalog itself — hundreds of KB to MBs — is read once per version, not again each
  // time this all-day query re-reads (store/live-query.ts).
  const active = useActiveCatalogVersion();
  const [view, setView] = useState<CatalogView | null>(null);
  useEffect(() => {
    if (!active) {
      if (active === null) setView(null);
      return;
    }
    let gone = false;
    void loadCatalogVersion(active).then((record) => {
      if (!gone) setView((v) => (v && record && v.record.version === record.version && v.record.contentHash === record.contentHash ? v : record ? buildCatalogView(record) : null));
    });
    return () => {
      gone = true;
    };
  }, [active]);
  // Another version keeps the one shown until it is loaded (no flash of the fallback, nothing unmounted).
  if (!view) return <>{fallback}</>;
  return <CatalogCtx.Provider value={view}>{children}</CatalogCtx.Provider>;
}

export function useCatalog(): CatalogView {
  const v = useContext(CatalogCtx);
  if (!v) throw new Error('useCatalog outside CatalogProvider');
  return v;
}
