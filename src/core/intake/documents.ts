/**
 * Content of the three documents the window issues — data only, no
 * rendering. The documents are legal documents in Chinese: fixed texts (titles, the
 * statement of the law, signature lines) are given in Chinese; everything else is data
 * (codes, dates, enums) so the UI can lay it out, label it in either language and print.
 *
 * - 受理通知书 (acceptanceNoticeContent)
 * - 一次性告知书 (oneTimeNoticeContent)
 * - 不予受理通知书 (refusalNoticeContent)
 *
 * ID numbers: the printed notice shows the full number (`idNumber`); `idNumberMasked` is
 * for screens and logs.
 */
import type { Catalog, TimeLimit } from '../catalog/schema';
import { formatSpecialProcedure, formatTimeLimit } from '../catalog/format';
import { maskIdNumber } from '../identity';
import type { AcceptDecision, Decision, IntakeCase, MaterialState, OneTimeNoticeDecision, ReceivedMaterial, RefuseDecision } from './case';
import { asPrepared, implementationCodeInSubject, preparedItemOf, type PreparedCatalog } from './checklist';
import { chinaDateTimeOf } from './time';
import { BY_DEPARTMENT_REFERENCE } from '../sharing/lookup';

export const ADMINISTRATIVE_LICENSING_LAW = '《中华人民共和国行政许可法》';

/** What a company being founded is identified by until its licence (and USCC) is issued. */
export const FOUNDING_ID_TYPE_NAME = '名称自主申报文号';

export interface DocumentTime {
  /** As stored (ISO with offset). */
  iso: string;
  /** Beijing date, YYYY-MM-DD. */
  date: string;
  /** Beijing time, HH:mm. */
  time: string;
}

export interface PartyContent {
  name: string;
  /** 居民身份证 / the other document's name / 统一社会信用代码 */
  idTypeName: string;
  idNumber: string;
  idNumberMasked: string;
  phone: string;
  address?: string;
}

export interface ApplicantContent extends PartyContent {
  kind: 'person' | 'organisation';
  /**
   * 拟设立企业: `idTypeName` is 名称自主申报文号 and `idNumber` the reserved name's number (may
   * be empty) — never printed as a 统一社会信用代码, which the company does not have yet.
   */
  founding?: true;
  /** Organisations: 法定代表人（负责人）. */
  legalRepresentative?: string;
  /** Organisations: the USCC failed its check and was confirmed against the original licence. */
  usccConfirmedManually?: boolean;
}

export interface AgentContent extends PartyContent {
  relation?: string;
}

export interface DepartmentContent {
  code: string;
  name: string;
}

export interface ItemContent {
  basicCode: string;
  /** 实施编码 of the implementation taken in, when the catalog has one. */
  implementationCode?: string;
  name: string;
  /** 实施编码 = the handling items' codes. */
  implementationCodes: string[];
  handlingItems: { code: string; name: string }[];
  department: DepartmentContent;
  coHandlingDepartments: DepartmentContent[];
}

export interface ClerkContent {
  clerkId: string;
  name: string;
  windowNo: string;
  workstationId: string;
  phone?: string;
}

interface CommonContent {
  caseNumber: string;
  catalogVersion: string;
  bundle?: { id: string; name: string };
  applicant: ApplicantContent;
  agent: AgentContent | null;
  /**
   * Where the centre will call about the case: the agent's when there is one, else the
   * applicant's. Printed in the closing note, never beside the applicant's own details
   * (`applicant.phone` belongs there, `agent.phone` beside the agent).
   */
  contactPhone: string;
  items: ItemContent[];
  clerk: ClerkContent;
  /** The service centre (where the seal goes). */
  centre: { code: string; name: string };
  /** 申请时间 = when the draft was opened. */
  appliedAt: DocumentTime;
  /** When the decision was made; `decidedAt.date` is the document's date. */
  decidedAt: DocumentTime;
}

export interface AcceptanceNoticeContent extends CommonContent {
  documentType: 'acceptanceNotice';
  title: '受理通知书';
  acceptingDepartments: DepartmentContent[];
  promised: {
    basicCode: string;
    itemName: string;
    limit: TimeLimit;
    /** 5个工作日 / 即办 */
    limitText: string;
    date: string;
    /** The date was counted through a year whose holiday data is not yet published. */
    provisional: boolean;
  }[];
  anyProvisional: boolean;
  /**
   * 特别程序 of the accepted items (机构评审, 听证 …): their time is not counted in the promised
   * limit, and the applicant must be told so. Empty when none.
   */
  specialProcedures: { itemName: string; text: string }[];
  /**
   * What the centre keeps (or fetched): an original, a copy, the copy of an original checked and
   * handed back ('checkedCopy'), or fetched by data sharing (免提交).
   */
  materialsReceived: {
    name: string;
    received: 'original' | 'copy' | 'checkedCopy' | 'fetched';
    copies: number;
    /** Fetched at the window from the licence registry: what was fetched (number and issuer are printed). */
    licence?: { typeName: string; number: string; issuer: string };
    /** 由部门调取: left to the department to fetch. */
    byDepartment?: true;
    /** Pages taken in for it (材料电子化), when any. */
    pages?: number;
  }[];
  /**
   * Originals the clerk checked and handed back (原件核验后退还), listed apart so the notice never
   * says the centre kept an ID card or a household register it returned.
   */
  originalsReturned: { name: string }[];
  statement: string;
}

export interface OneTimeNoticeContent extends CommonContent {
  documentType: 'oneTimeNotice';
  title: '一次性告知书';
  /** 行政许可法第三十二条 first, then the items' own legal bases. */
  legalBasis: string[];
  statement: string;
  materials: {
    name: string;
    acceptanceStandard: string;
    problem: 'missing' | 'deficient';
    reason: string;
    legalBasis?: string;
    /** Names of the items that need it (a bundle). */
    itemNames: string[];
    /** Pages taken in for it (材料电子化), when any. */
    pages?: number;
  }[];
  /** 申请人（代理人）签收 line. */
  signature: { label: string; dateLabel: string };
}

export interface RefusalNoticeContent extends CommonContent {
  documentType: 'refusalNotice';
  title: '不予受理通知书';
  reason: RefuseDecision['reason'];
  /** The provision of 行政许可法 the refusal rests on. */
  legalBasis: string;
  statement: string;
  rights: RefuseDecision['rights'];
  /** The two rights as one sentence, ready to print. */
  rightsText: string;
}

// ---- helpers -----------------------------------------------------------------------------

function timeOf(iso: string): DocumentTime {
  return { iso, ...chinaDateTimeOf(iso) };
}

function applicantContent(c: IntakeCase): ApplicantContent {
  const a = c.applicant;
  if (!a) return { kind: 'person', name: '', idTypeName: '', idNumber: '', idNumberMasked: '', phone: '' };
  if (a.kind === 'person') {
    const idNumber = a.idNumber ?? '';
    const out: ApplicantContent = {
      kind: 'person',
      name: a.name ?? '',
      idTypeName: a.idType === 'other' ? (a.idTypeLabel ?? '') : '居民身份证',
      idNumber,
      idNumberMasked: maskIdNumber(idNumber),
      phone: a.phone ?? '',
    };
    if (a.address) out.address = a.address;
    return out;
  }
  // 拟设立企业: no USCC yet; the reserved name's number is printed under its own name
  const uscc = a.founding ? (a.nameReservation ?? '') : (a.uscc ?? '');
  const out: ApplicantContent = {
    kind: 'organisation',
    name: a.name ?? '',
    idTypeName: a.founding ? FOUNDING_ID_TYPE_NAME : '统一社会信用代码',
    idNumber: uscc,
    idNumberMasked: uscc, // a USCC is public (printed on the licence): not masked
    phone: a.phone ?? '',
    legalRepresentative: a.legalRepresentative ?? '',
  };
  if (a.founding) out.founding = true;
  // a draft may carry an override object without a reason (the form's empty field): not an override
  else if (a.usccOverride?.reason?.trim()) out.usccConfirmedManually = true;
  if (a.address) out.address = a.address;
  return out;
}

function agentContent(c: IntakeCase): AgentContent | null {
  const g = c.agent;
  if (!g) return null;
  const idNumber = g.idNumber ?? '';
  const out: AgentContent = {
    name: g.name ?? '',
    idTypeName: g.idType === 'other' ? (g.idTypeLabel ?? '') : '居民身份证',
    idNumber,
    idNumberMasked: maskIdNumber(idNumber),
    phone: g.phone ?? '',
  };
  if (g.relation) out.relation = g.relation;
  return out;
}

function department(pc: PreparedCatalog, code: string): DepartmentContent {
  return { code, name: pc.departmentsByCode.get(code)?.name ?? code };
}

/** The subject's items, with the handling items in effect (a bundle's fixed one, or the only one). */
function itemsOf(c: IntakeCase, pc: PreparedCatalog, promisedCodes?: Map<string, string[]>): ItemContent[] {
  const s = c.subject;
  const refs: { code: string; handling: string[] }[] = [];
  if (s.kind === 'item') refs.push({ code: s.basicCode, handling: s.handlingItemCodes ?? [] });
  else {
    const bundle = pc.bundlesById.get(s.bundleId);
    const order = bundle ? bundle.items.map((r) => r.basicCode).filter((code) => s.basicCodes.includes(code)) : s.basicCodes;
    for (const code of order) {
      const own = s.handlingItemCodes?.[code];
      const fixed = bundle?.items.find((r) => r.basicCode === code)?.handlingItemCode;
      refs.push({ code, handling: own && own.length > 0 ? own : fixed ? [fixed] : [] });
    }
  }
  return refs.map(({ code, handling }) => {
    const p = preparedItemOf(pc, code, implementationCodeInSubject(s, code));
    let codes = promisedCodes?.get(code) ?? handling;
    if (codes.length === 0 && p && p.item.handlingItems.length === 1) codes = [p.item.handlingItems[0]!.code];
    const handlingItems = codes.map((h) => ({ code: h, name: p?.handlingItemsByCode.get(h)?.name ?? h }));
    return {
      basicCode: code,
      ...(p?.item.implementationCode ? { implementationCode: p.item.implementationCode } : {}),
      name: p?.item.name ?? code,
      implementationCodes: codes,
      handlingItems,
      department: p ? department(pc, p.item.departmentCode) : { code: '', name: '' },
      coHandlingDepartments: (p?.item.coHandlingDepartmentCodes ?? []).map((d) => department(pc, d)),
    };
  });
}

function common(c: IntakeCase, pc: PreparedCatalog, decision: Decision, promisedCodes?: Map<string, string[]>): CommonContent {
  const applicant = applicantContent(c);
  const agent = agentContent(c);
  const out: CommonContent = {
    caseNumber: decision.caseNumber,
    catalogVersion: c.catalogVersion,
    applicant,
    agent,
    contactPhone: agent?.phone || applicant.phone,
    items: itemsOf(c, pc, promisedCodes),
    clerk: {
      clerkId: c.clerk.clerkId,
      name: c.clerk.name,
      windowNo: c.clerk.windowNo,
      workstationId: c.clerk.workstationId,
      ...(c.clerk.phone ? { phone: c.clerk.phone } : {}),
    },
    centre: { code: c.clerk.centreCode, name: c.clerk.centreName },
    appliedAt: timeOf(c.createdAt),
    decidedAt: timeOf(decision.at),
  };
  if (c.subject.kind === 'bundle') {
    const b = pc.bundlesById.get(c.subject.bundleId);
    out.bundle = { id: c.subject.bundleId, name: b?.name ?? c.subject.bundleId };
  }
  return out;
}

const RECEIVED: Record<ReceivedMaterial['status'], AcceptanceNoticeContent['materialsReceived'][number]['received']> = {
  receivedOriginal: 'original',
  receivedCopy: 'copy',
  originalCheckedCopyKept: 'checkedCopy',
  fetched: 'fetched',
};

/** A fetched line's licence (number, issuer) or 由部门调取, for the notice; nothing for other lines. */
function fetchedDetail(s: MaterialState | undefined): { licence?: { typeName: string; number: string; issuer: string }; byDepartment?: true } {
  if (s?.status !== 'fetched') return {};
  if (s.licence) return { licence: { typeName: s.licence.typeName, number: s.licence.number, issuer: s.licence.issuer } };
  return s.reference === BY_DEPARTMENT_REFERENCE ? { byDepartment: true } : {};
}

// ---- documents ------------------------------------------------------------------------------

/** 受理通知书 / 受理回执. */
export function acceptanceNoticeContent(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  decision: AcceptDecision,
): AcceptanceNoticeContent {
  const pc = asPrepared(catalog);
  const promisedCodes = new Map(decision.promisedDates.map((p) => [p.basicCode, p.handlingItemCodes]));
  const base = common(c, pc, decision, promisedCodes);
  const departments: DepartmentContent[] = [];
  for (const item of base.items) {
    if (item.department.code && !departments.some((d) => d.code === item.department.code)) departments.push(item.department);
  }
  const promised = decision.promisedDates.map((p) => ({
    basicCode: p.basicCode,
    itemName: p.itemName,
    limit: p.limit,
    limitText: formatTimeLimit(p.limit, 'zh-CN'),
    date: p.date,
    provisional: p.provisional,
  }));
  return {
    ...base,
    documentType: 'acceptanceNotice',
    title: '受理通知书',
    acceptingDepartments: departments,
    promised,
    anyProvisional: promised.some((p) => p.provisional),
    specialProcedures: base.items.flatMap((item) =>
      (preparedItemOf(pc, item.basicCode, item.implementationCode)?.item.specialProcedures ?? []).map((sp) => ({ itemName: item.name, text: formatSpecialProcedure(sp, 'zh-CN') })),
    ),
    materialsReceived: decision.received.map((r) => ({ name: r.name, received: RECEIVED[r.status], copies: r.copies, ...fetchedDetail(c.materialStates[r.key]), ...pagesOf(c, r.key) })),
    originalsReturned: decision.received.filter((r) => r.status === 'originalCheckedCopyKept').map((r) => ({ name: r.name })),
    statement: `您提交的申请材料齐全、符合法定形式，根据${ADMINISTRATIVE_LICENSING_LAW}第三十二条的规定，决定予以受理。`,
  };
}

/** The page count of a checklist line (材料电子化), as an optional field. */
function pagesOf(c: IntakeCase, key: string): { pages?: number } {
  const n = c.materialPages?.[key]?.length ?? 0;
  return n > 0 ? { pages: n } : {};
}

/** 一次性告知书 / 补正告知书. */
export function oneTimeNoticeContent(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  decision: OneTimeNoticeDecision,
): OneTimeNoticeContent {
  const pc = asPrepared(catalog);
  const base = common(c, pc, decision);
  const legalBasis = [`${ADMINISTRATIVE_LICENSING_LAW}第三十二条`];
  for (const item of base.items) {
    for (const lb of preparedItemOf(pc, item.basicCode, item.implementationCode)?.item.legalBasis ?? []) if (!legalBasis.includes(lb)) legalBasis.push(lb);
  }
  const nameOf = new Map(base.items.map((i) => [i.basicCode, i.name]));
  const phone = c.clerk.phone ?? base.items.map((i) => preparedItemOf(pc, i.basicCode, i.implementationCode)?.item.consultPhone).find((p) => !!p);
  return {
    ...base,
    clerk: { ...base.clerk, ...(phone ? { phone } : {}) },
    documentType: 'oneTimeNotice',
    title: '一次性告知书',
    legalBasis,
    statement: `经审查，您提交的申请材料不齐全或者不符合法定形式。根据${ADMINISTRATIVE_LICENSING_LAW}第三十二条第一款第（四）项的规定，现一次性告知您需要补正的全部内容如下。请补正后再次提交。`,
    materials: decision.items.map((m) => ({
      name: m.name,
      acceptanceStandard: m.acceptanceStandard,
      problem: m.problem,
      reason: m.reason,
      ...(m.legalBasis ? { legalBasis: m.legalBasis } : {}),
      itemNames: m.itemCodes.map((code) => nameOf.get(code) ?? code),
      ...pagesOf(c, m.key),
    })),
    signature: { label: '申请人（代理人）签收', dateLabel: '签收日期' },
  };
}

const REFUSAL_PROVISION: Record<RefuseDecision['reason']['code'], string> = {
  notRequiringLicence: `${ADMINISTRATIVE_LICENSING_LAW}第三十二条第一款第（一）项`,
  notJurisdiction: `${ADMINISTRATIVE_LICENSING_LAW}第三十二条第一款第（二）项`,
  other: `${ADMINISTRATIVE_LICENSING_LAW}第三十二条`,
};

/** 不予受理通知书. */
export function refusalNoticeContent(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  decision: RefuseDecision,
): RefusalNoticeContent {
  const pc = asPrepared(catalog);
  const base = common(c, pc, decision);
  const legalBasis = REFUSAL_PROVISION[decision.reason.code];
  const where = decision.reason.whereToApply ? `请向${decision.reason.whereToApply}申请。` : '';
  return {
    ...base,
    documentType: 'refusalNotice',
    title: '不予受理通知书',
    reason: decision.reason,
    legalBasis,
    statement: `经审查，${decision.reason.text.replace(/[。．.；;，,\s]+$/u, "")}。根据${legalBasis}的规定，决定不予受理。${where}`,
    rights: decision.rights,
    rightsText: `${decision.rights.reconsideration.text}；${decision.rights.litigation.text}。`,
  };
}
