/** The printed documents of an intake: components, print bar, PDF copies, pure helpers. */
export { AcceptanceNotice, type AcceptanceNoticeProps } from './AcceptanceNotice';
export { OneTimeNotice, type OneTimeNoticeProps } from './OneTimeNotice';
export { RefusalNotice, type RefusalNoticeProps } from './RefusalNotice';
export { DocumentView, DocumentSheet, type DocumentViewProps } from './DocumentView';
export { PrintBar, type PrintBarProps } from './PrintBar';
export { keepPdfCopy, getKeptPdf, keptPdfsOfCase, useKeptPdf, type KeepPdfResult, type KeptPdfInfo } from './document-store';
export {
  documentContent,
  documentKindOf,
  documentTitle,
  printTitle,
  DOCUMENT_TITLES,
  type CaseDocumentKind,
  type DocumentContent,
} from './document-model';
