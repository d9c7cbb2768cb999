import { describe, expect, it } from 'vitest';
import { formatFee, formatList, formatOnSiteVisits, formatTimeLimit, formatYesNo, labels, timeLimitDays } from './format';
import { CaseType, ItemType, MaterialForm, MaterialSource, MaterialType, Necessity, PaperSize } from './schema';
import { locales } from '../i18n';

describe('formatTimeLimit', () => {
  it('formats 即办 and working days in both languages', () => {
    expect(formatTimeLimit({ kind: 'immediate' }, 'zh-CN')).toBe('即办');
    expect(formatTimeLimit({ kind: 'immediate' }, 'en-US')).toBe('Same day');
    expect(formatTimeLimit({ kind: 'workingDays', days: 5 }, 'zh-CN')).toBe('5个工作日');
    expect(formatTimeLimit({ kind: 'workingDays', days: 5 }, 'en-US')).toBe('5 working days');
    expect(formatTimeLimit({ kind: 'workingDays', days: 1 }, 'en-US')).toBe('1 working day');
  });
  it('counts 即办 as 0 days', () => {
    expect(timeLimitDays({ kind: 'immediate' })).toBe(0);
    expect(timeLimitDays({ kind: 'workingDays', days: 7 })).toBe(7);
  });
});

describe('formatFee', () => {
  it('says 不收费, never 无', () => {
    expect(formatFee({ charged: false }, 'zh-CN')).toBe('不收费');
    expect(formatFee({ charged: false }, 'zh-CN')).not.toContain('无');
    expect(formatFee({ charged: false }, 'en-US')).toBe('Free of charge');
  });
  it('lists charged fee items, optionally with the basis', () => {
    const fee = {
      charged: true as const,
      basis: '发改价格〔2017〕1186号',
      items: [
        { name: '工本费', amount: '20元' },
        { name: '加急费', amount: '30元' },
      ],
    };
    expect(formatFee(fee, 'zh-CN')).toBe('收费：工本费 20元；加急费 30元');
    expect(formatFee(fee, 'en-US')).toBe('Charged: 工本费 20元; 加急费 30元');
    expect(formatFee(fee, 'zh-CN', { withBasis: true })).toBe('收费：工本费 20元；加急费 30元（依据：发改价格〔2017〕1186号）');
    expect(formatFee({ charged: true, basis: '', items: [] }, 'en-US', { withBasis: true })).toBe('Charged');
  });
});

describe('small helpers', () => {
  it('visits, yes/no, lists', () => {
    expect(formatOnSiteVisits({ count: 0 }, 'zh-CN')).toBe('0次');
    expect(formatOnSiteVisits({ count: 0 }, 'en-US')).toBe('No visit');
    expect(formatOnSiteVisits({ count: 1, reason: '核验原件' }, 'zh-CN')).toBe('1次（核验原件）');
    expect(formatOnSiteVisits({ count: 2, reason: 'check' }, 'en-US')).toBe('2 visits (check)');
    expect(formatYesNo(true, 'zh-CN')).toBe('是');
    expect(formatYesNo(false, 'en-US')).toBe('No');
    expect(formatList(['a', 'b'], 'zh-CN')).toBe('a；b');
    expect(formatList(['a', 'b'], 'en-US')).toBe('a; b');
  });
});

describe('labels', () => {
  it('uses the catalog terms', () => {
    expect(labels['zh-CN'].necessity.deferrable).toBe('容缺后补');
    expect(labels['zh-CN'].caseType).toEqual({ immediate: '即办件', promised: '承诺件' });
    expect(labels['zh-CN'].itemType.administrativeLicence).toBe('行政许可');
    expect(labels['zh-CN'].materialType.originalOrCopy).toBe('原件或复印件');
    expect(labels['zh-CN'].materialSource.government).toBe('政府部门核发');
    expect(labels['en-US'].itemType.publicService).toBe('Public service');
  });
  it('has a non-empty label for every enum value in both languages', () => {
    const tables = [
      ['itemType', ItemType.options],
      ['materialType', MaterialType.options],
      ['materialForm', MaterialForm.options],
      ['necessity', Necessity.options],
      ['materialSource', MaterialSource.options],
      ['caseType', CaseType.options],
      ['paperSize', PaperSize.options],
      ['resultType', ['licence', 'certificate', 'approvalDocument', 'filingReceipt', 'other']],
    ] as const;
    for (const locale of locales)
      for (const [table, values] of tables) {
        const t = labels[locale][table] as Record<string, string>;
        expect(Object.keys(t).sort()).toEqual([...values].sort());
        for (const v of values) expect(t[v]?.trim()).toBeTruthy();
      }
  });
});
