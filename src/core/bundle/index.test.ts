import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/schema';
import { resolveBundle } from './index';

const material = (id: string, shared?: string) => ({
  id, sharedMaterialId: shared, name: id, type: 'original' as const, forms: ['paper' as const], copies: 1,
  necessity: 'required' as const, source: 'applicant' as const, acceptanceStandard: 'ok', appliesWhen: [], handlingItems: [],
});
const item = (code: string, dept: string, materials: ReturnType<typeof material>[], co: string[] = []) => ({
  basicCode: code, name: code, aliases: [], type: 'publicService' as const, departmentCode: dept, coHandlingDepartmentCodes: co,
  themeIds: [], handlingItems: [{ code: `${code}-1`, name: 'x' }], acceptanceConditions: ['c'], legalBasis: ['b'],
  statutoryLimit: { kind: 'immediate' as const }, promisedLimit: { kind: 'immediate' as const }, caseType: 'immediate' as const,
  fee: { charged: false as const }, onSiteVisits: { count: 0 }, results: [], online: false, situations: [], materials, fields: [],
});

describe('resolveBundle', () => {
  const catalog = {
    items: [
      item('A', 'd1', [material('id', 'applicant-id'), material('a-form')]),
      item('B', 'd2', [material('idcard', 'applicant-id'), material('b-form')], ['d3']),
      item('C', 'd1', [material('c-form', 'only-once')]),
    ],
  } as unknown as Catalog;
  const bundle = { id: 'b', name: 'b', aliases: [], description: 'd', themeIds: [], items: [{ basicCode: 'A', optional: false }, { basicCode: 'B', optional: true }, { basicCode: 'C', optional: false }] };

  it('lists the departments of every item once, co-handling included', () => {
    expect(resolveBundle(catalog, bundle).departmentCodes).toEqual(['d1', 'd2', 'd3']);
  });
  it('finds materials shared by two or more items, and only those', () => {
    const shared = resolveBundle(catalog, bundle).sharedMaterials;
    expect(shared.map((s) => s.sharedMaterialId)).toEqual(['applicant-id']);
    expect(shared[0]?.itemCodes).toEqual(['A', 'B']);
  });
  it('keeps the optional flag of each item', () => {
    expect(resolveBundle(catalog, bundle).items.map((i) => i.optional)).toEqual([false, true, false]);
  });
});
