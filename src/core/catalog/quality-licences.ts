/**
 * Quality rules of the 电子证照目录 (the catalog's licence types) and the links to it: each a
 * small function over the catalog returning its issues, so the rules table can take them one
 * by one.
 *
 * - licenceTypes: codes unique; the issuing department one of the catalog's.
 * - A material's licence link names a known licence type, and the material accepts data
 *   sharing ('dataSharing' among its forms) — otherwise the window could never fetch it.
 * - A result's licenceTypeCode names a known licence type (a 办结 issues it into the registry).
 */
import type { Catalog } from './schema';
import { type CatalogIssue, makeIssue, quote } from './issues';

export const licenceQualityCodes = {
  duplicateLicenceType: 'duplicate.licenceTypeCode',
  licenceTypeUnknownDepartment: 'ref.licenceTypeDepartment',
  materialUnknownLicenceType: 'ref.materialLicenceType',
  licenceLinkNeedsDataSharing: 'material.licenceNeedsDataSharing',
  resultUnknownLicenceType: 'ref.resultLicenceType',
} as const;

const C = licenceQualityCodes;
const arr = <T>(a: readonly T[] | undefined | null): readonly T[] => (Array.isArray(a) ? a : []);

function knownTypeCodes(catalog: Catalog): Set<string> {
  return new Set(arr(catalog.licenceTypes).map((t) => t.code));
}

/** licenceTypes: unique codes, issuing departments that exist. */
export function checkLicenceTypes(catalog: Catalog): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  const departments = new Set(arr(catalog.departments).map((d) => d.code));
  const seen = new Map<string, number>();
  arr(catalog.licenceTypes).forEach((t, i) => {
    const prev = seen.get(t.code);
    if (prev !== undefined)
      out.push(
        makeIssue('error', C.duplicateLicenceType, ['licenceTypes', i, 'code'], `证照类型代码 ${quote(t.code)} 重复（与 licenceTypes[${prev}] 相同）`, `licence type code ${quote(t.code)} is duplicated (same as licenceTypes[${prev}])`),
      );
    else seen.set(t.code, i);
    if (!departments.has(t.issuingDepartmentCode))
      out.push(
        makeIssue(
          'warning',
          C.licenceTypeUnknownDepartment,
          ['licenceTypes', i, 'issuingDepartmentCode'],
          `证照 ${quote(t.name)} 的发证部门 ${quote(t.issuingDepartmentCode)} 不在本目录的部门中`,
          `licence type ${quote(t.name)}: issuing department ${quote(t.issuingDepartmentCode)} is not one of the catalog's departments`,
        ),
      );
  });
  return out;
}

/** A material's licence links: known type codes only. */
export function checkMaterialLicenceTypes(catalog: Catalog): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  const known = knownTypeCodes(catalog);
  arr(catalog.items).forEach((item, ii) =>
    arr(item.materials).forEach((m, mi) =>
      arr(m.licences).forEach((l, li) => {
        if (!known.has(l.typeCode))
          out.push(
            makeIssue(
              'error',
              C.materialUnknownLicenceType,
              ['items', ii, 'materials', mi, 'licences', li, 'typeCode'],
              `材料 ${quote(m.name)} 关联的证照类型 ${quote(l.typeCode)} 不在电子证照目录中`,
              `material ${quote(m.name)} links licence type ${quote(l.typeCode)}, which is not in the catalog's licence types`,
            ),
          );
      }),
    ),
  );
  return out;
}

/** A material with licence links must accept data sharing, else the link can never be used. */
export function checkLicenceLinksNeedDataSharing(catalog: Catalog): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  arr(catalog.items).forEach((item, ii) =>
    arr(item.materials).forEach((m, mi) => {
      if (arr(m.licences).length > 0 && !arr(m.forms).includes('dataSharing'))
        out.push(
          makeIssue(
            'error',
            C.licenceLinkNeedsDataSharing,
            ['items', ii, 'materials', mi, 'forms'],
            `材料 ${quote(m.name)} 关联了电子证照，但材料形式不含“系统调取（数据共享）”`,
            `material ${quote(m.name)} links a licence but its forms do not include 'dataSharing'`,
          ),
        );
    }),
  );
  return out;
}

/** A result that issues a licence names a known licence type. */
export function checkResultLicenceTypes(catalog: Catalog): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  const known = knownTypeCodes(catalog);
  arr(catalog.items).forEach((item, ii) =>
    arr(item.results).forEach((r, ri) => {
      if (r.licenceTypeCode !== undefined && !known.has(r.licenceTypeCode))
        out.push(
          makeIssue(
            'error',
            C.resultUnknownLicenceType,
            ['items', ii, 'results', ri, 'licenceTypeCode'],
            `审批结果 ${quote(r.name)} 的证照类型 ${quote(r.licenceTypeCode)} 不在电子证照目录中`,
            `result ${quote(r.name)} names licence type ${quote(r.licenceTypeCode)}, which is not in the catalog's licence types`,
          ),
        );
    }),
  );
  return out;
}

/** Every licence rule, in order. */
export const LICENCE_QUALITY_CHECKS: readonly ((catalog: Catalog) => CatalogIssue[])[] = [
  checkLicenceTypes,
  checkMaterialLicenceTypes,
  checkLicenceLinksNeedDataSharing,
  checkResultLicenceTypes,
];

export function checkLicenceQuality(catalog: Catalog): CatalogIssue[] {
  return LICENCE_QUALITY_CHECKS.flatMap((check) => check(catalog));
}
