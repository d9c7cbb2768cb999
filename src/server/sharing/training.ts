/**
 * The training registry: fictional people of 示例市 (valid ID numbers and credit codes by their
 * check characters, clearly sample data) with licences in every state, so trainees practise
 * fetching — found, expired, revoked, holder mismatch — without ever touching anyone's real data.
 * A training look-up (`training: true`, or a PX-numbered case) reads only these tables.
 *
 * Seeded when the service starts (idempotent: a fixed key, fixed rows). The licence types it uses
 * are added to the type list when a catalog has not defined them (docs/data-sharing.md).
 */
import { residentIdFor, usccFor } from '../../core/training/fictional';
import type { Db } from '../db';
import {
  type LicenceInput,
  type LicenceTypeInput,
  type OrganisationRecord,
  type PersonRecord,
  TRAINING_REGISTRY,
  upsertLicenceTypes,
  writeLicences,
  writeOrganisations,
  writePersons,
} from './registry';

export const TRAINING_LICENCE_TYPES: LicenceTypeInput[] = [
  { code: 'business-licence', name: '营业执照', nameEn: 'Business licence', issuingDepartmentCode: 'SCJGJ', holderIdType: 'uscc' },
  { code: 'food-business-licence', name: '食品经营许可证', nameEn: 'Food business licence', issuingDepartmentCode: 'SCJGJ', holderIdType: 'uscc' },
  { code: 'resident-id-card', name: '居民身份证', nameEn: 'Resident identity card', issuingDepartmentCode: 'GAJ', holderIdType: 'residentId' },
  { code: 'real-estate-certificate', name: '不动产权证书', nameEn: 'Real estate title certificate', issuingDepartmentCode: 'BDCDJZX', holderIdType: 'property' },
];

export const TRAINING_PERSONS: PersonRecord[] = [
  { id: residentIdFor('330106', '1988-04-12', 101), name: '示例张明', address: '示例市示例区示例路 12 号' },
  { id: residentIdFor('330106', '1992-09-30', 202), name: '示例李华', address: '示例市示例区学院路 8 号' },
  { id: residentIdFor('330106', '1979-01-05', 303), name: '示例王芳', address: '示例市示例区湖滨路 66 号' },
];

export const TRAINING_ORGANISATIONS: OrganisationRecord[] = [
  { uscc: usccFor('330106', 'MA2TRN001'), name: '示例市青禾餐饮管理有限公司', legalRepresentative: '示例张明', address: '示例市示例区创业路 18 号', registrationStatus: '存续' },
  { uscc: usccFor('330106', 'MA2TRN002'), name: '示例市远帆商贸有限公司', legalRepresentative: '示例李华', address: '示例市示例区创业路 26 号', registrationStatus: '吊销' },
];

const [zhang, li, wang] = TRAINING_PERSONS as [PersonRecord, PersonRecord, PersonRecord];
const [qinghe, yuanfan] = TRAINING_ORGANISATIONS as [OrganisationRecord, OrganisationRecord];

export const TRAINING_LICENCES: LicenceInput[] = [
  { typeCode: 'resident-id-card', number: 'PX-ID-0001', holderIdType: 'residentId', holderId: zhang.id, holderName: zhang.name, issuer: '示例市公安局示例分局', issuedOn: '2020-03-01', expiresOn: '2040-03-01', status: 'valid', fields: { address: zhang.address } },
  { typeCode: 'resident-id-card', number: 'PX-ID-0002', holderIdType: 'residentId', holderId: li.id, holderName: li.name, issuer: '示例市公安局示例分局', issuedOn: '2006-05-01', expiresOn: '2026-05-01', status: 'valid', fields: { address: li.address } },
  { typeCode: 'resident-id-card', number: 'PX-ID-0003', holderIdType: 'residentId', holderId: wang.id, holderName: wang.name, issuer: '示例市公安局示例分局', issuedOn: '2019-07-15', expiresOn: null, status: 'valid', fields: { address: wang.address } },
  { typeCode: 'business-licence', number: 'PX-BL-0001', holderIdType: 'uscc', holderId: qinghe.uscc, holderName: qinghe.name, issuer: '示例市市场监督管理局', issuedOn: '2021-06-01', expiresOn: null, status: 'valid', fields: { legalRepresentative: qinghe.legalRepresentative, address: qinghe.address } },
  { typeCode: 'business-licence', number: 'PX-BL-0002', holderIdType: 'uscc', holderId: yuanfan.uscc, holderName: yuanfan.name, issuer: '示例市市场监督管理局', issuedOn: '2018-02-10', expiresOn: null, status: 'revoked', fields: { legalRepresentative: yuanfan.legalRepresentative, address: yuanfan.address } },
  { typeCode: 'food-business-licence', number: 'PX-JY-0001', holderIdType: 'uscc', holderId: qinghe.uscc, holderName: qinghe.name, issuer: '示例市市场监督管理局', issuedOn: '2021-07-01', expiresOn: '2026-06-30', status: 'valid', fields: { businessForm: '餐饮服务经营者' } },
  { typeCode: 'real-estate-certificate', number: 'PX-BDC-0001', holderIdType: 'property', holderId: '330106001001GB00001F00010001', holderName: zhang.name, issuer: '示例市自然资源和规划局', issuedOn: '2015-11-20', expiresOn: null, status: 'valid', fields: { location: '示例市示例区示例路 12 号 1 幢 101 室', area: '89.5 平方米' } },
];

/** Seeds the training registry (only where it is empty: a trainer's own training data is kept). */
export async function seedTrainingRegistry(db: Db, now: Date): Promise<void> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM training_licences');
  await upsertLicenceTypes(db, TRAINING_LICENCE_TYPES, now, 'training');
  if (Number(row?.n ?? 0) > 0) return;
  await db.transaction(async (tx) => {
    await writeLicences(tx, TRAINING_REGISTRY, TRAINING_LICENCES, 'seed', now);
    await writePersons(tx, TRAINING_REGISTRY, TRAINING_PERSONS, now);
    await writeOrganisations(tx, TRAINING_REGISTRY, TRAINING_ORGANISATIONS, now);
  });
}
