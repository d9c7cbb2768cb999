import { describe, expect, it } from 'vitest';
import type { CatalogInput } from '../catalog/schema';
import { IntakeCase, type MaterialState } from './case';
import { carryDraftOver, type CarryOverResult } from './carryOver';
import { FOOD, HOTEL_BUNDLE, HYGIENE, agentPerson, foodSubject, hotelSubject, makeDraft, makeIntakeCatalog } from '../../../test/fixtures/intake';

type ItemInput = CatalogInput['items'][number];

const v1 = makeIntakeCatalog();

function v2(edit: (food: ItemInput, input: CatalogInput) => void = () => {}) {
  return makeIntakeCatalog((input) => {
    input.version = '2026.12.1';
    input.effectiveDate = '2026-12-01';
    edit(input.items[0]!, input);
  });
}

const states = (): Record<string, MaterialState> => ({
  'shared/application-form': { status: 'receivedOriginal' },
  'shared/business-licence': { status: 'fetched', reference: '330106000123456' },
  'shared/legal-rep-id': { status: 'fetched' },
  'shared/lease-contract': { status: 'receivedCopy' },
  [`${FOOD}/lessor-id`]: { status: 'receivedCopy' },
  [`${FOOD}/layout`]: { status: 'receivedOriginal' },
  [`${FOOD}/safety-rules`]: { status: 'missing' },
});

function leasedDraft() {
  return makeDraft({
    subject: foodSubject([`${FOOD}-01`, `${FOOD}-02`]),
    answers: { 'shared/premises-ownership': 'leased', [`${FOOD}/lessor`]: 'person' },
    materialStates: states(),
    fields: { [FOOD]: { businessArea: 120, postcode: '310012' } },
    step: 'review',
  });
}

function ok(r: ReturnType<typeof carryDraftOver>): CarryOverResult {
  if (r.blocked !== false) throw new Error(`blocked: ${r.blocked}`);
  return r;
}

describe('carryDraftOver', () => {
  it('only changes the version when the item did not change', () => {
    const draft = leasedDraft();
    const r = ok(carryDraftOver(draft, v1, v2()));
    expect(r.changed).toBe(false);
    expect(r.draft).toEqual({ ...draft, catalogVersion: '2026.12.1' });
    expect(r.dropped).toEqual({ answers: [], materials: [], fields: [], handlingItems: [] });
    expect(r.added).toEqual([]);
    expect(r.itemDiffs).toHaveLength(1);
    expect(r.itemDiffs[0]!.changed).toBe(false);
  });

  it('drops what no longer exists, brings new materials in as pending, re-keys, and steps back', () => {
    const newCatalog = v2((food) => {
      const lessor = food.situations!.find((q) => q.id === 'lessor')!;
      lessor.options = [
        { id: 'individual', label: '自然人' },
        { id: 'company', label: '单位' },
      ];
      food.materials.find((m) => m.id === 'lessor-id')!.appliesWhen = [{ questionId: 'lessor', optionIds: ['individual'] }];
      food.materials = food.materials.filter((m) => m.id !== 'layout');
      food.materials.push({
        id: 'fire-safety',
        name: '消防安全检查合格证明',
        type: 'copy',
        forms: ['paper'],
        copies: 1,
        necessity: 'required',
        source: 'government',
        acceptanceStandard: '在有效期内，场所地址与申请一致',
      });
      food.materials.find((m) => m.id === 'rep-id')!.forms = ['paper'];
      delete food.materials.find((m) => m.id === 'lease')!.sharedMaterialId;
      food.handlingItems = food.handlingItems.filter((h) => h.code !== `${FOOD}-02`);
      food.materials = food.materials.filter((m) => m.id !== 'change-statement');
      food.fields = food.fields!.filter((f) => f.id !== 'postcode');
    });

    const r = ok(carryDraftOver(leasedDraft(), v1, newCatalog, { at: '2026-12-01T08:45:00+08:00' }));
    expect(r.changed).toBe(true);
    expect(r.draft.catalogVersion).toBe('2026.12.1');
    expect(r.draft.updatedAt).toBe('2026-12-01T08:45:00+08:00');

    // answers
    expect(r.dropped.answers).toEqual([
      { key: `${FOOD}/lessor`, optionId: 'person', reason: 'optionRemoved', questionText: '出租方是个人还是单位？' },
    ]);
    expect(r.draft.answers).toEqual({ 'shared/premises-ownership': 'leased' });

    // materials
    expect(r.dropped.materials).toEqual([
      { key: `${FOOD}/layout`, state: { status: 'receivedOriginal' }, reason: 'materialRemoved', name: '经营场所和设备布局、操作流程示意图' },
    ]);
    expect(r.rekeyed).toEqual([{ from: 'shared/lease-contract', to: `${FOOD}/lease` }]);
    expect(r.draft.materialStates[`${FOOD}/lease`]).toEqual({ status: 'receivedCopy' });
    expect(r.draft.materialStates['shared/lease-contract']).toBeUndefined();
    expect(r.reset).toEqual([{ key: 'shared/legal-rep-id', name: '法定代表人身份证件' }]);
    expect(r.draft.materialStates['shared/legal-rep-id']).toEqual({ status: 'pending' });
    expect(r.draft.materialStates['shared/business-licence']).toEqual({ status: 'fetched', reference: '330106000123456' });
    expect(r.added.map((l) => [l.key, l.name])).toEqual([[`${FOOD}/fire-safety`, '消防安全检查合格证明']]);
    expect(r.draft.materialStates[`${FOOD}/fire-safety`]).toEqual({ status: 'pending' });
    // the lessor-id state is kept (the material still exists) though it waits on the re-asked question
    expect(r.draft.materialStates[`${FOOD}/lessor-id`]).toEqual({ status: 'receivedCopy' });

    // subject and fields
    expect(r.dropped.handlingItems).toEqual([{ basicCode: FOOD, code: `${FOOD}-02` }]);
    expect(r.draft.subject).toEqual(foodSubject([`${FOOD}-01`]));
    expect(r.dropped.fields).toEqual([{ basicCode: FOOD, fieldId: 'postcode', value: '310012' }]);
    expect(r.draft.fields).toEqual({ [FOOD]: { businessArea: 120 } });

    // back to the questions: the lessor question must be answered again
    expect(r.draft.step).toBe('situation');

    // the catalog diff of the item, for the clerk
    const diff = r.itemDiffs[0]!;
    expect(diff.materials.added.map((m) => m.key)).toEqual(['fire-safety']);
    expect(diff.materials.removed.map((m) => m.key)).toEqual(['layout', 'change-statement']);
    expect(diff.situations.changed.map((c) => c.key)).toEqual(['lessor']);

    expect(IntakeCase.safeParse(r.draft).success).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('goes back to the materials step when only materials changed', () => {
    const newCatalog = v2((food) => {
      food.materials.push({ ...food.materials.find((m) => m.id === 'layout')!, id: 'sewage', name: '餐饮废水处理方案', acceptanceStandard: '写明隔油设施' });
    });
    const r = ok(carryDraftOver(leasedDraft(), v1, newCatalog));
    expect(r.added.map((l) => l.key)).toEqual([`${FOOD}/sewage`]);
    expect(r.draft.step).toBe('materials');
    const early = ok(carryDraftOver({ ...leasedDraft(), step: 'situation' }, v1, newCatalog));
    expect(early.draft.step).toBe('situation');
  });

  it('drops the answer to a removed question; carries it to a question that became shared', () => {
    const removed = ok(
      carryDraftOver(
        leasedDraft(),
        v1,
        v2((food) => {
          food.situations = food.situations!.filter((q) => q.id !== 'lessor');
          for (const m of food.materials) if (m.appliesWhen?.some((c) => c.questionId === 'lessor')) m.appliesWhen = [];
        }),
      ),
    );
    expect(removed.dropped.answers).toMatchObject([{ key: `${FOOD}/lessor`, reason: 'questionRemoved' }]);

    const shared = ok(carryDraftOver(leasedDraft(), v1, v2((food) => void (food.situations!.find((q) => q.id === 'lessor')!.sharedQuestionId = 'lessor-kind'))));
    expect(shared.dropped.answers).toEqual([]);
    expect(shared.draft.answers).toEqual({ 'shared/premises-ownership': 'leased', 'shared/lessor-kind': 'person' });
    expect(shared.rekeyed).toEqual([{ from: `${FOOD}/lessor`, to: 'shared/lessor-kind' }]);
    expect(shared.draft.step).toBe('review'); // nothing to ask again
  });

  it('keeps the agent lines’ states and drops keys it cannot place', () => {
    const draft = {
      ...leasedDraft(),
      agent: agentPerson(),
      materialStates: {
        ...states(),
        'shared/power-of-attorney': { status: 'receivedOriginal' } as MaterialState,
        'shared/agent-id-card': { status: 'receivedCopy' } as MaterialState,
        'garbage/key': { status: 'missing' } as MaterialState,
      },
    };
    const r = ok(carryDraftOver(draft, v1, v2()));
    expect(r.draft.materialStates['shared/power-of-attorney']).toEqual({ status: 'receivedOriginal' });
    expect(r.draft.materialStates['shared/agent-id-card']).toEqual({ status: 'receivedCopy' });
    expect(r.dropped.materials).toEqual([{ key: 'garbage/key', state: { status: 'missing' }, reason: 'materialRemoved' }]);
    expect(r.added).toEqual([]);
  });

  it('carries a bundle draft', () => {
    const draft = makeDraft({
      subject: hotelSubject(),
      answers: { 'shared/premises-ownership': 'owned', [`${HYGIENE}/central-ac`]: 'yes' },
      materialStates: { [`${HYGIENE}/ac-report`]: { status: 'receivedOriginal' } },
    });
    const r = ok(
      carryDraftOver(
        draft,
        v1,
        v2((_food, input) => {
          input.items[1]!.materials = input.items[1]!.materials.filter((m) => m.id !== 'ac-report');
        }),
      ),
    );
    expect(r.dropped.materials.map((m) => m.key)).toEqual([`${HYGIENE}/ac-report`]);
    expect(r.itemDiffs.map((d) => [d.basicCode, d.changed])).toEqual([
      [HYGIENE, true],
      [FOOD, false],
    ]);
  });

  it('is blocked when the item or the bundle is gone, or the case is no draft', () => {
    const withoutFood = v2((_food, input) => {
      input.items = input.items.filter((i) => i.basicCode !== FOOD);
      input.bundles![0]!.items = [
        { basicCode: HYGIENE, handlingItemCode: `${HYGIENE}-01` },
        { basicCode: '000119001000', optional: true },
      ];
    });
    expect(carryDraftOver(leasedDraft(), v1, withoutFood)).toEqual({ blocked: 'itemRemoved', basicCodes: [FOOD] });
    expect(carryDraftOver(makeDraft({ subject: hotelSubject() }), v1, withoutFood)).toEqual({ blocked: 'itemRemoved', basicCodes: [FOOD] });
    expect(carryDraftOver(makeDraft({ subject: hotelSubject([HYGIENE]) }), v1, withoutFood).blocked).toBe(false);
    const withoutBundle = v2((_food, input) => void (input.bundles = []));
    expect(carryDraftOver(makeDraft({ subject: hotelSubject() }), v1, withoutBundle)).toEqual({ blocked: 'bundleRemoved', bundleId: HOTEL_BUNDLE });
    expect(carryDraftOver({ ...leasedDraft(), status: 'refused' }, v1, v2())).toEqual({ blocked: 'notDraft' });
  });
});
