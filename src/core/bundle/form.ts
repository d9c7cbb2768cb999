/**
 * 一表申请 — one application form for a one-thing bundle (一件事).
 *
 * Each catalog item brings its own intake fields (`item.fields`). Across a bundle many of them
 * ask the same thing (the company's name, its domicile, the legal representative, a phone …).
 * The merged form asks each thing once:
 *
 * - **Applicant-backed fields**: a field whose *semantic key* names part of the applicant or the
 *   agent (see `semanticKeyOf`: by field id, else by label) is not asked again — the applicant
 *   section answers it, and `projectCaseFields` writes the applicant's value into every item
 *   that has the field.
 * - **Common fields**: fields with the same id in two or more items (and no applicant meaning)
 *   are asked once in a "common" group; `withSharedValue` writes the answer to every item.
 * - **Item fields**: everything else stays under its item.
 * - **Conflicts**: fields under one key whose definitions cannot be one question (different
 *   kind, select options or pattern) are not merged — each stays under its own item and the
 *   conflict is reported (`MergedForm.conflicts`). Values that already disagree between the
 *   items of a shared key (a draft filled item by item, a carried-over draft) are reported by
 *   `fieldValueConflicts` so the clerk picks one.
 *
 * The case keeps storing `fields[basicCode][fieldId]` for every item (each department gets
 * its item's data as it expects it); the merge only decides what is asked and where answers go.
 */
import type { Item, ItemField } from '../catalog/schema';
import type { AgentDraft, ApplicantDraft, FieldValue } from '../intake/case';

// ---- semantic keys ---------------------------------------------------------------------

export const SEMANTIC_KEYS = [
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.address',
  'organisation.name',
  'organisation.uscc',
  'organisation.legalRepresentative',
  'organisation.legalRepresentativeIdNumber',
  'organisation.address',
  'agent.name',
  'agent.idNumber',
  'agent.phone',
] as const;
export type SemanticKey = (typeof SEMANTIC_KEYS)[number];

/** Field ids the catalogs use for applicant data (case-insensitive). */
const BY_ID: Record<string, SemanticKey> = {
  applicantname: 'applicant.name',
  applicantidnumber: 'applicant.idNumber',
  idnumber: 'applicant.idNumber',
  contactphone: 'applicant.phone',
  phone: 'applicant.phone',
  contactaddress: 'applicant.address',
  companyname: 'organisation.name',
  enterprisename: 'organisation.name',
  orgname: 'organisation.name',
  uscc: 'organisation.uscc',
  creditcode: 'organisation.uscc',
  legalrepname: 'organisation.legalRepresentative',
  legalrepresentative: 'organisation.legalRepresentative',
  legalrepidnumber: 'organisation.legalRepresentativeIdNumber',
  domicile: 'organisation.address',
  registeredaddress: 'organisation.address',
  agentname: 'agent.name',
  agentidnumber: 'agent.idNumber',
  agentphone: 'agent.phone',
};

/** Labels (after trimming and dropping a trailing unit in brackets). */
const BY_LABEL: Record<string, SemanticKey> = {
  申请人姓名: 'applicant.name',
  申请人身份证号码: 'applicant.idNumber',
  身份证号码: 'applicant.idNumber',
  联系电话: 'applicant.phone',
  联系地址: 'applicant.address',
  拟设立企业名称: 'organisation.name',
  企业名称: 'organisation.name',
  单位名称: 'organisation.name',
  统一社会信用代码: 'organisation.uscc',
  法定代表人姓名: 'organisation.legalRepresentative',
  法定代表人: 'organisation.legalRepresentative',
  法定代表人身份证号码: 'organisation.legalRepresentativeIdNumber',
  住所: 'organisation.address',
  企业住所: 'organisation.address',
  代理人姓名: 'agent.name',
  经办人姓名: 'agent.name',
  代理人身份证号码: 'agent.idNumber',
  代理人联系电话: 'agent.phone',
};

/** Only free-text fields can stand for applicant data (a select or a number cannot). */
const TEXTUAL: ReadonlySet<ItemField['kind']> = new Set(['text', 'textarea']);

/** The applicant / agent datum this field asks for, or null. By id first, then by label. */
export function semanticKeyOf(field: ItemField): SemanticKey | null {
  if (!TEXTUAL.has(field.kind)) return null;
  const byId = BY_ID[field.id.toLowerCase()];
  if (byId) return byId;
  const label = field.label.trim().replace(/[（(][^）)]*[）)]$/, '').trim();
  return BY_LABEL[label] ?? null;
}

// ---- the merged form ---------------------------------------------------------------------

export interface FormSource {
  basicCode: string;
  itemName: string;
  field: ItemField;
}

/** One question of the merged form that feeds several items (or an applicant-backed one). */
export interface SharedFormField {
  /** The semantic key, or `field:<id>` for a common field. */
  key: string;
  /** 'applicant' / 'agent': answered by the applicant section; 'common': asked once in the common group. */
  target: 'applicant' | 'agent' | 'common';
  /** The definition asked (the first item's, required when any item requires it). */
  field: ItemField;
  sources: FormSource[];
}

export interface ItemFormGroup {
  basicCode: string;
  itemName: string;
  /** The item's own questions (neither applicant-backed nor common). */
  fields: ItemField[];
}

export interface FieldDefinitionConflict {
  key: string;
  reason: 'kind' | 'options' | 'pattern';
  sources: FormSource[];
}

export interface MergedForm {
  shared: SharedFormField[];
  items: ItemFormGroup[];
  conflicts: FieldDefinitionConflict[];
}

function groupKey(f: ItemField): string {
  return semanticKeyOf(f) ?? `field:${f.id}`;
}

function definitionConflict(sources: FormSource[]): FieldDefinitionConflict['reason'] | null {
  const first = sources[0]!.field;
  for (const { field } of sources.slice(1)) {
    const textual = TEXTUAL.has(first.kind) && TEXTUAL.has(field.kind);
    if (field.kind !== first.kind && !textual) return 'kind';
    if (first.kind === 'select' && [...(first.options ?? [])].sort().join('\n') !== [...(field.options ?? [])].sort().join('\n')) return 'options';
    if ((first.pattern ?? '') !== (field.pattern ?? '')) return 'pattern';
  }
  return null;
}

/** The merged form of the chosen items (in the bundle's order). Pure; a single item works too. */
export function mergeFormFields(items: readonly Pick<Item, 'basicCode' | 'name' | 'fields'>[]): MergedForm {
  const groups = new Map<string, FormSource[]>();
  for (const item of items) {
    for (const field of item.fields ?? []) {
      const key = groupKey(field);
      const list = groups.get(key) ?? [];
      list.push({ basicCode: item.basicCode, itemName: item.name, field });
      groups.set(key, list);
    }
  }
  const shared: SharedFormField[] = [];
  const conflicts: FieldDefinitionConflict[] = [];
  const taken = new Set<string>(); // `${basicCode}/${fieldId}` answered outside the item's group
  for (const [key, sources] of groups) {
    const semantic = !key.startsWith('field:');
    if (!semantic && new Set(sources.map((s) => s.basicCode)).size < 2) continue;
    const reason = definitionConflict(sources);
    if (reason) {
      conflicts.push({ key, reason, sources });
      continue;
    }
    const first = sources[0]!.field;
    const field: ItemField = { ...first, required: sources.some((s) => s.field.required) };
    shared.push({ key, target: semantic ? (key.startsWith('agent.') ? 'agent' : 'applicant') : 'common', field, sources });
    for (const s of sources) taken.add(`${s.basicCode}/${s.field.id}`);
  }
  return {
    shared,
    items: items.map((i) => ({ basicCode: i.basicCode, itemName: i.name, fields: (i.fields ?? []).filter((f) => !taken.has(`${i.basicCode}/${f.id}`)) })),
    conflicts,
  };
}

// ---- values -------------------------------------------------------------------------------

export type CaseFields = Record<string, Record<string, FieldValue>>;

/** The applicant's (or agent's) value for a semantic key; null when it has none. */
export function applicantValue(key: SemanticKey, applicant: ApplicantDraft | undefined, agent: AgentDraft | null | undefined): string | null {
  const v = (x: string | undefined): string | null => (x === undefined || x === '' ? null : x);
  if (key.startsWith('agent.')) {
    if (!agent) return null;
    if (key === 'agent.name') return v(agent.name);
    if (key === 'agent.idNumber') return v(agent.idNumber);
    return v(agent.phone);
  }
  if (!applicant) return null;
  if (applicant.kind === 'person') {
    switch (key) {
      case 'applicant.name':
        return v(applicant.name);
      case 'applicant.idNumber':
        return v(applicant.idNumber);
      case 'applicant.phone':
        return v(applicant.phone);
      case 'applicant.address':
        return v(applicant.address);
      default:
        return null; // organisation data of a person applicant
    }
  }
  switch (key) {
    case 'applicant.name':
    case 'organisation.name':
      return v(applicant.name);
    case 'organisation.uscc':
      return v(applicant.uscc);
    case 'organisation.legalRepresentative':
      return v(applicant.legalRepresentative);
    case 'applicant.idNumber':
    case 'organisation.legalRepresentativeIdNumber':
      return v(applicant.legalRepresentativeIdNumber);
    case 'applicant.phone':
      return v(applicant.phone);
    case 'applicant.address':
    case 'organisation.address':
      return v(applicant.address);
    default:
      return null;
  }
}

function setField(fields: CaseFields, basicCode: string, fieldId: string, value: FieldValue): CaseFields {
  const current = fields[basicCode]?.[fieldId];
  if (current === value || ((current === undefined || current === '') && value === null)) return fields;
  return { ...fields, [basicCode]: { ...(fields[basicCode] ?? {}), [fieldId]: value } };
}

/** The fields with every source of a common field set to `value` (null clears). */
export function withSharedValue(form: MergedForm, fields: CaseFields, key: string, value: FieldValue): CaseFields {
  const shared = form.shared.find((s) => s.key === key);
  if (!shared) throw new RangeError(`no shared field ${key}`);
  let out = fields;
  for (const s of shared.sources) out = setField(out, s.basicCode, s.field.id, value);
  return out;
}

/** The value shown for a common field: the one its items agree on (the first non-empty). */
export function sharedValue(form: MergedForm, fields: CaseFields, key: string): FieldValue {
  const shared = form.shared.find((s) => s.key === key);
  for (const s of shared?.sources ?? []) {
    const v = fields[s.basicCode]?.[s.field.id];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return null;
}

/**
 * Projects the merged answers back into each item's case data: every applicant- or
 * agent-backed field gets the applicant's (agent's) value. Common and item fields are kept
 * as they are (they are written per item when answered). Returns the same object when
 * nothing changes.
 */
export function projectCaseFields(
  form: MergedForm,
  c: { applicant?: ApplicantDraft | undefined; agent?: AgentDraft | null | undefined; fields: CaseFields },
): CaseFields {
  let out = c.fields;
  for (const s of form.shared) {
    if (s.target === 'common') continue;
    const value = applicantValue(s.key as SemanticKey, c.applicant, c.agent);
    for (const src of s.sources) out = setField(out, src.basicCode, src.field.id, value);
  }
  return out;
}

export interface FieldValueConflict {
  key: string;
  label: string;
  values: { basicCode: string; itemName: string; value: FieldValue }[];
}

/**
 * Common fields whose items hold different non-empty values (e.g. a draft filled item by
 * item before the merged form): the clerk must pick one. Applicant-backed fields never
 * conflict — the applicant's value wins on projection.
 */
export function fieldValueConflicts(form: MergedForm, fields: CaseFields): FieldValueConflict[] {
  const out: FieldValueConflict[] = [];
  for (const s of form.shared) {
    if (s.target !== 'common') continue;
    const values = s.sources
      .map((src) => ({ basicCode: src.basicCode, itemName: src.itemName, value: fields[src.basicCode]?.[src.field.id] ?? null }))
      .filter((x) => x.value !== null && x.value !== '');
    if (new Set(values.map((x) => String(x.value))).size > 1) out.push({ key: s.key, label: s.field.label, values });
  }
  return out;
}

/** True when a bundle item sets a company up (a field for the 拟设立 name): its applicant is a company being founded. */
export function foundsCompany(items: readonly Pick<Item, 'fields'>[]): boolean {
  return items.some((i) => (i.fields ?? []).some((f) => semanticKeyOf(f) === 'organisation.name' && /拟设立|拟设|设立/.test(f.label)));
}

// ---- the agent across a bundle -------------------------------------------------------------

/** The shared situational question 是否委托代理人 (`shared/applicant-is-agent`). */
export const AGENT_QUESTION_KEY = 'shared/applicant-is-agent';
export const AGENT_OPTION_ID = 'agent';
export const SELF_OPTION_ID = 'self';

/**
 * One answer, one agent record for every item of a bundle: when the checklist asks the
 * shared 是否委托代理人 question, its answer decides — 'agent' keeps (or opens) the one agent
 * record, 'self' drops it; without an answer, an existing agent record answers the question.
 * Returns the same object when already consistent.
 */
export function reconcileAgent<C extends { answers: Record<string, string>; agent?: AgentDraft | null | undefined }>(c: C, agentQuestionAsked: boolean): C {
  if (!agentQuestionAsked) return c;
  const answer = c.answers[AGENT_QUESTION_KEY];
  const hasAgent = c.agent !== null && c.agent !== undefined;
  if (answer === AGENT_OPTION_ID) return hasAgent ? c : { ...c, agent: {} };
  if (answer === SELF_OPTION_ID) return hasAgent ? { ...c, agent: null } : c.agent === null ? c : { ...c, agent: null };
  if (answer === undefined && c.agent !== undefined) return { ...c, answers: { ...c.answers, [AGENT_QUESTION_KEY]: hasAgent ? AGENT_OPTION_ID : SELF_OPTION_ID } };
  return c;
}

// ---- corrections ---------------------------------------------------------------------------

const APPLICANT_PROPERTY: Record<SemanticKey, string> = {
  'applicant.name': 'applicant.name',
  'applicant.idNumber': 'applicant.idNumber',
  'applicant.phone': 'applicant.phone',
  'applicant.address': 'applicant.address',
  'organisation.name': 'applicant.name',
  'organisation.uscc': 'applicant.uscc',
  'organisation.legalRepresentative': 'applicant.legalRepresentative',
  'organisation.legalRepresentativeIdNumber': 'applicant.legalRepresentativeIdNumber',
  'organisation.address': 'applicant.address',
  'agent.name': 'agent.name',
  'agent.idNumber': 'agent.idNumber',
  'agent.phone': 'agent.phone',
};

/**
 * Where a fix of the item field `fields.<basicCode>.<fieldId>` belongs: the applicant (or
 * agent) property that answers it in the merged form (e.g. `applicant.address` for 住所), so
 * a 补正 fix changes the one answer and `projectCaseFields` carries it to every item; the
 * field path itself when the field is the item's own.
 */
export function answerPathOf(form: MergedForm, path: string, applicantKind: 'person' | 'organisation' | undefined): string {
  const m = /^fields\.([^.]+)\.(.+)$/.exec(path);
  if (!m) return path;
  const shared = form.shared.find((s) => s.target !== 'common' && s.sources.some((x) => x.basicCode === m[1] && x.field.id === m[2]));
  if (!shared) return path;
  const key = shared.key as SemanticKey;
  if (applicantKind === 'person' && key.startsWith('organisation.')) return path;
  const idPath = key === 'applicant.idNumber' && applicantKind === 'organisation' ? 'applicant.legalRepresentativeIdNumber' : APPLICANT_PROPERTY[key];
  return idPath;
}
