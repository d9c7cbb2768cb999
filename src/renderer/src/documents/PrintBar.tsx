/**
 * 打印 / 保存 PDF 副本 for the document on screen. The PDF button is a retry: the intake
 * screen keeps a copy right after the decision (`keepPdfCopy`); this shows whether one is
 * kept and lets the clerk make it again.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getHost } from '../platform/host';
import { auditCase } from '../store/audit-log';
import type { CaseDocumentKind } from '../store/db';
import { kilobytes } from './document-model';
import { keepPdfCopy, useKeptPdf } from './document-store';
import './documents.css';

export interface PrintBarProps {
  caseId: string;
  kind: CaseDocumentKind;
  /** Print job / PDF title, e.g. printTitle(kind, caseNumber). */
  title: string;
}

type Note = 'unsupported' | 'pdfFailed' | 'printFailed' | null;

export function PrintBar({ caseId, kind, title }: PrintBarProps) {
  const { t } = useTranslation();
  const kept = useKeptPdf(caseId, kind);
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);
  const [note, setNote] = useState<Note>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  // Printing is what the clerk does next: a document that opens puts focus on 打印 (Enter prints).
  useEffect(() => {
    printButton.current?.focus({ preventScroll: true });
  }, [caseId, kind]);

  async function print() {
    setBusy('print');
    setNote(null);
    // The page title names the print job and the file the print dialog suggests.
    const previous = document.title;
    document.title = title;
    try {
      await getHost().print({ title });
      void auditCase(caseId, 'notice.printed', { after: { document: kind } });
    } catch {
      setNote('printFailed');
    } finally {
      document.title = previous;
      setBusy(null);
    }
  }

  async function keepPdf() {
    setBusy('pdf');
    setNote(null);
    const previous = document.title;
    document.title = title;
    try {
      const r = await keepPdfCopy(caseId, kind, title);
      if (!r.ok) setNote(r.reason === 'unsupported' ? 'unsupported' : 'pdfFailed');
    } finally {
      document.title = previous;
      setBusy(null);
    }
  }

  return (
    <div className="doc-printbar no-print" role="toolbar" aria-label={t('documents.toolbar')} data-testid="print-bar">
      <button ref={printButton} type="button" className="btn btn-primary" onClick={() => void print()} disabled={busy !== null} data-testid="print-button">
        {busy === 'print' ? t('documents.printing') : t('documents.print')}
      </button>
      <button type="button" className="btn" onClick={() => void keepPdf()} disabled={busy !== null} data-testid="keep-pdf-button">
        {busy === 'pdf' ? t('documents.keepingPdf') : kept ? t('documents.keepPdfAgain') : t('documents.keepPdf')}
      </button>
      <span className="doc-printbar-status" role="status" aria-live="polite" data-testid="print-status">
        {note === 'unsupported' ? (
          <span className="muted">{t('documents.pdfUnsupported')}</span>
        ) : note === 'pdfFailed' ? (
          <span className="doc-printbar-error">{t('documents.pdfFailed')}</span>
        ) : note === 'printFailed' ? (
          <span className="doc-printbar-error">{t('documents.printFailed')}</span>
        ) : kept ? (
          <span className="doc-printbar-ok">{t('documents.pdfKept', { size: kilobytes(kept.bytes) })}</span>
        ) : null}
      </span>
    </div>
  );
}
