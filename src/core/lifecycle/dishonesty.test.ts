import { describe, expect, it } from 'vitest';
import { IDS, USCCS, organisationApplicant, personApplicant } from '../../../test/fixtures/intake';
import { type DishonestyList, dishonestyOfApplicant, isDishonest, parseDishonestyList } from './dishonesty';

function listData(entries: unknown[]): unknown {
  return { schemaVersion: 1, source: '信用浙江严重失信主体名单（2026年11月）', importedAt: '2026-11-20T10:00:00+08:00', entries };
}

const ZHANG = {
  idNumber: '３３０１０６ １９９００３０７ １２３６', // full-width digits and spaces, as pasted from a spreadsheet
  name: '张伟',
  reason: '失信被执行人：有履行能力而拒不履行生效法律文书确定的义务',
  listedBy: '示例市西湖区人民法院',
  listedAt: '2026-03-02',
  expiresAt: '2029-03-01',
};
const HOTEL = {
  idNumber: USCCS.hotelCompany.toLowerCase(),
  name: '杭州西溪望湖酒店管理有限公司',
  reason: '严重违法失信：提供虚假材料骗取行政许可',
  listedBy: '示例市市场监督管理局',
  listedAt: '2026-06-15',
};

function parsed(entries: unknown[]): DishonestyList {
  const r = parseDishonestyList(listData(entries), '2026-11-30');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.list;
}

describe('parseDishonestyList', () => {
  it('accepts a valid list and normalises the ID numbers', () => {
    const r = parseDishonestyList(listData([ZHANG, HOTEL]), '2026-11-30');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.list.entries.map((e) => e.idNumber)).toEqual([IDS.zhangWei, USCCS.hotelCompany]);
    expect(r.list.source).toBe('信用浙江严重失信主体名单（2026年11月）');
  });

  it('reports every problem with its path, in both languages', () => {
    const r = parseDishonestyList(
      listData([
        ZHANG,
        { ...ZHANG, idNumber: '330106199003071237' }, // check character wrong
        { ...HOTEL, listedAt: '2026-02-30' },
        { ...HOTEL, idNumber: USCCS.hotelCompany, expiresAt: '2026-01-01' },
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['entries[1].idNumber', 'dishonesty.idNumber'],
      ['entries[2].listedAt', 'dishonesty.date'],
      ['entries[3].expiresAt', 'dishonesty.expiresBeforeListed'],
    ]);
    expect(r.errors[0]!.message).toEqual({
      'zh-CN': '330106199003071237 既不是有效的公民身份号码，也不是有效的统一社会信用代码',
      'en-US': '330106199003071237 is neither a valid resident ID number nor a valid unified social credit code',
    });
    expect(r.warnings.map((w) => [w.path, w.code])).toEqual([['entries[3].idNumber', 'dishonesty.duplicate']]);
  });

  it('structure errors name the field (missing, wrong version, unknown key)', () => {
    const r = parseDishonestyList({ schemaVersion: 2, entries: [{ ...ZHANG, reason: undefined, remark: 'x' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message['zh-CN']]));
    expect(byPath['schemaVersion']).toContain('应为 1');
    expect(byPath['source']).toBe('缺少必填字段 "source"');
    expect(byPath['entries[0].reason']).toBe('缺少必填字段 "reason"');
    expect(byPath['entries[0].remark']).toBe('未知字段 remark（拼写错误？）');
    expect(parseDishonestyList('not json at all').ok).toBe(false);
  });

  it('warns (does not block) on a USCC failing its checksum, expired entries and future listings', () => {
    const r = parseDishonestyList(
      listData([
        { ...HOTEL, idNumber: USCCS.badChecksum },
        { ...ZHANG, expiresAt: '2026-06-30' },
        { ...ZHANG, idNumber: IDS.wangFang, listedAt: '2026-12-15' },
      ]),
      '2026-11-30',
    );
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.path, w.code])).toEqual([
      ['entries[0].idNumber', 'dishonesty.usccCheck'],
      ['entries[1].expiresAt', 'dishonesty.expired'],
      ['entries[2].listedAt', 'dishonesty.future'],
    ]);
    expect(r.warnings[0]!.message['zh-CN']).toBe(`统一社会信用代码 ${USCCS.badChecksum} 校验码不符，请核对名单原文`);
  });
});

describe('isDishonest', () => {
  const list = parsed([ZHANG, HOTEL]);

  it('matches normalised IDs (spaces, full-width, lower-case x) while the entry is in force', () => {
    expect(isDishonest(list, '330106 19900307 1236', '2026-11-30')?.name).toBe('张伟');
    expect(isDishonest(list, USCCS.hotelCompany.toLowerCase(), '2026-11-30')?.listedBy).toBe('示例市市场监督管理局');
    expect(isDishonest(list, IDS.wangFang, '2026-11-30')).toBeNull();
    expect(isDishonest(null, IDS.zhangWei, '2026-11-30')).toBeNull();
  });

  it('an entry counts from listedAt through expiresAt (inclusive); expired or future entries do not', () => {
    expect(isDishonest(list, IDS.zhangWei, '2026-03-01')).toBeNull();
    expect(isDishonest(list, IDS.zhangWei, '2026-03-02')).not.toBeNull();
    expect(isDishonest(list, IDS.zhangWei, '2029-03-01')).not.toBeNull();
    expect(isDishonest(list, IDS.zhangWei, '2029-03-02')).toBeNull();
  });

  it('an old expired entry does not hide a newer one for the same ID', () => {
    const l = parsed([{ ...ZHANG, listedAt: '2020-01-01', expiresAt: '2023-01-01', reason: '旧记录' }, ZHANG]);
    expect(isDishonest(l, IDS.zhangWei, '2026-11-30')?.reason).toBe(ZHANG.reason);
  });
});

describe('dishonestyOfApplicant', () => {
  it('a person by ID number; an organisation by USCC, then by its legal representative', () => {
    const list = parsed([ZHANG, { ...ZHANG, idNumber: IDS.wangFang, name: '王芳' }]);
    expect(dishonestyOfApplicant(list, personApplicant(), '2026-11-30')).toMatchObject({
      flagged: true,
      source: 'list',
      matched: 'applicant',
      reason: '张伟列入信用浙江严重失信主体名单（2026年11月）：失信被执行人：有履行能力而拒不履行生效法律文书确定的义务（示例市西湖区人民法院，2026-03-02）',
    });
    expect(dishonestyOfApplicant(list, organisationApplicant(), '2026-11-30')).toMatchObject({ matched: 'legalRepresentative', entry: { name: '王芳' } });
    expect(dishonestyOfApplicant(list, organisationApplicant(), '2026-11-30')?.reason).toMatch(/^法定代表人王芳列入/);
    expect(dishonestyOfApplicant(parsed([HOTEL]), organisationApplicant(), '2026-11-30')).toMatchObject({ matched: 'applicant' });
    expect(dishonestyOfApplicant(parsed([HOTEL]), personApplicant(), '2026-11-30')).toBeNull();
  });
});
