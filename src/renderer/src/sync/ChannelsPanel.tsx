/**
 * The Sync page's view of every outbound kind (channel.ts): queued, being sent, needing the
 * clerk (with the first reasons), the last success and the last problem — and "retry all" for
 * the quarantined records of a kind.
 */
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../store/live-query';
import { useLocale } from '../i18n/useLocale';
import { CASES_CHANNEL_KIND, loadChannelRows, retryKind } from './channels-store';
import { useLiveSyncStatus } from './sync-store';
import { formatTime } from './format';
import { SyncError } from './SyncError';

export function ChannelsPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const live = useLiveSyncStatus();
  const rows = useLiveQuery(() => loadChannelRows(), []);
  if (!rows) return null;
  return (
    <section className="sync-channels" data-testid="sync-channels">
      <h2>{t('sync.channels.title')}</h2>
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('sync.channels.kind')}</th>
            <th className="num">{t('sync.channels.queued')}</th>
            <th className="num">{t('sync.channels.sending')}</th>
            <th className="num">{t('sync.channels.needsFix')}</th>
            <th>{t('sync.channels.lastSuccess')}</th>
            <th>{t('sync.channels.lastProblem')}</th>
            <th>{t('sync.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ channel, overview, status }) => {
            const sending = live.running && live.phase === 'push' && (live.kind ?? CASES_CHANNEL_KIND) === channel.kind;
            return (
              <tr key={channel.kind} data-testid="channel-row" data-kind={channel.kind}>
                <td>
                  {t(`sync.kinds.${channel.kind}`, { defaultValue: channel.kind })}
                  {overview && overview.problems.length > 0 && (
                    <details className="channel-problems">
                      <summary>{t('sync.channels.problems')}</summary>
                      <ul data-testid="channel-problems">
                        {overview.problems.map((p) => (
                          <li key={p.key}>
                            <span className="mono">{p.label}</span>：{p.reason}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td className="num" data-testid="channel-queued">{overview?.queued ?? '—'}</td>
                <td className="num" data-testid="channel-sending">{sending ? `${live.done}/${live.total}` : '—'}</td>
                <td className={`num${overview && overview.needsFix > 0 ? ' channel-needs-fix' : ''}`} data-testid="channel-needsFix">
                  {overview?.needsFix ?? '—'}
                </td>
                <td className="small">{status?.lastSuccessAt ? formatTime(status.lastSuccessAt, locale) : t('sync.channels.never')}</td>
                <td className="small" data-testid="channel-problem">
                  {status?.lastError ? (
                    <>
                      <SyncError raw={status.lastError} />
                      {status.nextAttemptAt > Date.now() && <div className="muted">{t('sync.channels.nextAttempt', { time: formatTime(status.nextAttemptAt, locale) })}</div>}
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {overview && overview.needsFix > 0 && channel.kind !== CASES_CHANNEL_KIND && (
                    <button type="button" className="btn btn-small" data-testid="channel-retry" onClick={() => void retryKind(channel)}>
                      {t('sync.channels.retryAll')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
