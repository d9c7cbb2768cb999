import { describe, expect, it } from 'vitest';
import { Catalog as CatalogSchema, type Catalog, type Item } from './schema';
import { FOOD_CODE, HYGIENE_CODE, makeCatalog, makeMaterial, makeQuestion } from '../../../test/fixtures/catalog';
import { checkCatalogQuality, qualityCodes as C } from './quality';
import type { CatalogIssue } from './issues';

/** Applies a change to a fresh fixture and returns the issues. */
function issuesAfter(change: (c: Catalog) => void): CatalogIssue[] {
  const c = makeCatalog();
  change(c);
  return checkCatalogQuality(c);
}
const food = (c: Catalog): Item => c.items[0]!;
const hygiene = (c: Catalog): Item => c.items[1]!;
const brief = (issues: CatalogIssue[]) => issues.map((i) => `${i.severity} ${i.code} @ ${i.path}`);

describe('fixture', () => {
  it('is structurally valid and passes every quality rule without warnings', () => {
    const c = makeCatalog();
    expect(CatalogSchema.safeParse(c).success).toBe(true);
    expect(checkCatalogQuality(c)).toEqual([]);
  });

  it('returns a fresh copy each time', () => {
    const a = makeCatalog();
    food(a).name = 'changed';
    expect(food(makeCatalog()).name).toBe('食品经营许可');
  });
});

describe('issue shape', () => {
  it('has path, code, severity and a message in both languages naming the value', () => {
    const issues = issuesAfter((c) => (food(c).departmentCode = 'XYZ'));
    expect(issues).toEqual([
      {
        path: 'items[0].departmentCode',
        code: 'ref.department',
        severity: 'error',
        message: { 'zh-CN': '引用的部门编码 "XYZ" 不存在', 'en-US': 'department code "XYZ" does not exist' },
      },
    ]);
  });

  it('lists every problem, not just the first, in document order', () => {
    const issues = issuesAfter((c) => {
      food(c).departmentCode = 'XYZ';
      food(c).onSiteVisits = { count: 2 };
      hygiene(c).results[0]!.sample = '';
    });
    expect(brief(issues)).toEqual([
      'error ref.department @ items[0].departmentCode',
      'error visits.reasonRequired @ items[0].onSiteVisits.reason',
      'error result.sampleRequired @ items[1].results[0].sample',
    ]);
  });
});

describe('rule 1: 即办 ⇔ 即办件', () => {
  it('passes for a consistent same-day item', () => {
    const issues = issuesAfter((c) => {
      food(c).promisedLimit = { kind: 'immediate' };
      food(c).caseType = 'immediate';
      food(c).handlingItems[2]!.promisedLimit = { kind: 'immediate' };
    });
    expect(issues).toEqual([]);
  });

  it('promised limit 即办 requires case type 即办件', () => {
    const issues = issuesAfter((c) => (food(c).promisedLimit = { kind: 'immediate' }));
    expect(brief(issues)).toEqual([`error ${C.immediateLimitNeedsImmediateCase} @ items[0].caseType`]);
    expect(issues[0]!.message['zh-CN']).toContain('承诺件');
  });

  it('case type 即办件 requires promised limit 即办', () => {
    const issues = issuesAfter((c) => (food(c).caseType = 'immediate'));
    expect(brief(issues)).toContain(`error ${C.immediateCaseNeedsImmediateLimit} @ items[0].promisedLimit`);
    const issue = issues.find((i) => i.code === C.immediateCaseNeedsImmediateLimit)!;
    expect(issue.message['zh-CN']).toContain('5个工作日');
    expect(issue.message['en-US']).toContain('5 working days');
  });

  it('a handling item promising 即办 in a 承诺件 item is an error', () => {
    const issues = issuesAfter((c) => (food(c).handlingItems[1]!.promisedLimit = { kind: 'immediate' }));
    expect(brief(issues)).toEqual([
      `error ${C.handlingItemImmediateInPromisedCase} @ items[0].handlingItems[1].promisedLimit`,
    ]);
    expect(issues[0]!.message['en-US']).toContain(`${FOOD_CODE}-02`);
  });

  it('a handling item promising days in a 即办件 item is an error', () => {
    const issues = issuesAfter((c) => {
      food(c).promisedLimit = { kind: 'immediate' };
      food(c).caseType = 'immediate';
      // handlingItems[2] keeps its 3-working-day override
    });
    expect(brief(issues)).toEqual([
      `error ${C.handlingItemNotImmediateInImmediateCase} @ items[0].handlingItems[2].promisedLimit`,
    ]);
  });
});

describe('rule 2: on-site visits ≠ 0 ⇒ reason', () => {
  it('passes with 0 visits and no reason, or visits with a reason', () => {
    expect(issuesAfter((c) => (food(c).onSiteVisits = { count: 0 }))).toEqual([]);
    expect(issuesAfter((c) => (food(c).onSiteVisits = { count: 2, reason: '现场勘验' }))).toEqual([]);
  });
  it('fails for visits without a reason or with a blank one', () => {
    for (const visits of [{ count: 1 }, { count: 1, reason: '  ' }]) {
      const issues = issuesAfter((c) => (food(c).onSiteVisits = visits));
      expect(brief(issues)).toEqual([`error ${C.visitsReasonRequired} @ items[0].onSiteVisits.reason`]);
      expect(issues[0]!.message['zh-CN']).toContain('1 次');
    }
  });
});

describe('rule 3: charged ⇒ basis and fee items', () => {
  it('passes for a fully described fee', () => {
    const issues = issuesAfter(
      (c) => (food(c).fee = { charged: true, basis: '发改价格〔2017〕1186号', items: [{ name: '工本费', amount: '10元' }] }),
    );
    expect(issues).toEqual([]);
  });
  it('fails without basis', () => {
    const issues = issuesAfter((c) => (food(c).fee = { charged: true, basis: '', items: [{ name: '工本费', amount: '10元' }] }));
    expect(brief(issues)).toEqual([`error ${C.feeBasisRequired} @ items[0].fee.basis`]);
  });
  it('fails without fee items', () => {
    const issues = issuesAfter((c) => (food(c).fee = { charged: true, basis: '某依据', items: [] }));
    expect(brief(issues)).toEqual([`error ${C.feeItemsRequired} @ items[0].fee.items`]);
  });
});

describe('rule 4: result ⇒ sample', () => {
  it('passes with no results at all', () => {
    expect(issuesAfter((c) => (food(c).results = []))).toEqual([]);
  });
  it('fails for a missing or blank sample, naming the result', () => {
    const issues = issuesAfter((c) => {
      delete food(c).results[0]!.sample;
      hygiene(c).results[0]!.sample = ' ';
    });
    expect(brief(issues)).toEqual([
      `error ${C.resultSampleRequired} @ items[0].results[0].sample`,
      `error ${C.resultSampleRequired} @ items[1].results[0].sample`,
    ]);
    expect(issues[0]!.message['zh-CN']).toContain('"食品经营许可证"');
  });
});

describe('rule 5: unique codes', () => {
  it('department codes', () => {
    const issues = issuesAfter((c) => c.departments.push({ code: 'SCJG', name: '另一个' }));
    expect(brief(issues)).toEqual([`error ${C.duplicateDepartmentCode} @ departments[2].code`]);
    expect(issues[0]!.message['en-US']).toBe('department code "SCJG" is duplicated (same as departments[0])');
  });
  it('theme ids', () => {
    const issues = issuesAfter((c) => c.themes.push({ id: 'newborn', name: 'x', audience: 'person' }));
    expect(brief(issues)).toEqual([`error ${C.duplicateThemeId} @ themes[2].id`]);
  });
  it('item basic codes', () => {
    const issues = issuesAfter((c) => (hygiene(c).basicCode = FOOD_CODE));
    expect(brief(issues)).toContain(`error ${C.duplicateBasicCode} @ items[1].basicCode`);
  });
  it('handling item codes, catalog-wide', () => {
    const inItem = issuesAfter((c) => (food(c).handlingItems[1]!.code = `${FOOD_CODE}-01`));
    expect(brief(inItem)).toContain(`error ${C.duplicateHandlingItemCode} @ items[0].handlingItems[1].code`);
    const acrossItems = issuesAfter((c) => (hygiene(c).handlingItems[0]!.code = `${FOOD_CODE}-03`));
    expect(brief(acrossItems)).toContain(`error ${C.duplicateHandlingItemCode} @ items[1].handlingItems[0].code`);
    expect(acrossItems.find((i) => i.code === C.duplicateHandlingItemCode)!.message['zh-CN']).toContain(
      'items[0].handlingItems[2]',
    );
  });
  it('bundle ids', () => {
    const issues = issuesAfter((c) => c.bundles.push({ ...c.bundles[0]! }));
    expect(brief(issues)).toEqual([`error ${C.duplicateBundleId} @ bundles[1].id`]);
  });
  it('material ids within an item (the same id in two items is fine)', () => {
    expect(food(makeCatalog()).materials[0]!.id).toBe(hygiene(makeCatalog()).materials[0]!.id);
    const issues = issuesAfter((c) => (food(c).materials[9]!.id = 'lease'));
    expect(brief(issues)).toEqual([`error ${C.duplicateMaterialId} @ items[0].materials[9].id`]);
  });
  it('question ids within an item', () => {
    const issues = issuesAfter((c) => (food(c).situations[1]!.id = 'agent'));
    expect(brief(issues)).toContain(`error ${C.duplicateQuestionId} @ items[0].situations[1].id`);
  });
  it('option ids within a question', () => {
    const issues = issuesAfter((c) => (food(c).situations[0]!.options[1]!.id = 'self'));
    expect(brief(issues)).toContain(`error ${C.duplicateOptionId} @ items[0].situations[0].options[1].id`);
  });
});

describe('rule 6: references resolve', () => {
  it('item department', () => {
    expect(brief(issuesAfter((c) => (hygiene(c).departmentCode = 'NOPE')))).toEqual([
      `error ${C.unknownDepartment} @ items[1].departmentCode`,
    ]);
  });
  it('co-handling departments', () => {
    const issues = issuesAfter((c) => hygiene(c).coHandlingDepartmentCodes.push('GAJ'));
    expect(brief(issues)).toEqual([`error ${C.unknownCoHandlingDepartment} @ items[1].coHandlingDepartmentCodes[1]`]);
    expect(issues[0]!.message['zh-CN']).toContain('"GAJ"');
  });
  it('themes of items and bundles', () => {
    const issues = issuesAfter((c) => {
      food(c).themeIds.push('retire');
      c.bundles[0]!.themeIds = ['open-business', 'newborn', 'x'];
    });
    expect(brief(issues)).toEqual([
      `error ${C.unknownTheme} @ items[0].themeIds[1]`,
      `error ${C.unknownTheme} @ bundles[0].themeIds[2]`,
    ]);
  });
  it('bundle item basic code', () => {
    const issues = issuesAfter((c) => (c.bundles[0]!.items[1]!.basicCode = '999999999999'));
    expect(brief(issues)).toEqual([`error ${C.unknownBundleItem} @ bundles[0].items[1].basicCode`]);
  });
  it('bundle handling item must belong to that item (not another)', () => {
    const issues = issuesAfter((c) => (c.bundles[0]!.items[1]!.handlingItemCode = `${HYGIENE_CODE}-01`));
    expect(brief(issues)).toEqual([`error ${C.unknownBundleHandlingItem} @ bundles[0].items[1].handlingItemCode`]);
    expect(issues[0]!.message['zh-CN']).toContain('食品经营许可');
  });
  it('a bundle item without a handling item code is fine', () => {
    expect(issuesAfter((c) => delete c.bundles[0]!.items[0]!.handlingItemCode)).toEqual([]);
  });
  it('appliesWhen question and options', () => {
    const issues = issuesAfter((c) => {
      food(c).materials[3]!.appliesWhen = [{ questionId: 'agnet', optionIds: ['agent'] }];
      food(c).materials[5]!.appliesWhen = [{ questionId: 'premises', optionIds: ['leased', 'rented'] }];
    });
    expect(brief(issues)).toEqual([
      `error ${C.unknownQuestion} @ items[0].materials[3].appliesWhen[0].questionId`,
      `error ${C.unknownOption} @ items[0].materials[5].appliesWhen[0].optionIds[1]`,
      // 'agent' is now referenced by nothing
      `error ${C.questionWithoutEffect} @ items[0].situations[0]`,
    ]);
    expect(issues[1]!.message['en-US']).toBe('question "premises" has no option "rented"');
  });
  it('a question of another item does not resolve', () => {
    const issues = issuesAfter((c) => food(c).materials[0]!.appliesWhen.push({ questionId: 'central-ac', optionIds: ['yes'] }));
    expect(brief(issues)).toEqual([`error ${C.unknownQuestion} @ items[0].materials[0].appliesWhen[0].questionId`]);
  });
  it('askWhen question and options', () => {
    const issues = issuesAfter((c) => (food(c).situations[2]!.askWhen = [{ questionId: 'premises', optionIds: ['rented'] }]));
    expect(brief(issues)).toEqual([`error ${C.unknownOption} @ items[0].situations[2].askWhen[0].optionIds[0]`]);
    const unknown = issuesAfter((c) => (food(c).situations[2]!.askWhen = [{ questionId: 'nope', optionIds: ['x'] }]));
    expect(brief(unknown)).toContain(`error ${C.unknownQuestion} @ items[0].situations[2].askWhen[0].questionId`);
  });
  it('material handling items within the item', () => {
    const issues = issuesAfter((c) => (food(c).materials[9]!.handlingItems = [`${FOOD_CODE}-02`, `${HYGIENE_CODE}-01`]));
    expect(brief(issues)).toEqual([`error ${C.unknownMaterialHandlingItem} @ items[0].materials[9].handlingItems[1]`]);
  });
});

describe('rule 7: every question has an effect', () => {
  it('a question referenced only by a follow-up question has an effect', () => {
    // 'premises' is also used by materials; remove those uses and keep the follow-up.
    const issues = issuesAfter((c) => {
      food(c).materials[4]!.appliesWhen = [];
      food(c).materials[5]!.appliesWhen = [];
    });
    expect(issues).toEqual([]);
  });
  it('a question nobody references is an error', () => {
    const issues = issuesAfter((c) => food(c).situations.push(makeQuestion({ id: 'idle', text: '无用的问题？' })));
    expect(brief(issues)).toEqual([`error ${C.questionWithoutEffect} @ items[0].situations[3]`]);
    expect(issues[0]!.message['zh-CN']).toContain('无用的问题？');
  });
});

describe('rule 8: promised ≤ statutory', () => {
  it('passes when equal, and for 即办 promised under any statutory limit', () => {
    expect(issuesAfter((c) => (food(c).promisedLimit = { kind: 'workingDays', days: 20 }))).toEqual([]);
    expect(
      issuesAfter((c) => {
        food(c).promisedLimit = { kind: 'immediate' };
        food(c).caseType = 'immediate';
        delete food(c).handlingItems[2]!.promisedLimit;
      }),
    ).toEqual([]);
  });
  it('fails when the promised limit exceeds the statutory one', () => {
    const issues = issuesAfter((c) => (food(c).promisedLimit = { kind: 'workingDays', days: 21 }));
    expect(brief(issues)).toEqual([`error ${C.promisedExceedsStatutory} @ items[0].promisedLimit`]);
    expect(issues[0]!.message['zh-CN']).toBe('承诺办结时限（21个工作日）不能超过法定办结时限（20个工作日）');
  });
  it('counts a statutory 即办 as 0 days', () => {
    const issues = issuesAfter((c) => (hygiene(c).statutoryLimit = { kind: 'immediate' }));
    expect(brief(issues)).toEqual([`error ${C.promisedExceedsStatutory} @ items[1].promisedLimit`]);
  });
  it('applies to handling item overrides', () => {
    const issues = issuesAfter((c) => (food(c).handlingItems[2]!.promisedLimit = { kind: 'workingDays', days: 30 }));
    expect(brief(issues)).toEqual([`error ${C.promisedExceedsStatutory} @ items[0].handlingItems[2].promisedLimit`]);
  });
});

describe('rule 9: data sharing ⇒ government; 0 copies only when fetched by data sharing only', () => {
  it('data sharing with an applicant source fails', () => {
    const issues = issuesAfter((c) => (food(c).materials[2]!.source = 'applicant'));
    expect(brief(issues)).toEqual([`error ${C.dataSharingNeedsGovernmentSource} @ items[0].materials[2].source`]);
    expect(issues[0]!.message['zh-CN']).toContain('申请人自备');
  });
  it('0 copies with a paper form fails', () => {
    const issues = issuesAfter((c) => (food(c).materials[1]!.forms = ['dataSharing', 'paper']));
    expect(brief(issues)).toEqual([`error ${C.zeroCopiesNeedsDataSharingOnly} @ items[0].materials[1].copies`]);
    const paper = issuesAfter((c) => (food(c).materials[0]!.copies = 0));
    expect(brief(paper)).toEqual([`error ${C.zeroCopiesNeedsDataSharingOnly} @ items[0].materials[0].copies`]);
  });
  it('copies > 0 with data sharing and paper is fine', () => {
    expect(issuesAfter((c) => (food(c).materials[2]!.copies = 2))).toEqual([]);
  });
});

describe('rule 10: co-handling departments exclude the implementing one', () => {
  it('fails when the implementing department is listed as co-handling', () => {
    const issues = issuesAfter((c) => hygiene(c).coHandlingDepartmentCodes.push('WJJ'));
    expect(brief(issues)).toEqual([`error ${C.coHandlingIncludesImplementing} @ items[1].coHandlingDepartmentCodes[1]`]);
    expect(issues[0]!.message['en-US']).toContain('"WJJ"');
  });
});

describe('rule 11: askWhen references earlier questions only', () => {
  it('a later question is an error', () => {
    const issues = issuesAfter((c) => {
      const s = food(c).situations;
      // Ask 'premises' only after 'lessor' was answered — but 'lessor' comes later.
      s[1]!.askWhen = [{ questionId: 'lessor', optionIds: ['person'] }];
    });
    expect(brief(issues)).toContain(`error ${C.askWhenLaterQuestion} @ items[0].situations[1].askWhen[0].questionId`);
  });
  it('itself is an error', () => {
    const issues = issuesAfter((c) => (food(c).situations[0]!.askWhen = [{ questionId: 'agent', optionIds: ['self'] }]));
    expect(brief(issues)).toEqual([`error ${C.askWhenSelf} @ items[0].situations[0].askWhen[0].questionId`]);
  });
  it('an earlier question is fine (the fixture)', () => {
    expect(food(makeCatalog()).situations[2]!.askWhen[0]!.questionId).toBe('premises');
  });
});

describe('rule 12: never "无" in fee texts', () => {
  it('fee basis "无"', () => {
    const issues = issuesAfter((c) => (food(c).fee = { charged: true, basis: ' 无 ', items: [{ name: '工本费', amount: '5元' }] }));
    expect(brief(issues)).toEqual([`error ${C.feeNoneText} @ items[0].fee.basis`]);
    expect(issues[0]!.message['zh-CN']).toContain('无');
  });
  it('fee item name or amount "无"', () => {
    const issues = issuesAfter(
      (c) => (food(c).fee = { charged: true, basis: '某依据', items: [{ name: '无', amount: '无' }] }),
    );
    expect(brief(issues)).toEqual([
      `error ${C.feeNoneText} @ items[0].fee.items[0].name`,
      `error ${C.feeNoneText} @ items[0].fee.items[0].amount`,
    ]);
    expect(issues[0]!.message['zh-CN']).toContain('不收费');
  });
  it('a text merely containing 无 is fine', () => {
    expect(
      issuesAfter((c) => (food(c).fee = { charged: true, basis: '无锡市物价局文件', items: [{ name: '工本费', amount: '5元' }] })),
    ).toEqual([]);
  });
});

describe('rule 13 (warnings): deferrable-only materials; alias collisions', () => {
  it('a single deferrable material warns, at its necessity', () => {
    const issues = issuesAfter((c) => {
      const item = food(c);
      item.situations = [];
      item.materials = [makeMaterial({ id: 'only', name: '唯一材料', necessity: 'deferrable' })];
    });
    expect(brief(issues)).toEqual([`warning ${C.onlyDeferrableMaterials} @ items[0].materials[0].necessity`]);
    expect(issues[0]!.message['zh-CN']).toContain('"唯一材料"');
  });
  it('all materials deferrable warns, at the list', () => {
    const issues = issuesAfter((c) => hygiene(c).materials.forEach((m) => (m.necessity = 'deferrable')));
    expect(brief(issues)).toEqual([`warning ${C.onlyDeferrableMaterials} @ items[1].materials`]);
  });
  it('a deferrable material beside required ones is fine (the fixture)', () => {
    expect(food(makeCatalog()).materials[8]!.necessity).toBe('deferrable');
  });
  it("an alias equal to another item's name warns", () => {
    const issues = issuesAfter((c) => hygiene(c).aliases.push('食品经营许可'));
    expect(brief(issues)).toEqual([`warning ${C.aliasCollision} @ items[1].aliases[1]`]);
    expect(issues[0]!.message['zh-CN']).toContain('items[0].name');
  });
  it("an alias equal to another item's alias warns once (width and case folded)", () => {
    const issues = issuesAfter((c) => hygiene(c).aliases.push('餐饮许可'));
    expect(brief(issues)).toEqual([`warning ${C.aliasCollision} @ items[1].aliases[1]`]);
    const folded = issuesAfter((c) => {
      food(c).aliases.push('SC证');
      hygiene(c).aliases.push('ｓｃ 证');
    });
    expect(brief(folded)).toEqual([`warning ${C.aliasCollision} @ items[1].aliases[1]`]);
  });
  it("an item's name equal to an earlier item's alias warns at that alias", () => {
    const issues = issuesAfter((c) => food(c).aliases.push('公共场所卫生许可'));
    expect(brief(issues)).toEqual([`warning ${C.aliasCollision} @ items[0].aliases[2]`]);
  });
  it('an alias equal to its own item name is not a collision', () => {
    expect(issuesAfter((c) => food(c).aliases.push('食品经营许可'))).toEqual([]);
  });
});

describe('robustness', () => {
  it('tolerates omitted default arrays in hand-built catalogs', () => {
    const c = makeCatalog() as unknown as Record<string, unknown>;
    delete c.themes;
    delete c.bundles;
    const items = c.items as Record<string, unknown>[];
    for (const item of items) {
      delete item.aliases;
      delete item.situations;
      delete item.results;
      delete item.themeIds;
      delete item.coHandlingDepartmentCodes;
      for (const m of item.materials as Record<string, unknown>[]) {
        delete m.appliesWhen;
        delete m.handlingItems;
      }
    }
    expect(() => checkCatalogQuality(c as unknown as Catalog)).not.toThrow();
    expect(checkCatalogQuality(c as unknown as Catalog)).toEqual([]);
  });
});
