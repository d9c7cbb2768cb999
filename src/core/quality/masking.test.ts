import { describe, expect, it } from 'vitest';
import { IDS, organisationApplicant, personApplicant, USCCS } from '../../../test/fixtures/intake';
import { canSee, maskAddress, maskApplicantForRole, maskForRole, maskName, maskPhone, MASKING_POLICY } from './masking';
import { Role } from './roles';

describe('masks', () => {
  it('masks names as 王*明', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('𠀀二三')).toBe('𠀀*三'); // by code point
  });

  it('masks phones and addresses', () => {
    expect(maskPhone('13805710123')).toBe('138****0123');
    expect(maskPhone('0571-87001234')).toBe('057******1234');
    expect(maskPhone('87001234')).toBe('****1234');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskAddress('浙江省杭州市西湖区文三路 90 号')).toBe('浙江省杭州市****');
    expect(maskAddress('西湖区')).toBe('***');
  });
});

describe('maskForRole', () => {
  it('masks ID numbers in lists and dashboards for every role', () => {
    for (const role of Role.options) expect(maskForRole(IDS.standardExample, 'idNumber', role)).toBe('110105********002X');
    expect(maskForRole(IDS.standardExample, 'idNumber', 'clerk', 'list')).toBe('110105********002X');
  });

  it('shows a case in full to the clerk and the supervisor, never to the trainer', () => {
    expect(maskForRole(IDS.standardExample, 'idNumber', 'clerk', 'case')).toBe(IDS.standardExample);
    expect(maskForRole(IDS.standardExample, 'idNumber', 'supervisor', 'case')).toBe(IDS.standardExample);
    expect(maskForRole(IDS.standardExample, 'idNumber', 'trainer', 'case')).toBe('110105********002X');
    expect(maskForRole('王小明', 'name', 'trainer', 'case')).toBe('王*明');
    expect(maskForRole('13805710123', 'phone', 'trainer', 'case')).toBe('138****0123');
  });

  it('shows names in lists to the clerk only', () => {
    expect(maskForRole('王小明', 'name', 'clerk')).toBe('王小明');
    expect(maskForRole('王小明', 'name', 'supervisor')).toBe('王*明');
    expect(maskForRole('王小明', 'name', 'trainer')).toBe('王*明');
    expect(maskForRole('13805710123', 'phone', 'clerk')).toBe('138****0123');
  });

  it('never masks public registration data, and gives "" for nothing', () => {
    for (const role of Role.options) {
      expect(maskForRole(USCCS.hotelCompany, 'uscc', role)).toBe(USCCS.hotelCompany);
      expect(maskForRole('杭州西溪望湖酒店管理有限公司', 'organisationName', role)).toBe('杭州西溪望湖酒店管理有限公司');
    }
    expect(maskForRole(undefined, 'idNumber', 'clerk')).toBe('');
    expect(maskForRole(null, 'name', 'supervisor')).toBe('');
    expect(canSee('idNumber', 'admin' as never)).toBe(false);
    expect(Object.keys(MASKING_POLICY).sort()).toEqual(['address', 'idNumber', 'name', 'organisationName', 'phone', 'uscc']);
  });

  it('masks a whole applicant', () => {
    expect(maskApplicantForRole(personApplicant(), 'supervisor')).toEqual({
      kind: 'person',
      name: '张*',
      idType: 'residentId',
      idNumber: '330106********1236',
      phone: '138****0123',
      address: '浙江省杭州市****',
    });
    expect(maskApplicantForRole(personApplicant(), 'supervisor', 'case')).toEqual(personApplicant());
    expect(maskApplicantForRole(organisationApplicant(), 'trainer', 'case')).toEqual({
      ...organisationApplicant(),
      legalRepresentative: '王*',
      legalRepresentativeIdNumber: '330106********0044',
      phone: '057******1234',
      address: '浙江省杭州市****',
    });
    expect(maskApplicantForRole({ kind: 'person', name: '李四' }, 'trainer')).toEqual({ kind: 'person', name: '李*' });
  });
});
