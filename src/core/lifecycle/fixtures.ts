/**
 * Test fixtures for the lifecycle rules, on top of src/core/intake/fixtures.ts (杭州市西湖区
 * catalog: 食品经营许可, 公共场所卫生许可, 开办旅馆一件事). Each call returns fresh objects.
 *
 * - `acceptedFoodCase()`: 杭州西溪望湖酒店管理有限公司 applies for 食品经营许可 (新办), own
 *   premises, everything received, accepted on 2026-11-30 09:15 by clerk 李娜 (C0107).
 * - `foodIntake(states)`: the same intake before the decision, for 容缺 tests.
 * - `statusEvent(...)`: a StatusEvent of that case.
 */
import type { ApplicantCheck } from '../intake/applicant';
import { type IntakeCase, type MaterialState, recordDecision } from '../intake/case';
import { makeCaseNumber } from '../intake/caseNumber';
import { deriveChecklist, type Checklist } from '../intake/checklist';
import { makeAcceptance } from '../intake/decision';
import { AT, CASE_ID, FOOD, foodSubject, makeDraft, makeIntakeCatalog, organisationApplicant } from '../intake/fixtures';
import { StatusEvent, type StatusEventKind } from '../sync/protocol';

export const VALID_APPLICANT: ApplicantCheck = { valid: true, problems: [] };

/** 330106-261130-7K0042-? (a valid case number of 2026-11-30). */
export const CASE_NUMBER = (() => {
  const r = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });
  if (!r.ok) throw new Error('fixture case number');
  return r.value;
})();

/** Material keys of the food intake (own premises). */
export const FOOD_KEYS = {
  application: 'shared/application-form',
  licence: 'shared/business-licence',
  repId: 'shared/legal-rep-id',
  property: `${FOOD}/property-cert`,
  layout: `${FOOD}/layout`,
  safety: `${FOOD}/safety-rules`,
  training: `${FOOD}/training-cert`,
} as const;

export const OWNED = { 'shared/premises-ownership': 'owned' } as const;

export function foodChecklist(catalog = makeIntakeCatalog()): Checklist {
  return deriveChecklist(catalog, foodSubject(), OWNED, { hasAgent: false });
}

/** Everything received (the licence fetched by data sharing). */
export function completeFoodStates(): Record<string, MaterialState> {
  return {
    [FOOD_KEYS.application]: { status: 'receivedOriginal' },
    [FOOD_KEYS.licence]: { status: 'fetched', reference: '330106000123456' },
    [FOOD_KEYS.repId]: { status: 'receivedCopy' },
    [FOOD_KEYS.property]: { status: 'receivedCopy', copies: 2 },
    [FOOD_KEYS.layout]: { status: 'receivedOriginal' },
    [FOOD_KEYS.safety]: { status: 'receivedOriginal' },
  };
}

/** The food draft with the organisation applicant, answers, fields and the given states. */
export function foodDraft(states: Record<string, MaterialState> = completeFoodStates()): IntakeCase {
  return makeDraft({
    applicant: organisationApplicant(),
    agent: null,
    answers: { ...OWNED },
    materialStates: states,
    fields: { [FOOD]: { businessArea: 120, businessForm: '餐饮服务经营者', postcode: '310012' } },
  });
}

/** The food case accepted at AT with CASE_NUMBER. */
export function acceptedFoodCase(): IntakeCase {
  const draft = foodDraft();
  const r = makeAcceptance({
    at: AT,
    by: 'C0107',
    caseNumber: CASE_NUMBER,
    checklist: foodChecklist(),
    materialStates: draft.materialStates,
    applicantCheck: VALID_APPLICANT,
  });
  if (!r.ok) throw new Error(`fixture acceptance: ${JSON.stringify(r.errors)}`);
  return recordDecision(draft, r.decision);
}

/** A status event of the fixture case. */
export function statusEvent(cursor: number, kind: StatusEventKind, departmentCode: string | null, extra: Partial<StatusEvent> = {}): StatusEvent {
  return StatusEvent.parse({
    cursor,
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    kind,
    departmentCode,
    at: `2026-12-0${Math.min(9, 1 + Math.floor(cursor / 10))}T10:${String(cursor % 60).padStart(2, '0')}:00+08:00`,
    ...extra,
  });
}

export { AT, CASE_ID, FOOD };
