/**
 * Form schemas for the applicant step and the item-specific fields, for react-hook-form
 * through `zodResolver` (@hookform/resolvers). Messages are in the locale asked for.
 *
 * The schemas accept what a form holds (empty strings for untouched inputs, agent fields
 * still present when "no agent" is ticked) and output clean values: trimmed, identity
 * numbers normalised (full-width, spaces, lower-case x), phones without spaces, empty
 * optional fields removed, `agent: null` when there is no agent.
 *
 * USCC (统一社会信用代码): length/character errors block; a checksum, authority or
 * category failure is a *warning* — some real early codes fail it — that passes once
 * `usccOverride.reason` is given (the clerk checked the original licence). The issue
 * carries `params: { overridable: true }` so the UI can show the override control.
 */
import { z } from 'zod';
import type { ItemField } from '../catalog/schema';
import { isIsoDate } from '../calendar/isoDate';
import type { Locale } from '../i18n';
import { textProblem, textProblemMessage } from '../text';
import {
  checkResidentId,
  checkUscc,
  identityProblemMessage,
  isOverridableUsccProblem,
  normalizeIdentityInput,
  toHalfWidth,
} from '../identity';
import { Agent, Applicant, PersonIdType, type FieldValue, type IntakeCase, type UsccOverride } from './case';

// ---- messages ---------------------------------------------------------------------------

interface Messages {
  invalid: string;
  kind: string;
  hasAgent: string;
  required: (what: string) => string;
  length: (what: string, min: number, max: number) => string;
  maxLength: (what: string, max: number) => string;
  phone: string;
  otherIdNumber: string;
  idTypeLabel: string;
  overrideReason: string;
  agentIsApplicant: string;
  foundingNoUscc: string;
  foundingRepId: string;
  // item fields
  fieldRequired: (label: string) => string;
  fieldPattern: (label: string) => string;
  fieldNumber: (label: string) => string;
  fieldMin: (label: string, min: number) => string;
  fieldMax: (label: string, max: number) => string;
  fieldMinLength: (label: string, min: number) => string;
  fieldMaxLength: (label: string, max: number) => string;
  fieldDate: (label: string) => string;
  fieldOption: (label: string, options: readonly string[]) => string;
  names: {
    personName: string;
    orgName: string;
    idNumber: string;
    phone: string;
    address: string;
    legalRepresentative: string;
    legalRepresentativeIdNumber: string;
    nameReservation: string;
    agentName: string;
    agentIdNumber: string;
    agentPhone: string;
    agentIdType: string;
    idType: string;
    relation: string;
    uscc: string;
    overrideReason: string;
  };
}

const zh: Messages = {
  invalid: '填写内容格式不正确。',
  kind: '请选择申请人类型（个人或单位）。',
  hasAgent: '请选择是否由代理人办理。',
  required: (what) => `请填写${what}。`,
  length: (what, min, max) => `${what}应为 ${min}–${max} 个字符。`,
  maxLength: (what, max) => `${what}不能超过 ${max} 个字符。`,
  phone: '请填写正确的联系电话：11 位手机号码，或带区号的固定电话（如 0571-87654321）。',
  otherIdNumber: '证件号码应为 3–30 位字母、数字或括号、短横线。',
  idTypeLabel: '请填写证件名称（如护照、港澳居民来往内地通行证）。',
  overrideReason: '请填写核对说明（如：已核对营业执照原件）。',
  agentIsApplicant: '代理人不能是申请人本人：本人办理时请选择“无代理人”。',
  foundingNoUscc: '拟设立企业尚无统一社会信用代码：请清空此项，或取消“拟设立企业”。',
  foundingRepId: '拟设立企业由法定代表人本人作为申请人：请填写法定代表人的居民身份证号码。',
  fieldRequired: (label) => `请填写“${label}”。`,
  fieldPattern: (label) => `“${label}”的格式不正确。`,
  fieldNumber: (label) => `“${label}”应为数字。`,
  fieldMin: (label, min) => `“${label}”不能小于 ${min}。`,
  fieldMax: (label, max) => `“${label}”不能大于 ${max}。`,
  fieldMinLength: (label, min) => `“${label}”至少 ${min} 个字符。`,
  fieldMaxLength: (label, max) => `“${label}”不能超过 ${max} 个字符。`,
  fieldDate: (label) => `“${label}”应为有效日期（YYYY-MM-DD）。`,
  fieldOption: (label, options) => `“${label}”请从以下选项中选择：${options.join('、')}。`,
  names: {
    personName: '申请人姓名',
    orgName: '单位名称',
    idNumber: '证件号码',
    phone: '联系电话',
    address: '地址',
    legalRepresentative: '法定代表人（负责人）姓名',
    legalRepresentativeIdNumber: '法定代表人证件号码',
    nameReservation: '名称自主申报（预先核准）文号',
    agentName: '代理人姓名',
    agentIdNumber: '代理人证件号码',
    agentPhone: '代理人联系电话',
    agentIdType: '代理人证件类型',
    idType: '证件类型',
    relation: '与申请人关系',
    uscc: '统一社会信用代码',
    overrideReason: '核对说明',
  },
};

const en: Messages = {
  invalid: 'This value is not in the expected form.',
  kind: 'Choose the kind of applicant (person or organisation).',
  hasAgent: 'Say whether an agent applies on the applicant’s behalf.',
  required: (what) => `Enter the ${what}.`,
  length: (what, min, max) => `The ${what} must have ${min}–${max} characters.`,
  maxLength: (what, max) => `The ${what} must not exceed ${max} characters.`,
  phone: 'Enter a valid phone number: an 11-digit mobile number, or a landline with its area code (e.g. 0571-87654321).',
  otherIdNumber: 'The document number must have 3–30 letters, digits, brackets or hyphens.',
  idTypeLabel: 'Enter the kind of document (e.g. passport, Mainland Travel Permit for Hong Kong and Macao Residents).',
  overrideReason: 'Enter what you checked (e.g. compared with the original business licence).',
  agentIsApplicant: 'The agent cannot be the applicant: choose “no agent” when applicants come in person.',
  foundingNoUscc: 'A company being founded has no unified social credit code yet: clear this field, or untick “company being founded”.',
  foundingRepId: 'For a company being founded the legal representative answers in person: enter their resident ID number.',
  fieldRequired: (label) => `Enter “${label}”.`,
  fieldPattern: (label) => `“${label}” is not in the expected format.`,
  fieldNumber: (label) => `“${label}” must be a number.`,
  fieldMin: (label, min) => `“${label}” must be at least ${min}.`,
  fieldMax: (label, max) => `“${label}” must be at most ${max}.`,
  fieldMinLength: (label, min) => `“${label}” must have at least ${min} characters.`,
  fieldMaxLength: (label, max) => `“${label}” must not exceed ${max} characters.`,
  fieldDate: (label) => `“${label}” must be a valid date (YYYY-MM-DD).`,
  fieldOption: (label, options) => `Choose “${label}” from: ${options.join(', ')}.`,
  names: {
    personName: 'applicant’s name',
    orgName: 'organisation name',
    idNumber: 'document number',
    phone: 'phone number',
    address: 'address',
    legalRepresentative: 'legal representative’s name',
    legalRepresentativeIdNumber: 'legal representative’s document number',
    nameReservation: 'name reservation number',
    agentName: 'agent’s name',
    agentIdNumber: 'agent’s document number',
    agentPhone: 'agent’s phone number',
    agentIdType: 'agent’s kind of document',
    idType: 'kind of document',
    relation: 'relation to the applicant',
    uscc: 'unified social credit code',
    overrideReason: 'note on what you checked',
  },
};

const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zh, 'en-US': en };

// ---- value cleaning ------------------------------------------------------------------------

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}$/;
const OTHER_ID_PATTERN = /^[A-Z0-9()-]{3,30}$/;

const cleanText = (v: unknown): string => (typeof v === 'string' ? v.replace(/\u3000/g, ' ').trim() : '');
const charCount = (s: string): number => [...s].length;

/**
 * Control characters, lone surrogates, direction overrides or nothing visible (../text.ts):
 * one issue naming the field, and true. Lengths are each field's own rule, checked after.
 */
function badText(v: string, path: (string | number)[], what: string, locale: Locale, issues: Issue[]): boolean {
  if (v === '') return false;
  const p = textProblem(v, { max: Number.MAX_SAFE_INTEGER });
  if (!p) return false;
  issues.push({ path, message: textProblemMessage(p, locale, {}, what) });
  return true;
}

/** Phone as stored: half-width, without spaces. */
export function normalizePhone(v: string): string {
  return toHalfWidth(v).replace(/[\s\u200B-\u200D\uFEFF]/g, '').replace(/[‐‑‒–—−]/g, '-');
}

/** Mainland mobile (^1[3-9]\d{9}$) or landline with area code (^0\d{2,3}-?\d{7,8}$). */
export function isValidPhone(v: string): boolean {
  const p = normalizePhone(v);
  return MOBILE_PATTERN.test(p) || LANDLINE_PATTERN.test(p);
}

// ---- form schema -----------------------------------------------------------------------

const optText = z.string().nullable().optional();
const optIdType = z.union([PersonIdType, z.literal('')]).nullable().optional();

const PersonInput = z.object({
  kind: z.literal('person'),
  name: optText,
  idType: optIdType,
  idTypeLabel: optText,
  idNumber: optText,
  phone: optText,
  address: optText,
});

const OrganisationInput = z.object({
  kind: z.literal('organisation'),
  name: optText,
  uscc: optText,
  /** Set when the clerk confirms a USCC that fails its checksum (by/at are added when stored). */
  usccOverride: z
    .object({ reason: optText, by: z.string().optional(), at: z.string().optional() })
    .nullable()
    .optional(),
  legalRepresentative: optText,
  legalRepresentativeIdNumber: optText,
  phone: optText,
  address: optText,
  /** 拟设立企业: no USCC yet; the legal representative (with a resident ID) answers for it. */
  founding: z.boolean().nullable().optional(),
  nameReservation: optText,
});

const AgentInput = z.object({
  name: optText,
  idType: optIdType,
  idTypeLabel: optText,
  idNumber: optText,
  phone: optText,
  relation: optText,
});

/** What the applicant form holds (what the UI's form values look like). */
export interface ApplicantFormValues {
  applicant: z.input<typeof PersonInput> | z.input<typeof OrganisationInput>;
  hasAgent: boolean;
  agent?: z.input<typeof AgentInput> | null;
}

/** The form's clean output; `applicantFromForm` turns it into what the case stores. */
export interface ApplicantFormOutput {
  applicant: Exclude<Applicant, { kind: 'organisation' }> | (Omit<Extract<Applicant, { kind: 'organisation' }>, 'usccOverride'> & { usccOverride?: { reason: string } });
  agent: Agent | null;
}

type Issue = { path: (string | number)[]; message: string; params?: Record<string, unknown> };

interface PersonLike {
  name: string;
  idType: 'residentId' | 'other' | '';
  idTypeLabel: string;
  idNumber: string;
  phone: string;
}

function checkPersonLike(
  raw: z.output<typeof PersonInput> | z.output<typeof AgentInput>,
  base: (string | number)[],
  locale: Locale,
  today: string,
  names: { name: string; idNumber: string; phone: string; idType: string },
  issues: Issue[],
): PersonLike {
  const m = MESSAGES[locale];
  const name = cleanText(raw.name);
  if (name === '') issues.push({ path: [...base, 'name'], message: m.required(names.name) });
  else if (!badText(name, [...base, 'name'], names.name, locale, issues) && (charCount(name) < 2 || charCount(name) > 50)) issues.push({ path: [...base, 'name'], message: m.length(names.name, 2, 50) });

  const idType = raw.idType ?? '';
  const idTypeLabel = cleanText(raw.idTypeLabel);
  let idNumber = normalizeIdentityInput(cleanText(raw.idNumber));
  if (idType === '') issues.push({ path: [...base, 'idType'], message: m.required(names.idType) });
  else if (idType === 'residentId') {
    const r = checkResidentId(idNumber, today);
    if (!r.ok) issues.push({ path: [...base, 'idNumber'], message: identityProblemMessage(r, locale) });
    else idNumber = r.normalized;
  } else {
    if (idTypeLabel === '') issues.push({ path: [...base, 'idTypeLabel'], message: m.idTypeLabel });
    else if (!badText(idTypeLabel, [...base, 'idTypeLabel'], names.idType, locale, issues) && (charCount(idTypeLabel) > 30)) issues.push({ path: [...base, 'idTypeLabel'], message: m.maxLength(names.idType, 30) });
    if (idNumber === '') issues.push({ path: [...base, 'idNumber'], message: m.required(names.idNumber) });
    else if (!OTHER_ID_PATTERN.test(idNumber)) issues.push({ path: [...base, 'idNumber'], message: m.otherIdNumber });
  }

  const phone = normalizePhone(cleanText(raw.phone));
  if (phone === '') issues.push({ path: [...base, 'phone'], message: m.required(names.phone) });
  else if (!MOBILE_PATTERN.test(phone) && !LANDLINE_PATTERN.test(phone)) issues.push({ path: [...base, 'phone'], message: m.phone });

  return { name, idType, idTypeLabel, idNumber, phone };
}

function optionalAddress(v: unknown, path: (string | number)[], m: Messages, locale: Locale, issues: Issue[]): string | undefined {
  const a = cleanText(v);
  if (a === '') return undefined;
  if (badText(a, path, m.names.address, locale, issues)) return a;
  if (charCount(a) > 200) issues.push({ path, message: m.maxLength(m.names.address, 200) });
  return a;
}

/**
 * The applicant step's schema: messages in `locale`; `today` (YYYY-MM-DD, passed in)
 * rejects resident IDs born after today.
 */
export function applicantFormSchema(locale: Locale, today: string) {
  const m = MESSAGES[locale];
  const invalid = { error: () => m.invalid };
  return z
    .object({
      applicant: z.discriminatedUnion('kind', [PersonInput, OrganisationInput], { error: () => m.kind }),
      hasAgent: z.boolean({ error: () => m.hasAgent }),
      agent: AgentInput.nullable().optional(),
    }, invalid)
    .transform((values, ctx): ApplicantFormOutput => {
      const issues: Issue[] = [];
      const a = values.applicant;
      let applicant: ApplicantFormOutput['applicant'];
      let applicantIdNumber = '';

      if (a.kind === 'person') {
        const p = checkPersonLike(a, ['applicant'], locale, today, { name: m.names.personName, idNumber: m.names.idNumber, phone: m.names.phone, idType: m.names.idType }, issues);
        applicantIdNumber = p.idNumber;
        const person: Extract<Applicant, { kind: 'person' }> = {
          kind: 'person',
          name: p.name,
          idType: p.idType === '' ? 'residentId' : p.idType,
          idNumber: p.idNumber,
          phone: p.phone,
        };
        if (p.idType === 'other') person.idTypeLabel = p.idTypeLabel;
        const address = optionalAddress(a.address, ['applicant', 'address'], m, locale, issues);
        if (address) person.address = address;
        applicant = person;
      } else {
        const name = cleanText(a.name);
        if (name === '') issues.push({ path: ['applicant', 'name'], message: m.required(m.names.orgName) });
        else if (!badText(name, ['applicant', 'name'], m.names.orgName, locale, issues) && (charCount(name) < 2 || charCount(name) > 100))
          issues.push({ path: ['applicant', 'name'], message: m.length(m.names.orgName, 2, 100) });

        const founding = a.founding === true;
        let uscc = normalizeIdentityInput(cleanText(a.uscc));
        const reason = cleanText(a.usccOverride?.reason);
        let override: { reason: string } | undefined;
        if (founding) {
          if (uscc !== '') issues.push({ path: ['applicant', 'uscc'], message: m.foundingNoUscc });
        } else {
          const r = checkUscc(uscc);
          if (r.ok) uscc = r.normalized;
          else if (isOverridableUsccProblem(r.reason) && reason !== '') override = { reason };
          else
            issues.push({
              path: ['applicant', 'uscc'],
              message: identityProblemMessage(r, locale),
              params: { overridable: isOverridableUsccProblem(r.reason) },
            });
          if (override && !badText(reason, ['applicant', 'usccOverride', 'reason'], m.names.overrideReason, locale, issues) && charCount(reason) > 200) issues.push({ path: ['applicant', 'usccOverride', 'reason'], message: m.maxLength(m.overrideReason, 200) });
        }
        const nameReservation = founding ? cleanText(a.nameReservation) : '';
        if (!badText(nameReservation, ['applicant', 'nameReservation'], m.names.nameReservation, locale, issues) && (charCount(nameReservation) > 50)) issues.push({ path: ['applicant', 'nameReservation'], message: m.maxLength(m.names.nameReservation, 50) });

        const legalRepresentative = cleanText(a.legalRepresentative);
        if (legalRepresentative === '')
          issues.push({ path: ['applicant', 'legalRepresentative'], message: m.required(m.names.legalRepresentative) });
        else if (!badText(legalRepresentative, ['applicant', 'legalRepresentative'], m.names.legalRepresentative, locale, issues) && (charCount(legalRepresentative) < 2 || charCount(legalRepresentative) > 50))
          issues.push({ path: ['applicant', 'legalRepresentative'], message: m.length(m.names.legalRepresentative, 2, 50) });

        let repId = normalizeIdentityInput(cleanText(a.legalRepresentativeIdNumber));
        if (founding) {
          // the legal representative is the person who applies: a resident ID, checked
          const rr = checkResidentId(repId, today);
          if (repId === '') issues.push({ path: ['applicant', 'legalRepresentativeIdNumber'], message: m.foundingRepId });
          else if (!rr.ok) issues.push({ path: ['applicant', 'legalRepresentativeIdNumber'], message: identityProblemMessage(rr, locale) });
          else repId = rr.normalized;
          applicantIdNumber = repId;
        } else if (repId !== '') {
          if (/^\d{17}[\dX]$/.test(repId)) {
            const rr = checkResidentId(repId, today);
            if (!rr.ok) issues.push({ path: ['applicant', 'legalRepresentativeIdNumber'], message: identityProblemMessage(rr, locale) });
            else repId = rr.normalized;
          } else if (!OTHER_ID_PATTERN.test(repId))
            issues.push({ path: ['applicant', 'legalRepresentativeIdNumber'], message: m.otherIdNumber });
        }

        const phone = normalizePhone(cleanText(a.phone));
        if (phone === '') issues.push({ path: ['applicant', 'phone'], message: m.required(m.names.phone) });
        else if (!MOBILE_PATTERN.test(phone) && !LANDLINE_PATTERN.test(phone))
          issues.push({ path: ['applicant', 'phone'], message: m.phone });

        const org: ApplicantFormOutput['applicant'] & { kind: 'organisation' } = {
          kind: 'organisation',
          name,
          legalRepresentative,
          phone,
        };
        if (founding) {
          org.founding = true;
          if (nameReservation !== '') org.nameReservation = nameReservation;
        } else org.uscc = uscc;
        if (override) org.usccOverride = override;
        if (repId !== '') org.legalRepresentativeIdNumber = repId;
        const address = optionalAddress(a.address, ['applicant', 'address'], m, locale, issues);
        if (address) org.address = address;
        applicant = org;
      }

      let agent: Agent | null = null;
      if (values.hasAgent) {
        const raw = values.agent ?? {};
        const p = checkPersonLike(raw, ['agent'], locale, today, { name: m.names.agentName, idNumber: m.names.agentIdNumber, phone: m.names.agentPhone, idType: m.names.agentIdType }, issues);
        if (applicantIdNumber !== '' && p.idNumber === applicantIdNumber)
          issues.push({ path: ['agent', 'idNumber'], message: m.agentIsApplicant });
        agent = { name: p.name, idType: p.idType === '' ? 'residentId' : p.idType, idNumber: p.idNumber, phone: p.phone };
        if (p.idType === 'other') agent.idTypeLabel = p.idTypeLabel;
        const relation = cleanText(raw.relation);
        if (relation !== '') {
          if (!badText(relation, ['agent', 'relation'], m.names.relation, locale, issues) && (charCount(relation) > 20)) issues.push({ path: ['agent', 'relation'], message: m.maxLength(m.names.relation, 20) });
          agent.relation = relation;
        }
      }

      for (const issue of issues) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, ...(issue.params ? { params: issue.params } : {}) });
      }
      return issues.length > 0 ? z.NEVER : { applicant, agent };
    });
}

export type ApplicantFormSchema = ReturnType<typeof applicantFormSchema>;

/**
 * What the case stores from the form's output: a USCC override gets who confirmed it
 * and when (every action attributable).
 */
export function applicantFromForm(
  output: ApplicantFormOutput,
  confirmedBy: { clerkId: string; at: string },
): { applicant: Applicant; agent: Agent | null } {
  const a = output.applicant;
  if (a.kind === 'organisation' && a.usccOverride) {
    const usccOverride: UsccOverride = { reason: a.usccOverride.reason, by: confirmedBy.clerkId, at: confirmedBy.at };
    return { applicant: { ...a, usccOverride }, agent: output.agent };
  }
  const { usccOverride: _drop, ...rest } = a as typeof a & { usccOverride?: unknown };
  return { applicant: rest as Applicant, agent: output.agent };
}

/** A USCC warning to show beside the field before submitting; null when the code is valid. */
export function usccWarning(uscc: string, locale: Locale): { overridable: boolean; message: string } | null {
  const r = checkUscc(uscc);
  if (r.ok) return null;
  return { overridable: isOverridableUsccProblem(r.reason), message: identityProblemMessage(r, locale) };
}

// ---- applicant check for the decision --------------------------------------------------

export interface ApplicantProblem {
  /** e.g. 'applicant.idNumber', 'agent.phone' */
  path: string;
  message: string;
}

/** Input to assessIntake: whether the applicant data validates, and what is wrong. */
export interface ApplicantCheck {
  valid: boolean;
  problems: ApplicantProblem[];
}

/**
 * Runs the applicant form schema over what a case stores (`applicant`, `agent`): the
 * applicantCheck for assessIntake. A missing applicant is one problem at 'applicant'.
 */
export function checkApplicant(
  c: Pick<IntakeCase, 'applicant' | 'agent'>,
  locale: Locale,
  today: string,
): ApplicantCheck {
  if (!c.applicant) {
    return { valid: false, problems: [{ path: 'applicant', message: MESSAGES[locale].kind }] };
  }
  const values: ApplicantFormValues = {
    applicant: c.applicant as ApplicantFormValues['applicant'],
    hasAgent: c.agent !== null && c.agent !== undefined,
    agent: c.agent ?? null,
  };
  const r = applicantFormSchema(locale, today).safeParse(values);
  if (r.success) return { valid: true, problems: [] };
  return {
    valid: false,
    problems: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

// ---- item-specific fields ----------------------------------------------------------------

function fieldSchema(f: ItemField, m: Messages) {
  const label = f.label;
  return z.unknown().optional().transform((raw, ctx): FieldValue => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    let s: string;
    if (raw === undefined || raw === null) s = '';
    else if (typeof raw === 'number') {
      if (f.kind !== 'number') s = String(raw);
      else if (!Number.isFinite(raw)) return fail(m.fieldNumber(label));
      else {
        if (f.min !== undefined && raw < f.min) return fail(m.fieldMin(label, f.min));
        if (f.max !== undefined && raw > f.max) return fail(m.fieldMax(label, f.max));
        return raw;
      }
    } else if (typeof raw === 'string') s = raw;
    else return fail(m.invalid);

    const v = f.kind === 'textarea' ? s.trim() : s.replace(/\u3000/g, ' ').trim();
    if (v === '') return f.required ? fail(m.fieldRequired(label)) : null;

    switch (f.kind) {
      case 'number': {
        const n = toHalfWidth(v).replace(/[,，\s]/g, '');
        if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(n)) return fail(m.fieldNumber(label));
        const x = Number(n);
        if (f.min !== undefined && x < f.min) return fail(m.fieldMin(label, f.min));
        if (f.max !== undefined && x > f.max) return fail(m.fieldMax(label, f.max));
        return x;
      }
      case 'date': {
        const d = toHalfWidth(v);
        return isIsoDate(d) ? d : fail(m.fieldDate(label));
      }
      case 'select': {
        const options = f.options ?? [];
        return options.includes(v) ? v : fail(m.fieldOption(label, options));
      }
      default: {
        const n = charCount(v);
        if (f.min !== undefined && n < f.min) return fail(m.fieldMinLength(label, f.min));
        if (f.max !== undefined && n > f.max) return fail(m.fieldMaxLength(label, f.max));
        if (f.pattern) {
          const re = compilePattern(f.pattern);
          if (re && !re.test(v)) return fail(f.patternMessage?.trim() || m.fieldPattern(label));
        }
        return v;
      }
    }
  });
}

/**
 * A catalog pattern as a whole-value match (like HTML's `pattern` attribute):
 * `^(?:pattern)$`, with the u flag when it compiles with it. null when it does not compile
 * (a catalog defect: the value is not blocked for it).
 */
export function compilePattern(pattern: string): RegExp | null {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // try without the u flag
    }
  }
  return null;
}

/**
 * A zod object for the catalog's item-specific fields (Item.fields), output
 * `Record<fieldId, string | number | null>` as stored in `IntakeCase.fields[basicCode]`.
 * Text: trimmed; min/max are lengths; pattern must match the whole value (patternMessage
 * when given). Number: numbers or numeric text (full-width digits, thousands separators
 * accepted); min/max are bounds. Date: YYYY-MM-DD, a real date. Select: one of the options.
 * Empty optional fields become null.
 */
export function itemFieldsSchema(fields: readonly ItemField[], locale: Locale) {
  const m = MESSAGES[locale];
  const shape: Record<string, ReturnType<typeof fieldSchema>> = {};
  for (const f of fields) shape[f.id] = fieldSchema(f, m);
  return z.object(shape, { error: () => m.invalid });
}
