/**
 * Training isolation: a practice case must never reach a department (CommCare's
 * known leak — its App Preview wrote live data — is what this guards against).
 *
 * A training case carries two independent marks, so that losing one does not leak it:
 * 1. `training: true` on the IntakeCase (src/core/intake/case.ts; the server's live endpoints
 *    already refuse a pushed case with `training === true` or `case.training === true`);
 * 2. its case number uses the reserved workstation code `PX`
 *    (`330106-261130-PX0001-?`): printed documents and anything keyed by the case number
 *    show it is practice. No live workstation may be configured with `PX`
 *    (`isReservedWorkstationCode`), so a `PX` number is never a live case.
 *
 * Either mark makes `isTrainingCase` true. `assertNotTraining` is the guard the sync engine
 * (and any other path towards a department) calls before sending; it throws
 * `TrainingCaseError`. Both accept unknown input (raw JSON from IndexedDB or the network) and
 * treat anything malformed conservatively: only a clearly live case passes.
 *
 * The watermark texts are here so screen and print use the same words.
 */
import type { Localized } from '../i18n';
import { type IntakeCase, type NewDraft, createDraft } from '../intake/case';
import { type CaseNumberParts, type CaseNumberResult, makeCaseNumber, normalizeCaseNumberInput, validateCaseNumber } from '../intake/caseNumber';

/** 培训 — 无效 / TRAINING — NOT VALID, on every training screen and every printout. */
export const TRAINING_WATERMARK: Localized = { 'zh-CN': '培训 — 无效', 'en-US': 'TRAINING — NOT VALID' };
/** Both languages on one line (printed documents carry both). */
export const TRAINING_WATERMARK_TEXT = `${TRAINING_WATERMARK['zh-CN']} / ${TRAINING_WATERMARK['en-US']}`;
/** The banner that says training mode is on (entering and leaving is an explicit act). */
export const TRAINING_MODE_BANNER: Localized = {
  'zh-CN': '培训模式：本界面所有办件均为演练数据，不会报送任何部门',
  'en-US': 'Training mode: every case here is practice data and is never sent to a department',
};

/** Workstation code reserved for training case numbers. */
export const TRAINING_WORKSTATION_CODE = 'PX';

/** True for a workstation code that live configuration must refuse (it marks training). */
export function isReservedWorkstationCode(code: string): boolean {
  return normalizeCaseNumberInput(code) === TRAINING_WORKSTATION_CODE;
}

/** A training case number: the normal format with the reserved workstation code `PX`. */
export function makeTrainingCaseNumber(parts: Omit<CaseNumberParts, 'workstationCode'>): CaseNumberResult {
  return makeCaseNumber({ ...parts, workstationCode: TRAINING_WORKSTATION_CODE });
}

/** True when the text is a valid case number with the training workstation code. */
export function isTrainingCaseNumber(caseNumber: unknown): boolean {
  if (typeof caseNumber !== 'string') return false;
  const v = validateCaseNumber(caseNumber);
  if (v.ok) return v.parts.workstationCode === TRAINING_WORKSTATION_CODE;
  // Not a valid number: still look at where the workstation code would be, to err on the safe side.
  return /^\d{12}PX\d{4}/.test(v.normalized);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True for a training case: `training === true`, or a training case number on the case or
 * its decision. Accepts anything (raw stored or received data).
 */
export function isTrainingCase(c: unknown): boolean {
  if (!isRecord(c)) return false;
  if (c.training === true) return true;
  if (isTrainingCaseNumber(c.caseNumber)) return true;
  if (isRecord(c.decision) && isTrainingCaseNumber(c.decision.caseNumber)) return true;
  return false;
}

/** Thrown by assertNotTraining: practice data must go no further. */
export class TrainingCaseError extends Error {
  readonly code = 'training' as const;
  readonly caseId: string | null;
  constructor(caseId: string | null) {
    super(`training case ${caseId ?? '(no id)'} must never leave the workstation`);
    this.name = 'TrainingCaseError';
    this.caseId = caseId;
  }
}

/**
 * Guard for every path towards a department (sync engine, exports to a live system): throws
 * TrainingCaseError for a training case. Also throws for input that is not a case at all
 * (null, an array, a string): only a recognisable live case passes.
 */
export function assertNotTraining(c: unknown): void {
  if (!isRecord(c)) throw new TrainingCaseError(null);
  if (isTrainingCase(c)) throw new TrainingCaseError(typeof c.id === 'string' ? c.id : null);
}

export type TrainingCase = IntakeCase & { training: true };

/** A fresh draft in training mode (`training: true`). */
export function createTrainingDraft(d: NewDraft): TrainingCase {
  return { ...createDraft(d), training: true };
}

/** The case marked as training (a copy). */
export function markTraining(c: IntakeCase): TrainingCase {
  return { ...c, training: true };
}
