/**
 * The intake rules a drill is judged by, in one place, so that scenario validation, scoring
 * and the "what changed" generator agree: the checklist of a subject, what each material
 * state amounts to, which lines a one-time notice must list, and when 容缺受理 is allowed.
 *
 * Everything here is built on the live rules (deriveChecklist, assessIntake): a drill can
 * never expect what the real window would not do.
 *
 * 容缺受理 is judged by the 容缺 safeguards themselves
 * (src/core/lifecycle/deferral.ts, `assessDeferral`): allowed when, and only when, everything
 * is in order except lines the catalog marks 容缺后补, at least one of them is missing or
 * deficient, no 必备 line is, no 即办 item needs a deferred line (it finishes the same day: no
 * time to supplement), and the applicant is not on the dishonesty list (失信: no 容缺).
 */
import type { Catalog } from '../catalog/schema';
import type { MaterialState, MaterialStatus, Subject } from '../intake/case';
import { type Checklist, type ChecklistMaterial, type PreparedCatalog, deriveChecklist } from '../intake/checklist';
import { type Assessment, assessIntake } from '../intake/decision';
import { assessDeferral } from '../lifecycle/deferral';

/** What the trainee decides: 受理 / 一次性告知 / 容缺受理 / 不予受理. */
export const DRILL_DECISION_KINDS = ['accept', 'oneTimeNotice', 'deferral', 'refuse'] as const;
export type DrillDecisionKind = (typeof DRILL_DECISION_KINDS)[number];

/** A checked material's effect on the decision. */
export type LineOutcome = 'ok' | 'missing' | 'deficient' | 'pending';

/**
 * What a state amounts to for a line, as assessIntake sees it: a copy where the original is
 * required is deficient; 'fetched' where data sharing is not allowed is missing; an optional
 * line is never deficient or missing in effect (it is never demanded) but is reported as is.
 */
export function lineOutcome(line: Pick<ChecklistMaterial, 'type' | 'canFetch'>, status: MaterialStatus): LineOutcome {
  switch (status) {
    case 'pending':
      return 'pending';
    case 'missing':
      return 'missing';
    case 'deficient':
      return 'deficient';
    case 'fetched':
      return line.canFetch ? 'ok' : 'missing';
    case 'receivedCopy':
      return line.type === 'original' ? 'deficient' : 'ok';
    case 'receivedOriginal':
    case 'originalCheckedCopyKept':
      return 'ok';
  }
}

/** The checklist of a subject (an agent adds its two lines). */
export function checklistFor(
  catalog: Catalog | PreparedCatalog,
  subject: Subject,
  answers: Readonly<Record<string, string>>,
  hasAgent: boolean,
): Checklist {
  return deriveChecklist(catalog, subject, answers, { hasAgent });
}

/** Assessment with the applicant taken as valid (applicant data is judged separately). */
export function assessMaterials(checklist: Checklist, states: Readonly<Record<string, MaterialState>>): Assessment {
  return assessIntake(checklist, states, { valid: true, problems: [] });
}

/** Keys a one-time notice lists (every missing or deficient required/deferrable line), in checklist order. */
export function noticeKeys(checklist: Checklist, assessment: Assessment): string[] {
  const wanted = new Set([...assessment.missing.map((l) => l.key), ...assessment.deficient.map((d) => d.line.key)]);
  return checklist.materials.filter((l) => l.necessity !== 'optional' && wanted.has(l.key)).map((l) => l.key);
}

export type DeferralBlock =
  /** Questions unanswered, lines not checked, or a checklist problem: nothing can be decided yet. */
  | { kind: 'incomplete' }
  /** Nothing missing or deficient: accept instead. */
  | { kind: 'nothingToDefer' }
  /** A 必备 line is missing or deficient: one-time notice, no 容缺. */
  | { kind: 'requiredMaterial'; key: string; name: string }
  /** A deferrable line needed by a 即办 item: no time to supplement. */
  | { kind: 'immediateItem'; key: string; name: string; itemNames: string[] }
  /** 失信: no 容缺. */
  | { kind: 'dishonest' };

export interface DeferralCheck {
  eligible: boolean;
  /** The lines that would be deferred (the missing or deficient ones), in checklist order. */
  deferredKeys: string[];
  blocks: DeferralBlock[];
}

/** Whether 容缺受理 is allowed for these facts (the live rule: lifecycle/deferral.ts). */
export function deferralCheck(checklist: Checklist, assessment: Assessment, dishonest: boolean): DeferralCheck {
  const d = assessDeferral(assessment, checklist, {
    applicantDishonest: dishonest ? { flagged: true, source: 'list' } : null,
    policy: { requireSupervisorApproval: false },
  });
  const blocks: DeferralBlock[] = d.refusals.map((r): DeferralBlock => {
    switch (r.kind) {
      case 'dishonest':
        return { kind: 'dishonest' };
      case 'notReady':
        return { kind: 'incomplete' };
      case 'nothingToDefer':
        return { kind: 'nothingToDefer' };
      case 'requiredMaterial':
        return { kind: 'requiredMaterial', key: r.key, name: r.name };
      case 'immediateItem':
        return { kind: 'immediateItem', key: r.key, name: r.name, itemNames: r.itemNames };
    }
  });
  return { eligible: d.allowed, deferredKeys: d.allowed ? d.deferrable.map((x) => x.key) : noticeKeys(checklist, assessment), blocks };
}

/** The decision the rules call for, when the facts are complete (null while something is pending). */
export function ruleDecision(assessment: Assessment): 'accept' | 'oneTimeNotice' | null {
  if (assessment.canAccept) return 'accept';
  if (assessment.canIssueNotice) return 'oneTimeNotice';
  return null;
}

/** Same members, order aside. */
export function sameKeySet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size !== sb.size) return false;
  for (const x of sa) if (!sb.has(x)) return false;
  return true;
}
