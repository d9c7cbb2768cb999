/**
 * Who signs in on a workstation. What each role sees follows ./masking.ts;
 * what each may do is the UI's and the roles module's concern (later).
 *
 * - clerk 窗口人员: takes in cases at the intake counter.
 * - trainer 培训师: runs training drills; never works on live personal data.
 * - supervisor 督查人员 / 窗口负责人: reviews intake quality, reads dashboards and every case's history.
 */
import { z } from 'zod';
import type { Localized } from '../i18n';

export const Role = z.enum(['clerk', 'trainer', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, Localized> = {
  clerk: { 'zh-CN': '窗口人员', 'en-US': 'Clerk' },
  trainer: { 'zh-CN': '培训师', 'en-US': 'Trainer' },
  supervisor: { 'zh-CN': '督查人员', 'en-US': 'Supervisor' },
};

/**
 * What each role may do on a workstation. The UI hides what a role may not do and every
 * guarded screen checks again (RequireRole); the list is here so it is tested and shared.
 */
export const PERMISSIONS = {
  intake: ['clerk', 'supervisor'], // take in live cases 受理
  handout: ['clerk', 'supervisor'], // 出件
  reviewCases: ['supervisor'], // 质量抽查 — review sampled cases
  dashboards: ['supervisor'],
  workstationHealth: ['supervisor'],
  auditLog: ['supervisor'], // read any case's history, verify the chain
  manageUsers: ['supervisor'],
  settings: ['supervisor'], // server address, token: entered once by an administrator
  catalogAdmin: ['supervisor'], // import / switch catalog versions
  reviewFeedback: ['clerk', 'supervisor'], // read and answer the feedback on one's own reviewed cases
  trainingAuthor: ['trainer', 'supervisor'], // author/import/assign drills, read reports
  trainingDrill: ['clerk', 'trainer', 'supervisor'], // run a drill as a trainee
  unmaskedIdentity: ['clerk', 'supervisor'], // see full ID numbers (trainers never work on live personal data)
  lookupLog: ['supervisor'], // data sharing: the centre's look-ups of people's data (调取记录)
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
