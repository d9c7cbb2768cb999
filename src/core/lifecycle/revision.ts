/**
 * Case versions: the clerk's fix after a 补正 request (or a 容缺 supplement forwarded to the
 * department) is a NEW VERSION of the accepted case, linked to the version it replaces by
 * that version's content hash (the sync protocol's SHA-256 of canonicalJson, ../kernel).
 *
 * - Revision 1 is the case as accepted and pushed; each fix adds 1.
 * - The acceptance decision is never rewritten (it is the printed, dated 受理通知书: case
 *   number, promised dates, materials received at acceptance). What changed since is in the
 *   revised case's fields and material states, and in the diff.
 * - Every revision adds a history entry (accepted → accepted) naming the clerk and the reason.
 *
 * `diffCaseVersions(a, b)` lists the differences field by field with bilingual labels and
 * displayable before/after values — for the department inbox and the API.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/schema';
import type { DisplayValue } from '../catalog/diff';
import type { Localized } from '../i18n';
import { maskIdNumber } from '../identity';
import { checkApplicant, type ApplicantProblem } from '../intake/applicant';
import { type FieldValue, type HistoryEntry, IntakeCase, MaterialState } from '../intake/case';
import type { PreparedCatalog } from '../intake/checklist';
import { chinaDateOf, epochMinutes, IsoDateTime, isIsoDateTime } from '../intake/time';
import {
  AGENT_FIELDS,
  ORGANISATION_FIELDS,
  PERSON_FIELDS,
  type CaseNames,
  agentFieldLabel,
  applicantFieldLabel,
  caseNames,
  itemCodesOf,
  materialStateText,
} from './caseFields';
import { L, distinct } from './common';
import { canonicalJson, contentHash } from '../kernel';
import { safeText } from '../text';

// ---- diff ----------------------------------------------------------------------------------------

export type CaseSection = 'applicant' | 'agent' | 'answers' | 'materials' | 'fields' | 'subject';

export interface CaseChange {
  section: CaseSection;
  /** `applicant.phone`, `agent.name`, `answers.<key>`, `<material key>`, `fields.<basicCode>.<fieldId>`, `subject.basicCodes` … */
  path: string;
  label: Localized;
  change: 'added' | 'removed' | 'changed';
  before: DisplayValue;
  after: DisplayValue;
}

export interface CaseDiff {
  caseId: string;
  changed: boolean;
  changes: CaseChange[];
  /** Number of changes per section. */
  counts: Record<CaseSection, number>;
}

export interface DiffCaseOptions {
  /** The catalog version of the case, for question/option/material/field names. */
  catalog?: Catalog | PreparedCatalog;
  /** Mask ID numbers in before/after (for logs and lists; the department's detail view shows them in full). */
  maskIdNumbers?: boolean;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';
const text = (s: string): Localized => ({ 'zh-CN': s, 'en-US': s });

function changeKind(before: unknown, after: unknown): CaseChange['change'] {
  if (isEmpty(before)) return 'added';
  if (isEmpty(after)) return 'removed';
  return 'changed';
}

function personValue(field: string, v: unknown, mask: boolean): DisplayValue {
  if (isEmpty(v)) return null;
  if (field === 'idType') return v === 'residentId' ? L('居民身份证', 'Resident ID card') : L('其他证件', 'Other ID document');
  if (field === 'kind') return v === 'organisation' ? L('法人或其他组织', 'Organisation') : L('自然人', 'Person');
  if (field === 'usccOverride' && typeof v === 'object') {
    const o = v as { reason: string; by: string; at: string };
    return L(`已人工核对：${o.reason}（${o.by}）`, `Confirmed manually: ${o.reason} (${o.by})`);
  }
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return text(mask && /idNumber$/i.test(field) ? maskIdNumber(s) : s);
}

function fieldValue(v: FieldValue | undefined): DisplayValue {
  return isEmpty(v) ? null : text(String(v));
}

/**
 * Field-by-field differences between two versions of the same case: applicant, agent,
 * situation answers, material states, item fields, subject (items chosen). Metadata
 * (updatedAt, history, step, decision) is not compared. Throws RangeError for two cases.
 */
export function diffCaseVersions(a: IntakeCase, b: IntakeCase, options: DiffCaseOptions = {}): CaseDiff {
  if (a.id !== b.id) throw new RangeError(`cannot diff two cases (${a.id}, ${b.id})`);
  const names = caseNames(b, options.catalog);
  const namesA = caseNames(a, options.catalog);
  const mask = options.maskIdNumbers ?? false;
  const changes: CaseChange[] = [];

  // subject
  const itemsA = itemCodesOf(a);
  const itemsB = itemCodesOf(b);
  if (!same(itemsA, itemsB)) {
    const show = (codes: string[], n: CaseNames) => (codes.length ? text(codes.map((c) => n.itemName(c)).join('、')) : null);
    changes.push({ section: 'subject', path: 'subject.basicCodes', label: L('办理事项', 'Items'), change: 'changed', before: show(itemsA, namesA), after: show(itemsB, names) });
  }
  const handling = (c: IntakeCase): unknown => (c.subject.kind === 'item' ? c.subject.handlingItemCodes : (c.subject.handlingItemCodes ?? {}));
  if (!same(handling(a), handling(b)))
    changes.push({
      section: 'subject',
      path: 'subject.handlingItemCodes',
      label: L('业务办理项', 'Handling items'),
      change: 'changed',
      before: text(JSON.stringify(handling(a))),
      after: text(JSON.stringify(handling(b))),
    });

  // applicant
  const apA = (a.applicant ?? {}) as Record<string, unknown>;
  const apB = (b.applicant ?? {}) as Record<string, unknown>;
  const applicantFields = distinct(['kind', ...PERSON_FIELDS, ...ORGANISATION_FIELDS]);
  for (const f of applicantFields) {
    if (same(apA[f], apB[f])) continue;
    changes.push({
      section: 'applicant',
      path: `applicant.${f}`,
      label: applicantFieldLabel(f, b.applicant?.kind ?? a.applicant?.kind),
      change: changeKind(apA[f], apB[f]),
      before: personValue(f, apA[f], mask),
      after: personValue(f, apB[f], mask),
    });
  }

  // agent
  const agA = (a.agent ?? {}) as Record<string, unknown>;
  const agB = (b.agent ?? {}) as Record<string, unknown>;
  for (const f of AGENT_FIELDS) {
    if (same(agA[f], agB[f])) continue;
    changes.push({
      section: 'agent',
      path: `agent.${f}`,
      label: agentFieldLabel(f),
      change: changeKind(agA[f], agB[f]),
      before: personValue(f, agA[f], mask),
      after: personValue(f, agB[f], mask),
    });
  }

  // answers
  for (const key of distinct([...Object.keys(b.answers), ...Object.keys(a.answers)])) {
    const x = a.answers[key];
    const y = b.answers[key];
    if (x === y) continue;
    const show = (v: string | undefined): DisplayValue => (v === undefined ? null : text(names.optionLabel(key, v) ?? namesA.optionLabel(key, v) ?? v));
    const q = names.questionText(key) ?? namesA.questionText(key) ?? key;
    changes.push({ section: 'answers', path: `answers.${key}`, label: text(q), change: changeKind(x, y), before: show(x), after: show(y) });
  }

  // material states
  for (const key of distinct([...Object.keys(b.materialStates), ...Object.keys(a.materialStates)])) {
    const x = a.materialStates[key];
    const y = b.materialStates[key];
    if (same(x, y)) continue;
    const name = names.materialName(key) ?? namesA.materialName(key) ?? key;
    changes.push({
      section: 'materials',
      path: key,
      label: text(name),
      change: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed',
      before: x === undefined ? null : materialStateText(x),
      after: y === undefined ? null : materialStateText(y),
    });
  }

  // item fields
  for (const code of distinct([...Object.keys(b.fields), ...Object.keys(a.fields)])) {
    const fa = a.fields[code] ?? {};
    const fb = b.fields[code] ?? {};
    for (const id of distinct([...Object.keys(fb), ...Object.keys(fa)])) {
      if (same(fa[id], fb[id])) continue;
      const label = names.fieldLabel(code, id) ?? namesA.fieldLabel(code, id) ?? id;
      const item = names.itemName(code);
      changes.push({
        section: 'fields',
        path: `fields.${code}.${id}`,
        label: itemsB.length > 1 ? L(`${label}（${item}）`, `${label} (${item})`) : text(label),
        change: changeKind(fa[id], fb[id]),
        before: fieldValue(fa[id]),
        after: fieldValue(fb[id]),
      });
    }
  }

  const counts: Record<CaseSection, number> = { applicant: 0, agent: 0, answers: 0, materials: 0, fields: 0, subject: 0 };
  for (const ch of changes) counts[ch.section]++;
  return { caseId: b.id, changed: changes.length > 0, changes, counts };
}

// ---- revisions -----------------------------------------------------------------------------------

/** Single-line text (../text.ts). */
const nonEmpty = safeText();
/** The longest reply to a department (a status event's comment holds up to 2,000 characters). */
export const MAX_REPLY_LENGTH = 1000;
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

export const RevisionReason = z.discriminatedUnion('kind', [
  /**
   * A department's return for correction (the status events it answers). `reply` is the
   * clerk's answer to the department (补正答复), e.g. to a general comment that names no
   * field: a fix may be a reply alone, with nothing in the case changed.
   */
  z.object({
    kind: z.literal('correction'),
    eventCursors: z.array(z.number().int().nonnegative()).min(1),
    departmentCodes: z.array(nonEmpty),
    reply: safeText({ multiline: true, max: MAX_REPLY_LENGTH }).optional(),
  }),
  /** 容缺 materials supplied at the window. */
  z.object({ kind: z.literal('supplement'), keys: z.array(nonEmpty).min(1) }),
  z.object({ kind: z.literal('other'), note: safeText({ multiline: true, max: 200 }) }),
]);
export type RevisionReason = z.infer<typeof RevisionReason>;

export const CASE_REVISION_SCHEMA_VERSION = 1;

/** One version of an accepted case after the first, linked to the one before. */
export const CaseRevision = z
  .object({
    schemaVersion: z.literal(CASE_REVISION_SCHEMA_VERSION),
    caseId: z.uuid(),
    caseNumber: nonEmpty,
    /** 2 for the first fix; revision 1 is the case as accepted. */
    revision: z.number().int().min(2),
    previousContentHash: sha256Hex,
    contentHash: sha256Hex,
    at: IsoDateTime,
    /** clerkId of who made the fix. */
    by: nonEmpty,
    reason: RevisionReason,
    /** The diff's paths, for quick filtering; empty only for a reply alone. */
    changedPaths: z.array(safeText({ max: 300 })).max(2000),
    case: IntakeCase,
  })
  .superRefine((r, ctx) => {
    if (r.case.id !== r.caseId) ctx.addIssue({ code: 'custom', path: ['case', 'id'], message: 'differs from caseId' });
    if (r.case.caseNumber !== r.caseNumber) ctx.addIssue({ code: 'custom', path: ['case', 'caseNumber'], message: 'differs from caseNumber' });
    if (r.case.status !== 'accepted') ctx.addIssue({ code: 'custom', path: ['case', 'status'], message: 'only an accepted case has revisions' });
    if (r.changedPaths.length === 0 && replyOf(r.reason) === null)
      ctx.addIssue({ code: 'custom', path: ['changedPaths'], message: 'a version changes something, or answers a correction request with a reply' });
  });
export type CaseRevision = z.infer<typeof CaseRevision>;

/** The clerk's reply to the department carried by a revision, or null. */
export function replyOf(reason: RevisionReason | undefined): string | null {
  return reason?.kind === 'correction' && reason.reply !== undefined && reason.reply.trim() !== '' ? reason.reply.trim() : null;
}

type Patch<T> = { [K in keyof T]?: T[K] | null };

/**
 * What the clerk changes. `null` removes: an applicant/agent field, the agent as a whole, an
 * answer, a material state (back to pending), an item field value.
 */
export interface CaseChanges {
  applicant?: Patch<{
    kind: 'person' | 'organisation';
    name: string;
    idType: 'residentId' | 'other';
    idTypeLabel: string;
    idNumber: string;
    phone: string;
    address: string;
    uscc: string;
    usccOverride: { reason: string; by: string; at: string };
    legalRepresentative: string;
    legalRepresentativeIdNumber: string;
  }>;
  agent?: Patch<{ name: string; idType: 'residentId' | 'other'; idTypeLabel: string; idNumber: string; phone: string; relation: string }> | null;
  answers?: Record<string, string | null>;
  materialStates?: Record<string, MaterialState | null>;
  fields?: Record<string, Record<string, FieldValue>>;
}

export type RevisionError =
  | { code: 'notAccepted'; status: string }
  | { code: 'invalidTime' }
  /** The fix is dated before the version it replaces was last changed. */
  | { code: 'timeBeforePrevious' }
  | { code: 'clerkRequired' }
  | { code: 'invalidChanges'; paths: string[] }
  | { code: 'invalidCase'; paths: string[] }
  | { code: 'applicantInvalid'; problems: ApplicantProblem[] }
  /** Nothing changed and no reply to the department. */
  | { code: 'noChanges' }
  | { code: 'replyTooLong'; max: number };

export type RevisionResult = { ok: true; record: CaseRevision; diff: CaseDiff } | { ok: false; errors: RevisionError[] };

export interface RevisionOptions {
  reason?: RevisionReason;
  /** For the diff's labels. */
  catalog?: Catalog | PreparedCatalog;
}

function applyPatch(base: Record<string, unknown> | null | undefined, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

const REASON_NOTE: Record<RevisionReason['kind'], string> = { correction: '补正修订', supplement: '容缺材料补齐', other: '修订' };

/**
 * A new version of an accepted case. `previous` is the case as accepted (revision 1) or the
 * latest CaseRevision. Returns the revision record (revision number, the previous version's
 * content hash, the new case with its content hash) and the diff, or every reason it cannot.
 */
export function makeCaseRevision(
  previous: IntakeCase | CaseRevision,
  changes: CaseChanges,
  at: string,
  clerkId: string,
  options: RevisionOptions = {},
): RevisionResult {
  const isRevision = 'revision' in previous && 'case' in previous;
  const prev: IntakeCase = isRevision ? (previous as CaseRevision).case : (previous as IntakeCase);
  const number = (isRevision ? (previous as CaseRevision).revision : 1) + 1;
  const errors: RevisionError[] = [];
  if (prev.status !== 'accepted') errors.push({ code: 'notAccepted', status: prev.status });
  if (!isIsoDateTime(at)) errors.push({ code: 'invalidTime' });
  else if ((epochMinutes(at) ?? 0) < (epochMinutes(prev.updatedAt) ?? 0)) errors.push({ code: 'timeBeforePrevious' });
  if (typeof clerkId !== 'string' || clerkId.trim() === '') errors.push({ code: 'clerkRequired' });
  const reply = replyOf(options.reason);
  if (reply !== null && reply.length > MAX_REPLY_LENGTH) errors.push({ code: 'replyTooLong', max: MAX_REPLY_LENGTH });

  const bad: string[] = [];
  for (const [key, s] of Object.entries(changes.materialStates ?? {}))
    if (s !== null && !MaterialState.safeParse(s).success) bad.push(`materialStates.${key}`);
  for (const [key, v] of Object.entries(changes.answers ?? {})) if (v !== null && (typeof v !== 'string' || v.trim() === '')) bad.push(`answers.${key}`);
  if (bad.length > 0) errors.push({ code: 'invalidChanges', paths: bad });
  if (errors.length > 0) return { ok: false, errors };

  const answers = { ...prev.answers };
  for (const [k, v] of Object.entries(changes.answers ?? {})) if (v === null) delete answers[k];
  else answers[k] = v;
  const materialStates = { ...prev.materialStates };
  for (const [k, v] of Object.entries(changes.materialStates ?? {})) if (v === null) delete materialStates[k];
  else materialStates[k] = v;
  const fields: IntakeCase['fields'] = { ...prev.fields };
  for (const [code, values] of Object.entries(changes.fields ?? {})) fields[code] = { ...(fields[code] ?? {}), ...values };

  let applicant = prev.applicant as Record<string, unknown> | undefined;
  if (changes.applicant) {
    const p = changes.applicant as Record<string, unknown>;
    applicant = p.kind && p.kind !== prev.applicant?.kind ? applyPatch({}, p) : applyPatch(applicant, p);
  }
  let agent = prev.agent as Record<string, unknown> | null | undefined;
  if (changes.agent === null) agent = null;
  else if (changes.agent) agent = applyPatch(agent, changes.agent as Record<string, unknown>);

  const given: RevisionReason = options.reason ?? { kind: 'other', note: REASON_NOTE.other };
  // a blank reply is no reply; the one kept is trimmed
  const reason: RevisionReason =
    given.kind === 'correction' ? { kind: 'correction', eventCursors: given.eventCursors, departmentCodes: given.departmentCodes, ...(reply !== null ? { reply } : {}) } : given;
  const entry: HistoryEntry = { at, by: clerkId, from: 'accepted', to: 'accepted', note: `${REASON_NOTE[reason.kind]}（第${number}版）` };
  const draft = {
    ...prev,
    applicant,
    agent,
    answers,
    materialStates,
    fields,
    updatedAt: at,
    history: [...(prev.history ?? []), entry].slice(-100),
  };
  const parsed = IntakeCase.safeParse(draft);
  if (!parsed.success) return { ok: false, errors: [{ code: 'invalidCase', paths: parsed.error.issues.map((i) => i.path.join('.')) }] };
  const next = parsed.data;
  const check = checkApplicant(next, 'zh-CN', chinaDateOf(at));
  if (!check.valid) return { ok: false, errors: [{ code: 'applicantInvalid', problems: check.problems }] };

  const prevParsed = IntakeCase.safeParse(prev);
  const diff = diffCaseVersions(prevParsed.success ? prevParsed.data : prev, next, options.catalog ? { catalog: options.catalog } : {});
  // A correction may be answered by a reply alone (the department asked a question, or its
  // point needs no change to the case); anything else must change something.
  if (!diff.changed && reply === null) return { ok: false, errors: [{ code: 'noChanges' }] };
  const record: CaseRevision = {
    schemaVersion: CASE_REVISION_SCHEMA_VERSION,
    caseId: next.id,
    caseNumber: next.caseNumber!,
    revision: number,
    previousContentHash: contentHash(prev),
    contentHash: contentHash(next),
    at,
    by: clerkId,
    reason,
    changedPaths: diff.changes.map((c) => c.path),
    case: next,
  };
  return { ok: true, record, diff };
}

export type ChainProblem =
  | { code: 'otherCase'; index: number }
  | { code: 'numbering'; index: number; expected: number; found: number }
  | { code: 'brokenLink'; index: number }
  | { code: 'hashMismatch'; index: number };

/**
 * Checks a chain of revisions against the case as accepted: same case, numbered 2, 3, …,
 * each linked to the content hash of the version before, each hash matching its case.
 * For the server and the department API (a revision is accepted only on top of the latest).
 */
export function verifyRevisionChain(original: IntakeCase, revisions: readonly CaseRevision[]): { ok: boolean; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let prevHash = contentHash(original);
  revisions.forEach((r, index) => {
    if (r.caseId !== original.id) problems.push({ code: 'otherCase', index });
    if (r.revision !== index + 2) problems.push({ code: 'numbering', index, expected: index + 2, found: r.revision });
    if (r.previousContentHash !== prevHash) problems.push({ code: 'brokenLink', index });
    const own = contentHash(r.case);
    if (own !== r.contentHash) problems.push({ code: 'hashMismatch', index });
    prevHash = own;
  });
  return { ok: problems.length === 0, problems };
}
