import { describe, expect, it } from 'vitest';
import { makeLicenceCatalog, FOOD_CODE, HYGIENE_CODE } from '../../../test/fixtures/catalog';
import { makeClerk } from '../../../test/fixtures/intake';
import type { MaterialState } from '../intake/case';
import { fetchableMaterialKeys, sharingFigures, type SharingCase } from './sharing';

const catalog = makeLicenceCatalog();
const fetchable = fetchableMaterialKeys(catalog);
const licence = {
  typeCode: 'business-licence', typeName: '营业执照', number: 'N1', issuer: '市场监督管理局', holderName: 'A', holderIdType: 'uscc' as const, holderId: 'X',
  issuedOn: '2026-01-01', expiresOn: null, statusAtFetch: 'valid' as const, hash: 'b'.repeat(64), lookupId: 'l', fetchedAt: '2026-12-07T10:00:00+08:00', fetchedBy: 'c', source: 'centre' as const,
};

function kase(states: Record<string, MaterialState>, opts: { centre?: string; bundle?: boolean; status?: SharingCase['status']; training?: boolean } = {}): SharingCase {
  return {
    subject: opts.bundle ? { kind: 'bundle', bundleId: 'open-hotel', basicCodes: [HYGIENE_CODE, FOOD_CODE] } : { kind: 'item', basicCode: FOOD_CODE, handlingItemCodes: [] },
    materialStates: states,
    clerk: makeClerk(opts.centre ? { centreCode: opts.centre } : {}),
    status: opts.status ?? 'accepted',
    ...(opts.training ? { training: true } : {}),
  };
}

describe('减材料 figures', () => {
  it('knows which material keys can be fetched and which items have them', () => {
    expect(fetchable.items.get('shared/business-licence')).toEqual([FOOD_CODE, HYGIENE_CODE]);
    expect(fetchable.items.has(`${FOOD_CODE}/application`)).toBe(false);
  });

  it('counts fetched at the window, by the department, and paper per item and centre; applicants spared', () => {
    const idKey = [...fetchable.items.keys()].find((k) => k !== 'shared/business-licence' && fetchable.items.get(k)!.includes(FOOD_CODE))!;
    const cases = [
      kase({ 'shared/business-licence': { status: 'fetched', reference: 'N1', licence }, [idKey]: { status: 'receivedCopy' } }),
      kase({ 'shared/business-licence': { status: 'receivedOriginal' } }, { centre: '330102' }),
      kase({ 'shared/business-licence': { status: 'fetched', reference: 'byDepartment' } }, { bundle: true }),
      kase({ 'shared/business-licence': { status: 'fetched', licence } }, { status: 'draft' }),
      kase({ 'shared/business-licence': { status: 'fetched', licence } }, { training: true }),
      kase({ [`${FOOD_CODE}/application`]: { status: 'receivedOriginal' } }),
    ];
    const f = sharingFigures(cases, fetchable);
    expect(f.total).toMatchObject({ cases: 3, fetchedAtWindow: 1, fetchedByDepartment: 1, paper: 2, applicantsSpared: 2, documentsSpared: 2, fetchRate: 0.5 });
    const food = f.byItem.find((r) => r.key === FOOD_CODE)!;
    expect(food).toMatchObject({ cases: 3, fetchedAtWindow: 1, fetchedByDepartment: 1, paper: 2, applicantsSpared: 2 });
    const hygiene = f.byItem.find((r) => r.key === HYGIENE_CODE)!;
    expect(hygiene).toMatchObject({ cases: 1, fetchedByDepartment: 1, paper: 0, applicantsSpared: 1, fetchRate: 1 });
    const centres = Object.fromEntries(f.byCentre.map((r) => [r.key, r]));
    expect(centres['330102']).toMatchObject({ cases: 1, paper: 1, applicantsSpared: 0, fetchRate: 0 });
    expect(centres[makeClerk().centreCode]).toMatchObject({ cases: 2, fetchedAtWindow: 1, fetchedByDepartment: 1, paper: 1, applicantsSpared: 2 });
  });

  it('nothing to count: rates are null', () => {
    expect(sharingFigures([], fetchable).total).toMatchObject({ cases: 0, fetchRate: null, applicantsSpared: 0 });
  });
});
