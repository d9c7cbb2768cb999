/**
 * Scoring a drill against its scenario, coached step feedback, and readiness for live work.
 *
 * ## Score (0–100)
 * Six parts, each scored 0–1 and weighted; a part that does not apply (no situation
 * questions; no materials to check because the case must be refused outright; no valid
 * timestamps) is left out and the others are scaled up, so a perfect drill is always 100.
 *
 * | part            | weight | how                                                                   |
 * |-----------------|-------:|-----------------------------------------------------------------------|
 * | identification  | 20 | item right 0.7 + handling item(s) right 0.3; bundle right 0.6 + its items 0.2 + handling items 0.2 |
 * | answers         | 10 | share of the expected situation answers given                             |
 * | materials       | 30 | share of the expected lines in the expected state                        |
 * | decision        | 25 | kind right 0.7 + the notice / deferred list exactly right 0.3; refusal: kind 0.6 + code 0.2 + where to apply 0.2 |
 * | applicant data  | 10 | share of the fields typed right (name, ID, phone; organisation name, USCC, legal representative, phone, override; agent) |
 * | time            |  5 | 1 up to par; above par −0.5 per par time over (0 at 3× par)                |
 *
 * Par time by level (seconds): 1 → 180, 2 → 300, 3 → 420, 4 → 600, 5 → 720; a scenario may set its own.
 *
 * Material states are compared by what they mean for the case: a copy and an original are the
 * same where the catalog takes either; a copy where the original is required is as deficient as
 * a 'deficient' mark; a scenario may list other right states (`also`).
 *
 * ## Critical mistakes
 * Mistakes a live case must never see, whatever the score:
 * - `acceptedWithMaterialMissing`: accepted (or 容缺-accepted past a 必备 line) while a
 *   required material is missing or not acceptable;
 * - `deferralForDishonest`: 容缺受理 for an applicant on the dishonesty list;
 * - `acceptedOutsideJurisdiction`: accepted a matter that belongs to another authority.
 *
 * ## Readiness
 * Ready for live work when the last `window` (5) drills average ≥ `minAverage` (85) and none of
 * them has a critical mistake; fewer than `window` drills = not ready yet.
 *
 * Explanations cite the catalog's own acceptance standard and legal basis (材料的受理标准、
 * 要求提供材料的依据; the item's 受理条件 and 设定依据) and 行政许可法 Art. 32 for the decision.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/schema';
import type { Locale, Localized } from '../i18n';
import { normalizeIdentityInput, toHalfWidth } from '../identity';
import { normalizePhone } from '../intake/applicant';
import {
  AgentDraft,
  ApplicantDraft,
  type IntakeCase,
  MaterialState as MaterialStateSchema,
  type MaterialStatus,
  RefusalCode,
  Subject,
} from '../intake/case';
import { type Checklist, type ChecklistMaterial, type PreparedCatalog, asPrepared } from '../intake/checklist';
import { IsoDateTime, epochMinutes } from '../intake/time';
import { DRILL_DECISION_KINDS, type DrillDecisionKind, assessMaterials, checklistFor, deferralCheck, lineOutcome, noticeKeys, sameKeySet } from './outcome';
import {
  DEFECT_LABELS,
  type ExpectedMaterial,
  type Scenario,
  circumstance,
  deferralBlockText,
  expectedChecklist,
  expectedMaterialStates,
  expectedSubject,
  isDishonest,
  materialStatusLabel,
} from './scenario';

// ---- constants ----------------------------------------------------------------------------

export const SCORE_WEIGHTS = { identification: 20, answers: 10, materials: 30, decision: 25, applicant: 10, time: 5 } as const;
export type ScorePart = keyof typeof SCORE_WEIGHTS;

/** Par time per level, in seconds. */
export const PAR_SECONDS_BY_LEVEL: Readonly<Record<number, number>> = { 1: 180, 2: 300, 3: 420, 4: 600, 5: 720 };

/** Score of the time part: no penalty up to par; then −0.5 per par time over, down to 0. */
export function timeScore(seconds: number, parSeconds: number): number {
  if (seconds <= parSeconds) return 1;
  return Math.max(0, 1 - (seconds - parSeconds) / (2 * parSeconds));
}

export function parSecondsOf(s: Pick<Scenario, 'level' | 'parSeconds'>): number {
  return s.parSeconds ?? PAR_SECONDS_BY_LEVEL[s.level] ?? 600;
}

export const READINESS = { window: 5, minAverage: 85 } as const;

// ---- the attempt ----------------------------------------------------------------------------

/** What the trainee did (from the training intake case), as scored. */
export const DrillAttempt = z.object({
  subject: Subject.nullable(),
  answers: z.record(z.string(), z.string()).default({}),
  materialStates: z.record(z.string(), MaterialStateSchema).default({}),
  applicant: ApplicantDraft.nullable().optional(),
  /** null = no agent. */
  agent: AgentDraft.nullable().optional(),
  decisionKind: z.enum(DRILL_DECISION_KINDS).nullable(),
  refusalCode: RefusalCode.optional(),
  whereToApply: z.string().optional(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
});
export type DrillAttempt = z.infer<typeof DrillAttempt>;
export type DrillAttemptInput = z.input<typeof DrillAttempt>;

/**
 * The attempt of a decided (or abandoned) training case. Pass `deferral: true` when the
 * acceptance was a 容缺受理 (the AcceptDecision itself does not say so).
 */
export function attemptFromCase(
  c: Pick<IntakeCase, 'subject' | 'answers' | 'materialStates' | 'applicant' | 'agent' | 'decision'>,
  times: { startedAt: string; finishedAt: string },
  options: { deferral?: boolean } = {},
): DrillAttempt {
  const a: DrillAttempt = {
    subject: c.subject,
    answers: { ...c.answers },
    materialStates: { ...c.materialStates },
    applicant: c.applicant ?? null,
    agent: c.agent ?? null,
    decisionKind: null,
    startedAt: times.startedAt,
    finishedAt: times.finishedAt,
  };
  const d = c.decision;
  if (d?.kind === 'accept') a.decisionKind = options.deferral ? 'deferral' : 'accept';
  else if (d?.kind === 'oneTimeNotice') a.decisionKind = 'oneTimeNotice';
  else if (d?.kind === 'refuse') {
    a.decisionKind = 'refuse';
    a.refusalCode = d.reason.code;
    if (d.reason.whereToApply) a.whereToApply = d.reason.whereToApply;
  }
  return a;
}

/** The attempt that does exactly what the scenario expects (the model answer; scores 100). */
export function attemptFromExpected(s: Scenario, times?: { startedAt: string; finishedAt: string }): DrillAttempt {
  const startedAt = times?.startedAt ?? `${s.drillDate}T09:00:00+08:00`;
  const finishedAt = times?.finishedAt ?? `${s.drillDate}T09:01:00+08:00`;
  const p = s.applicant.party;
  const applicant: DrillAttempt['applicant'] =
    p.kind === 'person'
      ? { kind: 'person', name: p.name, idType: p.idType, idNumber: p.idNumber, phone: p.phone, ...(p.idTypeLabel ? { idTypeLabel: p.idTypeLabel } : {}) }
      : {
          kind: 'organisation',
          name: p.name,
          uscc: p.uscc,
          legalRepresentative: p.legalRepresentative,
          phone: p.phone,
          ...(p.legalRepresentativeIdNumber ? { legalRepresentativeIdNumber: p.legalRepresentativeIdNumber } : {}),
          ...(s.expected.usccOverride ? { usccOverride: { reason: '已核对营业执照原件，与登记信息一致', by: 'trainee', at: finishedAt } } : {}),
        };
  const ag = s.applicant.agent;
  const d = s.expected.decision;
  const a: DrillAttempt = {
    subject: expectedSubject(s),
    answers: { ...s.expected.answers },
    materialStates: d.kind === 'refuse' ? {} : expectedMaterialStates(s),
    applicant,
    agent: ag ? { name: ag.name, idType: ag.idType, idNumber: ag.idNumber, phone: ag.phone, ...(ag.relation ? { relation: ag.relation } : {}) } : null,
    decisionKind: d.kind,
    startedAt,
    finishedAt,
  };
  if (d.kind === 'refuse') {
    a.refusalCode = d.refusalCode;
    if (d.whereToApply) a.whereToApply = d.whereToApply;
  }
  return a;
}

// ---- results --------------------------------------------------------------------------------

export type DrillStep = 'subject' | 'answers' | 'materials' | 'applicant' | 'decision' | 'time';

export type MistakeKind =
  | 'item'
  | 'handlingItem'
  | 'bundle'
  | 'bundleItems'
  | 'answer'
  | 'material'
  | 'decision'
  | 'noticeList'
  | 'deferredList'
  | 'refusalCode'
  | 'whereToApply'
  | 'applicantData'
  | 'agentData'
  | 'usccOverride'
  | 'time';

export type CriticalKind = 'acceptedWithMaterialMissing' | 'deferralForDishonest' | 'acceptedOutsideJurisdiction';

export interface Mistake {
  kind: MistakeKind;
  step: DrillStep;
  /** The checklist key, question key, item code or field ('applicant.name', 'agent.phone'). */
  key?: string;
  /** Display values (Chinese, as on the screen); null = nothing / not given. */
  expected: string | null;
  given: string | null;
  explanation: Localized;
  /** Set on a decision that must never happen live. */
  critical?: CriticalKind;
}

export interface PartScore {
  weight: number;
  /** 0–1. */
  score: number;
  /** Points in the 0–100 total (after leaving out parts that do not apply), one decimal. */
  points: number;
  applicable: boolean;
}

export interface MaterialLineScore {
  key: string;
  name: string;
  expected: MaterialStatus;
  given: MaterialStatus;
  correct: boolean;
}

export interface DrillScore {
  scenarioId: string;
  /** 0–100, integer. */
  total: number;
  parts: {
    identification: PartScore;
    answers: PartScore;
    materials: PartScore & { lines: MaterialLineScore[] };
    decision: PartScore;
    applicant: PartScore;
    time: PartScore & { seconds: number | null; parSeconds: number };
  };
  mistakes: Mistake[];
  /** Every critical kind found (empty in a safe drill). */
  critical: CriticalKind[];
}

// ---- texts ------------------------------------------------------------------------------------

const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });
const LICENSING_LAW = '《中华人民共和国行政许可法》';
const DECREE_716 = '《国务院关于在线政务服务的若干规定》（国务院令第716号）';

const ART32 = {
  notRequiringLicence: L(
    `申请事项依法不需要取得行政许可的，应当即时告知申请人不受理（${LICENSING_LAW}第三十二条第一款第（一）项）。`,
    `Where the matter needs no licence, tell the applicant at once that it is not accepted (Administrative Licensing Law Art. 32(1)(1)).`,
  ),
  notJurisdiction: L(
    `申请事项依法不属于本行政机关职权范围的，应当即时作出不予受理的决定，并告知申请人向有关行政机关申请（${LICENSING_LAW}第三十二条第一款第（二）项）。`,
    `Where the matter is not this body's, refuse at once and tell the applicant where to apply (Administrative Licensing Law Art. 32(1)(2)).`,
  ),
  notice: L(
    `申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容（${LICENSING_LAW}第三十二条第一款第（四）项）。`,
    `Where materials are incomplete or not in legal form, tell the applicant everything to supply at once, on the spot or within 5 days (Administrative Licensing Law Art. 32(1)(4)).`,
  ),
  accept: L(
    `申请材料齐全、符合法定形式的，应当受理（${LICENSING_LAW}第三十二条第一款第（五）项）。`,
    `Where the materials are complete and in legal form, accept (Administrative Licensing Law Art. 32(1)(5)).`,
  ),
  deferral: L(
    '主要材料齐全、符合条件，仅缺目录标注为“容缺后补”的材料时，可以容缺受理：申请人签署《容缺受理承诺书》，在承诺期限内补交。',
    'When the main materials are complete and only lines the catalog marks 容缺后补 are missing, accept with deferral (容缺受理): the applicant signs a commitment and supplies them by the deadline.',
  ),
};

const DECISION_LABEL: Record<DrillDecisionKind, Localized> = {
  accept: L('受理', 'accept'),
  oneTimeNotice: L('一次性告知', 'one-time notice'),
  deferral: L('容缺受理', 'accept with deferral (容缺)'),
  refuse: L('不予受理', 'refuse'),
};

const REFUSAL_LABEL: Record<RefusalCode, Localized> = {
  notJurisdiction: L('不属于本机关职权范围', 'not this body’s matter'),
  notRequiringLicence: L('依法不需要取得行政许可', 'needs no licence'),
  other: L('其他理由', 'other reasons'),
};

function cat(parts: Localized[]): Localized {
  return { 'zh-CN': parts.map((p) => p['zh-CN']).join(''), 'en-US': parts.map((p) => p['en-US']).join(' ') };
}

function itemLegalBasis(pc: PreparedCatalog, codes: readonly string[]): string {
  const out: string[] = [];
  for (const c of codes) for (const b of pc.itemsByCode.get(c)?.item.legalBasis ?? []) if (!out.includes(b)) out.push(b);
  return out.join('；');
}

/** 受理标准 and 依据 of a line, as the catalog states them. */
function lineStandard(pc: PreparedCatalog, line: ChecklistMaterial): Localized {
  const basis = line.legalBasis ?? itemLegalBasis(pc, line.itemCodes);
  return L(
    `受理标准：${line.acceptanceStandard}。${basis ? `依据：${basis}。` : ''}`,
    `Acceptance standard (受理标准): ${line.acceptanceStandard}.${basis ? ` Legal basis: ${basis}.` : ''}`,
  );
}

// ---- parts --------------------------------------------------------------------------------------

interface Ctx {
  s: Scenario;
  pc: PreparedCatalog;
  expectedCl: Checklist;
  attempt: Partial<DrillAttempt>;
  givenCl: Checklist | null;
  mistakes: Mistake[];
  critical: CriticalKind[];
}

function push(ctx: Ctx, m: Mistake): void {
  ctx.mistakes.push(m);
}

function handlingOf(cl: Checklist): Map<string, string[]> {
  return new Map(cl.items.map((i) => [i.basicCode, i.handlingItems.map((h) => h.code)]));
}

function itemText(pc: PreparedCatalog, code: string): string {
  const it = pc.itemsByCode.get(code)?.item;
  return it ? `${it.name}（${code}）` : code;
}

function subjectText(pc: PreparedCatalog, sub: DrillAttempt['subject'] | undefined): string | null {
  if (!sub) return null;
  if (sub.kind === 'item') return itemText(pc, sub.basicCode);
  const b = pc.bundlesById.get(sub.bundleId);
  return b ? `${b.name}（${sub.bundleId}）` : sub.bundleId;
}

function itemConditions(pc: PreparedCatalog, code: string): Localized {
  const it = pc.itemsByCode.get(code)?.item;
  if (!it) return L('', '');
  const conds = it.acceptanceConditions.join('；');
  const basis = it.legalBasis.join('；');
  return L(`「${it.name}」受理条件：${conds}。设定依据：${basis}。`, `Conditions of “${it.name}” (受理条件): ${conds}. Legal basis: ${basis}.`);
}

function scoreIdentification(ctx: Ctx): number {
  const { s, pc, attempt, expectedCl } = ctx;
  const exp = s.expected.subject;
  const given = attempt.subject ?? null;
  const expText = subjectText(pc, expectedSubject(s));
  const givenText = subjectText(pc, given);

  if (exp.kind === 'item') {
    if (!given || given.kind !== 'item' || given.basicCode !== exp.basicCode) {
      push(ctx, {
        kind: 'item',
        step: 'subject',
        key: exp.basicCode,
        expected: expText,
        given: givenText,
        explanation: cat([L(`应办理「${expText}」，而不是「${givenText ?? '（未选择）'}」。`, `The right item is “${expText}”, not “${givenText ?? '(none)'}”.`), itemConditions(pc, exp.basicCode)]),
      });
      return 0;
    }
    const want = handlingOf(expectedCl).get(exp.basicCode) ?? [];
    const got = ctx.givenCl ? (handlingOf(ctx.givenCl).get(exp.basicCode) ?? []) : [];
    if (sameKeySet(want, got)) return 1;
    push(ctx, handlingMistake(pc, exp.basicCode, want, got));
    return 0.7;
  }

  const bundle = pc.bundlesById.get(exp.bundleId);
  if (!given || given.kind !== 'bundle' || given.bundleId !== exp.bundleId) {
    const names = exp.basicCodes.map((c) => itemText(pc, c)).join('、');
    push(ctx, {
      kind: 'bundle',
      step: 'subject',
      key: exp.bundleId,
      expected: expText,
      given: givenText,
      explanation: L(
        `应按“一件事”「${bundle?.name ?? exp.bundleId}」办理（一次告知、一表申请、一套材料、一窗受理），包含：${names}。${bundle?.description ?? ''}`,
        `This is the “one thing” bundle “${bundle?.name ?? exp.bundleId}” (one notice, one form, one set of materials, one window), with: ${names}.`,
      ),
    });
    return 0;
  }
  let score = 0.6;
  if (sameKeySet(exp.basicCodes, given.basicCodes)) score += 0.2;
  else {
    const missing = exp.basicCodes.filter((c) => !given.basicCodes.includes(c)).map((c) => itemText(pc, c));
    const extra = given.basicCodes.filter((c) => !exp.basicCodes.includes(c)).map((c) => itemText(pc, c));
    push(ctx, {
      kind: 'bundleItems',
      step: 'subject',
      key: exp.bundleId,
      expected: exp.basicCodes.map((c) => itemText(pc, c)).join('、'),
      given: given.basicCodes.map((c) => itemText(pc, c)).join('、'),
      explanation: L(
        `按申请人的需要，该“一件事”应办理的事项${missing.length ? `漏选：${missing.join('、')}` : ''}${missing.length && extra.length ? '；' : ''}${extra.length ? `多选：${extra.join('、')}` : ''}。`,
        `For this applicant the bundle's items ${missing.length ? `left out: ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `not wanted: ${extra.join(', ')}` : ''}.`,
      ),
    });
  }
  const want = handlingOf(expectedCl);
  const got = ctx.givenCl ? handlingOf(ctx.givenCl) : new Map<string, string[]>();
  let handlingOk = true;
  for (const [code, codes] of want) {
    if (!got.has(code)) continue; // the item itself was left out: reported above
    if (!sameKeySet(codes, got.get(code) ?? [])) {
      handlingOk = false;
      push(ctx, handlingMistake(pc, code, codes, got.get(code) ?? []));
    }
  }
  if (handlingOk) score += 0.2;
  return score;
}

function handlingMistake(pc: PreparedCatalog, basicCode: string, want: string[], got: string[]): Mistake {
  const p = pc.itemsByCode.get(basicCode);
  const name = (c: string) => `${p?.handlingItemsByCode.get(c)?.name ?? c}（${c}）`;
  const w = want.map(name).join('、');
  const g = got.length ? got.map(name).join('、') : null;
  return {
    kind: 'handlingItem',
    step: 'subject',
    key: basicCode,
    expected: w,
    given: g,
    explanation: cat([
      L(`业务办理项应为「${w}」，而不是「${g ?? '（未选择）'}」：不同办理项收取的材料不同。`, `The handling item is “${w}”, not “${g ?? '(none)'}”: each handling item takes other materials.`),
      itemConditions(pc, basicCode),
    ]),
  };
}

function scoreAnswers(ctx: Ctx): number | null {
  const { s, pc, attempt, expectedCl } = ctx;
  const entries = Object.entries(s.expected.answers);
  if (entries.length === 0 || s.expected.decision.kind === 'refuse') return null;
  const qs = new Map(expectedCl.questions.map((q) => [q.key, q]));
  let right = 0;
  for (const [key, want] of entries) {
    const got = attempt.answers?.[key];
    if (got === want) {
      right += 1;
      continue;
    }
    const q = qs.get(key);
    const label = (id: string | undefined) => (id === undefined ? null : (q?.options.find((o) => o.id === id)?.label ?? id));
    const dependents = dependentMaterials(pc, expectedCl, key);
    push(ctx, {
      kind: 'answer',
      step: 'answers',
      key,
      expected: label(want),
      given: label(got),
      explanation: L(
        `情形“${q?.text ?? key}”应选「${label(want)}」，${got === undefined ? '未回答' : `实际选了「${label(got)}」`}。${dependents.length ? `这一答案决定是否收取：${dependents.join('、')}。` : ''}`,
        `“${q?.text ?? key}” should be answered “${label(want)}”${got === undefined ? ' but was not answered' : `, not “${label(got)}”`}.${dependents.length ? ` It decides whether these are needed: ${dependents.join(', ')}.` : ''}`,
      ),
    });
  }
  return right / entries.length;
}

/** Names of the materials whose conditions mention the question. */
function dependentMaterials(pc: PreparedCatalog, cl: Checklist, key: string): string[] {
  const out: string[] = [];
  for (const ci of cl.items) {
    const p = pc.itemsByCode.get(ci.basicCode);
    if (!p) continue;
    for (const q of p.item.situations ?? []) {
      const qKey = q.sharedQuestionId ? `shared/${q.sharedQuestionId}` : `${ci.basicCode}/${q.id}`;
      if (qKey !== key) continue;
      for (const m of p.item.materials) if ((m.appliesWhen ?? []).some((c) => c.questionId === q.id) && !out.includes(m.name)) out.push(m.name);
    }
  }
  return out;
}

function equivalent(s: Scenario, line: ChecklistMaterial, exp: ExpectedMaterial, given: MaterialStatus): boolean {
  if (given === exp.status || (exp.also ?? []).some((x) => x === given)) return true;
  const received = (x: MaterialStatus) => x === 'receivedOriginal' || x === 'receivedCopy' || x === 'originalCheckedCopyKept';
  // A copy and an original are the same where the catalog takes either.
  if (received(exp.status) && received(given) && lineOutcome(line, exp.status) === lineOutcome(line, given)) return true;
  // Only a copy where the original is required: 'receivedCopy' and 'deficient' say the same.
  const copyOnly = s.applicant.documents.find((d) => d.key === line.key)?.defect === 'copyOnly';
  if (line.type === 'original' && ((exp.status === 'receivedCopy' && given === 'deficient') || (exp.status === 'deficient' && copyOnly && given === 'receivedCopy')))
    return true;
  return false;
}

function materialHint(s: Scenario, line: ChecklistMaterial, exp: ExpectedMaterial, given: MaterialStatus): Localized {
  const oe = lineOutcome(line, exp.status);
  const og = lineOutcome(line, given);
  const doc = s.applicant.documents.find((d) => d.key === line.key);
  if (given === 'pending') return L('尚未核验该材料。', 'It was not checked.');
  if (exp.status === 'fetched' && (og === 'missing' || og === 'deficient'))
    return L(
      `该材料可通过数据共享调取，免于提交；能够通过共享获取的，不得要求申请人重复提交（${DECREE_716}）。`,
      `It can be fetched by data sharing (免提交); what the government can obtain by sharing may not be demanded again (State Council Decree 716).`,
    );
  if (given === 'fetched' && !line.canFetch) return L('该材料不能通过数据共享调取，须由申请人提交。', 'It cannot be fetched by data sharing: the applicant must supply it.');
  if (oe === 'ok' && og === 'deficient') return L('申请人提交的材料符合受理标准，不应判为不符合要求。', 'What the applicant brought meets the standard: it is not deficient.');
  if (oe === 'ok' && og === 'missing') return L('申请人已带来（或可调取）该材料，不应登记为缺失。', 'The applicant brought it (or it can be fetched): it is not missing.');
  if (oe === 'deficient' && og === 'ok') {
    const what = doc?.defect ? DEFECT_LABELS[doc.defect] : DEFECT_LABELS.other;
    return L(`申请人的材料存在问题：${what['zh-CN']}，不能按合格收取。`, `The applicant's document has a problem: ${what['en-US']}; it cannot be taken as acceptable.`);
  }
  if (oe === 'missing' && og === 'ok') return L('申请人没有带来该材料，不能登记为已收取。', 'The applicant did not bring it: it cannot be recorded as received.');
  if (oe === 'missing' && og === 'deficient') return L('申请人没有带来该材料：应登记为缺失（未提交）。', 'The applicant did not bring it: record it as missing.');
  if (oe === 'deficient' && og === 'missing') return L('申请人带来了该材料，但不符合要求：应登记为不符合要求并写明原因。', 'The applicant brought it, but it is not acceptable: record it as deficient with the reason.');
  if (exp.status === 'fetched') return L('申请人没有带来该材料，应通过数据共享调取。', 'The applicant did not bring it: fetch it by data sharing.');
  return L('', '');
}

function scoreMaterials(ctx: Ctx): { score: number | null; lines: MaterialLineScore[] } {
  const { s, pc, attempt, expectedCl } = ctx;
  if (s.expected.decision.kind === 'refuse') return { score: null, lines: [] };
  const byKey = new Map(expectedCl.materials.map((l) => [l.key, l]));
  const lines: MaterialLineScore[] = [];
  for (const [key, exp] of Object.entries(s.expected.materials)) {
    const line = byKey.get(key);
    if (!line) continue;
    const given: MaterialStatus = attempt.materialStates?.[key]?.status ?? 'pending';
    const correct = equivalent(s, line, exp, given);
    lines.push({ key, name: line.name, expected: exp.status, given, correct });
    if (correct) continue;
    const e = materialStatusLabel(exp.status);
    const g = materialStatusLabel(given);
    push(ctx, {
      kind: 'material',
      step: 'materials',
      key,
      expected: e['zh-CN'],
      given: g['zh-CN'],
      explanation: cat([
        L(`「${line.name}」应为“${e['zh-CN']}”，实际为“${g['zh-CN']}”。`, `“${line.name}” should be “${e['en-US']}”, not “${g['en-US']}”.`),
        materialHint(s, line, exp, given),
        lineStandard(pc, line),
      ]),
    });
  }
  if (lines.length === 0) return { score: null, lines };
  return { score: lines.filter((l) => l.correct).length / lines.length, lines };
}

/** Lines a notice (or deferral) of the attempt would list: from the trainee's own checklist and states. */
function attemptListedKeys(ctx: Ctx): string[] {
  if (!ctx.givenCl) return [];
  return noticeKeys(ctx.givenCl, assessMaterials(ctx.givenCl, ctx.attempt.materialStates ?? {}));
}

function nameOf(ctx: Ctx, key: string): string {
  return ctx.expectedCl.materials.find((l) => l.key === key)?.name ?? ctx.givenCl?.materials.find((l) => l.key === key)?.name ?? key;
}

function listMistake(ctx: Ctx, kind: 'noticeList' | 'deferredList', want: readonly string[], got: readonly string[]): void {
  const missing = want.filter((k) => !got.includes(k)).map((k) => nameOf(ctx, k));
  const extra = got.filter((k) => !want.includes(k)).map((k) => nameOf(ctx, k));
  const zhWhat = kind === 'noticeList' ? '一次性告知书' : '容缺材料清单';
  const enWhat = kind === 'noticeList' ? 'The one-time notice' : 'The deferred list';
  const rule =
    kind === 'noticeList'
      ? L('告知书须一次列全需要补正的全部材料，且不得要求与事项无关的材料。', 'A notice lists every material to supply, at once, and nothing unrelated to the item.')
      : L('容缺的只能是目录标注为“容缺后补”、申请人尚缺的材料。', 'Only lines the catalog marks 容缺后补 that are still missing may be deferred.');
  push(ctx, {
    kind,
    step: 'decision',
    expected: want.map((k) => nameOf(ctx, k)).join('、'),
    given: got.map((k) => nameOf(ctx, k)).join('、') || null,
    explanation: cat([
      L(
        `${zhWhat}${missing.length ? `漏列：${missing.join('、')}` : ''}${missing.length && extra.length ? '；' : ''}${extra.length ? `多列：${extra.join('、')}` : ''}。`,
        `${enWhat} ${missing.length ? `leaves out: ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `lists in excess: ${extra.join(', ')}` : ''}.`,
      ),
      rule,
      kind === 'noticeList' ? ART32.notice : L('', ''),
    ]),
  });
}

function normText(v: string): string {
  return toHalfWidth(v).replace(/[\s\u200B-\u200D\uFEFF]/g, '').toLowerCase();
}

function scoreDecision(ctx: Ctx): number {
  const { s, pc, attempt, expectedCl } = ctx;
  const d = s.expected.decision;
  const given = attempt.decisionKind ?? null;
  const expectedAssessment = assessMaterials(expectedCl, expectedMaterialStates(s));
  const expectedListed = noticeKeys(expectedCl, expectedAssessment);

  // Critical mistakes, whatever else is right.
  const criticals: CriticalKind[] = [];
  if ((given === 'accept' || given === 'deferral') && d.kind === 'refuse' && d.refusalCode === 'notJurisdiction') criticals.push('acceptedOutsideJurisdiction');
  if (d.kind !== 'refuse') {
    const requiredOpen = expectedListed.filter((k) => expectedCl.materials.find((l) => l.key === k)?.necessity === 'required');
    if (given === 'accept' && expectedListed.length > 0) criticals.push('acceptedWithMaterialMissing');
    else if (given === 'deferral' && requiredOpen.length > 0) criticals.push('acceptedWithMaterialMissing');
  }
  if (given === 'deferral' && isDishonest(s)) criticals.push('deferralForDishonest');
  ctx.critical.push(...criticals);

  if (given !== d.kind) {
    const e = DECISION_LABEL[d.kind];
    const g = given ? DECISION_LABEL[given] : L('（未作决定）', '(no decision)');
    const why: Localized[] = [];
    if (d.kind === 'accept') why.push(ART32.accept);
    if (d.kind === 'oneTimeNotice') {
      why.push(ART32.notice);
      if (given === 'deferral' || circumstance(s, 'asksForDeferral')) {
        const dc = deferralCheck(expectedCl, expectedAssessment, isDishonest(s));
        for (const b of dc.blocks) {
          if (b.kind === 'dishonest' && criticals.includes('deferralForDishonest')) continue; // said below
          const [zh, en] = deferralBlockText(b);
          why.push(L(`不能容缺受理：${zh}。`, `No 容缺: ${en}.`));
        }
      }
    }
    if (d.kind === 'deferral') why.push(ART32.deferral);
    if (d.kind === 'refuse') {
      why.push(d.refusalCode === 'notJurisdiction' ? ART32.notJurisdiction : d.refusalCode === 'notRequiringLicence' ? ART32.notRequiringLicence : L('', ''));
      if (d.whereToApply) why.push(L(`应告知申请人向${d.whereToApply}申请。`, `Tell the applicant to apply to ${d.whereToApply}.`));
    }
    if (criticals.includes('acceptedWithMaterialMissing'))
      why.push(
        L(
          `严重错误：仍缺少或不符合要求的必要材料（${expectedListed.map((k) => nameOf(ctx, k)).join('、')}）时不能受理。`,
          `Critical: a required material is still missing or not acceptable (${expectedListed.map((k) => nameOf(ctx, k)).join(', ')}): never accept.`,
        ),
      );
    if (criticals.includes('deferralForDishonest'))
      why.push(L('严重错误：失信申请人不适用容缺受理。', 'Critical: an applicant on the dishonesty list gets no 容缺.'));
    if (criticals.includes('acceptedOutsideJurisdiction'))
      why.push(L('严重错误：不属于本机关职权范围的事项不能受理。', 'Critical: a matter of another authority must not be accepted.'));
    const m: Mistake = {
      kind: 'decision',
      step: 'decision',
      expected: e['zh-CN'],
      given: g['zh-CN'],
      explanation: cat([L(`应作出“${e['zh-CN']}”决定，而不是“${g['zh-CN']}”。`, `The decision is “${e['en-US']}”, not “${g['en-US']}”.`), ...why]),
    };
    if (criticals[0]) m.critical = criticals[0];
    push(ctx, m);
    return 0;
  }

  if (d.kind === 'accept') return 1;
  if (d.kind === 'oneTimeNotice' || d.kind === 'deferral') {
    const want = d.kind === 'oneTimeNotice' ? d.notice : d.deferred;
    const got = attemptListedKeys(ctx);
    if (sameKeySet(want, got)) return 1;
    listMistake(ctx, d.kind === 'oneTimeNotice' ? 'noticeList' : 'deferredList', want, got);
    return 0.7;
  }
  // refuse
  let score = 0.6;
  const codeWeight = d.refusalCode === 'notJurisdiction' ? 0.2 : 0.4;
  if (attempt.refusalCode === d.refusalCode) score += codeWeight;
  else
    push(ctx, {
      kind: 'refusalCode',
      step: 'decision',
      expected: REFUSAL_LABEL[d.refusalCode]['zh-CN'],
      given: attempt.refusalCode ? REFUSAL_LABEL[attempt.refusalCode]['zh-CN'] : null,
      explanation: cat([
        L(`不予受理的理由应为“${REFUSAL_LABEL[d.refusalCode]['zh-CN']}”。`, `The ground for refusing is “${REFUSAL_LABEL[d.refusalCode]['en-US']}”.`),
        d.refusalCode === 'notJurisdiction' ? ART32.notJurisdiction : d.refusalCode === 'notRequiringLicence' ? ART32.notRequiringLicence : L('', ''),
      ]),
    });
  if (d.refusalCode === 'notJurisdiction') {
    const w = normText(attempt.whereToApply ?? '');
    const keywords = d.whereToApplyKeywords ?? [];
    const ok = w !== '' && keywords.every((k) => w.includes(normText(k)));
    if (ok) score += 0.2;
    else
      push(ctx, {
        kind: 'whereToApply',
        step: 'decision',
        expected: d.whereToApply ?? null,
        given: attempt.whereToApply?.trim() || null,
        explanation: cat([
          L(`应告知申请人向${d.whereToApply ?? '有管辖权的机关'}申请。`, `Tell the applicant to apply to ${d.whereToApply ?? 'the competent authority'}.`),
          ART32.notJurisdiction,
          itemConditions(pc, s.expected.subject.kind === 'item' ? s.expected.subject.basicCode : (s.expected.subject.basicCodes[0] ?? '')),
        ]),
      });
  }
  return score;
}

function normName(v: string | null | undefined): string {
  return toHalfWidth(v ?? '')
    .replace(/[\s\u200B-\u200D\uFEFF]/g, '')
    .replace(/[·•・‧∙]/g, '·');
}
const normId = (v: string | null | undefined) => normalizeIdentityInput(v ?? '');
const normPhone = (v: string | null | undefined) => normalizePhone(v ?? '').replace(/-/g, '');

interface FieldCheck {
  key: string;
  label: Localized;
  want: string;
  got: string | null | undefined;
  norm: (v: string | null | undefined) => string;
  hint: Localized;
}

const HINT_NAME = L('以证件为准逐字核对（同音字、形近字最易出错）。', 'Copy it character by character from the document (homophones are the usual slip).');
const HINT_ID = L('应与证件逐位一致；号码错误的受理通知书无效。', 'Copy it digit by digit from the document; a wrong number voids the notice.');
const HINT_PHONE = L('申请人留的联系电话用于补正和办结通知，须核对。', 'The phone is how the applicant hears about corrections and the result: read it back.');

function scoreApplicant(ctx: Ctx): number {
  const { s, attempt } = ctx;
  const want = s.applicant.party;
  const got = attempt.applicant ?? null;
  const checks: FieldCheck[] = [];
  let wrong = 0;
  let total = 0;
  if (want.kind === 'person') {
    const g = got?.kind === 'person' ? got : null;
    checks.push(
      { key: 'applicant.name', label: L('申请人姓名', 'Applicant name'), want: want.name, got: g?.name, norm: normName, hint: HINT_NAME },
      { key: 'applicant.idNumber', label: L('证件号码', 'ID number'), want: want.idNumber, got: g?.idNumber, norm: normId, hint: HINT_ID },
      { key: 'applicant.phone', label: L('联系电话', 'Phone'), want: want.phone, got: g?.phone, norm: normPhone, hint: HINT_PHONE },
    );
  } else {
    const g = got?.kind === 'organisation' ? got : null;
    checks.push(
      { key: 'applicant.name', label: L('单位名称', 'Organisation name'), want: want.name, got: g?.name, norm: normName, hint: L('与营业执照上的名称一致。', 'As on the business licence.') },
      { key: 'applicant.uscc', label: L('统一社会信用代码', 'USCC'), want: want.uscc, got: g?.uscc, norm: normId, hint: HINT_ID },
      { key: 'applicant.legalRepresentative', label: L('法定代表人', 'Legal representative'), want: want.legalRepresentative, got: g?.legalRepresentative, norm: normName, hint: HINT_NAME },
      { key: 'applicant.phone', label: L('联系电话', 'Phone'), want: want.phone, got: g?.phone, norm: normPhone, hint: HINT_PHONE },
    );
    if (s.expected.usccOverride) {
      total += 1;
      if (!g?.usccOverride?.reason?.trim()) {
        wrong += 1;
        push(ctx, {
          kind: 'usccOverride',
          step: 'applicant',
          key: 'applicant.usccOverride',
          expected: '核对原件后登记确认说明',
          given: null,
          explanation: L(
            '统一社会信用代码校验不通过时：先核对是否录入有误；与营业执照原件（或系统调取的电子营业执照）一致的，登记核对说明后继续办理，不应退回。部分早期赋码的代码无法通过 GB 32100-2015 的校验。',
            'When a USCC fails its check: first look for a typing error; if it matches the original (or fetched electronic) licence, record what you checked and continue — do not send the applicant away. Some early codes fail the GB 32100-2015 check.',
          ),
        });
      }
    }
  }
  const agent = s.applicant.agent;
  const ga = attempt.agent ?? null;
  if (agent) {
    if (!ga) {
      total += 3;
      wrong += 3;
      push(ctx, {
        kind: 'agentData',
        step: 'applicant',
        key: 'agent',
        expected: agent.name,
        given: null,
        explanation: L(
          `本次由代理人${agent.name}代为办理，应登记代理人信息并收取授权委托书和代理人身份证件（《中华人民共和国民法典》第一百六十五条）。`,
          `${agent.name} applies as an agent: record the agent and take the authorisation letter and the agent's ID (Civil Code Art. 165).`,
        ),
      });
    } else
      checks.push(
        { key: 'agent.name', label: L('代理人姓名', 'Agent name'), want: agent.name, got: ga.name, norm: normName, hint: HINT_NAME },
        { key: 'agent.idNumber', label: L('代理人证件号码', 'Agent ID number'), want: agent.idNumber, got: ga.idNumber, norm: normId, hint: HINT_ID },
        { key: 'agent.phone', label: L('代理人联系电话', 'Agent phone'), want: agent.phone, got: ga.phone, norm: normPhone, hint: HINT_PHONE },
      );
  } else if (ga) {
    total += 1;
    wrong += 1;
    push(ctx, {
      kind: 'agentData',
      step: 'applicant',
      key: 'agent',
      expected: null,
      given: ga.name ?? '',
      explanation: L('申请人本人到场办理，不应登记代理人（否则会多收授权委托书和代理人身份证件）。', 'The applicant came in person: no agent (it would add an authorisation letter and an agent ID to the checklist).'),
    });
  }
  for (const c of checks) {
    total += 1;
    if (c.norm(c.want) === c.norm(c.got)) continue;
    wrong += 1;
    const given = c.got?.trim() ? c.got.trim() : null;
    push(ctx, {
      kind: c.key.startsWith('agent.') ? 'agentData' : 'applicantData',
      step: 'applicant',
      key: c.key,
      expected: c.want,
      given,
      explanation: cat([
        L(`${c.label['zh-CN']}应为“${c.want}”，${given === null ? '未填写' : `录入为“${given}”`}。`, `${c.label['en-US']} should be “${c.want}”, ${given === null ? 'but is empty' : `not “${given}”`}.`),
        c.hint,
      ]),
    });
  }
  return total === 0 ? 1 : (total - wrong) / total;
}

function secondsBetween(a: string | undefined, b: string | undefined): number | null {
  if (!a || !b) return null;
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (!Number.isFinite(x) || !Number.isFinite(y) || epochMinutes(a) === null || epochMinutes(b) === null || y < x) return null;
  return Math.round((y - x) / 1000);
}

function fmtDuration(sec: number, locale: Locale): string {
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return locale === 'zh-CN' ? `${m}分${String(s).padStart(2, '0')}秒` : `${m} min ${String(s).padStart(2, '0')} s`;
}

function scoreTime(ctx: Ctx): { score: number | null; seconds: number | null; par: number } {
  const par = parSecondsOf(ctx.s);
  const seconds = secondsBetween(ctx.attempt.startedAt, ctx.attempt.finishedAt);
  if (seconds === null) return { score: null, seconds, par };
  const score = timeScore(seconds, par);
  if (score < 1)
    push(ctx, {
      kind: 'time',
      step: 'time',
      expected: fmtDuration(par, 'zh-CN'),
      given: fmtDuration(seconds, 'zh-CN'),
      explanation: L(
        `用时${fmtDuration(seconds, 'zh-CN')}，超过参考用时${fmtDuration(par, 'zh-CN')}。熟悉情形引导和材料清单可以更快。`,
        `Took ${fmtDuration(seconds, 'en-US')}, over the par time of ${fmtDuration(par, 'en-US')}. Knowing the guidance and checklist makes it faster.`,
      ),
    });
  return { score, seconds, par };
}

// ---- public API -----------------------------------------------------------------------------------

function context(s: Scenario, attempt: Partial<DrillAttempt>, catalog: Catalog | PreparedCatalog): Ctx {
  const pc = asPrepared(catalog);
  const expectedCl = expectedChecklist(s, pc);
  const sub = attempt.subject ?? null;
  const givenCl = sub ? checklistFor(pc, sub, attempt.answers ?? {}, attempt.agent !== null && attempt.agent !== undefined) : null;
  return { s, pc, expectedCl, attempt, givenCl, mistakes: [], critical: [] };
}

const part = (weight: number, score: number | null): PartScore => ({ weight, score: score ?? 0, points: 0, applicable: score !== null });

/** Scores a finished drill. Pure; `catalog` is the one the drill ran on. */
export function scoreDrill(s: Scenario, attempt: Partial<DrillAttempt>, catalog: Catalog | PreparedCatalog): DrillScore {
  const ctx = context(s, attempt, catalog);
  const identification = part(SCORE_WEIGHTS.identification, scoreIdentification(ctx));
  const answers = part(SCORE_WEIGHTS.answers, scoreAnswers(ctx));
  const m = scoreMaterials(ctx);
  const materials = { ...part(SCORE_WEIGHTS.materials, m.score), lines: m.lines };
  let decisionScore = scoreDecision(ctx);
  if (identification.score === 0 && decisionScore > 0) {
    // The right kind of decision on the wrong item (or bundle) is still the wrong decision.
    decisionScore = 0;
    push(ctx, {
      kind: 'decision',
      step: 'decision',
      expected: subjectText(ctx.pc, expectedSubject(s)),
      given: subjectText(ctx.pc, attempt.subject),
      explanation: L(
        '事项选错了：决定针对的是另一个事项，不能成立（受理通知书、告知书上的事项、材料和承诺时限都会出错）。',
        'The wrong item: the decision is about another matter and cannot stand (the notice would name the wrong item, materials and promised date).',
      ),
    });
  }
  const decision = part(SCORE_WEIGHTS.decision, decisionScore);
  const applicant = part(SCORE_WEIGHTS.applicant, scoreApplicant(ctx));
  const t = scoreTime(ctx);
  const time = { ...part(SCORE_WEIGHTS.time, t.score), seconds: t.seconds, parSeconds: t.par };

  const all: PartScore[] = [identification, answers, materials, decision, applicant, time];
  const sumWeights = all.reduce((n, p) => n + (p.applicable ? p.weight : 0), 0);
  let raw = 0;
  for (const p of all) {
    if (!p.applicable) continue;
    const pts = (100 * p.weight * p.score) / sumWeights;
    p.points = Math.round(pts * 10) / 10;
    raw += pts;
  }
  return {
    scenarioId: s.id,
    total: Math.max(0, Math.min(100, Math.round(raw + 1e-9))),
    parts: { identification, answers, materials, decision, applicant, time },
    mistakes: ctx.mistakes,
    critical: [...new Set(ctx.critical)],
  };
}

/**
 * Coached mode: the mistakes so far in one step, from what the trainee has entered. Call it
 * when the trainee finishes the step ('subject' after choosing the item, 'answers' after the
 * situation questions, 'materials' after checking the documents, 'applicant' after the
 * applicant form, 'decision' with the decision); a line left unchecked counts as a mistake.
 */
export function stepFeedback(s: Scenario, step: Exclude<DrillStep, 'time'>, partial: Partial<DrillAttempt>, catalog: Catalog | PreparedCatalog): Mistake[] {
  return scoreDrill(s, partial, catalog).mistakes.filter((m) => m.step === step);
}

// ---- readiness -------------------------------------------------------------------------------------

/** One drill's result, as kept per trainee. */
export interface DrillResult {
  scenarioId: string;
  /** 0–100. */
  score: number;
  /** Number of critical kinds in that drill (0 = safe). */
  criticalMistakes: number;
  /** ISO date-time with offset. */
  finishedAt: string;
}

export function drillResult(score: DrillScore, finishedAt: string): DrillResult {
  return { scenarioId: score.scenarioId, score: score.total, criticalMistakes: score.critical.length, finishedAt };
}

export interface Readiness {
  ready: boolean;
  window: number;
  minAverage: number;
  /** The last `window` results, newest first. */
  considered: DrillResult[];
  /** Their average (one decimal), null without results. */
  average: number | null;
  /** Drills with a critical mistake among them. */
  criticalDrills: number;
  /** Why not ready (empty when ready). */
  reasons: Localized[];
}

/**
 * Ready for live work when the last `window` drills (by finishedAt) average ≥ `minAverage`
 * and none of them has a critical mistake. Defaults: READINESS (5 drills, 85).
 */
export function readiness(results: readonly DrillResult[], options: { window?: number; minAverage?: number } = {}): Readiness {
  const window = Math.max(1, Math.floor(options.window ?? READINESS.window));
  const minAverage = options.minAverage ?? READINESS.minAverage;
  const when = (r: DrillResult) => {
    const t = Date.parse(r.finishedAt);
    return Number.isFinite(t) ? t : -Infinity;
  };
  const considered = [...results].sort((a, b) => when(b) - when(a)).slice(0, window);
  const average = considered.length ? Math.round((considered.reduce((n, r) => n + r.score, 0) / considered.length) * 10) / 10 : null;
  const criticalDrills = considered.filter((r) => r.criticalMistakes > 0).length;
  const reasons: Localized[] = [];
  if (considered.length < window)
    reasons.push(L(`还需完成 ${window - considered.length} 次演练（至少 ${window} 次）。`, `${window - considered.length} more drill(s) needed (at least ${window}).`));
  if (average !== null && average < minAverage)
    reasons.push(L(`最近 ${considered.length} 次平均 ${average} 分，低于 ${minAverage} 分。`, `The last ${considered.length} average ${average}, below ${minAverage}.`));
  if (criticalDrills > 0)
    reasons.push(L(`最近 ${considered.length} 次中有 ${criticalDrills} 次出现严重错误。`, `${criticalDrills} of the last ${considered.length} drills had a critical mistake.`));
  return { ready: reasons.length === 0, window, minAverage, considered, average, criticalDrills, reasons };
}

/** Names of the critical kinds, for reports. */
export const CRITICAL_LABELS: Record<CriticalKind, Localized> = {
  acceptedWithMaterialMissing: L('缺少必要材料仍受理', 'Accepted with a required material missing'),
  deferralForDishonest: L('为失信申请人容缺受理', '容缺 for a dishonest applicant'),
  acceptedOutsideJurisdiction: L('受理了不属于本机关职权范围的事项', 'Accepted another authority’s matter'),
};

