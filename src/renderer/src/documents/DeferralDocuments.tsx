/**
 * 容缺受理通知书 and 容缺受理承诺书, rendered from the core content models
 * (deferralNoticeContent / deferralCommitmentContent) as A4 sheets like the other documents.
 * Shown on the case page of a 容缺 case, below the acceptance notice; printable.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '@core/catalog/schema';
import type { IntakeCase } from '@core/intake/case';
import type { PreparedCatalog } from '@core/intake/checklist';
import {
  deferralCommitmentContent,
  deferralNoticeContent,
  type DeferralCommitmentContent,
  type DeferralNoticeContent,
  type DeferredMaterialContent,
} from '@core/lifecycle/deferralDocuments';
import { getHost } from '../platform/host';
import { formatDocumentDate, formatDocumentDateTime, PROVISIONAL_MARK, provisionalFootnote, type DocumentContent } from './document-model';
import { DocFooter, DocHeader, KvTable, partyRows, Salutation, Sheet, SignatureAndSeal, SignLine } from './parts';
import './documents.css';
import { DeferralStatus } from '../deferral/DeferralStatus';

const asBase = (c: DeferralNoticeContent | DeferralCommitmentContent): DocumentContent => c as unknown as DocumentContent;

/** A date as printed, with the provisional mark when the year's arrangement is not yet published. */
function DocDate({ date, provisional }: { date: string; provisional: boolean }) {
  return (
    <span data-provisional={provisional || undefined}>
      {formatDocumentDate(date)}
      {provisional && <span className="doc-provisional">{PROVISIONAL_MARK}</span>}
    </span>
  );
}

function ProvisionalNote({ dates }: { dates: readonly { date: string; provisional: boolean }[] }) {
  const note = provisionalFootnote(dates);
  return note ? (
    <p className="doc-footnote" data-testid="document-provisional-note">
      注：{note}
    </p>
  ) : null;
}

function DeferredTable({ materials }: { materials: DeferredMaterialContent[] }) {
  return (
    <table className="doc-table doc-list" data-testid="document-deferred-materials">
      <thead>
        <tr>
          <th scope="col">序号</th>
          <th scope="col">材料名称</th>
          <th scope="col">材料形式</th>
          <th scope="col">份数</th>
          <th scope="col">容缺原因</th>
        </tr>
      </thead>
      <tbody>
        {materials.map((m, i) => (
          <tr key={`${i}-${m.name}`}>
            <td className="doc-center">{i + 1}</td>
            <td>
              {m.name}
              <div className="doc-aside">{m.acceptanceStandard}</div>
            </td>
            <td className="doc-center">
              {m.typeText}
              <div className="doc-aside">{m.formsText}</div>
            </td>
            <td className="doc-center">{m.copies}</td>
            <td>{m.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeferralNotice({ content }: { content: DeferralNoticeContent }) {
  const departments = content.acceptingDepartments.map((d) => d.name).join('、') || '—';
  return (
    <Sheet kind="deferral-notice" title={content.title}>
      <DocHeader content={asBase(content)} qr />
      <Salutation name={content.applicant.name} />
      <p className="doc-para">{content.statement}</p>
      <KvTable
        rows={[
          ...partyRows(content.applicant, content.agent),
          [{ label: '受理部门', value: departments, wide: true }],
          [
            { label: '受理时间', value: formatDocumentDateTime(content.decidedAt) },
            { label: '补齐截止日期', value: <span data-testid="document-deferral-deadline"><DocDate date={content.deadline.date} provisional={content.deadline.provisional} />（{content.deadline.text}）</span> },
          ],
          ...(content.approval ? [[{ label: '审批人', value: `${content.approval.supervisorName}（${formatDocumentDate(content.approval.date)}）`, wide: true }]] : []),
        ]}
      />
      <h3 className="doc-section">容缺后补材料</h3>
      <DeferredTable materials={content.deferredMaterials} />
      <h3 className="doc-section">承诺办结日期</h3>
      <ul className="doc-para">
        {content.promised.map((p) => (
          <li key={p.basicCode}>
            {p.itemName}：{p.limitText}，<DocDate date={p.date} provisional={p.provisional} />
          </li>
        ))}
      </ul>
      <h3 className="doc-section">逾期后果</h3>
      <p className="doc-para">{content.consequences}</p>
      <ProvisionalNote dates={[...content.promised, content.deadline]} />
      <p className="doc-footnote">依据：{content.legalBasis.join('；')}</p>
      <SignatureAndSeal content={asBase(content)} applicantLabel={content.signature.label} applicantDateLabel={content.signature.dateLabel} />
      <DocFooter content={asBase(content)} />
    </Sheet>
  );
}

export function DeferralCommitment({ content }: { content: DeferralCommitmentContent }) {
  return (
    <Sheet kind="deferral-commitment" title={content.title}>
      <DocHeader content={asBase(content)} />
      {content.paragraphs.map((p, i) => (
        <p key={i} className="doc-para">
          {p}
        </p>
      ))}
      <h3 className="doc-section">容缺后补材料</h3>
      <DeferredTable materials={content.deferredMaterials} />
      <p className="doc-para">补齐截止日期：<DocDate date={content.deadline.date} provisional={content.deadline.provisional} />（{content.deadline.text}）</p>
      <ProvisionalNote dates={[content.deadline]} />
      <section className="doc-signatures">
        <div className="doc-sign-lines">
          <SignLine label={content.signature.label} value={content.signature.signerName} />
          <SignLine label={content.signature.dateLabel} value={formatDocumentDateTime(content.signature.signedAt)} />
        </div>
      </section>
      <DocFooter content={asBase(content)} />
    </Sheet>
  );
}

/** Both 容缺 documents of a decided case, or nothing for an ordinary case. */
export function DeferralDocumentsView({ c, catalog }: { c: IntakeCase; catalog: Catalog | PreparedCatalog }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const built = useMemo(() => {
    const d = c.decision;
    if (d?.kind !== 'accept' || !d.deferral) return null;
    try {
      return { notice: deferralNoticeContent(c, catalog, d, d.deferral), commitment: deferralCommitmentContent(c, catalog, d, d.deferral) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [c, catalog]);
  if (!built) return null;
  if ('error' in built) return <div className="alert alert-error" role="alert">{t('documents.cannotRender', { message: built.error })}</div>;
  const print = async () => {
    setBusy(true);
    const previous = document.title;
    document.title = `容缺受理通知书-${c.caseNumber ?? ''}`;
    try {
      await getHost().print({ title: document.title });
    } catch {
      // the print dialog was closed or is not available
    } finally {
      document.title = previous;
      setBusy(false);
    }
  };
  return (
    <div className="doc-view deferral-docs" data-testid="deferral-documents">
      <div className="doc-printbar no-print">
        <h2>{t('deferral.docs.title')}</h2>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void print()} data-testid="print-deferral">
          {t('documents.print')}
        </button>
      </div>
      {c.decision?.kind === 'accept' && c.decision.deferral && <DeferralStatus record={c.decision.deferral} />}
      <div className="doc-desk">
        <DeferralNotice content={built.notice} />
      </div>
      <div className="doc-desk">
        <DeferralCommitment content={built.commitment} />
      </div>
    </div>
  );
}
