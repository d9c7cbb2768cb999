/**
 * A decided case: its decision and the document to hand over (受理通知书 / 一次性告知书 /
 * 不予受理通知书), printable; a PDF copy is kept with the case where the host can make one.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { formatCaseNumberForSpeech } from '@core/intake/caseNumber';
import { loadCatalogVersion } from '../catalog/catalog-store';
import { getCaseRecord } from '../store/case-store';
import { useLocale } from '../i18n/useLocale';
import { hrefFor, navigate } from '../ui/router';
import { DocumentView } from '../documents';
import { keepPdfCopy, getKeptPdf } from '../documents/document-store';
import { documentKindOf, printTitle } from '../documents/document-model';
import { CaseTimeline } from '../sync/CaseTimeline';
import { CaseUploadStatus } from '../materials/CaseUploadStatus'; // 材料电子化
import { CorrectionPanel } from '../correction/CorrectionPanel';
import { DeferralDocumentsView } from '../documents/DeferralDocuments';
import { RateButton } from '../handouts/RateButton';
import { SupervisorHistory } from '../audit/CaseAuditHistory';
import { auditCaseOpened } from '../store/audit-log';
import { CaseReviewFeedback } from '../review/FeedbackPage';
import { FollowUpButton } from './FollowUpButton';

export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const record = useLiveQuery(async () => (await getCaseRecord(id)) ?? null, [id]);
  const catalogRecord = useLiveQuery(
    async () => (record ? ((await loadCatalogVersion(record.case.catalogVersion)) ?? null) : undefined),
    [record?.case.catalogVersion],
  );
  const pdfTried = useRef(false);
  const decided = !!record && record.status !== 'draft';

  // The page shows the applicant in full: the opening enters the case's audit chain (who, where,
  // when), at most once per user and case per few minutes (core shouldRecordOpening).
  useEffect(() => {
    if (decided) void auditCaseOpened(id);
  }, [id, decided]);

  // Keep a PDF copy once, right after the document first renders (where the host can make one).
  useEffect(() => {
    if (!record || !catalogRecord || record.status === 'draft' || !record.case.decision || pdfTried.current) return;
    pdfTried.current = true;
    const kind = documentKindOf(record.case.decision);
    void (async () => {
      if (await getKeptPdf(record.id, kind)) return;
      await new Promise((r) => setTimeout(r, 300)); // let the QR code and fonts settle
      await keepPdfCopy(record.id, kind, printTitle(kind, record.caseNumber)).catch(() => undefined);
    })();
  }, [record, catalogRecord]);

  if (record === undefined || catalogRecord === undefined) return <div className="loading">{t('app.loading')}</div>;
  if (record === null) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
      </section>
    );
  }
  if (record.status === 'draft') {
    navigate({ name: 'intake', id });
    return null;
  }
  const c = record.case;
  return (
    <section className="case-page" data-testid="case-page">
      <div className="page-head no-print">
        <div>
          <div className="muted small">{t(`casePage.status.${record.status}`)} · {record.subjectName}</div>
          <h1 tabIndex={-1} data-testid="case-number">{record.caseNumber}</h1>
          <div className="muted small" title={t('casePage.readAloud')}>
            {formatCaseNumberForSpeech(record.caseNumber, locale)}
          </div>
          <CaseUploadStatus caseId={id} />
        </div>
        <div className="actions">
          {record.status === 'noticeIssued' && <FollowUpButton c={c} />}
          {c.followsUp && (
            <a className="muted small" href={hrefFor({ name: 'case', id: c.followsUp.caseId })} data-testid="follows-up-link">
              {t('followUp.after', { caseNumber: c.followsUp.caseNumber })}
            </a>
          )}
          {record.status === 'accepted' && record.caseNumber && <RateButton caseId={id} caseNumber={record.caseNumber} trigger="afterAcceptance" />}
          <a className="btn" href="#/">{t('casePage.nextApplicant')}</a>
        </div>
      </div>
      <CaseReviewFeedback caseId={id} />
      {catalogRecord && record.status === 'accepted' && <CorrectionPanel record={record} catalog={catalogRecord.catalog} />}
      {catalogRecord ? (
        <>
          <DocumentView caseRecord={record} catalog={catalogRecord.catalog} />
          <DeferralDocumentsView c={c} catalog={catalogRecord.catalog} />
        </>
      ) : (
        <div className="alert alert-error" role="alert">{t('casePage.catalogMissing', { version: c.catalogVersion })}</div>
      )}
      <CaseTimeline caseId={id} />
      <SupervisorHistory caseId={id} />
    </section>
  );
}
