/**
 * An intake case as stored (IndexedDB on the workstation, later synced): zod schemas,
 * types, the key format for answers and material states, and small pure updaters.
 *
 * ## Keys (answers and material states)
 *
 * One format for a single item and for a bundle, so a state survives when the clerk
 * switches between the two, and a bundle collects a shared document once:
 *
 * | what                                         | key                          |
 * |----------------------------------------------|------------------------------|
 * | question with `sharedQuestionId: 'premises'` | `shared/premises`            |
 * | question `lessor` of item 000117003000       | `000117003000/lessor`        |
 * | material with `sharedMaterialId: 'biz-lic'`  | `shared/biz-lic`             |
 * | material `lease` of item 000117003000        | `000117003000/lease`         |
 * | 授权委托书 / 代理人身份证件 added for an agent | `shared/power-of-attorney`, `shared/agent-id-card` |
 *
 * i.e. `shared/<sharedId>` when the catalog gives a shared id, `<basicCode>/<id>`
 * otherwise. Basic codes never contain '/' and are never the word `shared`.
 * `answers[key]` is the chosen option id; `materialStates[key]` the material's state.
 * A key missing from `materialStates` means 'pending'. Answers and states whose key is
 * not (or no longer) in the checklist are kept but ignored (they come back into play if
 * the clerk changes an answer back).
 *
 * ## Timestamps
 * ISO 8601 with seconds and an offset (`2026-11-30T09:15:00+08:00`), passed in by the
 * caller. Working days count from the date in China (see ./time.ts).
 */
import { z } from 'zod';
import { MaterialType, TimeLimit } from '../catalog/schema';
import { IsoDateTime } from './time';
import { DeferralRecord } from '../lifecycle/deferralRecord';
import { MAX_LONG_TEXT_LENGTH, safeText } from '../text';
import { MaterialPages } from '../materials/page';
import { FetchedLicence } from '../sharing/licence';

// ---- keys ---------------------------------------------------------------------------

export const SHARED_SCOPE = 'shared';

/** `shared/<id>` */
export function sharedKey(sharedId: string): string {
  return `${SHARED_SCOPE}/${sharedId}`;
}

/** `<basicCode>/<id>` */
export function itemScopedKey(basicCode: string, id: string): string {
  return `${basicCode}/${id}`;
}

/** The key of a question of item `basicCode` (see the table above). */
export function questionKey(basicCode: string, question: { id: string; sharedQuestionId?: string | undefined }): string {
  return question.sharedQuestionId ? sharedKey(question.sharedQuestionId) : itemScopedKey(basicCode, question.id);
}

/** The key of a material of item `basicCode` (see the table above). */
export function materialKey(basicCode: string, material: { id: string; sharedMaterialId?: string | undefined }): string {
  return material.sharedMaterialId ? sharedKey(material.sharedMaterialId) : itemScopedKey(basicCode, material.id);
}

export type ParsedKey = { scope: 'shared'; id: string } | { scope: 'item'; basicCode: string; id: string };

/** Splits a key at its first '/'; null when there is none or a side is empty. */
export function parseKey(key: string): ParsedKey | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return null;
  const head = key.slice(0, slash);
  const id = key.slice(slash + 1);
  return head === SHARED_SCOPE ? { scope: 'shared', id } : { scope: 'item', basicCode: head, id };
}

/** Shared material ids of the two lines added when an agent (代办人) applies. */
export const AGENT_SHARED_MATERIAL_IDS = {
  powerOfAttorney: 'power-of-attorney',
  agentIdDocument: 'agent-id-card',
} as const;

// ---- material states ----------------------------------------------------------------

/** A single-line text (no control characters, visible, ≤ 500 characters: see ../text.ts). */
const text = safeText();
/** Texts copied from the catalog or written as a paragraph (acceptance standards, legal bases, reasons). */
const longText = safeText({ multiline: true, max: 2 * MAX_LONG_TEXT_LENGTH });
const copiesReceived = z.number().int().min(0).max(99);

export const MaterialStatus = z.enum(['pending', 'receivedOriginal', 'receivedCopy', 'originalCheckedCopyKept', 'deficient', 'missing', 'fetched']);
export type MaterialStatus = z.infer<typeof MaterialStatus>;

/**
 * What the clerk found for one checklist line. `copies` (optional) records how many
 * copies were taken when it differs from the catalog's; `reference` the electronic
 * licence number of a fetched (免提交, data sharing) material. 'fetched' is only valid
 * where the material's forms include 'dataSharing' — checked against the checklist by
 * `assessIntake`, since the schema does not know the catalog.
 */
export const MaterialState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('receivedOriginal'), copies: copiesReceived.optional() }),
  z.object({ status: z.literal('receivedCopy'), copies: copiesReceived.optional() }),
  /**
   * 原件核验后退还: the clerk checked the original against the copy and handed the original back;
   * the centre keeps the copy (`copies` of it). The usual practice for an ID card, a household
   * register or a licence: it satisfies a line that asks for the original, yet the centre never
   * holds the original.
   */
  z.object({ status: z.literal('originalCheckedCopyKept'), copies: copiesReceived.optional() }),
  /** `reason`: picked from the acceptance standard or typed by the clerk. */
  z.object({ status: z.literal('deficient'), reason: safeText({ multiline: true, max: 500 }) }),
  z.object({ status: z.literal('missing') }),
  /** `licence`: what the window fetched from the licence registry (absent on cases taken in before data sharing). */
  z.object({ status: z.literal('fetched'), reference: text.max(100).optional(), licence: FetchedLicence.optional() }),
]);
export type MaterialState = z.infer<typeof MaterialState>;

// ---- people -------------------------------------------------------------------------

/** residentId = 居民身份证; other = 护照, 港澳居民来往内地通行证 … named in `idTypeLabel`. */
export const PersonIdType = z.enum(['residentId', 'other']);
export type PersonIdType = z.infer<typeof PersonIdType>;

const personFields = {
  name: text,
  idType: PersonIdType,
  idTypeLabel: text.optional(),
  idNumber: text,
  phone: text,
  address: text.optional(),
};

export const PersonApplicant = z.object({ kind: z.literal('person'), ...personFields });
export type PersonApplicant = z.infer<typeof PersonApplicant>;

/** A USCC that fails its checksum (or has an unusual authority/category) accepted after checking the original licence. */
export const UsccOverride = z.object({ reason: text.max(200), by: text, at: IsoDateTime });
export type UsccOverride = z.infer<typeof UsccOverride>;

const organisationFields = {
  name: text,
  /** Absent only for a company being founded (`founding`), which has no USCC yet. */
  uscc: text.optional(),
  usccOverride: UsccOverride.optional(),
  /**
   * 拟设立企业 (e.g. the founding company in 开办企业): `name` is the reserved / declared name
   * (名称自主申报), there is no USCC yet, and the legal representative is the person who answers
   * for it (their ID number is required). See ./applicant.ts `foundingCompanyProblems`.
   */
  founding: z.literal(true).optional(),
  /** 名称自主申报告知书 / 名称预先核准通知书 number of the reserved name, when there is one. */
  nameReservation: text.max(50).optional(),
  legalRepresentative: text,
  legalRepresentativeIdNumber: text.optional(),
  phone: text,
  address: text.optional(),
};

export const OrganisationApplicant = z.object({ kind: z.literal('organisation'), ...organisationFields });
export type OrganisationApplicant = z.infer<typeof OrganisationApplicant>;

export const Applicant = z.discriminatedUnion('kind', [PersonApplicant, OrganisationApplicant]).superRefine((a, ctx) => {
  if (a.kind !== 'organisation') return;
  if (a.founding) {
    if (a.uscc !== undefined) ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'a company being founded has no USCC yet' });
    if (a.legalRepresentativeIdNumber === undefined)
      ctx.addIssue({ code: 'custom', path: ['legalRepresentativeIdNumber'], message: 'a company being founded needs its legal representative’s ID number' });
  } else if (a.uscc === undefined) ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'an organisation needs its USCC' });
});
export type Applicant = z.infer<typeof Applicant>;

/** The applicant while drafting: the kind is chosen, any other field may still be missing. */
export const ApplicantDraft = z.discriminatedUnion('kind', [
  PersonApplicant.partial().extend({ kind: z.literal('person') }),
  OrganisationApplicant.partial().extend({ kind: z.literal('organisation') }),
]);
export type ApplicantDraft = z.infer<typeof ApplicantDraft>;

/** 代办人 / 代理人. */
export const Agent = z.object({
  name: text,
  idType: PersonIdType,
  idTypeLabel: text.optional(),
  idNumber: text,
  phone: text,
  relation: text.optional(), // 与申请人关系, e.g. 员工, 配偶
});
export type Agent = z.infer<typeof Agent>;
export const AgentDraft = Agent.partial();
export type AgentDraft = z.infer<typeof AgentDraft>;

export const Clerk = z.object({
  clerkId: text,
  name: text,
  windowNo: text, // 窗口号, e.g. "12"
  centreCode: z.string().regex(/^\d{6}$/, 'expected the 6-digit area code of the centre'),
  centreName: text,
  workstationId: text,
  /** Window phone printed on the one-time notice (经办人联系电话). */
  phone: text.optional(),
});
export type Clerk = z.infer<typeof Clerk>;

// ---- subject ------------------------------------------------------------------------

export const Subject = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('item'),
    basicCode: text,
    /** 实施编码 when several departments implement the basic code (absent in cases taken in before). */
    implementationCode: text.optional(),
    /** 业务办理项 chosen; may be empty when the item has exactly one. */
    handlingItemCodes: z.array(text).default([]),
  }),
  z.object({
    kind: z.literal('bundle'),
    bundleId: text,
    /** The bundle's items chosen for this applicant (optional ones may be left out). */
    basicCodes: z.array(text),
    /** Handling items per item, for items where the bundle does not fix one. */
    handlingItemCodes: z.record(text, z.array(text)).optional(),
    /** The implementation chosen per basic code, where the clerk picked one. */
    implementationCodes: z.record(text, text).optional(),
  }),
]);
export type Subject = z.infer<typeof Subject>;

// ---- decisions ----------------------------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** 承诺办结日期 of one item. `provisional`: counted through a year without official holiday data. */
export const PromisedDate = z.object({
  basicCode: text,
  implementationCode: text.optional(),
  itemName: text,
  handlingItemCodes: z.array(text),
  limit: TimeLimit,
  date: isoDate,
  provisional: z.boolean(),
});
export type PromisedDate = z.infer<typeof PromisedDate>;

/** A material taken in (snapshot at the decision, so a reprint does not depend on a newer catalog). */
export const ReceivedMaterial = z.object({
  key: text,
  name: text,
  itemCodes: z.array(text),
  type: MaterialType, // what the catalog asked for
  status: z.enum(['receivedOriginal', 'receivedCopy', 'originalCheckedCopyKept', 'fetched']),
  copies: z.number().int().min(0).max(99),
});
export type ReceivedMaterial = z.infer<typeof ReceivedMaterial>;

/** One line of a one-time notice (一次性告知书). */
export const NoticeMaterial = z.object({
  key: text,
  name: text,
  itemCodes: z.array(text),
  problem: z.enum(['missing', 'deficient']),
  /** Why: 未提交 / the clerk's reason / 须提交原件… (Chinese: the notice is a legal document). */
  reason: longText,
  acceptanceStandard: longText,
  legalBasis: longText.optional(),
  necessity: z.enum(['required', 'deferrable']),
});
export type NoticeMaterial = z.infer<typeof NoticeMaterial>;

export const RefusalCode = z.enum(['notJurisdiction', 'notRequiringLicence', 'other']);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** 行政复议 (60 days) and 行政诉讼 (6 months) open to the applicant against a refusal. */
export const RefusalRights = z.object({
  reconsideration: z.object({ days: z.literal(60), law: longText, body: longText, text: longText }),
  litigation: z.object({ months: z.literal(6), law: longText, court: longText, text: longText }),
});
export type RefusalRights = z.infer<typeof RefusalRights>;

const decisionBase = {
  at: IsoDateTime,
  /** clerkId of who decided. */
  by: text,
  caseNumber: text,
};

export const AcceptDecision = z.object({
  kind: z.literal('accept'),
  ...decisionBase,
  promisedDates: z.array(PromisedDate).min(1),
  received: z.array(ReceivedMaterial),
  /**
   * 容缺受理 (src/core/lifecycle/deferral.ts): the deferred materials, deadline, commitment and
   * approval travel with the case. Absent on an ordinary acceptance. Supplements recorded later
   * are kept next to the case (a decided case is immutable).
   */
  deferral: DeferralRecord.optional(),
});
export type AcceptDecision = z.infer<typeof AcceptDecision>;

export const OneTimeNoticeDecision = z.object({
  kind: z.literal('oneTimeNotice'),
  ...decisionBase,
  items: z.array(NoticeMaterial).min(1),
});
export type OneTimeNoticeDecision = z.infer<typeof OneTimeNoticeDecision>;

export const RefuseDecision = z.object({
  kind: z.literal('refuse'),
  ...decisionBase,
  reason: z.object({ code: RefusalCode, text: longText, whereToApply: longText.optional() }),
  rights: RefusalRights,
});
export type RefuseDecision = z.infer<typeof RefuseDecision>;

export const Decision = z.discriminatedUnion('kind', [AcceptDecision, OneTimeNoticeDecision, RefuseDecision]);
export type Decision = z.infer<typeof Decision>;

// ---- the case -----------------------------------------------------------------------

export const CaseStatus = z.enum(['draft', 'accepted', 'noticeIssued', 'refused']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Where the clerk was, so an interrupted intake reopens exactly there. */
export const IntakeStep = z.enum(['situation', 'materials', 'applicant', 'review', 'decision', 'done']);
export type IntakeStep = z.infer<typeof IntakeStep>;

export const HistoryEntry = z.object({
  at: IsoDateTime,
  by: text, // clerkId
  from: CaseStatus.nullable(), // null = created
  to: CaseStatus,
  note: safeText({ multiline: true, max: 200 }).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** An item-specific field's answer: text (a textarea may hold line breaks), a number or nothing. */
export const FieldValue = z.union([safeText({ multiline: true, allowEmpty: true }), z.number(), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;

export const CASE_SCHEMA_VERSION = 1;

const decisionStatus = { accept: 'accepted', oneTimeNotice: 'noticeIssued', refuse: 'refused' } as const;

export const IntakeCase = z
  .object({
    schemaVersion: z.literal(CASE_SCHEMA_VERSION).default(CASE_SCHEMA_VERSION),
    /** Generated on the workstation (crypto.randomUUID) and passed in. */
    id: z.uuid(),
    /** 办件编号, assigned at the decision (see ./caseNumber.ts). */
    caseNumber: text.optional(),
    status: CaseStatus,
    catalogVersion: text,
    subject: Subject,
    answers: z.record(text, text),
    materialStates: z.record(text, MaterialState),
    /** Pages taken in per checklist line (材料电子化), keyed like `materialStates`. */
    materialPages: z.record(text, MaterialPages).optional(),
    applicant: ApplicantDraft.optional(),
    /** null = no agent; undefined = not asked yet. */
    agent: AgentDraft.nullable().optional(),
    /** Item-specific fields: fields[basicCode][fieldId]. */
    fields: z.record(text, z.record(text, FieldValue)),
    decision: Decision.optional(),
    clerk: Clerk,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    step: IntakeStep,
    history: z.array(HistoryEntry).max(100).optional(),
    /**
     * A practice case from training mode (src/core/training/isolation.ts). Never synced, refused
     * by every live endpoint. Absent on live cases; part of the schema so parsing keeps it.
     */
    training: z.literal(true).optional(),
    /**
     * 再次受理: this intake follows up a one-time notice (一次性告知书) — the applicant came back
     * with what it asked for. `noticeKeys` are the material keys the notice listed (the lines to
     * check again). Set by ./followUp.ts; supervisors' one-visit figures count the pair as one
     * applicant matter (src/core/quality/metrics.ts).
     */
    followsUp: z.object({ caseId: z.uuid(), caseNumber: text, noticeKeys: z.array(text) }).optional(),
    /** 失信: the clerk's flag on the applicant (no 容缺受理 for a flagged applicant). */
    dishonesty: z
      .object({
        flagged: z.boolean(),
        source: z.literal('clerk'),
        reason: safeText({ multiline: true, max: 500, allowEmpty: true }),
        by: text,
        at: IsoDateTime,
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.status === 'draft') {
      if (c.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'a draft has no decision' });
      return;
    }
    if (!c.decision) {
      ctx.addIssue({ code: 'custom', path: ['decision'], message: `a case in status ${c.status} needs its decision` });
      return;
    }
    if (decisionStatus[c.decision.kind] !== c.status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: `status ${c.status} does not match a ${c.decision.kind} decision` });
    if (c.caseNumber !== c.decision.caseNumber)
      ctx.addIssue({ code: 'custom', path: ['caseNumber'], message: 'caseNumber differs from the decision’s' });
    if (!Applicant.safeParse(c.applicant).success)
      ctx.addIssue({ code: 'custom', path: ['applicant'], message: 'a decided case needs a complete applicant' });
    if (c.agent !== null && c.agent !== undefined && !Agent.safeParse(c.agent).success)
      ctx.addIssue({ code: 'custom', path: ['agent'], message: 'a decided case needs a complete agent (or null)' });
  });
export type IntakeCase = z.infer<typeof IntakeCase>;
export type IntakeCaseInput = z.input<typeof IntakeCase>;

// ---- pure updaters ------------------------------------------------------------------

export interface NewDraft {
  id: string;
  clerk: Clerk;
  catalogVersion: string;
  subject: Subject;
  /** Time of application (申请时间): now, passed in. */
  at: string;
}

/** A fresh draft at the 'situation' step. */
export function createDraft(d: NewDraft): IntakeCase {
  return {
    schemaVersion: CASE_SCHEMA_VERSION,
    id: d.id,
    status: 'draft',
    catalogVersion: d.catalogVersion,
    subject: d.subject,
    answers: {},
    materialStates: {},
    fields: {},
    clerk: d.clerk,
    createdAt: d.at,
    updatedAt: d.at,
    step: 'situation',
    history: [{ at: d.at, by: d.clerk.clerkId, from: null, to: 'draft' }],
  };
}

function requireDraft(c: IntakeCase): void {
  if (c.status !== 'draft') throw new RangeError(`case ${c.id} is ${c.status}, not a draft`);
}

/** The draft with `answers[key] = optionId` (null removes the answer). */
export function withAnswer(c: IntakeCase, key: string, optionId: string | null, at: string): IntakeCase {
  requireDraft(c);
  const answers = { ...c.answers };
  if (optionId === null) delete answers[key];
  else answers[key] = optionId;
  return { ...c, answers, updatedAt: at };
}

/** The draft with `materialStates[key] = state`. */
export function withMaterialState(c: IntakeCase, key: string, state: MaterialState, at: string): IntakeCase {
  requireDraft(c);
  return { ...c, materialStates: { ...c.materialStates, [key]: state }, updatedAt: at };
}

/** The draft at another step (saved on every screen change). */
export function withStep(c: IntakeCase, step: IntakeStep, at: string): IntakeCase {
  requireDraft(c);
  return { ...c, step, updatedAt: at };
}

/**
 * Records a decision built by makeAcceptance / makeOneTimeNotice / makeRefusal: status,
 * case number, step 'done', history entry. Throws RangeError when the case is not a draft.
 */
export function recordDecision(c: IntakeCase, decision: Decision, note?: string): IntakeCase {
  requireDraft(c);
  const to = decisionStatus[decision.kind];
  const entry: HistoryEntry = { at: decision.at, by: decision.by, from: c.status, to, ...(note ? { note } : {}) };
  return {
    ...c,
    status: to,
    caseNumber: decision.caseNumber,
    decision,
    step: 'done',
    updatedAt: decision.at,
    history: [...(c.history ?? []), entry].slice(-100),
  };
}
