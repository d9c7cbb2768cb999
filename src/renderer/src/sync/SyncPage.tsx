/**
 * #/sync — the outbox by state (with the reason of each case that needs the clerk and a
 * "retry now" button), the last sync, "sync now", and every other outbound kind (ChannelsPanel).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { NOT_SCHEDULED, type OutboxState } from '@core/sync/outbox';
import { useCatalog } from '../catalog/CatalogContext';
import { departmentNames } from '../catalog/department-name';
import { hrefFor } from '../ui/router';
import { useLocale } from '../i18n/useLocale';
import { formatTime } from './format';
import { requestSync } from './runtime';
import { countOutboxByState, loadServerConfig, loadSyncStatus, outboxEntriesIn, retryAllNow, retryEntryNow, useLiveSyncStatus } from './sync-store';
import { SyncProgress } from './SyncTopBar';
import { SyncError } from './SyncError';
import { ChannelsPanel } from './ChannelsPanel';
import { MaterialsSyncPanel } from '../materials/MaterialsSyncPanel'; // 材料电子化: disk use and page uploads
import './sync.css';

const STATES: readonly OutboxState[] = ['needsFix', 'retry', 'queued', 'sending', 'acknowledged'];
const LIST_LIMIT = 200;

export function SyncPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const live = useLiveSyncStatus();
  const { departments } = useCatalog();
  const [chosen, setChosen] = useState<OutboxState | null>(null);
  const info = useLiveQuery(async () => {
    const counts = await countOutboxByState(STATES);
    return { counts, status: await loadSyncStatus(), configured: (await loadServerConfig()) !== null };
  }, []);
  const state: OutboxState = chosen ?? (info ? (STATES.find((s) => s !== 'acknowledged' && info.counts[s] > 0) ?? 'acknowledged') : 'needsFix');
  const rows = useLiveQuery(() => outboxEntriesIn(state, LIST_LIMIT), [state]);

  if (!info) return <div className="loading">{t('app.loading')}</div>;
  const { counts, status, configured } = info;
  return (
    <section className="sync-page" data-testid="sync-page">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('sync.title')}</h1>
          <div className="muted small" data-testid="last-sync">
            {status?.lastSuccessAt ? t('sync.page.lastSync', { time: formatTime(status.lastSuccessAt, locale) }) : t('sync.page.neverSynced')}
            {status && status.lastAttemptAt !== status.lastSuccessAt && (
              <>
                {' · '}
                {t('sync.page.lastAttempt', { time: formatTime(status.lastAttemptAt, locale) })} — {t(`sync.outcomes.${status.outcome}`)}
                {status.detail ? (
                  <>
                    {' ('}
                    <SyncError raw={status.detail} />)
                  </>
                ) : (
                  ''
                )}
              </>
            )}
          </div>
        </div>
        <div className="actions">
          <button type="button" className="btn btn-primary" data-testid="sync-now" disabled={!configured || live.running} onClick={() => void requestSync()}>
            {live.running ? t('sync.page.syncing') : t('sync.page.syncNow')}
          </button>
        </div>
      </div>
      {!configured && (
        <div className="alert" role="note">
          {t('sync.page.notConfigured')} <a href={hrefFor({ name: 'settings' })}>{t('settings.nav')}</a>
        </div>
      )}
      <SyncProgress />
      <div className="tabs sync-tabs" role="tablist" aria-label={t('sync.page.states')}>
        {STATES.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={s === state}
            className={s === state ? 'tab current' : 'tab'}
            data-testid={`sync-tab-${s}`}
            onClick={() => setChosen(s)}
          >
            {t(`sync.states.${s}`)} <span className="count" data-testid={`sync-count-${s}`}>{counts[s]}</span>
          </button>
        ))}
      </div>
      {(state === 'needsFix' || state === 'retry') && counts[state] > 1 && (
        <div className="sync-bulk">
          <button type="button" className="btn btn-small" data-testid="retry-all" onClick={() => void retryAllNow(state).then(() => requestSync())}>
            {t('sync.page.retryAll', { n: counts[state] })}
          </button>
        </div>
      )}
      {rows === undefined ? (
        <div className="loading">{t('app.loading')}</div>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="sync-empty">{t('sync.page.empty')}</p>
      ) : (
        <table className="table compact sync-table" data-testid="outbox-table">
          <thead>
            <tr>
              <th>{t('sync.columns.caseNumber')}</th>
              <th>{t('sync.columns.state')}</th>
              <th>{t('sync.columns.attempts')}</th>
              <th>{t('sync.columns.enqueuedAt')}</th>
              <th>{state === 'acknowledged' ? t('sync.columns.acknowledgedAt') : t('sync.columns.nextAttempt')}</th>
              <th>{t('sync.columns.reason')}</th>
              <th>{t('sync.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.caseId} data-testid="outbox-row" data-state={e.state} data-case-id={e.caseId}>
                <td className="mono">
                  <a href={hrefFor({ name: 'case', id: e.caseId })}>{e.caseNumber}</a>
                </td>
                <td>
                  <span className={`tag sync-state-${e.state}`}>{t(`sync.states.${e.state}`)}</span>
                </td>
                <td>{e.attempts}</td>
                <td className="small">{formatTime(e.enqueuedAt, locale)}</td>
                <td className="small">
                  {e.state === 'acknowledged'
                    ? e.acknowledgedAt !== null
                      ? formatTime(e.acknowledgedAt, locale)
                      : '—'
                    : e.state === 'queued'
                      ? t('sync.page.asap')
                      : e.nextAttemptAt >= NOT_SCHEDULED
                        ? '—'
                        : formatTime(e.nextAttemptAt, locale)}
                </td>
                <td className="small" data-testid="outbox-reason">
                  {e.needsFix ? (
                    <>
                      <strong>{t(`sync.needsFix.${e.needsFix.local ? 'local' : e.needsFix.outcome}`)}</strong>: {e.needsFix.reason}
                      {e.needsFix.paths.length > 0 && <div className="mono muted">{e.needsFix.paths.slice(0, 5).join(', ')}</div>}
                    </>
                  ) : e.state === 'acknowledged' ? (
                    e.departments.length > 0 ? t('sync.page.departments', { list: departmentNames(departments, e.departments, locale) }) : ''
                  ) : e.lastError ? (
                    <SyncError raw={e.lastError} />
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {(e.state === 'retry' || e.state === 'needsFix') && (
                    <button type="button" className="btn btn-small" data-testid="retry-now" onClick={() => void retryEntryNow(e.caseId).then(() => requestSync())}>
                      {t('sync.page.retryNow')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length >= LIST_LIMIT && counts[state] > LIST_LIMIT && <p className="muted small">{t('sync.page.more', { n: LIST_LIMIT, total: counts[state] })}</p>}
      <ChannelsPanel />
      <MaterialsSyncPanel />
    </section>
  );
}
