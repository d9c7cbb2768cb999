import { describe, expect, it } from 'vitest';
import { makeCatalog, makeLicenceCatalog, FOOD_CODE } from '../../../test/fixtures/catalog';
import { IDS, USCCS } from '../../../test/fixtures/intake';
import { deriveChecklist } from '../intake/checklist';
import type { IntakeCase } from '../intake/case';
import {
  BY_DEPARTMENT_REFERENCE,
  fetchedState,
  fetchedStateAllowed,
  holderProblemText,
  judgeLookup,
  licenceHolder,
  licencesForLine,
  LookupAnswer,
  mayLeaveToDepartment,
  pendingFetches,
  refusalText,
  type LineLicence,
  type LicenceHolder,
} from './lookup';
import { BasicRecordAnswer, prefillFrom, recordOf, registrationNeedsAttention } from './basicRecords';

const HASH = 'a'.repeat(64);
const org: LicenceHolder = { holderIdType: 'uscc', holderId: USCCS.hotelCompany, holderName: '杭州西溪望湖酒店管理有限公司' };
const asked = { typeCode: 'business-licence', holder: org, on: '2026-12-07' };
const ctx = { clerkId: 'c-001', fetchedAt: '2026-12-07T10:00:00+08:00' };

function answer(over: Partial<LookupAnswer> = {}, licence: Record<string, unknown> = {}): LookupAnswer {
  return LookupAnswer.parse({
    lookupId: 'lk-1',
    outcome: 'found',
    source: 'centre',
    answeredAt: '2026-12-07T02:00:00Z',
    licence: {
      typeCode: 'business-licence',
      typeName: '营业执照',
      number: 'YZ-2026-0001',
      issuer: '示例市市场监督管理局',
      holderName: '杭州西溪望湖酒店管理有限公司',
      holderIdType: 'uscc',
      holderId: USCCS.hotelCompany,
      issuedOn: '2026-12-01',
      expiresOn: null,
      status: 'valid',
      fields: { 法定代表人: '王芳' },
      hasDocument: true,
      hash: HASH,
      ...licence,
    },
    ...over,
  });
}

describe('judgeLookup: what an answer of the registry means for the line', () => {
  it('attaches a valid licence of the holder, keeping number, issuer, hash, look-up and clerk', () => {
    const r = judgeLookup(answer(), asked, ctx);
    expect(r.kind).toBe('attach');
    if (r.kind !== 'attach') return;
    expect(r.licence).toMatchObject({ number: 'YZ-2026-0001', issuer: '示例市市场监督管理局', statusAtFetch: 'valid', hash: HASH, lookupId: 'lk-1', fetchedBy: 'c-001', expiresOn: null, source: 'centre', fetchedAt: '2026-12-07T02:00:00Z' });
    expect(fetchedState(r.licence)).toMatchObject({ status: 'fetched', reference: 'YZ-2026-0001' });
  });

  it.each(['notFound', 'holderMismatch', 'expired', 'revoked', 'cancelled', 'unavailable'] as const)('takes the service’s refusal %s', (outcome) => {
    const r = judgeLookup(answer({ outcome, licence: null }), asked, ctx);
    expect(r).toMatchObject({ kind: 'refused', reason: outcome, lookupId: 'lk-1' });
  });

  it('refuses a "found" licence that is revoked, cancelled or expired on the intake date', () => {
    expect(judgeLookup(answer({}, { status: 'revoked' }), asked, ctx)).toMatchObject({ kind: 'refused', reason: 'revoked' });
    expect(judgeLookup(answer({}, { status: 'cancelled' }), asked, ctx)).toMatchObject({ kind: 'refused', reason: 'cancelled' });
    expect(judgeLookup(answer({}, { expiresOn: '2026-12-06' }), asked, ctx)).toMatchObject({ kind: 'refused', reason: 'expired' });
    // valid through the intake day itself
    expect(judgeLookup(answer({}, { expiresOn: '2026-12-07' }), asked, ctx).kind).toBe('attach');
  });

  it('refuses another holder’s licence (number or name), and another type', () => {
    expect(judgeLookup(answer({}, { holderId: USCCS.standardExample }), asked, ctx)).toMatchObject({ reason: 'holderMismatch' });
    expect(judgeLookup(answer({}, { holderName: '另一家公司' }), asked, ctx)).toMatchObject({ reason: 'holderMismatch' });
    expect(judgeLookup(answer({}, { typeCode: 'food-licence' }), asked, ctx)).toMatchObject({ reason: 'typeMismatch' });
    // full-width brackets and spaces are the same name
    const bracketed = { ...asked, holder: { ...org, holderName: '示例（杭州）有限公司' } };
    expect(judgeLookup(answer({}, { holderName: '示例(杭州) 有限公司' }), bracketed, ctx).kind).toBe('attach');
  });

  it('a "found" without a licence is no answer', () => {
    expect(judgeLookup(answer({ licence: null }), asked, ctx)).toMatchObject({ kind: 'refused', reason: 'failed' });
    expect(mayLeaveToDepartment('failed')).toBe(true);
    expect(mayLeaveToDepartment('revoked')).toBe(false);
  });

  it('every reason reads in Chinese and English', () => {
    for (const r of ['notFound', 'holderMismatch', 'expired', 'revoked', 'cancelled', 'unavailable', 'typeMismatch', 'offline', 'failed'] as const) {
      expect(refusalText(r, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(refusalText(r, 'en-US')).toMatch(/[a-z]/);
    }
    expect(refusalText('revoked', 'zh-CN')).toContain('吊销');
  });
});

describe('licencesForLine and licenceHolder', () => {
  const catalog = makeLicenceCatalog();
  const checklist = deriveChecklist(catalog, { kind: 'item', basicCode: FOOD_CODE, handlingItemCodes: [`${FOOD_CODE}-01`] }, { [`shared/applicant-is-agent`]: 'self' }, { hasAgent: false });
  const licenceLine = checklist.materials.find((l) => l.key === 'shared/business-licence')!;

  it('names the licence types a line can be fetched as, with the catalog’s type', () => {
    expect(licenceLine).toBeDefined();
    const links = licencesForLine(licenceLine, catalog);
    expect(links).toEqual([{ typeCode: 'business-licence', holder: 'organisation', type: catalog.licenceTypes![0] }]);
    // a catalog without links: none
    expect(licencesForLine(licenceLine, makeCatalog())).toEqual([]);
    // a line that does not accept data sharing: none, whatever the links
    expect(licencesForLine({ ...licenceLine, canFetch: false }, catalog)).toEqual([]);
  });

  const link: LineLicence = { typeCode: 'business-licence', holder: 'organisation', type: makeLicenceCatalog().licenceTypes![0]! };
  const idLink: LineLicence = { typeCode: 'resident-id-card', holder: 'applicant', type: makeLicenceCatalog().licenceTypes![1]! };

  it('takes the organisation’s USCC and name from the form, normalised, only when valid', () => {
    const c = { applicant: { kind: 'organisation' as const, name: ' 杭州西溪望湖酒店管理有限公司 ', uscc: USCCS.hotelCompany.toLowerCase() } };
    expect(licenceHolder(c, link)).toEqual({ ok: true, holder: org });
    expect(licenceHolder({ applicant: { kind: 'organisation', name: 'x', uscc: USCCS.badChecksum } }, link)).toEqual({ ok: false, problem: 'organisationId' });
    expect(licenceHolder({ applicant: { kind: 'organisation', name: 'x', founding: true } }, link)).toEqual({ ok: false, problem: 'organisationId' });
    expect(licenceHolder({ applicant: { kind: 'person', name: '张伟', idNumber: IDS.zhangWei, idType: 'residentId' } }, link)).toEqual({ ok: false, problem: 'notAnOrganisation' });
    expect(licenceHolder({}, link)).toEqual({ ok: false, problem: 'notAnOrganisation' });
  });

  it('takes a person’s resident ID, the agent’s for an agent’s licence, a typed unit number for a property', () => {
    const person = { kind: 'person' as const, name: '张伟', idType: 'residentId' as const, idNumber: IDS.zhangWei };
    expect(licenceHolder({ applicant: person }, idLink)).toEqual({ ok: true, holder: { holderIdType: 'residentId', holderId: IDS.zhangWei, holderName: '张伟' } });
    expect(licenceHolder({ applicant: { ...person, idNumber: '330106199003071235' } }, idLink)).toEqual({ ok: false, problem: 'applicantId' });
    expect(licenceHolder({ applicant: { ...person, name: '' } }, idLink)).toEqual({ ok: false, problem: 'applicantName' });
    const agentLink = { ...idLink, holder: 'agent' as const };
    expect(licenceHolder({ applicant: person, agent: { name: '李强', idNumber: IDS.liQiang } }, agentLink)).toEqual({ ok: true, holder: { holderIdType: 'residentId', holderId: IDS.liQiang, holderName: '李强' } });
    expect(licenceHolder({ applicant: person, agent: null }, agentLink)).toEqual({ ok: false, problem: 'agentId' });
    const propLink: LineLicence = { typeCode: 'property-certificate', holder: 'property', type: { code: 'property-certificate', name: '不动产权证书', issuingDepartmentCode: 'X', holderIdType: 'property' } };
    expect(licenceHolder({ applicant: person }, propLink)).toEqual({ ok: false, problem: 'propertyId' });
    expect(licenceHolder({ applicant: person }, propLink, { propertyId: ' 330106001001GB00001F00010001 ' })).toEqual({
      ok: true,
      holder: { holderIdType: 'property', holderId: '330106001001GB00001F00010001', holderName: '张伟' },
    });
    expect(licenceHolder({ applicant: person }, { typeCode: 'x', holder: 'applicant' })).toEqual({ ok: false, problem: 'unknownType' });
    expect(holderProblemText('organisationId', 'zh-CN')).toContain('统一社会信用代码');
  });

  it('免提交 on a line with licence links needs a real fetch or 由部门调取; lines without links keep the old way', () => {
    expect(fetchedStateAllowed({ status: 'fetched' }, true)).toBe(false);
    expect(fetchedStateAllowed({ status: 'fetched' }, false)).toBe(true);
    expect(fetchedStateAllowed({ status: 'fetched', reference: BY_DEPARTMENT_REFERENCE }, true)).toBe(true);
    expect(fetchedStateAllowed({ status: 'receivedCopy' }, true)).toBe(true);
    const r = judgeLookup(answer(), asked, ctx);
    if (r.kind === 'attach') expect(fetchedStateAllowed(fetchedState(r.licence), true)).toBe(true);
  });

  it('lists the lines left to the department as pending fetches', () => {
    const c = { materialStates: { 'shared/business-licence': { status: 'fetched', reference: BY_DEPARTMENT_REFERENCE } } } as Pick<IntakeCase, 'materialStates'>;
    expect(pendingFetches(c, checklist.materials, catalog).map((l) => l.key)).toEqual(['shared/business-licence']);
    const done = judgeLookup(answer(), asked, ctx);
    if (done.kind !== 'attach') throw new Error('expected attach');
    expect(pendingFetches({ materialStates: { 'shared/business-licence': fetchedState(done.licence) } }, checklist.materials, catalog)).toEqual([]);
  });
});

describe('秒填: shared basic records', () => {
  it('offers each field next to what was typed; differences marked, equal ones not', () => {
    const rec = recordOf(BasicRecordAnswer.parse({ name: '杭州西溪望湖酒店管理有限公司', legalRepresentative: '王芳', address: '杭州市西湖区天目山路 398 号', registrationStatus: '存续' }))!;
    const p = prefillFrom('organisation', rec, { name: '杭州西溪望湖酒店管理有限公司', legalRepresentative: '王小芳', address: '' });
    expect(p.registrationStatus).toBe('存续');
    expect(p.fields).toEqual([
      { field: 'name', shared: '杭州西溪望湖酒店管理有限公司', typed: '杭州西溪望湖酒店管理有限公司', same: true, differs: false },
      { field: 'legalRepresentative', shared: '王芳', typed: '王小芳', same: false, differs: true },
      { field: 'address', shared: '杭州市西湖区天目山路 398 号', typed: '', same: false, differs: false },
    ]);
    expect(registrationNeedsAttention('存续')).toBe(false);
    expect(registrationNeedsAttention('吊销，未注销')).toBe(true);
  });

  it('reads a notFound answer as no record, and a person record as name + address', () => {
    expect(recordOf(BasicRecordAnswer.parse({ outcome: 'notFound' }))).toBeNull();
    const p = prefillFrom('person', recordOf(BasicRecordAnswer.parse({ record: { name: '张伟', address: '浙江省杭州市西湖区文三路 90 号' } }))!, { name: '张伟' });
    expect(p.fields.map((f) => f.field)).toEqual(['name', 'address']);
    expect(p.registrationStatus).toBeUndefined();
  });
});
