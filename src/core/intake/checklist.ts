/**
 * Guided intake (情形引导): from the subject (an item or a 一件事 bundle) and the answers so
 * far, which questions to ask and which materials to collect — once each across a bundle
 * (一次告知、一套材料).
 *
 * Rules
 * - A question is asked when its `askWhen` holds. A condition on a question that is not
 *   asked does not hold; a condition on a question that is asked but not answered yet is
 *   *undetermined*, and so is anything depending on it (three-valued logic).
 * - A material applies when its handling items are empty or intersect the chosen ones and
 *   its `appliesWhen` holds. An undetermined material is not listed yet; its key is in
 *   `undeterminedMaterialKeys` and the questions to answer are in `unansweredQuestions`.
 * - Across a bundle, questions with the same `sharedQuestionId` are asked once (one answer,
 *   key `shared/<id>`), materials with the same `sharedMaterialId` are collected once
 *   (key `shared/<id>`), merged strictly: the most copies, the strictest necessity
 *   (required > deferrable > optional), the strictest type (original > originalOrCopy >
 *   copy), fetchable only when every item accepts data sharing, the distinct acceptance
 *   standards and legal bases joined with '；'.
 * - A shared question is evaluated per item: item B's conditions on it hold only when B's
 *   own copy of the question is asked (by B's askWhen) and the shared answer matches.
 * - With an agent (代办人), 授权委托书 and 代理人身份证件 are added unless a listed material
 *   already has sharedMaterialId 'power-of-attorney' / 'agent-id-card'.
 * - A material that another chosen item of the same case issues as its result (开办企业: the
 *   营业执照 of the company 设立登记 founds) does not exist yet: it can be neither collected nor
 *   fetched, so it leaves `materials` for `issuedInCase` (the department gets it from the
 *   issuing item). An item that needs its own result as input (a 变更 needing the old licence)
 *   keeps the line.
 *
 * Speed: `prepareCatalog` indexes items, bundles and questions once (cached per catalog
 * object in a WeakMap, so passing the Catalog itself is fine after the first call).
 */
import { implementationCodeOf, type Bundle, type Catalog, type Condition, type Department, type HandlingItem, type Item, type Material, type SituationQuestion, type SpecialProcedure, type TimeLimit } from '../catalog/schema';
import { timeLimitDays } from '../catalog/format';
import { AGENT_SHARED_MATERIAL_IDS, materialKey, questionKey, sharedKey, type Subject } from './case';

// ---- prepared catalog -----------------------------------------------------------------

export interface PreparedItem {
  readonly item: Item;
  readonly questionsById: ReadonlyMap<string, SituationQuestion>;
  readonly handlingItemsByCode: ReadonlyMap<string, HandlingItem>;
}

export interface PreparedCatalog {
  readonly catalog: Catalog;
  /** By basic code: the first implementation of it in the catalog (old cases name only the basic code). */
  readonly itemsByCode: ReadonlyMap<string, PreparedItem>;
  /** By implementation code (实施编码): several departments may implement one basic code. */
  readonly itemsByImplementation: ReadonlyMap<string, PreparedItem>;
  readonly bundlesById: ReadonlyMap<string, Bundle>;
  readonly departmentsByCode: ReadonlyMap<string, Department>;
}

const preparedCache = new WeakMap<Catalog, PreparedCatalog>();

/** Lookup maps over a catalog (first occurrence wins on duplicate codes). Cached per catalog object. */
export function prepareCatalog(catalog: Catalog): PreparedCatalog {
  const cached = preparedCache.get(catalog);
  if (cached) return cached;
  const itemsByCode = new Map<string, PreparedItem>();
  const itemsByImplementation = new Map<string, PreparedItem>();
  for (const item of catalog.items) {
    const implementation = implementationCodeOf(item);
    if (itemsByImplementation.has(implementation)) continue;
    const questionsById = new Map<string, SituationQuestion>();
    for (const q of item.situations ?? []) if (!questionsById.has(q.id)) questionsById.set(q.id, q);
    const handlingItemsByCode = new Map<string, HandlingItem>();
    for (const h of item.handlingItems) if (!handlingItemsByCode.has(h.code)) handlingItemsByCode.set(h.code, h);
    const prepared: PreparedItem = { item, questionsById, handlingItemsByCode };
    itemsByImplementation.set(implementation, prepared);
    if (!itemsByCode.has(item.basicCode)) itemsByCode.set(item.basicCode, prepared);
  }
  const bundlesById = new Map<string, Bundle>();
  for (const b of catalog.bundles ?? []) if (!bundlesById.has(b.id)) bundlesById.set(b.id, b);
  const departmentsByCode = new Map<string, Department>();
  for (const d of catalog.departments) if (!departmentsByCode.has(d.code)) departmentsByCode.set(d.code, d);
  const prepared: PreparedCatalog = { catalog, itemsByCode, itemsByImplementation, bundlesById, departmentsByCode };
  preparedCache.set(catalog, prepared);
  return prepared;
}

/**
 * The implementation a case means: the one named by its implementation code (when it is an
 * implementation of this basic code), else the first of the basic code — what a case taken in
 * before implementation codes existed referred to.
 */
export function preparedItemOf(pc: PreparedCatalog, basicCode: string, implementationCode?: string): PreparedItem | undefined {
  const named = implementationCode === undefined ? undefined : pc.itemsByImplementation.get(implementationCode);
  return named && named.item.basicCode === basicCode ? named : pc.itemsByCode.get(basicCode);
}

/** The implementation code a subject names for a basic code, if any. */
export function implementationCodeInSubject(subject: Subject, basicCode: string): string | undefined {
  return subject.kind === 'item' ? (subject.basicCode === basicCode ? subject.implementationCode : undefined) : subject.implementationCodes?.[basicCode];
}

function isPrepared(c: Catalog | PreparedCatalog): c is PreparedCatalog {
  return (c as PreparedCatalog).itemsByCode instanceof Map;
}

export function asPrepared(c: Catalog | PreparedCatalog): PreparedCatalog {
  return isPrepared(c) ? c : prepareCatalog(c);
}

// ---- result types ---------------------------------------------------------------------

export interface ChecklistQuestion {
  key: string;
  text: string;
  help?: string;
  options: { id: string; label: string }[];
  /** The current answer when it is one of the options, else null. */
  answer: string | null;
  /** Basic codes of the chosen items that have this question. */
  itemCodes: string[];
  sharedQuestionId?: string;
}

export interface ChecklistMaterialSource {
  basicCode: string;
  materialId: string;
  name: string;
}

export interface ChecklistMaterial {
  key: string;
  name: string;
  type: Material['type'];
  forms: Material['forms'];
  copies: number;
  paperSize?: NonNullable<Material['paperSize']>;
  necessity: Material['necessity'];
  source: Material['source'];
  issuingDepartment?: string;
  /** The distinct acceptance standards joined with '；' (one standard for an unmerged line). */
  acceptanceStandard: string;
  /** The distinct acceptance standards (to pick a deficiency reason from). */
  acceptanceStandards: string[];
  legalBasis?: string;
  blankForm?: string;
  sample?: string;
  fillingNotes?: string;
  remarks?: string;
  /** May be fetched by data sharing (免提交): every merged item's forms include 'dataSharing'. */
  canFetch: boolean;
  /** Basic codes of the chosen items that need it. */
  itemCodes: string[];
  sharedMaterialId?: string;
  /** The catalog materials merged into this line. Empty for lines added for an agent. */
  sources: ChecklistMaterialSource[];
  addedBecauseAgent?: true;
}

export interface ChecklistItem {
  basicCode: string;
  /** 实施编码 of the implementation taken in (absent for catalogs without one). */
  implementationCode?: string;
  name: string;
  departmentCode: string;
  coHandlingDepartmentCodes: string[];
  /** The handling items in effect (chosen, or the only one). */
  handlingItems: { code: string; name: string }[];
  /** The chosen handling items' promised limit (the longest when several), else the item's. */
  promisedLimit: TimeLimit;
  statutoryLimit: TimeLimit;
  caseType: Item['caseType'];
  legalBasis: string[];
  /** 特别程序: not counted in the limits; the acceptance notice tells the applicant. */
  specialProcedures?: SpecialProcedure[];
  /** True for an item the bundle marks optional. */
  optionalInBundle: boolean;
}

export type ChecklistProblem =
  | { kind: 'noItems' }
  | { kind: 'unknownItem'; basicCode: string }
  | { kind: 'unknownBundle'; bundleId: string }
  | { kind: 'notInBundle'; basicCode: string }
  /** A non-optional item of the bundle was left out. */
  | { kind: 'bundleItemRequired'; basicCode: string }
  /** The item has several handling items and none was chosen. */
  | { kind: 'handlingItemNotChosen'; basicCode: string }
  | { kind: 'unknownHandlingItem'; basicCode: string; code: string };

/** A material issued by another item of this case (本件核发), so not collected at the window. */
export interface IssuedInCase {
  key: string;
  name: string;
  /** Items that need it. */
  itemCodes: string[];
  /** The item whose result it is. */
  issuedBy: { basicCode: string; name: string };
}

export interface Checklist {
  catalogVersion: string;
  subject: Subject;
  bundle?: { id: string; name: string };
  items: ChecklistItem[];
  /** Questions to ask now, in order. */
  questions: ChecklistQuestion[];
  /** Keys of asked questions without a valid answer. */
  unansweredQuestions: string[];
  materials: ChecklistMaterial[];
  /** Materials that will apply or not depending on answers still missing. */
  undeterminedMaterialKeys: string[];
  /** Materials this case itself issues (see the header). */
  issuedInCase: IssuedInCase[];
  problems: ChecklistProblem[];
  hasAgent: boolean;
}

export interface ChecklistOptions {
  hasAgent: boolean;
}

// ---- standard agent lines ---------------------------------------------------------------

/** 授权委托书: Civil Code Art. 165 lists what a written authorisation must state. */
export const POWER_OF_ATTORNEY_LINE = {
  name: '授权委托书',
  type: 'original',
  forms: ['paper'],
  copies: 1,
  paperSize: 'A4',
  necessity: 'required',
  source: 'applicant',
  acceptanceStandard: '载明委托事项、权限和期限，委托人签名或盖章',
  legalBasis: '《中华人民共和国民法典》第一百六十五条',
} as const;

export const AGENT_ID_LINE = {
  name: '代理人身份证件',
  type: 'originalOrCopy',
  forms: ['paper'],
  copies: 1,
  necessity: 'required',
  source: 'government',
  acceptanceStandard: '在有效期内，与代理人一致',
} as const;

function agentLine(
  sharedId: string,
  def: typeof POWER_OF_ATTORNEY_LINE | typeof AGENT_ID_LINE,
  itemCodes: string[],
): ChecklistMaterial {
  const line: ChecklistMaterial = {
    key: sharedKey(sharedId),
    name: def.name,
    type: def.type,
    forms: [...def.forms],
    copies: def.copies,
    necessity: def.necessity,
    source: def.source,
    acceptanceStandard: def.acceptanceStandard,
    acceptanceStandards: [def.acceptanceStandard],
    canFetch: false,
    itemCodes: [...itemCodes],
    sharedMaterialId: sharedId,
    sources: [],
    addedBecauseAgent: true,
  };
  if ('paperSize' in def) line.paperSize = def.paperSize;
  if ('legalBasis' in def) line.legalBasis = def.legalBasis;
  return line;
}

// ---- evaluation -----------------------------------------------------------------------

type Tri = 'yes' | 'no' | 'unknown';

interface ChosenItem {
  p: PreparedItem;
  handling: ReadonlySet<string>;
  handlingCodes: string[];
  optional: boolean;
}

const NECESSITY_RANK = { optional: 0, deferrable: 1, required: 2 } as const;
const TYPE_RANK = { copy: 0, originalOrCopy: 1, original: 2 } as const;
const FORM_ORDER = ['paper', 'electronic', 'scan', 'dataSharing'] as const;

/** Evaluates askWhen / appliesWhen for one item, memoising whether each question is asked. */
class ItemEvaluator {
  private readonly asked = new Map<string, Tri>();
  constructor(
    private readonly p: PreparedItem,
    private readonly answers: Readonly<Record<string, string>>,
  ) {}

  /** The answer to one of this item's questions when valid for this copy of it. */
  answerOf(q: SituationQuestion): string | null {
    const a = this.answers[questionKey(this.p.item.basicCode, q)];
    if (a === undefined) return null;
    for (const o of q.options) if (o.id === a) return a;
    return null;
  }

  isAsked(q: SituationQuestion): Tri {
    const memo = this.asked.get(q.id);
    if (memo !== undefined) return memo;
    this.asked.set(q.id, 'no'); // a cycle (never in a valid catalog) resolves to "not asked"
    const r = this.all(q.askWhen ?? []);
    this.asked.set(q.id, r);
    return r;
  }

  condition(c: Condition): Tri {
    const q = this.p.questionsById.get(c.questionId);
    if (!q) return 'no';
    const asked = this.isAsked(q);
    if (asked !== 'yes') return asked;
    const a = this.answerOf(q);
    if (a === null) return 'unknown';
    return c.optionIds.includes(a) ? 'yes' : 'no';
  }

  all(conditions: readonly Condition[]): Tri {
    let r: Tri = 'yes';
    for (const c of conditions) {
      const x = this.condition(c);
      if (x === 'no') return 'no';
      if (x === 'unknown') r = 'unknown';
    }
    return r;
  }
}

function resolveHandling(
  p: PreparedItem,
  requested: readonly string[],
  problems: ChecklistProblem[],
): { handling: Set<string>; codes: string[] } {
  const codes: string[] = [];
  for (const code of requested) {
    if (!p.handlingItemsByCode.has(code)) problems.push({ kind: 'unknownHandlingItem', basicCode: p.item.basicCode, code });
    else if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length === 0) {
    if (p.item.handlingItems.length === 1) codes.push(p.item.handlingItems[0]!.code);
    else problems.push({ kind: 'handlingItemNotChosen', basicCode: p.item.basicCode });
  }
  return { handling: new Set(codes), codes };
}

function resolveSubject(
  pc: PreparedCatalog,
  subject: Subject,
  problems: ChecklistProblem[],
): { chosen: ChosenItem[]; bundle?: Bundle } {
  const chosen: ChosenItem[] = [];
  const add = (code: string, requested: readonly string[], optional: boolean, implementation?: string) => {
    if (chosen.some((c) => c.p.item.basicCode === code)) return;
    // The implementation named (when it is one of this basic code), else the first one.
    const p = preparedItemOf(pc, code, implementation);
    if (!p) {
      problems.push({ kind: 'unknownItem', basicCode: code });
      return;
    }
    const { handling, codes } = resolveHandling(p, requested, problems);
    chosen.push({ p, handling, handlingCodes: codes, optional });
  };

  if (subject.kind === 'item') {
    add(subject.basicCode, subject.handlingItemCodes ?? [], false, subject.implementationCode);
    if (chosen.length === 0 && !problems.length) problems.push({ kind: 'noItems' });
    return { chosen };
  }

  const perItem = subject.handlingItemCodes ?? {};
  const bundle = pc.bundlesById.get(subject.bundleId);
  if (!bundle) {
    problems.push({ kind: 'unknownBundle', bundleId: subject.bundleId });
    for (const code of subject.basicCodes) add(code, perItem[code] ?? [], false);
  } else {
    const wanted = new Set(subject.basicCodes);
    const inBundle = new Set(bundle.items.map((r) => r.basicCode));
    for (const code of subject.basicCodes) if (!inBundle.has(code)) problems.push({ kind: 'notInBundle', basicCode: code });
    for (const ref of bundle.items) {
      if (!wanted.has(ref.basicCode)) {
        if (!ref.optional) problems.push({ kind: 'bundleItemRequired', basicCode: ref.basicCode });
        continue;
      }
      const own = perItem[ref.basicCode];
      const requested = own && own.length > 0 ? own : ref.handlingItemCode ? [ref.handlingItemCode] : [];
      add(ref.basicCode, requested, ref.optional ?? false, subject.implementationCodes?.[ref.basicCode] ?? ref.implementationCode);
    }
  }
  if (subject.basicCodes.length === 0) problems.push({ kind: 'noItems' });
  return bundle ? { chosen, bundle } : { chosen };
}

function promisedLimitOf(c: ChosenItem): TimeLimit {
  let best: TimeLimit | undefined;
  for (const code of c.handlingCodes) {
    const limit = c.p.handlingItemsByCode.get(code)?.promisedLimit ?? c.p.item.promisedLimit;
    if (!best || days(limit) > days(best)) best = limit;
  }
  return best ?? c.p.item.promisedLimit;
}

const days = (l: TimeLimit): number => timeLimitDays(l);

function pushDistinct(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

interface LineBuilder {
  line: ChecklistMaterial;
  legalBases: string[];
  allFetchable: boolean;
}

function newLine(key: string, basicCode: string, m: Material): LineBuilder {
  const line: ChecklistMaterial = {
    key,
    name: m.name,
    type: m.type,
    forms: [...m.forms],
    copies: m.copies,
    necessity: m.necessity,
    source: m.source,
    acceptanceStandard: m.acceptanceStandard,
    acceptanceStandards: [m.acceptanceStandard],
    canFetch: m.forms.includes('dataSharing'),
    itemCodes: [basicCode],
    sources: [{ basicCode, materialId: m.id, name: m.name }],
  };
  if (m.paperSize !== undefined) line.paperSize = m.paperSize;
  if (m.issuingDepartment !== undefined) line.issuingDepartment = m.issuingDepartment;
  if (m.legalBasis !== undefined) line.legalBasis = m.legalBasis;
  if (m.blankForm !== undefined) line.blankForm = m.blankForm;
  if (m.sample !== undefined) line.sample = m.sample;
  if (m.fillingNotes !== undefined) line.fillingNotes = m.fillingNotes;
  if (m.remarks !== undefined) line.remarks = m.remarks;
  if (m.sharedMaterialId !== undefined) line.sharedMaterialId = m.sharedMaterialId;
  return { line, legalBases: m.legalBasis ? [m.legalBasis] : [], allFetchable: line.canFetch };
}

function mergeInto(b: LineBuilder, basicCode: string, m: Material): void {
  const l = b.line;
  pushDistinct(l.itemCodes, basicCode);
  l.sources.push({ basicCode, materialId: m.id, name: m.name });
  if (m.copies > l.copies) l.copies = m.copies;
  if (NECESSITY_RANK[m.necessity] > NECESSITY_RANK[l.necessity]) l.necessity = m.necessity;
  if (TYPE_RANK[m.type] > TYPE_RANK[l.type]) l.type = m.type;
  if (m.forms.some((f) => !l.forms.includes(f))) {
    const union = new Set([...l.forms, ...m.forms]);
    l.forms = FORM_ORDER.filter((f) => union.has(f));
  }
  if (!m.forms.includes('dataSharing')) b.allFetchable = false;
  if (l.source !== 'government' && m.source === 'government') l.source = m.source;
  pushDistinct(l.acceptanceStandards, m.acceptanceStandard);
  pushDistinct(b.legalBases, m.legalBasis);
  if (l.paperSize === undefined && m.paperSize !== undefined) l.paperSize = m.paperSize;
  if (l.issuingDepartment === undefined && m.issuingDepartment !== undefined) l.issuingDepartment = m.issuingDepartment;
  if (l.blankForm === undefined && m.blankForm !== undefined) l.blankForm = m.blankForm;
  if (l.sample === undefined && m.sample !== undefined) l.sample = m.sample;
  if (l.fillingNotes === undefined && m.fillingNotes !== undefined) l.fillingNotes = m.fillingNotes;
  if (l.remarks === undefined && m.remarks !== undefined) l.remarks = m.remarks;
}

function finishLine(b: LineBuilder): ChecklistMaterial {
  const l = b.line;
  l.canFetch = b.allFetchable;
  l.acceptanceStandard = l.acceptanceStandards.join('；');
  if (b.legalBases.length > 0) l.legalBasis = b.legalBases.join('；');
  return l;
}

interface QuestionBuilder {
  q: ChecklistQuestion;
  asked: Tri;
}

/**
 * The questions to ask and the materials to collect for `subject` given `answers`.
 * Pure and fast; pass a PreparedCatalog (or the Catalog: it is prepared once and cached).
 */
export function deriveChecklist(
  catalog: Catalog | PreparedCatalog,
  subject: Subject,
  answers: Readonly<Record<string, string>>,
  options: ChecklistOptions,
): Checklist {
  const pc = asPrepared(catalog);
  const problems: ChecklistProblem[] = [];
  const { chosen, bundle } = resolveSubject(pc, subject, problems);

  const questions = new Map<string, QuestionBuilder>();
  const lines = new Map<string, LineBuilder>();
  const undetermined: string[] = [];

  for (const c of chosen) {
    const code = c.p.item.basicCode;
    const ev = new ItemEvaluator(c.p, answers);

    for (const q of c.p.item.situations ?? []) {
      const key = questionKey(code, q);
      const asked = ev.isAsked(q);
      const existing = questions.get(key);
      if (!existing) {
        const cq: ChecklistQuestion = {
          key,
          text: q.text,
          options: q.options.map((o) => ({ id: o.id, label: o.label })),
          answer: null,
          itemCodes: [code],
        };
        if (q.help !== undefined) cq.help = q.help;
        if (q.sharedQuestionId !== undefined) cq.sharedQuestionId = q.sharedQuestionId;
        questions.set(key, { q: cq, asked });
      } else {
        pushDistinct(existing.q.itemCodes, code);
        for (const o of q.options) if (!existing.q.options.some((x) => x.id === o.id)) existing.q.options.push({ id: o.id, label: o.label });
        if (asked === 'yes' || (asked === 'unknown' && existing.asked === 'no')) existing.asked = asked;
      }
    }

    for (const m of c.p.item.materials) {
      const hs = m.handlingItems;
      if (hs && hs.length > 0 && !hs.some((h) => c.handling.has(h))) continue;
      const applies = ev.all(m.appliesWhen ?? []);
      const key = materialKey(code, m);
      if (applies === 'no') continue;
      if (applies === 'unknown') {
        pushDistinct(undetermined, key);
        continue;
      }
      const existing = lines.get(key);
      if (existing) mergeInto(existing, code, m);
      else lines.set(key, newLine(key, code, m));
    }
  }

  const askedQuestions: ChecklistQuestion[] = [];
  const unansweredQuestions: string[] = [];
  for (const { q, asked } of questions.values()) {
    if (asked !== 'yes') continue;
    const a = answers[q.key];
    q.answer = a !== undefined && q.options.some((o) => o.id === a) ? a : null;
    askedQuestions.push(q);
    if (q.answer === null) unansweredQuestions.push(q.key);
  }

  const materials: ChecklistMaterial[] = [];
  const issuedInCase: IssuedInCase[] = [];
  for (const b of lines.values()) {
    const line = finishLine(b);
    const issuer = chosen.find(
      (c) => !line.itemCodes.includes(c.p.item.basicCode) && c.p.item.results.some((r) => r.name === line.name),
    );
    if (issuer) issuedInCase.push({ key: line.key, name: line.name, itemCodes: line.itemCodes, issuedBy: { basicCode: issuer.p.item.basicCode, name: issuer.p.item.name } });
    else materials.push(line);
  }
  const itemCodes = chosen.map((c) => c.p.item.basicCode);
  if (options.hasAgent && itemCodes.length > 0) {
    const poa = AGENT_SHARED_MATERIAL_IDS.powerOfAttorney;
    const aid = AGENT_SHARED_MATERIAL_IDS.agentIdDocument;
    if (!lines.has(sharedKey(poa))) materials.push(agentLine(poa, POWER_OF_ATTORNEY_LINE, itemCodes));
    if (!lines.has(sharedKey(aid))) materials.push(agentLine(aid, AGENT_ID_LINE, itemCodes));
  }

  const items: ChecklistItem[] = chosen.map((c) => {
    const item = c.p.item;
    return {
      basicCode: item.basicCode,
      ...(item.implementationCode ? { implementationCode: item.implementationCode } : {}),
      name: item.name,
      departmentCode: item.departmentCode,
      coHandlingDepartmentCodes: [...(item.coHandlingDepartmentCodes ?? [])],
      handlingItems: c.handlingCodes.map((code) => ({ code, name: c.p.handlingItemsByCode.get(code)!.name })),
      promisedLimit: promisedLimitOf(c),
      statutoryLimit: item.statutoryLimit,
      caseType: item.caseType,
      legalBasis: [...item.legalBasis],
      ...(item.specialProcedures && item.specialProcedures.length > 0 ? { specialProcedures: item.specialProcedures.map((p) => ({ ...p })) } : {}),
      optionalInBundle: c.optional,
    };
  });

  const result: Checklist = {
    catalogVersion: pc.catalog.version,
    subject,
    items,
    questions: askedQuestions,
    unansweredQuestions,
    materials,
    undeterminedMaterialKeys: undetermined.filter((k) => !lines.has(k)),
    issuedInCase,
    problems,
    hasAgent: options.hasAgent,
  };
  if (bundle) result.bundle = { id: bundle.id, name: bundle.name };
  return result;
}

/** The checklist line with this key, if any. */
export function findLine(checklist: Checklist, key: string): ChecklistMaterial | undefined {
  return checklist.materials.find((m) => m.key === key);
}
