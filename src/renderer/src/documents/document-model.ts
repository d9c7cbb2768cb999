/**
 * Pure helpers behind the printed documents (no React, no DOM): which document a decision
 * issues, its title, the Chinese date format of official documents, the labels printed in
 * the tables, the provisional-date footnote, and the QR code of the case number as an SVG
 * path. The documents are legal documents: everything here is Chinese, whatever the UI
 * language.
 */
import { create as createQr } from 'qrcode';
import type { Catalog } from '@core/catalog/schema';
import type { Decision, IntakeCase } from '@core/intake/case';
import type { PreparedCatalog } from '@core/intake/checklist';
import {
  acceptanceNoticeContent,
  oneTimeNoticeContent,
  refusalNoticeContent,
  type AcceptanceNoticeContent,
  type DocumentTime,
  type OneTimeNoticeContent,
  type RefusalNoticeContent,
} from '@core/intake/documents';
import type { CaseDocumentKind } from '../store/db';

export type { CaseDocumentKind } from '../store/db';

export type DocumentContent = AcceptanceNoticeContent | OneTimeNoticeContent | RefusalNoticeContent;

export const DOCUMENT_KINDS: readonly CaseDocumentKind[] = ['acceptance', 'oneTimeNotice', 'refusal'];

const KIND_OF_DECISION: Record<Decision['kind'], CaseDocumentKind> = {
  accept: 'acceptance',
  oneTimeNotice: 'oneTimeNotice',
  refuse: 'refusal',
};

export const DOCUMENT_TITLES = {
  acceptance: '受理通知书',
  oneTimeNotice: '一次性告知书',
  refusal: '不予受理通知书',
} as const satisfies Record<CaseDocumentKind, string>;

/** The document a decision issues. */
export function documentKindOf(decision: Pick<Decision, 'kind'>): CaseDocumentKind {
  return KIND_OF_DECISION[decision.kind];
}

/** 受理通知书 / 一次性告知书 / 不予受理通知书, from a decision or a document kind. */
export function documentTitle(of: Pick<Decision, 'kind'> | CaseDocumentKind): (typeof DOCUMENT_TITLES)[CaseDocumentKind] {
  return DOCUMENT_TITLES[typeof of === 'string' ? of : documentKindOf(of)];
}

/**
 * Title handed to the host for printing and the PDF copy (it names the print job / file):
 * `受理通知书-330106-261130-7K0042-M`. No personal data in it. At most 200 characters
 * (the host contract's limit).
 */
export function printTitle(kind: CaseDocumentKind, caseNumber: string): string {
  const number = caseNumber.trim().replace(/[/\\:*?"<>|\x00-\x1f]/g, '');
  return (number ? `${DOCUMENT_TITLES[kind]}-${number}` : DOCUMENT_TITLES[kind]).slice(0, 200);
}

/** The content model of the case's document, or null while the case has no decision. */
export function documentContent(c: IntakeCase, catalog: Catalog | PreparedCatalog): DocumentContent | null {
  const d = c.decision;
  if (!d) return null;
  switch (d.kind) {
    case 'accept':
      return acceptanceNoticeContent(c, catalog, d);
    case 'oneTimeNotice':
      return oneTimeNoticeContent(c, catalog, d);
    case 'refuse':
      return refusalNoticeContent(c, catalog, d);
  }
}

export function kindOfContent(content: DocumentContent): CaseDocumentKind {
  switch (content.documentType) {
    case 'acceptanceNotice':
      return 'acceptance';
    case 'oneTimeNotice':
      return 'oneTimeNotice';
    case 'refusalNotice':
      return 'refusal';
  }
}

// ---- dates ----------------------------------------------------------------------------

/** '2026-11-30' → '2026年11月30日' (official documents write no leading zeros). Other input is returned as is. */
export function formatDocumentDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** '2026年11月30日 09:15' (Beijing time). */
export function formatDocumentDateTime(t: Pick<DocumentTime, 'date' | 'time'>): string {
  return `${formatDocumentDate(t.date)} ${t.time}`;
}

// ---- acceptance notice -----------------------------------------------------------------

type Received = AcceptanceNoticeContent['materialsReceived'][number];

/** How a material was taken in, as printed: 原件 / 复印件 / 免提交 (fetched by data sharing). */
export const RECEIVED_LABELS = {
  original: '原件',
  copy: '复印件',
  checkedCopy: '复印件（原件已核验退还）',
  fetched: '免提交',
} as const satisfies Record<Received['received'], string>;

export function receivedLabel(m: Pick<Received, 'received'>): string {
  return RECEIVED_LABELS[m.received];
}

/** '2份'; '—' for a fetched material (nothing on paper) or zero copies. */
export function copiesText(m: Pick<Received, 'received' | 'copies'>): string {
  return m.received === 'fetched' || m.copies <= 0 ? '—' : `${m.copies}份`;
}

export const PROVISIONAL_MARK = '（暂定）';

/** Years (sorted, unique) of the promised dates counted with a provisional calendar. */
export function provisionalYears(promised: readonly { date: string; provisional: boolean }[]): string[] {
  const years = new Set(promised.filter((p) => p.provisional).map((p) => p.date.slice(0, 4)));
  return [...years].sort();
}

/**
 * The footnote under provisional dates: the year's holiday arrangement is not yet published
 * (the State Council publishes it each year, usually in November). The statutory holidays
 * are already left out by rule; only the make-up days (调休) can still move the date.
 * null when no date is provisional.
 */
export function provisionalFootnote(dates: readonly { date: string; provisional: boolean }[]): string | null {
  const years = provisionalYears(dates);
  if (years.length === 0) return null;
  const y = years.map((x) => `${x}年`).join('、');
  return (
    `标注“${PROVISIONAL_MARK}”的日期：国务院办公厅尚未公布${y}节假日安排，该日期已按《全国年节及纪念日放假办法》扣除法定节假日，` +
    `调休安排公布后日期可能变动，以按正式安排计算的工作日为准；如有变化，本中心将另行告知。`
  );
}

// ---- one-time notice --------------------------------------------------------------------

type NoticeLine = OneTimeNoticeContent['materials'][number];

export const PROBLEM_LABELS = {
  missing: '缺少',
  deficient: '需补正',
} as const satisfies Record<NoticeLine['problem'], string>;

export function problemLabel(m: Pick<NoticeLine, 'problem'>): string {
  return PROBLEM_LABELS[m.problem];
}

/** The notice's promise: everything is listed; after supplying it the applicant need come once more at most. */
export const ONE_VISIT_STATEMENT =
  '以上为需要补齐补正的全部材料。您按本告知书补齐补正后再次提交即可，本中心不再要求您提交本告知书未列明的材料，您最多只需再跑一次。' +
  '再次办理时请携带本告知书，或告知窗口工作人员本告知书的办件编号。';

// ---- parties and items --------------------------------------------------------------------

/** The items as one line: 食品经营许可；公共场所卫生许可 (a bundle is named first: 开办旅馆一件事：…). */
export function itemsLine(content: Pick<DocumentContent, 'items' | 'bundle'>): string {
  const names = content.items.map((i) => i.name).join('；');
  return content.bundle ? `${content.bundle.name}（${names}）` : names;
}

// ---- sizes -----------------------------------------------------------------------------

/** Kilobytes for "PDF copy kept (N KB)": at least 1 for any non-empty file. */
export function kilobytes(bytes: number): number {
  if (!(bytes > 0)) return 0;
  return Math.max(1, Math.round(bytes / 1024));
}

// ---- QR code ----------------------------------------------------------------------------

export interface QrSvg {
  /** Side of the square in modules, quiet zone included (viewBox `0 0 side side`). */
  side: number;
  /** One path of all dark modules, `M x y h1v1h-1z` each. */
  path: string;
}

/**
 * The QR code of `text` (error correction M, a quiet zone of `margin` modules) as an SVG
 * path, built synchronously so the document is complete as soon as it renders (a print
 * or PDF right after the decision must not catch it half drawn). An inline <svg> needs
 * no script and no data: URI under the CSP.
 */
export function qrSvg(text: string, margin = 1): QrSvg {
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (modules.get(row, col)) parts.push(`M${col + margin} ${row + margin}h1v1h-1z`);
    }
  }
  return { side: n + 2 * margin, path: parts.join('') };
}
