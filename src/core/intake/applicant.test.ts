import { describe, expect, it } from 'vitest';
import type { ItemField } from '../catalog/schema';
import { residentIdCheckChar } from '../identity';
import {
  applicantFormSchema,
  applicantFromForm,
  checkApplicant,
  compilePattern,
  isValidPhone,
  itemFieldsSchema,
  usccWarning,
  type ApplicantFormValues,
} from './applicant';
import { Applicant } from './case';
import { AT, IDS, USCCS, agentPerson, makeIntakeCatalog, organisationApplicant, personApplicant } from '../../../test/fixtures/intake';

const TODAY = '2026-11-30';
const zhSchema = applicantFormSchema('zh-CN', TODAY);
const enSchema = applicantFormSchema('en-US', TODAY);

const person = (o: Record<string, unknown> = {}): ApplicantFormValues => ({
  applicant: { ...personApplicant(), ...o } as ApplicantFormValues['applicant'],
  hasAgent: false,
});
const org = (o: Record<string, unknown> = {}): ApplicantFormValues => ({
  applicant: { ...organisationApplicant(), ...o } as ApplicantFormValues['applicant'],
  hasAgent: false,
});

function issues(values: unknown, schema = zhSchema): { path: string; message: string; params?: unknown }[] {
  const r = schema.safeParse(values);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
    ...((i as { params?: unknown }).params ? { params: (i as { params?: unknown }).params } : {}),
  }));
}

describe('applicantFormSchema: person', () => {
  it('accepts a valid person and cleans the values', () => {
    const r = zhSchema.safeParse(
      person({ name: '  张伟 ', idNumber: ' 33010619900307123６ ', phone: '138 0571 0123', address: '' }),
    );
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      applicant: { kind: 'person', name: '张伟', idType: 'residentId', idNumber: IDS.zhangWei, phone: '13805710123' },
      agent: null,
    });
    expect(Applicant.safeParse(r.data!.applicant).success).toBe(true);
  });

  it('accepts a lower-case x and a landline', () => {
    const r = zhSchema.safeParse(person({ idNumber: IDS.leapDay.toLowerCase(), phone: '0571-87654321' }));
    expect(r.success && r.data.applicant.kind === 'person' && r.data.applicant.idNumber).toBe(IDS.leapDay);
  });

  it('requires a name of 2–50 characters', () => {
    expect(issues(person({ name: '' }))).toEqual([{ path: 'applicant.name', message: '请填写申请人姓名。' }]);
    expect(issues(person({ name: '张' }))).toEqual([{ path: 'applicant.name', message: '申请人姓名应为 2–50 个字符。' }]);
    expect(issues(person({ name: '张'.repeat(51) }))[0]!.path).toBe('applicant.name');
    expect(issues(person({ name: '买买提·艾力' }))).toEqual([]);
    expect(issues(person({ name: '' }), enSchema)).toEqual([{ path: 'applicant.name', message: 'Enter the applicant’s name.' }]);
  });

  it('validates the resident ID with the identity messages, today included', () => {
    expect(issues(person({ idNumber: '330106199003071235' }))).toEqual([
      { path: 'applicant.idNumber', message: expect.stringContaining('应为 6') },
    ]);
    expect(issues(person({ idNumber: '330106199003071235' }), enSchema)[0]!.message).toContain('should be 6');
    expect(issues(person({ idNumber: '33010619900307' }))[0]!.message).toContain('当前为 14 位');
    // born after "today" (2026-11-30)
    const body = '33010620261201001';
    expect(issues(person({ idNumber: body + residentIdCheckChar(body) }))).toEqual([
      { path: 'applicant.idNumber', message: '第 7–14 位的出生日期晚于今天，请核对。' },
    ]);
  });

  it('for another document requires its name and a plausible number', () => {
    expect(issues(person({ idType: 'other', idNumber: 'E12345678' }))).toEqual([
      { path: 'applicant.idTypeLabel', message: expect.stringContaining('护照') },
    ]);
    const ok = zhSchema.safeParse(person({ idType: 'other', idTypeLabel: '港澳居民来往内地通行证', idNumber: 'h 1234 5678' }));
    expect(ok.success).toBe(true);
    expect(ok.data!.applicant).toMatchObject({ idType: 'other', idTypeLabel: '港澳居民来往内地通行证', idNumber: 'H12345678' });
    expect(issues(person({ idType: 'other', idTypeLabel: '护照', idNumber: 'E1' }))[0]!.path).toBe('applicant.idNumber');
    expect(issues(person({ idType: '' }))[0]).toEqual({ path: 'applicant.idType', message: '请填写证件类型。' });
  });

  it('accepts mainland mobiles and landlines only', () => {
    for (const ok of ['13805710123', '19912345678', '0571-87654321', '057187654321', '010-12345678', '0571 8765 4321', '１３８０５７１０１２３'])
      expect(isValidPhone(ok), ok).toBe(true);
    for (const bad of ['12805710123', '1380571012', '87654321', '+8613805710123', '0571-123456', '110'])
      expect(isValidPhone(bad), bad).toBe(false);
    expect(issues(person({ phone: '87654321' }))).toEqual([{ path: 'applicant.phone', message: expect.stringContaining('11 位手机号码') }]);
    expect(issues(person({ phone: '' }))).toEqual([{ path: 'applicant.phone', message: '请填写联系电话。' }]);
  });

  it('reports every problem at once, in field order', () => {
    expect(issues(person({ name: '', idNumber: '', phone: '' })).map((i) => i.path)).toEqual([
      'applicant.name',
      'applicant.idNumber',
      'applicant.phone',
    ]);
  });

  it('asks for the applicant kind', () => {
    expect(issues({ applicant: { kind: 'robot' }, hasAgent: false })).toEqual([
      { path: 'applicant.kind', message: '请选择申请人类型（个人或单位）。' },
    ]);
    expect(issues({ applicant: { ...personApplicant() } })).toEqual([{ path: 'hasAgent', message: '请选择是否由代理人办理。' }]);
  });
});

describe('applicantFormSchema: organisation and the USCC override', () => {
  it('accepts a valid organisation', () => {
    const r = zhSchema.safeParse(org({ uscc: USCCS.hotelCompany.toLowerCase(), legalRepresentativeIdNumber: '' }));
    expect(r.success).toBe(true);
    expect(r.data!.applicant).toEqual({
      kind: 'organisation',
      name: '杭州西溪望湖酒店管理有限公司',
      uscc: USCCS.hotelCompany,
      legalRepresentative: '王芳',
      phone: '0571-88231234',
      address: '浙江省杭州市西湖区天目山路 398 号',
    });
  });

  it('a checksum failure fails with a message saying it can be overridden…', () => {
    const found = issues(org({ uscc: USCCS.badChecksum }));
    expect(found).toEqual([
      { path: 'applicant.uscc', message: expect.stringContaining('核对营业执照或登记证书原件'), params: { overridable: true } },
    ]);
    expect(issues(org({ uscc: USCCS.badChecksum }), enSchema)[0]!.message).toContain('original licence');
    expect(usccWarning(USCCS.badChecksum, 'zh-CN')).toMatchObject({ overridable: true });
    expect(usccWarning(USCCS.hotelCompany, 'zh-CN')).toBeNull();
  });

  it('…and passes once the override has a reason', () => {
    const values = org({ uscc: USCCS.badChecksum, usccOverride: { reason: '已核对营业执照原件，代码一致' } });
    const r = zhSchema.safeParse(values);
    expect(r.success).toBe(true);
    expect(r.data!.applicant).toMatchObject({ uscc: USCCS.badChecksum, usccOverride: { reason: '已核对营业执照原件，代码一致' } });
    expect(issues(org({ uscc: USCCS.badChecksum, usccOverride: { reason: '  ' } }))[0]!.path).toBe('applicant.uscc');
    // a valid code needs no override: it is dropped
    const valid = zhSchema.safeParse(org({ usccOverride: { reason: '多余' } }));
    expect(valid.success && valid.data.applicant.kind === 'organisation' && valid.data.applicant.usccOverride).toBeUndefined();
  });

  it('a wrong length or character cannot be overridden', () => {
    for (const uscc of ['91330106MA2GL8W4P', '91330106MA2GL8W4PI']) {
      expect(issues(org({ uscc, usccOverride: { reason: '已核对' } }))).toEqual([
        { path: 'applicant.uscc', message: expect.any(String), params: { overridable: false } },
      ]);
    }
  });

  it('applicantFromForm records who confirmed the override and when', () => {
    const r = zhSchema.parse(org({ uscc: USCCS.badChecksum, usccOverride: { reason: '已核对营业执照原件' } }));
    const stored = applicantFromForm(r, { clerkId: 'C0107', at: AT });
    expect(stored.applicant).toMatchObject({ usccOverride: { reason: '已核对营业执照原件', by: 'C0107', at: AT } });
    expect(Applicant.safeParse(stored.applicant).success).toBe(true);
    const plain = applicantFromForm(zhSchema.parse(person()), { clerkId: 'C0107', at: AT });
    expect(plain.applicant).not.toHaveProperty('usccOverride');
    expect(plain.agent).toBeNull();
  });

  it('requires the legal representative and checks an ID number when given', () => {
    expect(issues(org({ legalRepresentative: '' }))).toEqual([
      { path: 'applicant.legalRepresentative', message: '请填写法定代表人（负责人）姓名。' },
    ]);
    expect(issues(org({ legalRepresentativeIdNumber: '330106198511200045' }))[0]!.path).toBe('applicant.legalRepresentativeIdNumber');
    expect(issues(org({ legalRepresentativeIdNumber: 'K98765432' }))).toEqual([]); // a foreign passport
  });
});

describe('applicantFormSchema: agent', () => {
  it('ignores agent fields when there is no agent', () => {
    const r = zhSchema.safeParse({ ...person(), hasAgent: false, agent: { name: '', idType: '', idNumber: 'junk' } });
    expect(r.success).toBe(true);
    expect(r.data!.agent).toBeNull();
  });

  it('requires the agent’s details when there is one', () => {
    expect(issues({ ...person(), hasAgent: true }).map((i) => i.path)).toEqual(['agent.name', 'agent.idType', 'agent.phone']);
    expect(issues({ ...person(), hasAgent: true, agent: { name: '', idType: 'residentId', idNumber: '', phone: '' } }).map((i) => i.message)).toEqual([
      '请填写代理人姓名。',
      '请输入公民身份号码。',
      '请填写代理人联系电话。',
    ]);
    const r = zhSchema.safeParse({ ...org(), hasAgent: true, agent: { ...agentPerson(), relation: ' 员工 ' } });
    expect(r.success).toBe(true);
    expect(r.data!.agent).toEqual({ name: '李强', idType: 'residentId', idNumber: IDS.liQiang, phone: '13900571234', relation: '员工' });
  });

  it('rejects the applicant as their own agent', () => {
    expect(issues({ ...person(), hasAgent: true, agent: { ...agentPerson(), idNumber: IDS.zhangWei } })).toEqual([
      { path: 'agent.idNumber', message: expect.stringContaining('代理人不能是申请人本人') },
    ]);
  });
});

describe('checkApplicant (for assessIntake)', () => {
  it('validates what a case stores', () => {
    expect(checkApplicant({ applicant: personApplicant(), agent: null }, 'zh-CN', TODAY)).toEqual({ valid: true, problems: [] });
    expect(checkApplicant({ applicant: { ...organisationApplicant(), usccOverride: { reason: '已核对原件', by: 'C0107', at: AT } }, agent: agentPerson() }, 'zh-CN', TODAY).valid).toBe(true);
    const r = checkApplicant({ applicant: { kind: 'person', name: '张伟' }, agent: undefined }, 'en-US', TODAY);
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => p.path)).toEqual(['applicant.idType', 'applicant.phone']);
    expect(checkApplicant({ applicant: undefined }, 'zh-CN', TODAY)).toMatchObject({ valid: false, problems: [{ path: 'applicant' }] });
  });
});

describe('itemFieldsSchema', () => {
  const food = makeIntakeCatalog().items[0]!;
  const zh = itemFieldsSchema(food.fields, 'zh-CN');
  const en = itemFieldsSchema(food.fields, 'en-US');

  it('parses form strings into stored values; empty optional fields become null', () => {
    expect(zh.parse({ businessArea: ' 1,２00.5 ', businessForm: '餐饮服务经营者', postcode: '', openingDate: '' })).toEqual({
      businessArea: 1200.5,
      businessForm: '餐饮服务经营者',
      postcode: null,
      openingDate: null,
    });
    expect(zh.parse({ businessArea: 80, businessForm: '单位食堂', postcode: '310012', openingDate: '2026-12-18' })).toEqual({
      businessArea: 80,
      businessForm: '单位食堂',
      postcode: '310012',
      openingDate: '2026-12-18',
    });
  });

  const messages = (schema: typeof zh, values: unknown) => {
    const r = schema.safeParse(values);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('reports required, number, bounds, options, pattern and date problems in the locale', () => {
    expect(messages(zh, {})).toEqual(['businessArea: 请填写“经营面积（㎡）”。', 'businessForm: 请填写“经营业态”。']);
    expect(messages(en, {})).toEqual(['businessArea: Enter “经营面积（㎡）”.', 'businessForm: Enter “经营业态”.']);
    expect(messages(zh, { businessArea: '八十', businessForm: '小吃', postcode: '31001', openingDate: '2026-02-30' })).toEqual([
      'businessArea: “经营面积（㎡）”应为数字。',
      'businessForm: “经营业态”请从以下选项中选择：食品销售经营者、餐饮服务经营者、单位食堂。',
      'postcode: 邮政编码应为6位数字', // the catalog's patternMessage
      'openingDate: “预计开业日期”应为有效日期（YYYY-MM-DD）。',
    ]);
    expect(messages(zh, { businessArea: 0, businessForm: '单位食堂' })).toEqual(['businessArea: “经营面积（㎡）”不能小于 1。']);
    expect(messages(zh, { businessArea: '100001', businessForm: '单位食堂' })).toEqual(['businessArea: “经营面积（㎡）”不能大于 100000。']);
    // the pattern matches the whole value
    expect(messages(zh, { businessArea: 5, businessForm: '单位食堂', postcode: '3100120' })).toHaveLength(1);
  });

  it('treats text min/max as lengths and falls back to a generic pattern message', () => {
    const fields: ItemField[] = [
      { id: 'plate', label: '车牌号', kind: 'text', required: true, pattern: '[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}', min: 7, max: 8 },
      { id: 'note', label: '备注', kind: 'textarea', required: false, max: 10 },
    ];
    const s = itemFieldsSchema(fields, 'zh-CN');
    expect(s.parse({ plate: '浙A12345', note: ' 夜间卸货 ' })).toEqual({ plate: '浙A12345', note: '夜间卸货' });
    expect(messages(s, { plate: '浙A1234' })).toEqual(['plate: “车牌号”至少 7 个字符。']);
    expect(messages(s, { plate: '浙a123456' })).toEqual(['plate: “车牌号”的格式不正确。']);
    expect(messages(s, { plate: '浙A12345', note: '一二三四五六七八九十十一' })).toEqual(['note: “备注”不能超过 10 个字符。']);
  });

  it('ignores a pattern that does not compile', () => {
    expect(compilePattern('(')).toBeNull();
    const s = itemFieldsSchema([{ id: 'x', label: '编号', kind: 'text', required: false, pattern: '(' }], 'zh-CN');
    expect(s.parse({ x: 'anything' })).toEqual({ x: 'anything' });
  });
});

describe('applicantFormSchema: a company being founded (拟设立企业)', () => {
  const founding = (o: Record<string, unknown> = {}) =>
    org({ founding: true, uscc: '', name: '杭州示例科技有限公司', legalRepresentative: '张伟', legalRepresentativeIdNumber: IDS.zhangWei, nameReservation: '（杭）名称自主申报〔2026〕第123号', ...o });

  it('needs no USCC; the reserved name and the legal representative stand for it', () => {
    const r = zhSchema.safeParse(founding());
    expect(r.success).toBe(true);
    const a = r.success ? r.data.applicant : null;
    expect(a).toMatchObject({ kind: 'organisation', founding: true, name: '杭州示例科技有限公司', legalRepresentativeIdNumber: IDS.zhangWei, nameReservation: '（杭）名称自主申报〔2026〕第123号' });
    expect(a && 'uscc' in a).toBe(false);
    // and what the case stores validates
    expect(Applicant.safeParse(applicantFromForm(r.success ? r.data : (null as never), { clerkId: 'C1', at: AT }).applicant).success).toBe(true);
  });
  it('refuses a USCC (it has none yet)', () => {
    expect(issues(founding({ uscc: USCCS.hotelCompany })).map((i) => i.path)).toEqual(['applicant.uscc']);
    expect(issues(founding({ uscc: USCCS.hotelCompany }))[0]!.message).toContain('拟设立企业尚无统一社会信用代码');
  });
  it('needs the legal representative’s resident ID, checked', () => {
    expect(issues(founding({ legalRepresentativeIdNumber: '' }))).toEqual([{ path: 'applicant.legalRepresentativeIdNumber', message: expect.stringContaining('法定代表人') }]);
    expect(issues(founding({ legalRepresentativeIdNumber: '330106199003071237' })).map((i) => i.path)).toEqual(['applicant.legalRepresentativeIdNumber']);
    expect(issues(founding({ legalRepresentativeIdNumber: '' }), enSchema)[0]!.message).toContain('legal representative');
  });
  it('the agent cannot be the legal representative who applies', () => {
    const v = { ...founding(), hasAgent: true, agent: { ...agentPerson(), idNumber: IDS.zhangWei } };
    expect(issues(v).map((i) => i.path)).toContain('agent.idNumber');
  });
  it('an existing organisation still needs its USCC', () => {
    expect(issues(org({ uscc: '' })).map((i) => i.path)).toEqual(['applicant.uscc']);
  });
  it('the case schema: founding ⇒ no USCC and the representative’s ID; otherwise a USCC', () => {
    const base = { kind: 'organisation', name: '杭州示例科技有限公司', legalRepresentative: '张伟', phone: '13800138000' } as const;
    expect(Applicant.safeParse({ ...base, founding: true, legalRepresentativeIdNumber: IDS.zhangWei }).success).toBe(true);
    expect(Applicant.safeParse({ ...base, founding: true }).success).toBe(false);
    expect(Applicant.safeParse({ ...base, founding: true, uscc: USCCS.hotelCompany, legalRepresentativeIdNumber: IDS.zhangWei }).success).toBe(false);
    expect(Applicant.safeParse(base).success).toBe(false);
    expect(Applicant.safeParse({ ...base, uscc: USCCS.hotelCompany }).success).toBe(true);
  });
});

describe('applicantFormSchema: text that cannot be stored or read', () => {
  it('refuses a NUL, a lone surrogate, a direction override and a name of zero-width spaces, at the field, in the clerk’s language', () => {
    expect(issues(person({ name: '张\u0000伟' }))).toEqual([{ path: 'applicant.name', message: '申请人姓名含有不可见的控制字符，请删除后重新输入。' }]);
    expect(issues(person({ name: '张\uD800伟' }))).toEqual([{ path: 'applicant.name', message: '申请人姓名含有无法识别的字符，请删除后重新输入。' }]);
    expect(issues(person({ name: '张\u202E伟' }))).toEqual([{ path: 'applicant.name', message: '申请人姓名含有改变文字方向的隐藏字符，请删除后重新输入。' }]);
    expect(issues(person({ name: '\u200B\u200B\u200B' }))).toEqual([{ path: 'applicant.name', message: '申请人姓名只有空白或不可见字符，请填写实际内容。' }]);
    expect(issues(person({ name: '\u200B\u200B' }), enSchema)).toEqual([
      { path: 'applicant.name', message: 'The applicant’s name: contains only blank or invisible characters: enter the actual text.' },
    ]);
  });

  it('a 4.5 MB name is refused by its length rule', () => {
    expect(issues(person({ name: '张'.repeat(4_500_000) }))).toEqual([{ path: 'applicant.name', message: '申请人姓名应为 2–50 个字符。' }]);
  });

  it('checks the address, the organisation’s fields and the agent the same way', () => {
    expect(issues(person({ address: '西湖区\u0007文三路' })).map((i) => i.path)).toEqual(['applicant.address']);
    expect(issues(org({ name: '\u3164\u3164', legalRepresentative: '李\u0000娜' })).map((i) => i.path)).toEqual(['applicant.name', 'applicant.legalRepresentative']);
    const withAgent = { ...person(), hasAgent: true, agent: { ...agentPerson(), name: '王\uDC00芳', relation: '\u200D' } };
    expect(issues(withAgent).map((i) => i.path)).toEqual(['agent.name', 'agent.relation']);
  });

  it('keeps names with a middle dot, and emoji are text', () => {
    expect(issues(person({ name: '阿依古丽·买买提' }))).toEqual([]);
    expect(issues(person({ address: '杭州市西湖区 👍 路 1 号' }))).toEqual([]);
  });
});
