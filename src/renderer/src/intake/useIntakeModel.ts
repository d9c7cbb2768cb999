/** Everything the intake screens derive from the working copy: checklist, applicant check, assessment. */
import { useMemo } from 'react';
import type { IntakeCase } from '@core/intake/case';
import { deriveChecklist, type Checklist } from '@core/intake/checklist';
import { assessIntake, type Assessment } from '@core/intake/decision';
import { checkApplicant, itemFieldsSchema, type ApplicantCheck } from '@core/intake/applicant';
import type { Locale } from '@core/i18n';
import type { Catalog, Item } from '@core/catalog/schema';
import { chinaDateOf } from '@core/intake/time';

export function hasAgent(c: IntakeCase): boolean {
  return c.agent !== null && c.agent !== undefined;
}

export function todayInChina(now: Date = new Date()): string {
  return chinaDateOf(now.toISOString());
}

/** Item-specific field problems, as applicant problems (they block acceptance the same way). */
export function checkItemFields(c: IntakeCase, items: Item[], locale: Locale): ApplicantCheck['problems'] {
  const problems: ApplicantCheck['problems'] = [];
  for (const item of items) {
    if (item.fields.length === 0) continue;
    const r = itemFieldsSchema(item.fields, locale).safeParse(c.fields[item.basicCode] ?? {});
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = item.fields.find((f) => f.id === String(issue.path[0]));
        problems.push({ path: `fields.${item.basicCode}.${String(issue.path[0] ?? '')}`, message: `${field?.label ?? ''}：${issue.message}` });
      }
    }
  }
  return problems;
}

export interface IntakeModel {
  checklist: Checklist;
  applicantCheck: ApplicantCheck;
  assessment: Assessment;
  /** Applicant and agent only: a one-time notice needs who they are, not the item's own fields. */
  noticeApplicantCheck: ApplicantCheck;
  noticeAssessment: Assessment;
  items: Item[];
}

// Each derivation is keyed on the parts of the case it reads, not on the case object (a new one
// at every keystroke), so typing a name does not derive the checklist again.
/* eslint-disable react-hooks/exhaustive-deps */
export function useIntakeModel(c: IntakeCase, catalog: Catalog, locale: Locale): IntakeModel {
  const checklist = useMemo(() => deriveChecklist(catalog, c.subject, c.answers, { hasAgent: hasAgent(c) }), [catalog, c.subject, c.answers, c.agent]);
  const items = useMemo(
    () =>
      checklist.items
        .map((ci) => (ci.implementationCode && catalog.items.find((i) => i.implementationCode === ci.implementationCode)) || catalog.items.find((i) => i.basicCode === ci.basicCode))
        .filter((i): i is Item => !!i),
    [checklist.items, catalog],
  );
  const noticeApplicantCheck = useMemo(() => checkApplicant(c, locale, todayInChina()), [c.applicant, c.agent, locale]);
  const applicantCheck = useMemo(() => {
    const fieldProblems = checkItemFields(c, items, locale);
    return { valid: noticeApplicantCheck.valid && fieldProblems.length === 0, problems: [...noticeApplicantCheck.problems, ...fieldProblems] };
  }, [noticeApplicantCheck, c.fields, items, locale]);
  const assessment = useMemo(() => assessIntake(checklist, c.materialStates, applicantCheck), [checklist, c.materialStates, applicantCheck]);
  const noticeAssessment = useMemo(() => assessIntake(checklist, c.materialStates, noticeApplicantCheck), [checklist, c.materialStates, noticeApplicantCheck]);
  return { checklist, applicantCheck, assessment, noticeApplicantCheck, noticeAssessment, items };
}
/* eslint-enable react-hooks/exhaustive-deps */
