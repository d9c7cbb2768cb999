/**
 * Fetching a licence at the window (调取电子证照, 一数一源): which licences can stand in for a
 * checklist line, whose licence to ask for (the holder, from the applicant form), and what an
 * answer of the registry means for the line.
 *
 * The registry's answer is checked again here and never trusted alone: a licence is attached
 * only when it is valid on the intake date, of the type asked for, and its holder's number and
 * name are the ones on the form. Anything else is a refusal with its reason, and the line
 * stays (or falls back) to paper.
 *
 * Offline, or with no service configured, nothing can be fetched: the clerk takes the paper or,
 * where the item accepts data sharing, leaves the fetch to the department (由部门调取). Such a
 * line is a pending fetch the clerk can still complete before deciding.
 */
import { z } from 'zod';
import type { Catalog, LicenceType, MaterialLicence } from '../catalog/schema';
import type { IntakeCase, MaterialState } from '../intake/case';
import type { ChecklistMaterial, PreparedCatalog } from '../intake/checklist';
import { asPrepared } from '../intake/checklist';
import { IsoDateTime } from '../intake/time';
import type { Locale } from '../i18n';
import { normalizeIdentityInput } from '../identity/normalize';
import { isValidResidentId } from '../identity/residentId';
import { isValidUscc } from '../identity/uscc';
import { FetchedLicence, HolderIdType, LicenceStatus } from './licence';

// ---- the service's answer (POST /api/v1/sharing/licences/lookup) --------------------------

export const LookupOutcome = z.enum(['found', 'notFound', 'holderMismatch', 'expired', 'revoked', 'cancelled', 'unavailable']);
export type LookupOutcome = z.infer<typeof LookupOutcome>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A licence as the registry holds it. Unknown extra keys are tolerated (a newer service). */
export const RegistryLicence = z
  .object({
    typeCode: z.string().min(1).max(200),
    typeName: z.string().min(1).max(200),
    number: z.string().min(1).max(200),
    issuer: z.string().min(1).max(200),
    holderName: z.string().min(1).max(200),
    holderIdType: HolderIdType,
    holderId: z.string().min(1).max(64),
    issuedOn: isoDate,
    expiresOn: isoDate.nullable(),
    status: LicenceStatus,
    fields: z.record(z.string(), z.string().max(2000)).default({}),
    hasDocument: z.boolean().default(false),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .loose();
export type RegistryLicence = z.infer<typeof RegistryLicence>;

export const LookupAnswer = z
  .object({
    lookupId: z.string().min(1).max(64),
    outcome: LookupOutcome,
    licence: RegistryLicence.nullish(),
    source: z.enum(['centre', 'platform']).default('centre'),
    answeredAt: z.string().max(64).optional(),
  })
  .loose();
export type LookupAnswer = z.infer<typeof LookupAnswer>;

/** The request body. `training` whenever the case is a training case: the training registry only. */
export interface LookupRequest {
  caseId: string;
  clerkId: string;
  typeCode: string;
  holderIdType: HolderIdType;
  holderId: string;
  holderName: string;
  /** The intake date (China), YYYY-MM-DD: validity is judged on it. */
  on: string;
  training?: true;
}

// ---- which licences a line can be fetched as ----------------------------------------------

export interface LineLicence {
  typeCode: string;
  holder: MaterialLicence['holder'];
  /** The catalog's licence type (undefined when the catalog does not list the code). */
  type?: LicenceType;
}

const linksCache = new WeakMap<Catalog, Map<string, readonly MaterialLicence[]>>();

function materialLinks(prepared: PreparedCatalog): Map<string, readonly MaterialLicence[]> {
  const cached = linksCache.get(prepared.catalog);
  if (cached) return cached;
  const m = new Map<string, readonly MaterialLicence[]>();
  for (const item of prepared.catalog.items)
    for (const mat of item.materials ?? []) if (mat.licences && mat.licences.length > 0) m.set(`${item.basicCode}/${mat.id}`, mat.licences);
  linksCache.set(prepared.catalog, m);
  return m;
}

/**
 * The licences that can stand in for a checklist line: the union over its merged catalog
 * materials, once per (type, holder); none unless the line accepts data sharing (canFetch).
 */
export function licencesForLine(line: Pick<ChecklistMaterial, 'sources' | 'canFetch'>, catalog: Catalog | PreparedCatalog): LineLicence[] {
  if (!line.canFetch || line.sources.length === 0) return [];
  const prepared = asPrepared(catalog);
  const links = materialLinks(prepared);
  if (links.size === 0) return [];
  const out: LineLicence[] = [];
  for (const s of line.sources) {
    for (const l of links.get(`${s.basicCode}/${s.materialId}`) ?? []) {
      if (out.some((x) => x.typeCode === l.typeCode && x.holder === l.holder)) continue;
      const type = prepared.catalog.licenceTypes?.find((t) => t.code === l.typeCode);
      out.push({ typeCode: l.typeCode, holder: l.holder, ...(type ? { type } : {}) });
    }
  }
  return out;
}

// ---- whose licence --------------------------------------------------------------------------

export interface LicenceHolder {
  holderIdType: HolderIdType;
  holderId: string;
  holderName: string;
}

/** Why the holder cannot be named yet (the form lacks it): the line says which field to fill. */
export type HolderProblem = 'unknownType' | 'applicantId' | 'applicantName' | 'agentId' | 'agentName' | 'organisationId' | 'organisationName' | 'propertyId' | 'notAnOrganisation' | 'notAPerson';

export type HolderResult = { ok: true; holder: LicenceHolder } | { ok: false; problem: HolderProblem };

const clean = (s: string | undefined): string => (s ?? '').trim();

/**
 * The holder to ask the registry about, from the case's applicant form: the applicant's ID
 * number (a person) or USCC (an organisation) and name, the agent's for an agent's licence, or
 * the 不动产单元号 the clerk typed for a property's licence (held in the applicant's name).
 * Only a valid number is sent: a look-up never goes out with a half-typed one.
 */
export function licenceHolder(c: Pick<IntakeCase, 'applicant' | 'agent'>, link: LineLicence, opts: { propertyId?: string; today?: string } = {}): HolderResult {
  const idType = link.type?.holderIdType;
  if (!idType) return { ok: false, problem: 'unknownType' };
  const a = c.applicant;
  if (link.holder === 'agent') {
    const id = normalizeIdentityInput(c.agent?.idNumber ?? '');
    if (!isValidResidentId(id, opts.today)) return { ok: false, problem: 'agentId' };
    if (!clean(c.agent?.name)) return { ok: false, problem: 'agentName' };
    return { ok: true, holder: { holderIdType: 'residentId', holderId: id, holderName: clean(c.agent?.name) } };
  }
  if (link.holder === 'property' || idType === 'property') {
    const id = clean(opts.propertyId);
    if (!id) return { ok: false, problem: 'propertyId' };
    const name = clean(a?.name);
    if (!name) return { ok: false, problem: 'applicantName' };
    return { ok: true, holder: { holderIdType: 'property', holderId: id, holderName: name } };
  }
  if (link.holder === 'organisation' || idType === 'uscc') {
    if (a?.kind !== 'organisation') return { ok: false, problem: 'notAnOrganisation' };
    const id = normalizeIdentityInput(a.uscc ?? '');
    if (a.founding || !isValidUscc(id)) return { ok: false, problem: 'organisationId' };
    if (!clean(a.name)) return { ok: false, problem: 'organisationName' };
    return { ok: true, holder: { holderIdType: 'uscc', holderId: id, holderName: clean(a.name) } };
  }
  // the applicant's personal licence (身份证、户口簿、结婚证 …)
  if (a?.kind !== 'person') return { ok: false, problem: 'notAPerson' };
  const id = normalizeIdentityInput(a.idNumber ?? '');
  if (a.idType === 'other' || !isValidResidentId(id, opts.today)) return { ok: false, problem: 'applicantId' };
  if (!clean(a.name)) return { ok: false, problem: 'applicantName' };
  return { ok: true, holder: { holderIdType: 'residentId', holderId: id, holderName: clean(a.name) } };
}

// ---- what an answer means ---------------------------------------------------------------------

/** Why a licence was not attached. `offline`/`failed`: no usable answer (paper or 由部门调取). */
export type RefusalReason = Exclude<LookupOutcome, 'found'> | 'typeMismatch' | 'offline' | 'failed';

export type FetchOutcome =
  | { kind: 'attach'; licence: FetchedLicence; registry: RegistryLicence }
  | { kind: 'refused'; reason: RefusalReason; registry?: RegistryLicence; lookupId?: string };

/** Names compared as people write them: width-folded, no spaces, brackets alike. */
function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
  return n(a) === n(b);
}

/**
 * What the answer means for the line. The service's outcome is taken when it refuses; when it
 * says found, the licence is checked again: the type asked for, status valid, not expired on
 * `on`, holder number and name equal to the form's.
 */
export function judgeLookup(
  answer: LookupAnswer,
  asked: { typeCode: string; holder: LicenceHolder; on: string },
  ctx: { clerkId: string; fetchedAt: string },
): FetchOutcome {
  const reg = answer.licence ?? undefined;
  const refused = (reason: RefusalReason): FetchOutcome => ({ kind: 'refused', reason, lookupId: answer.lookupId, ...(reg ? { registry: reg } : {}) });
  if (answer.outcome !== 'found') return refused(answer.outcome);
  if (!reg) return refused('failed');
  if (reg.typeCode !== asked.typeCode) return refused('typeMismatch');
  if (reg.status !== 'valid') return refused(reg.status);
  if (reg.expiresOn !== null && reg.expiresOn < asked.on) return refused('expired');
  if (reg.holderIdType !== asked.holder.holderIdType || normalizeIdentityInput(reg.holderId) !== normalizeIdentityInput(asked.holder.holderId)) return refused('holderMismatch');
  if (!sameName(reg.holderName, asked.holder.holderName)) return refused('holderMismatch');
  // the registry's answer time when it is a proper time (the platform's may be cached), else the workstation's
  const answered = IsoDateTime.safeParse(answer.answeredAt);
  const fetchedAt = answered.success ? answered : IsoDateTime.safeParse(ctx.fetchedAt);
  const licence = FetchedLicence.safeParse({
    typeCode: reg.typeCode,
    typeName: reg.typeName,
    number: reg.number,
    issuer: reg.issuer,
    holderName: reg.holderName,
    holderIdType: reg.holderIdType,
    holderId: normalizeIdentityInput(reg.holderId),
    issuedOn: reg.issuedOn,
    expiresOn: reg.expiresOn,
    statusAtFetch: reg.status,
    hash: reg.hash,
    lookupId: answer.lookupId,
    fetchedAt: fetchedAt.success ? fetchedAt.data : ctx.fetchedAt,
    fetchedBy: ctx.clerkId,
    source: answer.source,
  });
  if (!licence.success) return refused('failed');
  return { kind: 'attach', licence: licence.data, registry: reg };
}

/** The state a line records for an attached licence. */
export function fetchedState(licence: FetchedLicence): MaterialState {
  return { status: 'fetched', reference: licence.number.slice(0, 100), licence };
}

/** `reference` of a line left to the department to fetch (由部门调取), e.g. while offline. */
export const BY_DEPARTMENT_REFERENCE = 'byDepartment';

export function isFetchedByDepartment(s: MaterialState | undefined): boolean {
  return s?.status === 'fetched' && !s.licence && s.reference === BY_DEPARTMENT_REFERENCE;
}

/** Whether a line with licence links may show 免提交: only with a real fetch, or left to the department. */
export function fetchedStateAllowed(s: MaterialState, hasLicenceLinks: boolean): boolean {
  if (s.status !== 'fetched' || !hasLicenceLinks) return true;
  return !!s.licence || s.reference === BY_DEPARTMENT_REFERENCE;
}

/**
 * Lines still to fetch before the case is decided: every line with licence links whose
 * state is 由部门调取 (left while offline) or still unrecorded.
 */
export function pendingFetches(c: Pick<IntakeCase, 'materialStates'>, lines: readonly ChecklistMaterial[], catalog: Catalog | PreparedCatalog): ChecklistMaterial[] {
  const out: ChecklistMaterial[] = [];
  for (const line of lines) {
    if (licencesForLine(line, catalog).length === 0) continue;
    const s = c.materialStates[line.key];
    if (isFetchedByDepartment(s)) out.push(line);
  }
  return out;
}

// ---- the clerk's words ---------------------------------------------------------------------------

const REFUSALS: Record<RefusalReason, Record<Locale, string>> = {
  notFound: { 'zh-CN': '证照库中未查到该证照，请收取纸质材料', 'en-US': 'The registry holds no such licence: take the paper document' },
  holderMismatch: { 'zh-CN': '证照持证人与申请表不一致，不能调取', 'en-US': 'The licence holder differs from the form: it cannot be used' },
  expired: { 'zh-CN': '证照已过有效期，不能调取', 'en-US': 'The licence has expired: it cannot be used' },
  revoked: { 'zh-CN': '证照已被吊销，不能调取', 'en-US': 'The licence has been revoked: it cannot be used' },
  cancelled: { 'zh-CN': '证照已注销，不能调取', 'en-US': 'The licence has been cancelled: it cannot be used' },
  unavailable: { 'zh-CN': '证照库暂不可用，请收取纸质材料或由部门调取', 'en-US': 'The registry is unavailable: take the paper or leave it to the department' },
  typeMismatch: { 'zh-CN': '证照库返回的证照类型不符，不能调取', 'en-US': 'The registry answered with another licence type: it cannot be used' },
  offline: { 'zh-CN': '未连接服务器，无法调取：请收取纸质材料或由部门调取', 'en-US': 'Not connected: nothing can be fetched — take the paper or leave it to the department' },
  failed: { 'zh-CN': '调取未成功，请收取纸质材料或由部门调取', 'en-US': 'The fetch did not succeed: take the paper or leave it to the department' },
};

export function refusalText(reason: RefusalReason, locale: Locale): string {
  return REFUSALS[reason][locale];
}

/** Whether the clerk may leave the line to the department after this refusal (no answer about the licence itself). */
export function mayLeaveToDepartment(reason: RefusalReason): boolean {
  return reason === 'offline' || reason === 'failed' || reason === 'unavailable';
}

const HOLDER_PROBLEMS: Record<HolderProblem, Record<Locale, string>> = {
  unknownType: { 'zh-CN': '目录未登记该证照类型', 'en-US': 'The catalog does not list this licence type' },
  applicantId: { 'zh-CN': '请先在「申请人」中填写有效的申请人身份证号码', 'en-US': 'Enter the applicant’s valid ID number first' },
  applicantName: { 'zh-CN': '请先填写申请人姓名', 'en-US': 'Enter the applicant’s name first' },
  agentId: { 'zh-CN': '请先填写代理人有效的身份证号码', 'en-US': 'Enter the agent’s valid ID number first' },
  agentName: { 'zh-CN': '请先填写代理人姓名', 'en-US': 'Enter the agent’s name first' },
  organisationId: { 'zh-CN': '请先在「申请人」中填写有效的统一社会信用代码', 'en-US': 'Enter the organisation’s valid USCC first' },
  organisationName: { 'zh-CN': '请先填写单位名称', 'en-US': 'Enter the organisation’s name first' },
  propertyId: { 'zh-CN': '请输入不动产单元号', 'en-US': 'Enter the property unit number' },
  notAnOrganisation: { 'zh-CN': '申请人不是单位，不能调取单位证照', 'en-US': 'The applicant is not an organisation' },
  notAPerson: { 'zh-CN': '申请人不是个人，不能调取个人证照', 'en-US': 'The applicant is not a person' },
};

export function holderProblemText(p: HolderProblem, locale: Locale): string {
  return HOLDER_PROBLEMS[p][locale];
}

const STATUS: Record<LicenceStatus, Record<Locale, string>> = {
  valid: { 'zh-CN': '有效', 'en-US': 'valid' },
  expired: { 'zh-CN': '已过期', 'en-US': 'expired' },
  revoked: { 'zh-CN': '已吊销', 'en-US': 'revoked' },
  cancelled: { 'zh-CN': '已注销', 'en-US': 'cancelled' },
};

export function licenceStatusText(s: LicenceStatus, locale: Locale): string {
  return STATUS[s][locale];
}

/** 有效期: "2026-12-01 至 长期" / "2026-12-01 – no expiry". */
export function validityText(l: { issuedOn: string; expiresOn: string | null }, locale: Locale): string {
  const zh = locale === 'zh-CN';
  return `${l.issuedOn} ${zh ? '至' : '–'} ${l.expiresOn ?? (zh ? '长期' : 'no expiry')}`;
}
