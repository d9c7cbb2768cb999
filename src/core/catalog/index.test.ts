import { describe, expect, it } from 'vitest';
import * as catalog from './index';

describe('public API of src/core/catalog', () => {
  it('re-exports schema, quality, import, diff and format', () => {
    for (const name of [
      'Catalog',
      'Item',
      'checkCatalogQuality',
      'qualityCodes',
      'parseCatalogText',
      'parseCatalogData',
      'MAX_CATALOG_BYTES',
      'diffCatalogs',
      'diffItem',
      'formatTimeLimit',
      'formatFee',
      'labels',
      'formatPath',
    ])
      expect(catalog, name).toHaveProperty(name);
  });
});
