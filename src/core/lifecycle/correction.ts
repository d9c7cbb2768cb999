/**
 * The 补正 loop, workstation side: a department returns the case for correction
 * (StatusEvent kind 'correctionRequested' with field-level comments); the case reopens for the
 * clerk with those fields and materials highlighted, and the applicant is told everything at
 * once in a printed 补正告知书. The clerk's fix is a new version of the case (./revision.ts).
 *
 * Several departments of a bundle may ask for corrections; `pendingCorrections` picks the
 * requests still open (a department whose latest event is correctionRequested) so one notice
 * covers all of them — 一次性告知.
 */
import type { Catalog } from '../catalog/schema';
import type { Localized } from '../i18n';
import type { Clerk, IntakeCase, MaterialState } from '../intake/case';
import type { PreparedCatalog } from '../intake/checklist';
import { asPrepared } from '../intake/checklist';
import { ADMINISTRATIVE_LICENSING_LAW, type DepartmentContent, type DocumentTime } from '../intake/documents';
import { isIsoDateTime } from '../intake/time';
import type { StatusEvent } from '../sync/protocol';
import { caseTimeline, orderedEvents } from '../sync/timeline';
import { agentFieldLabel, applicantFieldLabel, caseNames, resolveCasePath } from './caseFields';
import { type DocumentBase, acceptedDocumentBase, distinct, timeOf } from './common';

export interface CorrectionComment {
  departmentCode: string | null;
  cursor: number;
  /** The event's time (server clock). */
  at: string;
  comment: string;
  /** The comment is about one page of the material's electronic pages (补正 pointed at a page). */
  page?: { number: number; sha256: string };
}

export interface CorrectionFieldTask {
  /** Normal form: `applicant.phone`, `agent.idNumber`, `fields.<basicCode>.<fieldId>`, `applicant` (the whole applicant). */
  path: string;
  section: 'applicant' | 'agent' | 'itemField';
  label: Localized;
  /** The value now, as text (null = empty). */
  currentValue: string | null;
  comments: CorrectionComment[];
}

export interface CorrectionMaterialTask {
  key: string;
  name: string;
  acceptanceStandard: string | null;
  /** The state now (null = pending / not recorded). */
  currentState: MaterialState | null;
  comments: CorrectionComment[];
}

export interface CorrectionAnswerTask {
  key: string;
  question: string;
  currentAnswer: string | null;
  currentAnswerLabel: string | null;
  comments: CorrectionComment[];
}

export interface CorrectionTasks {
  caseId: string;
  caseNumber: string | null;
  /** The correction requests covered, in cursor order. */
  requests: { cursor: number; departmentCode: string | null; at: string }[];
  departmentCodes: string[];
  fields: CorrectionFieldTask[];
  materials: CorrectionMaterialTask[];
  answers: CorrectionAnswerTask[];
  /** Event-level comments (path null) and comments whose path names nothing in this case (path kept as sent). */
  general: { path: string | null; comment: CorrectionComment }[];
  /** What the intake screens highlight. */
  highlight: { fieldPaths: string[]; materialKeys: string[]; answerKeys: string[] };
  /** Number of comments, all kinds. */
  total: number;
}

export interface CorrectionOptions {
  /** The catalog version of the case: labels, acceptance standards, and stricter path checks. */
  catalog?: Catalog | PreparedCatalog;
}

/**
 * The correction requests still open: per department, its latest events while they are
 * correctionRequested — a department may return the case again while it waits for the fix
 * (待补正, to add a point), and then both requests are open, so the applicant is still told
 * everything at once. A later takenForReview / resubmitted / approved … closes them.
 * Events of one case.
 */
export function pendingCorrections(events: readonly StatusEvent[]): StatusEvent[] {
  const t = caseTimeline(events);
  const open = new Set<number>();
  const byDepartment = new Map<string, StatusEvent[]>();
  for (const e of t.events) if (e.departmentCode !== null) byDepartment.set(e.departmentCode, [...(byDepartment.get(e.departmentCode) ?? []), e]);
  for (const list of byDepartment.values())
    for (let i = list.length - 1; i >= 0 && list[i]!.kind === 'correctionRequested'; i--) open.add(list[i]!.cursor);
  return t.events.filter((e) => open.has(e.cursor));
}

function valueText(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'object') {
    const o = v as { reason?: unknown; by?: unknown };
    if (typeof o.reason === 'string') return `${o.reason}${typeof o.by === 'string' ? `（${o.by}）` : ''}`;
    return JSON.stringify(v);
  }
  return String(v);
}

/**
 * What to highlight and tell: each FieldComment mapped to a case field, a material or an
 * answer (see ./caseFields.ts for the path forms); anything else is kept as a general comment.
 * Throws RangeError when an event is not a correction request of this case.
 */
export function correctionTasks(c: IntakeCase, event: StatusEvent | readonly StatusEvent[], options: CorrectionOptions = {}): CorrectionTasks {
  const events = orderedEvents(Array.isArray(event) ? (event as readonly StatusEvent[]) : [event as StatusEvent]);
  for (const e of events) {
    if (e.kind !== 'correctionRequested') throw new RangeError(`event ${e.cursor} is ${e.kind}, not correctionRequested`);
    if (e.caseId !== c.id) throw new RangeError(`event ${e.cursor} belongs to case ${e.caseId}, not ${c.id}`);
  }
  const names = caseNames(c, options.catalog);
  const fields = new Map<string, CorrectionFieldTask>();
  const materials = new Map<string, CorrectionMaterialTask>();
  const answers = new Map<string, CorrectionAnswerTask>();
  const general: CorrectionTasks['general'] = [];
  let total = 0;

  for (const e of events) {
    const base = { departmentCode: e.departmentCode, cursor: e.cursor, at: e.at };
    const overall = e.comment?.trim();
    if (overall) {
      general.push({ path: null, comment: { ...base, comment: overall } });
      total++;
    }
    for (const fc of e.fieldComments ?? []) {
      const comment: CorrectionComment = { ...base, comment: fc.comment.trim() };
      total++;
      const { target, path } = resolveCasePath(c, fc.path, names);
      switch (target.kind) {
        case 'applicant':
        case 'agent': {
          const task = fields.get(path) ?? {
            path,
            section: target.kind,
            label:
              target.field === null
                ? target.kind === 'applicant'
                  ? { 'zh-CN': '申请人信息', 'en-US': 'Applicant' }
                  : { 'zh-CN': '代理人信息', 'en-US': 'Agent' }
                : target.kind === 'applicant'
                  ? applicantFieldLabel(target.field, c.applicant?.kind)
                  : agentFieldLabel(target.field),
            currentValue:
              target.field === null
                ? null
                : valueText((target.kind === 'applicant' ? (c.applicant as Record<string, unknown> | undefined) : (c.agent as Record<string, unknown> | null | undefined))?.[target.field]),
            comments: [],
          };
          task.comments.push(comment);
          fields.set(path, task);
          break;
        }
        case 'itemField': {
          const label = names.fieldLabel(target.basicCode, target.fieldId) ?? target.fieldId;
          const item = names.itemName(target.basicCode);
          const task = fields.get(path) ?? {
            path,
            section: 'itemField' as const,
            label: names.itemCodes.length > 1 ? { 'zh-CN': `${label}（${item}）`, 'en-US': `${label} (${item})` } : { 'zh-CN': label, 'en-US': label },
            currentValue: valueText(c.fields[target.basicCode]?.[target.fieldId]),
            comments: [],
          };
          task.comments.push(comment);
          fields.set(path, task);
          break;
        }
        case 'material': {
          const task = materials.get(target.key) ?? {
            key: target.key,
            name: names.materialName(target.key) ?? target.key,
            acceptanceStandard: names.acceptanceStandard(target.key),
            currentState: c.materialStates[target.key] ?? null,
            comments: [],
          };
          task.comments.push(target.page ? { ...comment, page: target.page } : comment);
          materials.set(target.key, task);
          break;
        }
        case 'answer': {
          const current = c.answers[target.key] ?? null;
          const task = answers.get(target.key) ?? {
            key: target.key,
            question: names.questionText(target.key) ?? target.key,
            currentAnswer: current,
            currentAnswerLabel: current === null ? null : (names.optionLabel(target.key, current) ?? current),
            comments: [],
          };
          task.comments.push(comment);
          answers.set(target.key, task);
          break;
        }
        case 'general':
          general.push({ path: fc.path, comment });
          break;
      }
    }
  }
  const f = [...fields.values()];
  const m = [...materials.values()];
  const a = [...answers.values()];
  return {
    caseId: c.id,
    caseNumber: c.caseNumber ?? events[0]?.caseNumber ?? null,
    requests: events.map((e) => ({ cursor: e.cursor, departmentCode: e.departmentCode, at: e.at })),
    departmentCodes: distinct(events.map((e) => e.departmentCode).filter((d): d is string => d !== null)),
    fields: f,
    materials: m,
    answers: a,
    general,
    highlight: { fieldPaths: f.map((t) => t.path), materialKeys: m.map((t) => t.key), answerKeys: a.map((t) => t.key) },
    total,
  };
}

// ---- 补正告知书 --------------------------------------------------------------------------------

export interface CorrectionNoticeContent extends DocumentBase {
  documentType: 'correctionNotice';
  title: '补正告知书';
  /** When the notice is issued (the document's date). */
  noticeAt: DocumentTime;
  /** The departments asking for the corrections. */
  departments: DepartmentContent[];
  statement: string;
  /** The items' legal bases. */
  legalBasis: string[];
  materials: { name: string; acceptanceStandard: string | null; requests: string[]; departments: string[] }[];
  /** Application data to correct (applicant, agent, item fields, situation answers). */
  entries: { label: string; currentValue: string | null; requests: string[]; departments: string[] }[];
  /** Everything else the departments said. */
  otherRequests: { text: string; department: string | null }[];
  signature: { label: string; dateLabel: string };
}

export interface CorrectionNoticeInput {
  /** When the notice is issued (ISO with offset). */
  at: string;
  /** The clerk issuing it, when not the accepting clerk (window phone printed). */
  clerk?: Clerk;
}

/**
 * 补正告知书: everything every open request asks for, at once — materials with their
 * acceptance standard, application data, other comments — with the departments asking.
 * The case must have been accepted (a correction request follows dispatch).
 */
export function correctionNoticeContent(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  tasks: CorrectionTasks,
  input: CorrectionNoticeInput,
): CorrectionNoticeContent {
  if (c.decision?.kind !== 'accept') throw new RangeError(`case ${c.id} was not accepted`);
  if (tasks.caseId !== c.id) throw new RangeError('the correction tasks belong to another case');
  if (!isIsoDateTime(input.at)) throw new RangeError(`invalid time ${JSON.stringify(input.at)}`);
  const pc = asPrepared(catalog);
  const { base } = acceptedDocumentBase(c, pc, c.decision);
  const deptName = (code: string | null): string | null => (code === null ? null : (pc.departmentsByCode.get(code)?.name ?? code));
  const deptsOf = (comments: readonly CorrectionComment[]): string[] =>
    distinct(comments.map((x) => deptName(x.departmentCode)).filter((d): d is string => d !== null));
  const departments: DepartmentContent[] = tasks.departmentCodes.map((code) => ({ code, name: deptName(code)! }));

  const clerk = input.clerk
    ? { clerkId: input.clerk.clerkId, name: input.clerk.name, windowNo: input.clerk.windowNo, workstationId: input.clerk.workstationId, ...(input.clerk.phone ? { phone: input.clerk.phone } : {}) }
    : base.clerk;
  const legalBasis: string[] = [];
  for (const item of base.items) for (const lb of pc.itemsByCode.get(item.basicCode)?.item.legalBasis ?? []) if (!legalBasis.includes(lb)) legalBasis.push(lb);
  const deptText = departments.map((d) => d.name).join('、') || '审批部门';

  return {
    ...base,
    clerk,
    documentType: 'correctionNotice',
    title: '补正告知书',
    noticeAt: timeOf(input.at),
    departments,
    statement:
      `您申请的事项（办件编号：${base.caseNumber}）已于${base.decidedAt.date}受理，经${deptText}审查，需要补正下列内容。` +
      `现一次性告知如下，请按要求全部补正后，到综合受理窗口提交。`,
    legalBasis: legalBasis.length > 0 ? legalBasis : [`${ADMINISTRATIVE_LICENSING_LAW}`],
    materials: tasks.materials.map((t) => ({
      name: t.name,
      acceptanceStandard: t.acceptanceStandard,
      requests: t.comments.map((x) => x.comment),
      departments: deptsOf(t.comments),
    })),
    entries: [
      ...tasks.fields.map((t) => ({ label: t.label['zh-CN'], currentValue: t.currentValue, requests: t.comments.map((x) => x.comment), departments: deptsOf(t.comments) })),
      ...tasks.answers.map((t) => ({
        label: t.question,
        currentValue: t.currentAnswerLabel,
        requests: t.comments.map((x) => x.comment),
        departments: deptsOf(t.comments),
      })),
    ],
    otherRequests: tasks.general.map((g) => ({ text: g.comment.comment, department: deptName(g.comment.departmentCode) })),
    signature: { label: '申请人（代理人）签收', dateLabel: '签收日期' },
  };
}
