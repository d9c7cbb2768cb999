import { describe, expect, it } from 'vitest';
import type { Catalog, ItemField } from '../catalog/schema';
import defaultCatalog from '../../../resources/catalog/default-catalog.json';
import {
  AGENT_QUESTION_KEY,
  answerPathOf,
  fieldValueConflicts,
  foundsCompany,
  mergeFormFields,
  projectCaseFields,
  reconcileAgent,
  semanticKeyOf,
  sharedValue,
  withSharedValue,
} from './form';

const f = (id: string, label: string, o: Partial<ItemField> = {}): ItemField => ({ id, label, kind: 'text', required: false, ...o });
const item = (basicCode: string, fields: ItemField[]) => ({ basicCode, name: `事项${basicCode}`, fields });

describe('semanticKeyOf', () => {
  it('by id, case-insensitive, then by label; only free-text fields', () => {
    expect(semanticKeyOf(f('companyName', '拟设立企业名称'))).toBe('organisation.name');
    expect(semanticKeyOf(f('LegalRepName', '随便'))).toBe('organisation.legalRepresentative');
    expect(semanticKeyOf(f('x1', '住所'))).toBe('organisation.address');
    expect(semanticKeyOf(f('x2', '联系电话（手机）'))).toBe('applicant.phone');
    expect(semanticKeyOf(f('x3', '经营范围', { kind: 'textarea' }))).toBeNull();
    expect(semanticKeyOf(f('phone', '联系电话', { kind: 'number' }))).toBeNull();
  });
});

describe('mergeFormFields', () => {
  const A = item('A', [f('companyName', '拟设立企业名称', { required: true }), f('capital', '注册资本（万元）', { kind: 'number' }), f('startDate', '开业日期', { kind: 'date' })]);
  const B = item('B', [f('enterpriseName', '企业名称'), f('startDate', '开业日期', { kind: 'date', required: true }), f('staff', '从业人数', { kind: 'number' })]);
  const C = item('C', [f('taxType', '纳税人类型', { kind: 'select', options: ['一般纳税人', '小规模纳税人'] }), f('startDate', '开业日期', { kind: 'text', pattern: '^\\d{8}$' })]);

  it('asks applicant data once (from the applicant section), common fields once, the rest per item', () => {
    const m = mergeFormFields([A, B]);
    expect(m.shared.map((s) => [s.key, s.target, s.sources.map((x) => `${x.basicCode}/${x.field.id}`)])).toEqual([
      ['organisation.name', 'applicant', ['A/companyName', 'B/enterpriseName']],
      ['field:startDate', 'common', ['A/startDate', 'B/startDate']],
    ]);
    // required when any item requires it
    expect(m.shared.find((s) => s.key === 'field:startDate')!.field.required).toBe(true);
    expect(m.items.map((i) => [i.basicCode, i.fields.map((x) => x.id)])).toEqual([
      ['A', ['capital']],
      ['B', ['staff']],
    ]);
    expect(m.conflicts).toEqual([]);
  });

  it('a field with one owner and no applicant meaning stays with its item', () => {
    const m = mergeFormFields([A]);
    expect(m.shared.map((s) => s.key)).toEqual(['organisation.name']);
    expect(m.items[0]!.fields.map((x) => x.id)).toEqual(['capital', 'startDate']);
  });

  it('detects definitions that cannot be one question and keeps them per item', () => {
    const m = mergeFormFields([A, B, C]);
    expect(m.conflicts).toEqual([{ key: 'field:startDate', reason: 'kind', sources: expect.any(Array) }]);
    expect(m.shared.map((s) => s.key)).toEqual(['organisation.name']);
    expect(m.items.find((i) => i.basicCode === 'C')!.fields.map((x) => x.id)).toEqual(['taxType', 'startDate']);
    const D = item('D', [f('taxType', '纳税人类型', { kind: 'select', options: ['一般纳税人'] })]);
    expect(mergeFormFields([C, D]).conflicts.map((c) => [c.key, c.reason])).toEqual([['field:taxType', 'options']]);
    const E = item('E', [f('code', '代码', { pattern: '^a$' })]);
    const F = item('F', [f('code', '代码', { pattern: '^b$' })]);
    expect(mergeFormFields([E, F]).conflicts.map((c) => c.reason)).toEqual(['pattern']);
  });

  it('projects the applicant into every item that asks for it; common answers reach every item', () => {
    const m = mergeFormFields([A, B]);
    const applicant = { kind: 'organisation' as const, founding: true as const, name: '杭州示例科技有限公司', legalRepresentative: '张伟', phone: '13800138000' };
    let fields = projectCaseFields(m, { applicant, agent: null, fields: {} });
    expect(fields).toEqual({ A: { companyName: '杭州示例科技有限公司' }, B: { enterpriseName: '杭州示例科技有限公司' } });
    fields = withSharedValue(m, fields, 'field:startDate', '2026-12-01');
    expect(fields.A!.startDate).toBe('2026-12-01');
    expect(fields.B!.startDate).toBe('2026-12-01');
    expect(sharedValue(m, fields, 'field:startDate')).toBe('2026-12-01');
    // unchanged input → the same object (no autosave churn)
    expect(projectCaseFields(m, { applicant, agent: null, fields })).toBe(fields);
    // a person applicant has no company name: the projection clears it
    const person = { kind: 'person' as const, name: '李明', phone: '13800138000' };
    expect(projectCaseFields(m, { applicant: person, agent: null, fields }).A!.companyName).toBeNull();
    expect(() => withSharedValue(m, fields, 'field:nope', 'x')).toThrow(RangeError);
  });

  it('reports common fields whose items already hold different answers', () => {
    const m = mergeFormFields([A, B]);
    expect(fieldValueConflicts(m, { A: { startDate: '2026-12-01' }, B: { startDate: '2026-12-02' } })).toEqual([
      {
        key: 'field:startDate',
        label: '开业日期',
        values: [
          { basicCode: 'A', itemName: '事项A', value: '2026-12-01' },
          { basicCode: 'B', itemName: '事项B', value: '2026-12-02' },
        ],
      },
    ]);
    expect(fieldValueConflicts(m, { A: { startDate: '2026-12-01' }, B: { startDate: null } })).toEqual([]);
  });

  it('the default catalog’s 开办企业: the company’s name, legal representative and domicile come from the applicant', () => {
    const catalog = defaultCatalog as unknown as Catalog;
    const bundle = catalog.bundles.find((b) => b.id === 'start-business')!;
    const items = bundle.items.map((r) => catalog.items.find((i) => i.basicCode === r.basicCode)!);
    const m = mergeFormFields(items);
    expect(m.shared.map((s) => s.key).sort()).toEqual(['organisation.address', 'organisation.legalRepresentative', 'organisation.name']);
    expect(m.items.find((i) => i.basicCode === '330001002000')!.fields.map((x) => x.id)).toEqual(['companyType', 'registeredCapital', 'capitalDeadline', 'businessScope']);
    expect(m.conflicts).toEqual([]);
    expect(foundsCompany(items)).toBe(true);
    const newborn = catalog.bundles.find((b) => b.id === 'newborn')!.items.map((r) => catalog.items.find((i) => i.basicCode === r.basicCode)!);
    expect(foundsCompany(newborn)).toBe(false);
  });
});

describe('reconcileAgent: one 是否委托代理人 answer, one agent record', () => {
  const agent = { name: '李强', phone: '13900571234' };
  it('the shared answer decides', () => {
    expect(reconcileAgent({ answers: { [AGENT_QUESTION_KEY]: 'agent' }, agent: null }, true).agent).toEqual({});
    expect(reconcileAgent({ answers: { [AGENT_QUESTION_KEY]: 'agent' }, agent }, true).agent).toBe(agent);
    expect(reconcileAgent({ answers: { [AGENT_QUESTION_KEY]: 'self' }, agent }, true).agent).toBeNull();
  });
  it('without an answer, the agent record answers the question', () => {
    expect((reconcileAgent({ answers: {}, agent }, true).answers as Record<string, string>)[AGENT_QUESTION_KEY]).toBe('agent');
    expect((reconcileAgent({ answers: {}, agent: null }, true).answers as Record<string, string>)[AGENT_QUESTION_KEY]).toBe('self');
    const untouched = { answers: {}, agent: undefined };
    expect(reconcileAgent(untouched, true)).toBe(untouched);
  });
  it('consistent or not asked → the same object', () => {
    const c = { answers: { [AGENT_QUESTION_KEY]: 'self' }, agent: null };
    expect(reconcileAgent(c, true)).toBe(c);
    const d = { answers: { [AGENT_QUESTION_KEY]: 'self' }, agent };
    expect(reconcileAgent(d, false)).toBe(d);
  });
});

describe('answerPathOf: a 补正 fix of an applicant-backed item field goes to the one answer', () => {
  const m = mergeFormFields([item('A', [f('domicile', '住所'), f('capital', '注册资本', { kind: 'number' })]), item('B', [f('contactPhone', '联系电话')])]);
  it('maps the field to the applicant property; the item’s own fields stay', () => {
    expect(answerPathOf(m, 'fields.A.domicile', 'organisation')).toBe('applicant.address');
    expect(answerPathOf(m, 'fields.B.contactPhone', 'person')).toBe('applicant.phone');
    expect(answerPathOf(m, 'fields.A.domicile', 'person')).toBe('fields.A.domicile'); // a person has no company domicile
    expect(answerPathOf(m, 'fields.A.capital', 'organisation')).toBe('fields.A.capital');
    expect(answerPathOf(m, 'applicant.phone', 'organisation')).toBe('applicant.phone');
  });
});

describe('the default catalog’s bundles', () => {
  const catalog = defaultCatalog as unknown as Catalog;
  it.each(catalog.bundles.map((b) => [b.id, b] as const))('%s: one form without conflicts; every item field asked exactly once', (_id, bundle) => {
    const items = bundle.items.map((r) => catalog.items.find((i) => i.basicCode === r.basicCode)!);
    const m = mergeFormFields(items);
    expect(m.conflicts).toEqual([]);
    const asked = [...m.shared.flatMap((s) => s.sources.map((x) => `${x.basicCode}/${x.field.id}`)), ...m.items.flatMap((g) => g.fields.map((f) => `${g.basicCode}/${f.id}`))].sort();
    expect(asked).toEqual(items.flatMap((i) => i.fields.map((f) => `${i.basicCode}/${f.id}`)).sort());
  });
});
