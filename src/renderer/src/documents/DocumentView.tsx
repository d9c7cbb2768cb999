/**
 * The document a decided case issues — 受理通知书, 一次性告知书 or 不予受理通知书, chosen from
 * the decision — as an A4 sheet, with the print bar above it.
 *
 * Pass the catalog of the case's own version (`case.catalogVersion`) when it is still
 * stored, so a reprint names items and departments as they were at the decision.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '@core/catalog/schema';
import type { IntakeCase } from '@core/intake/case';
import type { PreparedCatalog } from '@core/intake/checklist';
import { useLocale } from '../i18n/useLocale';
import type { CaseRecord } from '../store/db';
import { AcceptanceNotice } from './AcceptanceNotice';
import { documentContent, kindOfContent, printTitle, type DocumentContent } from './document-model';
import { OneTimeNotice } from './OneTimeNotice';
import { PrintBar } from './PrintBar';
import { RefusalNotice } from './RefusalNotice';
import './documents.css';

export type DocumentViewProps = ({ caseRecord: CaseRecord; intakeCase?: undefined } | { intakeCase: IntakeCase; caseRecord?: undefined }) & {
  catalog: Catalog | PreparedCatalog;
  /** Show 打印 / 保存 PDF 副本 above the sheet (default true). */
  printBar?: boolean;
};

/** Renders one document from its content model. */
export function DocumentSheet({ content }: { content: DocumentContent }) {
  switch (content.documentType) {
    case 'acceptanceNotice':
      return <AcceptanceNotice content={content} />;
    case 'oneTimeNotice':
      return <OneTimeNotice content={content} />;
    case 'refusalNotice':
      return <RefusalNotice content={content} />;
  }
}

export function DocumentView(props: DocumentViewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const c = props.caseRecord ? props.caseRecord.case : props.intakeCase;
  const { catalog } = props;
  const built = useMemo((): { content: DocumentContent | null } | { error: string } => {
    try {
      return { content: documentContent(c, catalog) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [c, catalog]);

  if ('error' in built) {
    return (
      <div className="alert alert-error" role="alert" data-testid="document-error">
        {t('documents.cannotRender', { message: built.error })}
      </div>
    );
  }
  const { content } = built;
  if (!content) {
    return (
      <p className="muted" data-testid="document-none">
        {t('documents.noDecision')}
      </p>
    );
  }
  const kind = kindOfContent(content);
  return (
    <div className="doc-view" data-testid="document-view">
      {props.printBar !== false && <PrintBar caseId={c.id} kind={kind} title={printTitle(kind, content.caseNumber)} />}
      {locale !== 'zh-CN' && <p className="doc-language-note no-print muted small">{t('documents.languageNote')}</p>}
      <div className="doc-desk">
        <DocumentSheet content={content} />
      </div>
    </div>
  );
}
