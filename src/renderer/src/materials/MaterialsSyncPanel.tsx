/**
 * The Sync page's part for pages (材料电子化): how much of the disk the workstation uses
 * (navigator.storage.estimate), and the upload progress in total and per case.
 */
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { getDb } from '../store/db';
import { storageEstimate, type PageRecord } from '../store/page-store';
import { hrefFor } from '../ui/router';
import './materials.css';

const MB = 1024 * 1024;
const fmt = (n: number) => (n >= 1024 * MB ? `${(n / 1024 / MB).toFixed(1)} GB` : `${(n / MB).toFixed(1)} MB`);
const CASES_SHOWN = 20;

export function MaterialsSyncPanel() {
  const { t } = useTranslation();
  const data = useLiveQuery(async () => {
    const db = getDb();
    // only the small fields: the sealed Blobs stay on disk
    const rows: Pick<PageRecord, 'caseId' | 'state' | 'bytes' | 'uploadedBytes'>[] = [];
    await db.pages.each((r) => rows.push({ caseId: r.caseId, state: r.state, bytes: r.bytes, uploadedBytes: r.uploadedBytes ?? 0 }));
    const byCase = new Map<string, { total: number; done: number; pendingBytes: number }>();
    let done = 0;
    let pendingBytes = 0;
    for (const r of rows) {
      const c = byCase.get(r.caseId) ?? { total: 0, done: 0, pendingBytes: 0 };
      c.total += 1;
      if (r.state === 'confirmed') {
        c.done += 1;
        done += 1;
      } else {
        c.pendingBytes += r.bytes - Math.min(r.bytes, r.uploadedBytes ?? 0);
        pendingBytes += r.bytes - Math.min(r.bytes, r.uploadedBytes ?? 0);
      }
      byCase.set(r.caseId, c);
    }
    const open = [...byCase.entries()].filter(([, c]) => c.done < c.total).slice(0, CASES_SHOWN);
    const records = await db.cases.bulkGet(open.map(([id]) => id));
    return {
      total: rows.length,
      done,
      pendingBytes,
      cases: open.map(([id, c], i) => ({ id, caseNumber: records[i]?.caseNumber || id.slice(0, 8), ...c })),
      storage: await storageEstimate(),
    };
  }, []);
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
