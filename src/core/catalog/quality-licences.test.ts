import { describe, expect, it } from 'vitest';
import { makeCatalog, makeLicenceCatalog } from '../../../test/fixtures/catalog';
import { checkCatalogQuality } from './quality';
import { checkLicenceLinksNeedDataSharing, checkLicenceQuality, checkLicenceTypes, checkMaterialLicenceTypes, checkResultLicenceTypes, licenceQualityCodes as C } from './quality-licences';
import { diffCatalogs } from './diff';
import { Catalog } from './schema';
import shipped from '../../../resources/catalog/default-catalog.json';

describe('licence quality rules', () => {
  it('a catalog with a consistent 电子证照目录 has no licence issue (and none without one)', () => {
    expect(checkLicenceQuality(makeLicenceCatalog())).toEqual([]);
    expect(checkLicenceQuality(makeCatalog())).toEqual([]);
    expect(checkCatalogQuality(makeLicenceCatalog())).toEqual([]);
  });

  it('flags an unknown licence type on a material, with its path', () => {
    const c = makeLicenceCatalog();
    c.items[0]!.materials[1]!.licences = [{ typeCode: 'no-such-type', holder: 'organisation' }];
    const issues = checkMaterialLicenceTypes(c);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: C.materialUnknownLicenceType, severity: 'error', path: 'items[0].materials[1].licences[0].typeCode' });
    expect(issues[0]!.message['zh-CN']).toContain('no-such-type');
    // and the whole quality check reports it
    expect(checkCatalogQuality(c).map((i) => i.code)).toContain(C.materialUnknownLicenceType);
  });

  it('flags a licence link on a material whose forms lack dataSharing', () => {
    const c = makeLicenceCatalog();
    c.items[0]!.materials[0]!.licences = [{ typeCode: 'business-licence', holder: 'organisation' }]; // the application form: paper only
    const issues = checkLicenceLinksNeedDataSharing(c);
    expect(issues).toEqual([expect.objectContaining({ code: C.licenceLinkNeedsDataSharing, path: 'items[0].materials[0].forms' })]);
  });

  it('flags a result licence type that is unknown', () => {
    const c = makeLicenceCatalog();
    c.items[0]!.results[0]!.licenceTypeCode = 'food-licence';
    expect(checkResultLicenceTypes(c)).toEqual([expect.objectContaining({ code: C.resultUnknownLicenceType, path: 'items[0].results[0].licenceTypeCode' })]);
  });

  it('flags duplicate licence type codes and unknown issuing departments', () => {
    const c = makeLicenceCatalog();
    c.licenceTypes!.push({ ...c.licenceTypes![0]!, issuingDepartmentCode: 'NOPE' });
    const codes = checkLicenceTypes(c).map((i) => [i.code, i.severity, i.path]);
    expect(codes).toEqual([
      [C.duplicateLicenceType, 'error', 'licenceTypes[2].code'],
      [C.licenceTypeUnknownDepartment, 'warning', 'licenceTypes[2].issuingDepartmentCode'],
    ]);
  });

  it('the shipped sample catalog passes them: its materials name licences, 设立登记 issues the 营业执照', () => {
    const c = Catalog.parse(shipped);
    expect(checkLicenceQuality(c)).toEqual([]);
    expect(c.licenceTypes!.map((t) => t.code)).toEqual(expect.arrayContaining(['business-licence', 'resident-id-card', 'household-register', 'real-estate-certificate', 'food-business-licence', 'marriage-certificate']));
    const founding = c.items.find((i) => i.basicCode === '330001002000')!;
    expect(founding.results[0]!.licenceTypeCode).toBe('business-licence');
    const food = c.items.find((i) => i.basicCode === '330001005000')!;
    expect(food.materials.find((m) => m.id === 'business-licence')!.licences).toEqual([{ typeCode: 'business-licence', holder: 'organisation' }]);
  });
});

describe('catalog diff of licences', () => {
  it('reports licence types added and changed, a material’s licence links and a result’s licence type', () => {
    const from = makeCatalog();
    const to = makeLicenceCatalog();
    const d = diffCatalogs(from, to);
    expect(d.changed).toBe(true);
    expect(d.licenceTypes.added.map((e) => e.key)).toEqual(['business-licence', 'resident-id-card']);
    const food = d.items.changed.find((i) => i.basicCode === from.items[0]!.basicCode)!;
    const licenceChange = food.materials.changed.find((m) => m.key === 'licence')!.changes.find((c) => c.field === 'licences')!;
    expect(licenceChange.before).toBeNull();
    expect(licenceChange.after!['zh-CN']).toBe('营业执照（business-licence）（申请单位）');
    expect(food.fields.find((f) => f.field === 'results')!.after!['zh-CN']).toContain('入库证照：business-licence');

    const renamed = makeLicenceCatalog();
    renamed.licenceTypes![0]!.name = '营业执照（电子）';
    const d2 = diffCatalogs(to, renamed);
    expect(d2.changed).toBe(true);
    expect(d2.licenceTypes.changed).toEqual([expect.objectContaining({ key: 'business-licence', changes: [expect.objectContaining({ field: 'name' })] })]);
    expect(diffCatalogs(to, makeLicenceCatalog()).changed).toBe(false);
  });
});
