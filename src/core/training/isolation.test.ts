import { describe, expect, it } from 'vitest';
import { IntakeCase, createDraft, recordDecision } from '../intake/case';
import { validateCaseNumber } from '../intake/caseNumber';
import {
  TRAINING_WATERMARK,
  TRAINING_WATERMARK_TEXT,
  TRAINING_WORKSTATION_CODE,
  TrainingCaseError,
  assertNotTraining,
  createTrainingDraft,
  isReservedWorkstationCode,
  isTrainingCase,
  isTrainingCaseNumber,
  makeTrainingCaseNumber,
  markTraining,
} from './isolation';

const clerk = { clerkId: 't1', name: '学员甲', windowNo: '9', centreCode: '330106', centreName: '示例市民中心', workstationId: 'ws-9' };
const draftInput = {
  id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  clerk,
  catalogVersion: '2026.11.1',
  subject: { kind: 'item' as const, basicCode: '330003001000', handlingItemCodes: ['330003001000-01'] },
  at: '2026-12-01T09:00:00+08:00',
};

describe('watermark', () => {
  it('says 培训 — 无效 / TRAINING — NOT VALID', () => {
    expect(TRAINING_WATERMARK).toEqual({ 'zh-CN': '培训 — 无效', 'en-US': 'TRAINING — NOT VALID' });
    expect(TRAINING_WATERMARK_TEXT).toBe('培训 — 无效 / TRAINING — NOT VALID');
  });
});

describe('training case numbers', () => {
  it('are valid case numbers with the reserved workstation code PX', () => {
    const r = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-12-01', sequence: 7 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatch(/^330106-261201-PX0007-.$/);
    expect(validateCaseNumber(r.value).ok).toBe(true);
    expect(isTrainingCaseNumber(r.value)).toBe(true);
    expect(isTrainingCaseNumber(r.value.replace(/-/g, '').toLowerCase())).toBe(true);
    expect(isTrainingCaseNumber('330106-261201-7K0007-X')).toBe(false);
    expect(isTrainingCaseNumber(undefined)).toBe(false);
  });

  it('PX is reserved: live configuration must refuse it', () => {
    expect(TRAINING_WORKSTATION_CODE).toBe('PX');
    expect(isReservedWorkstationCode('px')).toBe(true);
    expect(isReservedWorkstationCode('7K')).toBe(false);
  });
});

describe('isTrainingCase / assertNotTraining', () => {
  const live = createDraft(draftInput);
  const training = createTrainingDraft(draftInput);

  it('a training draft is marked and keeps its mark through the case schema and a decision', () => {
    expect(training.training).toBe(true);
    const parsed = IntakeCase.parse(JSON.parse(JSON.stringify(training)));
    expect(parsed.training).toBe(true);
    expect(isTrainingCase(parsed)).toBe(true);
    const cn = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-12-01', sequence: 1 });
    if (!cn.ok) throw new Error();
    const decided = recordDecision(training, {
      kind: 'refuse',
      at: '2026-12-01T09:05:00+08:00',
      by: 't1',
      caseNumber: cn.value,
      reason: { code: 'other', text: '演练' },
      rights: { reconsideration: { days: 60, law: 'l', body: 'b', text: 't' }, litigation: { months: 6, law: 'l', court: 'c', text: 't' } },
    });
    expect(decided.training).toBe(true);
    expect(isTrainingCase(decided)).toBe(true);
  });

  it('either mark is enough: the flag, or a PX case number on the case or its decision', () => {
    const cn = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-12-01', sequence: 2 });
    if (!cn.ok) throw new Error();
    expect(isTrainingCase({ ...live, caseNumber: cn.value })).toBe(true);
    expect(isTrainingCase({ ...live, decision: { caseNumber: cn.value } })).toBe(true);
    expect(isTrainingCase(markTraining(live))).toBe(true);
    expect(isTrainingCase(live)).toBe(false);
  });

  it('assertNotTraining lets a live case through and stops a training case', () => {
    expect(() => assertNotTraining(live)).not.toThrow();
    expect(() => assertNotTraining(training)).toThrow(TrainingCaseError);
    try {
      assertNotTraining(training);
    } catch (e) {
      expect((e as TrainingCaseError).code).toBe('training');
      expect((e as TrainingCaseError).caseId).toBe(draftInput.id);
    }
  });

  it('anything that is not a recognisable case is stopped too', () => {
    for (const x of [null, undefined, 'case', 42, [], [training]]) expect(() => assertNotTraining(x)).toThrow(TrainingCaseError);
  });

  it('the live case schema refuses training: false (a live case carries no flag)', () => {
    expect(IntakeCase.safeParse({ ...live, training: false }).success).toBe(false);
    expect(IntakeCase.safeParse(live).success).toBe(true);
  });
});
