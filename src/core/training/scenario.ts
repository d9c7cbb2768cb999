/**
 * Drill scenarios (培训演练场景): a versioned JSON format validated with zod, and its import.
 *
 * A scenario is a simulated visit to the window:
 * - `applicant`: who comes (`party`: a person or an organisation, with realistic but
 *   fictional data and valid resident IDs / USCCs), an agent if any, what they ask for in their
 *   own words (`says`: 我想开个小饭馆，要办什么证？), the documents they bring (present,
 *   missing, defective — an expired ID card, an unreadable copy, a wrong form), each mapped
 *   to a checklist key, and special circumstances (agent without an authorisation letter,
 *   dishonesty-list flag, another jurisdiction, a USCC that fails its checksum …);
 * - `expected`: the right subject (item + handling items, or bundle + items), the situation
 *   answers (question key → option id), each material's state, the decision (accept /
 *   oneTimeNotice / deferral 容缺受理 / refuse) and its reasons (which lines the notice lists,
 *   which are deferred, the refusal code and where to apply), and whether a USCC override
 *   must be recorded;
 * - `debrief`: the model answer, shown after the drill.
 *
 * Keys are those of the intake case (src/core/intake/case.ts): `shared/<sharedId>` or
 * `<basicCode>/<id>`; an agent adds `shared/power-of-attorney` and `shared/agent-id-card`.
 *
 * A pack: `{ schemaVersion: 1, packId, title, scenarios: [...] }`.
 *
 * `parseScenarioPackText(text, catalog)` never throws. It reports every problem at once as a
 * bilingual `path: reason` issue (the catalog import's shape), e.g.
 * `scenarios[3].expected.materials["shared/applicant-id-card"]`: structure (zod), then each
 * scenario against the catalog — the item/bundle exists, answers are asked questions with
 * existing options, every checklist line has an expected state and no other key does, the
 * documents agree with the expected states, identity numbers are valid, and the expected
 * decision is the one the intake rules reach (see ./outcome.ts).
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/schema';
import { type CatalogIssue, type PathSegment, makeIssue, quote } from '../catalog/issues';
import { cap, mapZodIssues, utf8ByteLength } from '../catalog/import';
import { describeJsonSyntaxError, findJsonSyntaxError } from '../catalog/json-syntax';
import { isRealDate } from '../calendar/isoDate';
import type { Localized } from '../i18n';
import { checkResidentId, checkUscc, identityProblemMessage, isOverridableUsccProblem, normalizeIdentityInput } from '../identity';
import { isValidPhone } from '../intake/applicant';
import { MaterialStatus, type MaterialState, PersonIdType, RefusalCode, type Subject, parseKey } from '../intake/case';
import { type Checklist, type ChecklistProblem, type PreparedCatalog, asPrepared } from '../intake/checklist';
import { blockerMessage } from '../intake/decision';
import { type DeferralBlock, assessMaterials, checklistFor, deferralCheck, lineOutcome, noticeKeys, sameKeySet } from './outcome';

export const SCENARIO_SCHEMA_VERSION = 1;
/** Packs above this size are refused before parsing. */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;
export const MAX_SCENARIOS_PER_PACK = 500;

const text = z.string().trim().min(1);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), 'not a real date');
/** Lower-case slug: `food-licence-deferral`. */
const slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'expected a lower-case slug (a–z, 0–9, -), e.g. food-licence-deferral');
const tag = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'expected a short tag (letters, digits, . _ -)');
/** A checklist key: `shared/<id>` or `<basicCode>/<id>`. */
const checklistKey = z.string().refine((k) => parseKey(k) !== null, 'expected a key like shared/<id> or <basicCode>/<id>');

/** A text in Chinese, with an optional English version for trainers. */
export const LocalizedText = z.strictObject({ 'zh-CN': text.max(4000), 'en-US': text.max(4000).optional() });
export type LocalizedText = z.infer<typeof LocalizedText>;

// ---- the simulated applicant ------------------------------------------------------------------

export const DEFECT_KINDS = ['expired', 'unreadable', 'wrongForm', 'unsigned', 'mismatch', 'incomplete', 'copyOnly', 'wrongMatter', 'other'] as const;
export const DefectKind = z.enum(DEFECT_KINDS);
export type DefectKind = z.infer<typeof DefectKind>;

/** What is wrong with a defective document — also the deficiency reason a trainee may pick. */
export const DEFECT_LABELS: Record<DefectKind, Localized> = {
  expired: { 'zh-CN': '已过有效期', 'en-US': 'expired' },
  unreadable: { 'zh-CN': '模糊不清，无法辨认', 'en-US': 'unreadable' },
  wrongForm: { 'zh-CN': '未使用规定格式', 'en-US': 'not on the prescribed form' },
  unsigned: { 'zh-CN': '缺少签名或盖章', 'en-US': 'a signature or seal is missing' },
  mismatch: { 'zh-CN': '信息与申请人或其他材料不一致', 'en-US': 'details do not match the applicant or other documents' },
  incomplete: { 'zh-CN': '内容填写不完整', 'en-US': 'incomplete' },
  copyOnly: { 'zh-CN': '仅提交复印件，须提交原件', 'en-US': 'only a copy; the original is required' },
  wrongMatter: { 'zh-CN': '载明的事项与本次申请不一致', 'en-US': 'it states another matter than this application' },
  other: { 'zh-CN': '不符合受理标准', 'en-US': 'does not meet the acceptance standard' },
};

export const DocumentState = z.enum(['present', 'missing', 'defective']);
export type DocumentState = z.infer<typeof DocumentState>;

/** One document the applicant brings (or says they do not have). */
export const ScenarioDocument = z
  .strictObject({
    /** The checklist key it answers to. */
    key: checklistKey,
    state: DocumentState,
    /** How it comes: the original, a copy, or electronic (电子证照 shown on a phone). Default: original. */
    form: z.enum(['original', 'copy', 'electronic']).optional(),
    /** What is wrong, for a defective document. */
    defect: DefectKind.optional(),
    /** What the trainee sees on it, e.g. 居民身份证（有效期限 2016.10.08—2026.10.08）. */
    label: text.max(300).optional(),
    /** More detail for the trainee (the applicant's explanation). */
    note: text.max(1000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.state === 'defective' && !d.defect)
      ctx.addIssue({ code: 'custom', path: ['defect'], message: 'a defective document needs its defect' });
    if (d.state !== 'defective' && d.defect)
      ctx.addIssue({ code: 'custom', path: ['defect'], message: 'only a defective document has a defect' });
    if (d.state === 'missing' && d.form)
      ctx.addIssue({ code: 'custom', path: ['form'], message: 'a missing document has no form' });
  });
export type ScenarioDocument = z.infer<typeof ScenarioDocument>;

export const CIRCUMSTANCE_KINDS = [
  /** Comes for someone else without a written authorisation (授权委托书). */
  'agentWithoutAuthorisation',
  /** On the dishonesty list (失信): no 容缺. */
  'dishonest',
  /** The matter belongs to another authority or place: refuse and say where to apply. */
  'otherJurisdiction',
  /** Asks for 容缺受理 (accept now, supplement later). */
  'asksForDeferral',
  /** The organisation's USCC fails its checksum (some early codes do): warn, verify, override. */
  'usccChecksumFails',
  /** The ID card shown has expired. */
  'expiredIdCard',
  /** In a hurry, pressing the clerk. */
  'urgent',
  'other',
] as const;
export const CircumstanceKind = z.enum(CIRCUMSTANCE_KINDS);
export type CircumstanceKind = z.infer<typeof CircumstanceKind>;

export const Circumstance = z
  .strictObject({
    kind: CircumstanceKind,
    /** What the trainee learns (a system notice, what the applicant says): 信用核查：该单位被列入… */
    note: text.max(1000),
    /** For otherJurisdiction: the competent authority. */
    competentAuthority: text.max(200).optional(),
    /** For dishonest: found in the imported list, or flagged by the clerk. */
    source: z.enum(['list', 'clerk']).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'otherJurisdiction' && !c.competentAuthority)
      ctx.addIssue({ code: 'custom', path: ['competentAuthority'], message: 'otherJurisdiction needs the competent authority' });
  });
export type Circumstance = z.infer<typeof Circumstance>;

const personFields = {
  name: text.max(50),
  idType: PersonIdType.default('residentId'),
  idTypeLabel: text.max(30).optional(),
  idNumber: text.max(40),
  phone: text.max(30),
  address: text.max(200).optional(),
};

export const ScenarioPerson = z.strictObject({ kind: z.literal('person'), ...personFields });
export const ScenarioOrganisation = z.strictObject({
  kind: z.literal('organisation'),
  name: text.max(100),
  uscc: text.max(40),
  legalRepresentative: text.max(50),
  legalRepresentativeIdNumber: text.max(40).optional(),
  phone: text.max(30),
  address: text.max(200).optional(),
});
export const ScenarioParty = z.discriminatedUnion('kind', [ScenarioPerson, ScenarioOrganisation]);
export type ScenarioParty = z.infer<typeof ScenarioParty>;

export const ScenarioAgent = z.strictObject({ ...personFields, relation: text.max(20).optional() });
export type ScenarioAgent = z.infer<typeof ScenarioAgent>;

export const ScenarioApplicant = z.strictObject({
  party: ScenarioParty,
  /** null = the applicant comes in person. */
  agent: ScenarioAgent.nullable().default(null),
  /** What they say at the counter, in their own words (Chinese, colloquial). */
  says: text.max(2000),
  saysEn: text.max(2000).optional(),
  documents: z.array(ScenarioDocument).max(100),
  circumstances: z.array(Circumstance).max(20).default([]),
});
export type ScenarioApplicant = z.infer<typeof ScenarioApplicant>;

// ---- the expected outcome ---------------------------------------------------------------------

const ExpectedStatus = MaterialStatus.exclude(['pending']);
export type ExpectedStatus = z.infer<typeof ExpectedStatus>;

export const ExpectedMaterial = z.strictObject({
  status: ExpectedStatus,
  /** Other states also right (e.g. 'fetched' for a fetchable document the applicant brought anyway). */
  also: z.array(ExpectedStatus).max(4).optional(),
});
export type ExpectedMaterial = z.infer<typeof ExpectedMaterial>;

export const ExpectedDecision = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept') }),
  /** 一次性告知书: exactly these lines. */
  z.strictObject({ kind: z.literal('oneTimeNotice'), notice: z.array(checklistKey).min(1) }),
  /** 容缺受理: accepted, these lines deferred. */
  z.strictObject({ kind: z.literal('deferral'), deferred: z.array(checklistKey).min(1) }),
  z.strictObject({
    kind: z.literal('refuse'),
    refusalCode: RefusalCode,
    /** The model answer for where to apply (required for notJurisdiction). */
    whereToApply: text.max(300).optional(),
    /** Words a trainee's where-to-apply must contain to count (e.g. ['苏州']); none = any non-empty text. */
    whereToApplyKeywords: z.array(text.max(50)).max(10).optional(),
  }),
]);
export type ExpectedDecision = z.infer<typeof ExpectedDecision>;

export const ScenarioSubject = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('item'), basicCode: text, handlingItemCodes: z.array(text).default([]) }),
  z.strictObject({
    kind: z.literal('bundle'),
    bundleId: text,
    basicCodes: z.array(text).min(1),
    handlingItemCodes: z.record(z.string(), z.array(text)).optional(),
  }),
]);

export const ScenarioExpected = z.strictObject({
  subject: ScenarioSubject,
  answers: z.record(checklistKey, text).default({}),
  materials: z.record(checklistKey, ExpectedMaterial).default({}),
  decision: ExpectedDecision,
  /** The USCC fails its checksum and the clerk must record an override (after checking the original). */
  usccOverride: z.boolean().default(false),
});
export type ScenarioExpected = z.infer<typeof ScenarioExpected>;

// ---- scenario and pack ------------------------------------------------------------------------

export const Scenario = z.strictObject({
  id: slug,
  title: text.max(100),
  titleEn: text.max(200).optional(),
  /** 1 easy … 5 tricky. */
  level: z.number().int().min(1).max(5),
  tags: z.array(tag).max(20).default([]),
  /** The catalog version it was written for. */
  catalogVersion: text.max(20),
  /** The day the drill plays: documents (expiry dates) and ID birth dates are read against it. */
  drillDate: isoDate,
  /** Par time in seconds (default by level, see scoring.ts). */
  parSeconds: z.number().int().min(30).max(7200).optional(),
  applicant: ScenarioApplicant,
  expected: ScenarioExpected,
  /** The model answer and teaching points, shown after the drill. */
  debrief: LocalizedText,
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

export const ScenarioPack = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
  packId: slug,
  title: text.max(100),
  titleEn: text.max(200).optional(),
  description: text.max(4000).optional(),
  scenarios: z.array(Scenario).min(1).max(MAX_SCENARIOS_PER_PACK),
});
export type ScenarioPack = z.infer<typeof ScenarioPack>;
export type ScenarioPackInput = z.input<typeof ScenarioPack>;

// ---- helpers over a scenario ------------------------------------------------------------------

/** The scenario's circumstance of this kind, if any. */
export function circumstance(s: Pick<Scenario, 'applicant'>, kind: CircumstanceKind): Circumstance | undefined {
  return s.applicant.circumstances.find((c) => c.kind === kind);
}

export function isDishonest(s: Pick<Scenario, 'applicant'>): boolean {
  return circumstance(s, 'dishonest') !== undefined;
}

/** The subject as the intake case stores it. */
export function expectedSubject(s: Pick<Scenario, 'expected'>): Subject {
  const sub = s.expected.subject;
  if (sub.kind === 'item') return { kind: 'item', basicCode: sub.basicCode, handlingItemCodes: [...sub.handlingItemCodes] };
  const out: Subject = { kind: 'bundle', bundleId: sub.bundleId, basicCodes: [...sub.basicCodes] };
  if (sub.handlingItemCodes) out.handlingItemCodes = structuredCloneRecord(sub.handlingItemCodes);
  return out;
}

function structuredCloneRecord(r: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v]]));
}

/** The checklist of the expected outcome (the scenario's agent adds its two lines). */
export function expectedChecklist(s: Scenario, catalog: Catalog | PreparedCatalog): Checklist {
  return checklistFor(catalog, expectedSubject(s), s.expected.answers, s.applicant.agent !== null);
}

/** The reason text recorded for an expected 'deficient' line: the document's defect label. */
export function expectedDeficiencyReason(s: Scenario, key: string): string {
  const doc = s.applicant.documents.find((d) => d.key === key);
  if (doc?.defect) return DEFECT_LABELS[doc.defect]['zh-CN'];
  return DEFECT_LABELS.other['zh-CN'];
}

/** The material states of the expected outcome, as an intake case would store them. */
export function expectedMaterialStates(s: Scenario): Record<string, MaterialState> {
  const out: Record<string, MaterialState> = {};
  for (const [key, m] of Object.entries(s.expected.materials)) {
    out[key] = m.status === 'deficient' ? { status: 'deficient', reason: expectedDeficiencyReason(s, key) } : { status: m.status };
  }
  return out;
}

// ---- import -----------------------------------------------------------------------------------

export type ScenarioIssue = CatalogIssue;

export type ParsePackResult =
  | { ok: true; pack: ScenarioPack; warnings: ScenarioIssue[] }
  | { ok: false; errors: ScenarioIssue[]; warnings: ScenarioIssue[] };

export type ParseScenarioResult =
  | { ok: true; scenario: Scenario; warnings: ScenarioIssue[] }
  | { ok: false; errors: ScenarioIssue[]; warnings: ScenarioIssue[] };

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function parseJson(text: unknown): { ok: true; data: unknown } | { ok: false; issue: ScenarioIssue } {
  if (typeof text !== 'string') return { ok: false, issue: makeIssue('error', 'import.notText', '', '文件内容不是文本', 'the file content is not text') };
  const size = text.length > MAX_PACK_BYTES ? text.length : text.length * 3 > MAX_PACK_BYTES ? utf8ByteLength(text) : 0;
  if (size > MAX_PACK_BYTES)
    return {
      ok: false,
      issue: makeIssue(
        'error',
        'import.tooLarge',
        '',
        `文件过大（至少 ${mb(size)} MB），场景包不能超过 ${mb(MAX_PACK_BYTES)} MB`,
        `the file is too large (at least ${mb(size)} MB); a scenario pack may be at most ${mb(MAX_PACK_BYTES)} MB`,
      ),
    };
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom);
  if (body.trim() === '') return { ok: false, issue: makeIssue('error', 'import.empty', '', '文件为空', 'the file is empty') };
  try {
    return { ok: true, data: JSON.parse(body) };
  } catch (e) {
    const found = findJsonSyntaxError(body);
    if (found) {
      const m = describeJsonSyntaxError(found);
      const issue = makeIssue('error', 'json.syntax', '', m['zh-CN'], m['en-US']);
      issue.position = { line: found.line, column: found.column, offset: found.offset + bom };
      return { ok: false, issue };
    }
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, issue: makeIssue('error', 'json.syntax', '', `JSON 语法错误：${detail}`, `JSON syntax error: ${detail}`) };
  }
}

function zodIssues(issues: readonly z.core.$ZodIssue[], data: unknown, prefix: readonly PathSegment[] = []): ScenarioIssue[] {
  return mapZodIssues(issues, data, prefix).map((i) => {
    if (i.code === 'schema.unrecognized_keys') {
      const field = i.path.split(/[.[\]"]+/).filter(Boolean).at(-1) ?? '';
      return { ...i, message: { 'zh-CN': `未知字段 ${quote(field)}（拼写错误？该字段不属于场景格式）`, 'en-US': `unknown field ${quote(field)} (a typo? it is not part of the scenario format)` } };
    }
    return i;
  });
}

function internalIssue(e: unknown): ScenarioIssue {
  const detail = e instanceof Error ? e.message : String(e);
  return makeIssue('error', 'import.internal', '', `无法读取场景（内部错误：${detail}）`, `the scenarios could not be read (internal error: ${detail})`);
}

function split(issues: ScenarioIssue[]): { errors: ScenarioIssue[]; warnings: ScenarioIssue[] } {
  return { errors: cap(issues.filter((i) => i.severity === 'error')), warnings: cap(issues.filter((i) => i.severity !== 'error')) };
}

/** Parses and checks a scenario pack file against the catalog the drills will run on. Never throws. */
export function parseScenarioPackText(text: string, catalog: Catalog | PreparedCatalog): ParsePackResult {
  const j = parseJson(text);
  if (!j.ok) return { ok: false, errors: [j.issue], warnings: [] };
  return parseScenarioPackData(j.data, catalog);
}

/** Checks already-parsed pack data. Never throws. */
export function parseScenarioPackData(data: unknown, catalog: Catalog | PreparedCatalog): ParsePackResult {
  try {
    const parsed = ScenarioPack.safeParse(data);
    if (!parsed.success) return { ok: false, errors: cap(zodIssues(parsed.error.issues, data)), warnings: [] };
    const pack = parsed.data;
    const issues: ScenarioIssue[] = [];
    const seen = new Map<string, number>();
    pack.scenarios.forEach((s, i) => {
      const first = seen.get(s.id);
      if (first !== undefined)
        issues.push(
          makeIssue('error', 'scenario.duplicateId', ['scenarios', i, 'id'], `场景编号 ${quote(s.id)} 与第 ${first + 1} 个场景重复`, `scenario id ${quote(s.id)} repeats scenario ${first}`),
        );
      else seen.set(s.id, i);
      issues.push(...checkScenario(s, catalog, ['scenarios', i]));
    });
    const { errors, warnings } = split(issues);
    return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, pack, warnings };
  } catch (e) {
    return { ok: false, errors: [internalIssue(e)], warnings: [] };
  }
}

/** Parses and checks one scenario (the authoring form's preview). Never throws. */
export function parseScenarioData(data: unknown, catalog: Catalog | PreparedCatalog): ParseScenarioResult {
  try {
    const parsed = Scenario.safeParse(data);
    if (!parsed.success) return { ok: false, errors: cap(zodIssues(parsed.error.issues, data)), warnings: [] };
    const { errors, warnings } = split(checkScenario(parsed.data, catalog, []));
    return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, scenario: parsed.data, warnings };
  } catch (e) {
    return { ok: false, errors: [internalIssue(e)], warnings: [] };
  }
}

// ---- checks against the catalog and the rules -------------------------------------------------

const STATUS_LABEL: Record<MaterialStatus, Localized> = {
  pending: { 'zh-CN': '未核验', 'en-US': 'not checked' },
  receivedOriginal: { 'zh-CN': '已收原件', 'en-US': 'original received' },
  receivedCopy: { 'zh-CN': '已收复印件', 'en-US': 'copy received' },
  originalCheckedCopyKept: { 'zh-CN': '原件核验后退还，留存复印件', 'en-US': 'original checked and returned, copy kept' },
  fetched: { 'zh-CN': '数据共享调取（免提交）', 'en-US': 'fetched by data sharing' },
  missing: { 'zh-CN': '缺失（未提交）', 'en-US': 'missing' },
  deficient: { 'zh-CN': '不符合要求', 'en-US': 'not acceptable' },
};

/** A material state's name for display. */
export function materialStatusLabel(status: MaterialStatus | null): Localized {
  return status === null ? { 'zh-CN': '未核验', 'en-US': 'not checked' } : STATUS_LABEL[status];
}

function problemPath(p: ChecklistProblem, sub: Scenario['expected']['subject'], base: readonly PathSegment[]): PathSegment[] {
  const at = [...base, 'expected', 'subject'];
  switch (p.kind) {
    case 'noItems':
      return at;
    case 'unknownItem':
    case 'notInBundle':
      if (sub.kind === 'item') return [...at, 'basicCode'];
      return [...at, 'basicCodes', Math.max(0, sub.basicCodes.indexOf(p.basicCode))];
    case 'unknownBundle':
      return [...at, 'bundleId'];
    case 'bundleItemRequired':
      return [...at, 'basicCodes'];
    case 'handlingItemNotChosen':
      return sub.kind === 'item' ? [...at, 'handlingItemCodes'] : [...at, 'handlingItemCodes', p.basicCode];
    case 'unknownHandlingItem': {
      if (sub.kind === 'item') return [...at, 'handlingItemCodes', Math.max(0, sub.handlingItemCodes.indexOf(p.code))];
      const list = sub.handlingItemCodes?.[p.basicCode] ?? [];
      return list.includes(p.code) ? [...at, 'handlingItemCodes', p.basicCode, list.indexOf(p.code)] : [...at, 'handlingItemCodes'];
    }
  }
}

function problemText(p: ChecklistProblem): [string, string] {
  switch (p.kind) {
    case 'noItems':
      return ['没有选择任何事项', 'no item is chosen'];
    case 'unknownItem':
      return [`事项 ${p.basicCode} 不在目录中`, `item ${p.basicCode} is not in the catalog`];
    case 'unknownBundle':
      return [`“一件事” ${p.bundleId} 不在目录中`, `bundle ${p.bundleId} is not in the catalog`];
    case 'notInBundle':
      return [`事项 ${p.basicCode} 不属于该“一件事”`, `item ${p.basicCode} is not part of this bundle`];
    case 'bundleItemRequired':
      return [`缺少该“一件事”的必办事项 ${p.basicCode}`, `the bundle's required item ${p.basicCode} is missing`];
    case 'handlingItemNotChosen':
      return [`事项 ${p.basicCode} 有多个业务办理项，须指定一个`, `item ${p.basicCode} has several handling items: name one`];
    case 'unknownHandlingItem':
      return [`业务办理项 ${p.code} 不属于事项 ${p.basicCode}`, `handling item ${p.code} does not belong to item ${p.basicCode}`];
  }
}

const list = (xs: readonly string[], zh: boolean) => (xs.length === 0 ? (zh ? '（无）' : '(none)') : xs.join(zh ? '、' : ', '));

/**
 * Every problem of one (structurally valid) scenario against the catalog and the intake rules.
 * `base` prefixes the paths (['scenarios', 3] in a pack).
 */
export function checkScenario(s: Scenario, catalog: Catalog | PreparedCatalog, base: readonly PathSegment[] = []): ScenarioIssue[] {
  const pc = asPrepared(catalog);
  const out: ScenarioIssue[] = [];
  const err = (code: string, path: readonly PathSegment[], zh: string, en: string) => out.push(makeIssue('error', code, [...base, ...path], zh, en));
  const warn = (code: string, path: readonly PathSegment[], zh: string, en: string) => out.push(makeIssue('warning', code, [...base, ...path], zh, en));

  if (s.catalogVersion !== pc.catalog.version)
    warn(
      'scenario.catalogVersion',
      ['catalogVersion'],
      `场景按目录 ${s.catalogVersion} 编写，当前目录为 ${pc.catalog.version}，已按当前目录核对`,
      `written for catalog ${s.catalogVersion}; checked against the current catalog ${pc.catalog.version}`,
    );

  checkParties(s, err);
  checkCircumstances(s, err);

  const cl = expectedChecklist(s, pc);
  if (cl.problems.length > 0) {
    for (const p of cl.problems) {
      const [zh, en] = problemText(p);
      err('scenario.subject', problemPath(p, s.expected.subject, []), zh, en);
    }
    return out; // everything below depends on the subject
  }
  const refuse = s.expected.decision.kind === 'refuse';

  // Answers: asked questions with existing options; none missing (unless the case is refused outright).
  const asked = new Map(cl.questions.map((q) => [q.key, q]));
  const allQuestionKeys = new Set<string>();
  for (const item of cl.items) {
    const p = pc.itemsByCode.get(item.basicCode);
    for (const q of p?.item.situations ?? []) allQuestionKeys.add(q.sharedQuestionId ? `shared/${q.sharedQuestionId}` : `${item.basicCode}/${q.id}`);
  }
  for (const [key, option] of Object.entries(s.expected.answers)) {
    const q = asked.get(key);
    if (!q) {
      if (allQuestionKeys.has(key))
        err('scenario.answerNotAsked', ['expected', 'answers', key], '按其他答案，此问题不会被问到（请删去）', 'given the other answers this question is not asked (remove it)');
      else err('scenario.unknownQuestion', ['expected', 'answers', key], '不是所选事项的情形问题', 'not a situation question of the chosen items');
      continue;
    }
    if (!q.options.some((o) => o.id === option))
      err(
        'scenario.unknownOption',
        ['expected', 'answers', key],
        `选项 ${quote(option)} 不存在，可选：${q.options.map((o) => `${o.id}（${o.label}）`).join('、')}`,
        `option ${quote(option)} does not exist; allowed: ${q.options.map((o) => o.id).join(', ')}`,
      );
  }
  if (!refuse)
    for (const key of cl.unansweredQuestions) {
      if (key in s.expected.answers) continue; // reported above as an unknown option
      const q = asked.get(key);
      err('scenario.answerMissing', ['expected', 'answers'], `缺少情形问题“${q?.text ?? key}”（${key}）的答案`, `the answer to “${q?.text ?? key}” (${key}) is missing`);
    }

  // Agent: the answer to “委托代理人办理？” agrees with whether the scenario has an agent.
  const agentAnswer = s.expected.answers['shared/applicant-is-agent'];
  if (agentAnswer === 'agent' && s.applicant.agent === null)
    err('scenario.agentMissing', ['applicant', 'agent'], '答案为委托代理人办理，但场景没有代理人', 'the answer says an agent applies, but the scenario has no agent');
  if (agentAnswer === 'self' && s.applicant.agent !== null)
    err('scenario.agentUnexpected', ['expected', 'answers', 'shared/applicant-is-agent'], '场景有代理人，答案却为本人办理', 'the scenario has an agent, but the answer says the applicant comes in person');

  const lines = new Map(cl.materials.map((l) => [l.key, l]));
  const docs = new Map<string, ScenarioDocument>();
  s.applicant.documents.forEach((d, i) => {
    if (docs.has(d.key)) err('scenario.duplicateDocument', ['applicant', 'documents', i, 'key'], '同一材料重复列出', 'the same document is listed twice');
    else docs.set(d.key, d);
    if (!refuse && !lines.has(d.key))
      warn('scenario.extraDocument', ['applicant', 'documents', i, 'key'], '该材料不在本事项的材料清单中（申请人多带的材料）', 'not on the checklist (the applicant brings something not needed)');
  });

  if (refuse) {
    const d = s.expected.decision;
    if (d.kind === 'refuse' && d.refusalCode === 'notJurisdiction' && !d.whereToApply)
      err('scenario.whereToApply', ['expected', 'decision', 'whereToApply'], '不属于本机关职权范围的，须写明向哪个机关申请', 'for notJurisdiction, say where to apply');
    if (d.kind === 'refuse' && d.refusalCode === 'other')
      warn('scenario.refuseOther', ['expected', 'decision', 'refusalCode'], '“其他”理由的不予受理难以评分，请在讲评中写明理由', 'a refusal for “other” reasons is hard to score: explain it in the debrief');
    return out;
  }

  // Materials: every expected key is a line; every required/deferrable line has an expectation.
  for (const [key, m] of Object.entries(s.expected.materials)) {
    const line = lines.get(key);
    if (!line) {
      err('scenario.unknownMaterial', ['expected', 'materials', key], '不在按预期答案得出的材料清单中', 'not on the checklist the expected answers lead to');
      continue;
    }
    for (const st of [m.status, ...(m.also ?? [])])
      if (st === 'fetched' && !line.canFetch)
        err('scenario.fetchNotAllowed', ['expected', 'materials', key], `「${line.name}」不能通过数据共享调取`, `“${line.name}” cannot be fetched by data sharing`);
    const doc = docs.get(key);
    const path = ['expected', 'materials', key];
    const outcome = lineOutcome(line, m.status);
    if ((m.status === 'receivedOriginal' || m.status === 'receivedCopy') && doc?.state !== 'present' && !(doc?.state === 'defective' && outcome === 'deficient'))
      err('scenario.documentDisagrees', path, '预期为已收取，但申请人没有带来这份材料', 'expected as received, but the applicant does not bring it');
    if (m.status === 'deficient' && doc?.state !== 'defective')
      err('scenario.documentDisagrees', path, '预期为不符合要求，但申请人的材料没有标注缺陷', 'expected as not acceptable, but the applicant’s document has no defect');
    if (m.status === 'missing' && doc !== undefined && doc.state !== 'missing')
      err('scenario.documentDisagrees', path, '预期为缺失，但申请人带来了这份材料', 'expected as missing, but the applicant brings it');
    if (doc?.state === 'defective' && outcome !== 'deficient')
      err('scenario.documentDisagrees', path, '申请人的材料有缺陷，预期状态应为不符合要求', 'the applicant’s document is defective: expect it as not acceptable');
  }
  for (const line of cl.materials) {
    if (line.necessity === 'optional' || line.key in s.expected.materials) continue;
    err('scenario.materialMissing', ['expected', 'materials'], `缺少材料「${line.name}」（${line.key}）的预期状态`, `the expected state of “${line.name}” (${line.key}) is missing`);
  }
  if (out.some((i) => i.severity === 'error')) return out;

  // The decision is the one the rules reach.
  const a = assessMaterials(cl, expectedMaterialStates(s));
  const d = s.expected.decision;
  const keys = noticeKeys(cl, a);
  const dpath = ['expected', 'decision'];
  const blockers = (zh: boolean) => a.blockers.map((b) => blockerMessage(b, zh ? 'zh-CN' : 'en-US')).join(zh ? '；' : '; ');
  if (d.kind === 'accept' && !a.canAccept)
    err('scenario.inconsistent', dpath, `按预期的材料状态不能受理：${blockers(true)}`, `with the expected states the case cannot be accepted: ${blockers(false)}`);
  if (d.kind === 'oneTimeNotice') {
    if (!a.canIssueNotice)
      err('scenario.inconsistent', dpath, `按预期的材料状态不能出具一次性告知书：${blockers(true)}`, `with the expected states no one-time notice can be issued: ${blockers(false)}`);
    else checkKeyList(d.notice, keys, [...dpath, 'notice'], '告知书', 'the notice', err);
  }
  if (d.kind === 'deferral') {
    const dc = deferralCheck(cl, a, isDishonest(s));
    for (const b of dc.blocks) {
      const [zh, en] = deferralBlockText(b);
      err('scenario.inconsistent', dpath, `不能容缺受理：${zh}`, `no 容缺 (deferral) possible: ${en}`);
    }
    if (dc.eligible) checkKeyList(d.deferred, dc.deferredKeys, [...dpath, 'deferred'], '容缺材料', 'the deferred list', err);
  }
  return out;
}

function checkKeyList(
  given: readonly string[],
  wanted: readonly string[],
  path: readonly PathSegment[],
  zhWhat: string,
  enWhat: string,
  err: (code: string, path: readonly PathSegment[], zh: string, en: string) => void,
): void {
  if (sameKeySet(given, wanted)) return;
  const extra = given.filter((k) => !wanted.includes(k));
  const missing = wanted.filter((k) => !given.includes(k));
  err(
    'scenario.inconsistent',
    path,
    `${zhWhat}应列出的材料与预期状态不符：多列 ${list(extra, true)}；漏列 ${list(missing, true)}`,
    `${enWhat} does not match the expected states: not needed ${list(extra, false)}; left out ${list(missing, false)}`,
  );
}

/** A reason 容缺受理 is not allowed, in both languages. */
export function deferralBlockText(b: DeferralBlock): [string, string] {
  switch (b.kind) {
    case 'incomplete':
      return ['情形问题未答完或材料未核验完', 'questions unanswered or materials not checked'];
    case 'nothingToDefer':
      return ['没有缺少或不符合要求的材料，应直接受理', 'nothing is missing or deficient: accept'];
    case 'requiredMaterial':
      return [`「${b.name}」为必备材料，不能容缺`, `“${b.name}” is required (必备) and cannot be deferred`];
    case 'immediateItem':
      return [`「${b.name}」所属事项（${b.itemNames.join('、')}）为即办件，当场办结，无补交期限`, `“${b.name}” belongs to a same-day item (${b.itemNames.join(', ')}): no time to supplement`];
    case 'dishonest':
      return ['申请人被列入失信名单，不适用容缺受理', 'the applicant is on the dishonesty list: no 容缺'];
  }
}

type Err = (code: string, path: readonly PathSegment[], zh: string, en: string) => void;

function idMessage(r: Parameters<typeof identityProblemMessage>[0]): [string, string] {
  return [identityProblemMessage(r, 'zh-CN'), identityProblemMessage(r, 'en-US')];
}

function checkPerson(p: { idType: 'residentId' | 'other'; idNumber: string; phone: string }, path: readonly PathSegment[], today: string, err: Err): string {
  let id = normalizeIdentityInput(p.idNumber);
  if (p.idType === 'residentId') {
    const r = checkResidentId(id, today);
    if (!r.ok) {
      const [zh, en] = idMessage(r);
      err('scenario.residentId', [...path, 'idNumber'], zh, en);
    } else id = r.normalized;
  }
  if (!isValidPhone(p.phone)) err('scenario.phone', [...path, 'phone'], '联系电话格式不正确', 'not a valid phone number');
  return id;
}

function checkParties(s: Scenario, err: Err): void {
  const party = s.applicant.party;
  const base = ['applicant', 'party'];
  let partyId = '';
  if (party.kind === 'person') partyId = checkPerson(party, base, s.drillDate, err);
  else {
    const r = checkUscc(party.uscc);
    const shouldFail = s.expected.usccOverride || circumstance(s, 'usccChecksumFails') !== undefined;
    if (r.ok && shouldFail)
      err('scenario.uscc', [...base, 'uscc'], '场景要求代码校验不通过，但该代码校验通过', 'the scenario needs a code that fails its check, but this one passes');
    if (!r.ok && !(shouldFail && isOverridableUsccProblem(r.reason))) {
      const [zh, en] = idMessage(r);
      err('scenario.uscc', [...base, 'uscc'], zh, en);
    }
    if (party.legalRepresentativeIdNumber) {
      const rr = checkResidentId(party.legalRepresentativeIdNumber, s.drillDate);
      if (!rr.ok) {
        const [zh, en] = idMessage(rr);
        err('scenario.residentId', [...base, 'legalRepresentativeIdNumber'], zh, en);
      }
    }
    if (!isValidPhone(party.phone)) err('scenario.phone', [...base, 'phone'], '联系电话格式不正确', 'not a valid phone number');
  }
  if (s.expected.usccOverride && party.kind !== 'organisation')
    err('scenario.uscc', ['expected', 'usccOverride'], '只有单位申请人才有统一社会信用代码', 'only an organisation has a USCC');
  const agent = s.applicant.agent;
  if (agent) {
    const id = checkPerson(agent, ['applicant', 'agent'], s.drillDate, err);
    if (partyId !== '' && id === partyId)
      err('scenario.agentIsApplicant', ['applicant', 'agent', 'idNumber'], '代理人不能是申请人本人', 'the agent cannot be the applicant');
  }
}

function checkCircumstances(s: Scenario, err: Err): void {
  const d = s.expected.decision;
  s.applicant.circumstances.forEach((c, i) => {
    const path = ['applicant', 'circumstances', i, 'kind'];
    if (c.kind === 'dishonest' && d.kind === 'deferral')
      err('scenario.inconsistent', path, '失信申请人不适用容缺受理，预期决定不能为容缺受理', 'a dishonest applicant gets no 容缺: the expected decision cannot be a deferral');
    if (c.kind === 'otherJurisdiction' && !(d.kind === 'refuse' && d.refusalCode === 'notJurisdiction'))
      err('scenario.inconsistent', path, '不属于本机关职权范围的，预期决定应为不予受理（notJurisdiction）', 'another jurisdiction: the expected decision is a refusal (notJurisdiction)');
    if (c.kind === 'agentWithoutAuthorisation' && s.applicant.agent === null)
      err('scenario.inconsistent', path, '场景没有代理人', 'the scenario has no agent');
    if (c.kind === 'usccChecksumFails' && !s.expected.usccOverride)
      err('scenario.inconsistent', ['expected', 'usccOverride'], '代码校验不通过时，须核对原件后登记确认说明（usccOverride: true）', 'a code failing its check needs an override after checking the original (usccOverride: true)');
  });
}
