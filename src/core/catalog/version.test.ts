import { describe, expect, it } from 'vitest';
import { compareCatalogVersions } from './version';

describe('compareCatalogVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareCatalogVersions('2026.10.1', '2026.9.3')).toBe(1);
    expect(compareCatalogVersions('2026.9.3', '2026.10.1')).toBe(-1);
    expect(compareCatalogVersions('2026.11.1', '2026.11.1')).toBe(0);
    expect(compareCatalogVersions('2025.12.20', '2026.1.1')).toBe(-1);
  });
});
