import { describe, expect, it } from 'vitest';
import { checkCatalogQuality } from '../catalog/quality';
import { Catalog, type CatalogInput } from '../catalog/schema';
import { deriveChecklist, findLine, prepareCatalog, type Checklist } from './checklist';
import { FOOD, HOTEL_BUNDLE, HYGIENE, INSURANCE, benchAnswers, foodSubject, hotelSubject, makeBenchCatalog, makeIntakeCatalog } from '../../../test/fixtures/intake';

const keys = (cl: Checklist) => cl.materials.map((l) => l.key);
const noAgent = { hasAgent: false };

describe('fixtures', () => {
  it('the intake catalog passes every quality rule', () => {
    const issues = checkCatalogQuality(makeIntakeCatalog()).filter((i) => i.severity === 'error');
    expect(issues).toEqual([]);
  });
});

describe('deriveChecklist: one item', () => {
  const catalog = makeIntakeCatalog();

  it('asks the first question and lists only what applies without answers', () => {
    const cl = deriveChecklist(catalog, foodSubject(), {}, noAgent);
    expect(cl.questions.map((q) => q.key)).toEqual(['shared/premises-ownership']);
    expect(cl.questions[0]).toMatchObject({
      text: '经营场所是自有还是租赁？',
      answer: null,
      itemCodes: [FOOD],
      sharedQuestionId: 'premises-ownership',
      options: [
        { id: 'owned', label: '自有' },
        { id: 'leased', label: '租赁' },
      ],
    });
    expect(cl.unansweredQuestions).toEqual(['shared/premises-ownership']);
    expect(keys(cl)).toEqual([
      'shared/application-form',
      'shared/business-licence',
      'shared/legal-rep-id',
      `${FOOD}/layout`,
      `${FOOD}/safety-rules`,
      `${FOOD}/training-cert`,
    ]);
    // conditioned on the unanswered question (directly or through the follow-up): not yet
    expect(cl.undeterminedMaterialKeys).toEqual([
      `${FOOD}/property-cert`,
      'shared/lease-contract',
      `${FOOD}/lessor-id`,
      `${FOOD}/lessor-licence`,
    ]);
    expect(cl.problems).toEqual([]);
    expect(cl.catalogVersion).toBe('2026.11.1');
  });

  it('asks the follow-up question once its condition holds', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'leased' }, noAgent);
    expect(cl.questions.map((q) => [q.key, q.answer])).toEqual([
      ['shared/premises-ownership', 'leased'],
      [`${FOOD}/lessor`, null],
    ]);
    expect(cl.unansweredQuestions).toEqual([`${FOOD}/lessor`]);
    expect(keys(cl)).toContain('shared/lease-contract');
    expect(keys(cl)).not.toContain(`${FOOD}/property-cert`);
    expect(cl.undeterminedMaterialKeys).toEqual([`${FOOD}/lessor-id`, `${FOOD}/lessor-licence`]);
  });

  it('is complete when every asked question is answered', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'leased', [`${FOOD}/lessor`]: 'person' }, noAgent);
    expect(cl.unansweredQuestions).toEqual([]);
    expect(cl.undeterminedMaterialKeys).toEqual([]);
    expect(keys(cl)).toContain(`${FOOD}/lessor-id`);
    expect(keys(cl)).not.toContain(`${FOOD}/lessor-licence`);
  });

  it('ignores the answer to a question no longer asked', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'owned', [`${FOOD}/lessor`]: 'person' }, noAgent);
    expect(cl.questions.map((q) => q.key)).toEqual(['shared/premises-ownership']);
    expect(cl.unansweredQuestions).toEqual([]);
    expect(keys(cl)).toContain(`${FOOD}/property-cert`);
    expect(keys(cl)).not.toContain(`${FOOD}/lessor-id`);
    expect(cl.undeterminedMaterialKeys).toEqual([]);
  });

  it('treats an answer that is not one of the options as unanswered', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'rented' }, noAgent);
    expect(cl.questions[0]!.answer).toBeNull();
    expect(cl.unansweredQuestions).toEqual(['shared/premises-ownership']);
  });

  it('copies one material line faithfully', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'owned' }, noAgent);
    expect(findLine(cl, 'shared/application-form')).toEqual({
      key: 'shared/application-form',
      name: '食品经营许可申请书',
      type: 'original',
      forms: ['paper', 'electronic'],
      copies: 1,
      paperSize: 'A4',
      necessity: 'required',
      source: 'applicant',
      acceptanceStandard: '申请人签字或盖章，内容与营业执照一致',
      acceptanceStandards: ['申请人签字或盖章，内容与营业执照一致'],
      legalBasis: '《食品经营许可和备案管理办法》第十二条',
      blankForm: 'forms/food-application.docx',
      sample: 'samples/food-application.pdf',
      canFetch: false,
      itemCodes: [FOOD],
      sharedMaterialId: 'application-form',
      sources: [{ basicCode: FOOD, materialId: 'application', name: '食品经营许可申请书' }],
    });
    expect(findLine(cl, 'shared/business-licence')).toMatchObject({ canFetch: true, issuingDepartment: '市场监督管理局' });
    expect(findLine(cl, `${FOOD}/safety-rules`)?.necessity).toBe('deferrable');
    expect(findLine(cl, `${FOOD}/training-cert`)?.necessity).toBe('optional');
  });

  it('filters materials by the chosen handling items', () => {
    const answers = { 'shared/premises-ownership': 'owned' };
    expect(keys(deriveChecklist(catalog, foodSubject([`${FOOD}-01`]), answers, noAgent))).not.toContain(`${FOOD}/change-statement`);
    const change = deriveChecklist(catalog, foodSubject([`${FOOD}-02`]), answers, noAgent);
    expect(keys(change)).toContain(`${FOOD}/change-statement`);
    expect(change.items[0]!.handlingItems).toEqual([{ code: `${FOOD}-02`, name: '变更' }]);
    const both = deriveChecklist(catalog, foodSubject([`${FOOD}-01`, `${FOOD}-02`]), answers, noAgent);
    expect(keys(both)).toContain(`${FOOD}/change-statement`);
  });

  it('resolves the promised limit from the handling items (longest when several)', () => {
    const a = {};
    expect(deriveChecklist(catalog, foodSubject([`${FOOD}-01`]), a, noAgent).items[0]!.promisedLimit).toEqual({ kind: 'workingDays', days: 5 });
    expect(deriveChecklist(catalog, foodSubject([`${FOOD}-03`]), a, noAgent).items[0]!.promisedLimit).toEqual({ kind: 'workingDays', days: 3 });
    expect(deriveChecklist(catalog, foodSubject([`${FOOD}-03`, `${FOOD}-01`]), a, noAgent).items[0]!.promisedLimit).toEqual({
      kind: 'workingDays',
      days: 5,
    });
    const ins = deriveChecklist(catalog, { kind: 'item', basicCode: INSURANCE, handlingItemCodes: [] }, a, noAgent);
    expect(ins.items[0]!.promisedLimit).toEqual({ kind: 'immediate' });
    expect(ins.items[0]!.handlingItems).toEqual([{ code: `${INSURANCE}-01`, name: '参保登记' }]); // the only one
    expect(ins.problems).toEqual([]);
  });

  it('reports a missing or unknown handling item, and an unknown item', () => {
    const none = deriveChecklist(catalog, foodSubject([]), {}, noAgent);
    expect(none.problems).toEqual([{ kind: 'handlingItemNotChosen', basicCode: FOOD }]);
    expect(keys(none)).not.toContain(`${FOOD}/change-statement`);
    const unknown = deriveChecklist(catalog, foodSubject([`${FOOD}-99`]), {}, noAgent);
    expect(unknown.problems).toEqual([
      { kind: 'unknownHandlingItem', basicCode: FOOD, code: `${FOOD}-99` },
      { kind: 'handlingItemNotChosen', basicCode: FOOD },
    ]);
    const item = deriveChecklist(catalog, { kind: 'item', basicCode: '000000000000', handlingItemCodes: [] }, {}, noAgent);
    expect(item.problems).toEqual([{ kind: 'unknownItem', basicCode: '000000000000' }]);
    expect(item.materials).toEqual([]);
    expect(item.items).toEqual([]);
  });
});

describe('deriveChecklist: 一件事 bundle', () => {
  const catalog = makeIntakeCatalog();
  const leased = { 'shared/premises-ownership': 'leased', [`${FOOD}/lessor`]: 'company', [`${HYGIENE}/central-ac`]: 'yes' };

  it('asks a shared question once, in bundle order, for every item that has it', () => {
    const cl = deriveChecklist(catalog, hotelSubject(), { 'shared/premises-ownership': 'leased' }, noAgent);
    expect(cl.bundle).toEqual({ id: HOTEL_BUNDLE, name: '开办旅馆一件事' });
    expect(cl.items.map((i) => i.basicCode)).toEqual([HYGIENE, FOOD]);
    expect(cl.items.map((i) => i.optionalInBundle)).toEqual([false, true]);
    expect(cl.questions.map((q) => [q.key, q.itemCodes])).toEqual([
      ['shared/premises-ownership', [HYGIENE, FOOD]],
      [`${HYGIENE}/central-ac`, [HYGIENE]],
      [`${FOOD}/lessor`, [FOOD]],
    ]);
    expect(cl.unansweredQuestions).toEqual([`${HYGIENE}/central-ac`, `${FOOD}/lessor`]);
  });

  it('collects a shared material once, merged strictly', () => {
    const cl = deriveChecklist(catalog, hotelSubject(), leased, noAgent);
    expect(cl.unansweredQuestions).toEqual([]);
    const sharedLines = cl.materials.filter((l) => l.key.startsWith('shared/'));
    expect(sharedLines.map((l) => l.key)).toEqual([
      'shared/application-form',
      'shared/business-licence',
      'shared/legal-rep-id',
      'shared/lease-contract',
    ]);
    const app = findLine(cl, 'shared/application-form')!;
    expect(app).toMatchObject({
      name: '公共场所卫生许可申请表', // the first item's name
      itemCodes: [HYGIENE, FOOD],
      copies: 2, // the most copies
      forms: ['paper', 'electronic'],
      acceptanceStandard: '申请人签字或盖章；申请人签字或盖章，内容与营业执照一致',
      acceptanceStandards: ['申请人签字或盖章', '申请人签字或盖章，内容与营业执照一致'],
      legalBasis: '《公共场所卫生管理条例实施细则》第二十二条；《食品经营许可和备案管理办法》第十二条',
      blankForm: 'forms/food-application.docx', // first one defined
    });
    expect(app.sources.map((s) => s.name)).toEqual(['公共场所卫生许可申请表', '食品经营许可申请书']);
    // copy (卫生) + originalOrCopy (食品) → originalOrCopy; both fetchable
    expect(findLine(cl, 'shared/business-licence')).toMatchObject({ type: 'originalOrCopy', canFetch: true, itemCodes: [HYGIENE, FOOD] });
    const lease = findLine(cl, 'shared/lease-contract')!;
    expect(lease.copies).toBe(2);
    expect(lease.acceptanceStandard).toBe('租赁期限不少于一年；在租赁期内，出租方签章');
    // identical standards are not repeated
    expect(findLine(cl, 'shared/legal-rep-id')!.acceptanceStandard).toBe('在有效期内，与法定代表人一致');
    // item-specific lines stay separate, even with the same material id in both items
    expect(keys(cl)).toContain(`${HYGIENE}/layout`);
    expect(keys(cl)).toContain(`${FOOD}/layout`);
    expect(keys(cl)).toContain(`${HYGIENE}/ac-report`);
    expect(keys(cl)).toContain(`${FOOD}/lessor-licence`);
    expect(new Set(keys(cl)).size).toBe(cl.materials.length);
  });

  it('takes the strictest necessity and type, and fetchable only when every item allows it', () => {
    const edited = makeIntakeCatalog((input) => {
      const [food, hygiene] = input.items as [CatalogInput['items'][number], CatalogInput['items'][number]];
      const f = (id: string) => food.materials.find((x) => x.id === id)!;
      const h = (id: string) => hygiene.materials.find((x) => x.id === id)!;
      f('application').necessity = 'optional';
      h('application').necessity = 'deferrable';
      f('licence').forms = ['paper']; // this item will not take it by data sharing
      f('lease').type = 'original';
      h('rep-id').necessity = 'optional';
    });
    const cl = deriveChecklist(edited, hotelSubject(), leased, noAgent);
    expect(findLine(cl, 'shared/application-form')!.necessity).toBe('deferrable');
    expect(findLine(cl, 'shared/legal-rep-id')!.necessity).toBe('required');
    expect(findLine(cl, 'shared/lease-contract')!.type).toBe('original');
    const licence = findLine(cl, 'shared/business-licence')!;
    expect(licence.canFetch).toBe(false);
    expect(licence.forms).toEqual(['paper', 'dataSharing']);
  });

  it('leaves out an optional item the clerk dropped', () => {
    const cl = deriveChecklist(catalog, hotelSubject([HYGIENE]), leased, noAgent);
    expect(cl.problems).toEqual([]);
    expect(cl.items.map((i) => i.basicCode)).toEqual([HYGIENE]);
    expect(cl.materials.every((l) => l.itemCodes.every((c) => c === HYGIENE))).toBe(true);
    expect(cl.questions.map((q) => q.key)).toEqual(['shared/premises-ownership', `${HYGIENE}/central-ac`]);
  });

  it('reports a required item left out, an item not in the bundle, an unknown bundle, no items', () => {
    expect(deriveChecklist(catalog, hotelSubject([FOOD]), leased, noAgent).problems).toEqual([
      { kind: 'bundleItemRequired', basicCode: HYGIENE },
    ]);
    expect(deriveChecklist(catalog, hotelSubject([HYGIENE, INSURANCE]), leased, noAgent).problems).toEqual([
      { kind: 'notInBundle', basicCode: INSURANCE },
    ]);
    const unknown = deriveChecklist(catalog, { kind: 'bundle', bundleId: 'open-shop', basicCodes: [FOOD] }, {}, noAgent);
    expect(unknown.problems).toEqual([
      { kind: 'unknownBundle', bundleId: 'open-shop' },
      { kind: 'handlingItemNotChosen', basicCode: FOOD },
    ]);
    expect(deriveChecklist(catalog, hotelSubject([]), {}, noAgent).problems).toContainEqual({ kind: 'noItems' });
  });

  it('lets the subject choose the handling item where the bundle fixes none', () => {
    const edited = makeIntakeCatalog((input) => {
      delete input.bundles![0]!.items[1]!.handlingItemCode;
    });
    const without = deriveChecklist(edited, hotelSubject(), leased, noAgent);
    expect(without.problems).toEqual([{ kind: 'handlingItemNotChosen', basicCode: FOOD }]);
    const chosen = deriveChecklist(edited, { ...hotelSubject(), handlingItemCodes: { [FOOD]: [`${FOOD}-02`] } }, leased, noAgent);
    expect(chosen.problems).toEqual([]);
    expect(keys(chosen)).toContain(`${FOOD}/change-statement`);
  });

  it('evaluates a shared question per item: conditions hold only where that item asks it', () => {
    const q = (askWhen: { questionId: string; optionIds: string[] }[] = []) => ({
      id: 'night',
      sharedQuestionId: 'night-business',
      text: '是否夜间经营？',
      options: [
        { id: 'yes', label: '是' },
        { id: 'no', label: '否' },
      ],
      askWhen,
    });
    const base = catalogInputCopy();
    const [a, b] = base.items as [CatalogInput['items'][number], CatalogInput['items'][number]];
    a.situations = [...(a.situations ?? []), q()];
    a.materials.push({ ...a.materials[0]!, id: 'night-a', sharedMaterialId: undefined, name: '夜间经营安全承诺书', appliesWhen: [{ questionId: 'night', optionIds: ['yes'] }] });
    b.situations = [
      ...(b.situations ?? []),
      { id: 'outdoor', text: '是否有室外经营区？', options: [{ id: 'yes', label: '是' }, { id: 'no', label: '否' }] },
      q([{ questionId: 'outdoor', optionIds: ['yes'] }]),
    ];
    b.materials.push({ ...b.materials[0]!, id: 'night-b', sharedMaterialId: undefined, name: '夜间噪声控制方案', appliesWhen: [{ questionId: 'night', optionIds: ['yes'] }] });
    const cat = Catalog.parse(base);
    const answers = { 'shared/premises-ownership': 'owned', [`${HYGIENE}/central-ac`]: 'no', 'shared/night-business': 'yes' };

    const outdoorNo = deriveChecklist(cat, hotelSubject(), { ...answers, [`${HYGIENE}/outdoor`]: 'no' }, noAgent);
    expect(outdoorNo.questions.find((x) => x.key === 'shared/night-business')?.itemCodes).toEqual([HYGIENE, FOOD]);
    expect(keys(outdoorNo)).toContain(`${FOOD}/night-a`);
    expect(keys(outdoorNo)).not.toContain(`${HYGIENE}/night-b`);

    const outdoorYes = deriveChecklist(cat, hotelSubject(), { ...answers, [`${HYGIENE}/outdoor`]: 'yes' }, noAgent);
    expect(keys(outdoorYes)).toContain(`${HYGIENE}/night-b`);
  });
});

/** A deep copy of the parsed fixture catalog, to edit as input. */
function catalogInputCopy(): CatalogInput {
  return JSON.parse(JSON.stringify(makeIntakeCatalog())) as CatalogInput;
}

describe('deriveChecklist: agent (代办人)', () => {
  const catalog = makeIntakeCatalog();

  it('adds 授权委托书 and 代理人身份证件 when an agent applies', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'owned' }, { hasAgent: true });
    const added = cl.materials.filter((l) => l.addedBecauseAgent);
    expect(added.map((l) => l.key)).toEqual(['shared/power-of-attorney', 'shared/agent-id-card']);
    expect(added[0]).toMatchObject({
      name: '授权委托书',
      necessity: 'required',
      type: 'original',
      acceptanceStandard: '载明委托事项、权限和期限，委托人签名或盖章',
      itemCodes: [FOOD],
      canFetch: false,
      sources: [],
    });
    expect(added[1]).toMatchObject({
      name: '代理人身份证件',
      necessity: 'required',
      type: 'originalOrCopy',
      acceptanceStandard: '在有效期内，与代理人一致',
    });
    expect(keys(deriveChecklist(catalog, foodSubject(), {}, noAgent))).not.toContain('shared/power-of-attorney');
  });

  it('does not add a line the catalog already lists under the same shared id', () => {
    const subject = { kind: 'item' as const, basicCode: INSURANCE, handlingItemCodes: [] };
    const viaCatalog = deriveChecklist(catalog, subject, { [`${INSURANCE}/by-agent`]: 'agent' }, { hasAgent: true });
    expect(viaCatalog.materials.filter((l) => l.key === 'shared/power-of-attorney')).toHaveLength(1);
    expect(findLine(viaCatalog, 'shared/power-of-attorney')).toMatchObject({ name: '代办委托书' });
    expect(findLine(viaCatalog, 'shared/power-of-attorney')!.addedBecauseAgent).toBeUndefined();
    expect(findLine(viaCatalog, 'shared/agent-id-card')?.addedBecauseAgent).toBe(true);
    // the catalog's line does not apply (answered "self"): the standard line is added
    const self = deriveChecklist(catalog, subject, { [`${INSURANCE}/by-agent`]: 'self' }, { hasAgent: true });
    expect(findLine(self, 'shared/power-of-attorney')).toMatchObject({ name: '授权委托书', addedBecauseAgent: true });
  });

  it('lists every chosen item of a bundle on the agent lines', () => {
    const cl = deriveChecklist(catalog, hotelSubject(), {}, { hasAgent: true });
    expect(findLine(cl, 'shared/power-of-attorney')!.itemCodes).toEqual([HYGIENE, FOOD]);
  });
});

describe('deriveChecklist: robustness and speed', () => {
  it('returns plain JSON-serialisable data', () => {
    const cl = deriveChecklist(makeIntakeCatalog(), hotelSubject(), { 'shared/premises-ownership': 'leased' }, { hasAgent: true });
    expect(JSON.parse(JSON.stringify(cl))).toEqual(cl);
  });

  it('does not hang on an askWhen cycle and treats a reference to an unknown question as false', () => {
    const input = catalogInputCopy();
    const food = input.items[0]!;
    food.situations![0]!.askWhen = [{ questionId: 'lessor', optionIds: ['person'] }]; // premises ↔ lessor
    food.materials.push({ ...food.materials[0]!, id: 'ghost', sharedMaterialId: undefined, appliesWhen: [{ questionId: 'nope', optionIds: ['x'] }] });
    const cl = deriveChecklist(Catalog.parse(input), foodSubject(), {}, noAgent);
    expect(cl.questions).toEqual([]);
    expect(keys(cl)).not.toContain(`${FOOD}/ghost`);
    expect(cl.undeterminedMaterialKeys).not.toContain(`${FOOD}/ghost`);
  });

  it('prepares a catalog once and reuses it', () => {
    const catalog = makeIntakeCatalog();
    const p = prepareCatalog(catalog);
    expect(prepareCatalog(catalog)).toBe(p);
    expect(p.itemsByCode.get(FOOD)?.item.name).toBe('食品经营许可');
    expect(deriveChecklist(p, foodSubject(), {}, noAgent)).toEqual(deriveChecklist(catalog, foodSubject(), {}, noAgent));
  });

  // How fast: the `checklist` benchmark (npm run bench) — a test never times.
  it('derives a 10-item bundle of 8 materials each, shared materials once', () => {
    const catalog = makeBenchCatalog(10, 8);
    const prepared = prepareCatalog(catalog);
    const subject = { kind: 'bundle' as const, bundleId: 'bench', basicCodes: catalog.items.map((i) => i.basicCode) };
    const answers = benchAnswers(catalog);
    const cl = deriveChecklist(prepared, subject, answers, { hasAgent: true });
    expect(cl.unansweredQuestions).toEqual([]);
    expect(cl.items).toHaveLength(10);
    // shared-0, shared-3, shared-6 collected once each: 3 + 10 × 5 + 2 agent lines
    expect(cl.materials).toHaveLength(3 + 50 + 2);
    expect(deriveChecklist(prepared, subject, answers, { hasAgent: false }).materials).toHaveLength(3 + 50);
  });
});
