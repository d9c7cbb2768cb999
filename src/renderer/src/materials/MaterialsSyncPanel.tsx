/**
 * The Sync page's part for pages (材料电子化): how much of the disk the workstation uses
 * (navigator.storage.estimate), and the upload progress in total and per case.
 */
import { useTranslation } from 'react-i18next';
import { usePagesSyncSummary } from './materials-store';
import { hrefFor } from '../ui/router';
import './materials.css';

const MB = 1024 * 1024;
const fmt = (n: number) => (n >= 1024 * MB ? `${(n / 1024 / MB).toFixed(1)} GB` : `${(n / MB).toFixed(1)} MB`);
const CASES_SHOWN = 20;

export function MaterialsSyncPanel() {
  const { t } = useTranslation();
  const data = usePagesSyncSummary(CASES_SHOWN);
  if (!data) return null;
  return (
    <div className="panel materials-sync" data-testid="materials-sync">
      <h2>{t('materials.sync.title')}</h2>
      <p className="small" data-testid="storage-estimate">
        {data.storage ? (
          <>
            <span className="storage-meter"><span style={{ width: `${data.storage.quota ? Math.min(100, (100 * data.storage.usage) / data.storage.quota) : 0}%` }} /></span>{' '}
            {t('materials.sync.storage', { used: fmt(data.storage.usage), quota: fmt(data.storage.quota) })}
          </>
        ) : (
          t('materials.sync.storageUnknown')
        )}
      </p>
      {data.total === 0 || data.cases.length === 0 ? (
        <p className="muted small">{data.total === 0 ? t('materials.sync.none') : t('materials.sync.total', { done: data.done, total: data.total, mb: '0.0' })}</p>
      ) : (
        <>
          <p className="small" data-testid="pages-total">{t('materials.sync.total', { done: data.done, total: data.total, mb: (data.pendingBytes / MB).toFixed(1) })}</p>
          <table className="table small">
            <thead><tr><th>{t('materials.sync.caseNumber')}</th><th>{t('materials.sync.progress')}</th></tr></thead>
            <tbody>
              {data.cases.map((c) => (
                <tr key={c.id} data-testid="pages-case-row">
                  <td><a href={hrefFor({ name: 'case', id: c.id })}>{c.caseNumber}</a></td>
                  <td>{t('materials.sync.caseRow', { done: c.done, total: c.total })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
