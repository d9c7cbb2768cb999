/**
 * What changed between two catalog versions — for the catalog office reviewing an import,
 * and (diffItem alone) for a clerk whose draft was started under an older version of an item.
 *
 * Items are matched by basicCode, materials and questions by id (within the item), handling
 * items by code, bundles/themes by id, departments by code. Values are compared on their
 * data (so a change is never missed because two values display alike); before/after are
 * display strings in both languages (null = not set). Order changes alone (materials
 * reordered) are not reported. The result is plain, JSON-serialisable data.
 */
import type { Locale, Localized } from '../i18n';
import type {
  Bundle,
  Catalog,
  Condition,
  Department,
  HandlingItem,
  Item,
  LicenceType,
  Material,
  SituationQuestion,
  Theme,
} from './schema';
import { formatFee, formatList, formatOnSiteVisits, formatTimeLimit, formatYesNo, labels } from './format';
import { implementationCodeOf } from './schema';

export type DisplayValue = Localized | null;

export interface FieldChange {
  /** The field's key in the catalog, e.g. `promisedLimit`. */
  field: string;
  /** The field's name for display, e.g. 承诺办结时限 / Promised time limit. */
  label: Localized;
  before: DisplayValue;
  after: DisplayValue;
}

/** Something added or removed: its key (code/id) and name. */
export interface DiffEntry {
  key: string;
  name: string;
}

/** Something present in both versions, with the fields that changed. */
export interface EntityChange {
  key: string;
  name: string;
  changes: FieldChange[];
}

export interface KeyedDiff<C = EntityChange> {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: C[];
}

export interface ItemDiff {
  basicCode: string;
  /** The item's name in the newer version. */
  name: string;
  /** False when nothing at all changed. */
  changed: boolean;
  /** Top-level fields (name, limits, fee, legal basis, conditions, departments, …). */
  fields: FieldChange[];
  handlingItems: KeyedDiff;
  situations: KeyedDiff;
  materials: KeyedDiff;
}

export interface CatalogDiffSummary {
  itemsAdded: number;
  itemsRemoved: number;
  itemsChanged: number;
  /** Counted inside changed items. */
  materialsAdded: number;
  materialsRemoved: number;
  materialsChanged: number;
  situationsAdded: number;
  situationsRemoved: number;
  situationsChanged: number;
  bundlesAdded: number;
  bundlesRemoved: number;
  bundlesChanged: number;
  departmentsAdded: number;
  departmentsRemoved: number;
  departmentsChanged: number;
  themesAdded: number;
  themesRemoved: number;
  themesChanged: number;
}

export interface CatalogDiff {
  from: { version: string; effectiveDate: string };
  to: { version: string; effectiveDate: string };
  /** False when the two catalogs are the same in every compared respect. */
  changed: boolean;
  /** Catalog-level fields: version, effective date, publisher, sample data flag. */
  meta: FieldChange[];
  departments: KeyedDiff;
  themes: KeyedDiff;
  items: KeyedDiff<ItemDiff>;
  bundles: KeyedDiff;
  /** 电子证照目录: licence types by code. */
  licenceTypes: KeyedDiff;
  summary: CatalogDiffSummary;
}

export interface DiffOptions {
  /** Departments to show names instead of bare codes (both versions' may be given). */
  departments?: readonly Department[];
  themes?: readonly Theme[];
  licenceTypes?: readonly LicenceType[];
}

// ---- comparison and display helpers ------------------------------------------------------

/** Canonical form for comparison: keys sorted; undefined, null, '' and [] all mean "not set". */
function canon(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'null' : `[${v.map(canon).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => [k, canon(x)] as const)
      .filter(([, x]) => x !== 'null')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${x}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function arr<T>(a: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(a) ? a : [];
}

interface Ctx {
  departments: ReadonlyMap<string, string>;
  themes: ReadonlyMap<string, string>;
  items: ReadonlyMap<string, string>;
  /** Licence type code → name (电子证照目录), to show a material's licence links by name. */
  licenceTypes: ReadonlyMap<string, string>;
  /** The questions and handling items of the item being displayed (its own version). */
  questions: readonly SituationQuestion[];
  handlingItems: readonly HandlingItem[];
}

type Show<T> = (value: T, locale: Locale, ctx: Ctx) => string | undefined;

interface FieldSpec<T> {
  field: string;
  label: Localized;
  get: (x: T) => unknown;
  show: Show<T>;
}

const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

function spec<T, K extends keyof T>(
  field: K & string,
  label: Localized,
  show?: (value: NonNullable<T[K]>, locale: Locale, ctx: Ctx) => string | undefined,
): FieldSpec<T> {
  return {
    field,
    label,
    get: (x) => x[field],
    show: (x, locale, ctx) => {
      const v = x[field];
      if (v === undefined || v === null) return undefined;
      if (show) return show(v as NonNullable<T[K]>, locale, ctx);
      if (typeof v === 'boolean') return formatYesNo(v, locale);
      return String(v);
    },
  };
}

const words = (values: readonly string[], locale: Locale) => values.join(locale === 'zh-CN' ? '、' : ', ');
const named = (map: ReadonlyMap<string, string>, code: string, locale: Locale) => {
  const name = map.get(code);
  return name ? (locale === 'zh-CN' ? `${name}（${code}）` : `${name} (${code})`) : code;
};

function showConditions(conditions: readonly Condition[], locale: Locale, ctx: Ctx): string | undefined {
  if (conditions.length === 0) return undefined;
  const zh = locale === 'zh-CN';
  return conditions
    .map((c) => {
      const q = ctx.questions.find((x) => x.id === c.questionId);
      const options = arr(c.optionIds).map((id) => q?.options.find((o) => o.id === id)?.label ?? id);
      return `${q?.text ?? c.questionId}${zh ? '：' : ': '}${options.join(zh ? ' 或 ' : ' or ')}`;
    })
    .join(zh ? '；且 ' : '; and ');
}

function diffFields<T>(specs: readonly FieldSpec<T>[], a: T, b: T, ctxA: Ctx, ctxB: Ctx): FieldChange[] {
  const out: FieldChange[] = [];
  for (const s of specs) {
    if (canon(s.get(a)) === canon(s.get(b))) continue;
    const display = (x: T, ctx: Ctx): DisplayValue => {
      const zh = s.show(x, 'zh-CN', ctx);
      const en = s.show(x, 'en-US', ctx);
      if ((zh === undefined || zh === '') && (en === undefined || en === '')) return null;
      return { 'zh-CN': zh ?? '', 'en-US': en ?? '' };
    };
    out.push({ field: s.field, label: s.label, before: display(a, ctxA), after: display(b, ctxB) });
  }
  return out;
}

function keyedDiff<T, C>(
  from: readonly T[],
  to: readonly T[],
  key: (x: T) => string,
  name: (x: T) => string,
  compare: (a: T, b: T) => C | null,
): KeyedDiff<C> {
  const index = (list: readonly T[]) => {
    const m = new Map<string, T>();
    for (const x of list) if (!m.has(key(x))) m.set(key(x), x); // first occurrence wins
    return m;
  };
  const a = index(from);
  const b = index(to);
  const result: KeyedDiff<C> = { added: [], removed: [], changed: [] };
  for (const [k, x] of b) {
    const old = a.get(k);
    if (old === undefined) result.added.push({ key: k, name: name(x) });
    else {
      const c = compare(old, x);
      if (c !== null) result.changed.push(c);
    }
  }
  for (const [k, x] of a) if (!b.has(k)) result.removed.push({ key: k, name: name(x) });
  return result;
}

const emptyCtx = (): Ctx => ({
  departments: new Map(),
  themes: new Map(),
  items: new Map(),
  licenceTypes: new Map(),
  questions: [],
  handlingItems: [],
});

// ---- field specifications ----------------------------------------------------------------

const itemSpecs: FieldSpec<Item>[] = [
  spec<Item, 'name'>('name', L('事项名称', 'Name')),
  spec<Item, 'nameEn'>('nameEn', L('英文名称', 'English name')),
  spec<Item, 'aliases'>('aliases', L('别名', 'Aliases'), (v, l) => words(v, l) || undefined),
  spec<Item, 'type'>('type', L('事项类型', 'Item type'), (v, l) => labels[l].itemType[v] ?? v),
  spec<Item, 'departmentCode'>('departmentCode', L('实施主体', 'Implementing department'), (v, l, c) =>
    named(c.departments, v, l),
  ),
  spec<Item, 'coHandlingDepartmentCodes'>(
    'coHandlingDepartmentCodes',
    L('联办机构', 'Co-handling departments'),
    (v, l, c) => words(v.map((code) => named(c.departments, code, l)), l) || undefined,
  ),
  spec<Item, 'themeIds'>('themeIds', L('主题', 'Themes'), (v, l, c) =>
    words(v.map((id) => named(c.themes, id, l)), l) || undefined,
  ),
  spec<Item, 'acceptanceConditions'>('acceptanceConditions', L('受理条件', 'Acceptance conditions'), (v, l) =>
    formatList(v, l) || undefined,
  ),
  spec<Item, 'legalBasis'>('legalBasis', L('设定依据', 'Legal basis'), (v, l) => formatList(v, l) || undefined),
  spec<Item, 'statutoryLimit'>('statutoryLimit', L('法定办结时限', 'Statutory time limit'), formatTimeLimit),
  spec<Item, 'promisedLimit'>('promisedLimit', L('承诺办结时限', 'Promised time limit'), formatTimeLimit),
  spec<Item, 'caseType'>('caseType', L('办件类型', 'Case type'), (v, l) => labels[l].caseType[v] ?? v),
  spec<Item, 'fee'>('fee', L('收费', 'Fee'), (v, l) => formatFee(v, l, { withBasis: true })),
  spec<Item, 'onSiteVisits'>('onSiteVisits', L('到办事现场次数', 'On-site visits'), formatOnSiteVisits),
  spec<Item, 'results'>('results', L('审批结果', 'Results'), (v, l) => {
    const zh = l === 'zh-CN';
    const parts = v.map((r) => {
      const bits = [labels[l].resultType[r.type] ?? r.type];
      if (r.sample) bits.push(zh ? `样本：${r.sample}` : `sample: ${r.sample}`);
      if (r.electronic) bits.push(zh ? '电子证照' : 'electronic licence');
      if (r.licenceTypeCode) bits.push(zh ? `入库证照：${r.licenceTypeCode}` : `issues licence: ${r.licenceTypeCode}`);
      return zh ? `${r.name}（${bits.join('，')}）` : `${r.name} (${bits.join(', ')})`;
    });
    return formatList(parts, l) || undefined;
  }),
  spec<Item, 'online'>('online', L('是否网办', 'Online application')),
  spec<Item, 'serviceScope'>('serviceScope', L('通办范围', 'Service scope')),
  spec<Item, 'location'>('location', L('办理地点', 'Location')),
  spec<Item, 'hours'>('hours', L('办理时间', 'Opening hours')),
  spec<Item, 'consultPhone'>('consultPhone', L('咨询方式', 'Enquiries')),
  spec<Item, 'complaintPhone'>('complaintPhone', L('投诉方式', 'Complaints')),
  spec<Item, 'fields'>('fields', L('办件信息字段', 'Case form fields'), (v, l) => {
    const zh = l === 'zh-CN';
    const parts = v.map((f) => {
      const bits = [labels[l].fieldKind[f.kind] ?? f.kind];
      if (f.required) bits.push(zh ? '必填' : 'required');
      return zh ? `${f.label}（${bits.join('，')}）` : `${f.label} (${bits.join(', ')})`;
    });
    return formatList(parts, l) || undefined;
  }),
];

const handlingItemSpecs: FieldSpec<HandlingItem>[] = [
  spec<HandlingItem, 'name'>('name', L('名称', 'Name')),
  spec<HandlingItem, 'promisedLimit'>('promisedLimit', L('承诺办结时限', 'Promised time limit'), formatTimeLimit),
];

const questionSpecs: FieldSpec<SituationQuestion>[] = [
  spec<SituationQuestion, 'text'>('text', L('问题', 'Question')),
  spec<SituationQuestion, 'help'>('help', L('说明', 'Help')),
  spec<SituationQuestion, 'sharedQuestionId'>('sharedQuestionId', L('共享问题编号', 'Shared question id')),
  spec<SituationQuestion, 'options'>('options', L('选项', 'Options'), (v, l) => words(v.map((o) => o.label), l) || undefined),
  spec<SituationQuestion, 'askWhen'>('askWhen', L('提问条件', 'Asked when'), showConditions),
];

const materialSpecs: FieldSpec<Material>[] = [
  spec<Material, 'name'>('name', L('材料名称', 'Name')),
  spec<Material, 'sharedMaterialId'>('sharedMaterialId', L('共享材料编号', 'Shared material id')),
  spec<Material, 'type'>('type', L('材料类型', 'Material type'), (v, l) => labels[l].materialType[v] ?? v),
  spec<Material, 'forms'>('forms', L('材料形式', 'Forms'), (v, l) =>
    words(v.map((f) => labels[l].materialForm[f] ?? f), l) || undefined,
  ),
  spec<Material, 'copies'>('copies', L('份数', 'Copies')),
  spec<Material, 'paperSize'>('paperSize', L('纸质规格', 'Paper size'), (v, l) => labels[l].paperSize[v] ?? v),
  spec<Material, 'necessity'>('necessity', L('必要性', 'Necessity'), (v, l) => labels[l].necessity[v] ?? v),
  spec<Material, 'source'>('source', L('来源渠道', 'Source'), (v, l) => labels[l].materialSource[v] ?? v),
  spec<Material, 'issuingDepartment'>('issuingDepartment', L('出具单位', 'Issuing department')),
  spec<Material, 'acceptanceStandard'>('acceptanceStandard', L('受理标准', 'Acceptance standard')),
  spec<Material, 'legalBasis'>('legalBasis', L('要求提供材料的依据', 'Legal basis')),
  spec<Material, 'blankForm'>('blankForm', L('空白表格', 'Blank form')),
  spec<Material, 'sample'>('sample', L('示例样表', 'Filled sample')),
  spec<Material, 'fillingNotes'>('fillingNotes', L('填报须知', 'Filling notes')),
  spec<Material, 'remarks'>('remarks', L('备注', 'Remarks')),
  spec<Material, 'appliesWhen'>('appliesWhen', L('适用情形', 'Applies when'), showConditions),
  spec<Material, 'licences'>('licences', L('可调取的电子证照', 'Licences that stand in'), (v, l, c) =>
    words(
      v.map((x) => `${named(c.licenceTypes, x.typeCode, l)}${l === 'zh-CN' ? `（${LICENCE_HOLDER_ZH[x.holder]}）` : ` (${x.holder})`}`),
      l,
    ) || undefined,
  ),
  spec<Material, 'handlingItems'>('handlingItems', L('适用业务办理项', 'Handling items'), (v, l, c) =>
    words(
      v.map((code) => {
        const h = c.handlingItems.find((x) => x.code === code);
        return h ? (l === 'zh-CN' ? `${h.name}（${code}）` : `${h.name} (${code})`) : code;
      }),
      l,
    ) || undefined,
  ),
];

const LICENCE_HOLDER_ZH: Record<NonNullable<Material['licences']>[number]['holder'], string> = {
  applicant: '申请人',
  agent: '代理人',
  organisation: '申请单位',
  property: '不动产',
};

const licenceTypeSpecs: FieldSpec<LicenceType>[] = [
  spec<LicenceType, 'name'>('name', L('证照名称', 'Name')),
  spec<LicenceType, 'nameEn'>('nameEn', L('英文名称', 'English name')),
  spec<LicenceType, 'issuingDepartmentCode'>('issuingDepartmentCode', L('发证部门', 'Issuing department'), (v, l, c) => named(c.departments, v, l)),
  spec<LicenceType, 'holderIdType'>('holderIdType', L('持证主体标识', 'Holder identified by')),
];

const bundleSpecs: FieldSpec<Bundle>[] = [
  spec<Bundle, 'name'>('name', L('名称', 'Name')),
  spec<Bundle, 'nameEn'>('nameEn', L('英文名称', 'English name')),
  spec<Bundle, 'aliases'>('aliases', L('别名', 'Aliases'), (v, l) => words(v, l) || undefined),
  spec<Bundle, 'description'>('description', L('说明', 'Description')),
  spec<Bundle, 'themeIds'>('themeIds', L('主题', 'Themes'), (v, l, c) =>
    words(v.map((id) => named(c.themes, id, l)), l) || undefined,
  ),
  spec<Bundle, 'items'>('items', L('包含事项', 'Items'), (v, l, c) => {
    const zh = l === 'zh-CN';
    const parts = v.map((x) => {
      let s = named(c.items, x.basicCode, l);
      if (x.handlingItemCode) s += ` / ${x.handlingItemCode}`;
      if (x.optional) s += zh ? '（可选）' : ' (optional)';
      return s;
    });
    return formatList(parts, l) || undefined;
  }),
];

const departmentSpecs: FieldSpec<Department>[] = [
  spec<Department, 'name'>('name', L('名称', 'Name')),
  spec<Department, 'nameEn'>('nameEn', L('英文名称', 'English name')),
  spec<Department, 'shortName'>('shortName', L('简称', 'Short name')),
];

const themeSpecs: FieldSpec<Theme>[] = [
  spec<Theme, 'name'>('name', L('名称', 'Name')),
  spec<Theme, 'nameEn'>('nameEn', L('英文名称', 'English name')),
  spec<Theme, 'audience'>('audience', L('面向对象', 'Audience'), (v, l) => labels[l].themeAudience[v] ?? v),
];

const metaSpecs: FieldSpec<Catalog>[] = [
  spec<Catalog, 'version'>('version', L('目录版本', 'Catalog version')),
  spec<Catalog, 'effectiveDate'>('effectiveDate', L('生效日期', 'Effective date')),
  spec<Catalog, 'publisher'>('publisher', L('发布机构', 'Publisher')),
  spec<Catalog, 'sampleData'>('sampleData', L('示例数据', 'Sample data')),
];

// ---- public API ---------------------------------------------------------------------------

function nameMap<T>(lists: readonly (readonly T[] | undefined)[], key: (x: T) => string, name: (x: T) => string) {
  const m = new Map<string, string>();
  for (const list of lists) for (const x of arr(list)) if (!m.has(key(x))) m.set(key(x), name(x));
  return m;
}

function itemDiffWith(from: Item, to: Item, base: Ctx): ItemDiff {
  const ctxA: Ctx = { ...base, questions: arr(from.situations), handlingItems: arr(from.handlingItems) };
  const ctxB: Ctx = { ...base, questions: arr(to.situations), handlingItems: arr(to.handlingItems) };
  const entity =
    <T>(specs: readonly FieldSpec<T>[], key: (x: T) => string, name: (x: T) => string) =>
    (a: T, b: T): EntityChange | null => {
      const changes = diffFields(specs, a, b, ctxA, ctxB);
      return changes.length === 0 ? null : { key: key(b), name: name(b), changes };
    };

  const fields = diffFields(itemSpecs, from, to, ctxA, ctxB);
  const handlingItems = keyedDiff(
    arr(from.handlingItems),
    arr(to.handlingItems),
    (h) => h.code,
    (h) => h.name,
    entity(handlingItemSpecs, (h) => h.code, (h) => h.name),
  );
  const situations = keyedDiff(
    arr(from.situations),
    arr(to.situations),
    (q) => q.id,
    (q) => q.text,
    entity(questionSpecs, (q) => q.id, (q) => q.text),
  );
  const materials = keyedDiff(
    arr(from.materials),
    arr(to.materials),
    (m) => m.id,
    (m) => m.name,
    entity(materialSpecs, (m) => m.id, (m) => m.name),
  );
  const sizes = [handlingItems, situations, materials].reduce(
    (n, d) => n + d.added.length + d.removed.length + d.changed.length,
    fields.length,
  );
  return { basicCode: to.basicCode, name: to.name, changed: sizes > 0, fields, handlingItems, situations, materials };
}

/**
 * What changed in one item between two versions (matched by the caller; usually the same
 * basicCode). Pass departments/themes to show names rather than bare codes.
 */
export function diffItem(from: Item, to: Item, options: DiffOptions = {}): ItemDiff {
  const ctx = emptyCtx();
  ctx.departments = nameMap([options.departments], (d) => d.code, (d) => d.name);
  ctx.themes = nameMap([options.themes], (t) => t.id, (t) => t.name);
  ctx.licenceTypes = nameMap([options.licenceTypes], (t) => t.code, (t) => t.name);
  return itemDiffWith(from, to, ctx);
}

/** What changed between two catalog versions. */
export function diffCatalogs(from: Catalog, to: Catalog): CatalogDiff {
  const ctx = emptyCtx();
  // Newer names first, so a renamed department shows its current name.
  ctx.departments = nameMap([to.departments, from.departments], (d) => d.code, (d) => d.name);
  ctx.themes = nameMap([to.themes, from.themes], (t) => t.id, (t) => t.name);
  ctx.items = nameMap([to.items, from.items], (i) => i.basicCode, (i) => i.name);
  ctx.licenceTypes = nameMap([to.licenceTypes, from.licenceTypes], (t) => t.code, (t) => t.name);

  const simple =
    <T>(specs: readonly FieldSpec<T>[], key: (x: T) => string, name: (x: T) => string) =>
    (a: T, b: T): EntityChange | null => {
      const changes = diffFields(specs, a, b, ctx, ctx);
      return changes.length === 0 ? null : { key: key(b), name: name(b), changes };
    };

  const meta = diffFields(metaSpecs, from, to, ctx, ctx);
  const departments = keyedDiff(
    arr(from.departments),
    arr(to.departments),
    (d) => d.code,
    (d) => d.name,
    simple(departmentSpecs, (d) => d.code, (d) => d.name),
  );
  const themes = keyedDiff(
    arr(from.themes),
    arr(to.themes),
    (t) => t.id,
    (t) => t.name,
    simple(themeSpecs, (t) => t.id, (t) => t.name),
  );
  const items = keyedDiff(
    arr(from.items),
    arr(to.items),
    (i) => implementationCodeOf(i), // 实施编码; the basic code for catalogs without one
    (i) => i.name,
    (a, b) => {
      const d = itemDiffWith(a, b, ctx);
      return d.changed ? d : null;
    },
  );
  const bundles = keyedDiff(
    arr(from.bundles),
    arr(to.bundles),
    (b) => b.id,
    (b) => b.name,
    simple(bundleSpecs, (b) => b.id, (b) => b.name),
  );

  const licenceTypes = keyedDiff(
    arr(from.licenceTypes),
    arr(to.licenceTypes),
    (t) => t.code,
    (t) => t.name,
    simple(licenceTypeSpecs, (t) => t.code, (t) => t.name),
  );

  const sum = (f: (d: ItemDiff) => number) => items.changed.reduce((n, d) => n + f(d), 0);
  const summary: CatalogDiffSummary = {
    itemsAdded: items.added.length,
    itemsRemoved: items.removed.length,
    itemsChanged: items.changed.length,
    materialsAdded: sum((d) => d.materials.added.length),
    materialsRemoved: sum((d) => d.materials.removed.length),
    materialsChanged: sum((d) => d.materials.changed.length),
    situationsAdded: sum((d) => d.situations.added.length),
    situationsRemoved: sum((d) => d.situations.removed.length),
    situationsChanged: sum((d) => d.situations.changed.length),
    bundlesAdded: bundles.added.length,
    bundlesRemoved: bundles.removed.length,
    bundlesChanged: bundles.changed.length,
    departmentsAdded: departments.added.length,
    departmentsRemoved: departments.removed.length,
    departmentsChanged: departments.changed.length,
    themesAdded: themes.added.length,
    themesRemoved: themes.removed.length,
    themesChanged: themes.changed.length,
  };
  const licenceTypesChanged = licenceTypes.added.length + licenceTypes.removed.length + licenceTypes.changed.length > 0;
  const changed = meta.length > 0 || licenceTypesChanged || Object.values(summary).some((n) => n > 0);
  return {
    from: { version: from.version, effectiveDate: from.effectiveDate },
    to: { version: to.version, effectiveDate: to.effectiveDate },
    changed,
    meta,
    departments,
    themes,
    items,
    bundles,
    licenceTypes,
    summary,
  };
}
