/**
 * The life of a case after intake: 容缺受理 with its safeguards and
 * the dishonesty list, the 补正 loop and case versions, 统一窗口出件, 好差评. Pure: time, ids
 * and the calendar are passed in. See README.md.
 */
export * from './dishonesty';
export * from './deferral';
export * from './deferralDocuments';
export * from './caseFields';
export * from './correction';
export * from './revision';
export * from './supplementRevision';
export * from './handout';
export * from './rating';
export { type LifecycleIssue, type DocumentBase } from './common';
