/** What a national implementation-list export brought in and what it could not place (国家标准格式导入报告). */
import { useTranslation } from 'react-i18next';
import type { NationalImportReport, SourceNote } from '@core/catalog/national';
import { useLocale } from '../i18n/useLocale';

export function NationalReport({ report, lossy }: { report: NationalImportReport; lossy: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const clean = report.unplaced.length === 0 && report.unknownCodes.length === 0 && report.problems.length === 0;
  return (
    <section className={lossy ? 'alert alert-error' : 'alert'} data-testid="national-report" aria-labelledby="national-report-title">
      <h2 id="national-report-title">{t('national.report.title')}</h2>
      <p data-testid="national-counts">{t('national.report.counts', { implementations: report.implementations, items: report.items, basicCodes: report.basicCodes, materials: report.materials })}</p>
      <p className="muted small">{t('national.report.bookkeeping', { count: report.bookkeepingFields })}</p>
      {clean && <p>{t('national.report.clean')}</p>}
      <NoteTable title={t('national.report.unplaced', { count: report.unplaced.length })} notes={report.unplaced} testId="national-unplaced" />
      <NoteTable title={t('national.report.unknownCodes', { count: report.unknownCodes.length })} notes={report.unknownCodes} testId="national-unknown-codes" />
      {report.problems.length > 0 && (
        <>
          <h3>{t('national.report.problems', { count: report.problems.length })}</h3>
          <ul className="plain" data-testid="national-problems">
            {report.problems.map((p, i) => (
              <li key={i}>
                <span className="mono">{p.path}</span>：{p.message[locale]}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function NoteTable({ title, notes, testId }: { title: string; notes: SourceNote[]; testId: string }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <table className="table compact" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('national.report.path')}</th>
            <th>{t('national.report.value')}</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((n, i) => (
            <tr key={i}>
              <td className="mono">{n.path}</td>
              <td>{n.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
