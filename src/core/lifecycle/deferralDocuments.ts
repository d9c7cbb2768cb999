/**
 * Content of the two 容缺 documents (data only, like src/core/intake/documents.ts):
 * - 容缺受理承诺书 (the applicant's commitment letter, signed before acceptance)
 * - 容缺受理通知书 (the window's notice: deferred materials, form, deadline, consequences)
 * Fixed texts are Chinese (they are legal documents); everything else is data.
 */
import type { Catalog } from '../catalog/schema';
import { formatTimeLimit, labels } from '../catalog/format';
import type { AcceptDecision, IntakeCase } from '../intake/case';
import type { PreparedCatalog } from '../intake/checklist';
import { ADMINISTRATIVE_LICENSING_LAW, type AcceptanceNoticeContent, type DocumentTime } from '../intake/documents';
import { type DocumentBase, acceptedDocumentBase, timeOf } from './common';
import type { DeferralRecord, DeferredMaterial } from './deferral';

export interface DeferredMaterialContent {
  name: string;
  /** 原件 / 复印件 / 原件或复印件 */
  typeText: string;
  /** 纸质、电子… (the forms the catalog accepts) */
  formsText: string;
  copies: number;
  acceptanceStandard: string;
  /** 未提交 / the deficiency. */
  reason: string;
  itemNames: string[];
}

export interface DeferralDeadlineContent {
  date: string;
  workingDays: number;
  /** 5个工作日 */
  text: string;
  provisional: boolean;
}

export interface DeferralNoticeContent extends DocumentBase {
  documentType: 'deferralNotice';
  title: '容缺受理通知书';
  statement: string;
  legalBasis: string[];
  acceptingDepartments: AcceptanceNoticeContent['acceptingDepartments'];
  promised: AcceptanceNoticeContent['promised'];
  anyProvisional: boolean;
  materialsReceived: AcceptanceNoticeContent['materialsReceived'];
  deferredMaterials: DeferredMaterialContent[];
  deadline: DeferralDeadlineContent;
  consequences: string;
  /** Who approved, when the policy asked for it. */
  approval: { supervisorName: string; date: string } | null;
  signature: { label: string; dateLabel: string };
}

export interface DeferralCommitmentContent extends DocumentBase {
  documentType: 'deferralCommitment';
  title: '容缺受理承诺书';
  /** The commitment in the first person, paragraph by paragraph. */
  paragraphs: string[];
  deferredMaterials: DeferredMaterialContent[];
  deadline: DeferralDeadlineContent;
  consequences: string;
  signature: { label: string; signerName: string; dateLabel: string; signedAt: DocumentTime };
}

function materialContent(m: DeferredMaterial, itemName: (code: string) => string): DeferredMaterialContent {
  const zh = labels['zh-CN'];
  return {
    name: m.name,
    typeText: zh.materialType[m.type],
    formsText: m.forms.map((f) => zh.materialForm[f]).join('、'),
    copies: m.copies,
    acceptanceStandard: m.acceptanceStandard,
    reason: m.reason,
    itemNames: m.itemCodes.map(itemName),
  };
}

function deadlineContent(r: DeferralRecord): DeferralDeadlineContent {
  return {
    date: r.deadline.date,
    workingDays: r.deadline.workingDays,
    text: formatTimeLimit({ kind: 'workingDays', days: r.deadline.workingDays }, 'zh-CN'),
    provisional: r.deadline.provisional,
  };
}

function checkLinked(c: IntakeCase, decision: AcceptDecision, record: DeferralRecord): void {
  if (record.caseId !== c.id || record.caseNumber !== decision.caseNumber)
    throw new RangeError(`deferral record of ${record.caseNumber} does not belong to case ${decision.caseNumber}`);
}

const chineseDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** 容缺受理通知书. */
export function deferralNoticeContent(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  decision: AcceptDecision,
  record: DeferralRecord,
): DeferralNoticeContent {
  checkLinked(c, decision, record);
  const { base, acceptance } = acceptedDocumentBase(c, catalog, decision);
  const names = new Map(base.items.map((i) => [i.basicCode, i.name]));
  const deadline = deadlineContent(record);
  return {
    ...base,
    documentType: 'deferralNotice',
    title: '容缺受理通知书',
    statement:
      `您提交的申请材料主要材料齐全、符合法定形式，尚有次要材料需后补。经您书面承诺，本机关决定予以容缺受理。` +
      `请于${chineseDate(deadline.date)}前（${deadline.text}内）将下列材料补齐，提交至综合受理窗口。`,
    legalBasis: [`${ADMINISTRATIVE_LICENSING_LAW}第三十二条`],
    acceptingDepartments: acceptance.acceptingDepartments,
    promised: acceptance.promised,
    anyProvisional: acceptance.anyProvisional || deadline.provisional,
    materialsReceived: acceptance.materialsReceived,
    deferredMaterials: record.materials.map((m) => materialContent(m, (code) => names.get(code) ?? code)),
    deadline,
    consequences: record.consequences,
    approval: record.approval ? { supervisorName: record.approval.supervisorName, date: timeOf(record.approval.at).date } : null,
    signature: { label: '申请人（代理人）签收', dateLabel: '签收日期' },
  };
}

/** 容缺受理承诺书. */
export function deferralCommitmentContent(
  c: IntakeCase,
  catalog: Catalog | PreparedCatalog,
  decision: AcceptDecision,
  record: DeferralRecord,
): DeferralCommitmentContent {
  checkLinked(c, decision, record);
  const { base } = acceptedDocumentBase(c, catalog, decision);
  const names = new Map(base.items.map((i) => [i.basicCode, i.name]));
  const deadline = deadlineContent(record);
  const itemNames = base.items.map((i) => `“${i.name}”`).join('、');
  const who = base.applicant.kind === 'organisation' ? '本单位' : '本人';
  const materials = record.materials.map((m) => `《${m.name}》`).join('、');
  const signer =
    record.commitment.signedBy === 'agent'
      ? `${record.commitment.signerName ?? base.agent?.name ?? ''}（代理人）`
      : (record.commitment.signerName ?? (base.applicant.kind === 'organisation' ? base.applicant.legalRepresentative ?? record.commitment.applicantName : record.commitment.applicantName));
  return {
    ...base,
    documentType: 'deferralCommitment',
    title: '容缺受理承诺书',
    paragraphs: [
      `${who}（${record.commitment.applicantName}）申请办理${itemNames}，现有${materials}尚未提交或不符合要求，自愿申请容缺受理，并郑重承诺：`,
      `一、于${chineseDate(deadline.date)}前补齐上述材料，所补材料真实、合法、有效，与本承诺内容一致；`,
      '二、已提交的申请材料真实、合法、有效，如有虚假，自愿承担相应法律责任；',
      `三、已知悉并接受以下后果：${record.consequences}`,
    ],
    deferredMaterials: record.materials.map((m) => materialContent(m, (code) => names.get(code) ?? code)),
    deadline,
    consequences: record.consequences,
    signature: { label: '承诺人（签字或盖章）', signerName: signer, dateLabel: '日期', signedAt: timeOf(record.commitment.signedAt) },
  };
}
