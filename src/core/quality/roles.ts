/**
 * Who signs in on a workstation (issue 7 §1). What each role sees follows ./masking.ts;
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
