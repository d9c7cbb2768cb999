/**
 * 统一窗口出件 (one window hands out results; DB33/T 2036.2-2017 前台综合受理、后台分类审批、
 * 统一窗口出件): when the departments have finished (办结) with a result ready, the case goes
 * on the "results to hand out" list; the clerk records how the result left the window.
 *
 * - In person: the recipient's ID is checked (a resident ID against GB 11643-1999). The
 *   recipient is the applicant (a person), an organisation's legal representative, or an
 *   agent (代领) with a written authorisation checked at the window.
 * - By post: a tracking number in a common carrier format (UPU S10 as used by EMS, e.g.
 *   EA123456789CN; SF + 12–13 digits; 10–15 digits) and the address.
 * - Electronically: the channel (浙里办 / the electronic licence library / e-mail / other)
 *   and its reference.
 *
 * `validateHandout` reports every problem at once as bilingual `path: reason` issues.
 */
import { z } from 'zod';
import { safeText } from '../text';
import type { Locale } from '../i18n';
import { checkResidentId, identityProblemMessage, normalizeIdentityInput } from '../identity';
import { type IntakeCase, PersonIdType } from '../intake/case';
import { chinaDateOf, epochMinutes, IsoDateTime, isIsoDateTime } from '../intake/time';
import type { StatusEvent } from '../sync/protocol';
import { caseTimeline, timelinesByCase } from '../sync/timeline';
import { type LifecycleIssue, issue, zodIssues } from './common';

/** Single-line text (../text.ts). */
const text = safeText();

// ---- tracking numbers -------------------------------------------------------------------------

const S10 = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/;
const TRACKING_PATTERNS: { carrierGuess: string; re: RegExp }[] = [
  { carrierGuess: 'ems', re: S10 },
  { carrierGuess: 'sf', re: /^SF\d{12,13}$/ },
  { carrierGuess: 'jd', re: /^JD[0-9A-Z]{11,15}$/ },
  { carrierGuess: 'yto', re: /^YT\d{13}$/ },
  { carrierGuess: 'digits', re: /^\d{10,15}$/ },
];

/** The UPU S10 check digit of 8 serial digits (weights 8 6 4 2 3 5 9 7). */
export function s10CheckDigit(serial8: string): number {
  if (!/^\d{8}$/.test(serial8)) throw new RangeError('expected 8 digits');
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial8[i]) * w[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

export function normalizeTrackingNumber(s: string): string {
  return normalizeIdentityInput(s).replace(/[-‐‑–—_.·]/g, '');
}

export type TrackingCheck =
  | { ok: true; normalized: string; carrierGuess: string; /** false: an S10 number whose check digit does not match (a typo?) — warn, don't block. */ checkDigitOk: boolean }
  | { ok: false; normalized: string };

export function checkTrackingNumber(s: string): TrackingCheck {
  const normalized = normalizeTrackingNumber(s);
  for (const p of TRACKING_PATTERNS) {
    if (!p.re.test(normalized)) continue;
    const m = S10.exec(normalized);
    return { ok: true, normalized, carrierGuess: p.carrierGuess, checkDigitOk: m ? s10CheckDigit(m[1]!) === Number(m[2]) : true };
  }
  return { ok: false, normalized };
}

// ---- the record -----------------------------------------------------------------------------

export const HandoutRelation = z.enum(['applicant', 'legalRepresentative', 'agent']);
export type HandoutRelation = z.infer<typeof HandoutRelation>;

export const InPersonDelivery = z.object({
  method: z.literal('inPerson'),
  recipientName: text.max(100),
  recipientIdType: PersonIdType,
  /** The document's name when not a resident ID (护照, 港澳居民来往内地通行证 …). */
  recipientIdTypeLabel: text.max(50).optional(),
  recipientIdNumber: text.max(40),
  relation: HandoutRelation,
  /** How the ID was checked: the card reader, or by eye (the reader failed or another document). */
  idCheckedBy: z.enum(['cardReader', 'manual']),
  /** 代领: the written authorisation the clerk checked (required for an agent). */
  authorisation: z.object({ document: text.max(100).default('授权委托书'), reference: text.max(100).optional() }).optional(),
});

export const CARRIERS = ['ems', 'sf', 'jd', 'zto', 'yto', 'sto', 'yunda', 'other'] as const;

export const PostDelivery = z.object({
  method: z.literal('post'),
  carrier: z.enum(CARRIERS),
  carrierName: text.max(50).optional(),
  trackingNumber: text.max(40),
  recipientName: text.max(100),
  recipientPhone: text.max(30),
  address: text.max(300),
});

export const ElectronicDelivery = z.object({
  method: z.literal('electronic'),
  /** governmentApp = 浙里办 and the like; electronicLicence = pushed to the electronic licence library. */
  channel: z.enum(['governmentApp', 'electronicLicence', 'email', 'other']),
  channelName: text.max(50).optional(),
  reference: text.max(200),
});

export const HandoutDelivery = z.discriminatedUnion('method', [InPersonDelivery, PostDelivery, ElectronicDelivery]);
export type HandoutDelivery = z.infer<typeof HandoutDelivery>;

export const HANDOUT_SCHEMA_VERSION = 1;

const HandoutObject = z.object({
  schemaVersion: z.literal(HANDOUT_SCHEMA_VERSION),
  /** Generated on the workstation and passed in. */
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: text,
  at: IsoDateTime,
  /** clerkId. */
  by: text,
  /** Whose results are handed out (a bundle's may leave in several hand-outs). */
  departmentCodes: z.array(text).min(1),
  delivery: HandoutDelivery,
  note: safeText({ multiline: true, max: 200 }).optional(),
});
export type ResultHandout = z.infer<typeof HandoutObject>;
export type ResultHandoutInput = z.input<typeof HandoutObject>;

/** Rules beyond the structure (bilingual). */
export function handoutRuleIssues(h: ResultHandout): LifecycleIssue[] {
  const out: LifecycleIssue[] = [];
  const d = h.delivery;
  const at = ['delivery'];
  if (d.method === 'inPerson') {
    if (d.recipientIdType === 'residentId') {
      const r = checkResidentId(d.recipientIdNumber, isIsoDateTime(h.at) ? chinaDateOf(h.at) : undefined);
      if (!r.ok)
        out.push(
          issue('error', `handout.residentId.${r.reason}`, [...at, 'recipientIdNumber'], identityProblemMessage({ kind: 'residentId', reason: r.reason, expected: r.expected, normalized: r.normalized }, 'zh-CN'), identityProblemMessage({ kind: 'residentId', reason: r.reason, expected: r.expected, normalized: r.normalized }, 'en-US')),
        );
    } else if (!d.recipientIdTypeLabel)
      out.push(issue('error', 'handout.idTypeLabel', [...at, 'recipientIdTypeLabel'], '请填写证件名称（如护照）', 'name the ID document (e.g. passport)'));
    if (d.relation === 'agent' && !d.authorisation)
      out.push(issue('error', 'handout.authorisation', [...at, 'authorisation'], '代领须核验申请人出具的授权委托书', 'an agent collecting the result needs the applicant’s written authorisation, checked at the window'));
  } else if (d.method === 'post') {
    const t = checkTrackingNumber(d.trackingNumber);
    if (!t.ok)
      out.push(
        issue('error', 'handout.trackingNumber', [...at, 'trackingNumber'], '快递单号格式不正确（如 EMS 单号 EA123456789CN，或 10–15 位数字）', 'the tracking number is not in a known format (e.g. EMS EA123456789CN, or 10–15 digits)'),
      );
    if (d.carrier === 'other' && !d.carrierName) out.push(issue('error', 'handout.carrierName', [...at, 'carrierName'], '请填写快递公司名称', 'name the carrier'));
  } else if (d.channel === 'other' && !d.channelName)
    out.push(issue('error', 'handout.channelName', [...at, 'channelName'], '请填写送达渠道名称', 'name the channel'));
  return out;
}

/** The stored hand-out (for the server and the sync: structure and rules). */
export const ResultHandout = HandoutObject.superRefine((h, ctx) => {
  for (const i of handoutRuleIssues(h)) ctx.addIssue({ code: 'custom', path: i.path.split(/[.[\]]+/).filter(Boolean), message: i.message['en-US'] });
});

/** Cross-checks against the case: who may collect an applicant's result. */
export function handoutCaseIssues(h: ResultHandout, c: IntakeCase): LifecycleIssue[] {
  const out: LifecycleIssue[] = [];
  if (h.caseId !== c.id) out.push(issue('error', 'handout.otherCase', ['caseId'], '出件记录与办件不符', 'the hand-out belongs to another case'));
  const d = h.delivery;
  if (d.method !== 'inPerson') return out;
  const id = normalizeIdentityInput(d.recipientIdNumber);
  const path = ['delivery', 'relation'];
  const a = c.applicant;
  if (d.relation === 'applicant') {
    if (a?.kind === 'organisation')
      out.push(issue('error', 'handout.organisationInPerson', path, '申请人为单位：请选择“法定代表人”或“代领人”', 'the applicant is an organisation: choose legal representative or agent'));
    else if (a?.idNumber && normalizeIdentityInput(a.idNumber) !== id)
      out.push(issue('error', 'handout.notApplicant', ['delivery', 'recipientIdNumber'], '领取人证件号码与申请人不一致；他人代领请选择“代领人”并核验授权委托书', 'the ID number is not the applicant’s; someone else collects as an agent with a written authorisation'));
  } else if (d.relation === 'legalRepresentative') {
    if (a?.kind !== 'organisation')
      out.push(issue('error', 'handout.notOrganisation', path, '申请人为个人，没有法定代表人', 'the applicant is a person, not an organisation'));
    else if (a.legalRepresentativeIdNumber && normalizeIdentityInput(a.legalRepresentativeIdNumber) !== id)
      out.push(issue('error', 'handout.notLegalRepresentative', ['delivery', 'recipientIdNumber'], '领取人证件号码与法定代表人不一致', 'the ID number is not the legal representative’s'));
  }
  return out;
}

export type HandoutValidation =
  | { ok: true; handout: ResultHandout; warnings: LifecycleIssue[] }
  | { ok: false; errors: LifecycleIssue[]; warnings: LifecycleIssue[] };

/**
 * Checks a hand-out as entered: structure, the rules (ID check, authorisation, tracking
 * number), and — with the case — who may collect. A tracking number whose S10 check digit
 * does not match is a warning (a typo is likely, but the waybill is what counts).
 */
export function validateHandout(input: unknown, c?: IntakeCase): HandoutValidation {
  const parsed = HandoutObject.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error.issues, input), warnings: [] };
  const h = parsed.data;
  if (h.delivery.method === 'post') h.delivery = { ...h.delivery, trackingNumber: normalizeTrackingNumber(h.delivery.trackingNumber) };
  if (h.delivery.method === 'inPerson') h.delivery = { ...h.delivery, recipientIdNumber: normalizeIdentityInput(h.delivery.recipientIdNumber) };
  const errors = [...handoutRuleIssues(h), ...(c ? handoutCaseIssues(h, c) : [])];
  const warnings: LifecycleIssue[] = [];
  if (h.delivery.method === 'post') {
    const t = checkTrackingNumber(h.delivery.trackingNumber);
    if (t.ok && !t.checkDigitOk)
      warnings.push(issue('warning', 'handout.trackingCheckDigit', ['delivery', 'trackingNumber'], '该 EMS 单号校验位不符，请核对面单', 'the EMS number’s check digit does not match: compare with the waybill'));
  }
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, handout: h, warnings };
}

// ---- when a result may be handed out ------------------------------------------------------------

export type HandoutReadiness =
  | 'ready'
  | 'noEvents'
  /** Some department has not finished yet. */
  | 'notFinished'
  /** Finished, but no department said a result is ready. */
  | 'noResultReady'
  | 'correctionRequested'
  /** 不予许可 / 退件: not a result to hand out here (served by the department's own decision). */
  | 'denied'
  | 'returned'
  | 'alreadyHandedOut';

export interface CanHandOut {
  allowed: boolean;
  reason: HandoutReadiness;
  /** Departments that approved with a result ready and whose results were not handed out yet. */
  readyDepartments: string[];
  /** Departments that have not approved yet. */
  waitingDepartments: string[];
  /** Departments whose results were handed out already. */
  handedOutDepartments: string[];
}

export interface CanHandOutOptions {
  /** Hand-outs already recorded for the case. */
  handouts?: readonly ResultHandout[];
  /** Allow handing out the ready results of a bundle while other departments are still working. */
  partial?: boolean;
}

/**
 * Only after 办结 with `resultReady`: every department the case went to approved it (the
 * co-handling ones need not have a result), at least one with a result ready, and that result
 * not handed out yet. With `partial`, the ready results of a bundle may go before the rest.
 */
export function canHandOut(caseStatusEvents: readonly StatusEvent[], options: CanHandOutOptions = {}): CanHandOut {
  const t = caseTimeline(caseStatusEvents);
  const depts = Object.values(t.currentDepartmentStatus);
  const handed = new Set((options.handouts ?? []).filter((h) => h.caseId === t.caseId).flatMap((h) => h.departmentCodes));
  const approved = depts.filter((d) => d.kind === 'approved');
  const withResult = approved.filter((d) => d.resultReady === true).map((d) => d.departmentCode);
  const ready = withResult.filter((d) => !handed.has(d));
  const waiting = depts.filter((d) => d.kind !== 'approved').map((d) => d.departmentCode);
  const out = (allowed: boolean, reason: HandoutReadiness): CanHandOut => ({
    allowed,
    reason,
    readyDepartments: ready,
    waitingDepartments: waiting,
    handedOutDepartments: withResult.filter((d) => handed.has(d)),
  });
  if (depts.length === 0) return out(false, 'noEvents');
  if (depts.some((d) => d.kind === 'correctionRequested')) return out(false, 'correctionRequested');
  if (depts.some((d) => d.kind === 'denied')) return out(false, 'denied');
  if (depts.some((d) => d.kind === 'returned')) return out(false, 'returned');
  if (waiting.length > 0 && !(options.partial && ready.length > 0)) return out(false, 'notFinished');
  if (withResult.length === 0) return out(false, 'noResultReady');
  if (ready.length === 0) return out(false, 'alreadyHandedOut');
  return out(true, 'ready');
}

export interface HandoutQueueEntry {
  caseId: string;
  caseNumber: string;
  readyDepartments: string[];
  /** When the last result became ready (server clock, the latest approving event). */
  readySince: string;
}

/** The "results to hand out" list: cases whose results may leave now, longest waiting first. */
export function handoutQueue(events: readonly StatusEvent[], handouts: readonly ResultHandout[] = [], options: { partial?: boolean } = {}): HandoutQueueEntry[] {
  const out: HandoutQueueEntry[] = [];
  for (const [caseId, t] of timelinesByCase(events)) {
    const r = canHandOut(t.events, { handouts: handouts.filter((h) => h.caseId === caseId), ...(options.partial ? { partial: true } : {}) });
    if (!r.allowed) continue;
    const since = t.events.filter((e) => e.kind === 'approved' && e.resultReady).at(-1)?.at ?? t.events.at(-1)!.at;
    out.push({ caseId, caseNumber: t.caseNumber ?? '', readyDepartments: r.readyDepartments, readySince: since });
  }
  return out.sort((a, b) => (epochMinutes(a.readySince) ?? 0) - (epochMinutes(b.readySince) ?? 0) || (a.caseNumber < b.caseNumber ? -1 : 1));
}

export function handoutReadinessMessage(reason: HandoutReadiness, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const m: Record<HandoutReadiness, [string, string]> = {
    ready: ['办理结果已出，可以出件。', 'The result is ready to hand out.'],
    noEvents: ['尚未收到部门办理信息。', 'No department has reported on this case yet.'],
    notFinished: ['仍有部门尚未办结。', 'Some departments have not finished yet.'],
    noResultReady: ['部门已办结，但尚未通知结果可领取。', 'Finished, but no result has been reported ready yet.'],
    correctionRequested: ['部门要求补正，补正完成前不能出件。', 'A department asked for corrections: no hand-out until they are made.'],
    denied: ['部门决定不予许可，由该部门依法送达决定书。', 'A department denied the application; its decision is served by that department.'],
    returned: ['办件已被部门退件。', 'A department returned the case.'],
    alreadyHandedOut: ['办理结果已出件。', 'The result has already been handed out.'],
  };
  return m[reason][zh ? 0 : 1];
}
