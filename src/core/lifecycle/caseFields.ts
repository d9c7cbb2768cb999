/**
 * Naming the parts of a case, shared by the correction loop and the version diff:
 *
 * | path (what a department's FieldComment.path may say) | what                        |
 * |--------------------------------------------------------|-----------------------------|
 * | `applicant` / `applicant.phone`                        | the applicant / one field   |
 * | `agent` / `agent.idNumber`                             | the agent / one field       |
 * | `fields.<basicCode>.<fieldId>`                         | an item-specific field      |
 * | `shared/business-licence`, `000117003000/layout`       | a material (its key)        |
 * | `materials.<key>`, `materialStates.<key>`              | a material, explicitly      |
 * | `materialPages.<key>.<n>`                              | page n (1-based) of a material's electronic pages (`materialPages`) |
 * | `answers.<key>`                                        | a situation answer          |
 *
 * A leading `case.` (as in the push protocol's `paths`) is ignored; bracket forms
 * (`fields["000117003000"].businessArea`, `materialStates["shared/x"]`) are accepted.
 * Labels come from the catalog when one is given, else from the case itself (the decision's
 * received-material names), else the key.
 */
import type { Catalog } from '../catalog/schema';
import type { Localized } from '../i18n';
import { AGENT_ID_LINE, POWER_OF_ATTORNEY_LINE, asPrepared, type PreparedCatalog } from '../intake/checklist';
import { AGENT_SHARED_MATERIAL_IDS, type IntakeCase, type MaterialState, materialKey, parseKey, questionKey, sharedKey } from '../intake/case';
import { L } from './common';

export const PERSON_FIELDS = ['name', 'idType', 'idTypeLabel', 'idNumber', 'phone', 'address'] as const;
export const ORGANISATION_FIELDS = ['name', 'uscc', 'usccOverride', 'legalRepresentative', 'legalRepresentativeIdNumber', 'phone', 'address'] as const;
export const AGENT_FIELDS = ['name', 'idType', 'idTypeLabel', 'idNumber', 'phone', 'relation'] as const;

const APPLICANT_LABELS: Record<string, Localized> = {
  kind: L('申请人类型', 'Applicant type'),
  name: L('申请人姓名', 'Applicant’s name'),
  idType: L('证件类型', 'ID document type'),
  idTypeLabel: L('证件名称', 'ID document name'),
  idNumber: L('证件号码', 'ID number'),
  uscc: L('统一社会信用代码', 'Unified social credit code'),
  usccOverride: L('统一社会信用代码人工核对', 'USCC confirmed manually'),
  legalRepresentative: L('法定代表人（负责人）', 'Legal representative'),
  legalRepresentativeIdNumber: L('法定代表人身份证件号码', 'Legal representative’s ID number'),
  phone: L('联系电话', 'Phone'),
  address: L('地址', 'Address'),
};
const ORGANISATION_NAME = L('申请单位名称', 'Organisation name');

const AGENT_LABELS: Record<string, Localized> = {
  name: L('代理人姓名', 'Agent’s name'),
  idType: L('代理人证件类型', 'Agent’s ID document type'),
  idTypeLabel: L('代理人证件名称', 'Agent’s ID document name'),
  idNumber: L('代理人证件号码', 'Agent’s ID number'),
  phone: L('代理人联系电话', 'Agent’s phone'),
  relation: L('与申请人关系', 'Relation to the applicant'),
};

export function applicantFieldLabel(field: string, kind: 'person' | 'organisation' | undefined): Localized {
  if (field === 'name' && kind === 'organisation') return ORGANISATION_NAME;
  return APPLICANT_LABELS[field] ?? L(`申请人.${field}`, `applicant.${field}`);
}

export function agentFieldLabel(field: string): Localized {
  return AGENT_LABELS[field] ?? L(`代理人.${field}`, `agent.${field}`);
}

/** Names of the questions, options, materials, item fields and items a case refers to. */
export interface CaseNames {
  itemCodes: string[];
  itemName(basicCode: string): string;
  materialName(key: string): string | null;
  acceptanceStandard(key: string): string | null;
  questionText(key: string): string | null;
  optionLabel(key: string, optionId: string): string | null;
  /** null when the catalog is known and has no such field. */
  fieldLabel(basicCode: string, fieldId: string): string | null;
  isKnownMaterial(key: string): boolean;
  isKnownQuestion(key: string): boolean;
  hasCatalog: boolean;
}

export function itemCodesOf(c: Pick<IntakeCase, 'subject'>): string[] {
  return c.subject.kind === 'item' ? [c.subject.basicCode] : [...c.subject.basicCodes];
}

/** Builds the names for a case (from the catalog version the case was taken under, when given). */
export function caseNames(c: IntakeCase, catalog?: Catalog | PreparedCatalog): CaseNames {
  const itemCodes = itemCodesOf(c);
  const materials = new Map<string, { name: string; standard: string }>();
  const questions = new Map<string, { text: string; options: Map<string, string> }>();
  const fields = new Map<string, string>();
  const items = new Map<string, string>();
  const pc = catalog ? asPrepared(catalog) : undefined;
  if (pc) {
    for (const code of itemCodes) {
      const p = pc.itemsByCode.get(code);
      if (!p) continue;
      items.set(code, p.item.name);
      for (const q of p.item.situations ?? []) {
        const key = questionKey(code, q);
        const entry = questions.get(key) ?? { text: q.text, options: new Map<string, string>() };
        for (const o of q.options) if (!entry.options.has(o.id)) entry.options.set(o.id, o.label);
        questions.set(key, entry);
      }
      for (const m of p.item.materials) {
        const key = materialKey(code, m);
        if (!materials.has(key)) materials.set(key, { name: m.name, standard: m.acceptanceStandard });
      }
      for (const f of p.item.fields ?? []) fields.set(`${code}\u0000${f.id}`, f.label);
    }
    const poa = sharedKey(AGENT_SHARED_MATERIAL_IDS.powerOfAttorney);
    const aid = sharedKey(AGENT_SHARED_MATERIAL_IDS.agentIdDocument);
    if (!materials.has(poa)) materials.set(poa, { name: POWER_OF_ATTORNEY_LINE.name, standard: POWER_OF_ATTORNEY_LINE.acceptanceStandard });
    if (!materials.has(aid)) materials.set(aid, { name: AGENT_ID_LINE.name, standard: AGENT_ID_LINE.acceptanceStandard });
  }
  const received = new Map<string, string>();
  if (c.decision?.kind === 'accept') for (const r of c.decision.received) received.set(r.key, r.name);
  if (c.decision?.kind === 'oneTimeNotice') for (const r of c.decision.items) received.set(r.key, r.name);

  const inScope = (key: string): boolean => {
    const p = parseKey(key);
    return p !== null && (p.scope === 'shared' || itemCodes.includes(p.basicCode));
  };
  return {
    itemCodes,
    hasCatalog: pc !== undefined,
    itemName: (code) => items.get(code) ?? code,
    materialName: (key) => materials.get(key)?.name ?? received.get(key) ?? null,
    acceptanceStandard: (key) => materials.get(key)?.standard ?? null,
    questionText: (key) => questions.get(key)?.text ?? null,
    optionLabel: (key, id) => questions.get(key)?.options.get(id) ?? null,
    fieldLabel: (code, id) => fields.get(`${code}\u0000${id}`) ?? (pc ? null : id),
    isKnownMaterial: (key) => materials.has(key) || received.has(key) || (key in c.materialStates && inScope(key)),
    isKnownQuestion: (key) => questions.has(key) || (!pc && key in c.answers),
  };
}

// ---- paths -----------------------------------------------------------------------------------

export type CaseTarget =
  | { kind: 'applicant'; field: string | null }
  | { kind: 'agent'; field: string | null }
  | { kind: 'itemField'; basicCode: string; fieldId: string }
  /** `page`: one page of the material's electronic pages (its number then, and its bytes' address, so a reordering cannot move the point). */
  | { kind: 'material'; key: string; page?: { number: number; sha256: string } }
  | { kind: 'answer'; key: string }
  | { kind: 'general' };

/** Splits `a.b[0]["x y"].c` into segments; null when brackets do not close. */
export function splitPath(path: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '.') {
      if (cur) out.push(cur);
      cur = '';
    } else if (ch === '[') {
      if (cur) out.push(cur);
      cur = '';
      const close = path.indexOf(']', i);
      if (close < 0) return null;
      const inner = path.slice(i + 1, close).trim();
      if (inner.startsWith('"')) {
        try {
          out.push(String(JSON.parse(inner)));
        } catch {
          return null;
        }
      } else out.push(inner.replace(/^'|'$/g, ''));
      i = close;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** `materialPages.<key>.<n>`: the key is everything between the prefix and the last dot. */
const PAGE_PATH = /^materialPages\.(.+)\.([1-9][0-9]{0,2})$/;

const KEY_PREFIX = /^(materialStates|materials|answers)(?:\.(.+)|\[\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\]]+)\s*\])$/;

function unquote(s: string): string {
  if (s.startsWith('"')) {
    try {
      return String(JSON.parse(s));
    } catch {
      return s;
    }
  }
  return s.replace(/^'|'$/g, '');
}

/** What a path names in this case, and the path in its normal form (see the table above). */
export function resolveCasePath(c: IntakeCase, path: string, names: CaseNames): { target: CaseTarget; path: string } {
  let p = path.trim();
  if (p.startsWith('case.')) p = p.slice(5);
  const general = { target: { kind: 'general' } as const, path: path.trim() };

  const page = PAGE_PATH.exec(p);
  if (page) {
    const key = page[1]!;
    const n = Number(page[2]);
    const ref = n >= 1 ? c.materialPages?.[key]?.[n - 1] : undefined;
    return ref ? { target: { kind: 'material', key, page: { number: n, sha256: ref.sha256 } }, path: `materialPages.${key}.${n}` } : general;
  }
  const prefixed = KEY_PREFIX.exec(p);
  if (prefixed) {
    const key = prefixed[2] ?? unquote(prefixed[3]!.trim());
    if (prefixed[1] === 'answers') return names.isKnownQuestion(key) ? { target: { kind: 'answer', key }, path: `answers.${key}` } : general;
    return names.isKnownMaterial(key) ? { target: { kind: 'material', key }, path: key } : general;
  }
  if (p.includes('/') && parseKey(p)) {
    if (names.isKnownMaterial(p)) return { target: { kind: 'material', key: p }, path: p };
    if (names.isKnownQuestion(p)) return { target: { kind: 'answer', key: p }, path: `answers.${p}` };
    return general;
  }
  const segs = splitPath(p);
  if (!segs || segs.length === 0) return general;
  const [head, a, b] = segs;
  if (head === 'applicant' && segs.length <= 2) {
    if (a === undefined) return { target: { kind: 'applicant', field: null }, path: 'applicant' };
    const kind = c.applicant?.kind;
    const allowed: readonly string[] = kind === 'organisation' ? ORGANISATION_FIELDS : kind === 'person' ? PERSON_FIELDS : [...PERSON_FIELDS, ...ORGANISATION_FIELDS];
    return allowed.includes(a) ? { target: { kind: 'applicant', field: a }, path: `applicant.${a}` } : general;
  }
  if (head === 'agent' && segs.length <= 2 && c.agent) {
    if (a === undefined) return { target: { kind: 'agent', field: null }, path: 'agent' };
    return (AGENT_FIELDS as readonly string[]).includes(a) ? { target: { kind: 'agent', field: a }, path: `agent.${a}` } : general;
  }
  if (head === 'fields' && segs.length === 3 && a && b && names.itemCodes.includes(a) && names.fieldLabel(a, b) !== null)
    return { target: { kind: 'itemField', basicCode: a, fieldId: b }, path: `fields.${a}.${b}` };
  return general;
}

// ---- what a department may point at --------------------------------------------------------------

/** Applicant fields a department may point at (the rest — ID type, the override note — follow from these). */
const PERSON_POINTS = ['name', 'idNumber', 'phone', 'address'] as const;
const ORGANISATION_POINTS = ['name', 'uscc', 'legalRepresentative', 'legalRepresentativeIdNumber', 'phone', 'address'] as const;
const AGENT_POINTS = ['name', 'idNumber', 'phone', 'relation'] as const;

/** One part of a case a department may ask to correct, by name (the path is what the API carries). */
export interface CorrectionPoint {
  /** The normal form of ./caseFields.ts' table: `applicant.phone`, `fields.<code>.<id>`, a material key. */
  path: string;
  section: 'applicant' | 'agent' | 'itemField' | 'material';
  label: Localized;
}

/**
 * The case's own fields and materials, by name, for a department's 补正 checklist: the
 * applicant's fields (by applicant kind), the agent's (when there is one), the items' own
 * fields, and every material of the case (its checklist lines and what was received).
 * Labels come from the catalog version of the case when given.
 */
export function correctionPoints(c: IntakeCase, catalog?: Catalog | PreparedCatalog): CorrectionPoint[] {
  const names = caseNames(c, catalog);
  const out: CorrectionPoint[] = [];
  const kind = c.applicant?.kind;
  for (const f of kind === 'organisation' ? ORGANISATION_POINTS : PERSON_POINTS)
    out.push({ path: `applicant.${f}`, section: 'applicant', label: applicantFieldLabel(f, kind) });
  if (c.agent) for (const f of AGENT_POINTS) out.push({ path: `agent.${f}`, section: 'agent', label: agentFieldLabel(f) });
  const pc = catalog ? asPrepared(catalog) : undefined;
  for (const code of names.itemCodes) {
    const ids = pc ? (pc.itemsByCode.get(code)?.item.fields ?? []).map((f) => f.id) : Object.keys(c.fields[code] ?? {});
    for (const id of ids) {
      const label = names.fieldLabel(code, id) ?? id;
      const item = names.itemName(code);
      out.push({
        path: `fields.${code}.${id}`,
        section: 'itemField',
        label: names.itemCodes.length > 1 ? L(`${label}（${item}）`, `${label} (${item})`) : L(label, label),
      });
    }
  }
  const keys = new Set<string>();
  if (c.decision?.kind === 'accept') for (const r of c.decision.received) keys.add(r.key);
  for (const k of Object.keys(c.materialStates)) keys.add(k);
  for (const key of keys) {
    if (!names.isKnownMaterial(key)) continue;
    const name = names.materialName(key) ?? key;
    out.push({ path: key, section: 'material', label: L(name, name) });
  }
  return out;
}

/**
 * The paths of a department's comments that name nothing in this case (a typo, another
 * case's material, a field the applicant kind does not have). A situation answer
 * (`answers.<key>`) still counts: department systems may point at one.
 */
export function unknownCorrectionPaths(c: IntakeCase, paths: readonly string[], catalog?: Catalog | PreparedCatalog): string[] {
  const names = caseNames(c, catalog);
  return paths.filter((p) => resolveCasePath(c, p, names).target.kind === 'general');
}

/**
 * The name of what a department's comment points at (联系电话, 营业执照, a question), in both
 * languages; null when it names nothing in this case (the comment is then shown on its own).
 */
export function correctionPointLabel(c: IntakeCase, path: string, catalog?: Catalog | PreparedCatalog): Localized | null {
  const names = caseNames(c, catalog);
  const { target } = resolveCasePath(c, path, names);
  switch (target.kind) {
    case 'applicant':
      return target.field === null ? L('申请人信息', 'Applicant') : applicantFieldLabel(target.field, c.applicant?.kind);
    case 'agent':
      return target.field === null ? L('代理人信息', 'Agent') : agentFieldLabel(target.field);
    case 'itemField': {
      const label = names.fieldLabel(target.basicCode, target.fieldId) ?? target.fieldId;
      return L(label, label);
    }
    case 'material': {
      const name = names.materialName(target.key) ?? (target.page ? target.key : null);
      if (target.page) return L(`${name} 第${target.page.number}页`, `${name}, page ${target.page.number}`);
      return name === null ? L('材料', 'Material') : L(name, name);
    }
    case 'answer': {
      const q = names.questionText(target.key);
      return q === null ? L('情形选项', 'Situation answer') : L(q, q);
    }
    case 'general':
      return null;
  }
}

// ---- display -----------------------------------------------------------------------------------

/** A material state for display: 已收原件（2份） / Original received (2 copies). */
export function materialStateText(s: MaterialState | undefined | null): Localized {
  if (!s) return L('待核验', 'Not checked');
  switch (s.status) {
    case 'pending':
      return L('待核验', 'Not checked');
    case 'receivedOriginal':
      return s.copies !== undefined ? L(`已收原件（${s.copies}份）`, `Original received (${s.copies} cop${s.copies === 1 ? 'y' : 'ies'})`) : L('已收原件', 'Original received');
    case 'receivedCopy':
      return s.copies !== undefined ? L(`已收复印件（${s.copies}份）`, `Copy received (${s.copies} cop${s.copies === 1 ? 'y' : 'ies'})`) : L('已收复印件', 'Copy received');
    case 'originalCheckedCopyKept':
      return s.copies !== undefined
        ? L(`原件核验后退还，留存复印件（${s.copies}份）`, `Original checked and returned, copy kept (${s.copies} cop${s.copies === 1 ? 'y' : 'ies'})`)
        : L('原件核验后退还，留存复印件', 'Original checked and returned, copy kept');
    case 'deficient':
      return L(`不符合要求：${s.reason}`, `Not acceptable: ${s.reason}`);
    case 'missing':
      return L('未提交', 'Missing');
    case 'fetched':
      return s.reference
        ? L(`数据共享调取（${s.reference}）`, `Fetched by data sharing (${s.reference})`)
        : L('数据共享调取', 'Fetched by data sharing');
  }
}
