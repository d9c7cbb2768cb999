import { describe, expect, it } from 'vitest';
import { Catalog } from './schema';

describe('catalog schema', () => {
  it('rejects a catalog without items, naming the path', () => {
    const r = Catalog.safeParse({ schemaVersion: 1, version: '2026.11.1', effectiveDate: '2026-11-01', publisher: 'x', departments: [{ code: 'a', name: 'b' }], items: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['items']);
  });
});

describe('catalog schema strictness', () => {
  it('rejects an unknown (e.g. misspelt) key with its path, instead of silently dropping it', async () => {
    const { parseCatalogText } = await import('./import');
    const { default: shipped } = await import('../../../resources/catalog/default-catalog.json');
    const catalog = structuredClone(shipped) as any;
    catalog.items[2].materials[0].sampel = '示例.pdf';
    const r = parseCatalogText(JSON.stringify(catalog));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('items[2].materials[0].sampel');
  });
});
