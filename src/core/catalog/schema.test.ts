import { describe, expect, it } from 'vitest';
import { Catalog } from './schema';

describe('catalog schema', () => {
  it('rejects a catalog without items, naming the path', () => {
    const r = Catalog.safeParse({ schemaVersion: 1, version: '2026.11.1', effectiveDate: '2026-11-01', publisher: 'x', departments: [{ code: 'a', name: 'b' }], items: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['items']);
  });
});
