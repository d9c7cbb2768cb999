import { describe, expect, it } from 'vitest';
import { diffCatalogs, diffItem } from './diff';
import { FOOD_CODE, HYGIENE_CODE, makeCatalog, makeMaterial, makeQuestion } from '../../../test/fixtures/catalog';
import type { Catalog, Item } from './schema';

const food = (c: Catalog): Item => c.items[0]!;
const hygiene = (c: Catalog): Item => c.items[1]!;

describe('diffCatalogs', () => {
  it('finds nothing between identical catalogs', () => {
    const d = diffCatalogs(makeCatalog(), makeCatalog());
    expect(d.changed).toBe(false);
    expect(d.items).toEqual({ added: [], removed: [], changed: [] });
    expect(d.meta).toEqual([]);
    expect(Object.values(d.summary).every((n) => n === 0)).toBe(true);
  });

  it('treats omitted defaults, empty strings and empty lists as the same', () => {
    const a = makeCatalog();
    const b = makeCatalog();
    (food(b) as Partial<Item>).aliases = undefined;
    food(a).aliases = [];
    food(b).location = undefined;
    food(a).location = '';
    food(a).serviceScope = '';
    expect(diffItem(food(a), food(b)).changed).toBe(false);
  });

  it('reports items added, removed and changed, matched by basic code', () => {
    const from = makeCatalog();
    const to = makeCatalog();
    to.items.splice(1, 1); // remove hygiene
    to.items.push({ ...food(makeCatalog()), basicCode: '000117099000', name: '小餐饮登记', handlingItems: [{ code: 'X-01', name: '登记' }] });
    food(to).promisedLimit = { kind: 'workingDays', days: 3 };
    to.bundles = [];
    to.version = '2026.12.1';

    const d = diffCatalogs(from, to);
    expect(d.changed).toBe(true);
    expect(d.items.added).toEqual([{ key: '000117099000', name: '小餐饮登记' }]);
    expect(d.items.removed).toEqual([{ key: HYGIENE_CODE, name: '公共场所卫生许可' }]);
    expect(d.items.changed.map((c) => c.basicCode)).toEqual([FOOD_CODE]);
    expect(d.items.changed[0]!.fields).toEqual([
      {
        field: 'promisedLimit',
        label: { 'zh-CN': '承诺办结时限', 'en-US': 'Promised time limit' },
        before: { 'zh-CN': '5个工作日', 'en-US': '5 working days' },
        after: { 'zh-CN': '3个工作日', 'en-US': '3 working days' },
      },
    ]);
    expect(d.bundles.removed).toEqual([{ key: 'open-hotel', name: '开办旅馆一件事' }]);
    expect(d.meta.map((m) => [m.field, m.before?.['zh-CN'], m.after?.['zh-CN']])).toEqual([
      ['version', '2026.11.1', '2026.12.1'],
    ]);
    expect(d.from).toEqual({ version: '2026.11.1', effectiveDate: '2026-11-01' });
    expect(d.to.version).toBe('2026.12.1');
    expect(d.summary).toMatchObject({ itemsAdded: 1, itemsRemoved: 1, itemsChanged: 1, bundlesRemoved: 1 });
  });

  it('reports materials added, removed and changed inside changed items, and counts them', () => {
    const from = makeCatalog();
    const to = makeCatalog();
    const m = food(to).materials;
    m.splice(9, 1); // remove change-statement
    m.push(makeMaterial({ id: 'fire-cert', name: '消防安全检查合格证明', necessity: 'optional' }));
    m[8]!.necessity = 'required'; // safety-rules no longer deferrable
    m[8]!.copies = 2;
    hygiene(to).materials[4]!.acceptanceStandard = '标明卫生设施及通风口位置';

    const d = diffCatalogs(from, to);
    const f = d.items.changed.find((c) => c.basicCode === FOOD_CODE)!;
    expect(f.fields).toEqual([]);
    expect(f.materials.added).toEqual([{ key: 'fire-cert', name: '消防安全检查合格证明' }]);
    expect(f.materials.removed).toEqual([{ key: 'change-statement', name: '变更事项说明' }]);
    expect(f.materials.changed).toEqual([
      {
        key: 'safety-rules',
        name: '食品安全管理制度',
        changes: [
          {
            field: 'copies',
            label: { 'zh-CN': '份数', 'en-US': 'Copies' },
            before: { 'zh-CN': '1', 'en-US': '1' },
            after: { 'zh-CN': '2', 'en-US': '2' },
          },
          {
            field: 'necessity',
            label: { 'zh-CN': '必要性', 'en-US': 'Necessity' },
            before: { 'zh-CN': '容缺后补', 'en-US': 'Deferrable (supply later)' },
            after: { 'zh-CN': '必要', 'en-US': 'Required' },
          },
        ],
      },
    ]);
    const h = d.items.changed.find((c) => c.basicCode === HYGIENE_CODE)!;
    expect(h.materials.changed[0]!.changes[0]!.after?.['zh-CN']).toBe('标明卫生设施及通风口位置');
    expect(d.summary).toMatchObject({ itemsChanged: 2, materialsAdded: 1, materialsRemoved: 1, materialsChanged: 2 });
  });

  it('ignores a pure reordering of materials', () => {
    const to = makeCatalog();
    food(to).materials.reverse();
    expect(diffCatalogs(makeCatalog(), to).changed).toBe(false);
  });

  it('reports situation questions added, removed and changed', () => {
    const to = makeCatalog();
    const s = food(to).situations;
    s[0]!.text = '是否由他人代为办理？';
    s[1]!.options[1]!.label = '租用';
    s.push(makeQuestion({ id: 'online', text: '是否通过网络销售？' }));
    hygiene(to).situations = [];
    hygiene(to).materials[3]!.appliesWhen = [];
    const d = diffCatalogs(makeCatalog(), to);
    const f = d.items.changed.find((c) => c.basicCode === FOOD_CODE)!;
    expect(f.situations.added).toEqual([{ key: 'online', name: '是否通过网络销售？' }]);
    expect(f.situations.changed.map((c) => [c.key, c.changes.map((x) => x.field)])).toEqual([
      ['agent', ['text']],
      ['premises', ['options']],
    ]);
    expect(f.situations.changed[1]!.changes[0]!.after?.['zh-CN']).toBe('自有、租用');
    const h = d.items.changed.find((c) => c.basicCode === HYGIENE_CODE)!;
    expect(h.situations.removed).toEqual([{ key: 'central-ac', name: '场所是否使用集中空调通风系统？' }]);
    // The material's condition is shown with question text and option labels.
    expect(h.materials.changed[0]!.changes[0]).toMatchObject({
      field: 'appliesWhen',
      before: { 'zh-CN': '场所是否使用集中空调通风系统？：是', 'en-US': '场所是否使用集中空调通风系统？: 是' },
      after: null,
    });
    expect(d.summary).toMatchObject({ situationsAdded: 1, situationsRemoved: 1, situationsChanged: 2 });
  });

  it('reports top-level item fields with displayable before/after values', () => {
    const to = makeCatalog();
    const f = food(to);
    f.name = '食品经营许可（含小餐饮）';
    f.fee = { charged: true, basis: '某收费文件', items: [{ name: '工本费', amount: '10元' }] };
    f.legalBasis.push('《浙江省食品小作坊小餐饮小食杂店管理条例》');
    f.departmentCode = 'WJJ';
    f.coHandlingDepartmentCodes = ['SCJG'];
    f.caseType = 'immediate';
    f.promisedLimit = { kind: 'immediate' };
    f.onSiteVisits = { count: 1, reason: '现场核查' };
    f.online = false;
    f.type = 'administrativeFiling';
    const d = diffCatalogs(makeCatalog(), to);
    const changes = Object.fromEntries(d.items.changed[0]!.fields.map((c) => [c.field, c]));
    expect(Object.keys(changes)).toEqual([
      'name',
      'type',
      'departmentCode',
      'coHandlingDepartmentCodes',
      'legalBasis',
      'promisedLimit',
      'caseType',
      'fee',
      'onSiteVisits',
      'online',
    ]);
    expect(changes.fee!.before).toEqual({ 'zh-CN': '不收费', 'en-US': 'Free of charge' });
    expect(changes.fee!.after?.['zh-CN']).toBe('收费：工本费 10元（依据：某收费文件）');
    expect(changes.departmentCode!.before?.['zh-CN']).toBe('市场监督管理局（SCJG）');
    expect(changes.departmentCode!.after?.['en-US']).toBe('卫生健康局 (WJJ)');
    expect(changes.coHandlingDepartmentCodes!.before).toBeNull();
    expect(changes.caseType!.after).toEqual({ 'zh-CN': '即办件', 'en-US': 'Same-day case' });
    expect(changes.promisedLimit!.after).toEqual({ 'zh-CN': '即办', 'en-US': 'Same day' });
    expect(changes.online!.before).toEqual({ 'zh-CN': '是', 'en-US': 'Yes' });
    expect(changes.type!.after?.['zh-CN']).toBe('行政备案');
    expect(changes.legalBasis!.after?.['zh-CN']).toContain('；《浙江省食品小作坊小餐饮小食杂店管理条例》');
    expect(changes.onSiteVisits!.after?.['zh-CN']).toBe('1次（现场核查）');
  });

  it('reports handling items added, removed and changed', () => {
    const to = makeCatalog();
    const h = food(to).handlingItems;
    h[2]!.promisedLimit = { kind: 'workingDays', days: 2 };
    h.splice(1, 1);
    h.push({ code: `${FOOD_CODE}-04`, name: '注销' });
    food(to).materials[9]!.handlingItems = [`${FOOD_CODE}-04`];
    const d = diffItem(food(makeCatalog()), food(to));
    expect(d.handlingItems.added).toEqual([{ key: `${FOOD_CODE}-04`, name: '注销' }]);
    expect(d.handlingItems.removed).toEqual([{ key: `${FOOD_CODE}-02`, name: '变更' }]);
    expect(d.handlingItems.changed[0]!.changes[0]!.after?.['zh-CN']).toBe('2个工作日');
    // Handling items of a material are shown by name, each side with its own version's names.
    const m = d.materials.changed[0]!.changes[0]!;
    expect(m.before?.['zh-CN']).toBe(`变更（${FOOD_CODE}-02）`);
    expect(m.after?.['zh-CN']).toBe(`注销（${FOOD_CODE}-04）`);
  });

  it('reports bundles, departments and themes added, removed and changed', () => {
    const to = makeCatalog();
    to.departments[1]!.name = '卫生健康委员会';
    to.departments.push({ code: 'GAJ', name: '公安局' });
    to.themes.splice(1, 1);
    to.bundles[0]!.items[1]!.optional = false;
    to.bundles.push({ ...to.bundles[0]!, id: 'open-restaurant', name: '开餐馆一件事' });
    const d = diffCatalogs(makeCatalog(), to);
    expect(d.departments.added).toEqual([{ key: 'GAJ', name: '公安局' }]);
    expect(d.departments.changed).toEqual([
      {
        key: 'WJJ',
        name: '卫生健康委员会',
        changes: [
          {
            field: 'name',
            label: { 'zh-CN': '名称', 'en-US': 'Name' },
            before: { 'zh-CN': '卫生健康局', 'en-US': '卫生健康局' },
            after: { 'zh-CN': '卫生健康委员会', 'en-US': '卫生健康委员会' },
          },
        ],
      },
    ]);
    expect(d.themes.removed).toEqual([{ key: 'newborn', name: '新生儿出生' }]);
    expect(d.bundles.added).toEqual([{ key: 'open-restaurant', name: '开餐馆一件事' }]);
    expect(d.bundles.changed[0]!.changes.map((c) => c.field)).toEqual(['items']);
    expect(d.bundles.changed[0]!.changes[0]!.before?.['zh-CN']).toContain('（可选）');
    expect(d.bundles.changed[0]!.changes[0]!.after?.['zh-CN']).not.toContain('（可选）');
    expect(d.summary).toMatchObject({
      departmentsAdded: 1,
      departmentsRemoved: 0,
      departmentsChanged: 1,
      themesRemoved: 1,
      bundlesAdded: 1,
      bundlesChanged: 1,
      itemsChanged: 0,
    });
  });

  it('is plain JSON-serialisable data', () => {
    const to = makeCatalog();
    food(to).materials[0]!.name = 'x';
    to.items.pop();
    const d = diffCatalogs(makeCatalog(), to);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});

describe('diffItem', () => {
  it('works alone, showing codes without department names unless given', () => {
    const a = food(makeCatalog());
    const b = food(makeCatalog());
    b.departmentCode = 'WJJ';
    expect(diffItem(a, b).fields[0]!.after?.['zh-CN']).toBe('WJJ');
    const named = diffItem(a, b, { departments: makeCatalog().departments });
    expect(named.fields[0]!.after?.['zh-CN']).toBe('卫生健康局（WJJ）');
    expect(named.changed).toBe(true);
    expect(named.basicCode).toBe(FOOD_CODE);
  });

  it('reports unchanged items as such', () => {
    const d = diffItem(food(makeCatalog()), food(makeCatalog()));
    expect(d.changed).toBe(false);
    expect(d.fields).toEqual([]);
  });

  it('reports a value that is set or cleared with null on the other side', () => {
    const a = food(makeCatalog());
    const b = food(makeCatalog());
    delete b.nameEn;
    b.complaintPhone = '12345';
    const fields = diffItem(a, b).fields;
    expect(fields.find((f) => f.field === 'nameEn')).toMatchObject({ after: null, before: { 'en-US': 'Food business licence' } });
    expect(fields.find((f) => f.field === 'complaintPhone')).toMatchObject({ before: null, after: { 'zh-CN': '12345' } });
  });
});
