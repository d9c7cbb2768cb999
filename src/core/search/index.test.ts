import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { Catalog, type CatalogInput } from '../catalog/schema';
import { SCORE, buildSearchIndex, normalizeQuery, search, searchEntriesFromCatalog, stripFillers, type SearchEntryInput } from './index';
import defaultCatalog from '../../../resources/catalog/default-catalog.json';

const fixture: SearchEntryInput[] = [
  { id: '000105001000', kind: 'item', name: '个体工商户设立登记', aliases: ['办营业执照', '个体户注册'], codes: ['000105001000', '11440300MB2C12345X000105001000001'], extra: ['市场监督管理局', '个体工商户开业登记'] },
  { id: '000105002000', kind: 'item', name: '有限责任公司设立登记', aliases: ['开公司', '营业执照'], codes: ['000105002000', '11440300MB2C12345X000105002000001'], extra: ['市场监督管理局'] },
  { id: '000105003000', kind: 'item', name: '有限责任公司变更登记', aliases: ['公司变更'], codes: ['000105003000'], extra: ['市场监督管理局'] },
  { id: '000105004000', kind: 'item', name: '个体工商户注销登记', aliases: [], codes: ['000105004000'], extra: ['市场监督管理局'] },
  { id: '000105005000', kind: 'item', name: '食品经营许可证核发', aliases: ['食品经营许可', '开饭店办证'], codes: ['000105005000', '11440300MB2C12345X000105005000001', '11440300MB2C12345X000105005000002'], extra: ['市场监督管理局', '新办', '延续'] },
  { id: '000201001000', kind: 'item', name: '居民身份证换领', aliases: ['换身份证'], codes: ['000201001000'], extra: ['公安局'] },
  { id: '000201002000', kind: 'item', name: '居民身份证补领', aliases: ['身份证丢了', '补办身份证'], codes: ['000201002000'], extra: ['公安局'] },
  { id: '000301001000', kind: 'item', name: '住房公积金提取', aliases: ['取公积金'], codes: ['000301001000'], extra: ['住房公积金管理中心'] },
  { id: '000401001000', kind: 'item', name: '医保异地就医备案', aliases: ['异地就医'], codes: ['000401001000'], extra: ['医疗保障局'] },
  { id: '000501001000', kind: 'item', name: '银行业金融机构设立审批', aliases: [], codes: ['000501001000'], extra: ['金融监管局'] },
  { id: '000601001000', kind: 'item', name: '执业医师注册', aliases: [], codes: ['000601001000'], extra: ['卫生健康委员会'] },
  { id: 'B-restaurant', kind: 'bundle', name: '开餐馆一件事', aliases: ['开饭店'], codes: [], extra: ['个体工商户设立登记', '食品经营许可证核发'] },
];

const index = buildSearchIndex(fixture);
const ids = (q: string, limit?: number) => search(index, q, limit).map((h) => h.id);

describe('normalizeQuery', () => {
  it('trims, lower-cases, folds full-width, strips spaces and apostrophes', () => {
    expect(normalizeQuery('  Ｙｉｎｇ ye\'Zhi’zhao　')).toBe('yingyezhizhao');
    expect(normalizeQuery('ＹＹＺＺ')).toBe('yyzz');
    expect(normalizeQuery('lü')).toBe('lv');
  });
});

describe('spoken queries: fillers and the longest matching parts', () => {
  const shipped = buildSearchIndex(searchEntriesFromCatalog(Catalog.parse(defaultCatalog)));
  const first = (q: string) => search(shipped, q)[0]?.matchedText;

  it('身份证到期了 finds what 身份证到期 finds', () => {
    const bare = search(shipped, '身份证到期').map((h) => h.id);
    expect(bare.length).toBeGreaterThan(0);
    expect(search(shipped, '身份证到期了').map((h) => h.id)).toEqual(bare);
    expect(first('身份证到期了')).toBe('身份证到期');
  });

  it('a trailing particle or filler never empties the results', () => {
    for (const q of ['身份证到期了', '身份证过期了吗', '身份证到期怎么办', '身份证到期了怎么办', '身份证过期啊', '身份证到期呢', '换身份证吧', '换身份证一下', '我想换身份证', '要换身份证', '想开公司', '身份证到期的']) {
      expect(search(shipped, q).length, q).toBeGreaterThan(0);
    }
    expect(first('我想开公司')).toBe(first('开公司'));
  });

  it('falls back to the longest parts that match when the whole query matches nothing', () => {
    // 身份证到期 matches; 没去办 does not: the 5-character part wins
    expect(first('身份证到期没去办')).toBe('身份证到期');
    expect(ids('营业执照丢了在哪补')).toContain('000105002000');
  });

  it('strips fillers only at the ends, and never to nothing', () => {
    expect(stripFillers('身份证到期了怎么办')).toBe('身份证到期');
    expect(stripFillers('我想要开公司')).toBe('开公司');
    expect(stripFillers('了')).toBe('了');
    expect(stripFillers('公司的变更')).toBe('公司的变更');
  });

  it('keeps what the query as typed finds (a name ending in a filler still matches as typed)', () => {
    const idx = buildSearchIndex([
      { id: 'a', kind: 'item', name: '目的地备案', aliases: [], codes: [] },
      { id: 'b', kind: 'item', name: '婚姻登记的', aliases: [], codes: [] },
    ]);
    expect(search(idx, '婚姻登记的').map((h) => h.id)).toEqual(['b']);
    expect(search(idx, '查不到的东西')).toEqual([]);
  });
});

describe('search', () => {
  it('pinyin initials yyzz put the 营业执照 items at the top', () => {
    const hits = search(index, 'yyzz');
    expect(hits.slice(0, 2).map((h) => h.id).sort()).toEqual(['000105001000', '000105002000']);
    // whole-initials of the alias 营业执照 beats initials inside 办营业执照
    expect(hits[0]).toMatchObject({ id: '000105002000', matchedField: 'alias', matchKind: 'initials', matchedText: '营业执照' });
  });

  it('full pinyin yingyezhizhao, from a syllable boundary, and with a half-typed last syllable', () => {
    expect(ids('yingyezhizhao').slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    expect(search(index, 'yingyezhizhao')[0]).toMatchObject({ id: '000105002000', matchKind: 'pinyin', score: SCORE.wholeInitials });
    expect(ids('zhizhao').slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    expect(ids('yingyezhiz').slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    expect(ids("ying'ye zhi zhao").slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    // not from the middle of a syllable: "hizhao" is inside "zhizhao" but not at a boundary
    expect(ids('hizhao')).toEqual([]);
  });

  it('hsfz finds 换身份证 (居民身份证换领) first', () => {
    const hits = search(index, 'hsfz');
    expect(hits[0]).toMatchObject({ id: '000201001000', matchedField: 'alias', matchKind: 'initials', matchedText: '换身份证' });
  });

  it('polyphones follow word context: 银行 is yinhang', () => {
    expect(ids('yinhang')[0]).toBe('000501001000');
    expect(ids('yhy')[0]).toBe('000501001000');
    expect(ids('yinxing')).not.toContain('000501001000');
  });

  it('codes: exact and prefix', () => {
    expect(search(index, '000201001000')[0]).toMatchObject({ id: '000201001000', matchedField: 'code', matchKind: 'exact', score: SCORE.exactCode });
    const pre = search(index, '0001050');
    // all code-prefix ties, so shorter names (9 characters) come before longer ones (10), then input order
    expect(pre.map((h) => h.id)).toEqual(['000105001000', '000105004000', '000105005000', '000105002000', '000105003000']);
    expect(pre.every((h) => h.matchKind === 'prefix' && h.matchedField === 'code')).toBe(true);
    // implementation (handling item) codes, full-width digits and lower case typed
    expect(search(index, '11440300mb2c12345x000105005000002')[0]).toMatchObject({ id: '000105005000', matchKind: 'exact' });
    expect(search(index, '１１４４０３００ＭＢ２Ｃ12345X000105001')[0]?.id).toBe('000105001000');
  });

  it('Chinese substring', () => {
    expect(ids('身份证').slice(0, 2).sort()).toEqual(['000201001000', '000201002000']);
    const h = search(index, '异地就医');
    expect(h[0]).toMatchObject({ id: '000401001000', matchedField: 'alias', matchKind: 'exact' });
    expect(search(index, '公积金')[0]).toMatchObject({ id: '000301001000', matchKind: 'substring' });
    expect(search(index, '经营许可证')[0]).toMatchObject({ id: '000105005000', matchedField: 'name', matchKind: 'substring' });
  });

  it('empty and whitespace-only queries return []', () => {
    expect(search(index, '')).toEqual([]);
    expect(search(index, '   ')).toEqual([]);
    expect(search(index, "''")).toEqual([]);
  });

  it('garbage, emoji and odd input do not throw', () => {
    for (const q of ['😀', '😀😀营业', '营😀业', '\u0000', '%$#@!', '((((', '\ud800', 'a'.repeat(500), '营'.repeat(300), 'ｚ', '🙂yyzz', '营业zz😀']) {
      expect(() => search(index, q)).not.toThrow();
    }
    expect(search(index, '😀')).toEqual([]);
    expect(search(index, 'yyzz', 0)).toEqual([]);
    expect(search(buildSearchIndex([]), 'yyzz')).toEqual([]);
  });

  it('ranking: exact name > exact alias > exact code > prefix > substring > extra', () => {
    const entries: SearchEntryInput[] = [
      { id: 'sub', kind: 'item', name: '办理营业执照', aliases: [], codes: [] },
      { id: 'extra', kind: 'item', name: '其他事项', aliases: [], codes: [], extra: ['营业执照'] },
      { id: 'prefix', kind: 'item', name: '营业执照变更', aliases: [], codes: [] },
      { id: 'alias', kind: 'item', name: '公司登记', aliases: ['营业执照'], codes: [] },
      { id: 'name', kind: 'item', name: '营业执照', aliases: [], codes: [] },
      { id: 'aliasSub', kind: 'item', name: '某事项', aliases: ['补办营业执照'], codes: [] },
    ];
    const idx = buildSearchIndex(entries);
    expect(search(idx, '营业执照').map((h) => h.id)).toEqual(['name', 'alias', 'prefix', 'sub', 'aliasSub', 'extra']);
    expect(search(idx, '营业执照').map((h) => h.matchKind)).toEqual(['exact', 'exact', 'prefix', 'substring', 'substring', 'exact']);

    const codes = buildSearchIndex([
      { id: 'codeSub', kind: 'item', name: '甲', aliases: [], codes: ['99ABC12'] },
      { id: 'codePrefix', kind: 'item', name: '乙', aliases: [], codes: ['ABC123'] },
      { id: 'codeExact', kind: 'item', name: '丙', aliases: [], codes: ['ABC12'] },
      { id: 'aliasExact', kind: 'item', name: '丁', aliases: ['abc12'], codes: [] },
      { id: 'nameExact', kind: 'item', name: 'ABC12', aliases: [], codes: [] },
    ]);
    expect(search(codes, 'abc12').map((h) => h.id)).toEqual(['nameExact', 'aliasExact', 'codeExact', 'codePrefix', 'codeSub']);
  });

  it('ranking among pinyin forms: whole initials > initials prefix > pinyin prefix > boundary substring > initials substring', () => {
    const idx = buildSearchIndex([
      { id: 'iniSub', kind: 'item', name: '补办营业执照', aliases: [], codes: [] }, // bbyyzz ⊃ yyzz
      { id: 'iniPrefix', kind: 'item', name: '营业执照注销', aliases: [], codes: [] }, // yyzzzx
      { id: 'iniWhole', kind: 'item', name: '营业执照', aliases: [], codes: [] },
    ]);
    expect(search(idx, 'yyzz').map((h) => [h.id, h.matchKind])).toEqual([
      ['iniWhole', 'initials'],
      ['iniPrefix', 'initials'],
      ['iniSub', 'initials'],
    ]);
    const s = search(idx, 'yyzz');
    expect(s[0]!.score).toBeGreaterThan(s[1]!.score);
    expect(s[1]!.score).toBeGreaterThan(s[2]!.score);

    const py = search(idx, 'yingyezhizhao').map((h) => [h.id, h.score]);
    expect(py).toEqual([
      ['iniWhole', SCORE.wholeInitials],
      ['iniPrefix', SCORE.pinyinPrefix],
      ['iniSub', SCORE.pinyinSubstring],
    ]);
  });

  it('one-letter syllables: initials and pinyin coincide (阿饿 → ae)', () => {
    const idx = buildSearchIndex([
      { id: 'ae', kind: 'item', name: '阿饿', aliases: [], codes: [] },
      { id: 'ayi', kind: 'item', name: '阿姨', aliases: [], codes: [] },
    ]);
    expect(search(idx, 'a').map((h) => [h.id, h.score])).toEqual([
      ['ae', SCORE.initialsPrefix],
      ['ayi', SCORE.initialsPrefix],
    ]);
    expect(search(idx, 'ae')[0]).toMatchObject({ id: 'ae', score: SCORE.wholeInitials });
  });

  it('ties: boost first, then shorter name, then input order', () => {
    const idx = buildSearchIndex([
      { id: 'long', kind: 'item', name: '公积金提取（退休）', aliases: [], codes: [] },
      { id: 'short', kind: 'item', name: '公积金提取', aliases: [], codes: [] },
      { id: 'short2', kind: 'item', name: '公积金贷款', aliases: [], codes: [] },
      { id: 'boosted', kind: 'item', name: '公积金缴存基数调整', aliases: [], codes: [], boost: 5 },
    ]);
    expect(search(idx, '公积金').map((h) => h.id)).toEqual(['boosted', 'short', 'short2', 'long']);
  });

  it('one hit per entry, its best match; limit respected', () => {
    // 个体工商户设立登记 matches dengji in its name and in its extra 个体工商户开业登记: one hit, the name
    const hits = search(index, 'dengji');
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
    expect(hits.find((h) => h.id === '000105001000')).toMatchObject({ matchedField: 'name', matchKind: 'pinyin', score: SCORE.pinyinSubstring });
    expect(search(index, 'd', 2)).toHaveLength(2);
    expect(search(index, '登记', 3)).toHaveLength(3);
  });

  it('single characters use the unigram index', () => {
    expect(ids('证')).toEqual(expect.arrayContaining(['000201001000', '000201002000', '000105005000']));
    expect(ids('y')[0]).toBeDefined();
  });

  it('extra fields (department) match last', () => {
    const hits = search(index, '公安局');
    expect(hits.map((h) => h.id).sort()).toEqual(['000201001000', '000201002000']);
    expect(hits.every((h) => h.matchedField === 'extra')).toBe(true);
    const sj = search(index, 'scjdglj'); // 市场监督管理局 initials
    expect(sj.length).toBe(5);
    expect(sj.every((h) => h.matchedField === 'extra' && h.matchKind === 'initials')).toBe(true);
  });

  it('hanzi mixed with pinyin: 营业zz, yy执照', () => {
    expect(ids('营业zz').slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    expect(ids('yy执照').slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    expect(ids('身份zheng')).toEqual(expect.arrayContaining(['000201001000', '000201002000']));
    expect(ids('营业x')).toEqual([]);
  });

  it('abbreviated pinyin mixing syllables and initials when nothing else matches', () => {
    expect(ids('yyzhzh').slice(0, 2).sort()).toEqual(['000105001000', '000105002000']);
    expect(ids('zhufgjj')[0]).toBe('000301001000');
  });

  it('bundles are found by name, alias and the names of their items', () => {
    expect(search(index, 'kcg')[0]).toMatchObject({ id: 'B-restaurant', kind: 'bundle' });
    expect(search(index, '开饭店')[0]).toMatchObject({ id: 'B-restaurant', kind: 'bundle', matchedField: 'alias', matchKind: 'exact' });
  });
});

describe('searchEntriesFromCatalog', () => {
  const item = (basicCode: string, name: string, aliases: string[], departmentCode: string, handling: { code: string; name: string }[]) => ({
    basicCode,
    name,
    aliases,
    type: 'administrativeLicence' as const,
    departmentCode,
    handlingItems: handling,
    acceptanceConditions: ['符合条件'],
    legalBasis: ['《中华人民共和国行政许可法》'],
    statutoryLimit: { kind: 'workingDays' as const, days: 20 },
    promisedLimit: { kind: 'workingDays' as const, days: 5 },
    caseType: 'promised' as const,
    fee: { charged: false as const },
    onSiteVisits: { count: 1 },
    materials: [{ id: 'm1', name: '申请书', type: 'original' as const, forms: ['paper' as const], copies: 1, necessity: 'required' as const, source: 'applicant' as const, acceptanceStandard: '签字' }],
  });
  const input: CatalogInput = {
    schemaVersion: 1,
    version: '2026.11.1',
    effectiveDate: '2026-11-01',
    publisher: '市政务服务数据管理局',
    departments: [
      { code: 'SCJG', name: '市场监督管理局', shortName: '市场监管' },
      { code: 'GA', name: '公安局' },
    ],
    items: [
      item('000105001000', '个体工商户设立登记', ['办营业执照'], 'SCJG', [{ code: '11440300MB2C12345X000105001000001', name: '个体工商户设立登记' }]),
      item('000105005000', '食品经营许可证核发', [], 'SCJG', [
        { code: '11440300MB2C12345X000105005000001', name: '新办' },
        { code: '11440300MB2C12345X000105005000002', name: '延续' },
      ]),
      item('000201001000', '居民身份证换领', ['换身份证'], 'GA', [{ code: '11440300MB2C12345X000201001000001', name: '居民身份证换领' }]),
    ],
    bundles: [{ id: 'B1', name: '开餐馆一件事', aliases: ['开饭店'], description: '个体户+食品经营', items: [{ basicCode: '000105001000' }, { basicCode: '000105005000' }] }],
  };
  const catalog = Catalog.parse(input);
  const entries = searchEntriesFromCatalog(catalog);

  it('builds item and bundle entries', () => {
    expect(entries).toHaveLength(4);
    expect(entries[1]).toEqual({
      id: '000105005000',
      kind: 'item',
      name: '食品经营许可证核发',
      aliases: [],
      codes: ['000105005000', '11440300MB2C12345X000105005000001', '11440300MB2C12345X000105005000002'],
      extra: ['市场监督管理局', '市场监管', '新办', '延续'],
    });
    expect(entries[0]!.extra).toEqual(['市场监督管理局', '市场监管']); // handling item named like the item is not repeated
    expect(entries[3]).toEqual({ id: 'B1', kind: 'bundle', name: '开餐馆一件事', aliases: ['开饭店'], codes: [], extra: ['个体工商户设立登记', '食品经营许可证核发'] });
  });

  it('is searchable end to end', () => {
    const idx = buildSearchIndex(entries);
    expect(search(idx, 'hsfz')[0]?.id).toBe('000201001000');
    expect(search(idx, '11440300MB2C12345X000105005000002')[0]).toMatchObject({ id: '000105005000', matchedField: 'code', matchKind: 'exact' });
    expect(search(idx, 'yyzz')[0]?.id).toBe('000105001000');
    expect(search(idx, 'kfd')[0]).toMatchObject({ id: 'B1', kind: 'bundle' });
  });
});

/**
 * The index walks the tiers with early stops; this compares it with a plain
 * reference that scores every entry by the documented rules and sorts.
 */
describe('search agrees with a brute-force reference', () => {
  const subjects = ['阿饿', '个体工商户', '有限责任公司', '食品经营许可证', '居民身份证', '住房公积金', '医保异地就医', '银行业金融机构', '机动车驾驶证', '营业执照', '重庆市居住证', '会计师事务所', 'ABC类资质'];
  const actions = ['设立登记', '变更登记', '注销', '核发', '换领', '补领', '备案', '提取', '申领'];
  const quals = ['', '（告知承诺制）', '（个人）', '（单位）'];
  const entries: SearchEntryInput[] = [];
  let n = 0;
  subjects.forEach((s, si) =>
    actions.forEach((a, ai) =>
      quals.forEach((qu, qi) => {
        if ((si + ai + qi) % 3 === 1) return;
        n++;
        const code = `${String(si + 1).padStart(2, '0')}${String(ai + 1).padStart(2, '0')}${String(qi + 1).padStart(2, '0')}000000`;
        entries.push({
          id: code,
          kind: n % 17 === 0 ? 'bundle' : 'item',
          name: s + a + qu,
          aliases: n % 3 === 0 ? [a.slice(0, 1) + s.slice(0, 3)] : n % 5 === 0 ? ['营业执照', '办证'] : [],
          codes: [code, `11440300MB2C${code}00${(n % 3) + 1}`],
          extra: [['市场监督管理局', '公安局', '住房公积金管理中心'][si % 3]!, `${s}${a}（变更）`],
          boost: n % 11 === 0 ? 1 : undefined,
        });
      }),
    ),
  );
  const idx = buildSearchIndex(entries);

  const formCache = new Map<string, { norm: string; py: string; ini: string; starts: number[]; chars: string[]; syls: string[] }>();
  const forms = (text: string) => {
    const cached = formCache.get(text);
    if (cached) return cached;
    const norm = normalizeQuery(text);
    const chars = Array.from(norm);
    const arr = pinyin(norm, { toneType: 'none', type: 'array', v: true });
    const syls = chars.map((c, i) => (/^[a-z0-9]$/.test(c) ? c : arr.length === chars.length && /^[a-z]+$/.test(arr[i]!) && arr[i] !== c ? arr[i]! : ''));
    const starts: number[] = [];
    let py = '';
    for (const s of syls) {
      if (!s) continue;
      starts.push(py.length);
      py += s;
    }
    const f = { norm, py, ini: syls.filter(Boolean).map((s) => s[0]).join(''), starts, chars, syls };
    formCache.set(text, f);
    return f;
  };
  const boundary = (f: ReturnType<typeof forms>, q: string, from: number) => f.starts.some((st) => st >= from && f.py.startsWith(q, st));
  /** hanzi literally, any other character by a non-empty prefix of its syllable; symbols skippable inside. 2 from start, 1 later, 0 no */
  const refMixed = (f: ReturnType<typeof forms>, q: string): number => {
    const go = (qi: number, ki: number): boolean => {
      if (qi === q.length) return true;
      if (ki === f.chars.length) return false;
      const ch = f.chars[ki]!;
      const syl = f.syls[ki]!;
      if ((syl === '' || syl !== ch) && q.startsWith(ch, qi) && go(qi + ch.length, ki + 1)) return true;
      if (syl) {
        for (let l = 1; l <= syl.length; l++) if (q.slice(qi, qi + l) === syl.slice(0, l) && go(qi + l, ki + 1)) return true;
      } else if (qi > 0 && go(qi, ki + 1)) return true;
      return false;
    };
    if (go(0, 0)) return 2;
    for (let s = 1; s < f.chars.length; s++) if (go(0, s)) return 1;
    return 0;
  };
  const reference = (q: string, limit: number) => {
    const latin = /^[a-z0-9]+$/.test(q);
    const mixed = !latin && /[a-z]/.test(q);
    const scored = entries.map((e, order) => {
      let best = -1;
      const fields: [string, 'name' | 'alias' | 'code' | 'extra'][] = [[e.name, 'name'], ...e.aliases.map((a) => [a, 'alias'] as [string, 'alias']), ...e.codes.map((c) => [c, 'code'] as [string, 'code']), ...(e.extra ?? []).map((x) => [x, 'extra'] as [string, 'extra'])];
      for (const [text, field] of fields) {
        const f = forms(text);
        const s = (() => {
          if (field === 'code') return f.norm === q ? 90 : f.norm.startsWith(q) ? 60 : f.norm.includes(q) ? 35 : -1;
          if (field === 'extra') return f.norm.includes(q) ? 20 : latin && f.py !== f.norm && boundary(f, q, 0) ? 15 : latin && f.ini !== f.norm && f.ini.includes(q) ? 10 : mixed && refMixed(f, q) ? 8 : -1;
          const isName = field === 'name';
          if (f.norm === q) return isName ? 100 : 95;
          if (f.norm.startsWith(q)) return isName ? 85 : 75;
          if (mixed && refMixed(f, q) === 2) return 62;
          if (latin && (f.ini === q || f.py === q)) return 80;
          if (latin && f.ini.startsWith(q)) return 70;
          if (latin && f.py.startsWith(q)) return 65;
          if (f.norm.includes(q)) return isName ? 55 : 50;
          if (latin && boundary(f, q, 1)) return 45;
          if (latin && f.ini.includes(q)) return 40;
          if (mixed && refMixed(f, q) === 1) return 42;
          return -1;
        })();
        best = Math.max(best, s);
      }
      return { id: e.id, score: best, boost: e.boost ?? 0, len: Array.from(e.name).length, order };
    });
    return scored
      .filter((s) => s.score >= 0)
      .sort((a, b) => b.score - a.score || b.boost - a.boost || a.len - b.len || a.order - b.order)
      .slice(0, limit)
      .map((s) => `${s.id}:${s.score}`);
  };

  const queries = new Set<string>(['营业zz', 'yy执照', '身份zheng', '公积j', 'g积金', 'c公', 'y业', '登j', 'a类', 'a类zz', '重q', 'kuai计', 'x可', 'zhu房', '局gl', '（geren', 'ling个人', 'bl个r', 'dj单位', '1', '11', '1144', '0', '00', '000000', '0102', '11440300mb2c', 'mb2c', 'y', 'yy', 'yyzz', 'z', 'zh', 'zhizhao', 'jizhao', 'dj', 'dengji', 'deng', 'gongsi', 'gs', 'sfz', 'gjj', 'gongjijin', 'tq', 'ji', 'a', 'abc', 'abcl', 'lei', 'zizhi', 'cq', 'chongqing', 'kuaiji', 'yinhang', 'yh', 'hang', 'scjdglj', 'jianduguanli', 'gaj', 'biangeng', 'bg', 'gzcnz', 'gaozhichengnuozhi', 'geren', 'danwei', '(', ')', '）', '登记', '登', '证', '营业执照', '办证', '公司', '变更', '公安局', '管理', '许可证核发', '身份证换领', '（个人）', '会计', '重庆', '银行']);
  for (const e of entries.slice(0, 60)) {
    const f = forms(e.name);
    queries.add(f.ini);
    queries.add(f.py);
    queries.add(f.py.slice(0, Math.max(1, f.py.length - 2)));
    queries.add(f.ini.slice(1, 4));
    queries.add(Array.from(e.name).slice(2, 5).join(''));
    queries.add(e.codes[1]!.slice(6, 16).toLowerCase());
  }

  it.each([1, 3, 20, 200])('same ids, order and scores for %i results', (limit) => {
    const mismatches: string[] = [];
    for (const q of queries) {
      const ours = search(idx, q, limit).map((h) => `${h.id}:${h.score}`);
      const ref = reference(normalizeQuery(q), limit);
      if (ref.length === 0 && ours.length > 0 && ours.every((o) => o.endsWith(`:${SCORE.abbreviated}`))) continue; // abbreviation fallback
      if (JSON.stringify(ours) !== JSON.stringify(ref)) mismatches.push(`${q}\n  ours ${ours.slice(0, 8).join(' ')}\n  ref  ${ref.slice(0, 8).join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });
});
