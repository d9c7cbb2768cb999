/**
 * PDF copies of the printed documents, kept with the case in IndexedDB (table
 * `caseDocuments`, one copy per case and kind; a retry replaces it).
 *
 * The host prints *the current page* with the print stylesheet, so the document must be
 * on screen (a mounted `DocumentView`) when `keepPdfCopy` is called — e.g. by the intake
 * screen right after the decision has been recorded and the document rendered.
 *
 * A copy shows the applicant's full ID number, so its bytes are sealed at rest (AES-GCM bound
 * to the case and kind, store/sealed-records.ts); the size and time stay readable for the page.
 */
import { useLiveQuery } from '../store/live-query';
import { getHost } from '../platform/host';
import { getDb, type CaseDocumentKind, type CaseDocumentRecord } from '../store/db';
import { openCaseDocument, sealCaseDocument } from '../store/sealed-records';

export type KeepPdfResult =
  | { ok: true; bytes: number; createdAt: string }
  /** This host cannot make PDFs (the browser build): the print dialog can save one. */
  | { ok: false; reason: 'unsupported' }
  /** The host or the database failed; `error` for the log, never shown raw. */
  | { ok: false; reason: 'failed'; error: unknown };

/**
 * Asks the host for a PDF of the current page and stores it with the case. Never throws.
 * `title` names the PDF (see `printTitle`).
 */
export async function keepPdfCopy(caseId: string, kind: CaseDocumentKind, title: string, now: Date = new Date()): Promise<KeepPdfResult> {
  let pdf: Uint8Array | null;
  try {
    pdf = await getHost().printToPdf({ title });
  } catch (error) {
    return { ok: false, reason: 'failed', error };
  }
  if (pdf === null) return { ok: false, reason: 'unsupported' };
  try {
    const record = pdfRecord(caseId, kind, pdf, now);
    await getDb().caseDocuments.put(await sealCaseDocument(record));
    return { ok: true, bytes: record.bytes, createdAt: record.createdAt };
  } catch (error) {
    return { ok: false, reason: 'failed', error };
  }
}

/** The record stored for a PDF (a copy of the bytes: the host's buffer may be a view of a larger one). */
export function pdfRecord(caseId: string, kind: CaseDocumentKind, pdf: Uint8Array, now: Date): CaseDocumentRecord {
  const copy = new Uint8Array(pdf);
  return { caseId, kind, createdAt: now.toISOString(), pdf: copy, bytes: copy.byteLength };
}

/** The kept copy, or undefined when there is none. */
export async function getKeptPdf(caseId: string, kind: CaseDocumentKind): Promise<CaseDocumentRecord | undefined> {
  const r = await getDb().caseDocuments.get([caseId, kind]);
  return r && openCaseDocument(r);
}

/** All kept copies of a case (e.g. a notice, then the acceptance after the applicant came back). */
export async function keptPdfsOfCase(caseId: string): Promise<CaseDocumentRecord[]> {
  return Promise.all((await getDb().caseDocuments.where('caseId').equals(caseId).toArray()).map(openCaseDocument));
}

export interface KeptPdfInfo {
  bytes: number;
  createdAt: string;
}

/**
 * Live: size and time of the kept copy (without the bytes), null when there is none,
 * undefined while loading.
 */
export function useKeptPdf(caseId: string, kind: CaseDocumentKind): KeptPdfInfo | null | undefined {
  return useLiveQuery(async () => {
    const r = await getDb().caseDocuments.get([caseId, kind]);
    return r ? { bytes: r.bytes, createdAt: r.createdAt } : null;
  }, [caseId, kind]);
}
