/**
 * Small helpers shared by the lifecycle modules: bilingual texts, `path: reason` issues
 * (the same shape as catalog import issues, so one list component shows them all), and
 * the common part of the documents the window prints.
 */
import type { z } from 'zod';
import type { Catalog } from '../catalog/schema';
import { type CatalogIssue, type PathSegment, makeIssue } from '../catalog/issues';
import { mapZodIssues } from '../catalog/import';
import type { Localized } from '../i18n';
import type { AcceptDecision, IntakeCase } from '../intake/case';
import type { PreparedCatalog } from '../intake/checklist';
import { type AcceptanceNoticeContent, acceptanceNoticeContent, type DocumentTime } from '../intake/documents';
import { chinaDateTimeOf } from '../intake/time';

/** A problem with input data: where (`entries[3].idNumber`), a stable code, a bilingual message. */
export type LifecycleIssue = CatalogIssue;

export const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

export function issue(severity: 'error' | 'warning', code: string, path: readonly PathSegment[] | string, zh: string, en: string): LifecycleIssue {
  return makeIssue(severity, code, path, zh, en);
}

/** Zod issues as bilingual `path: reason` issues (the catalog importer's wording). */
export function zodIssues(issues: readonly z.core.$ZodIssue[], data: unknown): LifecycleIssue[] {
  return mapZodIssues(issues, data).map((i) =>
    i.code === 'schema.unrecognized_keys'
      ? { ...i, message: L(`未知字段 ${i.path.split('.').at(-1) ?? ''}（拼写错误？）`, `unknown field ${i.path.split('.').at(-1) ?? ''} (a typo?)`) }
      : i,
  );
}

export function timeOf(iso: string): DocumentTime {
  return { iso, ...chinaDateTimeOf(iso) };
}

/** The parts every printed document shares (applicant, agent, items, clerk, centre, case number). */
export type DocumentBase = Pick<
  AcceptanceNoticeContent,
  'caseNumber' | 'catalogVersion' | 'bundle' | 'applicant' | 'agent' | 'contactPhone' | 'items' | 'clerk' | 'centre' | 'appliedAt' | 'decidedAt'
>;

/**
 * The document base of an accepted case (taken from the acceptance notice builder, so
 * every document names the applicant, items and departments the same way).
 */
export function acceptedDocumentBase(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  decision: AcceptDecision,
): { base: DocumentBase; acceptance: AcceptanceNoticeContent } {
  const acceptance = acceptanceNoticeContent(c, catalog, decision);
  const base: DocumentBase = {
    caseNumber: acceptance.caseNumber,
    catalogVersion: acceptance.catalogVersion,
    applicant: acceptance.applicant,
    agent: acceptance.agent,
    contactPhone: acceptance.contactPhone,
    items: acceptance.items,
    clerk: acceptance.clerk,
    centre: acceptance.centre,
    appliedAt: acceptance.appliedAt,
    decidedAt: acceptance.decidedAt,
  };
  if (acceptance.bundle) base.bundle = acceptance.bundle;
  return { base, acceptance };
}

/** Distinct values, first occurrence order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
