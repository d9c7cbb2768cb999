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
import { implementationCodeOf, type Bundle, type Catalog, type Condition, type Fee, type Item, type TimeLimit } from './schema';
import { type CatalogIssue, type PathSegment, makeIssue, quote } from './issues';
import { formatTimeLimit, labels, timeLimitDays } from './format';
import { checkLicenceLinksNeedDataSharing, checkLicenceTypes, checkMaterialLicenceTypes, checkResultLicenceTypes } from './quality-licences';

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
  duplicateImplementationCode: 'duplicate.implementationCode',
  sameDepartmentTwice: 'duplicate.basicCodeDepartment',
  promisedLimitNone: 'limit.promisedNone',
  limitContradictsExplanation: 'limit.contradictsExplanation',
  placeholderText: 'text.placeholder',
  feeItemBasisRequired: 'fee.itemBasisRequired',
  conditionsBlob: 'conditions.blob',
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


// ---- the rule table ---------------------------------------------------------------------

/** Where a rule looks: the whole catalog, each item, or each bundle. */
export type RuleScope = 'catalog' | 'item' | 'bundle';

/** What a rule sees: the catalog, its indexes, and a way to report (severity comes from the rule). */
export interface RuleContext {
  readonly catalog: Catalog;
  readonly items: readonly Item[];
  readonly index: CatalogIndex;
  readonly setAside: SetAsideIds;
  /** Reports a problem at `path` with the rule's severity (or `severity` when given). */
  report(code: string, path: readonly PathSegment[], zh: string, en: string, severity?: Severity): void;
  /** Adds issues a rule module made itself (such as ./quality-licences.ts), with their own severity. */
  add(issues: readonly CatalogIssue[]): void;
}

type Severity = CatalogIssue['severity'];

interface RuleBase {
  /** Stable name of the rule (the codes it reports are in qualityCodes). */
  readonly id: string;
  readonly severity: Severity;
}
/** One named rule: adding a rule is one entry in `qualityRules`. */
export type QualityRule =
  | (RuleBase & { readonly appliesTo: 'catalog'; check(ctx: RuleContext): void })
  | (RuleBase & { readonly appliesTo: 'item'; check(ctx: RuleContext, item: Item, at: (...rest: PathSegment[]) => PathSegment[], i: number): void })
  | (RuleBase & { readonly appliesTo: 'bundle'; check(ctx: RuleContext, bundle: Bundle, bi: number): void });

/** Lookups every rule may use, built once per run. */
export interface CatalogIndex {
  readonly departmentCodes: ReadonlyMap<string, number>;
  readonly themeIds: ReadonlyMap<string, number>;
  /** First item of each basic code. */
  readonly basicCodes: ReadonlyMap<string, number>;
}

function buildIndex(catalog: Catalog): CatalogIndex {
  const first = <T>(list: readonly T[], key: (t: T) => string) => {
    const m = new Map<string, number>();
    list.forEach((t, i) => {
      if (!m.has(key(t))) m.set(key(t), i);
    });
    return m;
  };
  return {
    departmentCodes: first(arr(catalog.departments), (d) => d.code),
    themeIds: first(arr(catalog.themes), (t) => t.id),
    basicCodes: first(arr(catalog.items), (i) => i.basicCode),
  };
}

const itemRule = (
  id: string,
  severity: Severity,
  check: (ctx: RuleContext, item: Item, at: (...rest: PathSegment[]) => PathSegment[], i: number) => void,
): QualityRule => ({ id, severity, appliesTo: 'item', check });

/**
 * Every rule, in the order its issues are listed (document order: departments, themes, items,
 * bundles; within an item the order below).
 */
export const qualityRules: readonly QualityRule[] = [
  { id: 'uniqueDepartmentCodes', severity: 'error', appliesTo: 'catalog', check: uniqueDepartmentCodes },
  { id: 'uniqueThemeIds', severity: 'error', appliesTo: 'catalog', check: uniqueThemeIds },
  { id: 'uniqueItemCodes', severity: 'error', appliesTo: 'catalog', check: uniqueItemCodes },
  { id: 'sameDepartmentImplementsTwice', severity: 'warning', appliesTo: 'catalog', check: sameDepartmentTwice },
  itemRule('departmentsResolve', 'error', departmentsResolve),
  itemRule('themesResolve', 'error', (ctx, item, at) => checkThemeRefs(ctx, arr(item.themeIds), at('themeIds'))),
  itemRule('immediateMeansImmediateCase', 'error', immediateCase),
  itemRule('promisedLimitIsALimit', 'error', promisedLimitNone),
  itemRule('promisedWithinStatutory', 'error', (ctx, item, at) => checkLimitOrder(ctx, item.promisedLimit, item.statutoryLimit, at('promisedLimit'))),
  itemRule('handlingItemLimits', 'error', handlingItemLimits),
  itemRule('limitMatchesExplanation', 'warning', limitMatchesExplanation),
  itemRule('visitsNeedReason', 'error', visitsReason),
  itemRule('feeBasisAndItems', 'error', feeRules),
  itemRule('resultNeedsSample', 'error', resultSample),
  itemRule('situationGraph', 'error', situationsAndMaterials),
  itemRule('notOnlyDeferrable', 'warning', onlyDeferrable),
  itemRule('noPlaceholderText', 'error', placeholders),
  itemRule('conditionsAsList', 'warning', conditionsBlob),
  { id: 'aliasesDoNotCollide', severity: 'warning', appliesTo: 'catalog', check: aliasCollisions },
  { id: 'bundles', severity: 'error', appliesTo: 'bundle', check: bundleRule },
  // 电子证照目录 and the links to it (./quality-licences.ts).
  { id: 'licenceTypes', severity: 'error', appliesTo: 'catalog', check: (ctx) => ctx.add(checkLicenceTypes(ctx.catalog)) },
  { id: 'materialLicenceTypes', severity: 'error', appliesTo: 'catalog', check: (ctx) => ctx.add(checkMaterialLicenceTypes(ctx.catalog)) },
  { id: 'licenceLinksNeedDataSharing', severity: 'error', appliesTo: 'catalog', check: (ctx) => ctx.add(checkLicenceLinksNeedDataSharing(ctx.catalog)) },
  { id: 'resultLicenceTypes', severity: 'error', appliesTo: 'catalog', check: (ctx) => ctx.add(checkResultLicenceTypes(ctx.catalog)) },
];

/**
 * Runs every quality rule and returns all problems found (errors and warnings), in
 * document order: departments, themes, items, bundles. Never throws on a catalog that
 * passed the schema. `setAside`: see SetAsideIds (import checks the valid part of a file
 * that has structural errors elsewhere, so every problem is listed in one pass).
 * `rules`: the table to run (default: all of qualityRules).
 */
export function checkCatalogQuality(catalog: Catalog, setAside: SetAsideIds = {}, rules: readonly QualityRule[] = qualityRules): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  const items = arr(catalog.items);
  const bundles = arr(catalog.bundles);
  let severity: Severity = 'error';
  const ctx: RuleContext = {
    catalog,
    items,
    index: buildIndex(catalog),
    setAside,
    report: (code, path, zh, en, own) => out.push(makeIssue(own ?? severity, code, path, zh, en)),
    add: (issues) => out.push(...issues),
  };
  // Catalog rules before the first item rule, item rules item by item, then the rest.
  const firstItemRule = rules.findIndex((r) => r.appliesTo === 'item');
  const before = (firstItemRule < 0 ? rules : rules.slice(0, firstItemRule)).filter(
    (r): r is Extract<QualityRule, { appliesTo: 'catalog' }> => r.appliesTo === 'catalog',
  );
  const itemRules = rules.filter((r): r is Extract<QualityRule, { appliesTo: 'item' }> => r.appliesTo === 'item');
  const after = rules.filter((r) => r.appliesTo !== 'item' && !(before as readonly QualityRule[]).includes(r));
  const run = (r: QualityRule, f: () => void) => {
    severity = r.severity;
    f();
  };
  for (const r of before) run(r, () => r.check(ctx));
  items.forEach((item, i) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['items', i, ...rest];
    for (const r of itemRules) run(r, () => r.check(ctx, item, at, i));
  });
  for (const r of after) {
    if (r.appliesTo === 'catalog') run(r, () => r.check(ctx));
    else if (r.appliesTo === 'bundle') bundles.forEach((b, bi) => run(r, () => r.check(ctx, b, bi)));
  }
  return out;
}

// ---- catalog-wide rules -------------------------------------------------------------------

function uniqueDepartmentCodes(ctx: RuleContext) {
  const seen = new Map<string, number>();
  arr(ctx.catalog.departments).forEach((d, i) => {
    const prev = seen.get(d.code);
    if (prev !== undefined)
      ctx.report(
        C.duplicateDepartmentCode,
        ['departments', i, 'code'],
        `部门编码 ${quote(d.code)} 重复（与 departments[${prev}] 相同）`,
        `department code ${quote(d.code)} is duplicated (same as departments[${prev}])`,
      );
    else seen.set(d.code, i);
  });
}

function uniqueThemeIds(ctx: RuleContext) {
  const seen = new Map<string, number>();
  arr(ctx.catalog.themes).forEach((t, i) => {
    const prev = seen.get(t.id);
    if (prev !== undefined)
      ctx.report(
        C.duplicateThemeId,
        ['themes', i, 'id'],
        `主题编号 ${quote(t.id)} 重复（与 themes[${prev}] 相同）`,
        `theme id ${quote(t.id)} is duplicated (same as themes[${prev}])`,
      );
    else seen.set(t.id, i);
  });
}

/**
 * An item is identified by its implementation code (实施编码); one basic code may have several
 * implementations (one per department and level). Items without one stand for their basic
 * code, so two such items with the same basic code are the old duplicate.
 */
function uniqueItemCodes(ctx: RuleContext) {
  const implementations = new Map<string, number>();
  const handlingCodes = new Map<string, [number, number]>();
  ctx.items.forEach((item, i) => {
    const code = implementationCodeOf(item);
    const prev = implementations.get(code);
    if (prev !== undefined) {
      if (item.implementationCode === undefined && ctx.items[prev]?.implementationCode === undefined)
        ctx.report(
          C.duplicateBasicCode,
          ['items', i, 'basicCode'],
          `事项基本编码 ${quote(item.basicCode)} 重复（与 items[${prev}] 相同）`,
          `item basic code ${quote(item.basicCode)} is duplicated (same as items[${prev}])`,
        );
      else
        ctx.report(
          C.duplicateImplementationCode,
          ['items', i, item.implementationCode === undefined ? 'basicCode' : 'implementationCode'],
          `事项实施编码 ${quote(code)} 重复（与 items[${prev}] 相同）`,
          `item implementation code ${quote(code)} is duplicated (same as items[${prev}])`,
        );
    } else implementations.set(code, i);

    arr(item.handlingItems).forEach((h, k) => {
      const p = handlingCodes.get(h.code);
      if (p !== undefined)
        ctx.report(
          C.duplicateHandlingItemCode,
          ['items', i, 'handlingItems', k, 'code'],
          `业务办理项编码 ${quote(h.code)} 重复（与 items[${p[0]}].handlingItems[${p[1]}] 相同）`,
          `handling item code ${quote(h.code)} is duplicated (same as items[${p[0]}].handlingItems[${p[1]}])`,
        );
      else handlingCodes.set(h.code, [i, k]);
    });
  });
}

/** Two implementations of one basic code by the same department: the clerk could not tell them apart. */
function sameDepartmentTwice(ctx: RuleContext) {
  const seen = new Map<string, number>();
  ctx.items.forEach((item, i) => {
    if (item.implementationCode === undefined) return;
    const key = `${item.basicCode}\u0000${item.departmentCode}\u0000${item.level ?? ''}`;
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, i);
      return;
    }
    ctx.report(
      C.sameDepartmentTwice,
      ['items', i, 'implementationCode'],
      `部门 ${quote(item.departmentCode)} 对基本编码 ${quote(item.basicCode)} 有两个实施清单（与 items[${prev}] 相同的部门和层级），窗口无法区分`,
      `department ${quote(item.departmentCode)} implements basic code ${quote(item.basicCode)} twice at the same level (as items[${prev}]); the window cannot tell them apart`,
    );
  });
}

function checkThemeRefs(ctx: RuleContext, ids: readonly string[], base: readonly PathSegment[]) {
  ids.forEach((id, k) => {
    if (!ctx.index.themeIds.has(id) && !ctx.setAside.themeIds?.has(id))
      ctx.report(C.unknownTheme, [...base, k], `引用的主题编号 ${quote(id)} 不存在`, `theme id ${quote(id)} does not exist`);
  });
}

// ---- item rules ---------------------------------------------------------------------------

type At = (...rest: PathSegment[]) => PathSegment[];

/** Rule 6: departments resolve; rule 10: co-handling ≠ implementing. */
function departmentsResolve(ctx: RuleContext, item: Item, at: At) {
  const known = (code: string) => ctx.index.departmentCodes.has(code) || ctx.setAside.departmentCodes?.has(code);
  if (!known(item.departmentCode))
    ctx.report(
      C.unknownDepartment,
      at('departmentCode'),
      `引用的部门编码 ${quote(item.departmentCode)} 不存在`,
      `department code ${quote(item.departmentCode)} does not exist`,
    );
  arr(item.coHandlingDepartmentCodes).forEach((code, k) => {
    if (code === item.departmentCode)
      ctx.report(
        C.coHandlingIncludesImplementing,
        at('coHandlingDepartmentCodes', k),
        `联办机构不能包含实施主体本身（${quote(code)}）`,
        `co-handling departments must not include the implementing department (${quote(code)})`,
      );
    else if (!known(code))
      ctx.report(
        C.unknownCoHandlingDepartment,
        at('coHandlingDepartmentCodes', k),
        `引用的联办机构部门编码 ${quote(code)} 不存在`,
        `co-handling department code ${quote(code)} does not exist`,
      );
  });
}

/** Rule 1: 即办 ⇔ 即办件. */
function immediateCase(ctx: RuleContext, item: Item, at: At) {
  const immediate = item.caseType === 'immediate';
  if (item.promisedLimit.kind === 'immediate' && !immediate)
    ctx.report(
      C.immediateLimitNeedsImmediateCase,
      at('caseType'),
      `承诺办结时限为即办，办件类型应为即办件（当前为${labels['zh-CN'].caseType[item.caseType]}）`,
      `the promised limit is same-day (即办), so the case type must be 'immediate' (is ${quote(item.caseType)})`,
    );
  if (immediate && item.promisedLimit.kind !== 'immediate')
    ctx.report(
      C.immediateCaseNeedsImmediateLimit,
      at('promisedLimit'),
      `办件类型为即办件，承诺办结时限应为即办（当前为${zhLimit(item.promisedLimit)}）`,
      `the case type is 'immediate' (即办件), so the promised limit must be same-day (is ${enLimit(item.promisedLimit)})`,
    );
}

/** A promise names a date: 无法定时限 is for statutory limits only. */
function promisedLimitNone(ctx: RuleContext, item: Item, at: At) {
  const check = (l: TimeLimit | undefined, path: PathSegment[]) => {
    if (l?.kind === 'none')
      ctx.report(
        C.promisedLimitNone,
        path,
        `承诺办结时限不能为“无法定时限”：须写明天数或即办`,
        `a promised limit cannot be "no statutory limit": give the days or same-day`,
      );
  };
  check(item.promisedLimit, at('promisedLimit'));
  arr(item.handlingItems).forEach((h, k) => check(h.promisedLimit, at('handlingItems', k, 'promisedLimit')));
}

function handlingItemLimits(ctx: RuleContext, item: Item, at: At) {
  const immediate = item.caseType === 'immediate';
  arr(item.handlingItems).forEach((h, k) => {
    const limit = h.promisedLimit;
    if (!limit) return;
    const p = at('handlingItems', k, 'promisedLimit');
    if (limit.kind === 'immediate' && !immediate)
      ctx.report(
        C.handlingItemImmediateInPromisedCase,
        p,
        `业务办理项 ${quote(h.code)} 的承诺时限为即办，但事项办件类型为${labels['zh-CN'].caseType[item.caseType]}`,
        `handling item ${quote(h.code)} promises same-day (即办) but the item's case type is ${quote(item.caseType)}`,
      );
    if (limit.kind !== 'immediate' && immediate)
      ctx.report(
        C.handlingItemNotImmediateInImmediateCase,
        p,
        `事项为即办件，业务办理项 ${quote(h.code)} 的承诺时限应为即办（当前为${zhLimit(limit)}）`,
        `the item is a same-day case (即办件), so handling item ${quote(h.code)} must promise same-day (is ${enLimit(limit)})`,
      );
    checkLimitOrder(ctx, limit, item.statutoryLimit, p);
  });
}

/** Rule 8: promised ≤ statutory (a calendar-day limit compared at 5 working days in 7). */
function checkLimitOrder(ctx: RuleContext, promised: TimeLimit, statutory: TimeLimit, path: PathSegment[]) {
  if (promised.kind === 'none') return; // its own rule
  const sameUnit = promised.kind === statutory.kind && 'days' in promised && 'days' in statutory;
  const exceeds = sameUnit ? promised.days > statutory.days : timeLimitDays(promised) > timeLimitDays(statutory);
  if (exceeds)
    ctx.report(
      C.promisedExceedsStatutory,
      path,
      `承诺办结时限（${zhLimit(promised)}）不能超过法定办结时限（${zhLimit(statutory)}）`,
      `the promised limit (${enLimit(promised)}) must not exceed the statutory limit (${enLimit(statutory)})`,
    );
}

/** The days and unit a limit explanation states: "60日内" → 60 calendar, "20个工作日" → 20 working. */
export function statedInExplanation(text: string): { days: number; unit: 'workingDays' | 'calendarDays' | 'unspecified' }[] {
  const out: { days: number; unit: 'workingDays' | 'calendarDays' | 'unspecified' }[] = [];
  const re = /(\d+)\s*个?\s*(工作日|自然日|日|天)/g;
  for (const m of text.normalize('NFKC').matchAll(re)) {
    const unit = m[2] === '工作日' ? 'workingDays' : m[2] === '自然日' ? 'calendarDays' : 'unspecified';
    out.push({ days: Number(m[1]), unit });
  }
  return out;
}

/**
 * A limit whose number contradicts its own explanation (说明 "60日" on a 30-day limit, 自然日 on a
 * working-day limit, 无法定时限 with a number). Only an explanation naming one figure is judged:
 * one naming several (延长、中止 …) is read by a person.
 */
function limitMatchesExplanation(ctx: RuleContext, item: Item, at: At) {
  const check = (l: TimeLimit | undefined, path: PathSegment[], what: string, whatEn: string) => {
    const text = l?.explanation?.trim();
    if (!l || !text) return;
    const stated = statedInExplanation(text);
    const figures = new Set(stated.map((s) => `${s.days}/${s.unit}`));
    if (figures.size !== 1) return;
    const s = stated[0]!;
    const say = (zh: string, en: string) =>
      ctx.report(C.limitContradictsExplanation, [...path, 'explanation'], `${what}${zh}（说明：${quote(text)}）`, `${whatEn} ${en} (explanation: ${quote(text)})`);
    if (l.kind === 'none' || l.kind === 'immediate') {
      if (s.days > 0) say(`为${zhLimit(l)}，但说明写有 ${s.days} 日`, `is ${enLimit(l)} but its explanation states ${s.days} days`);
      return;
    }
    if (s.days !== l.days) say(`为${zhLimit(l)}，与说明中的 ${s.days} 日不符`, `is ${enLimit(l)}, which contradicts the ${s.days} days of its explanation`);
    else if (s.unit === 'workingDays' && l.kind === 'calendarDays') say(`单位为自然日，但说明写的是工作日`, `is in calendar days but its explanation says working days`);
    else if (s.unit === 'calendarDays' && l.kind === 'workingDays') say(`单位为工作日，但说明写的是自然日`, `is in working days but its explanation says calendar days`);
  };
  check(item.statutoryLimit, at('statutoryLimit'), '法定办结时限', 'the statutory limit');
  check(item.promisedLimit, at('promisedLimit'), '承诺办结时限', 'the promised limit');
  arr(item.handlingItems).forEach((h, k) => check(h.promisedLimit, at('handlingItems', k, 'promisedLimit'), `业务办理项 ${quote(h.code)} 的承诺时限`, `the promised limit of handling item ${quote(h.code)}`));
}

/** Rule 2: on-site visits ≠ 0 ⇒ reason. */
function visitsReason(ctx: RuleContext, item: Item, at: At) {
  if (item.onSiteVisits.count !== 0 && blank(item.onSiteVisits.reason))
    ctx.report(
      C.visitsReasonRequired,
      at('onSiteVisits', 'reason'),
      `到办事现场次数为 ${item.onSiteVisits.count} 次，必须说明原因`,
      `on-site visits is ${item.onSiteVisits.count}, so a reason is required`,
    );
}

/** Rules 3 and 12: fee basis and items; never "无"; the same for a handling item's own fee. */
function feeRules(ctx: RuleContext, item: Item, at: At) {
  checkFee(ctx, item.fee, at('fee'));
  arr(item.handlingItems).forEach((h, k) => {
    if (h.fee) checkFee(ctx, h.fee, at('handlingItems', k, 'fee'));
  });
}

function checkFee(ctx: RuleContext, fee: Fee, base: PathSegment[]) {
  if (!fee.charged) return;
  const feeItems = arr(fee.items);
  // A basis per fee item stands in for the fee's own.
  const everyItemHasBasis = feeItems.length > 0 && feeItems.every((f) => !blank(f.basis));
  if (isNoneText(fee.basis))
    ctx.report(C.feeNoneText, [...base, 'basis'], `收费依据不能写“无”：收费事项须写明收费依据`, `fee basis must not be "无": a charged item must state its legal basis`);
  else if (blank(fee.basis) && !everyItemHasBasis) {
    const some = feeItems.some((f) => !blank(f.basis));
    if (!some) ctx.report(C.feeBasisRequired, [...base, 'basis'], `收费事项必须填写收费依据`, `a charged item must state its fee basis`);
    else
      feeItems.forEach((f, k) => {
        if (blank(f.basis))
          ctx.report(
            C.feeItemBasisRequired,
            [...base, 'items', k, 'basis'],
            `收费项目 ${quote(f.name)} 没有收费依据（事项也未写明收费依据）`,
            `fee item ${quote(f.name)} has no basis (and the fee states none)`,
          );
      });
  }
  if (feeItems.length === 0)
    ctx.report(C.feeItemsRequired, [...base, 'items'], `收费事项必须至少列出一项收费项目及标准`, `a charged item must list at least one fee item and amount`);
  feeItems.forEach((f, k) => {
    for (const key of ['name', 'amount'] as const) {
      if (isNoneText(f[key]))
        ctx.report(
          C.feeNoneText,
          [...base, 'items', k, key],
          `收费项目${key === 'name' ? '名称' : '标准'}不能写“无”（不收费请写“不收费”，即 charged: false）`,
          `fee item ${key} must not be "无" (for no fee, set charged: false — shown as 不收费)`,
        );
    }
  });
}

/** Rule 4: result ⇒ sample. */
function resultSample(ctx: RuleContext, item: Item, at: At) {
  arr(item.results).forEach((r, k) => {
    if (blank(r.sample))
      ctx.report(C.resultSampleRequired, at('results', k, 'sample'), `审批结果 ${quote(r.name)} 缺少结果样本`, `result document ${quote(r.name)} has no sample`);
  });
}

/** Situations (unique ids, askWhen order and references, every question has an effect) and materials (ids, references, forms/source/copies). */
function situationsAndMaterials(ctx: RuleContext, item: Item, at: At) {
  const error = ctx.report;
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
  const checkConditions = (conditions: readonly Condition[], base: PathSegment[], askingIndex: number | undefined) => {
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
}

/** Rule 13 (warning): a deferrable material must not be the only material. */
function onlyDeferrable(ctx: RuleContext, item: Item, at: At) {
  const materials = arr(item.materials);
  if (materials.length === 0 || !materials.every((m) => m.necessity === 'deferrable')) return;
  const only = materials.length === 1;
  ctx.report(
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

/**
 * Text that stands where a real value is required but says nothing: 无, 暂无, 符合以上条件,
 * 见附件, 详见…, 参见…, 同上, a dash. Exported for the national import's report.
 */
export function isPlaceholderText(s: string | undefined | null): boolean {
  if (typeof s !== 'string') return false;
  const t = s.normalize('NFKC').trim().replace(/[。.；;：:]+$/, '');
  if (t === '') return false;
  return /^(无|暂无|没有|空|\/|-+|—+|同上|符合以上条件|符合上述条件|见附件|详见附件|按规定|按有关规定)$/.test(t) || /^(详见|参见|见)[^，,；;]{0,30}$/.test(t);
}

/** Where a real value is required: conditions, legal basis, acceptance standards, a charged fee's basis. */
function placeholders(ctx: RuleContext, item: Item, at: At) {
  const say = (path: PathSegment[], value: string, zh: string, en: string) =>
    ctx.report(C.placeholderText, path, `${zh}不能只写 ${quote(value)}：须写明具体内容`, `${en} must not be just ${quote(value)}: state the actual content`);
  arr(item.acceptanceConditions).forEach((c, k) => {
    if (isPlaceholderText(c)) say(at('acceptanceConditions', k), c, '受理条件', 'an acceptance condition');
  });
  arr(item.legalBasis).forEach((c, k) => {
    if (isPlaceholderText(c)) say(at('legalBasis', k), c, '设定依据', 'a legal basis');
  });
  arr(item.materials).forEach((m, mi) => {
    if (isPlaceholderText(m.acceptanceStandard)) say(at('materials', mi, 'acceptanceStandard'), m.acceptanceStandard, `材料 ${quote(m.name)} 的受理标准`, `the acceptance standard of material ${quote(m.name)}`);
    if (isPlaceholderText(m.name)) say(at('materials', mi, 'name'), m.name, '材料名称', 'a material name');
  });
  // "无" on a fee basis is fee.noneText already.
  if (item.fee.charged && !isNoneText(item.fee.basis) && isPlaceholderText(item.fee.basis)) say(at('fee', 'basis'), item.fee.basis, '收费依据', 'the fee basis');
}

/** One acceptance condition holding a numbered list (（一）…（二）…, 1.…2.…): it should be a list. */
function conditionsBlob(ctx: RuleContext, item: Item, at: At) {
  arr(item.acceptanceConditions).forEach((c, k) => {
    if (looksLikeList(c))
      ctx.report(
        C.conditionsBlob,
        at('acceptanceConditions', k),
        `受理条件是一段带编号的文字，应拆成逐条列出的多项（当前 ${splitNumberedList(c).length} 条写在一项里）`,
        `this acceptance condition is a numbered text; list each condition as its own entry (${splitNumberedList(c).length} written in one)`,
      );
  });
}

const LIST_MARK = /(?:^|[\s。；;：:\n])\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、)]|[一二三四五六七八九十]+、)/g;

/** Splits a numbered text into its entries (（一）… / 1. … / 一、…); [text] when it is not numbered. */
export function splitNumberedList(text: string): string[] {
  const marks = [...text.matchAll(LIST_MARK)].map((m) => m.index! + (m[0].length - m[0].trimStart().length));
  if (marks.length < 2) return [text.trim()].filter((t) => t !== '');
  const starts = marks.map((i) => {
    // skip the separator char the pattern consumed
    const ch = text[i];
    return ch !== undefined && /[\s。；;：:\n]/.test(ch) ? i + 1 : i;
  });
  const parts: string[] = [];
  const intro = text.slice(0, starts[0]).trim();
  for (let k = 0; k < starts.length; k++) parts.push(text.slice(starts[k], starts[k + 1] ?? text.length).trim());
  return (intro && !/[：:]$/.test(intro) ? [intro, ...parts] : parts).filter((p) => p !== '');
}

function looksLikeList(text: string): boolean {
  return splitNumberedList(text).length >= 2;
}

function aliasCollisions(ctx: RuleContext) {
  const items = ctx.items;
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
      // Implementations of one basic code share their names by design.
      const other = (byKey.get(key) ?? []).find(
        (e) => e.item !== i && (e.alias === undefined || e.item < i) && items[e.item]?.basicCode !== item.basicCode,
      );
      if (!other) return;
      const otherItem = items[other.item];
      const where = other.alias === undefined ? `items[${other.item}].name` : `items[${other.item}].aliases[${other.alias}]`;
      ctx.report(
        C.aliasCollision,
        ['items', i, 'aliases', k],
        `别名 ${quote(alias)} 与事项 ${quote(otherItem?.name)} 的${other.alias === undefined ? '名称' : '别名'}（${where}）相同，搜索时会混淆`,
        `alias ${quote(alias)} is the same as the ${other.alias === undefined ? 'name' : 'alias'} of item ${quote(otherItem?.name)} (${where}); search results will be ambiguous`,
      );
    });
  });
}

// ---- bundle rules -------------------------------------------------------------------------

function bundleRule(ctx: RuleContext, b: Bundle, bi: number) {
  const bundles = arr(ctx.catalog.bundles);
  const prev = bundles.findIndex((o) => o.id === b.id);
  if (prev !== bi)
    ctx.report(
      C.duplicateBundleId,
      ['bundles', bi, 'id'],
      `“一件事”编号 ${quote(b.id)} 重复（与 bundles[${prev}] 相同）`,
      `bundle id ${quote(b.id)} is duplicated (same as bundles[${prev}])`,
    );

  checkThemeRefs(ctx, arr(b.themeIds), ['bundles', bi, 'themeIds']);

  arr(b.items).forEach((ref, k) => {
    const idx = ctx.index.basicCodes.get(ref.basicCode);
    const target = idx === undefined ? undefined : ctx.items[idx];
    if (!target && ctx.setAside.basicCodes?.has(ref.basicCode)) return;
    if (!target) {
      ctx.report(
        C.unknownBundleItem,
        ['bundles', bi, 'items', k, 'basicCode'],
        `“一件事”引用的事项编码 ${quote(ref.basicCode)} 不存在`,
        `bundle item basic code ${quote(ref.basicCode)} does not exist`,
      );
      return;
    }
    const chosen = ref.implementationCode === undefined ? target : ctx.items.find((i) => implementationCodeOf(i) === ref.implementationCode && i.basicCode === ref.basicCode);
    if (!chosen) {
      ctx.report(
        C.unknownBundleItem,
        ['bundles', bi, 'items', k, 'implementationCode'],
        `“一件事”引用的实施编码 ${quote(ref.implementationCode)} 不是事项 ${quote(ref.basicCode)} 的实施清单`,
        `bundle item implementation code ${quote(ref.implementationCode)} is not an implementation of ${quote(ref.basicCode)}`,
      );
      return;
    }
    if (ref.handlingItemCode !== undefined && !arr(chosen.handlingItems).some((h) => h.code === ref.handlingItemCode))
      ctx.report(
        C.unknownBundleHandlingItem,
        ['bundles', bi, 'items', k, 'handlingItemCode'],
        `业务办理项 ${quote(ref.handlingItemCode)} 不属于事项 ${quote(ref.basicCode)}（${chosen.name}）`,
        `handling item ${quote(ref.handlingItemCode)} does not belong to item ${quote(ref.basicCode)} (${chosen.name})`,
      );
  });
}
