/**
 * Guided intake (情形引导 → 材料核验 → 申请人 → 受理/一次性告知/不予受理): the domain rules.
 * Pure: time, randomness and ids are passed in. See each module's comment.
 */
export * from './case';
export * from './checklist';
export * from './decision';
export * from './applicant';
export * from './caseNumber';
export * from './carryOver';
export * from './documents';
export * from './time';
export * from './followUp';
