/**
 * The clerk's decision under 行政许可法 Art. 32:
 *  - accept (受理) only when materials are complete and in legal form;
 *  - otherwise tell the applicant *everything* missing or deficient at once (一次性告知),
 *    and nothing unrelated to the item;
 *  - refuse (不予受理) when the matter needs no licence or is not this body's, saying
 *    where to apply, with the rights to 行政复议 and 行政诉讼.
 *
 * `assessIntake` says what stands in the way; the three builders validate and return
 * plain Decision data (see ./case.ts) or the reasons they cannot.
 *
 * Deferrable (容缺后补) materials count as required here; 容缺受理 comes later.
 */
import { defaultCalendar, type WorkingDayCalendar } from '../calendar';
import type { Locale } from '../i18n';
import type { ApplicantCheck } from './applicant';
import type {
  AcceptDecision,
  MaterialState,
  NoticeMaterial,
  OneTimeNoticeDecision,
  PromisedDate,
  ReceivedMaterial,
  RefusalCode,
  RefusalRights,
  RefuseDecision,
} from './case';
import { validateCaseNumber } from './caseNumber';
import type { Checklist, ChecklistMaterial, ChecklistProblem } from './checklist';
import { chinaDateOf, isIsoDateTime } from './time';

export type { ApplicantCheck } from './applicant';

// ---- assessment ---------------------------------------------------------------------------

export type Blocker =
  | { kind: 'checklistProblem'; problem: ChecklistProblem }
  | { kind: 'unansweredQuestion'; key: string; text: string }
  /** A required/deferrable material not checked yet. */
  | { kind: 'materialPending'; key: string; name: string }
  | { kind: 'materialMissing'; key: string; name: string }
  | { kind: 'materialDeficient'; key: string; name: string; reason: string }
  /** A copy was received but the catalog requires the original. */
  | { kind: 'originalRequired'; key: string; name: string }
  /** Marked 'fetched' but the material cannot be fetched by data sharing. */
  | { kind: 'fetchNotAllowed'; key: string; name: string }
  | { kind: 'applicantInvalid'; problems: ApplicantCheck['problems'] };

export interface DeficientLine {
  line: ChecklistMaterial;
  /** The clerk's reason, or the standard one for originalRequired. */
  reason: string;
  kind: 'deficient' | 'originalRequired';
}

export interface Assessment {
  canAccept: boolean;
  /** Everything that prevents acceptance, in checklist order. */
  blockers: Blocker[];
  /** Required and deferrable lines marked missing (or wrongly marked fetched). */
  missing: ChecklistMaterial[];
  /** Required and deferrable lines marked deficient, or a copy where the original is required. */
  deficient: DeficientLine[];
  /** Required and deferrable lines not checked yet. */
  pending: ChecklistMaterial[];
  /** Optional lines not received (no blocker). */
  optionalMissing: ChecklistMaterial[];
  /** The deferrable lines among `missing` and `deficient` (for 容缺受理). */
  deferrableMissing: ChecklistMaterial[];
  /** Lines satisfied: received, or fetched where allowed. */
  received: { line: ChecklistMaterial; state: Extract<MaterialState, { status: 'receivedOriginal' | 'receivedCopy' | 'originalCheckedCopyKept' | 'fetched' }> }[];
  /**
   * A one-time notice can be issued: every question answered, every required line checked,
   * the applicant valid, and at least one line missing or deficient.
   */
  canIssueNotice: boolean;
}

/** Standard reasons printed on the one-time notice (Chinese: the notice is a legal document). */
export const NOTICE_REASONS = {
  missing: '未提交',
  originalRequired: '须提交原件（现仅提交复印件）',
  fetchNotAllowed: '该材料不能通过数据共享调取，须提交',
} as const;

/**
 * What stands between this intake and acceptance. States for keys not in the checklist
 * are ignored; a line without a state is pending.
 */
export function assessIntake(
  checklist: Checklist,
  materialStates: Readonly<Record<string, MaterialState>>,
  applicantCheck: ApplicantCheck,
): Assessment {
  const blockers: Blocker[] = [];
  const missing: ChecklistMaterial[] = [];
  const deficient: DeficientLine[] = [];
  const pending: ChecklistMaterial[] = [];
  const optionalMissing: ChecklistMaterial[] = [];
  const deferrableMissing: ChecklistMaterial[] = [];
  const received: Assessment['received'] = [];

  for (const problem of checklist.problems) blockers.push({ kind: 'checklistProblem', problem });
  const textOf = new Map(checklist.questions.map((q) => [q.key, q.text]));
  for (const key of checklist.unansweredQuestions) blockers.push({ kind: 'unansweredQuestion', key, text: textOf.get(key) ?? key });

  for (const line of checklist.materials) {
    const state = materialStates[line.key] ?? { status: 'pending' as const };
    const needed = line.necessity !== 'optional';
    const ref = { key: line.key, name: line.name };

    if (state.status === 'fetched' && !line.canFetch) {
      blockers.push({ kind: 'fetchNotAllowed', ...ref });
      if (needed) missing.push(line);
      else optionalMissing.push(line);
      if (line.necessity === 'deferrable') deferrableMissing.push(line);
      continue;
    }
    if (!needed) {
      if (state.status === 'receivedOriginal' || state.status === 'receivedCopy' || state.status === 'originalCheckedCopyKept' || state.status === 'fetched')
        received.push({ line, state });
      else optionalMissing.push(line);
      continue;
    }
    switch (state.status) {
      case 'pending':
        pending.push(line);
        blockers.push({ kind: 'materialPending', ...ref });
        break;
      case 'missing':
        missing.push(line);
        blockers.push({ kind: 'materialMissing', ...ref });
        if (line.necessity === 'deferrable') deferrableMissing.push(line);
        break;
      case 'deficient':
        deficient.push({ line, reason: state.reason, kind: 'deficient' });
        blockers.push({ kind: 'materialDeficient', ...ref, reason: state.reason });
        if (line.necessity === 'deferrable') deferrableMissing.push(line);
        break;
      case 'receivedCopy':
        if (line.type === 'original') {
          deficient.push({ line, reason: NOTICE_REASONS.originalRequired, kind: 'originalRequired' });
          blockers.push({ kind: 'originalRequired', ...ref });
          if (line.necessity === 'deferrable') deferrableMissing.push(line);
        } else received.push({ line, state });
        break;
      // the original was seen and checked: a line asking for the original is satisfied
      case 'originalCheckedCopyKept':
      case 'receivedOriginal':
      case 'fetched':
        received.push({ line, state });
        break;
    }
  }

  if (!applicantCheck.valid) blockers.push({ kind: 'applicantInvalid', problems: applicantCheck.problems });

  const canIssueNotice =
    checklist.problems.length === 0 &&
    checklist.unansweredQuestions.length === 0 &&
    pending.length === 0 &&
    applicantCheck.valid &&
    missing.length + deficient.length > 0;

  return {
    canAccept: blockers.length === 0,
    blockers,
    missing,
    deficient,
    pending,
    optionalMissing,
    deferrableMissing,
    received,
    canIssueNotice,
  };
}

// ---- builders -------------------------------------------------------------------------------

export type DecisionError =
  | { code: 'invalidTime' }
  | { code: 'invalidCaseNumber' }
  | { code: 'clerkRequired' }
  /** makeAcceptance: something blocks acceptance. */
  | { code: 'cannotAccept'; blockers: Blocker[] }
  /** makeOneTimeNotice: the notice would not be complete (questions, pending lines, applicant, checklist problems). */
  | { code: 'noticeIncomplete'; blockers: Blocker[] }
  /** makeOneTimeNotice: nothing is missing or deficient — accept instead. */
  | { code: 'nothingMissing' }
  | { code: 'reasonRequired' }
  | { code: 'whereToApplyRequired' };

export type BuildResult<T> = { ok: true; decision: T } | { ok: false; errors: DecisionError[] };

interface DecisionBase {
  /** The decision's time (ISO with offset), passed in. */
  at: string;
  /** clerkId of the clerk deciding. */
  by: string;
  /** From makeCaseNumber (stored normalised). */
  caseNumber: string;
}

function checkBase(input: DecisionBase, errors: DecisionError[]): string {
  if (!isIsoDateTime(input.at)) errors.push({ code: 'invalidTime' });
  if (typeof input.by !== 'string' || input.by.trim() === '') errors.push({ code: 'clerkRequired' });
  const v = validateCaseNumber(input.caseNumber ?? '');
  if (!v.ok) {
    errors.push({ code: 'invalidCaseNumber' });
    return input.caseNumber;
  }
  return v.normalized;
}

export interface IntakeFacts {
  checklist: Checklist;
  materialStates: Readonly<Record<string, MaterialState>>;
  applicantCheck: ApplicantCheck;
}

export interface AcceptanceInput extends DecisionBase, IntakeFacts {
  /** Working-day calendar (default: the bundled one; pass a merged one after a holiday-data update). */
  calendar?: WorkingDayCalendar;
}

/**
 * 受理: every required and deferrable line received (an original where the type is
 * 'original') or fetched where allowed, every question answered, the applicant valid.
 * Promised dates: the acceptance date in China plus each item's promised working days
 * (即办 = the same day).
 */
export function makeAcceptance(input: AcceptanceInput): BuildResult<AcceptDecision> {
  const errors: DecisionError[] = [];
  const caseNumber = checkBase(input, errors);
  const assessment = assessIntake(input.checklist, input.materialStates, input.applicantCheck);
  if (!assessment.canAccept) errors.push({ code: 'cannotAccept', blockers: assessment.blockers });
  if (errors.length > 0) return { ok: false, errors };

  const calendar = input.calendar ?? defaultCalendar;
  const acceptedOn = chinaDateOf(input.at);
  const promisedDates: PromisedDate[] = input.checklist.items.map((item) => {
    // Working or calendar days (自然日) as the limit says; a promised limit is never `none`
    // (a quality rule refuses it), but if one slips through the date is the acceptance day.
    const r = calendar.dueDate(acceptedOn, item.promisedLimit) ?? { date: acceptedOn, provisional: false };
    return {
      basicCode: item.basicCode,
      ...(item.implementationCode ? { implementationCode: item.implementationCode } : {}),
      itemName: item.name,
      handlingItemCodes: item.handlingItems.map((h) => h.code),
      limit: item.promisedLimit,
      date: r.date,
      provisional: r.provisional,
    };
  });
  const received: ReceivedMaterial[] = assessment.received.map(({ line, state }) => ({
    key: line.key,
    name: line.name,
    itemCodes: [...line.itemCodes],
    type: line.type,
    status: state.status,
    copies: state.status === 'fetched' ? 0 : (state.copies ?? line.copies),
  }));
  return {
    ok: true,
    decision: { kind: 'accept', at: input.at, by: input.by, caseNumber, promisedDates, received },
  };
}

export type OneTimeNoticeInput = DecisionBase & IntakeFacts;

/**
 * 一次性告知: every missing and deficient required/deferrable line of the current
 * checklist — nothing else (stale states for materials no longer in the checklist are
 * ignored; optional materials are never demanded). Refused while the notice could not be
 * complete: unanswered questions, lines not checked yet, invalid applicant data.
 */
export function makeOneTimeNotice(input: OneTimeNoticeInput): BuildResult<OneTimeNoticeDecision> {
  const errors: DecisionError[] = [];
  const caseNumber = checkBase(input, errors);
  const a = assessIntake(input.checklist, input.materialStates, input.applicantCheck);
  if (a.missing.length + a.deficient.length === 0) errors.push({ code: 'nothingMissing' });
  else if (!a.canIssueNotice) {
    const incomplete = a.blockers.filter(
      (b) =>
        b.kind === 'checklistProblem' ||
        b.kind === 'unansweredQuestion' ||
        b.kind === 'materialPending' ||
        b.kind === 'applicantInvalid',
    );
    errors.push({ code: 'noticeIncomplete', blockers: incomplete });
  }
  if (errors.length > 0) return { ok: false, errors };

  const missingKeys = new Set(a.missing.map((l) => l.key));
  const deficientByKey = new Map(a.deficient.map((d) => [d.line.key, d]));
  const items: NoticeMaterial[] = [];
  // Checklist order, so the notice reads like the checklist.
  for (const line of input.checklist.materials) {
    if (line.necessity === 'optional') continue;
    let problem: NoticeMaterial['problem'];
    let reason: string;
    const d = deficientByKey.get(line.key);
    if (d) {
      problem = 'deficient';
      reason = d.reason;
    } else if (missingKeys.has(line.key)) {
      problem = 'missing';
      const fetched = input.materialStates[line.key]?.status === 'fetched';
      reason = fetched ? NOTICE_REASONS.fetchNotAllowed : NOTICE_REASONS.missing;
    } else continue;
    const item: NoticeMaterial = {
      key: line.key,
      name: line.name,
      itemCodes: [...line.itemCodes],
      problem,
      reason,
      acceptanceStandard: line.acceptanceStandard,
      necessity: line.necessity === 'deferrable' ? 'deferrable' : 'required',
    };
    if (line.legalBasis) item.legalBasis = line.legalBasis;
    items.push(item);
  }
  return { ok: true, decision: { kind: 'oneTimeNotice', at: input.at, by: input.by, caseNumber, items } };
}

export interface RefusalInput extends DecisionBase {
  reason: {
    code: RefusalCode;
    /** Required for 'other'; for the two Art. 32 grounds the standard text is used when empty. */
    text?: string;
    /** Required for notJurisdiction: the body to apply to (e.g. 示例市自然资源和规划局). */
    whereToApply?: string;
  };
  /** 行政复议机关, e.g. 示例市西湖区人民政府; default: a generic phrase. */
  reconsiderationBody?: string;
  /** The competent court, e.g. 示例市西湖区人民法院; default: a generic phrase. */
  court?: string;
}

/** Art. 32(1)(一)(二) grounds in the words of the law. */
export const REFUSAL_TEXTS = {
  notRequiringLicence: '申请事项依法不需要取得行政许可',
  notJurisdiction: '申请事项依法不属于本行政机关职权范围',
} as const;

export const ADMINISTRATIVE_RECONSIDERATION_LAW = '《中华人民共和国行政复议法》';
export const ADMINISTRATIVE_PROCEDURE_LAW = '《中华人民共和国行政诉讼法》';
export const DEFAULT_RECONSIDERATION_BODY = '有管辖权的行政复议机关';
export const DEFAULT_COURT = '有管辖权的人民法院';

/**
 * The rights printed on a refusal: 行政复议 within 60 days (行政复议法 Art. 20) and
 * 行政诉讼 within 6 months (行政诉讼法 Art. 46).
 */
export function refusalRights(reconsiderationBody?: string, court?: string): RefusalRights {
  const body = reconsiderationBody?.trim() || DEFAULT_RECONSIDERATION_BODY;
  const courtName = court?.trim() || DEFAULT_COURT;
  return {
    reconsideration: {
      days: 60,
      law: ADMINISTRATIVE_RECONSIDERATION_LAW,
      body,
      text: `如不服本决定，可以自收到本通知书之日起六十日内，依照${ADMINISTRATIVE_RECONSIDERATION_LAW}向${body}申请行政复议`,
    },
    litigation: {
      months: 6,
      law: ADMINISTRATIVE_PROCEDURE_LAW,
      court: courtName,
      text: `也可以自收到本通知书之日起六个月内，依照${ADMINISTRATIVE_PROCEDURE_LAW}向${courtName}提起行政诉讼`,
    },
  };
}

/** 不予受理: a reason is required; notJurisdiction needs where to apply. */
export function makeRefusal(input: RefusalInput): BuildResult<RefuseDecision> {
  const errors: DecisionError[] = [];
  const caseNumber = checkBase(input, errors);
  const code = input.reason?.code;
  const given = input.reason?.text?.trim() ?? '';
  const whereToApply = input.reason?.whereToApply?.trim() ?? '';
  let text = given;
  if (code === 'notJurisdiction' || code === 'notRequiringLicence') text = given || REFUSAL_TEXTS[code];
  else if (code !== 'other' || given === '') errors.push({ code: 'reasonRequired' });
  if (code === 'notJurisdiction' && whereToApply === '') errors.push({ code: 'whereToApplyRequired' });
  if (errors.length > 0) return { ok: false, errors };

  const reason: RefuseDecision['reason'] = { code: code!, text };
  if (whereToApply !== '') reason.whereToApply = whereToApply;
  return {
    ok: true,
    decision: {
      kind: 'refuse',
      at: input.at,
      by: input.by,
      caseNumber,
      reason,
      rights: refusalRights(input.reconsiderationBody, input.court),
    },
  };
}

// ---- messages for the UI ----------------------------------------------------------------------

const problemText = (p: ChecklistProblem, zh: boolean): string => {
  switch (p.kind) {
    case 'noItems':
      return zh ? '尚未选择办理事项。' : 'No item has been chosen.';
    case 'unknownItem':
      return zh ? `事项 ${p.basicCode} 不在当前目录中。` : `Item ${p.basicCode} is not in the current catalog.`;
    case 'unknownBundle':
      return zh ? `“一件事” ${p.bundleId} 不在当前目录中。` : `Bundle ${p.bundleId} is not in the current catalog.`;
    case 'notInBundle':
      return zh ? `事项 ${p.basicCode} 不属于该“一件事”。` : `Item ${p.basicCode} is not part of this bundle.`;
    case 'bundleItemRequired':
      return zh ? `事项 ${p.basicCode} 是该“一件事”的必办事项，不能去掉。` : `Item ${p.basicCode} is required in this bundle and cannot be left out.`;
    case 'handlingItemNotChosen':
      return zh ? `请选择事项 ${p.basicCode} 的业务办理项。` : `Choose the handling item of item ${p.basicCode}.`;
    case 'unknownHandlingItem':
      return zh ? `业务办理项 ${p.code} 不属于事项 ${p.basicCode}。` : `Handling item ${p.code} does not belong to item ${p.basicCode}.`;
  }
};

/** A blocker as one sentence for the clerk. */
export function blockerMessage(b: Blocker, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (b.kind) {
    case 'checklistProblem':
      return problemText(b.problem, zh);
    case 'unansweredQuestion':
      return zh ? `请回答情形问题：${b.text}` : `Answer the question: ${b.text}`;
    case 'materialPending':
      return zh ? `尚未核验材料：${b.name}` : `Not checked yet: ${b.name}`;
    case 'materialMissing':
      return zh ? `缺少材料：${b.name}` : `Missing: ${b.name}`;
    case 'materialDeficient':
      return zh ? `材料不符合要求：${b.name}（${b.reason}）` : `Not acceptable: ${b.name} (${b.reason})`;
    case 'originalRequired':
      return zh ? `须提交原件：${b.name}` : `The original is required: ${b.name}`;
    case 'fetchNotAllowed':
      return zh ? `该材料不能通过数据共享调取：${b.name}` : `Cannot be fetched by data sharing: ${b.name}`;
    case 'applicantInvalid':
      return zh
        ? `申请人信息有误：${b.problems.map((p) => p.message).join(' ')}`
        : `The applicant’s details are not valid: ${b.problems.map((p) => p.message).join(' ')}`;
  }
}

/** A builder error as one sentence for the clerk. */
export function decisionErrorMessage(e: DecisionError, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (e.code) {
    case 'invalidTime':
      return zh ? '决定时间无效。' : 'The decision time is not valid.';
    case 'invalidCaseNumber':
      return zh ? '办件编号无效。' : 'The case number is not valid.';
    case 'clerkRequired':
      return zh ? '缺少经办人。' : 'The deciding clerk is missing.';
    case 'cannotAccept':
      return zh ? `不能受理：${e.blockers.length} 项问题未解决。` : `Cannot accept: ${e.blockers.length} problem(s) remain.`;
    case 'noticeIncomplete':
      return zh
        ? `一次性告知须一次告全：请先回答全部情形问题、核验全部材料并填全申请人信息（${e.blockers.length} 项）。`
        : `A one-time notice must list everything at once: answer every question, check every material and complete the applicant first (${e.blockers.length} left).`;
    case 'nothingMissing':
      return zh ? '没有缺少或不符合要求的材料，无需出具一次性告知书。' : 'Nothing is missing or deficient: no one-time notice is needed.';
    case 'reasonRequired':
      return zh ? '请填写不予受理的理由。' : 'Enter the reason for refusing.';
    case 'whereToApplyRequired':
      return zh ? '不属于本机关职权范围的，须告知申请人向哪个机关申请。' : 'When it is not this body’s matter, say where to apply.';
  }
}
