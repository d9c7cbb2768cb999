/**
 * Building blocks shared by the three documents: the sheet, the header (issuing body,
 * title, case number, QR code), key–value tables, the parties' rows, signature lines and
 * the issuer's block with the seal placeholder. Document text is Chinese.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import type { AgentContent, ApplicantContent } from '@core/intake/documents';
import { formatDocumentDate, qrSvg, type DocumentContent } from './document-model';
import './documents.css';
import { PrintWatermark } from '../training/PrintWatermark';

export function Sheet({ kind, title, children }: { kind: string; title: string; children: ReactNode }) {
  return (
    <article className={`doc-sheet print-area doc-${kind}`} aria-label={title} data-testid={`document-${kind}`} lang="zh-CN">
      <PrintWatermark />
      {children}
    </article>
  );
}

/** The case number as a QR code (error correction M), drawn as inline SVG. */
export function CaseNumberQr({ value }: { value: string }) {
  const qr = useMemo(() => (value ? qrSvg(value) : null), [value]);
  if (!qr) return null;
  return (
    <svg
      className="doc-qr"
      viewBox={`0 0 ${qr.side} ${qr.side}`}
      shapeRendering="crispEdges"
      role="img"
      aria-label={`办件编号二维码：${value}`}
      data-testid="document-qr"
    >
      <rect width={qr.side} height={qr.side} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}

export function DocHeader({ content, qr = false }: { content: DocumentContent; qr?: boolean }) {
  return (
    <header className="doc-header">
      <div className="doc-header-text">
        <div className="doc-issuer">{content.centre.name}</div>
        <h2 className="doc-title">{content.title}</h2>
        <div className="doc-case-number">
          <span className="doc-case-number-label">办件编号：</span>
          <span className="doc-case-number-value" data-testid="document-case-number">
            {content.caseNumber}
          </span>
        </div>
      </div>
      {qr && (
        <div className="doc-qr-box">
          <CaseNumberQr value={content.caseNumber} />
          <div className="doc-qr-caption">扫码查询办理进度</div>
        </div>
      )}
    </header>
  );
}

export interface KvCell {
  label: string;
  value: ReactNode;
  /** Spans the rest of the row (value over 3 columns). */
  wide?: boolean;
}

/** A bordered 4-column table: label | value | label | value (a wide cell takes the whole row). */
export function KvTable({ rows, testId }: { rows: KvCell[][]; testId?: string }) {
  return (
    <table className="doc-table doc-kv" data-testid={testId}>
      <colgroup>
        <col className="doc-kv-label" />
        <col />
        <col className="doc-kv-label" />
        <col />
      </colgroup>
      <tbody>
        {rows.map((cells, r) => (
          <tr key={r}>
            {cells.map((c, i) => (
              <Fragment key={i}>
                <th scope="row">{c.label}</th>
                <td colSpan={c.wide || (cells.length === 1 && i === 0) ? 3 : undefined}>{c.value}</td>
              </Fragment>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Rows for the applicant (person or organisation) and the agent, if any; `withId`: print the
 * full ID number. Each party's own phone stands beside it: the agent's number is never printed
 * as the applicant's (or the legal representative's).
 */
export function partyRows(applicant: ApplicantContent, agent: AgentContent | null, withId = true): KvCell[][] {
  const rows: KvCell[][] = [];
  if (applicant.kind === 'organisation') {
    rows.push([
      { label: applicant.founding ? '申请单位（拟设立）' : '申请单位', value: applicant.name },
      {
        label: applicant.idTypeName || '统一社会信用代码',
        value: (
          <>
            <span className="doc-mono">{applicant.idNumber || '—'}</span>
            {applicant.usccConfirmedManually && <span className="doc-aside">（已核对营业执照原件）</span>}
          </>
        ),
      },
    ]);
    rows.push([
      { label: '法定代表人', value: applicant.legalRepresentative || '—' },
      { label: '联系电话', value: applicant.phone || '—' },
    ]);
  } else {
    rows.push([
      { label: '申请人', value: applicant.name },
      { label: '证件类型', value: applicant.idTypeName },
    ]);
    if (withId) {
      rows.push([
        { label: '证件号码', value: <span className="doc-mono">{applicant.idNumber}</span> },
        { label: '联系电话', value: applicant.phone || '—' },
      ]);
    } else rows.push([{ label: '联系电话', value: applicant.phone || '—', wide: true }]);
  }
  if (agent) {
    rows.push([
      { label: '代理人', value: agent.relation ? `${agent.name}（${agent.relation}）` : agent.name },
      {
        label: '代理人证件',
        value: (
          <>
            {agent.idTypeName} <span className="doc-mono">{withId ? agent.idNumber : agent.idNumberMasked}</span>
          </>
        ),
      },
    ]);
    rows.push([{ label: '代理人联系电话', value: agent.phone || '—', wide: true }]);
  }
  return rows;
}

/** 张伟： — the salutation (the applicant, or the organisation). */
export function Salutation({ name }: { name: string }) {
  return <p className="doc-salutation">{name || '申请人'}：</p>;
}

export function SignLine({ label, value }: { label: string; value?: ReactNode }) {
  return (
    <div className="doc-sign-line">
      <span className="doc-sign-label">{label}：</span>
      <span className="doc-sign-blank">{value}</span>
    </div>
  );
}

/** Signature lines (left) and the issuing body with its seal placeholder and the date (right). */
export function SignatureAndSeal({
  content,
  applicantLabel,
  applicantDateLabel = '日期',
}: {
  content: DocumentContent;
  applicantLabel: string;
  applicantDateLabel?: string;
}) {
  return (
    <section className="doc-signatures">
      <div className="doc-sign-lines">
        <SignLine label={applicantLabel} />
        <SignLine label={applicantDateLabel} value={<span className="doc-date-blank">{'　　　　年　　月　　日'}</span>} />
        <SignLine
          label="经办人"
          value={
            <>
              {content.clerk.name}
              <span className="doc-aside">（工号 {content.clerk.clerkId}，{content.clerk.windowNo}号窗口）</span>
            </>
          }
        />
      </div>
      <div className="doc-issuer-block">
        <div className="doc-seal" aria-label="盖章处">
          （盖章）
        </div>
        <div className="doc-issuer-name">{content.centre.name}</div>
        <div className="doc-issuer-date">{formatDocumentDate(content.decidedAt.date)}</div>
      </div>
    </section>
  );
}

/** Small print at the foot: case number and catalog version, so a loose page can be traced. */
export function DocFooter({ content }: { content: DocumentContent }) {
  return (
    <footer className="doc-footer">
      <span>办件编号 {content.caseNumber}</span>
      <span>事项目录版本 {content.catalogVersion}</span>
      <span>工作站 {content.clerk.workstationId}</span>
    </footer>
  );
}
