/**
 * Test fixtures for training: the default catalog and the default scenario pack as parsed
 * data, and a deep copy helper to derive broken variants. Not exported from index.ts.
 */
import catalogJson from '../../../resources/catalog/default-catalog.json';
import packJson from '../../../resources/training/default-pack.json';
import { parseCatalogData } from '../catalog/import';
import type { Catalog } from '../catalog/schema';
import { type Scenario, type ScenarioPack, parseScenarioPackData } from './scenario';

let catalogCache: Catalog | undefined;

/** The shipped default catalog, parsed (cached: treat as read-only). */
export function defaultCatalog(): Catalog {
  if (catalogCache) return catalogCache;
  const r = parseCatalogData(catalogJson);
  if (!r.ok) throw new Error(`default catalog invalid: ${r.errors.map((e) => `${e.path}: ${e.message['en-US']}`).join('; ')}`);
  catalogCache = r.catalog;
  return r.catalog;
}

/** The raw pack data (a fresh deep copy each call, free to mutate). */
export function defaultPackData(): Record<string, unknown> & { scenarios: Record<string, unknown>[] } {
  return clone(packJson) as unknown as Record<string, unknown> & { scenarios: Record<string, unknown>[] };
}

/** The shipped default pack, parsed against the default catalog. */
export function defaultPack(): ScenarioPack {
  const r = parseScenarioPackData(defaultPackData(), defaultCatalog());
  if (!r.ok) throw new Error(`default pack invalid: ${r.errors.map((e) => `${e.path}: ${e.message['en-US']}`).join('; ')}`);
  return r.pack;
}

/** One scenario of the default pack (fresh copy). */
export function scenario(id: string): Scenario {
  const s = defaultPack().scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
