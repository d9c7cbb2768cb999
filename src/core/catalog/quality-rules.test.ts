import { describe, expect, it } from 'vitest';
import type { Catalog, Item } from './schema';
import { makeCatalog } from '../../../test/fixtures/catalog';
import { checkCatalogQuality, isPlaceholderText, qualityCodes as C, qualityRules, splitNumberedList, type QualityRule } from './quality';
import type { CatalogIssue } from './issues';

function issuesAfter(change: (c: Catalog) => void): CatalogIssue[] {
  const c = makeCatalog();
  change(c);
  return checkCatalogQuality(c);
}
const food = (c: Catalog): Item => c.items[0]!;
const brief = (issues: CatalogIssue[]) => issues.map((i) => `${i.severity} ${i.code} @ ${i.path}`);

describe('the rule table', () => {
  it('names every rule once, with a severity and a scope', () => {
    const ids = qualityRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of qualityRules) {
      expect(['warning', 'error']).toContain(r.severity);
      expect(['catalog', 'item', 'bundle']).toContain(r.appliesTo);
    }
  });

  it('takes a new rule as one table entry, reported with its severity in document order', () => {
    const extra: QualityRule = {
      id: 'nameNotTest',
      severity: 'warning',
      appliesTo: 'item',
      check: (ctx, item, at) => {
        if (item.name.includes('卫生')) ctx.report('test.name', at('name'), '名称含“卫生”', 'name contains 卫生');
      },
    };
    const issues = checkCatalogQuality(makeCatalog(), {}, [...qualityRules, extra]);
    expect(brief(issues)).toEqual(['warning test.name @ items[1].name']);
  });
});

describe('implementations of one basic code', () => {
  it('accepts a second department implementing the same basic code', () => {
    const issues = issuesAfter((c) => {
      const second = structuredClone(food(c));
      food(c).implementationCode = 'IMPL-SCJG';
      second.implementationCode = 'IMPL-WJJ';
      second.departmentCode = 'WJJ';
      second.handlingItems = second.handlingItems.map((h) => ({ ...h, code: `${h.code}-Q` }));
      second.materials = second.materials.map((m) => ({ ...m, handlingItems: m.handlingItems.map((h) => `${h}-Q`) }));
      c.items.push(second);
    });
    expect(brief(issues)).toEqual([]);
  });

  it('still refuses the same basic code twice in an old catalog, and a repeated implementation code', () => {
    const old = issuesAfter((c) => c.items.push({ ...structuredClone(food(c)), handlingItems: [{ code: 'x', name: '新办' }], materials: [food(c).materials[0]!] }));
    expect(brief(old)).toContain('error duplicate.basicCode @ items[2].basicCode');
    const twice = issuesAfter((c) => {
      food(c).implementationCode = 'SAME';
      c.items.push({ ...structuredClone(food(c)), departmentCode: 'WJJ', handlingItems: [{ code: 'x', name: '新办' }], materials: [food(c).materials[0]!] });
    });
    expect(brief(twice)).toContain('error duplicate.implementationCode @ items[2].implementationCode');
  });

  it('warns when one department implements a basic code twice at the same level', () => {
    const issues = issuesAfter((c) => {
      food(c).implementationCode = 'A';
      c.items.push({ ...structuredClone(food(c)), implementationCode: 'B', handlingItems: [{ code: 'x', name: '新办' }], materials: [food(c).materials[0]!] });
    });
    expect(brief(issues)).toContain(`warning ${C.sameDepartmentTwice} @ items[2].implementationCode`);
  });
});

describe('limits', () => {
  it('flags a limit whose number contradicts its own explanation', () => {
    const issues = issuesAfter((c) => {
      food(c).statutoryLimit = { kind: 'workingDays', days: 30, explanation: '自受理之日起20个工作日内作出决定' };
    });
    expect(brief(issues)).toEqual([`warning ${C.limitContradictsExplanation} @ items[0].statutoryLimit.explanation`]);
    expect(issues[0]!.message['zh-CN']).toContain('与说明中的 20 日不符');
  });

  it('flags a unit that contradicts the explanation, and a number on 无法定时限', () => {
    expect(brief(issuesAfter((c) => (food(c).statutoryLimit = { kind: 'workingDays', days: 60, explanation: '60个自然日' })))).toEqual([
      `warning ${C.limitContradictsExplanation} @ items[0].statutoryLimit.explanation`,
    ]);
    expect(brief(issuesAfter((c) => (food(c).statutoryLimit = { kind: 'none', explanation: '一般30日' })))).toEqual([
      `warning ${C.limitContradictsExplanation} @ items[0].statutoryLimit.explanation`,
    ]);
  });

  it('accepts matching explanations, calendar days against calendar days, and explanations with several figures', () => {
    expect(issuesAfter((c) => (food(c).statutoryLimit = { kind: 'calendarDays', days: 60, explanation: '自申请之日起60日内' }))).toEqual([]);
    expect(issuesAfter((c) => (food(c).statutoryLimit = { kind: 'workingDays', days: 20, explanation: '20个工作日，可延长10个工作日' }))).toEqual([]);
  });

  it('refuses 无法定时限 as a promise', () => {
    expect(brief(issuesAfter((c) => (food(c).promisedLimit = { kind: 'none' })))).toEqual([`error ${C.promisedLimitNone} @ items[0].promisedLimit`]);
  });

  it('compares a promise in calendar days with a statutory limit in working days', () => {
    // 60 自然日 ≈ 43 工作日 > 20 工作日
    expect(brief(issuesAfter((c) => (food(c).promisedLimit = { kind: 'calendarDays', days: 60 })))).toContain(`error ${C.promisedExceedsStatutory} @ items[0].promisedLimit`);
  });
});

describe('placeholder text where a real value is required', () => {
  it('recognises placeholders and leaves real text alone', () => {
    for (const p of ['无', '暂无', '符合以上条件', '见附件', '详见办事指南', '参见相关规定。', '/', '同上']) expect(isPlaceholderText(p), p).toBe(true);
    for (const t of ['申请人已取得营业执照', '《食品安全法》第三十五条', '详见办事指南，并按要求提交申请人身份证明和经营场所证明等全部材料']) expect(isPlaceholderText(t), t).toBe(false);
  });

  it('reports conditions, legal basis and acceptance standards that say nothing, all in one pass', () => {
    const issues = issuesAfter((c) => {
      food(c).acceptanceConditions = ['符合以上条件'];
      food(c).legalBasis = ['详见附件'];
      food(c).materials[0]!.acceptanceStandard = '无';
    });
    expect(brief(issues)).toEqual([
      `error ${C.placeholderText} @ items[0].acceptanceConditions[0]`,
      `error ${C.placeholderText} @ items[0].legalBasis[0]`,
      `error ${C.placeholderText} @ items[0].materials[0].acceptanceStandard`,
    ]);
  });
});

describe('fees', () => {
  it('reports each fee item without a basis when the fee names none but some items do', () => {
    const issues = issuesAfter((c) => {
      food(c).fee = { charged: true, basis: '', items: [{ name: '工本费', amount: '10元', basis: '某某文件' }, { name: '加急费', amount: '20元' }] };
    });
    expect(brief(issues)).toEqual([`error ${C.feeItemBasisRequired} @ items[0].fee.items[1].basis`]);
  });

  it('accepts a basis on every fee item instead of one for the fee', () => {
    expect(issuesAfter((c) => (food(c).fee = { charged: true, basis: '', items: [{ name: '工本费', amount: '10元', basis: '某某文件' }] }))).toEqual([]);
  });

  it('checks a handling item’s own fee as well', () => {
    const issues = issuesAfter((c) => (food(c).handlingItems[1]!.fee = { charged: true, basis: '', items: [{ name: '工本费', amount: '10元' }] }));
    expect(brief(issues)).toEqual([`error ${C.feeBasisRequired} @ items[0].handlingItems[1].fee.basis`]);
  });
});

describe('acceptance conditions written as one numbered text', () => {
  it('warns and says how many conditions it holds', () => {
    const issues = issuesAfter((c) => (food(c).acceptanceConditions = ['申请人应当符合下列条件：（一）具有营业执照；（二）具有经营场所；（三）具有管理制度。']));
    expect(brief(issues)).toEqual([`warning ${C.conditionsBlob} @ items[0].acceptanceConditions[0]`]);
    expect(issues[0]!.message['zh-CN']).toContain('3 条');
  });

  it('splits numbered texts in the usual styles', () => {
    expect(splitNumberedList('1.有营业执照；2.有场所')).toEqual(['1.有营业执照；', '2.有场所']);
    expect(splitNumberedList('一、有营业执照。二、有场所。')).toEqual(['一、有营业执照。', '二、有场所。']);
    expect(splitNumberedList('具有营业执照')).toEqual(['具有营业执照']);
  });
});
