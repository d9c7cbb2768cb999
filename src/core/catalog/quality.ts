/**
 * Data-quality rules a catalog office checks before publishing a catalog (and we check
 * again at import). The zod schema (./schema.ts) covers structure; these rules cover what
 * only makes sense across fields: 即办 ⇒ 即办件, visits ≠ 0 ⇒ reason, fee ⇒ basis and items,
 * result ⇒ sample (rules seen in a Zhejiang city's catalog checks), unique
 * codes, references that resolve, and the 情形引导 question graph.
 *
 * Every problem is a CatalogIssue with a path such as `items[3].materials[2].necessity`.
 * 'error' blocks the import; 'warning' does not.
 */
import type { Catalog, Condition, Item, TimeLimit } from './schema';
import { type CatalogIssue, type PathSegment, makeIssue, quote } from './issues';
import { formatTimeLimit, labels, timeLimitDays } from './format';
import { checkLicenceQuality } from './quality-licences';

/** Stable codes of the quality rules (CatalogIssue.code). */
export const qualityCodes = {
  immediateLimitNeedsImmediateCase: 'caseType.immediateLimit',
  immediateCaseNeedsImmediateLimit: 'caseType.immediateCase',
  handlingItemImmediateInPromisedCase: 'caseType.handlingItemImmediate',
  handlingItemNotImmediateInImmediateCase: 'caseType.handlingItemNotImmediate',
  visitsReasonRequired: 'visits.reasonRequired',
  feeBasisRequired: 'fee.basisRequired',
  feeItemsRequired: 'fee.itemsRequired',
  feeNoneText: 'fee.noneText',
  resultSampleRequired: 'result.sampleRequired',
  duplicateDepartmentCode: 'duplicate.departmentCode',
  duplicateThemeId: 'duplicate.themeId',
  duplicateBasicCode: 'duplicate.basicCode',
  duplicateHandlingItemCode: 'duplicate.handlingItemCode',
  duplicateBundleId: 'duplicate.bundleId',
  duplicateMaterialId: 'duplicate.materialId',
  duplicateQuestionId: 'duplicate.questionId',
  duplicateOptionId: 'duplicate.optionId',
  unknownDepartment: 'ref.department',
  unknownCoHandlingDepartment: 'ref.coHandlingDepartment',
  unknownTheme: 'ref.theme',
  unknownBundleItem: 'ref.bundleItem',
  unknownBundleHandlingItem: 'ref.bundleHandlingItem',
  unknownQuestion: 'ref.question',
  unknownOption: 'ref.option',
  unknownMaterialHandlingItem: 'ref.materialHandlingItem',
  questionWithoutEffect: 'situation.noEffect',
  askWhenSelf: 'situation.askWhenSelf',
  askWhenLaterQuestion: 'situation.askWhenOrder',
  promisedExceedsStatutory: 'limit.promisedExceedsStatutory',
  dataSharingNeedsGovernmentSource: 'material.dataSharingSource',
  zeroCopiesNeedsDataSharingOnly: 'material.zeroCopies',
  coHandlingIncludesImplementing: 'department.coHandlingIsImplementing',
  onlyDeferrableMaterials: 'material.onlyDeferrable',
  aliasCollision: 'search.aliasCollision',
} as const;
export type QualityCode = (typeof qualityCodes)[keyof typeof qualityCodes];

const C = qualityCodes;

/** Never undefined, even for a hand-built object that skipped the schema's defaults. */
function arr<T>(a: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(a) ? a : [];
}

const blank = (s: string | undefined | null): boolean => typeof s !== 'string' || s.trim() === '';
/** 收费 fields must say 不收费 or name the fee — "无" is ambiguous. */
const isNoneText = (s: string | undefined | null): boolean => typeof s === 'string' && s.trim() === '无';

const zhLimit = (l: TimeLimit) => formatTimeLimit(l, 'zh-CN');
const enLimit = (l: TimeLimit) => formatTimeLimit(l, 'en-US');

/** Normalised search term: width-folded, case-folded, without spaces. */
function searchKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Identifiers present in the file whose entries were left out of the catalog checked here
 * because they have structural errors of their own (reported separately): a reference to
 * them is not an unknown reference.
 */
export interface SetAsideIds {
  departmentCodes?: ReadonlySet<string>;
  themeIds?: ReadonlySet<string>;
  basicCodes?: ReadonlySet<string>;
}

/**
 * Runs every quality rule and returns all problems found (errors and warnings), in
 * document order: departments, themes, items, bundles. Never throws on a catalog that
 * passed the schema. `setAside`: see SetAsideIds (import checks the valid part of a file
 * that has structural errors elsewhere, so every problem is listed in one pass).
 */
export function checkCatalogQuality(catalog: Catalog, setAside: SetAsideIds = {}): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  const error = (code: string, path: readonly PathSegment[], zh: string, en: string) =>
    out.push(makeIssue('error', code, path, zh, en));
  const warning = (code: string, path: readonly PathSegment[], zh: string, en: string) =>
    out.push(makeIssue('warning', code, path, zh, en));

  const departments = arr(catalog.departments);
  const themes = arr(catalog.themes);
  const items = arr(catalog.items);
  const bundles = arr(catalog.bundles);

  // ---- Rule 5: unique codes (catalog-wide) -------------------------------------------
  const departmentCodes = new Map<string, number>();
  departments.forEach((d, i) => {
    const prev = departmentCodes.get(d.code);
    if (prev !== undefined)
      error(
        C.duplicateDepartmentCode,
        ['departments', i, 'code'],
        `部门编码 ${quote(d.code)} 重复（与 departments[${prev}] 相同）`,
        `department code ${quote(d.code)} is duplicated (same as departments[${prev}])`,
      );
    else departmentCodes.set(d.code, i);
  });

  const themeIds = new Map<string, number>();
  themes.forEach((t, i) => {
    const prev = themeIds.get(t.id);
    if (prev !== undefined)
      error(
        C.duplicateThemeId,
        ['themes', i, 'id'],
        `主题编号 ${quote(t.id)} 重复（与 themes[${prev}] 相同）`,
        `theme id ${quote(t.id)} is duplicated (same as themes[${prev}])`,
      );
    else themeIds.set(t.id, i);
  });

  const basicCodes = new Map<string, number>();
  const handlingCodes = new Map<string, [number, number]>();
  items.forEach((item, i) => {
    const prev = basicCodes.get(item.basicCode);
    if (prev !== undefined)
      error(
        C.duplicateBasicCode,
        ['items', i, 'basicCode'],
        `事项基本编码 ${quote(item.basicCode)} 重复（与 items[${prev}] 相同）`,
        `item basic code ${quote(item.basicCode)} is duplicated (same as items[${prev}])`,
      );
    else basicCodes.set(item.basicCode, i);

    arr(item.handlingItems).forEach((h, k) => {
      const p = handlingCodes.get(h.code);
      if (p !== undefined)
        error(
          C.duplicateHandlingItemCode,
          ['items', i, 'handlingItems', k, 'code'],
          `业务办理项编码 ${quote(h.code)} 重复（与 items[${p[0]}].handlingItems[${p[1]}] 相同）`,
          `handling item code ${quote(h.code)} is duplicated (same as items[${p[0]}].handlingItems[${p[1]}])`,
        );
      else handlingCodes.set(h.code, [i, k]);
    });
  });

  // ---- Per item -------------------------------------------------------------------------
  items.forEach((item, i) => checkItem(item, i));

  // ---- Rule 13 (warning): names and aliases that collide across items --------------------
  checkAliasCollisions();

  // ---- Bundles ---------------------------------------------------------------------------
  const bundleIds = new Map<string, number>();
  bundles.forEach((b, bi) => {
    const prev = bundleIds.get(b.id);
    if (prev !== undefined)
      error(
        C.duplicateBundleId,
        ['bundles', bi, 'id'],
        `“一件事”编号 ${quote(b.id)} 重复（与 bundles[${prev}] 相同）`,
        `bundle id ${quote(b.id)} is duplicated (same as bundles[${prev}])`,
      );
    else bundleIds.set(b.id, bi);

    checkThemeRefs(arr(b.themeIds), ['bundles', bi, 'themeIds']);

    arr(b.items).forEach((ref, k) => {
      const idx = basicCodes.get(ref.basicCode);
      const target = idx === undefined ? undefined : items[idx];
      if (!target && setAside.basicCodes?.has(ref.basicCode)) return;
      if (!target) {
        error(
          C.unknownBundleItem,
          ['bundles', bi, 'items', k, 'basicCode'],
          `“一件事”引用的事项编码 ${quote(ref.basicCode)} 不存在`,
          `bundle item basic code ${quote(ref.basicCode)} does not exist`,
        );
        return;
      }
      if (ref.handlingItemCode !== undefined && !arr(target.handlingItems).some((h) => h.code === ref.handlingItemCode))
        error(
          C.unknownBundleHandlingItem,
          ['bundles', bi, 'items', k, 'handlingItemCode'],
          `业务办理项 ${quote(ref.handlingItemCode)} 不属于事项 ${quote(ref.basicCode)}（${target.name}）`,
          `handling item ${quote(ref.handlingItemCode)} does not belong to item ${quote(ref.basicCode)} (${target.name})`,
        );
    });
  });

  // 电子证照目录 and the links to it (./quality-licences.ts).
  out.push(...checkLicenceQuality(catalog));

  return out;

  // ======================================================================================

  function checkThemeRefs(ids: readonly string[], base: readonly PathSegment[]) {
    ids.forEach((id, k) => {
      if (!themeIds.has(id) && !setAside.themeIds?.has(id))
        error(
          C.unknownTheme,
          [...base, k],
          `引用的主题编号 ${quote(id)} 不存在`,
          `theme id ${quote(id)} does not exist`,
        );
    });
  }

  function checkItem(item: Item, i: number) {
    const at = (...rest: PathSegment[]): PathSegment[] => ['items', i, ...rest];

    // Rule 6: departments and themes resolve; rule 10: co-handling ≠ implementing.
    if (!departmentCodes.has(item.departmentCode) && !setAside.departmentCodes?.has(item.departmentCode))
      error(
        C.unknownDepartment,
        at('departmentCode'),
        `引用的部门编码 ${quote(item.departmentCode)} 不存在`,
        `department code ${quote(item.departmentCode)} does not exist`,
      );
    arr(item.coHandlingDepartmentCodes).forEach((code, k) => {
      if (code === item.departmentCode)
        error(
          C.coHandlingIncludesImplementing,
          at('coHandlingDepartmentCodes', k),
          `联办机构不能包含实施主体本身（${quote(code)}）`,
          `co-handling departments must not include the implementing department (${quote(code)})`,
        );
      else if (!departmentCodes.has(code) && !setAside.departmentCodes?.has(code))
        error(
          C.unknownCoHandlingDepartment,
          at('coHandlingDepartmentCodes', k),
          `引用的联办机构部门编码 ${quote(code)} 不存在`,
          `co-handling department code ${quote(code)} does not exist`,
        );
    });
    checkThemeRefs(arr(item.themeIds), at('themeIds'));

    // Rule 1: 即办 ⇔ 即办件; rule 8: promised ≤ statutory.
    const immediateCase = item.caseType === 'immediate';
    if (item.promisedLimit.kind === 'immediate' && !immediateCase)
      error(
        C.immediateLimitNeedsImmediateCase,
        at('caseType'),
        `承诺办结时限为即办，办件类型应为即办件（当前为${labels['zh-CN'].caseType[item.caseType]}）`,
        `the promised limit is same-day (即办), so the case type must be 'immediate' (is ${quote(item.caseType)})`,
      );
    if (immediateCase && item.promisedLimit.kind !== 'immediate')
      error(
        C.immediateCaseNeedsImmediateLimit,
        at('promisedLimit'),
        `办件类型为即办件，承诺办结时限应为即办（当前为${zhLimit(item.promisedLimit)}）`,
        `the case type is 'immediate' (即办件), so the promised limit must be same-day (is ${enLimit(item.promisedLimit)})`,
      );
    checkLimitOrder(item.promisedLimit, item.statutoryLimit, at('promisedLimit'));

    arr(item.handlingItems).forEach((h, k) => {
      const limit = h.promisedLimit;
      if (!limit) return;
      const p = at('handlingItems', k, 'promisedLimit');
      if (limit.kind === 'immediate' && !immediateCase)
        error(
          C.handlingItemImmediateInPromisedCase,
          p,
          `业务办理项 ${quote(h.code)} 的承诺时限为即办，但事项办件类型为${labels['zh-CN'].caseType[item.caseType]}`,
          `handling item ${quote(h.code)} promises same-day (即办) but the item's case type is ${quote(item.caseType)}`,
        );
      if (limit.kind !== 'immediate' && immediateCase)
        error(
          C.handlingItemNotImmediateInImmediateCase,
          p,
          `事项为即办件，业务办理项 ${quote(h.code)} 的承诺时限应为即办（当前为${zhLimit(limit)}）`,
          `the item is a same-day case (即办件), so handling item ${quote(h.code)} must promise same-day (is ${enLimit(limit)})`,
        );
      checkLimitOrder(limit, item.statutoryLimit, p);
    });

    // Rule 2: on-site visits ≠ 0 ⇒ reason.
    if (item.onSiteVisits.count !== 0 && blank(item.onSiteVisits.reason))
      error(
        C.visitsReasonRequired,
        at('onSiteVisits', 'reason'),
        `到办事现场次数为 ${item.onSiteVisits.count} 次，必须说明原因`,
        `on-site visits is ${item.onSiteVisits.count}, so a reason is required`,
      );

    // Rules 3 and 12: fee basis and items; never "无".
    const fee = item.fee;
    if (fee.charged) {
      if (isNoneText(fee.basis))
        error(
          C.feeNoneText,
          at('fee', 'basis'),
          `收费依据不能写“无”：收费事项须写明收费依据`,
          `fee basis must not be "无": a charged item must state its legal basis`,
        );
      else if (blank(fee.basis))
        error(
          C.feeBasisRequired,
          at('fee', 'basis'),
          `收费事项必须填写收费依据`,
          `a charged item must state its fee basis`,
        );
      const feeItems = arr(fee.items);
      if (feeItems.length === 0)
        error(
          C.feeItemsRequired,
          at('fee', 'items'),
          `收费事项必须至少列出一项收费项目及标准`,
          `a charged item must list at least one fee item and amount`,
        );
      feeItems.forEach((f, k) => {
        for (const key of ['name', 'amount'] as const) {
          if (isNoneText(f[key]))
            error(
              C.feeNoneText,
              at('fee', 'items', k, key),
              `收费项目${key === 'name' ? '名称' : '标准'}不能写“无”（不收费请写“不收费”，即 charged: false）`,
              `fee item ${key} must not be "无" (for no fee, set charged: false — shown as 不收费)`,
            );
        }
      });
    }

    // Rule 4: result ⇒ sample.
    arr(item.results).forEach((r, k) => {
      if (blank(r.sample))
        error(
          C.resultSampleRequired,
          at('results', k, 'sample'),
          `审批结果 ${quote(r.name)} 缺少结果样本`,
          `result document ${quote(r.name)} has no sample`,
        );
    });

    // Situations: unique ids, askWhen order and references (rules 5, 6, 11).
    const questions = arr(item.situations);
    const questionIndex = new Map<string, number>();
    questions.forEach((q, qi) => {
      const prev = questionIndex.get(q.id);
      if (prev !== undefined)
        error(
          C.duplicateQuestionId,
          at('situations', qi, 'id'),
          `情形问题编号 ${quote(q.id)} 在本事项内重复（与 situations[${prev}] 相同）`,
          `situation question id ${quote(q.id)} is duplicated within the item (same as situations[${prev}])`,
        );
      else questionIndex.set(q.id, qi);

      const optionIds = new Map<string, number>();
      arr(q.options).forEach((o, oi) => {
        const p = optionIds.get(o.id);
        if (p !== undefined)
          error(
            C.duplicateOptionId,
            at('situations', qi, 'options', oi, 'id'),
            `问题 ${quote(q.id)} 的选项编号 ${quote(o.id)} 重复（与 options[${p}] 相同）`,
            `option id ${quote(o.id)} of question ${quote(q.id)} is duplicated (same as options[${p}])`,
          );
        else optionIds.set(o.id, oi);
      });
    });

    const effective = new Set<string>();
    const checkConditions = (
      conditions: readonly Condition[],
      base: PathSegment[],
      askingIndex: number | undefined,
    ) => {
      conditions.forEach((c, ci) => {
        const p = [...base, ci];
        const qi = questionIndex.get(c.questionId);
        const q = qi === undefined ? undefined : questions[qi];
        if (qi === undefined || !q) {
          error(
            C.unknownQuestion,
            [...p, 'questionId'],
            `引用的情形问题 ${quote(c.questionId)} 在本事项中不存在`,
            `situation question ${quote(c.questionId)} does not exist in this item`,
          );
          return;
        }
        if (askingIndex !== undefined) {
          const self = questions[askingIndex];
          if (self && c.questionId === self.id) {
            error(
              C.askWhenSelf,
              [...p, 'questionId'],
              `问题 ${quote(c.questionId)} 的提问条件不能引用它自己`,
              `question ${quote(c.questionId)} cannot be asked depending on itself`,
            );
            return;
          }
          if (qi > askingIndex)
            error(
              C.askWhenLaterQuestion,
              [...p, 'questionId'],
              `提问条件只能引用前面的问题：${quote(c.questionId)}（situations[${qi}]）排在本问题之后`,
              `an ask condition may only reference earlier questions: ${quote(c.questionId)} (situations[${qi}]) comes after this one`,
            );
        }
        effective.add(c.questionId);
        arr(c.optionIds).forEach((optionId, oi) => {
          if (!arr(q.options).some((o) => o.id === optionId))
            error(
              C.unknownOption,
              [...p, 'optionIds', oi],
              `问题 ${quote(c.questionId)} 没有选项 ${quote(optionId)}`,
              `question ${quote(c.questionId)} has no option ${quote(optionId)}`,
            );
        });
      });
    };
    questions.forEach((q, qi) => checkConditions(arr(q.askWhen), at('situations', qi, 'askWhen'), qi));

    // Materials: unique ids, references, forms/source/copies (rules 5, 6, 9).
    const materials = arr(item.materials);
    const handlingItemCodes = new Set(arr(item.handlingItems).map((h) => h.code));
    const materialIds = new Map<string, number>();
    materials.forEach((m, mi) => {
      const prev = materialIds.get(m.id);
      if (prev !== undefined)
        error(
          C.duplicateMaterialId,
          at('materials', mi, 'id'),
          `材料编号 ${quote(m.id)} 在本事项内重复（与 materials[${prev}] 相同）`,
          `material id ${quote(m.id)} is duplicated within the item (same as materials[${prev}])`,
        );
      else materialIds.set(m.id, mi);

      checkConditions(arr(m.appliesWhen), at('materials', mi, 'appliesWhen'), undefined);

      arr(m.handlingItems).forEach((code, k) => {
        if (!handlingItemCodes.has(code))
          error(
            C.unknownMaterialHandlingItem,
            at('materials', mi, 'handlingItems', k),
            `材料 ${quote(m.name)} 引用的业务办理项 ${quote(code)} 不属于本事项`,
            `material ${quote(m.name)} references handling item ${quote(code)}, which is not in this item`,
          );
      });

      const forms = arr(m.forms);
      if (forms.includes('dataSharing') && m.source !== 'government')
        error(
          C.dataSharingNeedsGovernmentSource,
          at('materials', mi, 'source'),
          `材料 ${quote(m.name)} 可系统调取（数据共享），来源渠道应为政府部门核发（当前为${labels['zh-CN'].materialSource[m.source] ?? m.source}）`,
          `material ${quote(m.name)} is fetched by data sharing, so its source must be 'government' (is ${quote(m.source)})`,
        );
      const dataSharingOnly = forms.length > 0 && forms.every((f) => f === 'dataSharing');
      if (m.copies === 0 && !dataSharingOnly)
        error(
          C.zeroCopiesNeedsDataSharingOnly,
          at('materials', mi, 'copies'),
          `材料 ${quote(m.name)} 份数为 0，只有仅以系统调取（免提交）方式获取的材料才可为 0`,
          `material ${quote(m.name)} has 0 copies; only a material fetched solely by data sharing may have 0`,
        );
    });

    // Rule 7: every question has an effect.
    questions.forEach((q, qi) => {
      if (!effective.has(q.id))
        error(
          C.questionWithoutEffect,
          at('situations', qi),
          `情形问题 ${quote(q.id)}（${q.text}）没有任何作用：没有材料或后续问题引用它`,
          `situation question ${quote(q.id)} (${q.text}) has no effect: no material or follow-up question references it`,
        );
    });

    // Rule 13 (warning): a deferrable material must not be the only material.
    if (materials.length > 0 && materials.every((m) => m.necessity === 'deferrable')) {
      const only = materials.length === 1;
      warning(
        C.onlyDeferrableMaterials,
        only ? at('materials', 0, 'necessity') : at('materials'),
        only
          ? `容缺后补材料 ${quote(materials[0]?.name)} 不应是唯一的材料：容缺受理以主要材料齐全为前提`
          : `本事项的材料全部为容缺后补：容缺受理以主要材料齐全为前提`,
        only
          ? `the deferrable (容缺) material ${quote(materials[0]?.name)} should not be the only material: deferred acceptance requires the main materials to be complete`
          : `every material of this item is deferrable (容缺): deferred acceptance requires the main materials to be complete`,
      );
    }
  }

  function checkLimitOrder(promised: TimeLimit, statutory: TimeLimit, path: PathSegment[]) {
    if (timeLimitDays(promised) > timeLimitDays(statutory))
      error(
        C.promisedExceedsStatutory,
        path,
        `承诺办结时限（${zhLimit(promised)}）不能超过法定办结时限（${zhLimit(statutory)}）`,
        `the promised limit (${enLimit(promised)}) must not exceed the statutory limit (${enLimit(statutory)})`,
      );
  }

  function checkAliasCollisions() {
    type Entry = { item: number; alias: number | undefined; text: string };
    const byKey = new Map<string, Entry[]>();
    items.forEach((item, i) => {
      const add = (text: string, alias: number | undefined) => {
        const key = searchKey(text);
        if (key === '') return;
        const list = byKey.get(key) ?? [];
        list.push({ item: i, alias, text });
        byKey.set(key, list);
      };
      add(item.name, undefined);
      arr(item.aliases).forEach((a, k) => add(a, k));
    });
    items.forEach((item, i) => {
      arr(item.aliases).forEach((alias, k) => {
        const key = searchKey(alias);
        // Another item's name, or another earlier item's alias (an alias–alias pair is reported once).
        const other = (byKey.get(key) ?? []).find(
          (e) => e.item !== i && (e.alias === undefined || e.item < i),
        );
        if (!other) return;
        const otherItem = items[other.item];
        const where =
          other.alias === undefined ? `items[${other.item}].name` : `items[${other.item}].aliases[${other.alias}]`;
        warning(
          C.aliasCollision,
          ['items', i, 'aliases', k],
          `别名 ${quote(alias)} 与事项 ${quote(otherItem?.name)} 的${other.alias === undefined ? '名称' : '别名'}（${where}）相同，搜索时会混淆`,
          `alias ${quote(alias)} is the same as the ${other.alias === undefined ? 'name' : 'alias'} of item ${quote(otherItem?.name)} (${where}); search results will be ambiguous`,
        );
      });
    });
  }
}
